# The engine knows no site's vocabulary: field roles, the folders of what the
# build generates, and the words it writes come from site.lua and the theme's
# string table. These cases change each of them and check the output follows.
. "$(dirname "$0")/lib.sh"

# site_with NAME LUA: a fixture copy whose site.lua table ends with LUA's
# fields (the last of two equal keys wins).
site_with() {
  s=$(new_site "$1")
  { head -n -1 "$ROOT/tests/fixtures/basic/site.lua"; printf '%s\n}\n' "$2"; } > "$s/site.lua"
  echo "$s"
}

# Other folders for what the build makes.
S=$(site_with paths '  paths = { changes = "historikk", files = "vedlegg", search = "finn", data = "apne-data" },')
sed -i 's|url = "/sok/", template = "search.html"|url = "/finn/", template = "search.html"|' "$S/site.lua"
out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ]; then ok "paths: the site builds"; else fail "paths: the site builds" "$out"; fi
P=$S/public
check_file "paths.files: content files are copied there" "$P/vedlegg/vedlegg.txt" 'vedlegg'
check_file "paths.files: links to content files follow" "$P/tiltak/ledelse/index.html" 'href="/vedlegg/vedlegg.txt"'
check_file "paths.data: open data goes there" "$P/apne-data/tiltak.json" '"tittel":"Demensomsorgens ABC"'
check_file "paths.search: the index goes there" "$P/finn/index.json" '"pages":'
[ ! -e "$P/filer" ] && [ ! -e "$P/data" ] && [ ! -e "$P/sok/index.json" ] && ok "paths: the default folders are not written" \
  || fail "paths: the default folders are not written" "$(ls "$P")"
S=$(site_with badpath '  paths = { files = "Mine Filer" },')
expect_error "paths: a folder must be one URL segment" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: paths.files must be one URL segment of a-z, 0-9 and '-'$"
S=$(site_with samepath '  paths = { files = "data" },')
expect_error "paths: two namespaces cannot share a folder" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: paths.files and paths.data are both 'data'$"

