# varde serve as an editor's preview: drafts shown with a banner, a page
# with errors shown with its own errors while the rest of the site stays
# browsable, an error page only for errors that stop every page, and no
# save lost while the site is being rebuilt.
. "$(dirname "$0")/lib.sh"
need curl "preview tests"
S=$(new_site preview)
# enough pages that a full build takes a while: saves land in the middle of one
i=0
while [ $i -lt 300 ]; do
  printf -- '---\ntittel: Tiltak %d\nplan: plan-a\nstatus: pågår\nsammendrag: Nr %d.\n---\n\n## Om\n\nTekst %d.\n' $i $i $i > "$S/content/tiltak/t-$i.md"
  i=$((i + 1))
done
LOG=$TMP/serve.log
"$VARDE" serve --root "$S" --port 0 >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$TMP"' EXIT
if ! wait_for '^serving .* at http' "$LOG" 60; then fail "serve starts" "$(cat "$LOG")"; exit 0; fi
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG" | head -1)
OUT=$(sed -n 's/^serving \(.*\) at http.*/\1/p' "$LOG" | head -1)
# until URL's page matches PATTERN (grep -E), at most 30 s
page_has() {
  i=0; while [ $i -lt 300 ]; do curl -s "$URL$1" | grep -Eq -- "$2" && return 0; sleep 0.1; i=$((i + 1)); done
  return 1
}

draft=$(curl -s -w '\n%{http_code}' "$URL/tiltak/utkast/")
if echo "$draft" | tail -1 | grep -q '^200$' && echo "$draft" | grep -q 'Utkast – ikke publisert'; then
  ok "a draft is shown while previewing, with its banner"
else fail "a draft is shown while previewing, with its banner" "$(echo "$draft" | tail -3)"; fi
curl -s "$URL/tiltak/demens/" | grep -q 'Utkast – ikke publisert' && fail "a published page has no draft banner" || ok "a published page has no draft banner"
[ ! -e "$OUT/tiltak/utkast/index.html" ] || ! grep -q 'Utkast – ikke publisert' "$OUT/tiltak/utkast/index.html" \
  && ok "the banner is never written to disk" || fail "the banner is never written to disk"

# varde new, then the page: the draft with its missing fields listed
"$VARDE" new tiltak "Mitt utkast" --root "$S" >/dev/null 2>&1
if page_has /tiltak/mitt-utkast/ 'varde-feil'; then
  p=$(curl -s "$URL/tiltak/mitt-utkast/")
  if echo "$p" | grep -q 'Utkast – ikke publisert' && echo "$p" | grep -q "content/tiltak/mitt-utkast.md:[0-9]*:[0-9]*: error: mangler påkrevd felt &#39;plan&#39;"
  then ok "a new draft is shown with its banner and its missing fields"
  else fail "a new draft is shown with its banner and its missing fields" "$(echo "$p" | grep -o '<section id="varde-feil".*</section>')"; fi
else fail "a new draft is shown with its banner and its missing fields" "$(tail -5 "$LOG")"; fi
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/tiltak/demens/")" = 200 ] && ! curl -s "$URL/tiltak/demens/" | grep -q varde-feil \
  && ok "another page stays browsable meanwhile" || fail "another page stays browsable meanwhile"

# a YAML mistake: the page is still shown, with the mistake on the right line
printf -- '---\ntittel: "Mitt utkast\nplan: plan-a\nutkast: true\n---\n\nTeksten så langt.\n' > "$S/content/tiltak/mitt-utkast.md"
if page_has /tiltak/mitt-utkast/ 'mitt-utkast.md:2:9: error: anførselstegnet som starter her blir aldri lukket'; then
  curl -s "$URL/tiltak/mitt-utkast/" | grep -q 'Teksten så langt' && ok "a page whose front matter cannot be read is shown with the mistake's line" \
    || fail "a page whose front matter cannot be read is shown with the mistake's line" "the body is missing"
