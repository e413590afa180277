# The second example site (examples/measures: English, other types, field
# names and URL folders) builds with the same binary and the standard theme,
# and nothing of the Norwegian knowledge bank shows in it.
. "$(dirname "$0")/lib.sh"
S=$TMP/measures
mkdir -p "$S" && cp -r "$ROOT/examples/measures/." "$S/" && cp -r "$ROOT/themes" "$S/themes"
out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ] && ! echo "$out" | grep -q 'error'; then ok "example: the measures register builds"
else fail "example: the measures register builds" "$out"; fi
P=$S/public
check_file "example: html lang is the site's" "$P/index.html" '<html lang="en">'
check_file "example: the theme's words come from strings/en.lua" "$P/index.html" '<a class="hopp" href="#hovedinnhold">Skip to main content</a>'
check_file "example: the number role (code) leads the title" "$P/measures/apprenticeships/index.html" '<h1><span class="nummer">1.1</span> Apprenticeships in care</h1>'
check_file "example: the type's about titles the fact box" "$P/measures/apprenticeships/index.html" '<h2 id="fakta-tittel">About the measure</h2>'
check_file "example: field labels from site.lua" "$P/measures/apprenticeships/index.html" '<dt>Topics</dt>'
check_file "example: dates in English" "$P/measures/apprenticeships/index.html" '<time datetime="2024-03-12">12 March 2024</time>'
check_file "example: tables are named in English" "$P/measures/apprenticeships/index.html" 'aria-label="Table 1: Results so far"'
check_file "example: relations from a factbox = false field" "$P/measures/apprenticeships/index.html" '<h3>Related measure</h3>'
check_file "example: the abbreviation role shows in lists" "$P/agencies/index.html" '<span class="forkortelse">\(NWA\)</span>'
check_file "example: the list's lead is the type's description" "$P/measures/index.html" '<p class="ingress">Each measure with the agency that owns it, its status and its budget.</p>'
check_file "example: the home page lists the types" "$P/index.html" '<a href="/agencies/">Agencies</a> <span class="antall">\(2\)</span>'
check_file "example: the 404 page is English" "$P/404.html" '<h1>Page not found</h1>'
check_file "example: the search index knows the language" "$P/search/index.json" '"language":"en","stemmer":"english","stop":"a an the '
check_file "example: the search index's type facet is in English" "$P/search/index.json" '"facets":\[\{"name":"type","title":"Content type"\}'
check_file "example: the search page" "$P/search/index.html" '<h1>Search</h1>'
check_file "example: booleans in CSV" "$P/data/measure.csv" '^"url","slug","title","code","owner"'
check_file "example: footer links from site.lua" "$P/index.html" '<li><a href="/about/">About the register</a></li>'
# No word of the Norwegian theme or site reaches the English pages (class
# names and ids are not text a reader sees: tags are removed first).
words='Hopp|Forside|Søk|Fant|Innhold|Relatert|Fakta|Tabell|sider|side|januar|februar|mars|mai|juni|juli|oktober|desember|Kontakt|Kildekode|kunnskapsbanken|Endringer|Sist|Lagt|ifølge|og|av|for å'
hits=$(for f in $(find "$P" -name '*.html'); do sed -e 's/<script[^>]*>.*<\/script>//g' -e 's/<[^>]*>/ /g' "$f" | grep -Eow "$words" | sed "s|^|${f#$P/}: |"; done | sort -u | head -10)
[ -z "$hits" ] && ok "example: no Norwegian word in the pages' text" || fail "example: no Norwegian word in the pages' text" "$hits"
# html-validate with the repository's rules, when the npm packages are there
if [ -x "$ROOT/node_modules/.bin/html-validate" ]; then
  v=$(cd "$ROOT" && node_modules/.bin/html-validate --config .htmlvalidate.json $(find "$P" -name '*.html' | sort) 2>&1)
  if [ $? -eq 0 ]; then ok "example: every page passes html-validate"; else fail "example: every page passes html-validate" "$(echo "$v" | head -20)"; fi
else
  skip "example: every page passes html-validate" "npm packages are not installed (npm ci)"
fi
