#!/usr/bin/env bash
# The job against real object storage on this machine: S3Proxy (an S3-compatible server, from Maven Central) on
# 127.0.0.1 serves a folder of reports as the bucket "reports", and the job reads s3a://reports/crawl/** and
# writes its tables to s3a://reports/gongkai (or --warehouse DIR).
#
#   jobs/s3-local.sh                         # the bundled sample corpus
#   jobs/s3-local.sh /data/reports           # your folder
#
# The endpoint and credentials reach Spark as configuration (spark.hadoop.fs.s3a.*) and the environment
# (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY); the same settings work against any S3-compatible store.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# FOLDER, and a relative --warehouse, are taken from the directory you run this from
corpus="$(cd "${1:-$here/src/sample/corpus}" && pwd)"
shift || true
version="$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$here/pom.xml" | head -1)"
jar="$here/target/it/s3proxy.jar"
if [ ! -f "$jar" ]; then
  (cd "$here" && mvn -B -q -ntp dependency:copy -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" \
    -DoutputDirectory=target/it -Dmdep.stripClassifier=true -Dmdep.stripVersion=true) >&2
  mv "$here/target/it/s3proxy.jar" "$jar" 2>/dev/null || true
fi
# the bucket's files stay in target/s3-local/blobs/reports (the tables under gongkai/) after the run
work="$here/target/s3-local"
rm -rf "$work/blobs/reports/crawl"
mkdir -p "$work"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local-$RANDOM$RANDOM}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}"
# the filesystem backend: a bucket is a folder, its objects are files
mkdir -p "$work/blobs/reports/crawl"
cp -r "$corpus"/. "$work/blobs/reports/crawl/"
cat > "$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/blobs
jclouds.identity=$AWS_ACCESS_KEY_ID
jclouds.credential=$AWS_SECRET_ACCESS_KEY
s3proxy.ignore-unknown-headers=true
PROPS
java -Xmx512m -jar "$jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
proxy=$!
trap 'kill $proxy 2>/dev/null' EXIT
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
echo "S3Proxy on http://127.0.0.1:$port serving $corpus as s3a://reports/crawl/" >&2
"$here/jobs/run-local.sh" --input 's3a://reports/crawl/**' --warehouse s3a://reports/gongkai \
  --conf spark.hadoop.fs.s3a.endpoint="http://127.0.0.1:$port" \
  --conf spark.hadoop.fs.s3a.endpoint.region=us-east-1 \
  --conf spark.hadoop.fs.s3a.path.style.access=true \
  --conf spark.hadoop.fs.s3a.connection.ssl.enabled=false \
  --conf spark.hadoop.fs.s3a.change.detection.mode=none \
  --conf spark.hadoop.fs.s3a.change.detection.version.required=false \
  --conf spark.hadoop.fs.s3a.input.stream.type=classic \
  --conf spark.hadoop.fs.s3a.aws.credentials.provider=software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider \
  "$@"
