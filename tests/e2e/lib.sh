# lib.sh: helpers for the end-to-end tests. Each test prints "ok NAME" or
# "not ok NAME" and carries on; tests run the sanitizer build of varde.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VARDE=${VARDE:-$ROOT/bin/varde-asan}
TMP=$(mktemp -d /tmp/varde-e2e-XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$TMP"' EXIT
export XDG_CACHE_HOME="$TMP/cache" # build stamps stay with the test

ok() { echo "ok $1"; }
fail() { echo "not ok $1"; shift; for l in "$@"; do echo "  $l"; done; }

# new_site NAME: a copy of the basic fixture with the standard theme.
new_site() {
  d="$TMP/$1"
  rm -rf "$d"
  cp -r "$ROOT/tests/fixtures/basic" "$d"
  cp -r "$ROOT/themes" "$d/themes"
  echo "$d"
}

# expect_error NAME SITE PATTERN: `varde check` fails and prints PATTERN
# (a grep -E regex) on stderr, and no sanitizer complains.
expect_error() {
  out=$("$VARDE" check --root "$2" 2>&1)
  rc=$?
  if [ $rc -eq 1 ] && echo "$out" | grep -Eq -- "$3" && ! echo "$out" | grep -q 'Sanitizer'; then
    ok "$1"
  else
    fail "$1" "exit $rc, wanted 1 and /$3/; output:" "$out"
  fi
}

# check_file NAME FILE PATTERN: FILE exists and contains PATTERN (grep -E).
check_file() {
  if [ -f "$2" ] && grep -Eq -- "$3" "$2"; then ok "$1"; else fail "$1" "$2 lacks /$3/"; fi
}
