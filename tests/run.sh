#!/bin/sh
# Runs every test suite and ends with the line "N passed, N failed"; the
# line before it counts what was skipped and says why.
# Suites print "ok NAME", "not ok NAME" or "ok NAME # SKIP REASON" (a case
# that cannot run here; counted apart, never as passed).
# Unit tests and end-to-end tests run the AddressSanitizer + UBSan build;
# tests/site/ checks this knowledge bank's own content; browser tests run
# when their npm packages and Chromium are installed (see .ci/run).
cd "$(dirname "$0")/.." || exit 2
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=66"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p tests/out
passed=0
failed=0
skipped=0
: >tests/out/skipped
count() { # file with "ok ..." / "not ok ..." / "ok ... # SKIP ..." lines
  s=$(grep -c '^ok .* # SKIP' "$1")
  p=$(($(grep -c '^ok ' "$1") - s))
  f=$(grep -c '^not ok ' "$1")
  grep '^ok .* # SKIP' "$1" | sed 's/^ok \(.*\) # SKIP \(.*\)/\1 (\2)/' >>tests/out/skipped
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
}
skip_suite() { # name reason: a suite that cannot run here
  echo "$1: skipped ($2)"
  echo "$1 (suite: $2)" >>tests/out/skipped
  skipped=$((skipped + 1))
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
  s=$(grep -c '^ok .* # SKIP' "$log")
  echo "$name: $(($(grep -c '^ok ' "$log") - s)) passed, $(grep -c '^not ok ' "$log") failed, $s skipped"
}
run_suite unit ./build/unit-tests
for t in tests/e2e/test_*.sh; do
  run_suite "$(basename "$t" .sh)" sh "$t"
done
for t in tests/site/test_*.sh; do
  [ -f "$t" ] && run_suite "site_$(basename "$t" .sh | sed 's/^test_//')" sh "$t"
done
# The fuzz targets replay their regression inputs and seed corpus: the same
# inputs every run, as a test must. Looking for new findings is `make fuzz`
# (FUZZ_SECONDS per target); FUZZ_RUNS=4000 here explores a little from seed 1.
if command -v clang >/dev/null; then
  export FUZZ_RUNS="${FUZZ_RUNS:-0}"
  run_suite fuzz sh tests/fuzz/run.sh "${FUZZ_SECONDS:-5}"
else
  skip_suite fuzz "clang is not installed"
fi
browser_missing=""
[ -d node_modules/playwright-core ] || browser_missing="npm packages are not installed (npm ci)"
[ -x /usr/bin/chromium ] || browser_missing="${browser_missing:+$browser_missing; }/usr/bin/chromium is not installed"
for t in tests/browser/*.test.mjs; do
  [ -f "$t" ] || continue
  if [ -z "$browser_missing" ]; then run_suite "$(basename "$t" .test.mjs)" node "$t"
  else skip_suite "$(basename "$t" .test.mjs)" "$browser_missing"; fi
done
if [ "$skipped" -gt 0 ]; then
  echo "$skipped skipped: $(paste -sd ';' tests/out/skipped | sed 's/;/; /g')"
else
  echo "0 skipped"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
