# lib_ci.sh: helpers for the CI tests (after lib.sh): a copy of this
# repository as a "remote", and checkouts made exactly as CI makes them.
export GIT_AUTHOR_NAME=Redaktør GIT_AUTHOR_EMAIL=redaktor@example.no
export GIT_COMMITTER_NAME=Redaktør GIT_COMMITTER_EMAIL=redaktor@example.no
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP/home"
mkdir -p "$HOME"

# snapshot_repo DIR: a clone of this repository with its whole history whose
# last commit is the working tree as it is now (tracked and new files that
# .gitignore does not exclude), so the tests see uncommitted work too.
snapshot_repo() {
  git clone -q --no-local "$ROOT" "$1" || return 1
  git -C "$1" rm -rq --cached . && find "$1" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  (cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 -r tar --no-recursion -cf - 2>/dev/null) | tar -xf - -C "$1"
  git -C "$1" add -A
  git -C "$1" diff --cached --quiet || git -C "$1" commit -qm "Arbeidskopi (test)"
}

# gh_checkout WS REMOTE REF [DEPTH]: what actions/checkout@v4 does on a
# runner: git init, the token as http.<server>.extraheader, fetch every branch
# (DEPTH 0: the whole history) or, for a pull request (REF refs/pull/N/merge),
# the merge commit, then a checkout of it.
gh_checkout() {
  ws=$1 remote=$2 ref=$3 depth=${4:-1}
  mkdir -p "$ws" && git -C "$ws" init -q && git -C "$ws" remote add origin "$remote" &&
  git -C "$ws" config --local gc.auto 0 &&
  git -C "$ws" config --local http.https://github.com/.extraheader "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3Rlc3Q=" || return 1
  if [ "$depth" -eq 0 ]; then
    git -C "$ws" -c protocol.version=2 fetch -q --prune --no-recurse-submodules origin \
      '+refs/heads/*:refs/remotes/origin/*' '+refs/tags/*:refs/tags/*' || return 1
  fi
  case $ref in
    refs/pull/*)
      sha=$(git --git-dir="$remote" rev-parse "$ref") &&
      git -C "$ws" -c protocol.version=2 fetch -q --no-tags --prune --no-recurse-submodules \
        $( [ "$depth" -eq 0 ] || echo "--depth=$depth" ) origin "+$sha:refs/remotes/${ref#refs/}" &&
      git -C "$ws" checkout -q --force "refs/remotes/${ref#refs/}" ;;
    refs/heads/*)
      b=${ref#refs/heads/}
      if [ "$depth" -ne 0 ]; then
        git -C "$ws" -c protocol.version=2 fetch -q --no-tags --prune --no-recurse-submodules \
          --depth="$depth" origin "+$ref:refs/remotes/origin/$b" || return 1
      fi
      git -C "$ws" checkout -q --force -B "$b" "refs/remotes/origin/$b" ;;
  esac
}
