#!/usr/bin/env bash
# Re-renders the browser-printed PDF test fixtures in src/test/resources/fixtures/browser/
# from the HTML fixtures in src/sample/corpus/ with headless Chromium ("Print to PDF"):
#   printed_<base>.pdf  the page as it is (collapsed borders: one shared grid; the tables run
#                       over page breaks, so a table's first row on a page has no top line)
#   boxed_<base>.pdf    the page with cell spacing (border-collapse: separate, cellspacing=3):
#                       every cell drawn as its own box, a gap between neighbours
# The sources are not touched: the boxed variant is changed in a temp copy.
#
# Installs nothing. Needs these Debian packages: chromium fonts-noto-cjk
#
# Usage: jobs/render-browser-fixtures.sh [OUTDIR]   (default: the fixture folder)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/src/sample/corpus"
OUT="${1:-$ROOT/src/test/resources/fixtures/browser}"
BASES=(html_2021_utf8_site html_2019_gb18030 html_2021_gbk_gb2312)

command -v chromium >/dev/null 2>&1 || {
  echo "render-browser-fixtures: chromium not found" >&2
  echo "  install: apt-get install -y --no-install-recommends chromium fonts-noto-cjk" >&2
  exit 2
}
if [[ -z "$(fc-list :lang=zh family)" ]]; then
  echo "render-browser-fixtures: no Chinese font found" >&2
  echo "  install: apt-get install -y --no-install-recommends fonts-noto-cjk" >&2
  exit 2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# no network, no profile state: the flags a closed machine needs (see the machine notes)
print_pdf() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/profile" --no-pdf-header-footer --print-to-pdf="$2" "file://$1" \
    >>"$WORK/chromium.log" 2>&1 || { cat "$WORK/chromium.log" >&2; return 1; }
}

for b in "${BASES[@]}"; do
  print_pdf "$SRC/$b.html" "$OUT/printed_$b.pdf"
  # sed works on the bytes, so GB-encoded sources stay as they are (the edits are ASCII)
  LC_ALL=C sed -E -e 's/cellspacing="?0"?/cellspacing="3"/g' \
      -e 's/border-collapse: *collapse/border-collapse: separate; border-spacing: 3px/g' \
      -e 's#</head>#<style>table { border-collapse: separate !important; border-spacing: 3px; }</style></head>#I' \
      "$SRC/$b.html" >"$WORK/$b.html"
  print_pdf "$WORK/$b.html" "$OUT/boxed_$b.pdf"
done
ls -l "$OUT"
