# Shared by the scripts in jobs/: build on demand, the local classpath (Spark included for local mode) and the
# JVM options Spark 4 needs on Java 17.
here="${here:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

# Builds target/gongkai.jar and target/classpath.txt when the sources changed since the last build.
gongkai_build() {
  local jar="$here/target/gongkai.jar" cp="$here/target/classpath.txt"
  if [ -f "$jar" ] && [ -f "$cp" ] && [ -f "$here/target/provided-classpath.txt" ] && [ ! "$here/pom.xml" -nt "$cp" ] \
     && [ -z "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  echo "gongkai: building (mvn package) ..." >&2
  (cd "$here" && mvn -B -q -ntp -DskipTests -DskipCluster package) >&2
  # Maven leaves a classpath file untouched when its content is unchanged: without this, a pom.xml edited after
  # the files were first written made every later run build again (seconds of Maven inside each timed run)
  touch "$cp" "$here/target/provided-classpath.txt"
}

# Builds target/gongkai-cluster.jar (the application for spark-submit, without Spark) when needed.
gongkai_build_cluster_jar() {
  local jar="$here/target/gongkai-cluster.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "gongkai: building the cluster jar (mvn package) ..." >&2
    (cd "$here" && mvn -B -q -ntp -DskipTests package) >&2
  fi
  # Spark's own jars, resolved on their own (jobs/spark-runtime/pom.xml) at gongkai's Spark version
  if [ ! -f "$here/target/spark-classpath.txt" ] || [ "$here/pom.xml" -nt "$here/target/spark-classpath.txt" ]; then
    local version
    version="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$here/pom.xml" | head -1)"
    (cd "$here" && mvn -B -q -ntp -f jobs/spark-runtime/pom.xml dependency:build-classpath \
        -Dspark.version="$version" -Dmdep.outputFile="$here/target/spark-classpath.txt") >&2
    touch "$here/target/spark-classpath.txt" # rewritten only when its content changes, as above
  fi
}

# Local mode: the application, its libraries and Spark's jars.
gongkai_classpath() {
  echo "$here/target/gongkai.jar:$(cat "$here/target/classpath.txt"):$(cat "$here/target/provided-classpath.txt")"
}

# The garbage collector: the parallel (throughput) collector, unless GONGKAI_JAVA_OPTS (or the JVM's own
# JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS) names one: two collectors and the JVM refuses to start. The job is a
# batch of short-lived objects; on the 2-core benchmark machine G1's concurrent marking and refinement threads
# took cores from the tasks: the full job at 10,000 reports ran in 94 s instead of 120 s (jobs/bench-results.md).
gongkai_gc() {
  gongkai_user_sets '-XX:+UseSerialGC' '-XX:+UseParallelGC' '-XX:+UseG1GC' '-XX:+UseZGC' '-XX:+UseShenandoahGC' \
    '-XX:+UseEpsilonGC' && return 0
  echo "-XX:+UseParallelGC"
}

# Whether the user's JVM options (GONGKAI_JAVA_OPTS, JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS) hold one matching any of
# the glob patterns given: an option gongkai would add then stays the user's.
gongkai_user_sets() {
  local o p opts
  # split on blanks and newlines, without expanding wildcards
  read -ra opts -d '' <<< "${GONGKAI_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-}" || true
  for o in "${opts[@]}"; do
    for p in "$@"; do
      # shellcheck disable=SC2053
      [[ "$o" == $p ]] && return 0
    done
  done
  return 1
}

# The --add-opens list Spark's own launcher passes on Java 17, read from the pom so it is written once.
gongkai_jvm_opens() {
  sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$here/pom.xml"
}

# System properties of every gongkai JVM the scripts start: the installation (whose conf/gongkai.yaml is used when
# the directory a command is started from has none) and the file error stack traces go to (one line on the
# console; --verbose prints the trace too).
gongkai_props() {
  echo "-Dgongkai.home=$here -Dgongkai.errorLog=${GONGKAI_ERROR_LOG:-$here/target/gongkai-errors.log}" \
    "-Dlog4j2.configurationFile=$here/conf/log4j2.properties"
}

# JDK class-data sharing (AppCDS) for the local-mode JVMs: prints the option that maps target/gongkai.jsa, an
# archive of the classes a run loads (Spark, Delta, Hadoop, gongkai), and makes the archive first when the jar or
# the classpath changed. A JVM started with it loads those classes from the archive instead of parsing and
# verifying them from the jars: a run with 0 new files at 100,000 reports took 26 s instead of 36-40 s
# (jobs/bench-results.md). The archive is made once per build, by a run of the sample corpus into a temporary
# warehouse (about a minute), under a lock: a process that finds another one making it runs without it rather
# than waiting. A failed attempt is not retried until the next build, and never stops the command: the JVM runs
# without the archive, as it does when the archive does not fit (another JDK). GONGKAI_CDS=0 turns it off.
gongkai_cds() {
  [ "${GONGKAI_CDS:-1}" = 1 ] || return 0
  local jsa="$here/target/gongkai.jsa" stamp="$here/target/gongkai.jsa.stamp" key
  # a user's own class-data options win: two archives, or one and -Xshare:off, and the JVM refuses or ignores one
  gongkai_user_sets '-XX:SharedArchiveFile=*' '-XX:ArchiveClassesAtExit=*' '-Xshare:*' '-XX:[+-]UseSharedSpaces' \
    && return 0
  key="$(gongkai_cds_key)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "ok $key" ] || [ ! "$jsa" -nt "$here/target/gongkai.jar" ]; then
    if gongkai_cds_failed "$stamp" "$key"; then
      return 0
    fi
    gongkai_cds_make "$jsa" "$stamp" "$key" || return 0
  fi
  # the JVM's warning when an archive does not fit (a dependency jar replaced since) goes to stderr, not stdout
  # where it would be mixed into a command's output (`jobs/gongkai parse` writes JSON Lines there)
  echo "-XX:SharedArchiveFile=$jsa -Xlog:cds*=off -Xlog:cds*=warning:stderr"
}

