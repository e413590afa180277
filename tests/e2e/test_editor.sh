# End-to-end: the mistakes editors make in front matter are named on the
# line where they are made, in the site's language; what counts as a page.
. "$(dirname "$0")/lib.sh"

# fm NAME FRONT-MATTER-LINES PATTERN: a page with these lines in its front
# matter (after tittel) fails check with PATTERN.
fm() {
  S=$(new_site fm)
  printf -- '---\ntittel: Feil\n%b\n---\n\nTekst.\n' "$2" > "$S/content/tiltak/feil.md"
  expect_error "$1" "$S" "$3"
}
K='plan: plan-a\nstatus: pågår\nsammendrag: x'
fm "an unclosed quotation mark: where it opens, not where YAML gives up" \
  'sammendrag: "Et program\nplan: plan-a\nstatus: pågår\nkilder:\n  - dokument: "IS"\n    side: "17"' \
  'content/tiltak/feil.md:3:13: error: anførselstegnet som starter her blir aldri lukket'
fm "an unclosed bracket: where it opens" "tema: [Demens, Ledelse\n$K" \
  "content/tiltak/feil.md:3:7: error: parentesen '\\[' som starter her blir aldri lukket; avslutt listen med '\\]'"
fm "a tab in the indentation: use spaces" "$K\nkilder:\n\t- dokument: IS" \
  'content/tiltak/feil.md:7:1: error: tabulator i innrykket: bruk mellomrom, ikke tabulator'
fm "status:pågår is a missing space after the colon" 'plan: plan-a\nstatus:pågår\nsammendrag: x' \
  "content/tiltak/feil.md:4:7: error: mangler mellomrom etter kolon: skriv 'status: pågår'"
fm "a text with ': ' must be quoted" 'plan: plan-a\nstatus: pågår\nsammendrag: Målet: flere fagarbeidere' \
  'content/tiltak/feil.md:5:13: error: teksten inneholder kolon: sett teksten i anførselstegn, slik: sammendrag: "Målet: flere fagarbeidere"'
fm "one stray space of indentation is reported on its own line" 'plan: plan-a\ntema: Demens\n status: pågår\nsammendrag: x' \
  "content/tiltak/feil.md:5:2: error: feil innrykk: 'status' skal stå rett under 'tema' på linje 4 \\(0 mellomrom foran\\)"
fm "a list entry's field indented too far" "$K\nkilder:\n  - dokument: IS\n     side: \"17\"" \
  "content/tiltak/feil.md:8:6: error: feil innrykk: 'side' skal stå rett under 'dokument' på linje 7 \\(4 mellomrom foran\\)"
fm "columns are counted in characters" 'plan: plan-a\nstatus: pågår\nsammendrag: "Æøå" og mer' \
  'content/tiltak/feil.md:5:19: error: tekst etter anførselstegnet'

# A site in another language gets the same messages in English.
S=$(new_site english); sed -i 's/language = "nb"/language = "en"/' "$S/site.lua"
sed -i 's/^status: pågår/status:pågår/' "$S/content/tiltak/demens.md"
expect_error "an English site gets English messages" "$S" "content/tiltak/demens.md:5:7: error: missing space after the colon: write 'status: pågår'"
S=$(new_site english2); sed -i 's/language = "nb"/language = "en"/' "$S/site.lua"
sed -i 's/^status: pågår/status: paagaar/' "$S/content/tiltak/demens.md"
expect_error "an English site: field values in English" "$S" "content/tiltak/demens.md:5:9: error: 'paagaar' is not an allowed value of 'status'"

# Required means filled: an entry of a list of objects with nothing filled
# in is an error, and a source needs what a citation needs.
S=$(new_site emptysource)
sed -i 's/^  - dokument: IS-2684/  - dokument:/; /^    side: "17"/d' "$S/content/tiltak/demens.md"
expect_error "an empty entry in kilder is an error" "$S" "content/tiltak/demens.md:12:5: error: 'kilder' har en tom oppføring"
S=$(new_site citation)
sed -i 's/of = { type = "object", fields = {/of = { type = "object", required_one_of = { { "dokument", "tittel" }, { "side", "url" } }, fields = {/' "$S/site.lua"
sed -i '/^    side: "17"/d' "$S/content/tiltak/demens.md"
expect_error "a source without a page or URL is an error" "$S" "content/tiltak/demens.md:12:5: error: en oppføring i 'kilder' må ha 'side' eller 'url' fylt ut"
S=$(new_site skeleton)
"$VARDE" new tiltak "Mitt utkast" --root "$S" >/dev/null 2>&1
out=$("$VARDE" check --drafts --root "$S" 2>&1)
echo "$out" | grep -q "content/tiltak/mitt-utkast.md:[0-9]*:[0-9]*: error: 'kilder' har en tom oppføring" \
  && ok "the skeleton of varde new does not pass check with its empty source" || fail "the skeleton of varde new does not pass check with its empty source" "$out"
