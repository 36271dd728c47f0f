#!/usr/bin/env bash
# The main job on one machine: Spark in local mode. With no arguments it reads the bundled sample corpus
# (src/sample/corpus) and writes the Delta tables under ./warehouse, as conf/gongkai.yaml says.
#
#   jobs/run-local.sh                                   # the sample corpus
#   jobs/run-local.sh --input /data/reports/2024 --warehouse /data/gongkai
#   jobs/run-local.sh --input s3a://bucket/reports/** --manifest s3a://bucket/manifest.csv
#   jobs/run-local.sh --reprocess                       # parse everything again (new parser version)
#
# Options are those of `jobs/gongkai run --help`; GONGKAI_JAVA_OPTS adds JVM options (default -Xmx4g). Relative
# paths (--input, --warehouse, --config, and those of the configuration file) are taken from the directory you run
# it from; the configuration is ./conf/gongkai.yaml when there is one, else the repository's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/jobs/lib.sh"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
gongkai_build
cds="$(gongkai_cds)"
# shellcheck disable=SC2046
exec java ${GONGKAI_JAVA_OPTS:--Xmx4g} $(gongkai_gc) $(gongkai_jvm_opens) $(gongkai_props) $cds \
  -cp "$(gongkai_classpath)" org.gongkai.cli.Gongkai run --master "local[*]" "$@"
