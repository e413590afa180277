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
if [ ! -f "$SITE/.done" ] || [ tests/bench/gen.c -nt "$SITE/.done" ]; then
  rm -rf "$SITE"
  "$OUT/gen" "$FREQ" site.lua "$SITE" "$PAGES"
  touch "$SITE/.done"
fi
# the theme and site.lua are the repository's current ones
rm -rf "$SITE/themes" && cp -r themes "$SITE/themes" && cp site.lua "$SITE/site.lua"
measure() { # label root
  times=""
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" ./bin/varde build --quiet --root "$2" --out "$OUT/public-$(echo "$1" | cut -d" " -f1)" >/dev/null
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

# ---- search: varde's index against Pagefind (npm, pinned in tests/bench) ----
[ -x tests/bench/node_modules/.bin/pagefind ] || npm ci --prefix tests/bench --no-audit --no-fund >/dev/null
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund >/dev/null
search_compare() { # label root out
  VARDE_TIMING=1 ./bin/varde build --root "$2" --out "$3" 2>"$OUT/timing.txt" >/dev/null
  ours=$(awk '$1 == "search" { print $2 }' "$OUT/timing.txt")
  rm -rf "$3/pagefind"
  /usr/bin/time -f "%e %M" -o "$OUT/pf.txt" tests/bench/node_modules/.bin/pagefind --site "$3" --output-path "$3/pagefind" >/dev/null
  pf_s=$(awk '{ print $1 }' "$OUT/pf.txt"); pf_m=$(awk '{ printf "%.0f", $2 / 1024 }' "$OUT/pf.txt")
  ours_b=$(du -sb "$3/sok" | awk '{ print $1 }'); pf_b=$(du -sb "$3/pagefind" | awk '{ print $1 }')
  echo
  echo "search index, $1:"
  awk -v o="$ours" -v p="$pf_s" -v pm="$pf_m" -v ob="$ours_b" -v pb="$pf_b" 'BEGIN {
    printf "  build time   varde %8.0f ms    pagefind %8.0f ms (peak %s MiB)   ratio %.1fx\n", o, p * 1000, pm, p * 1000 / o
    printf "  index bytes  varde %8.1f MiB   pagefind %8.1f MiB\n", ob / 1048576, pb / 1048576 }'
  node tests/bench/search-bench.mjs "$3" | sed 's/^/  /'
}
search_compare "real site" . "$OUT/public-real"
search_compare "synthetic $PAGES pages" "$SITE" "$OUT/public-synthetic"

# ---- git history: 2 000 commits over the synthetic site ----
COMMITS=${COMMITS:-2000}
cc -O2 -o "$OUT/githistory" tests/bench/githistory.c
if [ ! -f "$SITE/.git/varde-bench-$COMMITS" ]; then
  rm -rf "$SITE/.git"
  git init -q -b main "$SITE"
  "$OUT/githistory" "$SITE" "$COMMITS" | git -C "$SITE" fast-import --quiet
  touch "$SITE/.git/varde-bench-$COMMITS"
fi
for i in 1 2 3; do
  VARDE_TIMING=1 ./bin/varde check --root "$SITE" 2>&1 | awk '$1 == "git" { print $2 }'
done | sort -n | awk -v p="$PAGES" -v c="$COMMITS" 'NR == 2 { printf "\ngit history: %d pages, %d commits: %.0f ms (median of 3)\n", p, c, $1 }'
