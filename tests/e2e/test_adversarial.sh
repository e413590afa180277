# End-to-end: hostile and broken input (issue 8). Editors are trusted with
# content but make mistakes; templates and content may come from pull
# requests; the site is public. No input may crash varde, hang it, escape the
# Lua sandbox or the site folder, inject script into a page, or leave a
# half-published site. See docs/security.md.
#
# Every varde run here is bounded by `timeout $LIMIT`; a run that is killed,
# crashes or prints a sanitizer report fails its case. Cases that could hang
# run in the background, a few at a time.
. "$(dirname "$0")/lib.sh"

LIMIT=${ADV_LIMIT:-30}
# The 50 MB file and the killed builds use the optimised build (ASan would
# only measure itself); everything else runs the sanitizer build.
FAST=$ROOT/bin/varde
[ -x "$FAST" ] || FAST=$VARDE

# A folder outside every site: nothing may be read from it or written to it.
OUTSIDE=$TMP/outside
mkdir -p "$OUTSIDE/dir" "$TMP/res"
echo "SECRET-OUTSIDE-FILE" >"$OUTSIDE/secret.txt"
printf -- '---\ntittel: SECRET-OUTSIDE-PAGE\nsammendrag: x\n---\nSECRET-OUTSIDE-PAGE\n' >"$OUTSIDE/secret.md"
cp "$OUTSIDE/secret.md" "$OUTSIDE/dir/hemmelig.md"
outside_before=$(cd "$OUTSIDE" && find . | sort)

# judge NAME RC OUTPUT PATTERN: exit 1 with PATTERN (grep -E) in OUTPUT, in
# time, without a crash or a sanitizer report.
judge() {
  if [ "$2" -eq 124 ] || [ "$2" -eq 137 ]; then
    fail "$1" "no answer within ${LIMIT} s; varde was killed"
  elif [ "$2" -ge 128 ] || [ "$2" -eq 66 ] || echo "$3" | grep -Eq 'Sanitizer|runtime error:'; then
    fail "$1" "crashed (exit $2); output:" "$(echo "$3" | head -25)"
  elif [ "$2" -eq 1 ] && echo "$3" | grep -Eq -- "$4"; then
    ok "$1"
  else
    fail "$1" "exit $2, wanted 1 and /$4/; output:" "$(echo "$3" | head -25)"
  fi
}

# judge_bounded NAME RC OUTPUT: ends by itself (0 or 1) without a crash.
judge_bounded() {
  if [ "$2" -eq 124 ] || [ "$2" -eq 137 ]; then
    fail "$1" "no answer within ${LIMIT} s; varde was killed"
  elif [ "$2" -gt 1 ] || echo "$3" | grep -Eq 'Sanitizer|runtime error:'; then
    fail "$1" "crashed (exit $2); output:" "$(echo "$3" | head -25)"
  else
    ok "$1"
  fi
}

