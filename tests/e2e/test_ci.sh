# End-to-end: what CI needs from varde: GitHub annotations (--format github).
. "$(dirname "$0")/lib.sh"

# With --format github each problem is one workflow command on stdout, with
# the path relative to the repository (the site is its subfolder "site").
mkdir -p "$TMP/repo"
S=$(new_site gh); mv "$S" "$TMP/repo/site"; S="$TMP/repo/site"
cp "$S/content/tiltak/demens.md" "$TMP/demens.md"
sed -i 's/^tittel:/maalgruppe: x\ntittel:/' "$S/content/tiltak/demens.md"
line=$(grep -n '^maalgruppe:' "$S/content/tiltak/demens.md" | cut -d: -f1)
out=$(cd "$TMP/repo" && "$VARDE" check --root site --format github 2>"$TMP/gh.err")
rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "^::error file=site/content/tiltak/demens.md,line=$line,col=1::ukjent felt 'maalgruppe'" &&
   ! echo "$out" | grep -qv '^::' && grep -q "^1 error$" "$TMP/gh.err"; then
  ok "check --format github: an annotation on the line of the mistake, path from the repository"
else
  fail "check --format github: an annotation on the line of the mistake, path from the repository" "exit $rc" "$out" "$(cat "$TMP/gh.err")"
fi
# A template error met by four render workers: one annotation, one error.
cp "$TMP/demens.md" "$S/content/tiltak/demens.md"
mkdir -p "$S/templates"
printf '{%% extends "base.html" %%}\n{%% block main %%}\n{{ page.nosuch.x }}\n{%% endblock %%}\n' > "$S/templates/tiltak.html"
out=$(cd "$TMP/repo" && "$VARDE" check --root site --format github --jobs 4 2>"$TMP/gh.err")
rc=$?
n=$(echo "$out" | grep -c '^::error file=site/templates/tiltak.html,line=3,col=1::attempt to index a nil value')
if [ $rc -eq 1 ] && [ "$n" -eq 1 ] && [ "$(echo "$out" | grep -c '^::error')" -eq 1 ] && grep -q "^1 error$" "$TMP/gh.err"; then
  ok "check --format github: a template error met by four workers is one annotation"
else
  fail "check --format github: a template error met by four workers is one annotation" "exit $rc" "$out" "$(cat "$TMP/gh.err")"
fi
# the default stays the compiler format
out=$("$VARDE" check --root "$S" 2>&1 >/dev/null)
echo "$out" | grep -q "^templates/tiltak.html:3:1: error: attempt to index" &&
  ok "check without --format prints path:line:col" || fail "check without --format prints path:line:col" "$out"
"$VARDE" check --root "$S" --format nosuch >/dev/null 2>&1; [ $? -eq 2 ] && ok "an unknown --format exits 2" || fail "an unknown --format exits 2"

# --format gitlab: a Code Quality report (valid JSON) on stdout, with the
# template error once although four workers met it; the log keeps the
# compiler lines on stderr. A site without problems gives [].
out=$(cd "$TMP/repo" && "$VARDE" check --root site --format gitlab --jobs 4 2>"$TMP/gl.err")
rc=$?
res=$(printf '%s' "$out" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(len(r), r[0]["location"]["path"], r[0]["location"]["lines"]["begin"], r[0]["severity"], r[0]["check_name"], len(r[0]["fingerprint"]) > 0)' 2>&1)
if [ $rc -eq 1 ] && [ "$res" = "1 site/templates/tiltak.html 3 major varde True" ] &&
   grep -q '^templates/tiltak.html:3:1: error: attempt to index' "$TMP/gl.err"; then
  ok "check --format gitlab: a Code Quality report on stdout, compiler lines on stderr"
else
  fail "check --format gitlab: a Code Quality report on stdout, compiler lines on stderr" "exit $rc" "$res" "$out" "$(cat "$TMP/gl.err")"
fi
rm "$S/templates/tiltak.html"
out=$("$VARDE" check --root "$S" --format gitlab 2>/dev/null)
[ "$out" = "[]" ] && ok "check --format gitlab: no problems, an empty report" || fail "check --format gitlab: no problems, an empty report" "$out"
