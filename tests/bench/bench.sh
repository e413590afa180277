#!/bin/sh
# make bench: builds a synthetic site of $PAGES pages (default 10 000) in the
# knowledge bank's content model, then times `varde build` on it and on the
# real site: wall time (median of $RUNS), CPU time and peak memory.
set -e
cd "$(dirname "$0")/../.."
PAGES=${PAGES:-10000}
RUNS=${RUNS:-5}
FREQ=${FREQ:-../shared/bench/nb-wordfreq.tsv}
[ -f "$FREQ" ] || { echo "bench needs $FREQ (set FREQ=path)"; exit 2; }
OUT=build/bench
mkdir -p "$OUT"
cc -O2 -o "$OUT/gen" tests/bench/gen.c
SITE="$OUT/site-$PAGES"
if [ ! -f "$SITE/.done" ]; then
  rm -rf "$SITE"
  "$OUT/gen" "$FREQ" site.lua "$SITE" "$PAGES"
  cp -r themes "$SITE/themes"
  touch "$SITE/.done"
fi
measure() { # label root
  times=""
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" ./bin/varde build --quiet --root "$2" --out "$OUT/public-$1" >/dev/null
    times="$times$(cat "$OUT/time.txt")\n"
  done
  printf "$times" | sort -n | awk -v label="$1" -v n="$RUNS" -v pages="$3" '
    { wall[NR] = $1; cpu[NR] = $2 + $3; mem[NR] = $4 }
    END {
      m = int((n + 1) / 2)
      printf "%-16s %8d pages  wall %6.3f s (median of %d)  cpu %6.2f s  peak %6.1f MiB\n",
             label, pages, wall[m], n, cpu[m], mem[m] / 1024
    }'
}
command -v /usr/bin/time >/dev/null || { echo "bench needs /usr/bin/time (apt-get install time)"; exit 2; }
real_pages=$(find content -name '*.md' | wc -l)
measure "real site" . "$real_pages"
measure "synthetic" "$SITE" "$PAGES"
du -sh "$OUT/public-synthetic" | awk '{ print "synthetic output: " $1 }'