# Background cases: bg NAME SITE PATTERN runs `varde check` on SITE and
# judges it (PATTERN "" means: bounded and no crash); bg_wait prints the
# results in order. At most $PAR run at once; cases that may hang until a
# bug is fixed are grouped, so that they share one $LIMIT wait.
PAR=6
n_bg=0
running=0
bg() {
  n_bg=$((n_bg + 1))
  res=$TMP/res/$(printf '%03d' $n_bg)
  (
    out=$(timeout $LIMIT "$VARDE" check --root "$2" 2>&1)
    rc=$?
    if [ -z "$3" ]; then judge_bounded "$1" $rc "$out"; else judge "$1" $rc "$out" "$3"; fi >"$res"
  ) 2>/dev/null &
  running=$((running + 1))
  if [ $running -ge $PAR ]; then wait; running=0; fi
}
bg_wait() {
  wait
  running=0
  for f in "$TMP"/res/*; do [ -f "$f" ] && cat "$f" && rm -f "$f"; done
}

# site_lua NAME CODE: a fixture copy whose site.lua runs CODE on line 1.
site_lua() {
  s=$(new_site "$1")
  { printf '%s\n' "$2"; cat "$ROOT/tests/fixtures/basic/site.lua"; } >"$s/site.lua"
  echo "$s"
}
# template NAME CODE: a fixture copy whose tiltak pages render a template
# running CODE on its line 2.
template() {
  s=$(new_site "$1")
  mkdir -p "$s/templates"
  printf '<p>\n{%% %s %%}\n</p>\n' "$2" >"$s/templates/tiltak.html"
  echo "$s"
}

# ---- Lua sandbox: site.lua --------------------------------------------------

L='site.lua:1:1: error:'
bg "site.lua: os.execute is not there" "$(site_lua sl_os "os.execute('touch $OUTSIDE/pwned-os')")" \
  "$L attempt to index a nil value \(global 'os'\)"
bg "site.lua: io.open is not there" "$(site_lua sl_io 'local f = io.open("/etc/passwd")')" \
  "$L attempt to index a nil value \(global 'io'\)"
bg "site.lua: require is not there" "$(site_lua sl_require 'local os = require("os")')" \
  "$L attempt to call a nil value \(global 'require'\)"
bg "site.lua: load of bytecode is not there" "$(site_lua sl_load 'load("\27Lua\84\0\25\147\r\n\26\n")()')" \
  "$L attempt to call a nil value \(global 'load'\)"
bg "site.lua: dofile is not there" "$(site_lua sl_dofile 'dofile("/etc/passwd")')" \
  "$L attempt to call a nil value \(global 'dofile'\)"
bg "site.lua: string.dump is not there" "$(site_lua sl_dump 'local b = string.dump(print)')" \
  "$L attempt to call a nil value \(field 'dump'\)"
bg "site.lua: (\"\").dump is not there either" "$(site_lua sl_dump2 'local b = ("").dump(print)')" \
  "$L attempt to call a nil value \(field 'dump'\)"
bg "site.lua: debug is not there" "$(site_lua sl_debug 'debug.sethook()')" \
  "$L attempt to index a nil value \(global 'debug'\)"
bg "site.lua: collectgarbage is not there" "$(site_lua sl_gc 'collectgarbage("stop")')" \
  "$L attempt to call a nil value \(global 'collectgarbage'\)"
bg "site.lua: no metatable can be set on strings" "$(site_lua sl_setmt 'setmetatable("", {})')" \
  "$L bad argument #1 to 'setmetatable' \(table expected, got string\)"
bg "site.lua: the string metatable is locked" "$(site_lua sl_getmt 'getmetatable("").__index = {}')" \
  "$L attempt to index a string value"
bg "site.lua: string.rep with a huge count" "$(site_lua sl_rep 'local s = ("x"):rep(1e9)')" \
  'site.lua(:1:1)?: error: (Lua memory limit of [0-9]+ MiB exceeded|resulting string too large|string.rep: the result would exceed the Lua memory limit)'
bg "site.lua: endless loop" "$(site_lua sl_loop 'repeat local x = 1 until false')" \
  "$L instruction limit exceeded"
bg "site.lua: deep recursion" "$(site_lua sl_rec 'local function r(n) return 1 + r(n + 1) end r(1)')" \
  "$L stack overflow"
bg "site.lua: deep recursion through C (gsub)" \
  "$(site_lua sl_crec 'local function r(s) return (s:gsub(".", r)) end r("x")')" \
  'site.lua(:1:1)?: error: (C )?stack overflow'
bg "site.lua: memory bomb" "$(site_lua sl_bomb 'local s = "x" while true do s = s .. s end')" \
  'site.lua(:1:1)?: error: Lua memory limit of [0-9]+ MiB exceeded'
# site.lua's returned table is read by C: odd values must be errors, not aborts.
S=$(new_site sl_nil); sed -i 's/^  types = {$/  types = { tiltakk,/' "$S/site.lua"
bg "site.lua: a misspelt variable in types (nil entry) is an error" "$S" 'site.lua(:[0-9]+:[0-9]+)?: error:'
S=$(new_site sl_num); sed -i 's/^  taxonomies = { /  taxonomies = { 1, /' "$S/site.lua"
bg "site.lua: a number in taxonomies is an error" "$S" 'site.lua(:[0-9]+:[0-9]+)?: error:'
S=$(new_site sl_index); printf 'return setmetatable({}, { __index = function(t, k) error("no " .. k) end })\n' >"$S/site.lua"
bg "site.lua: a table whose __index raises is an error" "$S" 'site.lua(:[0-9]+:[0-9]+)?: error: .*no '
S=$(new_site sl_newindex)
sed -i '1,/^return {$/s/^return {$/return setmetatable({/' "$S/site.lua"
sed -i '$s/^}$/}, { __newindex = function(t, k) error("no " .. k) end })/' "$S/site.lua"
# varde never assigns through site.lua's metamethods (it uses raw sets), so
# a raising __newindex is simply not triggered: the site checks cleanly.
out=$(timeout 30 "$VARDE" check --root "$S" 2>&1); rc=$?
if [ $rc -eq 0 ] && ! echo "$out" | grep -q 'Sanitizer'; then ok "site.lua: a table whose __newindex raises does not crash"
else fail "site.lua: a table whose __newindex raises does not crash" "exit $rc" "$out"; fi
S=$(new_site sl_binary); printf '\033Lua\124\000\031\223\r\n\032\n\004\010\010' >"$S/site.lua"
bg "site.lua: a binary chunk is refused" "$S" "site.lua(:1:1)?: error: attempt to load a binary chunk"

# ---- Lua sandbox: templates -------------------------------------------------

T='templates/tiltak.html:2:1: error:'
bg "template: os.execute is not there" "$(template t_os "os.execute('touch $OUTSIDE/pwned-tpl')")" \
  "$T attempt to index a nil value \(global 'os'\)"
bg "template: io.open is not there" "$(template t_io 'local f = io.open("/etc/passwd")')" \
  "$T attempt to index a nil value \(global 'io'\)"
bg "template: require is not there" "$(template t_require 'require("os")')" \
  "$T attempt to call a nil value \(global 'require'\)"
bg "template: load is not there" "$(template t_load 'load("\27Lua")()')" \
  "$T attempt to call a nil value \(global 'load'\)"
bg "template: string.dump is not there" "$(template t_dump 'local b = ("").dump(print)')" \
  "$T attempt to call a nil value \(field 'dump'\)"
bg "template: debug is not there" "$(template t_debug 'debug.getinfo(1)')" \
  "$T attempt to index a nil value \(global 'debug'\)"
bg "template: collectgarbage is not there" "$(template t_gc 'collectgarbage()')" \
  "$T attempt to call a nil value \(global 'collectgarbage'\)"
bg "template: the string metatable is locked" "$(template t_getmt 'getmetatable("").__index = {}')" \
  "$T attempt to index a string value"
bg "template: no metatable can be set on strings" "$(template t_setmt 'setmetatable("", {})')" \
  "$T bad argument #1 to 'setmetatable'"
bg "template: string.rep with a huge count" "$(template t_rep 'local s = ("x"):rep(1e9)')" \
  'templates/tiltak.html(:2:1)?: error: (Lua memory limit of [0-9]+ MiB exceeded|resulting string too large|string.rep: the result would exceed the Lua memory limit)'
bg "template: deep recursion" "$(template t_rec 'local function r(n) return 1 + r(n + 1) end r(1)')" \
  "$T stack overflow"
bg "template: memory bomb" "$(template t_bomb 'local s = "x" while true do s = s .. s end')" \
  'templates/tiltak.html(:2:1)?: error: Lua memory limit of [0-9]+ MiB exceeded'
bg "template: including itself ends" "$(template t_self 'include "tiltak.html"')" \
  'templates/tiltak.html(:[0-9]+:[0-9]+)?: error:'
bg_wait
# Cases that could run forever, together: an error must stop them in time.
bg "site.lua: endless loop that catches its own limit with pcall" \
  "$(site_lua sl_pcall 'while true do pcall(function() while true do end end) end')" \
  "$L instruction limit exceeded"
bg "template: endless loop that catches its own limit with pcall" \
  "$(template t_pcall 'while true do pcall(function() while true do end end) end')" \
  "$T instruction limit exceeded"
# Work done inside C functions is not counted by the instruction hook, and
# finalizers run with hooks off: each must still end in bounded time.
bg "site.lua: endless loop in a __gc finalizer is bounded" \
  "$(site_lua sl_gcloop 'setmetatable({}, { __gc = function() while true do end end })')" ""
bg "site.lua: table.move over 10^15 elements is bounded" \
  "$(site_lua sl_move 'table.move({}, 1, 1e15, 1)')" ""
bg "site.lua: pattern backtracking is bounded" \
  "$(site_lua sl_pattern 'local s = ("a"):rep(30000) s:find(".-.-.-.-b")')" ""
bg "site.lua: table.insert with a huge __len is bounded" \
  "$(site_lua sl_len 'table.insert(setmetatable({}, { __len = function() return 1e15 end, __newindex = rawequal }), 1, "x")')" ""

bg_wait

if [ -e "$OUTSIDE/pwned-os" ] || [ -e "$OUTSIDE/pwned-tpl" ]; then
  fail "sandboxed code ran no command"
else
  ok "sandboxed code ran no command"
fi

# ---- Paths --------------------------------------------------------------------

S=$(new_site p_url); sed -i 's|url = "/tiltak/{slug}/"|url = "/../x/{slug}/"|' "$S/site.lua"
bg "a type url with '..' is refused" "$S" \
  "site.lua:[0-9]+:[0-9]+: error: type 'tiltak': url must .*no '\.\.'"
S=$(new_site p_url2); sed -i 's|url = "/tiltak/{slug}/"|url = "//evil.example/{slug}/"|' "$S/site.lua"
bg "a type url that is protocol-relative (//host/) is refused" "$S" "site.lua:[0-9]+:[0-9]+: error: type 'tiltak': url"
S=$(new_site p_folder); sed -i 's|folder = "tiltak"|folder = "../outside"|' "$S/site.lua"
bg "a type folder outside content/ is refused" "$S" \
  "site.lua:[0-9]+:[0-9]+: error: type 'tiltak': folder must be a path inside content/"
S=$(new_site p_theme); sed -i 's|theme = "standard"|theme = "../../etc"|' "$S/site.lua"
bg "a theme outside themes/ is refused" "$S" \
  "site.lua:[0-9]+:[0-9]+: error: theme must be a folder name under themes/"
bg "template: include with '..' is refused" "$(template p_include 'include "../../../../../../etc/passwd"')" \
  "$T .*invalid template name '\.\./"
S=$(new_site p_extends); mkdir -p "$S/templates"; printf '{%% extends "../site.lua" %%}\n' >"$S/templates/tiltak.html"
bg "template: extends with '..' is refused" "$S" "invalid template name '\.\./site.lua'"
S=$(new_site p_pages); sed -i 's|^  menu = |  pages = { { url = "/x/", template = "../../../../../etc/passwd" } },\n  menu = |' "$S/site.lua"
bg "site.lua pages: a template name with '..' is refused" "$S" "invalid template name"
S=$(new_site p_pages2); sed -i 's|^  menu = |  pages = { { url = "/../../x/", template = "404.html" } },\n  menu = |' "$S/site.lua"
bg "site.lua pages: a url with '..' is refused" "$S" 'site.lua:[0-9]+:[0-9]+: error: pages\[1\] needs url'

# Symbolic links that leave the site are refused, and nothing of what they
# point at reaches the output.
S=$(new_site p_lndir); ln -s "$OUTSIDE/dir" "$S/content/tiltak/ut"
bg "content/: a symlinked folder outside the site is refused" "$S" \
  'content/tiltak/ut: error: symbolic link points outside (the site|its folder)'
S=$(new_site p_lnfile); ln -s "$OUTSIDE/secret.md" "$S/content/tiltak/hemmelig.md"
bg "content/: a symlinked page outside the site is refused" "$S" \
  'content/tiltak/hemmelig.md: error: symbolic link points outside (the site|its folder)'
S=$(new_site p_lnstatic); ln -s "$OUTSIDE/secret.txt" "$S/content/hemmelig.txt"
bg "content/: a symlinked file outside the site is refused" "$S" \
  'content/hemmelig.txt: error: symbolic link points outside (the site|its folder)'
S=$(new_site p_lncontent); mv "$S/content" "$TMP/p_lncontent-content"
cp "$OUTSIDE/secret.md" "$TMP/p_lncontent-content/sider/hemmelig.md"; ln -s "$TMP/p_lncontent-content" "$S/content"
bg "content/ itself as a symlink out of the site is refused" "$S" 'content.*error: .*symbolic link'
S=$(new_site p_lntpl); mkdir -p "$S/templates"; ln -s "$OUTSIDE/secret.txt" "$S/templates/tiltak.html"
bg "templates/: a symlinked template outside the site is refused" "$S" 'templates/tiltak.html.*error:'
S=$(new_site p_lnassets); cp -r "$S/themes/standard/assets" "$OUTSIDE/assets"; cp "$OUTSIDE/secret.txt" "$OUTSIDE/assets/"
rm -rf "$S/themes/standard/assets"; ln -s "$OUTSIDE/assets" "$S/themes/standard/assets"
bg "themes/: a symlinked assets folder outside the site is refused" "$S" 'assets.*error:.*symbolic link'
S=$(new_site p_loop); ln -s . "$S/content/sider/a"; ln -s . "$S/content/sider/b"
bg "content/: symlink loops end in bounded time" "$S" 'content/sider/[ab].*error:'
bg_wait
outside_after=$(cd "$OUTSIDE" && find . | grep -v '^\./assets' | sort)
if [ "$outside_before" = "$outside_after" ]; then ok "nothing was written outside the sites"; else
  fail "nothing was written outside the sites" "$outside_after"; fi

# The same refusals hold for `build`: none of the secrets reaches an output.
for s in p_lndir p_lnfile p_lnstatic p_lncontent p_lntpl p_lnassets; do
  timeout $LIMIT "$VARDE" build --root "$TMP/$s" >/dev/null 2>&1
done
leaks=$(grep -rl 'SECRET-OUTSIDE' "$TMP"/p_ln*/public* 2>/dev/null | sed "s|$TMP/||")
if [ -z "$leaks" ]; then ok "no file from outside the site is published"; else
  fail "no file from outside the site is published" $leaks; fi

