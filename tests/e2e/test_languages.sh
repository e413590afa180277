# Languages: pages in another written form where they stand (språk: nn on a
# nb site), translations beside their originals (x.en.md under /en/), the
# share of words per form, and the links between versions.
. "$(dirname "$0")/lib.sh"

# lang_site NAME: the basic fixture with nb, nn (a minimum of half the words,
# which its one page does not reach) and en.
lang_site() {
  s=$(new_site "$1")
  { head -n -1 "$ROOT/tests/fixtures/basic/site.lua"; cat <<'LUA'
  languages = {
    { code = "nb", name = "Norsk (bokmål)" },
    { code = "nn", name = "Norsk (nynorsk)", min_share = 0.5,
      labels = { types = { tiltak = { title = "Tiltaka" } }, fields = { ["målgrupper"] = "Målgruppene" } } },
    { code = "en", name = "English", prefix = "en", title = "The test bank",
      untranslated = "not in English; goes to the English home page",
      labels = { types = { plan = { title = "Plans" } } } },
  },
}
LUA
  } > "$s/site.lua"
  sed -i 's/draft = "utkast",/draft = "utkast", language = "språk",/' "$s/site.lua"
  sed -i 's/^    { name = "utkast", type = "bool" },$/&\n    { name = "språk", type = "enum", values = { "nb", "nn" } },/' "$s/site.lua"
  cat > "$s/content/tiltak/nynorsk.md" <<'MD'
---
tittel: Tenester til eldre
språk: nn
plan: plan-a
målgrupper: [Eldre]
status: pågår
sammendrag: Kommunane gjev tenester til eldre som bur heime.
kilder:
  - dokument: IS-2684
    side: "20"
---

## Kva tiltaket gjer

Dei tilsette i heimetenesta får opplæring, og kommunane får tilskot til
opplæringa. Sjukepleiarane rettleier dei som ikkje har fagutdanning.
MD
  cat > "$s/content/planer/plan-a.en.md" <<'MD'
---
tittel: Plan A in English
sammendrag: The plan, told in English.
---

The plan has one [measure](../tiltak/demens.md) and an [about page](../sider/om.md).
MD
  # the site's own sources partial, as a site that cites sources has
  mkdir -p "$s/templates/partials"
  echo '{% for _, k in ipairs(page.kilder or {}) do %}<p class="kilde"><span{% if source_lang then %} lang="{{ source_lang }}"{% end %}>{{ k.dokument }}</span>, side {{ k.side }}</p>{% end %}' \
    > "$s/templates/partials/sources.html"
  cat > "$s/content/_index.en.md" <<'MD'
---
tittel: The test bank
sammendrag: A bank for tests.
---

Welcome.
MD
  echo "$s"
}

S=$(lang_site langs)
out=$("$VARDE" check --root "$S" 2>&1)
if [ $? -eq 0 ]; then ok "languages: the site checks"; else fail "languages: the site checks" "$out"; fi
echo "$out" | grep -Eq '^ord per språk: nb [0-9.]+ %, nn [0-9.]+ % \([0-9]+\)$' \
  && ok "share: check reports the words per written form" || fail "share: check reports the words per written form" "$out"
nn=$(echo "$out" | sed -n 's/.*nn \([0-9.]*\) %.*/\1/p')
if echo "$out" | grep -Eq "^site.lua:[0-9]+:[0-9]+: warning: 'Norsk \(nynorsk\)' har $nn prosent av de publiserte ordene, under minimum på 50 prosent"; then
  ok "share: a form below its minimum is a warning at its line in site.lua"
else fail "share: a form below its minimum is a warning at its line in site.lua" "$out"; fi

