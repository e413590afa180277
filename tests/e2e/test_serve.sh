# varde serve: serves the site, rebuilds on change, tells pages to reload,
# shows errors in the browser, stops cleanly on Ctrl-C.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "ok serve tests skipped: curl is not installed"; exit 0; }
S=$(new_site serve)
LOG=$TMP/serve.log
"$VARDE" serve --root "$S" --port 0 >"$LOG" 2>&1 &
PID=$!
wait_for() { # pattern file seconds
  i=0
  while [ $i -lt $(($3 * 10)) ]; do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.1; i=$((i + 1)); done
  return 1
}
if wait_for 'serving at' "$LOG" 30; then ok "serve starts"; else fail "serve starts" "$(cat "$LOG")"; kill $PID; exit 0; fi
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG" | head -1)
page=$(curl -s "$URL/tiltak/demens/")
echo "$page" | grep -q 'Demensomsorgens ABC' && ok "serves a page" || fail "serves a page"
echo "$page" | grep -q "EventSource('/_varde/events')" && ok "pages get the reload listener" || fail "pages get the reload listener"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/finnes-ikke/")" = 404 ] && ok "unknown paths give 404" || fail "unknown paths give 404"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/../../etc/passwd")" != 200 ] && ok "no paths outside the site" || fail "no paths outside the site"
! grep -rq EventSource "$S/public" 2>/dev/null && ok "the listener is never written to disk" || fail "the listener is never written to disk"

before_tmp=$(ls -d /tmp/varde-serve-* 2>/dev/null | wc -l)
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
i=0; while [ $i -lt 100 ]; do curl -s "$URL/tiltak/demens/" | grep -q 'Nettstedet har feil' && break; sleep 0.1; i=$((i + 1)); done
err=$(curl -s "$URL/tiltak/demens/")
echo "$err" | grep -q 'content/tiltak/feil.md:[0-9]*:[0-9]*: error: missing required field' \
  && ok "the browser shows the errors with file and line" || fail "the browser shows the errors with file and line" "$err"
rm "$S/content/tiltak/feil.md"
i=0; while [ $i -lt 100 ]; do curl -s "$URL/tiltak/demens/" | grep -q 'hver uke' && break; sleep 0.1; i=$((i + 1)); done
curl -s "$URL/tiltak/demens/" | grep -q 'hver uke' && ok "the page comes back when the error is fixed" || fail "the page comes back when the error is fixed"

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
[ "$(ls -d /tmp/varde-serve-* 2>/dev/null | wc -l)" -lt "$before_tmp" ] && ok "its temporary folder is removed" || fail "its temporary folder is removed"
