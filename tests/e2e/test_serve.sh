# varde serve: serves the site, rebuilds on change, tells pages to reload,
# shows errors in the browser, stops cleanly on Ctrl-C.
. "$(dirname "$0")/lib.sh"
need curl "serve tests"
# the served copy goes to this test's own folder, so other runs' do not count
export TMPDIR="$TMP/tmp"
mkdir -p "$TMPDIR"
S=$(new_site serve)
LOG=$TMP/serve.log
"$VARDE" serve --root "$S" --port 0 >"$LOG" 2>&1 &
PID=$!
if wait_for '^serving .* at http' "$LOG" 30; then ok "serve starts"; else fail "serve starts" "$(cat "$LOG")"; kill $PID; exit 0; fi
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG" | head -1)
page=$(curl -s "$URL/tiltak/demens/")
echo "$page" | grep -q 'Demensomsorgens ABC' && ok "serves a page" || fail "serves a page"
echo "$page" | grep -q "EventSource('/_varde/events')" && ok "pages get the reload listener" || fail "pages get the reload listener"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/finnes-ikke/")" = 404 ] && ok "unknown paths give 404" || fail "unknown paths give 404"
# --path-as-is: curl would otherwise collapse the dot segments itself, and
# the server would never see them. Enough ".." segments to climb from the
# served folder to / lead to a secret of this test.
OUT=$(sed -n 's/^serving \(.*\) at http.*/\1/p' "$LOG" | head -1)
echo "SECRET-BESIDE-THE-SITE" > "$TMP/hemmelig.txt"
up=$(echo "$OUT" | sed 's|[^/][^/]*|..|g') # /tmp/x/site -> /../../..
up_enc=$(echo "$up" | sed 's|\.\.|%2e%2e|g')
traversal() { # name path
  got=$(curl -s --path-as-is -w '\n%{http_code}' "$URL$2")
  code=$(echo "$got" | tail -1)
  if [ "$code" = 404 ] && ! echo "$got" | grep -q SECRET; then ok "no path outside the site: $1"
  else fail "no path outside the site: $1" "GET $2: status $code" "$(echo "$got" | head -3)"; fi
}
traversal "'..' segments" "$up$TMP/hemmelig.txt"
traversal "'..' below a folder" "/tiltak/..$up$TMP/hemmelig.txt"
traversal "percent-encoded '..'" "$up_enc$TMP/hemmelig.txt"
traversal "mixed encoded and plain '..'" "/tiltak/%2E%2E$up$TMP/hemmelig.txt"
! grep -rq EventSource "$S/public" 2>/dev/null && ok "the listener is never written to disk" || fail "the listener is never written to disk"

before_tmp=$(ls -d "$TMPDIR"/varde-serve-* 2>/dev/null | wc -l)
curl -sN "$URL/_varde/events" >"$TMP/events" 2>/dev/null &
EV=$!
wait_for '^data: ' "$TMP/events" 10
first=$(grep '^data: ' "$TMP/events" | head -1)
sed -i 's/Studiegrupper på arbeidsplassen./Studiegrupper på arbeidsplassen, hver uke./' "$S/content/tiltak/demens.md"
i=0; while [ $i -lt 100 ]; do curl -s "$URL/tiltak/demens/" | grep -q 'hver uke' && break; sleep 0.1; i=$((i + 1)); done
curl -s "$URL/tiltak/demens/" | grep -q 'hver uke' && ok "an edit is rebuilt and served" || fail "an edit is rebuilt and served" "$(cat "$LOG")"
wait_for "^data: [^$(echo "$first" | cut -c7-)]" "$TMP/events" 10
[ "$(grep -c '^data: ' "$TMP/events")" -ge 2 ] && ok "open pages get a reload event" || fail "open pages get a reload event" "$(cat "$TMP/events")"

printf -- '---\ntittel: x\n---\n' > "$S/content/tiltak/feil.md"
i=0; while [ $i -lt 100 ]; do curl -s "$URL/tiltak/feil/" | grep -q 'varde-feil' && break; sleep 0.1; i=$((i + 1)); done
err=$(curl -s "$URL/tiltak/feil/")
echo "$err" | grep -q 'content/tiltak/feil.md:[0-9]*:[0-9]*: error: mangler påkrevd felt' \
  && ok "a page with errors is shown with its errors, file and line" || fail "a page with errors is shown with its errors, file and line" "$err"
