#!/usr/bin/env bash
# Re-renders the office-suite test fixtures in src/test/resources/fixtures/office/
# from the HTML fixtures in src/sample/corpus/ with LibreOffice (headless):
#   <base>.docx  HTML -> DOCX  (Writer HTML import, so tables stay Word tables)
#   <base>.pdf   that DOCX -> PDF (text layer, CJK glyphs from fonts-noto-cjk)
#   <base>.doc   HTML -> Word 97 .doc
#   scanned_html_2021_utf8_site.pdf  pages 1-2 of html_2021_utf8_site.pdf,
#                rasterised (100 dpi, grayscale) and wrapped with no text layer
#   clipped_html_2021_gbk_gb2312.pdf  the page's 960px table kept wider than A4: both sides cut
# The HTML is adjusted in a temp copy first (see prepare() below); the sources
# are not touched.
#
# Installs nothing. Needs these Debian packages:
#   libreoffice-writer-nogui fonts-noto-cjk poppler-utils img2pdf unzip
#
# Usage: jobs/render-office-fixtures.sh [OUTDIR]   (default: the fixture folder)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/src/sample/corpus"
OUT="${1:-$ROOT/src/test/resources/fixtures/office}"
BASES=(html_2021_utf8_site html_2019_gb18030 html_2021_gbk_gb2312)
SCAN_OF=html_2021_utf8_site
CLIP_OF=html_2021_gbk_gb2312
PKGS="libreoffice-writer-nogui fonts-noto-cjk poppler-utils img2pdf unzip"

missing=()
for tool in soffice pdftotext pdftoppm img2pdf iconv unzip fc-list; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "render-office-fixtures: missing ${missing[*]}" >&2
  echo "  install: apt-get install -y --no-install-recommends $PKGS" >&2
  exit 2
fi
if [[ -z "$(fc-list :lang=zh family)" ]]; then
  echo "render-office-fixtures: no Chinese font found (the PDFs would get no CJK glyphs)" >&2
  echo "  install: apt-get install -y --no-install-recommends fonts-noto-cjk" >&2
  exit 2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in" "$WORK/out" "$OUT"

# A private LibreOffice profile: does not clash with a soffice already running.
soffice_() {
  soffice "-env:UserInstallation=file://$WORK/profile" --headless --norestore "$@" \
    >>"$WORK/soffice.log" 2>&1 || { cat "$WORK/soffice.log" >&2; return 1; }
}

# Each source is copied to a temp dir and adjusted before import:
# - LibreOffice honours the <meta> charset, but reads a file declared "gbk" as
#   plain GBK: GB18030-only 4-byte sequences (the "»" in html_2019_gb18030.html)
#   come out as stray C1 bytes. So every GB-declared source is transcoded from
#   GB18030 (a superset of GB2312 and GBK) to UTF-8 and its <meta> rewritten.
# - <a href> attributes are dropped (the link text stays): in LibreOffice 7.4
#   a DOCX with bare href="#" links makes the PDF export abort (signal 6) when
#   the document is closed, and href="/" would become a relative target that
#   depends on the temp dir's path.
# - a table's absolute pixel width becomes 100%: the 960px layout table of
#   html_2021_gbk_gb2312.html is wider than an A4 page and LibreOffice centres
#   it, so both sides (the row labels) would be cut off in the PDF.
prepare() {
  local src="$1" dst="$2" cs
  cs="$(grep -aoiE 'charset=["'\'']?[A-Za-z0-9_-]+' "$src" | head -1 | sed -E 's/^charset=["'\'']?//' | tr 'A-Z' 'a-z')"
  case "$cs" in
    gb2312|gbk|gb18030)
      iconv -f GB18030 -t UTF-8 "$src" |
        sed -E 's/(charset=["'\'']?)(gb2312|gbk|gb18030)/\1utf-8/I' ;;
    *) cat "$src" ;;
  esac | sed -E -e 's/(<a[^>]*) href="[^"]*"/\1/g' |
    if [[ -n "${KEEP_WIDTH:-}" ]]; then cat
    else sed -E -e 's/(<table[^>]*) width="?[0-9]+(px)?("|([ >]))/\1 width="100%"\4/g'
    fi >"$dst"
}

fail() { echo "render-office-fixtures: CHECK FAILED: $*" >&2; exit 1; }

for b in "${BASES[@]}"; do
  prepare "$SRC/$b.html" "$WORK/in/$b.html"
  soffice_ --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' \
    --outdir "$WORK/out" "$WORK/in/$b.html"
  soffice_ --infilter="HTML (StarWriter)" --convert-to 'doc:MS Word 97' \
    --outdir "$WORK/out" "$WORK/in/$b.html"
  soffice_ --convert-to pdf --outdir "$WORK/out" "$WORK/out/$b.docx"

  # checks: Word tables in the DOCX, a CJK text layer with the table labels in the PDF
  for ext in docx doc pdf; do [[ -s "$WORK/out/$b.$ext" ]] || fail "$b.$ext not written"; done
  unzip -p "$WORK/out/$b.docx" word/document.xml | grep -q '<w:tbl>' || fail "$b.docx has no <w:tbl>"
  pdftotext -layout "$WORK/out/$b.pdf" "$WORK/out/$b.txt"
  for label in 本年新收政府信息公开申请数量 行政复议 行政诉讼; do
    tr -d ' \n' <"$WORK/out/$b.txt" | grep -q "$label" || fail "$b.pdf text lacks $label"
  done
done

# "scanned" PDF: pages 1-2 as 100 dpi grayscale images, no text layer.
# PGM rather than PNG: pdftoppm 22.x writes RGB PNGs even with -gray, which
# came to ~440 KB for two pages; 8-bit gray, losslessly compressed, is ~190 KB.
pdftoppm -r 100 -gray -f 1 -l 2 "$WORK/out/$SCAN_OF.pdf" "$WORK/out/scan"
img2pdf --nodate --imgsize 100dpix100dpi -o "$WORK/out/scanned_$SCAN_OF.pdf" "$WORK/out"/scan-*.pgm
[[ -z "$(pdftotext "$WORK/out/scanned_$SCAN_OF.pdf" - | tr -d '[:space:]')" ]] ||
  fail "scanned_$SCAN_OF.pdf has a text layer"

# clipped: the 960px layout table of $CLIP_OF left as it is; LibreOffice centres it on the A4 page, whose edges
# cut both sides: row labels lose their first characters, and on the first pages the outer number columns
mkdir -p "$WORK/clip"
KEEP_WIDTH=1 prepare "$SRC/$CLIP_OF.html" "$WORK/clip/clipped_$CLIP_OF.html"
soffice_ --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' \
  --outdir "$WORK/clip" "$WORK/clip/clipped_$CLIP_OF.html"
soffice_ --convert-to pdf --outdir "$WORK/clip" "$WORK/clip/clipped_$CLIP_OF.docx"
[[ -s "$WORK/clip/clipped_$CLIP_OF.pdf" ]] || fail "clipped_$CLIP_OF.pdf not written"

for b in "${BASES[@]}"; do
  cp "$WORK/out/$b.docx" "$WORK/out/$b.pdf" "$WORK/out/$b.doc" "$OUT/"
done
cp "$WORK/out/scanned_$SCAN_OF.pdf" "$WORK/clip/clipped_$CLIP_OF.pdf" "$OUT/"
echo "render-office-fixtures: $(soffice --version | head -1)"
ls -l "$OUT"