# Whether a jobs/gongkai command line starts Spark: only those are worth the archive's minute of training after a
# build; parse, generate, dictionary and a --help or --version answer at once without it.
gongkai_starts_spark() {
  local a
  for a in "$@"; do
    case "$a" in -h|--help|-V|--version) return 1 ;; esac
  done
  for a in "$@"; do
    case "$a" in
      -*) ;;
      run|sql|evaluate|rollup|repair|migrate) return 0 ;;
      *) return 1 ;;
    esac
  done
  return 1
}

# What the archive is valid for: this classpath (jars only: a folder on it disables the archive), each jar as it is
# now (a dependency downloaded again, same path, is another jar to the JVM; Maven renames a download into place, a new
# inode) and this JDK, also when updated in place.
gongkai_cds_key() {
  local cp java sum
  cp="$(gongkai_classpath)"
  java="$(readlink -f "$(command -v java)")"
  sum="$( { tr ':' '\n' <<< "$cp" | xargs -d '\n' stat -L -c '%n:%i:%Y:%s' 2>&1; \
    cat "$(dirname "$java")/../release" 2>/dev/null; } | cksum | cut -d' ' -f1)"
  echo "$cp $java $sum"
}

# A training that failed for this key since the last build: not tried again before the next one.
gongkai_cds_failed() {
  [ -f "$1" ] && [ "$(cat "$1")" = "failed $2" ] && [ "$1" -nt "$here/target/gongkai.jar" ]
}

# Makes the archive under target/gongkai.jsa.lock; fails when another process holds the lock or the run fails.
# A subshell, so its exit trap removes the temporary files when it ends, also by a signal, without taking the trap of
# the script that sources this file.
gongkai_cds_make() (
  jsa="$1" stamp="$2" key="$3" tmp="" status=0 part="$1.part.$$"
  trap 'rm -rf "$tmp" "$part"' EXIT
  trap 'exit 143' TERM HUP INT
  exec {lock}> "$here/target/gongkai.jsa.lock"
  flock -n "$lock" || exit 1
  # another process may have made it, or failed to, while this one was checking
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "ok $key" ] && [ "$jsa" -nt "$here/target/gongkai.jar" ]; then
    exit 0
  fi
  gongkai_cds_failed "$stamp" "$key" && exit 1
  # parts left by a training killed with kill -9: nobody else writes one while this process holds the lock
  rm -f "$jsa".part.*
  echo "gongkai: writing the class-data archive target/gongkai.jsa (once per build, about a minute) ..." >&2
  tmp="$(mktemp -d)" || exit 1 # set -e is off here (called with ||): never train in the current directory
  # a hung training (a Spark port that never binds) is stopped, not waited for: the command then runs without it;
  # --foreground keeps java in the terminal's process group, so Ctrl-C stops it with the command
  # shellcheck disable=SC2046
  (cd "$tmp" && SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" timeout --foreground -k 60 "${GONGKAI_CDS_TIMEOUT:-900}" \
      java -Xmx1g $(gongkai_gc) $(gongkai_jvm_opens) $(gongkai_props) \
      -Dgongkai.errorLog="$tmp/errors.log" -XX:ArchiveClassesAtExit="$part" \
      -cp "$(gongkai_classpath)" org.gongkai.cli.Gongkai run --master "local[*]" \
      --input "$here/src/sample/corpus" --warehouse "$tmp/warehouse" > "$tmp/training.log" 2>&1) || status=$?
  if [ "$status" = 0 ] && [ -s "$part" ]; then
    # a rename in one folder: a JVM starting meanwhile maps the old archive or the new one, never half of one
    mv -f "$part" "$jsa"
    echo "ok $key" > "$stamp"
  else
    case "$status" in
      124) echo "the training run did not end in ${GONGKAI_CDS_TIMEOUT:-900} s and was stopped" >> "$tmp/training.log" ;;
      137) echo "the training run was killed (it ignored the stop at ${GONGKAI_CDS_TIMEOUT:-900} s, or the system" \
        "killed it)" >> "$tmp/training.log" ;;
    esac
    echo "gongkai: no class-data archive (the training run ended with exit $status and wrote none; its output is in" \
      "$here/target/gongkai.jsa.log); running without it" >&2
    # its console and the stack traces of its error log, kept for whoever reads the message above
    cat "$tmp/training.log" "$tmp/errors.log" > "$here/target/gongkai.jsa.log" 2>/dev/null || true
    echo "failed $key" > "$stamp"
    status=1 # exit 0 without an archive (a JDK without a base archive) is a failure too
  fi
  [ "$status" = 0 ]
)
