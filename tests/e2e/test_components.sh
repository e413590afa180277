# End-to-end: components in Markdown (```{name} blocks) build to the theme's
# HTML, charts are drawn from the table below them with their CSV beside the
# page, and every mistake in a component is reported at its line.
. "$(dirname "$0")/lib.sh"

# page_with NAME BODY: a site whose sider/om.md has BODY (printf format) as its text
page_with() {
  S=$(new_site "$1")
  printf -- "---\ntittel: Om testbanken\nsammendrag: Om siden.\n---\n$2" > "$S/content/sider/om.md"
  echo "$S"
}

S=$(page_with good '## Tall\n\n```{merknad}\ntittel: Om tallene\n\nTallene er *foreløpige*, se [demens](../tiltak/demens.md).\n```\n\n```{viktig}\nEn frist.\n```\n\n```{kort}\nside: ../tiltak/demens.md\n```\n\n```{figur}\nbilde: ../vedlegg.txt\nalt: Et vedlegg\nbildetekst: Teksten <under>\nkilde: Testbanken\n```\n\n```{graf}\ntype: linje\ntittel: Søkere per år\nfunn: Flere søkte hvert år.\nkilde: Samordna opptak\nenhet: søkere\nrader: Søkere\n```\n\n| | 2015 | 2016 | 2017 |\n|---|---|---|---|\n| Søkere | 9 389 | 10 441 | 10 837 |\n| Tilbud | 8 341 | 8 960 | 9 374 |\n\n```{graf}\ntype: stablede stolper\ntittel: Kandidater\nfunn: De fleste besto.\nkilde: Utdanningsdirektoratet\nutelat: Totalt\n```\n\n| Kandidattype | Bestått | Ikke bestått |\n|---|---|---|\n| Elev | 344 | 20 |\n| Lærling | 1 384 | 120 |\n| Totalt | 1 728 | 140 |\n\n```python\nprint("{ikke en komponent}")\n```\n')
out=$("$VARDE" build --root "$S" 2>&1)
P="$S/public/om/index.html"
if [ $? -eq 0 ] && [ -f "$P" ]; then ok "a page with components builds"; else fail "a page with components builds" "$out"; fi
check_file "callout with title and Markdown body" "$P" '<aside class="merknad" aria-label="Om tallene">'
check_file "callout body is Markdown with links resolved" "$P" 'Tallene er <em>foreløpige</em>, se <a href="/tiltak/demens/">demens</a>'
check_file "viktig is the same template, other kind" "$P" '<aside class="merknad merknad-viktig" aria-label="Viktig">'
check_file "card shows the page it names" "$P" '<p class="lenkekort-tittel"><a href="/tiltak/demens/">'
check_file "figure text is escaped" "$P" 'Teksten &lt;under&gt;'
check_file "figure file is the copied file" "$P" '<img src="/filer/vedlegg.txt" alt="Et vedlegg"'
check_file "chart svg is an image labelled by title and finding" "$P" '<svg class="graf-svg" viewBox="0 0 440 [0-9]+" width="440" height="[0-9]+" role="img" aria-labelledby="graf_1-tittel graf_1-beskrivelse"'
check_file "chart title has the id the svg points at" "$P" '<p class="graf-tittel" id="graf_1-tittel">Søkere per år</p>'
check_file "chart description adds the numbers" "$P" 'Søkere: 9.{1,3}389 i 2015 og 10.{1,3}837 i 2017'
check_file "chart links its CSV" "$P" '<a href="/om/graf-1.csv" download>'
check_file "chart CSV has the numbers" "$S/public/om/graf-1.csv" '^2017,10837'
check_file "stacked chart leaves out the total row" "$S/public/om/graf-2.csv" '^Lærling,1384,120'
if grep -q 'Totalt' "$S/public/om/graf-2.csv"; then fail "excluded row stays out of the CSV"; else ok "excluded row stays out of the CSV"; fi
check_file "table stays below the chart" "$P" '<th scope="row">Lærling</th>'
check_file "other code blocks stay code" "$P" '<code class="language-python">print'
if grep -q "$(printf '\002')" "$P"; then fail "no marker bytes are left in the page"; else ok "no marker bytes are left in the page"; fi
if grep -rq 'foreløpige' "$S/public/sok/p"; then ok "search finds a callout's words"; else fail "search finds a callout's words"; fi

