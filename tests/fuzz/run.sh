#!/bin/sh
# tests/fuzz/run.sh [SECONDS]: builds every libFuzzer target in tests/fuzz/
# (clang, -fsanitize=fuzzer,address,undefined) into build/fuzz/ and runs each
# for SECONDS (default $FUZZ_SECONDS, else 60) on a copy of its seed corpus
# tests/fuzz/corpus/<target>/, after replaying tests/fuzz/regressions/<target>/.
# Prints one line per target:
#   ok fuzz_<name> (<runs> runs, <cov> coverage, <secs> s)
#   not ok fuzz_<name> (<why>: <crash file>)   followed by the sanitizer report
# Environment: FUZZ_TARGETS="markdown template" runs a subset; FUZZ_OPTS adds
# libFuzzer options; FUZZ_TIMEOUT/FUZZ_ALONE_TIMEOUT (see below); FUZZ_JOBS=2
# runs that many targets at once; CLANG picks the compiler; FUZZ_KEEP=1 keeps
# the grown corpus in build/fuzz/corpus/ between runs. To keep fuzzing past
# an open bug: FUZZ_CFLAGS adds compiler flags (e.g.
# -fno-sanitize=float-cast-overflow) and FUZZ_OUT=build/fuzz-x builds apart;
# FUZZ_MARKDOWN_SAFE_ONLY=1 skips fuzz_markdown's raw_html pass,
# FUZZ_TEMPLATE_SKIP_LINES=1 fuzz_template's checks on error positions, and
# FUZZ_KEEP_GOING=1 runs libFuzzer's fork mode, which saves each finding in
# build/fuzz/artifacts/<target>/ and carries on (regressions are then skipped).
# FUZZ_RUNS=N runs N new inputs from seed FUZZ_SEED (default 1) instead of for
# SECONDS, after the corpus; FUZZ_RUNS=0 only replays the regressions and the
# seed corpus, the same inputs on every machine: what `make test` runs, so it
# cannot fail one day and pass the next (coverage feedback makes even a fixed
# seed explore a little differently from run to run).
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
SECS=${1:-${FUZZ_SECONDS:-60}}
case $SECS in ''|*[!0-9]*|0) echo "usage: tests/fuzz/run.sh [SECONDS > 0]" >&2; exit 2 ;; esac
CLANG=${CLANG:-clang}
OUT=${FUZZ_OUT:-build/fuzz}
TARGETS=${FUZZ_TARGETS:-$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)}
JOBS=${FUZZ_JOBS:-1}
# Per-input time limits: while fuzzing (FUZZ_TIMEOUT, 20 s), and for an input
# run alone (a regression, or a timeout found while fuzzing, run again:
# FUZZ_ALONE_TIMEOUT, 120 s). A timeout counts only when the input is still
# too slow alone: under load (other suites, other checkouts) any input can
# pass 20 s once, and that is no bug.
TIMEOUT=${FUZZ_TIMEOUT:-20}
ALONE_TIMEOUT=${FUZZ_ALONE_TIMEOUT:-120}
skip_all() {
  for t in $TARGETS; do echo "ok fuzz_$t # SKIP $1"; done
  exit 0
}
command -v "$CLANG" >/dev/null 2>&1 || skip_all "$CLANG not installed"
# a private folder: other checkouts may run this at the same time
probe=$(mktemp -d "${TMPDIR:-/tmp}/varde-fuzz-probe-XXXXXX") || exit 2
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
  >"$probe/probe.c"
if ! "$CLANG" -fsanitize=fuzzer -o "$probe/probe" "$probe/probe.c" >/dev/null 2>&1; then
  rm -rf "$probe"
  skip_all "$CLANG cannot link libFuzzer (apt-get install clang libclang-rt-14-dev)"
fi
rm -rf "$probe"