else fail "a page whose front matter cannot be read is shown with the mistake's line" "$(curl -s "$URL/tiltak/mitt-utkast/" | head -c 600)"; fi
printf -- '---\ntittel: "Mitt utkast"\nplan: plan-a\nstatus: planlagt\nsammendrag: Kort.\nkilder:\n  - dokument: IS-2684\n    side: "3"\n---\n\nTeksten er ferdig.\n' > "$S/content/tiltak/mitt-utkast.md"
# (the new file is served a moment before what is said about it: wait for both)
clean() { p=$(curl -s "$URL/tiltak/mitt-utkast/"); echo "$p" | grep -q 'Teksten er ferdig' && ! echo "$p" | grep -q 'varde-feil\|Utkast – ikke'; }
i=0; while [ $i -lt 300 ] && ! clean; do sleep 0.1; i=$((i + 1)); done
clean && ok "fixed and published: the page is clean" || fail "fixed and published: the page is clean" "$(tail -5 "$LOG")"

# errors that stop every page: the error page, and back when fixed
cp "$S/site.lua" "$TMP/site.lua"
printf 'return {\n' > "$S/site.lua"
i=0; while [ $i -lt 300 ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/tiltak/demens/")" != 500 ]; do sleep 0.1; i=$((i + 1)); done
curl -s "$URL/tiltak/demens/" | grep -q 'site.lua:[0-9]*:[0-9]*: error' && ok "a broken site.lua shows the error page on every page" \
  || fail "a broken site.lua shows the error page on every page" "$(curl -s "$URL/tiltak/demens/" | head -c 400)"
cp "$TMP/site.lua" "$S/site.lua"
page_has /tiltak/demens/ 'Demensomsorgens ABC' && [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/tiltak/demens/")" = 200 ] \
  && ok "the site comes back when site.lua is fixed" || fail "the site comes back when site.lua is fixed"

# No save is lost: 50 saves of a page in bursts while the site is rebuilt
# (each burst starts with a site.lua change, a full build); after the last,
# the served site is a full build of what is on disk.
n=0
while [ $n -lt 50 ]; do
  printf -- '-- endret %d\n' $n >> "$S/site.lua"
  k=0
  while [ $k -lt 10 ]; do
    sleep 0.1 # longer than serve waits for a burst to settle: the build has started
    n=$((n + 1)); k=$((k + 1))
    sed -i "s/^Lagring [0-9]*\.$//; \$a Lagring $n." "$S/content/tiltak/ledelse.md"
  done
done
if page_has /tiltak/ledelse/ 'Lagring 50\.'; then ok "the last of 50 saves made during rebuilds is served"
else fail "the last of 50 saves made during rebuilds is served" "$(curl -s "$URL/tiltak/ledelse/" | grep -o 'Lagring [0-9]*' | tail -1)" "$(tail -5 "$LOG")"; fi
wait_quiet "$LOG"
rm -rf "$TMP/full"
XDG_CACHE_HOME=$TMP/nocache "$VARDE" build --drafts --root "$S" --out "$TMP/full" >/dev/null 2>&1
same_dirs "after 50 saves during rebuilds the served site equals a full build" "$OUT" "$TMP/full"

kill -INT $PID
i=0; while [ $i -lt 100 ] && kill -0 $PID 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
! grep -q 'Sanitizer' "$LOG" && ok "no sanitizer reports while previewing" || fail "no sanitizer reports while previewing" "$(grep -A20 Sanitizer "$LOG" | head -30)"

# Under a base path the preview is served where the site will be published.
S2=$(new_site basepath)
sed -i 's|base_url = "https://test.example.no/"|base_url = "https://test.example.no/kb/"|' "$S2/site.lua"
LOG2=$TMP/serve2.log
"$VARDE" serve --root "$S2" --port 0 >"$LOG2" 2>&1 &
PID2=$!
if wait_for '^serving .* at http' "$LOG2" 60; then
  URL2=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG2" | head -1)
  code_of() { curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$URL2$1"; }
  [ "$(code_of /)" = "302 $URL2/kb/" ] && ok "serve under a base path: / leads to it" || fail "serve under a base path: / leads to it" "$(code_of /)"
  [ "$(code_of /kb/tiltak/demens/)" = "200 " ] && curl -s "$URL2/kb/tiltak/demens/" | grep -q 'href="/kb/' \
    && ok "serve under a base path: pages and their links are there" || fail "serve under a base path: pages and their links are there" "$(code_of /kb/tiltak/demens/)"
  [ "$(code_of /tiltak/demens/ | cut -c1-3)" = 404 ] && ok "serve under a base path: nothing outside it" || fail "serve under a base path: nothing outside it" "$(code_of /tiltak/demens/)"
else fail "serve under a base path starts" "$(cat "$LOG2")"; fi
kill -INT $PID2 2>/dev/null
