#!/usr/bin/env bash
# The yearly job: recompute year Y's gold tables (rollup, agency_year) and the cross-year checks (Y−1 → Y), each
# table in one Delta commit. Safe to rerun, and to run for past years.
#
#   jobs/yearly-rollup.sh --year 2024                          # local mode, warehouse from conf/gongkai.yaml
#   jobs/yearly-rollup.sh --year 2024 --warehouse s3a://bucket/gongkai
#   GONGKAI_SUBMIT="--master yarn --deploy-mode cluster" jobs/yearly-rollup.sh --year 2024   # on a cluster
set -euo pipefail
# Relative paths (--warehouse) are taken from the directory you run it from.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${GONGKAI_SUBMIT:-}" ]; then
  # shellcheck disable=SC2086
  exec "$here/jobs/submit.sh" $GONGKAI_SUBMIT -- rollup "$@"
fi
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec "$here/jobs/gongkai" rollup --master "local[*]" "$@"
