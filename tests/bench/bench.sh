#!/bin/sh
# make bench: varde against Hugo + Pagefind on the same synthetic sites (every
# page with a chart; also timed without them, "varde no charts") (and
# varde on the real one), then search bytes per query against Pagefind, and
# git history over 2 000 commits. Medians of $RUNS alternating runs.
#   SIZES="1000 10000 50000" RUNS=3 make bench
set -e
cd "$(dirname "$0")/../.."
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-3}
FREQ=${FREQ:-../shared/bench/nb-wordfreq.tsv}
[ -f "$FREQ" ] || { echo "bench needs $FREQ (set FREQ=path)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench needs /usr/bin/time (apt-get install time)"; exit 2; }
OUT=build/bench
mkdir -p "$OUT"
cc -O2 -o "$OUT/gen" tests/bench/gen.c
cc -O2 -o "$OUT/githistory" tests/bench/githistory.c
[ -x tests/bench/node_modules/.bin/pagefind ] || npm ci --prefix tests/bench --no-audit --no-fund >/dev/null
PAGEFIND=tests/bench/node_modules/.bin/pagefind
HUGO=$(command -v hugo || true)

site_for() { # pages [--no-charts] -> generated site folder (cached)
  s="$OUT/site-$1${2:+-nocharts}"
  if [ ! -f "$s/.done" ] || [ tests/bench/gen.c -nt "$s/.done" ]; then
    rm -rf "$s"
    "$OUT/gen" "$FREQ" site.lua "$s" "$1" $2
    touch "$s/.done"
  fi
  # the site's own templates/ too: site.lua's pages (open data, its catalogue) use them
  rm -rf "$s/themes" "$s/templates" && cp -r themes "$s/themes" && cp -r templates "$s/templates" \
    && cp site.lua "$s/site.lua"
  echo "$s"
}

# one timed command: prints "wall cpu peak_kib"
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/t.txt" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$OUT/t.txt"
}
median() { sort -n | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }

printf "%-10s %-16s %9s %9s %10s %10s\n" pages tool "wall s" "cpu s" "peak MiB" "output MiB"
report() { # pages tool wall cpu peak_kib outdir
  awk -v n="$1" -v t="$2" -v w="$3" -v c="$4" -v m="$5" -v o="$(du -sm "$6" | cut -f1)" \
    'BEGIN { printf "%-10s %-16s %9.2f %9.2f %10.0f %10.0f\n", n, t, w, c, m / 1024, o }'
}

real_pages=$(find content -name '*.md' | wc -l)
: > "$OUT/real.txt"
for i in $(seq "$RUNS"); do timed ./bin/varde build --force --quiet --out "$OUT/public-real" >> "$OUT/real.txt"; done
report "$real_pages" "varde (real)" "$(cut -d' ' -f1 "$OUT/real.txt" | median)" "$(cut -d' ' -f2 "$OUT/real.txt" | median)" \
  "$(cut -d' ' -f3 "$OUT/real.txt" | median)" "$OUT/public-real"

