#!/usr/bin/env bash
# spark-submit of the application jar (target/gongkai-cluster.jar: gongkai without Spark, Scala or Hadoop's
# client, which the cluster provides). Every argument is passed through: spark-submit's own options first,
# then gongkai's after "--".
#
#   jobs/submit.sh --master yarn --deploy-mode cluster --num-executors 20 \
#       -- --input s3a://bucket/reports/2024/** --warehouse s3a://bucket/gongkai
#   jobs/submit.sh --master local[2] -- --input src/sample/corpus --warehouse /tmp/wh
#
# With SPARK_HOME set, its bin/spark-submit is used. Without a Spark distribution, Spark's own launcher class
# (org.apache.spark.deploy.SparkSubmit) runs from the Spark jars Maven brings.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/jobs/lib.sh"
gongkai_build_cluster_jar

submit_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do submit_args+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift

conf=(--conf "spark.driver.extraJavaOptions=$(gongkai_props)")
if [ -n "${SPARK_HOME:-}" ]; then
  exec "$SPARK_HOME/bin/spark-submit" "${conf[@]}" --class org.gongkai.job.GongkaiJob "${submit_args[@]}" \
    "$here/target/gongkai-cluster.jar" "$@"
fi
# Spark's jars only (Maven's provided scope): the application's classes come from the cluster jar, as on a cluster.
# shellcheck disable=SC2046
exec java ${GONGKAI_JAVA_OPTS:-} $(gongkai_gc) $(gongkai_jvm_opens) -cp "$(cat "$here/target/spark-classpath.txt")" \
  org.apache.spark.deploy.SparkSubmit "${conf[@]}" --class org.gongkai.job.GongkaiJob "${submit_args[@]}" \
  "$here/target/gongkai-cluster.jar" "$@"
