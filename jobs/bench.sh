#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail tests). Results are appended to jobs/bench-results.md.
#
#   jobs/bench.sh jmh            # the parsing core per layout, JMH: reports per second on one core
#   jobs/bench.sh job 10000      # generate N reports, run the full job in local mode and the bare Spark job on the
#                                # same files (the ratio of the two), a rerun with 0 new files, a 1% incremental rerun
#   jobs/bench.sh all            # jmh, then the job at 10,000 and 100,000 reports
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/jobs/lib.sh"
# BENCH_DIR is taken from the directory you run this from, before the script moves to the repository
work="$(realpath -m "${BENCH_DIR:-/tmp/gongkai-bench}")"
cd "$here"
results="$here/jobs/bench-results.md"
machine="$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"

jmh() {
  (mvn -B -q -ntp -DskipTests -DskipCluster test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test) >&2
  local json="$work/jmh.json"
  mkdir -p "$work"
  java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
    ParserBenchmark -rf json -rff "$json" | tee "$work/jmh.txt"
  {
    echo
    echo "## Parsing core, JMH, $(date -u +%Y-%m-%d) ($machine)"
    echo
    echo "| layout fixture | reports/s on one core | ± (99.9%) |"
    echo "|---|---|---|"
    python3 - "$json" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1])):
    m = b["primaryMetric"]
    print(f"| {b['params']['file']} | {m['score']:.0f} | {m['scoreError']:.0f} |")
PY
  } >> "$results"
}

# Runs a command under /usr/bin/time, its output in the log, "seconds max_rss_kib" in the log's .time file. A
# failed command stops the benchmark with the log's end: its time is no figure.
timed() {
  local log="$1"; shift
  if ! /usr/bin/time -f "%e %M" -o "$log.time" "$@" > "$log" 2>&1; then
    echo "bench: '$*' failed; the end of $log:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
}

# The bare Spark job (src/test/java/org/gongkai/bench/BareJob.java), with the job's JVM options and Spark
# settings: reads the same files, writes one reports row and 200 metrics rows per file to Delta, parses nothing.
timed_bare() {
  local log="$1"; shift
  # shellcheck disable=SC2046
  # the job's class-data archive too (its classpath first: the archive is valid for that prefix only)
  timed "$log" java ${GONGKAI_JAVA_OPTS:--Xmx4g} $(gongkai_gc) $(gongkai_jvm_opens) $(gongkai_props) $(gongkai_cds) \
    -cp "$(gongkai_classpath):target/test-classes" org.gongkai.bench.BareJob "$@"
}

# The job.
timed_run() {
  local log="$1"; shift
  timed "$log" jobs/run-local.sh "$@"
}

job() {
  local n="$1" dir="$work/n$1"
  rm -rf "$dir"
  gongkai_build
  gongkai_cds > /dev/null # the class-data archive made before anything is timed, not in the first run
  local gen_start gen_end
  gen_start=$(date +%s.%N)
  jobs/gongkai generate --reports "$n" --out "$dir/corpus" --seed 42 --anomaly-rate 0.05 >/dev/null
  gen_end=$(date +%s.%N)
  (mvn -B -q -ntp -DskipTests -DskipCluster test-compile) >&2
  timed_run "$dir/full.log" --input "$dir/corpus/files" --warehouse "$dir/wh"
  read -r full_s full_rss < "$dir/full.log.time"
  # the floor, in the same run on the same files: the ratio full / bare is the figure of record (the VM's speed
  # varies between runs, a ratio of two measurements minutes apart much less)
  timed_bare "$dir/bare.log" "$dir/corpus/files" "$dir/bare-wh"
  read -r bare_s _ < "$dir/bare.log.time"
  rm -rf "$dir/bare-wh"
  # a rerun with nothing new: listing, comparing with the files table, nothing to parse, check or roll up
  timed_run "$dir/zero.log" --input "$dir/corpus/files" --warehouse "$dir/wh"
  read -r zero_s _ < "$dir/zero.log.time"
  # accuracy of the full run against its own ground truth, before other files join the warehouse (the extra
  # files' agencies can collide with the corpus's and would blur anomaly precision)
  # BENCH_EVALUATE=0 skips it (at 100,000 reports the truth file is 800 MB and the evaluation takes many minutes)
  if [ "${BENCH_EVALUATE:-1}" = 1 ]; then
    jobs/gongkai evaluate --truth "$dir/corpus/truth.jsonl" --warehouse "$dir/wh" > "$dir/evaluate.txt" 2>/dev/null || true
  else
    echo "(evaluation skipped: BENCH_EVALUATE=0)" > "$dir/evaluate.txt"
  fi
  # 1% new files, then the incremental rerun: the yearly case, new reports of one year (the job then rechecks
  # and rolls up that year and the next only)
  local extra=$(( n / 100 ))
  jobs/gongkai generate --reports "$extra" --years 2025-2025 --out "$dir/extra" --seed 4242 --anomaly-rate 0.05 >/dev/null
  mkdir -p "$dir/corpus/files/new"
  find "$dir/extra/files" -type f -exec cp {} "$dir/corpus/files/new/" \;
  timed_run "$dir/inc.log" --input "$dir/corpus/files" --warehouse "$dir/wh"
  read -r inc_s inc_rss < "$dir/inc.log.time"
  {
    echo
    echo "## Full job, $n reports, $(date -u +%Y-%m-%d) ($machine, Spark local[*], JVM options: ${GONGKAI_JAVA_OPTS:--Xmx4g} $(gongkai_gc))"
    echo
    echo "| measure | value |"
    echo "|---|---|"
    printf "| corpus generation | %.1f s |\n" "$(echo "$gen_end - $gen_start" | bc)"
    echo "| full run wall time | ${full_s} s |"
    echo "| bare Spark job, same files, same rows written (BareJob) | ${bare_s} s |"
    printf "| **full job / bare job** | **%.2f** |\n" "$(echo "$full_s / $bare_s" | bc -l)"
    echo "| rerun with 0 new files | ${zero_s} s ($(echo "100 * $zero_s / $full_s" | bc) % of the full run) |"
    printf "| files per second | %.0f |\n" "$(echo "$n / $full_s" | bc -l)"
    echo "| peak memory of the local-mode JVM (driver and executors) | $(( full_rss / 1024 )) MiB |"
    echo "| incremental rerun, $extra new files (1%, all of 2025) | ${inc_s} s ($(echo "100 * $inc_s / $full_s" | bc) % of the full run) |"
    echo "| peak memory, incremental rerun | $(( inc_rss / 1024 )) MiB |"
    tr '\r' '\n' < "$dir/full.log" | grep -E "^ *[0-9]+ files seen" | sed 's/^ */| full run | /; s/$/ |/'
    for run in full inc; do
      # the job's own timings: elapsed ms at the end of each phase
      echo "| phases, $run run | $(tr '\r' '\n' < "$dir/$run.log" | grep -a "GongkaiJob: " \
        | sed -E 's/.*: ([^:]*) \(([0-9]+) ms\)$/\1 at \2 ms/' | sed -E 's/^[0-9]+ files seen.* skipped/accounting/' \
        | paste -sd ';' | sed 's/;/; /g') |"
    done
    echo
    echo '```'
    cat "$dir/evaluate.txt"
    echo '```'
  } >> "$results"
}

case "${1:-all}" in
  jmh) jmh ;;
  job) job "${2:-10000}" ;;
  all) jmh; job 10000; job 100000 ;;
  *) echo "usage: jobs/bench.sh jmh | job N | all" >&2; exit 2 ;;
esac
echo "results appended to $results" >&2
