# End-to-end: build the fixture site and inspect the output.
. "$(dirname "$0")/lib.sh"
S=$(new_site build)
out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ]; then ok "fixture builds"; else fail "fixture builds" "$out"; fi
P=$S/public
check_file "page written at its URL" "$P/tiltak/demens/index.html" '<h1><span class="nummer">3.2</span> Demensomsorgens ABC</h1>'
check_file "html has lang nb" "$P/tiltak/demens/index.html" '<html lang="nb">'
check_file ".md link becomes the page URL" "$P/tiltak/demens/index.html" 'href="/tiltak/ledelse/"'
check_file "link with anchor keeps the anchor" "$P/planer/plan-a/index.html" 'href="/tiltak/demens/#resultater-i-2016"'
check_file "headings get ids" "$P/tiltak/demens/index.html" '<h2 id="resultater-i-2016">'
check_file "duplicate headings get distinct ids" "$P/tiltak/demens/index.html" 'id="resultater-i-2016-2"'
check_file "table of contents" "$P/tiltak/demens/index.html" 'href="#hva-tiltaket-er"'
check_file "reverse relations are listed" "$P/planer/plan-a/index.html" 'href="/tiltak/demens/"'
check_file "ref fields link their page" "$P/tiltak/demens/index.html" '<a href="/tiltak/ledelse/">Nasjonal lederutdanning</a>'
check_file "list page per type" "$P/tiltak/index.html" 'Demensomsorgens ABC'
check_file "taxonomy term page" "$P/tema/demens/index.html" 'href="/tiltak/demens/"'
check_file "single value taken as a list" "$P/tema/ledelse/index.html" 'href="/tiltak/ledelse/"'
check_file "taxonomy index" "$P/tema/index.html" 'href="/tema/ledelse/"'
check_file "home page from content/_index.md" "$P/index.html" 'href="/planer/plan-a/"'
check_file "free page at /slug/" "$P/om/index.html" 'Om testbanken'
check_file "404 page" "$P/404.html" 'Fant ikke siden'
check_file "sitemap lists pages with absolute URLs" "$P/sitemap.xml" '<loc>https://test.example.no/tiltak/demens/</loc>'
check_file "robots.txt points at the sitemap" "$P/robots.txt" 'Sitemap: https://test.example.no/sitemap.xml'
check_file "open data json" "$P/data/tiltak.json" '"tittel":"Demensomsorgens ABC"'
check_file "open data json resolves refs to URLs" "$P/data/tiltak.json" '"plan":"/planer/plan-a/"'
check_file "open data csv" "$P/data/tiltak.csv" '"Demensomsorgens ABC"'
check_file "content files are copied" "$P/filer/vedlegg.txt" 'vedlegg'
check_file "link to a content file" "$P/tiltak/ledelse/index.html" 'href="/filer/vedlegg.txt"'
css=$(ls "$P"/assets/style.*.css 2>/dev/null | head -1)
if [ -n "$css" ]; then ok "assets get a content hash"; else fail "assets get a content hash" "$(ls "$P/assets")"; fi
check_file "templates link the hashed asset" "$P/index.html" "href=\"/assets/$(basename "$css")\""
check_file "tables sit in a scroll region" "$P/tiltak/demens/index.html" '<div class="tabell" tabindex="0" role="region"'
if [ ! -e "$P/tiltak/utkast/index.html" ]; then ok "drafts are left out"; else fail "drafts are left out"; fi
if ! ls -d "$S"/public.tmp-* >/dev/null 2>&1; then ok "no temporary folder left"; else fail "no temporary folder left"; fi

# --drafts and --out
"$VARDE" build --root "$S" --drafts --out "$TMP/drafts" >/dev/null 2>&1
check_file "--drafts includes drafts, --out chooses the folder" "$TMP/drafts/tiltak/utkast/index.html" 'Et utkast'

# Two builds give the same bytes.
"$VARDE" build --root "$S" --out "$TMP/again" >/dev/null 2>&1
if diff -r "$P" "$TMP/again" >/dev/null; then ok "builds are reproducible"; else fail "builds are reproducible" "$(diff -r "$P" "$TMP/again" | head)"; fi

# Render workers: one process or five give the same site and the same counts.
o1=$("$VARDE" build --jobs 1 --root "$S" --out "$TMP/jobs1" 2>&1 | sed 's/ in [0-9]* ms//')
o5=$("$VARDE" build --jobs 5 --root "$S" --out "$TMP/jobs5" 2>&1 | sed 's/ in [0-9]* ms//')
if diff -r "$TMP/jobs1" "$TMP/jobs5" >/dev/null && [ "$o1" = "$o5" ] && [ -n "$o1" ]; then ok "five render processes build the same site as one"
else fail "five render processes build the same site as one" "$o1" "$o5" "$(diff -r "$TMP/jobs1" "$TMP/jobs5" | head -5)"; fi

# A site below a sub-path (base_url with a path).
S2=$(new_site sub)
sed -i 's|https://test.example.no/|https://example.org/bank/|' "$S2/site.lua"
"$VARDE" build --root "$S2" >/dev/null 2>&1
check_file "base path is applied to page links" "$S2/public/tiltak/demens/index.html" 'href="/bank/tiltak/ledelse/"'
check_file "base path is applied to assets" "$S2/public/index.html" 'href="/bank/assets/style\.'
check_file "sitemap under a base path" "$S2/public/sitemap.xml" '<loc>https://example.org/bank/tiltak/demens/</loc>'

# A failed build leaves the previous site untouched.
before=$(cd "$P" && find . -type f -exec md5sum {} + | sort | md5sum)
printf -- '---\ntittel: x\n---\n' > "$S/content/tiltak/ødelagt.md"
"$VARDE" build --root "$S" >/dev/null 2>&1
rc=$?
after=$(cd "$P" && find . -type f -exec md5sum {} + | sort | md5sum)
if [ $rc -eq 1 ] && [ "$before" = "$after" ] && ! ls -d "$S"/public.tmp-* >/dev/null 2>&1; then
  ok "a failed build leaves public/ as it was"
else
  fail "a failed build leaves public/ as it was" "rc=$rc"
fi
rm "$S/content/tiltak/ødelagt.md"

# Site templates override the theme's by file name.
mkdir -p "$S/templates"
printf '{%% extends "base.html" %%}{%% block main %%}<p>egen mal for tiltak: {{ page.title }}</p>{%% endblock %%}' > "$S/templates/tiltak.html"
"$VARDE" build --root "$S" >/dev/null 2>&1
check_file "site templates override the theme" "$P/tiltak/demens/index.html" 'egen mal for tiltak: Demensomsorgens ABC'
check_file "per-type template only for its type" "$P/planer/plan-a/index.html" '<h1>Plan A</h1>'