out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ]; then ok "languages: the site builds"; else fail "languages: the site builds" "$out"; fi
P=$S/public
check_file "nn: a nynorsk page is lang=nn" "$P/tiltak/nynorsk/index.html" '^<html lang="nn">'
check_file "nn: its words come from the theme's nynorsk table" "$P/tiltak/nynorsk/index.html" 'Hopp til hovudinnhaldet'
check_file "nn: a bokmål page keeps bokmål" "$P/tiltak/demens/index.html" 'Hopp til hovedinnhold'
check_file "nn: a nynorsk page is listed with the others" "$P/tiltak/index.html" 'href="/tiltak/nynorsk/"'
check_file "nn: open data shows its written form" "$P/data/tiltak.json" '"språk":"nn"'
if grep -lq 'sjukeplei' "$P"/sok/t/* 2>/dev/null; then ok "nn: the search index has its words"
else fail "nn: the search index has its words" "$(ls "$P/sok/t")"; fi
check_file "en: a translation lives under the prefix" "$P/en/planer/plan-a/index.html" '^<html lang="en">'
check_file "en: the site's title in the language" "$P/en/planer/plan-a/index.html" '<title>Plan A in English – The test bank</title>'
check_file "en: links go to translations where they exist" "$P/en/index.html" 'href="/en/planer/plan-a/"'
check_file "en: links go to originals elsewhere" "$P/en/planer/plan-a/index.html" 'href="/tiltak/demens/"'
check_file "en: a translation inherits the sources it leaves out, their names marked as the original's language" "$P/en/planer/plan-a/index.html" '<span lang="nb">IS-2684</span>'
check_file "en: the inherited sources are shown" "$P/en/planer/plan-a/index.html" 'IS-2684</span>, side 8'
check_file "en: the translated home lists the language's pages" "$P/en/index.html" '<a href="/en/planer/plan-a/">Plan A in English</a>'
# hreflang pairs, reciprocal
check_file "hreflang: the translation names the original" "$P/en/planer/plan-a/index.html" '<link rel="alternate" hreflang="nb" href="https://test.example.no/planer/plan-a/">'
check_file "hreflang: the translation names itself" "$P/en/planer/plan-a/index.html" '<link rel="alternate" hreflang="en" href="https://test.example.no/en/planer/plan-a/">'
check_file "hreflang: the original names the translation" "$P/planer/plan-a/index.html" '<link rel="alternate" hreflang="en" href="https://test.example.no/en/planer/plan-a/">'
check_file "hreflang: the original names itself" "$P/planer/plan-a/index.html" '<link rel="alternate" hreflang="nb" href="https://test.example.no/planer/plan-a/">'
if grep -q 'hreflang' "$P/tiltak/ledelse/index.html" | grep -q '<link'; then fail "hreflang: none on a page without versions"; else ok "hreflang: none on a page without versions"; fi
check_file "sitemap: alternates for a translated page" "$P/sitemap.xml" '<xhtml:link rel="alternate" hreflang="en" href="https://test.example.no/en/planer/plan-a/"/>'
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$P/sitemap.xml" 2>/dev/null \
  && ok "sitemap: well-formed with alternates" || fail "sitemap: well-formed with alternates"
# labels: the names of fields and types in the page's language (site.lua's labels)
check_file "labels: a nynorsk page names a field in nynorsk" "$P/tiltak/nynorsk/index.html" '<dt>Målgruppene</dt>'
check_file "labels: a nynorsk page names a type in nynorsk" "$P/tiltak/nynorsk/index.html" '>Tiltaka<'
check_file "labels: the language field shows the language's name" "$P/tiltak/nynorsk/index.html" '<dd>Norsk \(nynorsk\)</dd>'
check_file "labels: the English home names a type in English" "$P/en/index.html" '<h3>Plans</h3>'
check_file "labels: a bokmål page keeps the names in types" "$P/planer/plan-a/index.html" '<dt>År</dt>'
# the language switcher
check_file "switcher: the translated page is offered" "$P/planer/plan-a/index.html" '<a href="/en/planer/plan-a/" hreflang="en" lang="en">English</a>'
check_file "switcher: without a translation, the language's home with a note" "$P/tiltak/ledelse/index.html" '<a href="/en/" hreflang="en" lang="en">English<span class="skjult"> \(not in English; goes to the English home page\)</span></a>'
check_file "switcher: a translation leads back to its original" "$P/en/planer/plan-a/index.html" '<a href="/planer/plan-a/" hreflang="nb" lang="nb">Norsk \(bokmål\)</a>'
# translations stay out of the site's own lists, terms, A–Å and open data
if grep -q 'Plan A in English' "$P/planer/index.html" "$P/a-a/index.html" "$P/data/plan.json" 2>/dev/null; then
  fail "en: translations stay out of lists, A–Å and open data"
else ok "en: translations stay out of lists, A–Å and open data"; fi

# Search: one index per language tree. The English translations have their
# own index under /en/sok/, read with English stemming and stop words, and a
# search page in English that the English pages' header search leads to.
S=$(lang_site search)
sed -i 's/^  languages = {$/  pages = {\n    { url = "\/sok\/", template = "search.html", title = "Søk" },\n    { url = "\/en\/sok\/", template = "search.html", title = "Search", language = "en" },\n  },\n&/' "$S/site.lua"
cat > "$S/content/sider/om.en.md" <<'MD'
---
tittel: About the bank
sammendrag: What the bank is for.
---

The bank describes the government's strategies for recruiting and training staff.
MD
out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ]; then ok "search: a site with an English search page builds"; else fail "search: a site with an English search page builds" "$out"; fi
P=$S/public
en_urls=$(cat "$P"/en/sok/p/*.json 2>/dev/null | sed -n 's/^{"u":"\([^"]*\)".*/\1/p' | sort | tr '\n' ' ')
if [ "$en_urls" = "/en/om/ /en/planer/plan-a/ " ]; then ok "search: the English index holds the English pages only"
else fail "search: the English index holds the English pages only" "got: $en_urls"; fi
nb_urls=$(cat "$P"/sok/p/*.json | sed -n 's/^{"u":"\([^"]*\)".*/\1/p' | tr '\n' ' ')
case "$nb_urls" in
  *"/en/"*) fail "search: the Norwegian index has no English pages" "$nb_urls" ;;
  *"/tiltak/nynorsk/"*) ok "search: the Norwegian index has no English pages, and has the nynorsk one" ;;
  *) fail "search: the Norwegian index has no English pages, and has the nynorsk one" "$nb_urls" ;;