other=$(curl -s -w '\n%{http_code}' "$URL/tiltak/demens/")
if echo "$other" | tail -1 | grep -q '^200$' && echo "$other" | grep -q 'hver uke' && ! echo "$other" | grep -q 'varde-feil'
then ok "the rest of the site stays browsable"; else fail "the rest of the site stays browsable" "$(echo "$other" | head -5)"; fi
rm "$S/content/tiltak/feil.md"
i=0; while [ $i -lt 100 ]; do [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/tiltak/feil/")" = 404 ] && break; sleep 0.1; i=$((i + 1)); done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/tiltak/feil/")" = 404 ] && ok "the page is gone when its file is" || fail "the page is gone when its file is"

# Body edits are updated in place (the page alone, then the search index);
# the result is byte for byte a full build of the same content.
settled() { # waits until the log has N lines matching pattern
  i=0; while [ $i -lt 150 ] && [ "$(grep -c "$1" "$LOG")" -lt "$2" ]; do sleep 0.1; i=$((i + 1)); done
}
same_as_build() { # name
  rm -rf "$TMP/full"
  XDG_CACHE_HOME=$TMP/nocache "$VARDE" build --drafts --root "$S" --out "$TMP/full" >/dev/null 2>&1
  same_dirs "$1: the served site equals a full build" "$OUT" "$TMP/full"
}
n_up=$(grep -c '^updated: ' "$LOG"); n_search=$(grep -c '^search index: ' "$LOG")
sed -i 's/hver uke/hver eneste uke/' "$S/content/tiltak/demens.md"
settled '^search index: ' $((n_search + 1))
[ "$(grep -c '^updated: 1 page in' "$LOG")" -gt "$n_up" ] && ok "a body edit re-renders that page alone" || fail "a body edit re-renders that page alone" "$(tail -5 "$LOG")"
curl -s "$URL/tiltak/demens/" | grep -q 'hver eneste uke' && ok "the updated page is served" || fail "the updated page is served"
same_as_build "after a body edit"
# an editor that saves by writing a new file and renaming it over the old one
cp "$S/content/tiltak/demens.md" "$TMP/lagret.md"; sed -i 's/hver eneste uke/hver uke, hele året/' "$TMP/lagret.md"
cp "$TMP/lagret.md" "$S/content/tiltak/.demens.md.tmp" && mv "$S/content/tiltak/.demens.md.tmp" "$S/content/tiltak/demens.md"
settled '^search index: ' $((n_search + 2))
[ "$(grep -c '^updated: 1 page in' "$LOG")" -gt "$((n_up + 1))" ] && ok "a save by rename is an update too" || fail "a save by rename is an update too" "$(tail -5 "$LOG")"
same_as_build "after a save by rename"
n_re=$(grep -c '^rebuilt: ' "$LOG")
sed -i 's/^tittel: Demensomsorgens ABC$/tittel: Demensomsorgens ABC (ny)/' "$S/content/tiltak/demens.md"
settled '^rebuilt: ' $((n_re + 1))
[ "$(grep -c '^rebuilt: ' "$LOG")" -gt "$n_re" ] && ok "a front matter edit rebuilds the site" || fail "a front matter edit rebuilds the site" "$(tail -5 "$LOG")"
same_as_build "after a front matter edit"
n_re=$(grep -c '^rebuilt: ' "$LOG")
printf '\n## Ny overskrift\n\nMer.\n' >> "$S/content/tiltak/demens.md"
settled '^rebuilt: ' $((n_re + 1))
[ "$(grep -c '^rebuilt: ' "$LOG")" -gt "$n_re" ] && ok "a new heading rebuilds the site (links and contents may change)" || fail "a new heading rebuilds the site (links and contents may change)" "$(tail -5 "$LOG")"
n_err=$(grep -c 'page has errors' "$LOG")
printf '\nSe [feil](finnes-ikke.md).\n' >> "$S/content/tiltak/demens.md"
settled 'page has errors' $((n_err + 1))
line=$(grep -n 'finnes-ikke' "$S/content/tiltak/demens.md" | cut -d: -f1)
curl -s "$URL/tiltak/demens/" | grep -q "content/tiltak/demens.md:$line:4: error: brutt lenke: det finnes ingen side content/tiltak/finnes-ikke.md" \
  && ok "a broken link in a body edit is shown in the browser" || fail "a broken link in a body edit is shown in the browser" "$(tail -5 "$LOG")"
