# End-to-end: `varde publish` to a branch host from CI, offline.
# 1. The GitHub runner, simulated: a bare "remote" holds main and a gh-pages
#    made by an earlier run; each run is a fresh checkout made exactly as
#    actions/checkout@v4 does it (git init, the token as extraheader, fetch
#    of every branch, checkout -B main). Publishing builds on the remote's
#    gh-pages, pushes fast-forward only, and makes no commit without change.
# 2. An authenticated smart-HTTP remote on 127.0.0.1 (git http-backend
#    behind Basic auth): the push succeeds with the token as extraheader,
#    from a credential helper, from VARDE_PUBLISH_TOKEN and in the URL; it
#    fails clearly without one; the token never appears in varde's output.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ci.sh"
need git "publish"

S=$(new_site site)
git -C "$S" init -q -b main && git -C "$S" add -A && git -C "$S" commit -qm "Første versjon"
git init -q --bare -b main "$TMP/remote.git"
# the remote refuses what GitHub's branch protection would: rewriting history
git --git-dir="$TMP/remote.git" config receive.denyNonFastForwards true
git --git-dir="$TMP/remote.git" config core.logAllRefUpdates always
git -C "$S" push -q "$TMP/remote.git" main
# an earlier run published gh-pages (from another machine)
git clone -q "$TMP/remote.git" "$TMP/earlier"
(cd "$TMP/earlier" && "$VARDE" publish --push origin >"$TMP/earlier.log" 2>&1)
g0=$(git --git-dir="$TMP/remote.git" rev-parse -q --verify gh-pages)
[ -n "$g0" ] && ok "an earlier run published gh-pages" || fail "an earlier run published gh-pages" "$(cat "$TMP/earlier.log")"

run() { # NAME: a fresh runner checks out main and publishes
  rm -rf "$TMP/$1"
  gh_checkout "$TMP/$1" "$TMP/remote.git" refs/heads/main 0 &&
  (cd "$TMP/$1" && "$VARDE" publish --push origin >"$TMP/$1.log" 2>&1)
}
# a content change on main, then a run
git -C "$S" pull -q "$TMP/remote.git" main 2>/dev/null
sed -i '$s/$/ Endret i første runde./' "$S/content/tiltak/demens.md"
git -C "$S" commit -qam "Endre demens" && git -C "$S" push -q "$TMP/remote.git" main
run run1; rc1=$?
g1=$(git --git-dir="$TMP/remote.git" rev-parse gh-pages)
if [ $rc1 -eq 0 ] && [ "$(git --git-dir="$TMP/remote.git" rev-parse gh-pages^)" = "$g0" ]; then
  ok "run 1: the new commit goes on top of the remote's gh-pages (no local branch), pushed fast-forward"
else
  fail "run 1: the new commit goes on top of the remote's gh-pages (no local branch), pushed fast-forward" "exit $rc1" "$(cat "$TMP/run1.log")"
fi
sed -i '$s/$/ Endret i andre runde./' "$S/content/tiltak/demens.md"
git -C "$S" commit -qam "Endre demens igjen" && git -C "$S" push -q "$TMP/remote.git" main
run run2; rc2=$?
g2=$(git --git-dir="$TMP/remote.git" rev-parse gh-pages)
if [ $rc2 -eq 0 ] && [ "$g2" != "$g1" ] && [ "$(git --git-dir="$TMP/remote.git" rev-parse gh-pages^)" = "$g1" ]; then
  ok "run 2: after another change, a second fast-forward push"
else
  fail "run 2: after another change, a second fast-forward push" "exit $rc2" "$(cat "$TMP/run2.log")"
fi
# the same main once more (a re-run; every commit is named in the footer, so
# only a re-run builds the same site)
run run3; rc3=$?
if [ $rc3 -eq 0 ] && [ "$(git --git-dir="$TMP/remote.git" rev-parse gh-pages)" = "$g2" ] &&
   grep -q 'nothing to publish' "$TMP/run3.log" && grep -q 'nothing to push' "$TMP/run3.log"; then
  ok "run 3: no change, no commit, nothing pushed"
else
  fail "run 3: no change, no commit, nothing pushed" "exit $rc3" "$(cat "$TMP/run3.log")"
fi
n=$(git --git-dir="$TMP/remote.git" rev-list --count gh-pages)
pushes=$(git --git-dir="$TMP/remote.git" reflog show gh-pages 2>/dev/null | wc -l)
[ "$n" -eq 3 ] && [ "$pushes" -eq 3 ] && ok "gh-pages: three commits (earlier, run 1, run 2), three updates, none forced" ||
  fail "gh-pages: three commits (earlier, run 1, run 2), three updates, none forced" "$n commits, $pushes updates"