grep -q "^kilder:  # liste; dokument, side, tittel, url$" "$S/content/tiltak/mitt-utkast.md" \
  && ok "the skeleton says which fields a source has" || fail "the skeleton says which fields a source has" "$(grep '^kilder' "$S/content/tiltak/mitt-utkast.md")"

# What is a page: .md and .markdown in any case; editors' backup files are
# ignored; a file that looks like a page but is not read as one is a warning.
S=$(new_site pages)
cp "$S/content/tiltak/ledelse.md" "$S/content/tiltak/stor.MD"
sed 's/^tittel: .*/tittel: Lang endelse/' "$S/content/tiltak/ledelse.md" > "$S/content/tiltak/lang.markdown"
for f in 'demens.md~' '#demens.md#' demens.md.orig demens.md.bak demens.md.swp '~$notat.docx' Thumbs.db .DS_Store; do
  cp "$S/content/tiltak/demens.md" "$S/content/tiltak/$f"
done
cp "$S/content/tiltak/demens.md" "$S/content/tiltak/glemt.mdown"
out=$("$VARDE" build --root "$S" 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -f "$S/public/tiltak/stor/index.html" ] && grep -q 'Lang endelse' "$S/public/tiltak/lang/index.html" 2>/dev/null; then
  ok ".MD and .markdown files are pages"
else fail ".MD and .markdown files are pages" "exit $rc" "$out"; fi
leaked=$(find "$S/public" -name '*demens.md*' -o -name '*notat*' -o -name 'Thumbs.db' -o -name '.DS_Store' | head -5)
[ -z "$leaked" ] && ok "editors' backup and OS files are not published" || fail "editors' backup and OS files are not published" "$leaked"
echo "$out" | grep -q "content/tiltak/glemt.mdown: warning: filen ser ut som en side, men leses ikke som en" \
  && ok "a file that looks like a page but is not read as one is a warning" || fail "a file that looks like a page but is not read as one is a warning" "$out"
echo "$out" | grep -q "vedlegg.txt: warning" && fail "a plain text attachment is no warning" "$out" || ok "a plain text attachment is no warning"

# varde build && git add -A && git commit works every time: the old site,
# removed in the background after a build, is never staged and never trips
# git, in a repository that ignores nothing.
need git "build && git add -A"
S=$(new_site gitadd)
i=0
while [ $i -lt 300 ]; do
  printf -- '---\ntittel: Tiltak %d\nplan: plan-a\nstatus: pågår\nsammendrag: Nr %d.\n---\n\nTekst %d.\n' $i $i $i > "$S/content/tiltak/t-$i.md"
  i=$((i + 1))
done
( cd "$S" && git init -q && git config user.email r@example.no && git config user.name R && git add -A && git commit -qm start ) >/dev/null 2>&1
bad=""
for round in 1 2 3; do
  printf '\nRunde %d.\n' $round >> "$S/content/tiltak/demens.md"
  out=$(cd "$S" && "$VARDE" build 2>&1 && git add -A 2>&1 && git commit -qm "runde $round" 2>&1) || bad="$bad round $round failed: $out"
  staged=$(cd "$S" && git ls-files | grep -E '^public\.(old|tmp|src)' | head -3)
  [ -n "$staged" ] && bad="$bad round $round staged: $staged"
done
[ -z "$bad" ] && ok "varde build && git add -A && git commit works every time" || fail "varde build && git add -A && git commit works every time" "$bad"

# Markdown as GitHub shows it: footnotes, task lists, heading ids GitHub
# gives, and text from macOS in NFD.
S=$(new_site gfm)
printf '\nTall fra rapporten[^1].\n\n- [x] ferdig\n- [ ] ikke ferdig\n\n## Pårørende (2016)\n\nSe [GitHub-ankeret](#pårørende-2016) og [vårt](#parorende-2016).\n\n[^1]: IS-2684, side 17.\n' >> "$S/content/tiltak/demens.md"