n_up=$(grep -c '^updated: ' "$LOG")
sed -i '/finnes-ikke/d' "$S/content/tiltak/demens.md"
settled '^updated: ' $((n_up + 1))
page=$(curl -s "$URL/tiltak/demens/")
if echo "$page" | grep -q '<h1><span class="nummer">3.2</span> Demensomsorgens ABC (ny)</h1>' && ! echo "$page" | grep -q 'brutt lenke'
then ok "fixing it brings the page back"; else fail "fixing it brings the page back" "$(echo "$page" | head -5)"; fi
# a page whose content another page shows: that one must be rendered too
mkdir -p "$S/templates"
printf '{%% extends "base.html" %%}{%% block main %%}<div id="vist">{! find_page("tiltak", "demens").content !}</div>{%% endblock %%}' > "$S/templates/home.html"
settled '^rebuilt: ' $((n_re + 3))
n_re=$(grep -c '^rebuilt: ' "$LOG")
sed -i 's/hver uke, hele året/hver uke, hele året rundt/' "$S/content/tiltak/demens.md"
settled '^rebuilt: ' $((n_re + 1))
curl -s "$URL/" | grep -q 'hele året rundt' && ok "a page shown on another page updates both" || fail "a page shown on another page updates both" "$(tail -5 "$LOG")"
same_as_build "after editing a page shown elsewhere"
# the other kinds of change rebuild the site; the result is a full build's
rebuilt_as_build() { # name: after the change just made
  settled '^rebuilt: ' $((n_re + 1))
  # an editor's change may come as more than one burst of events
  wait_quiet "$LOG"
  n_re=$(grep -c '^rebuilt: ' "$LOG")
  same_as_build "$1"
}
n_re=$(grep -c '^rebuilt: ' "$LOG")
printf -- '---\ntittel: Nytt i serve\nplan: plan-a\nstatus: planlagt\nsammendrag: Nytt.\n---\nTekst.\n' > "$S/content/tiltak/ny-i-serve.md"
rebuilt_as_build "after adding a page"
mv "$S/content/tiltak/ny-i-serve.md" "$S/content/tiltak/omdopt-i-serve.md"
rebuilt_as_build "after renaming a page"
rm "$S/content/tiltak/omdopt-i-serve.md"
rebuilt_as_build "after deleting a page"
sed -i 's/title = "Testbanken"/title = "Testbanken i serve"/' "$S/site.lua"
rebuilt_as_build "after a site.lua change"
grep -q 'Testbanken i serve' "$OUT/index.html" && ok "the site.lua change is served" || fail "the site.lua change is served"

kill $EV 2>/dev/null
kill -INT $PID
i=0; while [ $i -lt 50 ] && kill -0 $PID 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
if ! kill -0 $PID 2>/dev/null; then
  wait $PID; rc=$?
  [ $rc -eq 0 ] && ok "Ctrl-C stops it cleanly" || fail "Ctrl-C stops it cleanly" "exit $rc" "$(tail -20 "$LOG")"
else
  kill -9 $PID; fail "Ctrl-C stops it cleanly" "still running"
fi
! grep -q 'Sanitizer' "$LOG" && ok "no sanitizer reports while serving" || fail "no sanitizer reports while serving" "$(grep -A20 Sanitizer "$LOG" | head -40)"
[ "$before_tmp" -eq 1 ] && [ "$(ls -d "$TMPDIR"/varde-serve-* 2>/dev/null | wc -l)" -eq 0 ] && ok "its temporary folder is removed" \
  || fail "its temporary folder is removed" "$before_tmp before, $(ls -d "$TMPDIR"/varde-serve-* 2>/dev/null)"