# Odd file names: reported or handled, never a crash.
S=$(new_site p_names)
cp "$S/content/tiltak/ledelse.md" "$S/content/tiltak/ø æ.md"
(cp "$S/content/tiltak/ledelse.md" "$S/content/tiltak/$(printf 'ny\nlinje.md')") 2>/dev/null
out=$(timeout $LIMIT "$VARDE" check --root "$S" 2>&1); rc=$?
judge "odd file names (spaces, unicode, newline) are reported" $rc "$out" \
  "content/tiltak/ø æ.md: error: filnavnet kan bare ha .*'o-ae.md'"
S=$(new_site p_files)
echo "rapport" >"$S/content/tiltak/rapport 2016 – ø.txt"
printf '\nSe [rapporten](rapport%%202016%%20%%E2%%80%%93%%20%%C3%%B8.txt).\n' >>"$S/content/tiltak/ledelse.md"
out=$(timeout $LIMIT "$VARDE" build --root "$S" 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -f "$S/public/filer/tiltak/rapport 2016 – ø.txt" ]; then
  ok "a file with spaces and unicode in its name is published and linked"
else
  fail "a file with spaces and unicode in its name is published and linked" "exit $rc" "$out"
fi

# ---- Output: nothing a page carries can run as script ------------------------

# inert.pl FILE...: every place in HTML where markup could run script: an
# inline script with alert(, a tag that embeds or runs code, an on*
# attribute, a javascript:/vbscript:/data:text URL (as the browser decodes
# it). Attribute values are parsed with their quotes, so escaped text that
# merely reads "onmouseover=" is not flagged.
cat >"$TMP/inert.pl" <<'PERL'
use strict; use warnings;
my %ent = (quot => '"', amp => '&', lt => '<', gt => '>', apos => "'", colon => ':',
           Tab => "\t", NewLine => "\n", lpar => '(', rpar => ')', sol => '/');
