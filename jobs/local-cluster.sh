#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the Spark jars Maven resolves (no Spark distribution needed):
# one Master and one Worker, each its own JVM, on 127.0.0.1. For trying jobs/submit.sh against a real cluster.
#
#   jobs/local-cluster.sh start DIR     # prints the master URL, e.g. spark://127.0.0.1:7077
#   jobs/submit.sh --master spark://127.0.0.1:7077 --deploy-mode cluster -- --input "$PWD/src/sample/corpus" --warehouse /tmp/wh
#   jobs/local-cluster.sh stop DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/jobs/lib.sh"
cmd="${1:?usage: jobs/local-cluster.sh start|stop DIR}"
dir="$(mkdir -p "${2:?usage: jobs/local-cluster.sh start|stop DIR}" && cd "$2" && pwd)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

case "$cmd" in
  start)
    gongkai_build_cluster_jar
    # the layout the Worker's launcher expects: SPARK_HOME/jars
    rm -rf "$dir/spark-home" && mkdir -p "$dir/spark-home/jars" "$dir/spark-home/conf" "$dir/work"
    tr ':' '\n' < "$here/target/spark-classpath.txt" | while read -r jar; do ln -s "$jar" "$dir/spark-home/jars/"; done
    port="$(free_port)"
    cp="$dir/spark-home/jars/*"
    opens="$(gongkai_jvm_opens)"
    export SPARK_HOME="$dir/spark-home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
    # shellcheck disable=SC2086
    nohup java -Xmx512m $opens -cp "$cp" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port "$(free_port)" > "$dir/master.log" 2>&1 &
    echo $! > "$dir/master.pid"
    for _ in $(seq 1 120); do grep -q "I have been elected leader" "$dir/master.log" 2>/dev/null && break; sleep 0.5; done
    # shellcheck disable=SC2086
    nohup java -Xmx512m $opens -cp "$cp" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores 2 --memory 2g --webui-port "$(free_port)" --work-dir "$dir/work" \
      "spark://127.0.0.1:$port" > "$dir/worker.log" 2>&1 &
    echo $! > "$dir/worker.pid"
    for _ in $(seq 1 120); do grep -q "Successfully registered with master" "$dir/worker.log" 2>/dev/null && break; sleep 0.5; done
    grep -q "Successfully registered with master" "$dir/worker.log" || { echo "worker did not register" >&2; exit 1; }
    echo "spark://127.0.0.1:$port" | tee "$dir/master-url"
    ;;
  stop)
    for p in worker master; do
      [ -f "$dir/$p.pid" ] && kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
    done
    ;;
  *) echo "usage: jobs/local-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
