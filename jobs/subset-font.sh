#!/usr/bin/env bash
# Rewrites src/main/resources/gongkai/generate/fonts/wqy-microhei-subset.ttf, the font of the generator's
# printed-PDF layouts, from Debian's fonts-wqy-microhei (apt-get install fonts-wqy-microhei): the characters
# of the generator's data files and sources only. Run it when they gain a character (PdfLayoutsTest says so).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ttc=${1:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
mvn -B -ntp -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.gongkai.generate.FontSubset \
  "$ttc" src/main/resources/gongkai/generate/fonts/wqy-microhei-subset.ttf