esac
check_file "search: the English index is read with the English stemmer" "$P/en/sok/index.json" '"language":"en","stemmer":"english"'
# "strategies" and "strategy" are one term to Snowball's English stemmer
if grep -q '"strategi":' "$P"/en/sok/t/*.json && ! grep -q '"strategies"' "$P"/en/sok/t/*.json; then
  ok "search: English words are stemmed the English way (strategies: strategi)"
else fail "search: English words are stemmed the English way (strategies: strategi)" "$(cat "$P"/en/sok/t/7374.json 2>&1)"; fi
if grep -qE '"(the|for|and)":' "$P"/en/sok/t/*.json; then fail "search: English stop words are left out"
else ok "search: English stop words are left out"; fi
# bokmål and nynorsk in one index: the nynorsk page's words also carry their
# bokmål terms (the theme's pairs, search/nn.lua), with no synonym in site.lua;
# none of these bokmål words is written on the site
for term in hjemmetjenest ansatt tilskudd sykepleier tjenest; do
  if grep -q "\"$term\":" "$P"/sok/t/*.json && ! grep -rqi "$term" "$S/content"; then
    ok "search: nynorsk words are found by their bokmål form ($term)"
  else fail "search: nynorsk words are found by their bokmål form ($term)"; fi
done
if grep -q '"synonyms":\[\]' "$P/sok/index.json"; then ok "search: no synonym was needed for it"
else fail "search: no synonym was needed for it" "$(head -c 300 "$P/sok/index.json")"; fi
check_file "search: the Norwegian index keeps the Norwegian stemmer" "$P/sok/index.json" '"language":"nb","stemmer":"norwegian"'
check_file "search: the English search page is in English" "$P/en/sok/index.html" '^<html lang="en">'
check_file "search: the English search page reads the English index" "$P/en/sok/index.html" 'data-index="/en/sok/"'
check_file "search: the English search page has English words for search.js" "$P/en/sok/index.html" '"antall": "{n} results{hva}."'
check_file "search: the English pages' header search goes to the English search page" "$P/en/planer/plan-a/index.html" 'action="/en/sok/"'
check_file "search: the Norwegian pages' header search stays Norwegian" "$P/planer/plan-a/index.html" 'action="/sok/"'
check_file "search: the search pages name each other (hreflang)" "$P/sok/index.html" '<link rel="alternate" hreflang="en" href="https://test.example.no/en/sok/">'
check_file "search: the search pages name each other, reciprocally" "$P/en/sok/index.html" '<link rel="alternate" hreflang="nb" href="https://test.example.no/sok/">'
check_file "search: the switcher on the English search page goes to the Norwegian one" "$P/en/sok/index.html" '<a href="/sok/" hreflang="nb" lang="nb">'
check_file "search: the switcher on the Norwegian search page goes to the English one" "$P/sok/index.html" '<a href="/en/sok/" hreflang="en" lang="en">English</a>'
out=$("$VARDE" plan --root "$S" 2>&1)
if echo "$out" | grep -qE '^folder.+en/sok/t/'; then ok "search: the plan reserves the English index's folders"
else fail "search: the plan reserves the English index's folders" "$out"; fi
# a language may name its own search folder
S=$(lang_site searchpath)
sed -i 's/^      untranslated = /      search = { path = "search" },\n&/' "$S/site.lua"
out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ] && [ -f "$S/public/en/search/index.json" ] && [ ! -e "$S/public/en/sok" ]; then
  ok "search: a language's own search.path places its index (/en/search/)"
else fail "search: a language's own search.path places its index (/en/search/)" "$out"; fi
S=$(lang_site nostemmer)
sed -i 's/^      untranslated = /      search = { stemmer = "klingon" },\n&/' "$S/site.lua"
expect_error "search: a stemmer libstemmer does not have is an error at the language" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: search: no stemmer 'klingon' for language 'en'"
S=$(lang_site badvariants)
sed -i 's/^    { code = "nn", name = "Norsk (nynorsk)", min_share = 0.5,$/& search = { variants = { { "tjeneste" } }, stopwords = 3 },/' "$S/site.lua"
expect_error "search: a variant that is not a pair of words is an error" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: search.variants\\[1\\] of language 'nn' must be a pair of words"
expect_error "search: stop words that are not words are an error" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: languages: search.stopwords of 'nn' must be the words in one text"
S=$(lang_site badpagelang)
sed -i 's/^  languages = {$/  pages = { { url = "\/x\/sok\/", template = "search.html", language = "xx" } },\n&/' "$S/site.lua"
expect_error "search: a page in a language the site does not have" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: pages\\[1\\]: language 'xx' is not one of the site's languages"

# Dates follow the language of the page: in git, the original's last change.
S=$(lang_site dates)
(cd "$S" && git init -q -b main . && git config user.name "Redaktør" && git config user.email "red@example.no" \
  && git add -A && GIT_COMMITTER_DATE="2024-03-05T12:00:00Z" git commit -q --date "2024-03-05T12:00:00Z" -m "Første versjon")
out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ]; then ok "dates: the site builds in git"; else fail "dates: the site builds in git" "$out"; fi
check_file "dates: an English page writes English dates" "$S/public/en/planer/plan-a/index.html" '<time datetime="2024-03-05">5 March 2024</time>'
check_file "dates: a bokmål page writes Norwegian dates" "$S/public/planer/plan-a/index.html" '<time datetime="2024-03-05">5. mars 2024</time>'
id=$(sed -n 's/.*id="\(change-[0-9a-f]*\)".*/\1/p' "$S/public/en/planer/plan-a/endringer/index.html" | head -1)
if [ -n "$id" ] && grep -q "href=\"/en/planer/plan-a/endringer/#$id\"" "$S/public/endringer/index.html"; then
  ok "history: the site's change list links to a translation's change by the id its page gives it"
