# The copy check (issue 17): no page shares a run of 8 or more words with a
# source document (tools/kildeord.py; names count as one word, quotations in
# «» and numbers as none). Each run is printed as path:line:col: error: …
# Also: the check's own unit tests (tests/site/kildeord_test.py), and the
# committed index of hashed word runs (tests/site/kildeord/), which must match
# the source texts when they are here (../shared/seeds or $KILDETEKSTER; they
# are not on every machine, and then that case is skipped).
. "$(dirname "$0")/../e2e/lib.sh"
cd "$ROOT"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
  skip "no page copies a run of words from a source" "python3 with python3-yaml is not installed (.ci/run installs it)"
  exit 0
fi
python3 tests/site/kildeord_test.py
out=$(python3 tools/kildeord.py sjekk 2>&1)
rc=$?
echo "# $(echo "$out" | tail -1)"
if [ $rc -eq 0 ]; then ok "no page copies a run of words from a source"
else fail "no page copies a run of words from a source"; echo "$out" | grep ': error: ' | sed 's/^/  /'; fi
seeds=${KILDETEKSTER:-$ROOT/../shared/seeds}
if [ -d "$seeds" ]; then
  out=$(KILDETEKSTER="$seeds" python3 tools/kildeord.py indeks --sjekk 2>&1)
  if [ $? -eq 0 ]; then ok "tests/site/kildeord/ is made from the source texts as they are"
  else fail "tests/site/kildeord/ is made from the source texts as they are" "$out"; fi
else
  skip "tests/site/kildeord/ is made from the source texts as they are" "the source texts are not here ($seeds)"
fi
# the index holds hashes only: its one text line says how they were made
bad=$(for f in tests/site/kildeord/*.bin; do
  head -c 17 "$f" | grep -q '^varde-kildeord 1$' || echo "$f: not an index"
  sed -n 2p "$f" | grep -a -q -E '^n=[0-9]+ bits=[0-9]+ antall=[0-9]+ kilde=[0-9a-f_]+\.txt$' || echo "$f: header"
done)
[ -z "$bad" ] && ok "the copy index holds hashes only" || fail "the copy index holds hashes only" "$bad"
