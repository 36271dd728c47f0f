# Shared by the scripts in jobs/: build on demand, and the local classpath (Spark included for local mode).
here="${here:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

gongkai_build() {
  local jar="$here/target/gongkai.jar" cp="$here/target/classpath.txt"
  if [ -f "$jar" ] && [ -f "$cp" ] \
     && [ -z "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  echo "gongkai: building (mvn package) ..." >&2
  (cd "$here" && mvn -B -q -ntp -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile)
}

gongkai_classpath() {
  echo "$here/target/gongkai.jar:$(cat "$here/target/classpath.txt")"
}