# a chart from a CSV file beside the page, its table behind "Vis tabellen"
S=$(page_with csv '```{graf}\ntittel: Fra fil\nfunn: Lærlinger er flest.\nkilde: Udir\ndata: tall.csv\n```\n')
printf 'Kandidat;Bestått\nElev;344\nLærling;1 384\n' > "$S/content/sider/tall.csv"
out=$("$VARDE" build --root "$S" 2>&1)
check_file "chart from a CSV file" "$S/public/om/index.html" '<summary>Vis tabellen</summary>'
check_file "CSV data table has the numbers" "$S/public/om/index.html" '<th scope="row">Lærling</th><td class="tall">1.{1,3}384</td>'

# mistakes, each at its line (the body starts on line 5)
S=$(page_with unknown 'Tekst.\n\n```{grafen}\ntittel: x\n```\n')
expect_error "unknown component with a suggestion" "$S" "content/sider/om.md:7:1: error: ukjent komponent '\{grafen\}' \(mente du '\{graf\}'\?\)"
S=$(page_with param '```{merknad}\ntittl: Om tallene\n\nTekst.\n```\n')
expect_error "unknown parameter with a suggestion" "$S" "content/sider/om.md:6:1: error: komponenten 'merknad' har ingen parameter 'tittl' \(mente du 'tittel'\?\)"
S=$(page_with missing '```{figur}\nbilde: ../vedlegg.txt\n```\n')
expect_error "missing parameter named" "$S" "content/sider/om.md:5:1: error: komponenten 'figur' mangler 'alt' \(legg til en linje 'alt: …'\)"
S=$(page_with value '```{graf}\ntype: linjer\ntittel: x\nfunn: y\nkilde: z\n```\n\n| | 2015 |\n|---|---|\n| A | 1 |\n')
expect_error "value not allowed, with a suggestion" "$S" "content/sider/om.md:6:7: error: komponenten 'graf': 'linjer' er ikke en gyldig verdi for 'type' \(mente du 'linje'\?\)"
S=$(page_with card '```{kort}\nside: ../tiltak/demensen.md\n```\n')
expect_error "card to a missing page is a broken link" "$S" "content/sider/om.md:6:7: error: brutt lenke: det finnes ingen side content/tiltak/demensen.md"
S=$(page_with notnum '```{graf}\ntittel: x\nfunn: y\nkilde: z\n```\n\n| Gruppe | Hjemme |\n|---|---|\n| A | 1 |\n| B | om lag 14 000 |\n')
expect_error "a cell that is not a number, at its row" "$S" "content/sider/om.md:14:2: error: 'om lag 14 000' i kolonnen 'Hjemme' er ikke et tall"
S=$(page_with notable '```{graf}\ntittel: x\nfunn: y\nkilde: z\n```\n\nIngen tabell.\n')
expect_error "chart without a table" "$S" "content/sider/om.md:5:1: error: komponenten 'graf' tegner tabellen rett under seg"
S=$(page_with nocol '```{graf}\ntittel: x\nfunn: y\nkilde: z\nkolonner: 2014\n```\n\n| | 2015 |\n|---|---|\n| A | 1 |\n')
expect_error "a column that is not there, at the parameter" "$S" "content/sider/om.md:9:11: error: tabellen har ingen kolonne '2014'"
S=$(page_with twice '```{viktig}\ntittel: a\ntittel: b\n```\n')
expect_error "a parameter given twice" "$S" "content/sider/om.md:7:1: error: komponenten 'viktig': 'tittel' står to ganger"
S=$(page_with csvbad '```{graf}\ntittel: x\nfunn: y\nkilde: z\ndata: tall.csv\n```\n')
printf 'a,b\n1,2\n3\n' > "$S/content/sider/tall.csv"
expect_error "a short CSV row, in the CSV file" "$S" "content/sider/tall.csv:3:1: error: denne CSV-raden har 1 celler, overskriftsraden har 2"

