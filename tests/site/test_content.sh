# The knowledge bank's own content: it checks, and it covers the sources.
. "$(dirname "$0")/../e2e/lib.sh"
cd "$ROOT"
out=$("$VARDE" build --root "$ROOT" --out "$TMP/site" 2>&1)
if [ $? -eq 0 ]; then ok "the real content builds without errors"; else fail "the real content builds without errors" "$out"; fi
D=$TMP/site/data

# one JSON object per line: {"url":…,"slug":…,…}
objects() { grep -o '^ *{.*}' "$D/$1.json"; }
count() { objects "$1" | wc -l; }
for t in plan strategi tiltak kompetansesenter innspill statistikk side; do
  echo "# $t: $(count $t) pages"
done

[ "$(count strategi)" -eq 6 ] && ok "six strategies" || fail "six strategies" "$(count strategi)"
for n in 1 2 3 4 5 6; do
  objects strategi | grep -q "\"nummer\":$n," || fail "strategy $n exists"
done

# Every numbered IS-2684 tiltak exactly once (cross-listed numbers share a page).
nums=$(objects tiltak | grep -o '"nummer":\[[^]]*\]' | grep -o '"[0-9][0-9.]*"' | tr -d '"' | sort)
missing=""; twice=""
for s in 1:6 2:7 3:26 4:6 5:10 6:3; do
  k=${s%%:*}; n=${s#*:}
  for i in $(seq "$n"); do
    c=$(echo "$nums" | grep -cx "$k\.$i")
    [ "$c" -eq 0 ] && missing="$missing $k.$i"
    [ "$c" -gt 1 ] && twice="$twice $k.$i"
  done
done
[ -z "$missing" ] && ok "every IS-2684 tiltak number is present" || fail "every IS-2684 tiltak number is present" "missing:$missing"
[ -z "$twice" ] && ok "no IS-2684 tiltak number appears twice" || fail "no IS-2684 tiltak number appears twice" "twice:$twice"
k2020=$(objects tiltak | grep -c '"plan":"/planer/kompetanseloft-2020/"')
[ "$k2020" -eq 52 ] && ok "52 unique Kompetanseløft 2020 measures" || fail "52 unique Kompetanseløft 2020 measures" "$k2020"
for pair in "3.14 4.4" "3.17 5.4" "3.24 5.6" "4.1 5.1" "4.2 5.2" "4.5 5.3"; do
  a=${pair% *}; b=${pair#* }
  objects tiltak | grep -q "\"nummer\":\[\"$a\",\"$b\"\]\|\"nummer\":\[\"$b\",\"$a\"\]" \
    && ok "cross-listed $a/$b is one page" || fail "cross-listed $a/$b is one page"
done
grep -q '3\.19\.1' content/tiltak/3-19-*.md && grep -q '3\.19\.3' content/tiltak/3-19-*.md \
  && ok "3.19 carries its sub-schemes" || fail "3.19 carries its sub-schemes"

# Centres 4.2.1–4.2.17 (4.2.3 is not a centre: it points to 3.19).
cnums=$(objects kompetansesenter | grep -o '"nummer":\[[^]]*\]' | grep -o '"4\.2\.[0-9]*"' | tr -d '"')
miss=""
for i in 1 2 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do
  echo "$cnums" | grep -qx "4.2.$i" || miss="$miss 4.2.$i"
done
[ -z "$miss" ] && ok "every centre 4.2.x has a page" || fail "every centre 4.2.x has a page" "missing:$miss"
for c in usht kultur-helse-og-omsorg verdighetssenteret stiftelsen-livsglede-for-eldre aldring-og-helse; do
  [ -f "content/kompetansesentre/$c.md" ] || miss="$miss $c"
done
[ -z "$miss" ] && ok "the other named centres have pages" || fail "the other named centres have pages" "$miss"

ms26=$(objects tiltak | grep -c '"plan":"/planer/fremtidens-primaerhelsetjeneste/"')
[ "$ms26" -ge 80 ] && ok "Meld. St. 26 measures ($ms26 pages)" || fail "Meld. St. 26 measures" "$ms26"
[ "$(count innspill)" -eq 5 ] && ok "five FO inputs" || fail "five FO inputs" "$(count innspill)"
[ "$(count statistikk)" -ge 5 ] && ok "statistics pages" || fail "statistics pages"
for p in om-kunnskapsbanken tilgjengelighetserklaering; do
  [ -f "content/sider/$p.md" ] && ok "page $p" || fail "page $p"
done

# Every page has a summary and at least one source.
bad=""
for t in plan strategi tiltak kompetansesenter innspill statistikk side; do
  n=$(count $t)
  s=$(objects $t | grep '"sammendrag":"[^"]' | grep -c '"kilder":\[{')
  [ "$n" -eq "$s" ] || bad="$bad $t($s/$n)"
done
[ -z "$bad" ] && ok "every page has sammendrag and kilder" || fail "every page has sammendrag and kilder" "$bad"
hits=$(grep -rilE 'lorem ipsum|\bTODO\b|\bTBD\b|plassholder|placeholder|kommer senere' content || true)
[ -z "$hits" ] && ok "no placeholder text" || fail "no placeholder text" "$hits"

# Every statistics page shows its key figures as a chart drawn from its own
# table, with the numbers as CSV beside it.
nochart=""
for f in content/statistikk/*.md; do
  slug=$(basename "$f" .md)
  P="$TMP/site/statistikk/$slug/index.html"
  grep -q '<svg class="graf-svg"' "$P" && [ -f "$TMP/site/statistikk/$slug/graf-1.csv" ] || nochart="$nochart $slug"
done
[ -z "$nochart" ] && ok "every statistics page has a chart with its CSV" || fail "every statistics page has a chart with its CSV" "$nochart"
# measures with yearly figures show their trend
notrend=""
for slug in 3-17-grunn-videre-og-etterutdanning ms26-opptrappingsplan-habilitering-og-rehabilitering 3-11-avansert-klinisk-sykepleie 3-12-mitt-livs-abc 6-1-nasjonal-lederutdanning; do
  grep -q '<svg class="graf-svg"' "$TMP/site/tiltak/$slug/index.html" || notrend="$notrend $slug"
done
[ -z "$notrend" ] && ok "measures with yearly figures show their trend" || fail "measures with yearly figures show their trend" "$notrend"
