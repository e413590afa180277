# End-to-end: every mistake an editor can make is reported like a compiler.
. "$(dirname "$0")/lib.sh"

S=$(new_site yaml); printf -- '---\ntittel: "x\nplan: plan-a\n---\n' > "$S/content/tiltak/feil.md"
expect_error "an unclosed quotation mark is reported where it opens" "$S" 'content/tiltak/feil.md:2:9: error: anførselstegnet som starter her blir aldri lukket'

S=$(new_site nofm); printf '# Bare tekst\n' > "$S/content/tiltak/feil.md"
expect_error "missing front matter" "$S" 'content/tiltak/feil.md:1:1: error: hodet mangler'

S=$(new_site unknown); sed -i 's/^tema: \[Demens\]/målgruppe: [x]\ntema: [Demens]/' "$S/content/tiltak/demens.md"
expect_error "unknown field with a suggestion" "$S" "content/tiltak/demens.md:6:1: error: ukjent felt 'målgruppe' \(mente du 'målgrupper'\?\)"

S=$(new_site wrongtype); sed -i 's/^år: 2016/år: to tusen/' "$S/content/planer/plan-a.md"
expect_error "wrong field type" "$S" "content/planer/plan-a.md:3:5: error: 'år' må være et heltall"

S=$(new_site enum); sed -i 's/^status: pågår/status: paagaar/' "$S/content/tiltak/demens.md"
expect_error "value not in the enum" "$S" "content/tiltak/demens.md:5:9: error: 'paagaar' er ikke en lovlig verdi for 'status'"

S=$(new_site enumsuggest); sed -i 's/^tema: \[Demens\]/tema: [Demenss]/' "$S/content/tiltak/demens.md"
expect_error "enum typo gets a suggestion" "$S" "content/tiltak/demens.md:6:8: error: 'Demenss' er ikke en lovlig verdi for 'tema' \(mente du 'Demens'\?\)"

S=$(new_site required); sed -i '/^plan: plan-a/d' "$S/content/tiltak/ledelse.md"
expect_error "missing required field" "$S" "content/tiltak/ledelse.md:2:1: error: mangler påkrevd felt 'plan'"

S=$(new_site date); sed -i 's/^start: 2016-01-01/start: 2016-02-30/' "$S/content/tiltak/demens.md"
expect_error "invalid date" "$S" "content/tiltak/demens.md:7:8: error: 'start' må være en dato"

S=$(new_site url); sed -i 's|^nettside: .*|nettside: "javascript:alert(1)"|' "$S/content/tiltak/demens.md"
expect_error "only http(s) and relative URLs" "$S" "content/tiltak/demens.md:8:11: error: 'nettside' må være en nettadresse"

S=$(new_site dup); printf -- '---\ntittel: Om igjen\nsammendrag: x\n---\n' > "$S/content/sider/tiltak.md"
expect_error "duplicate URL" "$S" "content/sider/tiltak.md:1:1: error: adressen /tiltak/ er allerede brukt av listen over Tiltak \(site.lua:[0-9]+\); gi filen et annet navn"

S=$(new_site ref); sed -i 's/^relaterte: \[ledelse\]/relaterte: [ledelsen]/' "$S/content/tiltak/demens.md"
expect_error "ref to a missing page" "$S" "content/tiltak/demens.md:9:13: error: 'relaterte' viser til 'ledelsen', men det finnes ingen side av typen tiltak"

S=$(new_site link); sed -i 's/(ledelse.md)/(ledelsen.md)/' "$S/content/tiltak/demens.md"
expect_error "broken link" "$S" "content/tiltak/demens.md:18:42: error: brutt lenke: det finnes ingen side content/tiltak/ledelsen.md"

S=$(new_site anchor); sed -i 's/#hva-tiltaket-er/#hva-tiltaket-err/' "$S/content/tiltak/ledelse.md"
expect_error "broken anchor with a suggestion" "$S" "content/tiltak/ledelse.md:10:[0-9]+: error: brutt anker: content/tiltak/demens.md har ingen overskrift '#hva-tiltaket-err' \(mente du '#hva-tiltaket-er'\?\)"

