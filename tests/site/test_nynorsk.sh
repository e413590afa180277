# Nynorsk pages are written in one nynorsk norm (issue 19): no bokmål words
# or forms outside the site's norm (docs/editors-guide.md, «Normalforma for
# nynorsk»; the word list is tests/site/nynorsk-ord.tsv). tools/nynorsk.py
# prints each as path:line:col: error: …; names, quotations, titles of works
# and code are not checked. A fixture with planted bokmål proves it catches.
. "$(dirname "$0")/../e2e/lib.sh"
cd "$ROOT"
need python3 "the nynorsk pages keep to the nynorsk norm"

out=$(python3 tools/nynorsk.py 2>&1)
rc=$?
echo "# $(echo "$out" | tail -1)"
if [ $rc -eq 0 ] && echo "$out" | grep -q 'sider på nynorsk' && ! echo "$out" | grep -q ': error: '; then
  ok "the nynorsk pages keep to the nynorsk norm"
else
  fail "the nynorsk pages keep to the nynorsk norm" "$(echo "$out" | grep ': error: ' | head -40)" "$(echo "$out" | tail -1)"
fi

# the fixture: a nynorsk page with bokmål planted, a bokmål page, a theme's
# nn.lua and site.lua's nynorsk strings with bokmål planted
fx=tests/site/nynorsk
out=$(python3 tools/nynorsk.py --root "$fx" 2>&1)
rc=$?
p=content/sentre/planta.md
if [ $rc -eq 1 ]; then ok "bokmål in a nynorsk page fails the check"
else fail "bokmål in a nynorsk page fails the check" "exit $rc, wanted 1" "$out"; fi
want="$p:6:44: error: «ikke» er bokmål; skriv «ikkje»
$p:11:18: error: «kommunene» er bokmål; skriv «kommunane»
$p:11:34: error: «gi» er ikkje normalforma på nettstaden; skriv «gje»
$p:11:61: error: «Hva» er bokmål; skriv «Kva»
$p:12:1: error: «også» er ikkje normalforma på nettstaden; skriv «òg»
$p:12:17: error: «de» er ikkje normalforma på nettstaden; skriv «dei»
$p:12:53: error: «vanlig» er bokmål; skriv «vanleg»
$p:12:63: error: «man» er bokmål; skriv «ein»
$p:13:1: error: «sikkerheten»: -heten er bokmål; på nynorsk -heita: «sikkerheita»
$p:13:16: error: «forskningen» er bokmål; skriv «forskinga»
$p:13:29: error: «Også» er ikkje normalforma på nettstaden; skriv «Òg»
$p:13:55: error: «utdanningen» er bokmål; skriv «utdanninga»
$p:14:22: error: «flere» er bokmål; skriv «fleire»
$p:14:40: error: «uten» er bokmål; skriv «utan»
$p:14:58: error: «noe» er bokmål; skriv «noko»
$p:15:13: error: «kjent» er ikkje normalforma på nettstaden; skriv «kjend»
$p:15:36: error: «skriva»: a-infinitiv; nettstaden skriv e-infinitiv: «skrive»
$p:16:5: error: «vurderes»: s-passiv på -es er bokmål; skriv «blir …» med perfektum partisipp («blir brukt»), eller -ast etter eit modalverb («skal vurderast»)
$p:16:17: error: «hjemmetjenesten» er bokmål; skriv «heimetenesta»
$p:16:36: error: «selvmordsforsking»: selv- er bokmål; på nynorsk sjølv-: «sjølvmordsforsking»
$p:17:3: error: «hverdagen»: hver- er bokmål; på nynorsk kvar-: «kvardagen»
$p:17:16: error: «kommunenes»: s-genitiv er bokmålsk; skriv «til …» eller «… sin/sitt/sine» («rettane til kommunane», «kommunane sine rettar»)
$p:17:34: error: «lignende» er bokmål; skriv «liknande»
content/sentre/sitert.md:4:21: error: «ikke» er bokmål; skriv «ikkje»
themes/enkel/strings/nn.lua:5:26: error: «finnes» er ikkje normalforma på nettstaden; skriv «finst»
themes/enkel/strings/nn.lua:5:33: error: «ikke» er bokmål; skriv «ikkje»
site.lua:8:63: error: «fulgt» er bokmål; skriv «følgt»"
got=$(echo "$out" | grep ': error: ' | sed 's/ (sjå «Normalforma for nynorsk» i docs\/editors-guide.md)$//')
if [ "$got" = "$want" ]; then ok "each planted bokmål word (pages, nn.lua, site.lua) is reported at its line and column, with the nynorsk form"
else fail "each planted bokmål word (pages, nn.lua, site.lua) is reported at its line and column, with the nynorsk form" "got:" "$got" "wanted:" "$want"; fi
if echo "$out" | grep ': error: ' | grep -q 'sjå «Normalforma for nynorsk» i docs/editors-guide.md'; then
  ok "the message points to the norm in the editors' guide"
else fail "the message points to the norm in the editors' guide" "$out"; fi
# names (the page's title, a link naming a page), «quotations», *titles*,
# code, addresses and nynorsk words that look like an ending rule are left alone
if ! echo "$out" | grep -Eq "$p:(19|2[0-9]):"; then
  ok "names, quotations, titles, code and addresses are not checked"
else fail "names, quotations, titles, code and addresses are not checked" "$(echo "$out" | grep -E "$p:(19|2[0-9]):")"; fi
if ! echo "$out" | grep -q 'bokmal.md' && ! echo "$out" | grep -q 'site.lua:4:'; then ok "bokmål pages and bokmål strings are not checked"
else fail "bokmål pages and bokmål strings are not checked" "$(echo "$out" | grep -e 'bokmal.md' -e 'site.lua:4:')"; fi
if echo "$out" | tail -1 | grep -q '^nynorsk: 2 sider på nynorsk, 27 ord'; then ok "the summary counts the nynorsk pages and the hits"
else fail "the summary counts the nynorsk pages and the hits" "$(echo "$out" | tail -1)"; fi