# Shallow clones (actions/checkout's default fetch-depth: 1, GitLab's
# GIT_DEPTH): a warning that says the history is cut off, what varde did
# (no dates, none guessed) and how to fetch it; no page shows a date; the
# full clone's pages do. Publishing from the shallow clone still builds on
# the remote's gh-pages.
# (the theme's block with a page's git dates is <div class="oppdatert">)
grep -rq 'class="oppdatert"' "$TMP/run2/public" 2>/dev/null || (cd "$TMP/run2" && "$VARDE" build >/dev/null 2>&1)
for depth in 1 2; do
  rm -rf "$TMP/shallow$depth"
  gh_checkout "$TMP/shallow$depth" "$TMP/remote.git" refs/heads/main $depth
  out=$(cd "$TMP/shallow$depth" && "$VARDE" build --format github 2>&1); rc=$?
  if [ $rc -eq 0 ] && [ "$(echo "$out" | grep -c '^::warning::shallow clone: the git history is cut off')" -eq 1 ] &&
     echo "$out" | grep -q 'built without those dates.*none are guessed.*fetch-depth: 0.*GIT_DEPTH: 0' &&
     ! grep -rq 'class="oppdatert"' "$TMP/shallow$depth/public" &&
     grep -rq 'class="oppdatert"' "$TMP/run2/public"; then
    ok "depth $depth: a warning says the history is cut off and what varde did; no page has a date"
  else
    fail "depth $depth: a warning says the history is cut off and what varde did; no page has a date" "exit $rc" "$out"
  fi