S=$(new_site outside); sed -i 's/(ledelse.md)/(..\/..\/..\/etc\/passwd)/' "$S/content/tiltak/demens.md"
expect_error "link out of content/" "$S" "content/tiltak/demens.md:18:42: error: lenken '.*' peker ut av content/"

S=$(new_site utf8); printf -- '---\ntittel: "bl\345b\346r"\nplan: plan-a\nstatus: planlagt\nsammendrag: x\n---\n' > "$S/content/tiltak/latin1.md"
expect_error "invalid UTF-8" "$S" "content/tiltak/latin1.md:2:12: error: ugyldig UTF-8"

S=$(new_site unreadable); cp "$S/content/tiltak/ledelse.md" "$S/content/tiltak/lukket.md"; chmod 000 "$S/content/tiltak/lukket.md"
if [ "$(id -u)" -ne 0 ]; then
  expect_error "unreadable file" "$S" "^content/tiltak/lukket.md: error: kan ikke lese filen: Permission denied$"
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  # root reads every file: the check runs as nobody, from copies nobody can
  # reach (the project may lie in a private folder)
  chmod 755 "$TMP"
  mkdir -p "$TMP/nobody/cache" && cp "$VARDE" "$TMP/nobody/varde" && cp "$ROOT/tests/lsan.supp" "$TMP/nobody/"
  chmod -R a+rX "$TMP/nobody" && chown -R 65534:65534 "$S" "$TMP/nobody/cache"
  out=$(setpriv --reuid=65534 --regid=65534 --clear-groups env XDG_CACHE_HOME="$TMP/nobody/cache" \
        LSAN_OPTIONS="suppressions=$TMP/nobody/lsan.supp:print_suppressions=0" \
        "$TMP/nobody/varde" check --root "$S" 2>&1); rc=$?
  if [ $rc -eq 1 ] && echo "$out" | grep -Eq "^content/tiltak/lukket.md: error: kan ikke lese filen: Permission denied$" &&
     ! echo "$out" | grep -q Sanitizer; then ok "unreadable file (as nobody)"
  else fail "unreadable file (as nobody)" "exit $rc" "$out"; fi
else
  skip "unreadable file" "running as root, which reads every file, and setpriv cannot switch to nobody here"
fi

S=$(new_site slug); cp "$S/content/tiltak/ledelse.md" "$S/content/tiltak/Ny Side.md"
expect_error "file name must be a slug" "$S" "content/tiltak/Ny Side.md: error: filnavnet kan bare ha a-z, 0-9 og '-'.*gi filen navnet 'ny-side.md'"

S=$(new_site notype); mkdir -p "$S/content/ukjent"; cp "$S/content/tiltak/ledelse.md" "$S/content/ukjent/x.md"
expect_error "folder without a type" "$S" "content/ukjent/x.md: error: ingen innholdstype har denne mappen"

S=$(new_site sitelua); printf 'local x = {\nreturn x\n' > "$S/site.lua"
expect_error "syntax error in site.lua" "$S" "site.lua:[0-9]+:1: error: .*expected"

S=$(new_site sitelualoop); printf 'local n = 0\nwhile true do n = n + 1 end\n' > "$S/site.lua"
expect_error "endless loop in site.lua" "$S" "site.lua:2:1: error: instruction limit exceeded"

S=$(new_site sitelua_os); printf 'os.execute("touch /tmp/varde-pwned")\nreturn {}\n' > "$S/site.lua"
expect_error "site.lua cannot use os" "$S" "site.lua:1:1: error: attempt to index a nil value \(global 'os'\)"

S=$(new_site tpl); mkdir -p "$S/templates"; printf '{%% extends "base.html" %%}\n{%% block main %%}\n{{ page.nosuch.x }}\n{%% endblock %%}\n' > "$S/templates/tiltak.html"
expect_error "error in a template" "$S" "templates/tiltak.html:3:1: error: attempt to index a nil value \(field 'nosuch'\)"

