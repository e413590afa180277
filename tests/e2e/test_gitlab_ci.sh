# End-to-end: .gitlab-ci.yml, run as a GitLab runner runs it. Every line of
# each job's before_script and script is executed in order on a fresh
# checkout (made as the runner makes it, with the file's GIT_DEPTH), by
# tests/e2e/gitlab_jobs.py, with GitLab's predefined variables.
#
# One stand-in, because a test may not use the network and this machine is
# not a fresh debian:12 container: `apt-get` is a script on PATH that does
# nothing for `update` and, for `install`, fails unless every package named
# is a real Debian package already installed here (so a wrong or missing
# package name still fails). Everything else runs for real (make deps, the
# compile, check, build).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ci.sh"
CI_FILE="$ROOT/.gitlab-ci.yml"
JOBS="python3 $ROOT/tests/e2e/gitlab_jobs.py"
if ! python3 -c 'import yaml' 2>/dev/null; then
  skip "gitlab-ci" "python3 with the yaml module is not installed (Debian: python3-yaml)"; exit 0
fi
mkdir -p "$TMP/standin"
cat >"$TMP/standin/apt-get" <<'SH'
#!/bin/sh
# stand-in for apt-get (see tests/e2e/test_gitlab_ci.sh)
echo "apt-get (stand-in) $*"
[ "$1" = update ] && exit 0
[ "$1" = install ] || { echo "stand-in apt-get: only update and install" >&2; exit 100; }
shift
for p in "$@"; do
  case $p in -*) continue;; esac
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    { echo "stand-in apt-get: $p is not an installed Debian package here" >&2; exit 100; }
done
SH
chmod +x "$TMP/standin/apt-get"
export PATH="$TMP/standin:$PATH"

grep -q '^image: debian:12$' "$CI_FILE" && ok "gitlab-ci: a stock debian:12 image" || fail "gitlab-ci: a stock debian:12 image"
depth=$(python3 -c 'import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))["variables"]["GIT_DEPTH"])' "$CI_FILE")

snapshot_repo "$TMP/src" || fail "snapshot of the repository"
git init -q --bare "$TMP/origin.git"
git -C "$TMP/src" push -q "$TMP/origin.git" HEAD:refs/heads/main
main=$(git --git-dir="$TMP/origin.git" rev-parse main)
gl_checkout() { # WS SHA REFSPEC: what the runner does, with GIT_DEPTH
  git -C "$1" init -q 2>/dev/null || { mkdir -p "$1" && git -C "$1" init -q; }
  git -C "$1" remote add origin "$TMP/origin.git" 2>/dev/null
  git -C "$1" fetch -q --prune $( [ "$depth" -eq 0 ] || echo "--depth=$depth" ) origin \
    '+refs/heads/*:refs/remotes/origin/*' '+refs/tags/*:refs/tags/*' $3 &&
  git -C "$1" checkout -q -f "$2"
}

# pages on a push to the default branch; check is not in that pipeline.
gl_checkout "$TMP/pages" "$main"
$JOBS "$CI_FILE" pages "$TMP/pages" CI_PIPELINE_SOURCE=push CI_COMMIT_BRANCH=main CI_COMMIT_SHA="$main" >"$TMP/pages.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ -f "$TMP/pages/public/index.html" ] && ! grep -q 'shallow' "$TMP/pages.log"; then
  ok "gitlab-ci: pages builds public/ on the default branch, with the whole history"
else
  fail "gitlab-ci: pages builds public/ on the default branch, with the whole history" "exit $rc" "$(tail -30 "$TMP/pages.log")"
fi
$JOBS "$CI_FILE" check "$TMP/pages" CI_PIPELINE_SOURCE=push CI_COMMIT_BRANCH=main >"$TMP/x.log" 2>&1
[ $? -eq 3 ] && ok "gitlab-ci: no merge-request check on a push to main" || fail "gitlab-ci: no merge-request check on a push to main" "$(cat "$TMP/x.log")"

# check on a merge request with a mistake: the job fails, the log names the
# line, the Code Quality report has the issue; pages does not run.
page=$(cd "$TMP/src" && ls content/tiltak/*.md | head -1)
git -C "$TMP/src" checkout -q -B feil "$main" && sed -i '2i\målgruppe: alle' "$TMP/src/$page" &&
  git -C "$TMP/src" commit -qam "Feil felt" && git -C "$TMP/src" push -q "$TMP/origin.git" HEAD:refs/merge-requests/1/head
mr=$(git -C "$TMP/src" rev-parse HEAD)
cp -a "$TMP/pages" "$TMP/mr"
gl_checkout "$TMP/mr" "$mr" '+refs/merge-requests/1/head:refs/remotes/origin/merge-requests/1/head'
$JOBS "$CI_FILE" check "$TMP/mr" CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=1 CI_COMMIT_SHA="$mr" >"$TMP/mr.log" 2>&1
rc=$?
n=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for i in r if i["location"]["path"]==sys.argv[2] and i["location"]["lines"]["begin"]==2 and i["severity"]=="major"))' \
  "$TMP/mr/gl-code-quality-report.json" "$page" 2>&1)
if [ $rc -eq 1 ] && grep -q "^$page:2:1: error: [^:]*'målgruppe'" "$TMP/mr.log" && [ "$n" = 1 ]; then
  ok "gitlab-ci: a merge request with a mistake fails, with the line in the log and in the Code Quality report"
else
  fail "gitlab-ci: a merge request with a mistake fails, with the line in the log and in the Code Quality report" "exit $rc, $n" "$(tail -30 "$TMP/mr.log")"
fi
$JOBS "$CI_FILE" pages "$TMP/mr" CI_PIPELINE_SOURCE=merge_request_event >"$TMP/x.log" 2>&1
[ $? -eq 3 ] && ok "gitlab-ci: no pages job on a merge request" || fail "gitlab-ci: no pages job on a merge request" "$(cat "$TMP/x.log")"
# and a good merge request passes with its preview
git -C "$TMP/src" checkout -q -B god "$main" && sed -i '$s/$/ Rettet./' "$TMP/src/$page" &&
  git -C "$TMP/src" commit -qam "Rettet tekst" && git -C "$TMP/src" push -q "$TMP/origin.git" HEAD:refs/merge-requests/2/head
mr=$(git -C "$TMP/src" rev-parse HEAD)
gl_checkout "$TMP/mr" "$mr" '+refs/merge-requests/2/head:refs/remotes/origin/merge-requests/2/head'
$JOBS "$CI_FILE" check "$TMP/mr" CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=2 CI_COMMIT_SHA="$mr" >"$TMP/mr2.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ -f "$TMP/mr/public/index.html" ] && grep -q 'report codequality: 0 entries' "$TMP/mr2.log"; then
  ok "gitlab-ci: a good merge request passes with an empty report and a preview"
else
  fail "gitlab-ci: a good merge request passes with an empty report and a preview" "exit $rc" "$(tail -30 "$TMP/mr2.log")"
fi
