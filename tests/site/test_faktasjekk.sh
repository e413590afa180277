# The fact check of the content (issue 17): every number on a page occurs in
# a source the page cites (tools/kildetall.py), and the ledger in
# docs/faktasjekk/ has a row for every page (tools/faktalogg.py). Each
# problem is printed as path:line:col: error: …, then the summary lines.
. "$(dirname "$0")/../e2e/lib.sh"
cd "$ROOT"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
  skip "every number on a page is in a source it cites" "python3 with python3-yaml is not installed (.ci/run installs it)"
  skip "the fact-check ledger covers every page" "python3 with python3-yaml is not installed (.ci/run installs it)"
  exit 0
fi
out=$(python3 tools/kildetall.py sjekk 2>&1)
rc=$?
echo "# $(echo "$out" | tail -1)"
# warnings (a number not on the cited page) do not fail; they stay in the log
echo "$out" | grep ': warning: ' | sed 's/^/# /'
if [ $rc -eq 0 ]; then ok "every number on a page is in a source it cites"
else fail "every number on a page is in a source it cites"; echo "$out" | grep ': error: ' | sed 's/^/  /'; fi
out=$(python3 tools/faktalogg.py 2>&1)
rc=$?
echo "# $(echo "$out" | tail -1)"
if [ $rc -eq 0 ]; then ok "the fact-check ledger covers every page"
else fail "the fact-check ledger covers every page"; echo "$out" | grep ': error: ' | sed 's/^/  /'; fi