S=$(new_site tplloop); mkdir -p "$S/templates"; printf '{%% extends "base.html" %%}\n{%% block main %%}\n{%% while true do end %%}\n{%% endblock %%}\n' > "$S/templates/tiltak.html"
expect_error "runaway loop in a template" "$S" "templates/tiltak.html:3:1: error: instruction limit exceeded"

S=$(new_site many)
sed -i 's/^status: pågår/status: x/; s/^tema: \[Demens\]/tema: [Y]/' "$S/content/tiltak/demens.md"
sed -i 's/(demens.md#hva-tiltaket-er)/(nei.md)/' "$S/content/tiltak/ledelse.md"
out=$("$VARDE" check --root "$S" 2>&1)
n=$(echo "$out" | grep -c ': error: ')
if [ "$n" -eq 3 ] && echo "$out" | tail -1 | grep -q '^3 errors$'; then ok "all errors in one run"; else fail "all errors in one run" "$out"; fi

S=$(new_site symlink); ln -s /etc "$S/content/tiltak/etc"
expect_error "symlink out of the site is refused" "$S" "content/tiltak/etc: error: symbolic link points outside its folder"

S=$(new_site xss)
sed -i 's/^tittel: Demensomsorgens ABC/tittel: "<script>alert(1)<\/script>\\" onmouseover=\\"x"/' "$S/content/tiltak/demens.md"
printf '\n<script>alert(2)</script>\n\n[klikk](javascript:alert(3))\n' >> "$S/content/tiltak/demens.md"
"$VARDE" build --root "$S" >/dev/null 2>&1
f=$S/public/tiltak/demens/index.html
if [ -f "$f" ] && ! grep -q '<script>alert' "$f" && ! grep -q 'javascript:' "$f" && ! grep -q '" onmouseover="x"' "$f"; then
  ok "script in fields and body is rendered inert"
else
  fail "script in fields and body is rendered inert"
fi

S=$(new_site pagesurl); sed -i 's|^  menu = |  pages = { { url = "/tiltak/", template = "404.html" } },\n  menu = |' "$S/site.lua"
expect_error "a site.lua page on a list's URL" "$S" "site.lua:[0-9]+:[0-9]+: error: adressen /tiltak/ til pages\[1\] i site.lua \(404.html\) er allerede brukt av listen over Tiltak \(site.lua:[0-9]+\)"

# URL collisions are found from the list of everything the build writes.
S=$(new_site pagesurl2); sed -i 's|^  menu = |  pages = { { url = "/tema/", template = "404.html" } },\n  menu = |' "$S/site.lua"
expect_error "a site.lua page on a taxonomy's URL" "$S" "site.lua:[0-9]+:[0-9]+: error: adressen /tema/ til pages\[1\] i site.lua \(404.html\) er allerede brukt av oversikten over Tema \(site.lua:[0-9]+\)"
S=$(new_site reserved); printf -- '---\ntittel: Data\nsammendrag: x\n---\n' > "$S/content/sider/data.md"
expect_error "a page inside a folder varde writes" "$S" "content/sider/data.md:1:1: error: adressen /data/ ligger i /data/, som varde skriver selv \(de åpne dataene\); gi filen et annet navn"
S=$(new_site sok); sed -i 's|^  menu = |  pages = { { url = "/sok/t/", template = "404.html" } },\n  menu = |' "$S/site.lua"
expect_error "a page inside the search index's folder" "$S" "adressen /sok/t/ til pages\[1\] i site.lua \(404.html\) ligger i /sok/t/, som varde skriver selv \(søkeindeksen\)"