# an error inside the component's template is the page's, at the block
S=$(page_with tplerr 'Tekst.\n\n```{viktig}\nHei.\n```\n')
mkdir -p "$S/templates/components"
printf '<p>{{ finnes_ikke.felt }}</p>\n' > "$S/templates/components/callout.html"
out=$("$VARDE" build --root "$S" 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -Eq "content/sider/om.md:7:1: error: komponenten 'viktig': templates/components/callout.html:1: attempt to index a nil value"; then
  ok "an error in a component's template is reported at the page's line"
else
  fail "an error in a component's template is reported at the page's line" "exit $rc" "$out"
fi
if [ ! -d "$S/public" ]; then ok "a failed component leaves no site"; else fail "a failed component leaves no site"; fi

# site.lua declares its own component, the site's templates/ renders it
S=$(page_with sitecomp '```{sitat}\nhvem: Ola\n\nEt godt sitat.\n```\n')
sed -i 's/^return {/return {\n  components = { sitat = { body = true, params = { { name = "hvem", required = true } } } },/' "$S/site.lua"
mkdir -p "$S/templates/components"
printf '<blockquote class="sitat">{! body !}<p>{{ hvem }}</p></blockquote>\n' > "$S/templates/components/sitat.html"
out=$("$VARDE" build --root "$S" 2>&1)
check_file "site.lua declares a component rendered by templates/" "$S/public/om/index.html" '<blockquote class="sitat"><p>Et godt sitat.</p>'
printf '<blockquote>{{ body }}</blockquote>\n' > "$S/templates/components/sitat.html"
out=$("$VARDE" build --root "$S" 2>&1)
check_file "component output is escaped by default" "$S/public/om/index.html" '<blockquote>&lt;p&gt;Et godt sitat.&lt;/p&gt;'
rm "$S/templates/components/sitat.html"
expect_error "a declared component needs its template" "$S" "component 'sitat': there is no template components/sitat.html"

# varde serve: editing the table under a chart updates the chart, its CSV and
# its description in place, the same bytes as a full build
if command -v curl >/dev/null 2>&1; then
  S=$(page_with serve 'Tekst.\n\n```{graf}\ntype: linje\ntittel: Søkere\nfunn: Flere søkte.\nkilde: SO\n```\n\n| | 2015 | 2016 |\n|---|---|---|\n| Søkere | 100 | 200 |\n')
  LOG=$TMP/serve-components.log
  "$VARDE" serve --root "$S" --port 0 >"$LOG" 2>&1 &
  PID=$!
  if wait_for '^serving .* at http' "$LOG" 30; then
    URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG" | head -1)
    OUT=$(sed -n 's/^serving \(.*\) at http.*/\1/p' "$LOG" | head -1)
    n_search=$(grep -c '^search index: ' "$LOG")
    sed -i 's/| Søkere | 100 | 200 |/| Søkere | 100 | 250 |/' "$S/content/sider/om.md"
    i=0; while [ $i -lt 150 ] && [ "$(grep -c '^search index: ' "$LOG")" -le "$n_search" ]; do sleep 0.1; i=$((i + 1)); done
    grep -q '^updated: 1 page in' "$LOG" && ok "serve: a table edit under a chart re-renders the page alone" || fail "serve: a table edit under a chart re-renders the page alone" "$(tail -5 "$LOG")"
    curl -s "$URL/om/graf-1.csv" | grep -q '^2016,250' && ok "serve: the chart's CSV has the new number" || fail "serve: the chart's CSV has the new number" "$(curl -s "$URL/om/graf-1.csv")"
    curl -s "$URL/om/" | grep -q '250 i 2016' && ok "serve: the chart's description has the new number" || fail "serve: the chart's description has the new number"
    rm -rf "$TMP/full"
    XDG_CACHE_HOME=$TMP/nocache "$VARDE" build --drafts --root "$S" --out "$TMP/full" >/dev/null 2>&1
    same_dirs "serve: the updated chart page equals a full build" "$OUT/om" "$TMP/full/om"
  else
    fail "serve starts with a chart page" "$(cat "$LOG")"
  fi
  kill -INT $PID 2>/dev/null
  i=0; while [ $i -lt 50 ] && kill -0 $PID 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
  kill -0 $PID 2>/dev/null && kill -9 $PID
  ! grep -q 'Sanitizer' "$LOG" && ok "serve: no sanitizer reports" || fail "serve: no sanitizer reports" "$(grep -A20 Sanitizer "$LOG" | head -30)"
else
  skip "serve with components" "curl is not installed"
fi
