# Open data people can find and use: the /apne-data/ page describes every
# dataset and links its files, the CSV opens in Norwegian Excel (UTF-8 with a
# BOM, semicolons, one column per field on every row), and the DCAT-AP-NO
# catalogue has every property DCAT-AP-NO 2 requires (tests/site/dcat_check.py).
. "$(dirname "$0")/../e2e/lib.sh"
cd "$ROOT"
out=$("$VARDE" build --root "$ROOT" --out "$TMP/site" 2>&1)
if [ $? -eq 0 ]; then ok "the site builds"; else fail "the site builds" "$out"; exit 1; fi
P=$TMP/site
base=$(sed -n 's/^Sitemap: \(.*\)sitemap\.xml$/\1/p' "$P/robots.txt")

types=$(ls "$P/data" | sed -n 's/\.json$//p')
page="$P/apne-data/index.html"
for t in $types; do
  grep -q "href=\"/data/$t.csv\"" "$page" && grep -q "href=\"/data/$t.json\"" "$page" &&
    grep -q "id=\"data-$t\"" "$page" \
    && ok "/apne-data/ describes $t and links its CSV and JSON" \
    || fail "/apne-data/ describes $t and links its CSV and JSON"
done
grep -q 'href="https://data.norge.no/nlod/no/2.0"' "$page" && ok "/apne-data/ names the licence (NLOD 2.0)" \
  || fail "/apne-data/ names the licence (NLOD 2.0)"
grep -q '<caption>Feltene i datasettet tiltak</caption>' "$page" && grep -q '<th scope="row"><code>status_per</code></th>' "$page" \
  && ok "/apne-data/ lists each dataset's fields, status_per among tiltak's" \
  || fail "/apne-data/ lists each dataset's fields, status_per among tiltak's"

# CSV for Norwegian Excel
for t in $types; do
  f="$P/data/$t.csv"
  if [ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok "$t.csv starts with a UTF-8 BOM"
  else fail "$t.csv starts with a UTF-8 BOM" "$(head -c 16 "$f" | od -c | head -2)"; fi
done
cols=$(/usr/bin/python3 - "$P/data" <<'PY'
import csv, sys, os
bad = []
for name in sorted(os.listdir(sys.argv[1])):
    if not name.endswith(".csv"):
        continue
    with open(os.path.join(sys.argv[1], name), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    if rows[0][:2] != ["url", "slug"] or len(rows) < 2:
        bad.append(f"{name}: header {rows[0][:3]}")
    for i, r in enumerate(rows):
        if len(r) != len(rows[0]):
            bad.append(f"{name}:{i + 1}: {len(r)} columns, header has {len(rows[0])}")
print("\n".join(bad))
PY
)
[ -z "$cols" ] && ok "every CSV file reads with ';' as separator, the same columns on every row" \
  || fail "every CSV file reads with ';' as separator, the same columns on every row" "$cols"
grep -q '"Status per"\|"status_per"' "$P/data/tiltak.csv" && grep -q '"2016";"IS-2684"' "$P/data/tiltak.csv" \
  && ok "tiltak.csv holds each status's date and source" || fail "tiltak.csv holds each status's date and source"

# DCAT-AP-NO
if /usr/bin/python3 -c 'import rdflib' 2>/dev/null; then
  /usr/bin/python3 "$(dirname "$0")/dcat_check.py" "$P/apne-data/katalog.ttl" "$P" "$base"
else
  skip "the DCAT-AP-NO catalogue has every required property" "python3-rdflib is not installed (.ci/run installs it)"
fi