S=$(new_site csv); sed -i 's/^tittel: Nasjonal lederutdanning/tittel: "=HYPERLINK(1)"/' "$S/content/tiltak/ledelse.md"
"$VARDE" build --root "$S" >/dev/null 2>&1
grep -q "\"'=HYPERLINK(1)\"" "$S/public/data/tiltak.csv" && ok "CSV cells cannot start a formula" || fail "CSV cells cannot start a formula"
# Two spellings of a taxonomy value with one address silently shared one term
# page (issue 13, Low); 'Ære' and 'Aere' sort far apart, so the old check of
# neighbours missed them
S=$(new_site taxslug); sed -i 's/^local tema = { "Demens",/local tema = { "Ære", "Aere", "Demens",/' "$S/site.lua"
sed -i 's/^tema: \[Demens\]/tema: [Demens, Ære]/' "$S/content/tiltak/demens.md"; sed -i 's/^tema: Ledelse/tema: [Ledelse, Aere]/' "$S/content/tiltak/ledelse.md"
expect_error "two spellings of a taxonomy value with one address" "$S" "content/tiltak/ledelse.md:6:17: error: 'Aere' får samme adresse /tema/aere/ som 'Ære' \(content/tiltak/demens.md, linje 6\): skriv verdien likt begge steder"
# OWASP's list also has TAB and CR (issue 13, Low)
S=$(new_site csvtab); sed -i 's/^tittel: Nasjonal lederutdanning/tittel: "\\t=HYPERLINK(1)"/' "$S/content/tiltak/ledelse.md"
"$VARDE" build --root "$S" >/dev/null 2>&1
grep -q "\"'$(printf '\t')=HYPERLINK(1)\"" "$S/public/data/tiltak.csv" && ok "CSV cells cannot start a formula after a TAB" || fail "CSV cells cannot start a formula after a TAB" "$(grep -a HYPERLINK "$S/public/data/tiltak.csv")"

# Rendering is shared by worker processes: an error met by every worker is
# still reported once, and the exit code says there were errors.
S=$(new_site tplworkers); mkdir -p "$S/templates"; printf '{%% extends "base.html" %%}\n{%% block main %%}\n{{ page.nosuch.x }}\n{%% endblock %%}\n' > "$S/templates/tiltak.html"
out=$("$VARDE" check --jobs 4 --root "$S" 2>&1); rc=$?
n=$(echo "$out" | grep -c "templates/tiltak.html:3:1: error:")
if [ $rc -eq 1 ] && [ "$n" -eq 1 ] && echo "$out" | grep -q '^1 error$'; then ok "a template error met by four render workers is reported once"
else fail "a template error met by four render workers is reported once" "exit $rc, $n reports" "$out"; fi

# Messages come out in page order, the same whatever the number of processes.
S=$(new_site many)
i=0
while [ $i -lt 60 ]; do
  link=""
  case $i in 5|25|42|59) link="Se [borte](borte-$i.md) og [anker](demens.md#finnes-ikke-$i)." ;; esac
  printf -- '---\ntittel: Tiltak %d\nplan: plan-a\nstatus: pågår\nsammendrag: Nr %d.\n---\n\n## Om\n\nTekst %d. %s\n' $i $i $i "$link" > "$S/content/tiltak/t-$i.md"
  i=$((i + 1))
done
one=$("$VARDE" check --jobs 1 --root "$S" 2>&1); rc1=$?
two=$("$VARDE" check --jobs 2 --root "$S" 2>&1); rc2=$?
n=$(echo "$two" | grep -c 'error: brutt')
if [ $rc1 -eq 1 ] && [ $rc2 -eq 1 ] && [ "$one" = "$two" ] && [ "$n" -eq 8 ] \
  && [ "$(echo "$two" | grep -o 't-[0-9]*\.md' | tr '\n' ' ')" = "t-25.md t-42.md t-5.md t-59.md t-25.md t-42.md t-5.md t-59.md " ]; then ok "--jobs 1 and --jobs 2 report the same errors in page order"
else fail "--jobs 1 and --jobs 2 report the same errors in page order" "exit $rc1/$rc2, $n errors" "$(printf '%s\n' "$one" > "$TMP/one"; printf '%s\n' "$two" > "$TMP/two"; diff "$TMP/one" "$TMP/two" | head -10)"; fi