else fail "history: the site's change list links to a translation's change by the id its page gives it" "id '$id'"; fi

# Mistakes
S=$(lang_site facts)
sed -i 's/^tittel: Plan A in English$/&\når: 1999/' "$S/content/planer/plan-a.en.md"
expect_error "facts: a translation's fact that disagrees is reported at its line" "$S" \
  "^content/planer/plan-a.en.md:3:5: error: 'år' er ikke det samme som i originalen \(content/planer/plan-a.md:[0-9]+\)"
S=$(lang_site orphan)
mv "$S/content/planer/plan-a.en.md" "$S/content/planer/plan-x.en.md"
expect_error "orphan: a translation of a page that does not exist" "$S" \
  "^content/planer/plan-x.en.md:1:1: error: oversettelse av en side som ikke finnes: content/planer/plan-x.md finnes ikke$"
S=$(lang_site inplace)
mv "$S/content/tiltak/nynorsk.md" "$S/content/tiltak/nynorsk.nn.md"
expect_error "in place: nynorsk is not a translation file" "$S" \
  "^content/tiltak/nynorsk.nn.md: error: sider på 'nn' skrives der de står: skriv 'språk: nn' i hodet og kall filen tiltak/nynorsk.md$"
S=$(lang_site unknown)
sed -i 's/values = { "nb", "nn" }/values = { "nb", "nn", "se" }/; s/^språk: nn$/språk: se/' "$S/site.lua" "$S/content/tiltak/nynorsk.md"
expect_error "unknown: a language site.lua does not list" "$S" \
  "^content/tiltak/nynorsk.md:3:8: error: ukjent språk 'se' \(nettstedets språk er: nb, nn, en\)$"
S=$(lang_site parallel)
sed -i 's/values = { "nb", "nn" }/values = { "nb", "nn", "en" }/; s/^språk: nn$/språk: en/' "$S/site.lua" "$S/content/tiltak/nynorsk.md"
expect_error "parallel: an English page must be a translation file" "$S" \
  "^content/tiltak/nynorsk.md:3:8: error: sider på 'en' er oversettelser ved siden av originalen: kall filen tiltak/nynorsk.en.md$"
S=$(lang_site labels)
sed -i 's/fields = { \["målgrupper"\] = "Målgruppene" }/fields = { ["målgruppe"] = "Målgruppene" }/' "$S/site.lua"
expect_error "labels: a field no type has is an error at its line" "$S" \
  "^site.lua:$(grep -n 'målgruppe\"' "$S/site.lua" | cut -d: -f1):[0-9]+: error: languages 'nn': labels.fields has 'målgruppe', which no type has as a field"
S=$(lang_site labeltype)
sed -i 's/types = { plan = { title = "Plans" } }/types = { planer = { title = "Plans" } }/' "$S/site.lua"
expect_error "labels: a type that does not exist is an error" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: languages 'en': labels.types has 'planer', which is not a type in .types."
