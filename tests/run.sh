#!/bin/sh
# Runs every test suite and ends with the line "N passed, N failed".
# Unit tests and end-to-end tests run the AddressSanitizer + UBSan build;
# browser tests run when their npm packages are installed (see .ci/run).
cd "$(dirname "$0")/.." || exit 2
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=66"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p tests/out
passed=0
failed=0
count() { # file with "ok ..." / "not ok ..." lines
  p=$(grep -c '^ok ' "$1")
  f=$(grep -c '^not ok ' "$1")
  passed=$((passed + p))
  failed=$((failed + f))
}
run_suite() { # name command...
  name=$1; shift
  log="tests/out/$name.log"
  "$@" >"$log" 2>&1
  rc=$?
  grep -E '^(not ok|  )' "$log" | head -60
  count "$log"
  if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then
    # the suite died without reporting a failing case (crash, sanitizer)
    echo "not ok $name exited with $rc"
    tail -30 "$log"
    failed=$((failed + 1))
  fi
  echo "$name: $(grep -c '^ok ' "$log") passed, $(grep -c '^not ok ' "$log") failed"
}
run_suite unit ./build/unit-tests
for t in tests/e2e/test_*.sh; do
  run_suite "$(basename "$t" .sh)" sh "$t"
done
# a short fuzzing pass (regression inputs first); `make fuzz` runs longer
if command -v clang >/dev/null; then
  run_suite fuzz sh tests/fuzz/run.sh "${FUZZ_SECONDS:-5}"
fi
if [ -d node_modules/playwright-core ] && [ -x /usr/bin/chromium ] && [ -d tests/browser ]; then
  for t in tests/browser/*.test.mjs; do
    [ -f "$t" ] && run_suite "$(basename "$t" .test.mjs)" node "$t"
  done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
