# End-to-end: the hostile inputs of issue 13, kept as files under
# tests/hostile/<kind>/. Each file says on its first "expect:" line what varde must
# answer: "expect: REGEX" (grep -E on the output of `varde check`, exit 1),
# or "expect: ^$" for an input that must simply build (exit 0). Every run is
# bounded by `timeout`; a run that is killed, crashes or prints a sanitizer
# report fails its case.
#   sitelua/*.lua   prepended to the fixture's site.lua; a line "--@fixture"
#                   instead places the fixture there as `local site = …`
#   template/*.html the template of the fixture's tiltak pages
#   content/*.md    a page content/tiltak/<name>.md of the fixture
. "$(dirname "$0")/lib.sh"

LIMIT=${HOSTILE_LIMIT:-20}
H=$ROOT/tests/hostile

expectation() { sed -n '/expect: /{s/.*expect: \(.*\)$/\1/p;q}' "$1" | sed 's/ *#}$//'; }

# judge NAME FILE SITE: run `varde check` on SITE and compare with FILE's expectation.
judge() {
  want=$(expectation "$2")
  out=$(timeout $LIMIT "$VARDE" check --root "$3" 2>&1)
  rc=$?
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    fail "$1" "no answer within ${LIMIT} s; varde was killed"
  elif [ $rc -gt 1 ] || echo "$out" | grep -Eq 'Sanitizer|runtime error:'; then
    fail "$1" "crashed (exit $rc); output:" "$(echo "$out" | head -25)"
  elif [ "$want" = '^$' ]; then
    if [ $rc -eq 0 ]; then ok "$1"; else fail "$1" "exit $rc, wanted 0; output:" "$(echo "$out" | head -25)"; fi
  elif [ $rc -eq 1 ] && echo "$out" | grep -Eq -- "$want"; then
    ok "$1"
  else
    fail "$1" "exit $rc, wanted 1 and /$want/; output:" "$(echo "$out" | head -25)"
  fi
}

for f in "$H"/sitelua/*.lua; do
  [ -f "$f" ] || continue
  n=$(basename "$f" .lua)
  s=$(new_site "sl-$n")
  if grep -q '^--@fixture$' "$f"; then
    { sed '/^--@fixture$/,$d' "$f"
      echo 'local site = (function()'; cat "$ROOT/tests/fixtures/basic/site.lua"; echo 'end)()'
      sed '1,/^--@fixture$/d' "$f"; } >"$s/site.lua"
  else
    { cat "$f"; cat "$ROOT/tests/fixtures/basic/site.lua"; } >"$s/site.lua"
  fi
  judge "site.lua: $n" "$f" "$s"
done

for f in "$H"/template/*.html; do
  [ -f "$f" ] || continue
  n=$(basename "$f" .html)
  s=$(new_site "tp-$n")
  mkdir -p "$s/templates"
  cp "$f" "$s/templates/tiltak.html"
  judge "template: $n" "$f" "$s"
done

for f in "$H"/content/*.md; do
  [ -f "$f" ] || continue
  n=$(basename "$f" .md)
  s=$(new_site "md-$n")
  cp "$f" "$s/content/tiltak/$n.md"
  judge "content: $n" "$f" "$s"
done