done
# Pushing from a shallow clone needs libgit2 1.7 (Ubuntu 24.04 has it,
# Debian 12 has 1.5): with an older one, a clear error before any push.
out=$(cd "$TMP/shallow1" && "$VARDE" publish --branch grunt --push origin 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q 'warning: shallow clone' && echo "$out" | grep -q 'pushed grunt to origin'; then
  ok "publish --push from a shallow clone: pushed (with the warning about dates)"
elif [ $rc -eq 1 ] && echo "$out" | grep -q 'error: cannot push from a shallow clone with libgit2 1\.[0-6] (it needs the whole history): fetch it first (fetch-depth: 0' &&
     ! git --git-dir="$TMP/remote.git" rev-parse -q --verify grunt >/dev/null; then
  ok "publish --push from a shallow clone: a clear error with this libgit2, nothing pushed"
else fail "publish --push from a shallow clone: pushed, or a clear error" "exit $rc" "$out"; fi
out=$(cd "$TMP/shallow1" && "$VARDE" publish --branch lokal 2>&1); rc=$?
[ $rc -eq 0 ] && git -C "$TMP/shallow1" rev-parse -q --verify lokal >/dev/null && ok "publish without --push works in a shallow clone" ||
  fail "publish without --push works in a shallow clone" "exit $rc" "$out"
out=$(cd "$TMP/shallow1" && "$VARDE" build --rev HEAD --out "$TMP/rev-out" 2>&1); rc=$?
[ $rc -eq 0 ] && [ -f "$TMP/rev-out/index.html" ] && ok "build --rev works in a shallow clone" || fail "build --rev works in a shallow clone" "exit $rc" "$out"

# A local gh-pages that went another way than the remote's: an error, and
# neither branch is touched.
W="$TMP/run3"
git -C "$W" checkout -q --orphan egen && git -C "$W" commit -qm "Annen historie" --allow-empty &&
  git -C "$W" branch -f gh-pages egen && git -C "$W" checkout -q main
out=$(cd "$W" && "$VARDE" publish --push origin 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "have gone separate ways" &&
   [ "$(git --git-dir="$TMP/remote.git" rev-parse gh-pages)" = "$g2" ] &&
   [ "$(git -C "$W" rev-parse gh-pages)" = "$(git -C "$W" rev-parse egen)" ]; then
  ok "an unrelated local gh-pages is refused, nothing is replaced"
else
  fail "an unrelated local gh-pages is refused, nothing is replaced" "exit $rc" "$out"
fi

# The authenticated smart-HTTP remote.
need python3 "publish over HTTP"
TOKEN="ghs_Hemmelig0Token9ForTest"
mkdir -p "$TMP/srv" && git init -q --bare -b main "$TMP/srv/bank.git"
python3 "$ROOT/tests/e2e/git_http_server.py" "$TMP/srv" "$TOKEN" "$TMP/port" "$TMP/http.log" 2>"$TMP/srv.err" &
srv=$!
trap 'kill $srv 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$TMP"' EXIT
i=0; while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$TMP/port" 2>/dev/null)
URL="http://127.0.0.1:$PORT/bank.git"
H="$TMP/http"
git clone -q "$S" "$H" && git -C "$H" remote set-url origin "$URL"
b64=$(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)
# publish_as NAME BRANCH [env...]: publish BRANCH, keep the output, fail on a leaked token
publish_as() {
  name=$1 branch=$2; shift 2
  out=$(cd "$H" && env "$@" "$VARDE" publish --branch "$branch" --push "${PUSH:-origin}" 2>&1); rc=$?
  if echo "$out" | grep -q -e "$TOKEN" -e "$b64"; then fail "$name: the token is not printed" "$out"; else ok "$name: the token is not printed"; fi
}
pushed() { # BRANCH: the server has the local branch's commit
  l=$(git -C "$H" rev-parse -q --verify "$1") && [ "$(git --git-dir="$TMP/srv/bank.git" rev-parse -q --verify "$1")" = "$l" ]
}

publish_as "no credentials" uten VARDE_PUBLISH_TOKEN=
if [ $rc -eq 1 ] && echo "$out" | grep -q "asks for credentials and varde was given none: set VARDE_PUBLISH_TOKEN" && ! pushed uten; then
  ok "no credentials: a clear error naming VARDE_PUBLISH_TOKEN, nothing pushed"
else fail "no credentials: a clear error naming VARDE_PUBLISH_TOKEN, nothing pushed" "exit $rc" "$out"; fi

git -C "$H" config "http.http://127.0.0.1:$PORT/.extraheader" "AUTHORIZATION: basic $b64"
publish_as "extraheader" med-header VARDE_PUBLISH_TOKEN=
[ $rc -eq 0 ] && pushed med-header && ok "the token as http.<url>.extraheader (as actions/checkout writes it) pushes" ||
  fail "the token as http.<url>.extraheader (as actions/checkout writes it) pushes" "exit $rc" "$out" "$(tail -5 "$TMP/http.log")"
git -C "$H" config --unset "http.http://127.0.0.1:$PORT/.extraheader"

# the helper closes its input unread: varde must survive writing to it (SIGPIPE)
git -C "$H" config credential.helper "!f() { exec 0<&-; echo username=redaktor; echo password=$TOKEN; }; f"
publish_as "credential helper" med-hjelper VARDE_PUBLISH_TOKEN=
[ $rc -eq 0 ] && pushed med-hjelper && ok "a git credential helper gives the token" ||
  fail "a git credential helper gives the token" "exit $rc" "$out" "$(tail -5 "$TMP/http.log")"
git -C "$H" config --unset credential.helper

publish_as "environment" med-miljo VARDE_PUBLISH_TOKEN="$TOKEN"
[ $rc -eq 0 ] && pushed med-miljo && ok "VARDE_PUBLISH_TOKEN from the environment pushes" ||
  fail "VARDE_PUBLISH_TOKEN from the environment pushes" "exit $rc" "$out" "$(tail -5 "$TMP/http.log")"

publish_as "a wrong token" feil-token VARDE_PUBLISH_TOKEN=ghs_feil
if [ $rc -eq 1 ] && echo "$out" | grep -q "refused the credentials varde gave (tried: VARDE_PUBLISH_TOKEN)" && ! pushed feil-token; then
  ok "a wrong token: the error says the remote refused it"
else fail "a wrong token: the error says the remote refused it" "exit $rc" "$out"; fi

PUSH="http://x-access-token:$TOKEN@127.0.0.1:$PORT/bank.git" publish_as "token in the URL" i-url VARDE_PUBLISH_TOKEN=
if [ $rc -eq 0 ] && [ "$(git --git-dir="$TMP/srv/bank.git" rev-parse -q --verify i-url)" = "$(git -C "$H" rev-parse i-url)" ] &&
   echo "$out" | grep -q "pushed i-url to http://\*\*\*@127.0.0.1:$PORT/bank.git"; then
  ok "a token in the push URL works and is masked in the output"
else fail "a token in the push URL works and is masked in the output" "exit $rc" "$out"; fi
PUSH="http://x-access-token:ghs_feil2@127.0.0.1:$PORT/bank.git" publish_as "a wrong token in the URL" i-url-feil VARDE_PUBLISH_TOKEN=
if [ $rc -eq 1 ] && ! echo "$out" | grep -q "ghs_feil2" && echo "$out" | grep -q "http://\*\*\*@127.0.0.1:$PORT/bank.git: the remote refused the credentials varde gave (tried: the password in the URL)"; then
  ok "a wrong token in the URL: refused, and not printed in the error"
else fail "a wrong token in the URL: refused, and not printed in the error" "exit $rc" "$out"; fi
grep -q "$TOKEN" "$TMP/http.log" && fail "the test server logs no credential" || ok "the test server logs no credential"
