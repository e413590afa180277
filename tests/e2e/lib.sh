# lib.sh: helpers for the end-to-end tests. Each test prints "ok NAME" or
# "not ok NAME" and carries on; tests run the sanitizer build of varde.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VARDE=${VARDE:-$ROOT/bin/varde-asan}
TMP=$(mktemp -d /tmp/varde-e2e-XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$TMP"' EXIT
export XDG_CACHE_HOME="$TMP/cache" # build stamps stay with the test
# libgit2's own leak in PCRE2 (see tests/lsan.supp); everything else is reported
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

ok() { echo "ok $1"; }
fail() { echo "not ok $1"; shift; for l in "$@"; do echo "  $l"; done; }
# skip NAME REASON: a case that cannot run here (TAP's "# SKIP" directive);
# tests/run.sh counts it as skipped, never as passed.
skip() { echo "ok $1 # SKIP $2"; }
# need COMMAND SUITE: ends the suite with one skip when COMMAND is missing.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  skip "$2" "$1 is not installed"
  exit 0
}

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

# same_dirs NAME A B: folders A and B hold the same files, byte for byte.
same_dirs() {
  if [ -d "$2" ] && [ -d "$3" ] && diff -r "$2" "$3" >/dev/null 2>&1; then ok "$1"
  else fail "$1" "$(diff -r "$2" "$3" 2>&1 | head -8)"; fi
}

# wait_for PATTERN FILE SECONDS: waits until FILE has a line matching
# PATTERN (grep); fails (status 1) after SECONDS.
wait_for() {
  i=0
  while [ $i -lt $(($3 * 10)) ]; do grep -q -- "$1" "$2" 2>/dev/null && return 0; sleep 0.1; i=$((i + 1)); done
  return 1
}

# wait_quiet FILE: waits until FILE has not grown for half a second (a
# server's burst of events has been handled).
wait_quiet() {
  last=-1; still=0
  while [ $still -lt 5 ]; do
    now=$(wc -l < "$1"); if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; last=$now; fi
    sleep 0.1
  done
}