# Field roles: the title and the number come from the fields site.lua names.
S=$(new_site roles)
sed -i 's/name = "tittel", type = "string", required = true },$/name = "tittel", type = "string", required = true },\n        { name = "kortnavn", type = "string" },/' "$S/site.lua"
sed -i 's/^    { name = "tiltak", title = "Tiltak", folder = "tiltak", url = "\/tiltak\/{slug}\/",$/&\n      roles = { title = "kortnavn", number = false },/' "$S/site.lua"
sed -i 's/^tittel: Demensomsorgens ABC$/tittel: Demensomsorgens ABC\nkortnavn: ABC-en/' "$S/content/tiltak/demens.md"
out=$("$VARDE" build --root "$S" 2>&1)
if [ $? -eq 0 ]; then ok "roles: the site builds"; else fail "roles: the site builds" "$out"; fi
check_file "roles.title: a type's own title field is the page title" "$S/public/tiltak/demens/index.html" '<title>ABC-en'
if grep -q '"n":"3.2"' "$S"/public/sok/p/*.json; then fail "roles.number = false: the type has no number"
else ok "roles.number = false: the type has no number"; fi
S=$(new_site badrole)
sed -i 's/^    { name = "plan", title = "Planer", folder = "planer", url = "\/planer\/{slug}\/",$/&\n      roles = { number = "nr" },/' "$S/site.lua"
expect_error "roles: a type's role must name one of its fields" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: type 'plan': role 'number' names field 'nr', which the type does not have$"
S=$(site_with unknownrole '  roles = { tittel = "tittel" },')
expect_error "roles: unknown roles are named" "$S" \
  "^site.lua:[0-9]+:[0-9]+: error: site: unknown role 'tittel' in 'roles' \(use title, summary, draft, number, abbreviation or language\)$"

# Words: the theme's string table, overridden from site.lua.
S=$(site_with words '  strings = { table = "Oversikt", yes = "JA", no = "NEI" },')
printf -- '---\ntittel: Med bool\nplan: plan-a\nstatus: pågår\nsammendrag: x\nutkast: false\n---\n' > "$S/content/tiltak/bool.md"
"$VARDE" build --root "$S" >/dev/null 2>&1
check_file "strings: site.lua overrides the theme's words" "$S/public/tiltak/demens/index.html" 'aria-label="Oversikt 1: '
check_file "strings: booleans in CSV" "$S/public/data/tiltak.csv" '"NEI"'
S=$(site_with nostrings '  language = "se",')
out=$("$VARDE" build --root "$S" 2>&1)
echo "$out" | grep -q "^themes/standard/strings/se.lua: warning: theme 'standard' has no strings for language 'se'; using themes/standard/strings/en.lua" \
  && ok "strings: a language the theme lacks falls back to English, with a warning" \
  || fail "strings: a language the theme lacks falls back to English, with a warning" "$out"

# Helpers: the theme's theme.lua, then the site's templates/theme.lua, run
# with the templates' globals; their functions serve every template.
S=$(new_site helpers); mkdir -p "$S/templates"
printf 'function rop(s) return s:upper() .. "!" end\nfunction nummer_av(p) return "nr" end\n' > "$S/templates/theme.lua"
printf '{%% extends "base.html" %%}{%% block main %%}<p id="x">{{ rop(page.title) }} {{ nummer_av(page) }} {{ navn_med_nummer(page) }}</p>{%% endblock %%}' > "$S/templates/tiltak.html"
out=$("$VARDE" build --root "$S" 2>&1) || fail "helpers: the site builds" "$out"
check_file "helpers: the site's templates/theme.lua adds and replaces the theme's helpers" "$S/public/tiltak/demens/index.html" \
  '<p id="x">DEMENSOMSORGENS ABC! nr nr Demensomsorgens ABC</p>'
printf 'local x = 1\nfunction f() return x end\nerror("feil her")\n' > "$S/templates/theme.lua"
expect_error "helpers: an error in theme.lua names its file and line" "$S" "^templates/theme.lua:3:1: error: feil her$"
S=$(new_site labels)
sed -i 's/{ name = "målgrupper", type = "list", of = "string" }/{ name = "målgrupper", label = "Gruppe", plural = "Grupper", type = "list", of = "string" }/' "$S/site.lua"
mkdir -p "$S/templates"
printf '{%% for _, f in ipairs(fields_of("tiltak")) do %%}{%% if f.name == "målgrupper" then %%}<p>{{ etikett(f, 1) }}/{{ etikett(f, 2) }}</p>{%% end %%}{%% end %%}' > "$S/templates/tiltak.html"
"$VARDE" build --root "$S" >/dev/null 2>&1
check_file "labels: etikett() gives site.lua's label and plural" "$S/public/tiltak/demens/index.html" '<p>Gruppe/Grupper</p>'

# Another language: a nynorsk site gets the theme's strings/nn.lua.
S=$(site_with nynorsk '  language = "nn",')
out=$("$VARDE" build --root "$S" 2>&1) || fail "nynorsk: the site builds" "$out"
check_file "nynorsk: the frame is in nynorsk" "$S/public/index.html" '<a class="hopp" href="#hovedinnhold">Hopp til hovudinnhaldet</a>'
check_file "nynorsk: the 404 page is in nynorsk" "$S/public/404.html" '<h1>Fann ikkje sida</h1>'
check_file "nynorsk: html lang" "$S/public/index.html" '<html lang="nn">'

# The change-note trailer is site.lua's change_note.
need git "change_note"
S=$(site_with notes '  change_note = "Merknad",')
(cd "$S" && git init -q && git add -A && git -c user.name=T -c user.email=t@e -c commit.gpgsign=false commit -qm "Første" \
  -m "Merknad: Ny side for lesere.
Endringsnotat: skal ikke vises") >/dev/null 2>&1
"$VARDE" build --root "$S" >/dev/null 2>&1
check_file "change_note: the trailer site.lua names is the change note" "$S/public/endringer/index.html" 'Ny side for lesere\.'
if grep -q 'skal ikke vises' "$S/public/endringer/index.html"; then fail "change_note: other trailers are not notes"
else ok "change_note: other trailers are not notes"; fi

# The generated change list owns /<changes>/: a page there is an error, not
# silently overwritten.
S=$(site_with changes_taken '  paths = { changes = "historikk" },')
printf -- '---\ntittel: Historikk\nsammendrag: x\n---\n' > "$S/content/sider/historikk.md"
(cd "$S" && git init -q && git add -A && git -c user.name=T -c user.email=t@e -c commit.gpgsign=false commit -qm x) >/dev/null 2>&1
expect_error "a page on the change list's URL (paths.changes) is refused" "$S" \
  "^content/sider/historikk.md:1:1: error: adressen /historikk/ er allerede brukt av endringslisten for nettstedet"