for n in $SIZES; do
  S=$(site_for "$n")
  H="$(pwd)/$OUT/hugo-$n"
  if [ -n "$HUGO" ]; then
    rm -rf "$H" && mkdir -p "$H" && cp -r tests/bench/hugo/* "$H/" && cp -r "$S/content" "$H/content"
  fi
  : > "$OUT/v.txt"; : > "$OUT/h.txt"; : > "$OUT/p.txt"; : > "$OUT/serve-$n.ms"
  for i in $(seq "$RUNS"); do
    rm -rf "$OUT/v-$n"   # a full build each time, nothing to reuse
    timed ./bin/varde build --force --quiet --root "$S" --out "$OUT/v-$n" >> "$OUT/v.txt"
    if [ -n "$HUGO" ]; then
      rm -rf "$H/public"
      timed "$HUGO" --quiet -s "$H" -d "$H/public" >> "$OUT/h.txt"
      rm -rf "$H/public/pagefind"
      timed "$PAGEFIND" --site "$H/public" >> "$OUT/p.txt"
    fi
  done
  vw=$(cut -d' ' -f1 "$OUT/v.txt" | median); vc=$(cut -d' ' -f2 "$OUT/v.txt" | median); vm=$(cut -d' ' -f3 "$OUT/v.txt" | median)
  report "$n" "varde" "$vw" "$vc" "$vm" "$OUT/v-$n"
  # the same site without its charts: the difference is what drawing one
  # chart per page costs (it must stay linear in the pages)
  SN=$(site_for "$n" --no-charts)
  : > "$OUT/c.txt"
  for i in $(seq "$RUNS"); do
    rm -rf "$OUT/vn-$n"
    timed ./bin/varde build --force --quiet --root "$SN" --out "$OUT/vn-$n" >> "$OUT/c.txt"
  done
  report "$n" "varde no charts" "$(cut -d' ' -f1 "$OUT/c.txt" | median)" "$(cut -d' ' -f2 "$OUT/c.txt" | median)" \
    "$(cut -d' ' -f3 "$OUT/c.txt" | median)" "$OUT/vn-$n"
  rm -rf "$OUT/vn-$n"
  # no-op rebuild: nothing changed since the last build (the stamp says so)
  ./bin/varde build --quiet --root "$S" --out "$OUT/v-$n" >/dev/null 2>&1; sleep 0.2
  ./bin/varde build --quiet --root "$S" --out "$OUT/v-$n" >/dev/null 2>&1
  : > "$OUT/n.txt"
  for i in $(seq "$RUNS"); do timed ./bin/varde build --quiet --root "$S" --out "$OUT/v-$n" >> "$OUT/n.txt"; done
  report "$n" "varde no-op" "$(cut -d' ' -f1 "$OUT/n.txt" | median)" "$(cut -d' ' -f2 "$OUT/n.txt" | median)" \
    "$(cut -d' ' -f3 "$OUT/n.txt" | median)" "$OUT/v-$n"
  # one page's text edited, then `varde build`: everything is rendered again,
  # unchanged files are linked from the previous build
  PAGE="$S/content/tiltak/t-17.md"
  : > "$OUT/e.txt"
  for i in $(seq "$RUNS"); do
    sed -i "s/\(resultater-i-2016)\.\)\$/\1 Endring $i./" "$PAGE"
    timed ./bin/varde build --quiet --root "$S" --out "$OUT/v-$n" >> "$OUT/e.txt"
  done
  report "$n" "varde 1 edit" "$(cut -d' ' -f1 "$OUT/e.txt" | median)" "$(cut -d' ' -f2 "$OUT/e.txt" | median)" \
    "$(cut -d' ' -f3 "$OUT/e.txt" | median)" "$OUT/v-$n"
  # the same edit under `varde serve`: the page alone is rendered again,
  # the search index after the browser has reloaded
  LOG="$OUT/serve-$n.log"
  ./bin/varde serve --root "$S" --port 0 >"$LOG" 2>&1 &
  SP=$!
  trap 'kill $SP 2>/dev/null' EXIT
  i=0; while [ $i -lt 1200 ] && ! grep -q '^serving ' "$LOG"; do sleep 0.1; i=$((i + 1)); done
  for i in $(seq "$RUNS"); do
    before=$(grep -ac '^search index: ' "$LOG" || true)
    t0=$(date +%s%N)
    sed -i "s/\(resultater-i-2016)\.\)\$/\1 Serve $i./" "$PAGE"
    while [ "$(grep -ac '^updated: \|^rebuilt: ' "$LOG" || true)" -le "$((before + 1))" ]; do sleep 0.005; done
    t1=$(date +%s%N)
    while [ "$(grep -ac '^search index: ' "$LOG" || true)" -le "$before" ]; do sleep 0.05; done
    echo "$(( (t1 - t0) / 1000000 ))" >> "$OUT/serve-$n.ms"
  done
  kill -INT $SP; wait $SP 2>/dev/null; trap - EXIT
  sed -i 's/ Endring [0-9]*\.//g; s/ Serve [0-9]*\.//g' "$PAGE"
  upd=$(grep -a '^updated: ' "$LOG" | tail -n "$RUNS" | sed 's/.* in \([0-9]*\) ms/\1/' | median)
  srch=$(grep -a '^search index: ' "$LOG" | tail -n "$RUNS" | sed 's/.*: \([0-9]*\) ms/\1/' | median)
  seen=$(tail -n "$RUNS" "$OUT/serve-$n.ms" | median)
  printf "%-10s %-16s %9s   edit to reload %s ms (update %s ms, then search index %s ms)\n" "$n" "varde serve edit" "" "$seen" "$upd" "$srch"
  if [ -n "$HUGO" ]; then
    hw=$(cut -d' ' -f1 "$OUT/h.txt" | median); hc=$(cut -d' ' -f2 "$OUT/h.txt" | median); hm=$(cut -d' ' -f3 "$OUT/h.txt" | median)
    pw=$(cut -d' ' -f1 "$OUT/p.txt" | median); pc=$(cut -d' ' -f2 "$OUT/p.txt" | median); pm=$(cut -d' ' -f3 "$OUT/p.txt" | median)
    report "$n" "hugo" "$hw" "$hc" "$hm" "$H/public"
    report "$n" "pagefind" "$pw" "$pc" "$pm" "$H/public/pagefind"
    awk -v vw="$vw" -v vc="$vc" -v vm="$vm" -v hw="$hw" -v hc="$hc" -v hm="$hm" -v pw="$pw" -v pc="$pc" -v pm="$pm" -v n="$n" 'BEGIN {
      printf "%-10s %-16s %8.1fx %8.1fx %9.1fx   (hugo + pagefind) / varde\n", n, "ratio", (hw + pw) / vw, (hc + pc) / vc, (hm > pm ? hm : pm) / vm }'
  fi
done

# search: bytes a visitor downloads per query, varde against Pagefind
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund >/dev/null
for target in real $(echo "$SIZES" | awk '{ print $NF }'); do
  if [ "$target" = real ]; then SITEOUT="$OUT/public-real"; else SITEOUT="$OUT/v-$target"; fi
  rm -rf "$SITEOUT/pagefind"
  "$PAGEFIND" --site "$SITEOUT" --output-path "$SITEOUT/pagefind" >/dev/null 2>&1
  echo
  echo "search, $target site: index $(du -sm "$SITEOUT/sok" | cut -f1) MiB (varde) vs $(du -sm "$SITEOUT/pagefind" | cut -f1) MiB (pagefind)"
  node tests/bench/search-bench.mjs "$SITEOUT" | sed 's/^/  /'
done

# git history: 2 000 commits over a copy of the largest synthetic site
COMMITS=${COMMITS:-2000}
n=$(echo "$SIZES" | awk '{ print $NF }')
G="$OUT/gitsite-$n-$COMMITS"
if [ ! -f "$G/.git/varde-bench" ]; then
  rm -rf "$G" && cp -r "$OUT/site-$n" "$G"
  git init -q -b main "$G"
  "$OUT/githistory" "$G" "$COMMITS" | git -C "$G" fast-import --quiet
  touch "$G/.git/varde-bench"
fi
for i in $(seq "$RUNS"); do
  VARDE_TIMING=1 ./bin/varde check --root "$G" 2>&1 | awk '$1 == "git" { print $2 }'
done | median | awk -v p="$n" -v c="$COMMITS" '{ printf "\ngit history: %d pages, %d commits: %.0f ms (median)\n", p, c, $1 }'