out=$("$VARDE" build --root "$S" 2>&1); rc=$?
f=$S/public/tiltak/demens/index.html
if [ $rc -eq 0 ] && grep -q '<sup class="footnote-ref"><a href="#fn-1"' "$f" && grep -q '<li id="fn-1">' "$f" && grep -q 'aria-label="Tilbake til teksten"' "$f"
then ok "GFM footnotes, their way back labelled in the site's language"; else fail "GFM footnotes, their way back labelled in the site's language" "exit $rc" "$out"; fi
grep -q '<input type="checkbox" checked="" disabled="" /> ferdig' "$f" && ok "GFM task lists" || fail "GFM task lists"
grep -q '<h2 id="parorende-2016"><span id="pårørende-2016"></span>' "$f" && ok "a heading carries the id GitHub gives it too" || fail "a heading carries the id GitHub gives it too" "$(grep -o '<h2 id=.parorende[^>]*>.\{0,60\}' "$f")"
S=$(new_site nfd)
sed -i 's/^status: pågår/status: pa\xcc\x8aga\xcc\x8ar/' "$S/content/tiltak/demens.md"
out=$("$VARDE" check --root "$S" 2>&1)
[ $? -eq 0 ] && ok "an enum value typed in NFD (macOS) matches its NFC value" || fail "an enum value typed in NFD (macOS) matches its NFC value" "$out"

# Every link checked: addresses of the site as an editor copies them from
# the browser (root-relative, the published site's, the preview's, a .md
# path from the content root) are checked and get the base path.
S=$(new_site rootlinks)
sed -i 's|base_url = "https://test.example.no/"|base_url = "https://test.example.no/kb/"|' "$S/site.lua"
printf '\n[a](/tiltak/demens/) [b](/tiltak/demens.md#hva-tiltaket-er) [c](/tiltak/) [d](/tema/demens/) [e](https://test.example.no/kb/tiltak/demens/) [f](http://127.0.0.1:8080/kb/tiltak/demens/) [g](/kb/tiltak/demens) [h](/filer/vedlegg.txt)\n' >> "$S/content/tiltak/ledelse.md"
out=$("$VARDE" build --root "$S" 2>&1); rc=$?
f=$S/public/tiltak/ledelse/index.html
hrefs=$(grep -o 'href="[^"]*">[a-h]<' "$f" 2>/dev/null | tr '\n' ' ')
want='href="/kb/tiltak/demens/">a< href="/kb/tiltak/demens/#hva-tiltaket-er">b< href="/kb/tiltak/">c< href="/kb/tema/demens/">d< href="/kb/tiltak/demens/">e< href="/kb/tiltak/demens/">f< href="/kb/tiltak/demens/">g< href="/kb/filer/vedlegg.txt">h< '
[ $rc -eq 0 ] && [ "$hrefs" = "$want" ] && ok "links copied from the browser are accepted and get the base path" \
  || fail "links copied from the browser are accepted and get the base path" "exit $rc" "$out" "got:  $hrefs" "want: $want"
S=$(new_site rootbroken)
printf '\n[a](/tiltak/finnes-ikke/) [b](/tiltak/x.md) [c](/tiltak/ledelsee/) [d](http://localhost:8080/tiltak/demens/#nei)\n' >> "$S/content/tiltak/ledelse.md"
out=$("$VARDE" check --root "$S" 2>&1)
line=$(grep -c '' "$S/content/tiltak/ledelse.md")
expect() { echo "$out" | grep -qF -- "$2" && ok "$1" || fail "$1" "wanted: $2" "$out"; }
expect "a root-relative link to no page is an error" "content/tiltak/ledelse.md:$line:1: error: brutt lenke: ingen side eller fil på nettstedet har adressen /tiltak/finnes-ikke/"
expect "a root-relative .md link to no page is an error" "content/tiltak/ledelse.md:$line:27: error: brutt lenke: det finnes ingen side content/tiltak/x.md"
expect "a mistyped address gets a suggestion" "adressen /tiltak/ledelsee/ (mente du /tiltak/ledelse/?)"
expect "an anchor on a preview's address is checked" "content/tiltak/ledelse.md:$line:68: error: brutt anker: content/tiltak/demens.md har ingen overskrift '#nei'"
S=$(new_site linkcol)
printf '\nÆrlig og åpen: [her](nei.md).\n' >> "$S/content/tiltak/ledelse.md"
line=$(grep -c '' "$S/content/tiltak/ledelse.md")
expect_error "a link's column is counted in characters" "$S" "content/tiltak/ledelse.md:$line:16: error: brutt lenke: det finnes ingen side content/tiltak/nei.md"