sub decode { my $v = shift;
  $v =~ s/&#[xX]([0-9a-fA-F]+);?/chr(hex $1)/ge; $v =~ s/&#([0-9]+);?/chr($1)/ge;
  $v =~ s/&([A-Za-z]+);/exists $ent{$1} ? $ent{$1} : "&$1;"/ge; return $v; }
for my $f (@ARGV) {
  local $/; open my $h, '<', $f or next; my $html = <$h>;
  $html =~ s/<!--.*?-->//gs;
  while ($html =~ s/<script\b([^>]*)>(.*?)<\/script\s*>//is) {
    my ($attrs, $code) = ($1, $2);
    if ($attrs =~ /\btype="application\/ld\+json"/) { # data, never run: but no markup in it
      print "$f: JSON-LD with markup: ", substr($code, 0, 60), "\n" if $code =~ /[<>]/;
      next;
    }
    print "$f: inline script: ", substr($code, 0, 60), "\n" if $code =~ /alert\(/;
  }
  while ($html =~ /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g) {
    my ($tag, $attrs) = (lc $1, $2);
    print "$f: <$tag>\n" if $tag =~ /^(iframe|svg|object|embed|frame|frameset|math|applet|base)$/;
    while ($attrs =~ /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g) {
      my ($name, $v) = (lc $1, decode($2 // $3 // $4 // ''));
      print "$f: <$tag $name=...>\n" if $name =~ /^on/;
      (my $u = lc $v) =~ s/[\x00-\x20]//g;
      print "$f: <$tag $name=\"$v\">\n"
        if $name =~ /^(href|src|action|formaction|xlink:href|poster|data)$/ && $u =~ /^(javascript|vbscript|livescript|data:text)/;
      print "$f: <$tag style=\"$v\">\n" if $name eq 'style' && $u =~ /expression\(|javascript:/;
    }
  }
}
PERL

S=$(new_site xss)
f=$S/content/tiltak/demens.md
sed -i 's/^tittel: .*/tittel: "<script>alert(1)<\/script>\\" onmouseover=\\"alert(2)\\" \x27 onmouseover=\x27alert(3)"/' "$f"
sed -i 's/^sammendrag: .*/sammendrag: "<img src=x onerror=alert(4)> \\" onfocus=\\"alert(5)"/' "$f"
sed -i 's/^    side: "17"/    side: "17"\n  - dokument: "<\/title><script>alert(6)<\/script>"\n    tittel: "\\" onmouseover=\\"alert(7)"\n    url: "https:\/\/example.no\/?a=\\"onmouseover=\\"alert(8)"/' "$f"
cat >>"$f" <<'EOF'

## \<img src=x onerror=alert(9)\> "><svg onload=alert(10)>

<script>alert(11)</script>
<img src=x onerror=alert(12)>
<iframe src="javascript:alert(13)"></iframe>
<svg onload=alert(14)></svg>
<a href="javascript:alert(15)">a</a>

[a](javascript:alert(16)) [b](JaVaScRiPt:alert(17)) [c](java&#115;cript:alert(18))
[d](&#x6A;avascript:alert(19)) [e](vbscript:msgbox(20)) [f](data:text/html;base64,PHNjcmlwdD4=)
<javascript:alert(21)> ![g](javascript:alert(22)) [h][ref] [i](<javascript:alert(23)>)
[j](https://example.no/ "\" onmouseover=\"alert(24)") [k](ledelse.md "' onmouseover='alert(25)")

[ref]: javascript:alert(26)
EOF
out=$(timeout $LIMIT "$VARDE" build --root "$S" 2>&1); rc=$?
page=$S/public/tiltak/demens/index.html
if [ $rc -ne 0 ] || [ ! -f "$page" ]; then
  fail "hostile page builds" "exit $rc" "$out"
else
  ok "hostile page builds"
  missing=""
  for a in '&lt;script&gt;alert(1)' 'alert(4)' 'alert(6)' 'alert(7)' 'alert(9)' 'alert(24)'; do
    grep -qF "$a" "$page" || missing="$missing $a"
  done
  if [ -z "$missing" ]; then ok "the hostile values reach the page, as text"
  else fail "the hostile values reach the page, as text" "missing:$missing"; fi
  if command -v perl >/dev/null 2>&1; then
    bad=$(find "$S/public" -name '*.html' -o -name '*.xml' | xargs perl "$TMP/inert.pl" | sed "s|$S/public/||")
  else
    bad="perl is not installed: cannot parse the output"
  fi
  if [ -z "$bad" ]; then ok "title, fields and body are rendered inert"; else
    fail "title, fields and body are rendered inert" $bad; fi
  bad=$(find "$S/public" -name '*.json' | xargs grep -l '</script' | sed "s|$S/public/||")
  if [ -z "$bad" ]; then ok "JSON output cannot close a script element"; else
    fail "JSON output cannot close a script element" $bad; fi
  if grep -q 'raw HTML omitted' "$page"; then
    ok "raw HTML is dropped while raw_html is off"
  else
    fail "raw HTML is dropped while raw_html is off"
  fi
fi

# url fields take only http(s) and site-relative URLs (each YAML scalar as
# written in the file; browsers read /\host and /<tab>/host as //host)
n=0
while IFS= read -r y; do
  n=$((n + 1))
  S=$(new_site url$n)
  Y=$y awk 'NR == 8 { print "nettside: " ENVIRON["Y"]; next } { print }' "$ROOT/tests/fixtures/basic/content/tiltak/demens.md" \
    >"$S/content/tiltak/demens.md"
  shown=$(printf '%s' "$y" | sed 's/\\/<backslash>/g')
  bg "url field refuses $shown" "$S" "content/tiltak/demens.md:8:11: error: 'nettside' må være en nettadresse"
done <<'EOF'
"javascript:alert(1)"
JavaScript:alert(1)
" javascript:alert(1)"
"data:text/html,x"
vbscript:msgbox(1)
//evil.example/x
'/\evil.example/x'
"/\t/evil.example/x"
"/\n/evil.example/x"
https:evil.example
EOF
S=$(new_site url_kilde)
sed -i 's/^    side: "17"/    side: "17"\n    url: "javascript:alert(1)"/' "$S/content/tiltak/demens.md"
bg "url field inside an object refuses javascript:" "$S" "content/tiltak/demens.md:[0-9]+:[0-9]+: error: 'url' må være en nettadresse"
bg_wait
S=$(new_site url_ok)
sed -i 's|^nettside: .*|nettside: "https://example.no/a?b=1\&c=<2>"|' "$S/content/tiltak/demens.md"
out=$(timeout $LIMIT "$VARDE" build --root "$S" 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q 'href="https://example.no/a?b=1&amp;c=&lt;2&gt;"' "$S/public/tiltak/demens/index.html"; then
  ok "an accepted url is written escaped"
else
  fail "an accepted url is written escaped" "exit $rc" "$out"
fi

# raw_html = true is trusted output, but must not break the build
S=$(new_site rawhtml)
sed -i 's/^  theme = "standard",/  theme = "standard",\n  raw_html = true,/' "$S/site.lua"
printf '\n## Om <b>fet</b> <span class="x">tekst</span>\n\n<div class="boks">rå HTML</div>\n' >>"$S/content/tiltak/demens.md"
out=$(timeout $LIMIT "$VARDE" build --root "$S" 2>&1); rc=$?
judge_bounded "raw_html = true with HTML inside a heading" $rc "$out"
if [ $rc -eq 0 ] && grep -q '<div class="boks">' "$S/public/tiltak/demens/index.html"; then
  ok "raw_html = true passes HTML through"
else
  fail "raw_html = true passes HTML through" "exit $rc"
fi

# ---- Big and broken input ------------------------------------------------------

head_fm='---\ntittel: Stor side\nsammendrag: x\n---\n'

S=$(new_site big)
{ printf -- "$head_fm"
  awk 'BEGIN { for (i = 0; ; i++) {
    if (i % 200 == 0) printf "## Del %d\n\n", i / 200
    printf "Avsnitt %d om helse og omsorg i kommunene, med **uthevet** tekst og en [lenke](/tiltak/).\n\n- punkt *en*\n- punkt to\n\n", i } }' |
    head -c 52428800
  printf '\n'; } >"$S/content/sider/stor.md"
start=$(date +%s)
out=$(timeout 180 "$FAST" build --root "$S" 2>&1); rc=$?
secs=$(( $(date +%s) - start ))
rm -f "$S/content/sider/stor.md"
if [ $rc -eq 0 ] && [ -s "$S/public/stor/index.html" ]; then ok "a 50 MB Markdown file builds ($secs s)"
elif [ $rc -eq 1 ] && echo "$out" | grep -q 'content/sider/stor.md.*error:'; then ok "a 50 MB Markdown file is refused with a message ($secs s)"
else fail "a 50 MB Markdown file builds or is refused" "exit $rc after $secs s" "$(echo "$out" | tail -5)"; fi
rm -rf "$S"

# build_page: builds $S into out and rc (its content/sider/x.md is /x/)
build_page() {
  out=$(timeout $LIMIT "$VARDE" build --root "$S" 2>&1)
  rc=$?
}
S=$(new_site headings)
{ printf -- "$head_fm"; awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "## Overskrift %d\n\n", i }'; } >"$S/content/sider/x.md"
build_page
judge_bounded "10 000 headings" $rc "$out"
check_file "10 000 headings get ids" "$S/public/x/index.html" 'id="overskrift-10000"'
S=$(new_site sameheadings)
{ printf -- "$head_fm"; awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "## Samme\n\n" }'; } >"$S/content/sider/x.md"
build_page
judge_bounded "10 000 headings with the same text" $rc "$out"
check_file "10 000 headings with the same text get distinct ids" "$S/public/x/index.html" 'id="samme-10000"'

S=$(new_site nested)
{ printf -- "$head_fm"
  awk 'BEGIN { s = ""; for (i = 0; i < 10000; i++) s = s "- "; print s "liste"; print "";
               s = ""; for (i = 0; i < 10000; i++) s = s ">"; print s " sitat"; print "";
               for (i = 0; i < 500; i++) { for (k = 0; k < i; k++) printf "  "; print "- nivå " i }; print "";
               s = ""; for (i = 0; i < 20000; i++) s = s "*a **b "; print s; print "";
               s = ""; for (i = 0; i < 20000; i++) s = s "[a]("; print s; print "";
               s = ""; for (i = 0; i < 20000; i++) s = s "![["; print s; print "";
               s = ""; for (i = 0; i < 20000; i++) s = s "<a "; print s; print "";
               s = ""; for (i = 0; i < 5000; i++) s = s "*a [b](/x) "; print s; print "";
               s = ""; for (i = 0; i < 2000; i++) s = s "| a "; print s "|"; s = ""; for (i = 0; i < 2000; i++) s = s "|---"; print s "|" }'
} >"$S/content/sider/x.md"
build_page
judge_bounded "deeply nested lists and block quotes, cmark's pathological inputs" $rc "$out"

S=$(new_site yamldeep)
{ printf -- '---\ntittel: x\nsammendrag: '; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }'; printf -- '---\n'; } >"$S/content/sider/x.md"
out=$(timeout $LIMIT "$VARDE" check --root "$S" 2>&1); rc=$?
judge "deeply nested YAML is an error" $rc "$out" 'content/sider/x.md:[0-9]+:[0-9]+: error: (hodet har for mange nivåer|feil i hodet)'

S=$(new_site binary)
LC_ALL=C awk 'BEGIN { srand(8); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' >"$S/content/sider/x.md"
printf '\000\377\376' >>"$S/content/sider/x.md"
out=$(timeout $LIMIT "$VARDE" check --root "$S" 2>&1); rc=$?
judge "a binary file as .md is refused" $rc "$out" 'content/sider/x.md(:[0-9]+:[0-9]+)?: error: (ugyldig UTF-8|filen inneholder NUL)'

S=$(new_site truncated); printf -- '---\ntittel: "bl\303' >"$S/content/sider/x.md"
out=$(timeout $LIMIT "$VARDE" check --root "$S" 2>&1); rc=$?
judge "a truncated UTF-8 sequence is refused" $rc "$out" 'content/sider/x.md:2:12: error: ugyldig UTF-8'

S=$(new_site bom); printf '\357\273\277---\ntittel: Med BOM\nsammendrag: x\n---\nTekst.\n' >"$S/content/sider/x.md"
build_page
if [ $rc -eq 0 ] && grep -q '<title>Med BOM' "$S/public/x/index.html" 2>/dev/null; then ok "a byte-order mark is skipped"
else fail "a byte-order mark is skipped" "exit $rc" "$out"; fi

S=$(new_site crlf); sed -i 's/$/\r/' "$S/content/tiltak/demens.md"
build_page
if [ $rc -eq 0 ] && grep -q '<title>Demensomsorgens ABC' "$S/public/tiltak/demens/index.html" &&
   ! grep -q "$(printf '\r')" "$S/public/tiltak/demens/index.html"; then ok "CRLF line endings are read like LF"
else fail "CRLF line endings are read like LF" "exit $rc" "$out"; fi

S=$(new_site empty); : >"$S/content/sider/x.md"
out=$(timeout $LIMIT "$VARDE" check --root "$S" 2>&1); rc=$?
judge "an empty .md file is refused" $rc "$out" 'content/sider/x.md:1:1: error: hodet mangler'

# ---- Interrupted and failed builds ---------------------------------------------

# A failed build leaves public/ as it was, even when an output it wrote
# before failing has the path of a file of the current site.
S=$(new_site failed)
sums() { (cd "$S/public" && find . -type f -exec cksum {} + | sort -k3); }
timeout $LIMIT "$VARDE" build --root "$S" >/dev/null 2>&1
before=$(sums)
mkdir -p "$S/templates"
printf 'OVERWRITTEN\n' >"$S/templates/other.html"
printf '{{ nosuch.x }}\n' >"$S/templates/broken.html"
sed -i 's|^  menu = |  pages = { { url = "/tiltak/", template = "other.html" }, { url = "/z/", template = "broken.html" } },\n  menu = |' "$S/site.lua"
out=$(timeout $LIMIT "$VARDE" build --root "$S" 2>&1); rc=$?
if [ $rc -eq 1 ] && [ "$before" = "$(sums)" ]; then ok "a failed build leaves public/ untouched"
else fail "a failed build leaves public/ untouched" "exit $rc" \
  "$(printf '%s\n' "$before" >"$TMP/b"; sums >"$TMP/a"; diff "$TMP/b" "$TMP/a" | head -6)"; fi

# A larger fixture (4 000 pages) is built once; builds killed with -9 at
# several points (fixed delays, as soon as the new site is being written,
# and half way through writing it) must leave that public/ complete and
# byte-identical, and the next build must succeed.
S=$(new_site killed)
awk -v d="$S/content/tiltak" '{ l[NR] = $0 } END { for (i = 0; i < 4000; i++) {
  f = d "/gen-" i ".md"
  for (k = 1; k <= NR; k++) print (l[k] ~ /^tittel:/ ? "tittel: Tiltak nummer " i : l[k]) >f
  close(f) } }' "$S/content/tiltak/ledelse.md"
# kill_build WHEN CONDITION: starts a build, waits until CONDITION (a shell
# test, $pid is the build) holds or 6 s pass, kills it with -9.
kill_build() {
  "$FAST" build --root "$S" >/dev/null 2>&1 &
  pid=$!
  i=0
  while [ $i -lt 600 ] && kill -0 $pid 2>/dev/null && ! eval "$2"; do sleep 0.01; i=$((i + 1)); done
  [ $i -lt 600 ] || echo "# kill_build $1: the condition never held; killed after 6 s"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  after=$(sums)
  if [ "$before" = "$after" ]; then ok "build killed $1 leaves public/ complete and unchanged"
  else fail "build killed $1 leaves public/ complete and unchanged" \
    "$(printf '%s\n' "$before" >"$TMP/b"; printf '%s\n' "$after" >"$TMP/a"; diff "$TMP/b" "$TMP/a" | head -10)"; fi
}
if ! timeout 120 "$FAST" build --root "$S" >/dev/null 2>&1; then
  fail "interrupted builds: the first build succeeds"
else
  before=$(sums)
  for delay in 0.02 0.1 0.3; do kill_build "after $delay s" "sleep $delay; true"; done
  kill_build "as it starts writing" '[ -d "$S/public.tmp-$pid" ]'
  kill_build "half way through writing" \
    '[ "$(find "$S/public.tmp-$pid" -type f 2>/dev/null | wc -l)" -gt 4000 ]'
  left=$(cd "$S" && ls -d public.tmp-* 2>/dev/null | wc -l)
  out=$(timeout 120 "$FAST" build --root "$S" 2>&1); rc=$?
  if [ $rc -eq 0 ] && [ "$before" = "$(sums)" ]; then ok "the next build succeeds and gives the same site"
  else fail "the next build succeeds and gives the same site" "exit $rc" "$out"; fi
  stale=$(cd "$S" && ls -d public.tmp-* 2>/dev/null)
  if [ -z "$stale" ]; then ok "the next build removes the temporary folders of killed builds ($left found)"
  else fail "the next build removes the temporary folders of killed builds ($left found)" $stale; fi
fi
rm -rf "$S"

# ---- valgrind -----------------------------------------------------------------------

if command -v valgrind >/dev/null 2>&1 && [ -x "$ROOT/bin/varde" ]; then
  S=$(new_site valgrind)
  out=$(timeout 300 valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=9 "$ROOT/bin/varde" build --root "$S" 2>&1); rc=$?
  if [ $rc -eq 0 ] && echo "$out" | grep -q 'ERROR SUMMARY: 0 errors'; then ok "valgrind: the fixture builds without invalid accesses or leaks"
  else fail "valgrind: the fixture builds without invalid accesses or leaks" "exit $rc" "$(echo "$out" | grep -E '==[0-9]+== (Invalid|.*definitely|.*indirectly|ERROR SUMMARY|    (at|by))' | head -20)"; fi
else
  ok "valgrind: the fixture builds without invalid accesses or leaks # SKIP valgrind not installed"
fi