# Libraries and their flags as the Makefile has them (it is the one source).
make_var() {
  printf 'varde-fuzz-print: ; @echo $(%s)\n' "$1" |
    make -s --no-print-directory -f Makefile -f - varde-fuzz-print 2>/dev/null
}
PKGS=$(make_var PKGS)
[ -n "$PKGS" ] || PKGS="libcmark-gfm lua5.4 yaml-0.1"
PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null)
PKG_LIBS=$(make_var LIBS)
[ -n "$PKG_LIBS" ] || PKG_LIBS="$(pkg-config --libs $PKGS 2>/dev/null) -lcmark-gfm-extensions -lstemmer -lm"
CFLAGS="-std=c17 -D_GNU_SOURCE -DVARDE_VERSION=\"fuzz\" -g -O1 -fno-omit-frame-pointer \
  -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wno-unused-function $PKG_CFLAGS \
  $FUZZ_CFLAGS"

mkdir -p "$OUT/obj" "$OUT/log" "$OUT/artifacts"

# ---- build: generator objects (coverage-instrumented), then each target --
build_failed=""
newest_header=$(ls -t generator/*.h tests/fuzz/*.h 2>/dev/null | head -1)
objs=""
for src in generator/*.c; do
  [ "$src" = generator/main.c ] && continue
  obj="$OUT/obj/$(basename "$src" .c).o"
  objs="$objs $obj"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_header" -nt "$obj" ]; then
    # shellcheck disable=SC2086
    if ! "$CLANG" $CFLAGS -fsanitize=fuzzer-no-link -c -o "$obj" "$src" 2>"$OUT/log/build.log"; then
      build_failed="$src"
      break
    fi
  fi
done
if [ -n "$build_failed" ]; then
  for t in $TARGETS; do echo "not ok fuzz_$t (cannot compile $build_failed)"; done
  sed 's/^/  /' "$OUT/log/build.log" | head -30
  exit 1
fi

# ---- run one target --------------------------------------------------------
run_target() { # name
  t=$1
  bin="$OUT/fuzz_$t"
  log="$OUT/log/fuzz_$t.log"
  # shellcheck disable=SC2086
  if ! "$CLANG" $CFLAGS -fsanitize=fuzzer -Igenerator -Itests/fuzz -o "$bin" \
       "tests/fuzz/fuzz_$t.c" $objs $PKG_LIBS >"$log" 2>&1; then
    printf '%s\n' "not ok fuzz_$t (cannot build)"
    sed 's/^/  /' "$log" | head -30
    return
  fi
  art="$OUT/artifacts/$t/"
  rm -rf "$art"
  mkdir -p "$art"
  dict=""
  [ -f "tests/fuzz/dict/$t.dict" ] && dict="-dict=tests/fuzz/dict/$t.dict"
  # A slow unit (libFuzzer writes "slow-unit-*" beside real findings) is no
  # finding: on a busy machine any unit may be slow.
  opts="-timeout=$TIMEOUT -rss_limit_mb=2560 -detect_leaks=1 -print_final_stats=1 -report_slow_units=100000 -artifact_prefix=$art $FUZZ_OPTS"
  # Regression inputs first, one process each: every one must now pass.
  regs=$(ls "tests/fuzz/regressions/$t/"* 2>/dev/null)
  [ -n "$FUZZ_KEEP_GOING" ] && regs=""
  reg_failed=0
  for r in $regs; do
    # shellcheck disable=SC2086
    if ! VARDE_FUZZ_ROOT="$ROOT" "$bin" $opts -timeout="$ALONE_TIMEOUT" "$r" >"$log.reg" 2>&1; then
      why=$(grep -Eo 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+( [a-z-]+)?|runtime error: [^;]*|fuzz invariant failed \([^)]*\): .{0,80}|ALARM: working on the last Unit for [0-9]+ seconds' "$log.reg" | head -1)
      printf '%s\n' "not ok fuzz_$t (regression $r: ${why:-fails})"
      grep -E 'SUMMARY|runtime error|invariant|#[0-9]+ 0x.* in [A-Za-z_]+ /' "$log.reg" | head -8 | sed 's/^/  /'
      reg_failed=1
    fi
  done
  rm -f "$log.reg"
  [ $reg_failed -eq 1 ] && return
  corpus="$OUT/corpus/$t"
  if [ -z "$FUZZ_KEEP" ] || [ ! -d "$corpus" ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus"
    [ -d "tests/fuzz/corpus/$t" ] && cp -r "tests/fuzz/corpus/$t/." "$corpus/"
  fi
  keep=""
  # FUZZ_KEEP_GOING=1: fork mode, findings are saved and fuzzing goes on
  [ -n "$FUZZ_KEEP_GOING" ] && keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
  start=$(date +%s)
  # shellcheck disable=SC2086
  limit="-max_total_time=$SECS"
  [ -n "$FUZZ_RUNS" ] && limit="-runs=$FUZZ_RUNS -seed=${FUZZ_SEED:-1}"
  # shellcheck disable=SC2086
  VARDE_FUZZ_ROOT="$ROOT" "$bin" $opts $keep $dict $limit "$corpus" >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  runs=$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  # Real findings are crash-, leak-, oom- and timeout- files; a timeout
  # input that passes when run alone was the machine's load, not a hang.
  note=""
  for f in $(ls "$art" 2>/dev/null | grep '^timeout-'); do
    # shellcheck disable=SC2086
    if VARDE_FUZZ_ROOT="$ROOT" "$bin" $opts -timeout="$ALONE_TIMEOUT" "$art$f" >"$log.alone" 2>&1; then
      note="; a unit over ${TIMEOUT} s under load passed alone"
      rm -f "$art$f"
      [ "$(ls "$art" | grep -c -E '^(crash|leak|oom|timeout)-')" -eq 0 ] && rc=0
    fi
    rm -f "$log.alone"
  done
  rm -f "$art"slow-unit-*
  n_found=$(ls "$art" 2>/dev/null | wc -l)
  crash=$(ls "$art" 2>/dev/null | head -1)
  if [ $rc -eq 0 ] && [ "$n_found" -eq 0 ]; then
    printf '%s\n' "ok fuzz_$t (${runs:-?} runs, ${cov:-?} coverage, $secs s$note)"
  elif [ -n "$keep" ]; then
    printf '%s\n' "not ok fuzz_$t (${runs:-?} runs, ${cov:-?} coverage, $secs s; $n_found findings in $art)"
  else
    why=$(grep -Eo 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+( [a-z-]+)?|runtime error: [^;]*|fuzz invariant failed \([^)]*\): .{0,80}|SUMMARY: UndefinedBehaviorSanitizer[^:]*' "$log" | head -1)
    printf '%s\n' "not ok fuzz_$t (${why:-exit $rc}: ${crash:+$art$crash})"
    grep -E 'ERROR|SUMMARY|runtime error|invariant|#[0-9]+ 0x.* in [A-Za-z_]+ /' "$log" | head -20 | sed 's/^/  /'
    echo "  full log: $log; reproduce: VARDE_FUZZ_ROOT=. $bin $art$crash"
  fi
}

# Exit status: 0 when every target printed only "ok" lines.
rm -f "$OUT"/log/result_*.txt
if [ "$JOBS" -le 1 ]; then
  for t in $TARGETS; do run_target "$t" >"$OUT/log/result_$t.txt"; cat "$OUT/log/result_$t.txt"; done
else
  i=0
  for t in $TARGETS; do
    run_target "$t" >"$OUT/log/result_$t.txt" &
    i=$((i + 1))
    if [ $((i % JOBS)) -eq 0 ]; then wait; fi
  done
  wait
  for t in $TARGETS; do cat "$OUT/log/result_$t.txt"; done
fi
! cat "$OUT"/log/result_*.txt | grep -q '^not ok'
