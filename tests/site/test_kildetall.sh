# The fact test's own parts: its number reading (tests/site/tall_test.py) and
# the committed index of the sources' numbers (tests/site/kildetall/), which
# must match the source texts when they are here (../shared/seeds or
# $KILDETEKSTER; they are not on every machine, and then that case is skipped).
. "$(dirname "$0")/../e2e/lib.sh"
cd "$ROOT"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
  skip "the fact test's number reading" "python3 with python3-yaml is not installed (.ci/run installs it)"
  exit 0
fi
python3 tests/site/tall_test.py
seeds=${KILDETEKSTER:-$ROOT/../shared/seeds}
if [ -d "$seeds" ]; then
  out=$(KILDETEKSTER="$seeds" python3 tools/kildetall.py indeks --sjekk 2>&1)
  if [ $? -eq 0 ]; then ok "tests/site/kildetall/ is made from the source texts as they are"
  else fail "tests/site/kildetall/ is made from the source texts as they are" "$out"; fi
else
  skip "tests/site/kildetall/ is made from the source texts as they are" "the source texts are not here ($seeds)"
fi
# the index holds numbers only: no line of a source's text
bad=$(grep -h -v '^#' tests/site/kildetall/*.tsv | grep -v -P '^[0-9][0-9.]*\t[0-9?,-]*\t[0-9?,-]*$' | head -3)
[ -z "$bad" ] && ok "the index holds numbers only" || fail "the index holds numbers only" "$bad"
