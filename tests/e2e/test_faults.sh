# End-to-end: faults during a build and a publish (issue 13). Each case
# asserts that the old site (or the sources) is intact byte for byte, or
# that the new site is complete: never anything in between.
#
# Faults happen at exact points, not at moments of a clock: faultshim.c
# (compiled here, loaded with LD_PRELOAD into the release build) counts the
# calls that change a file or send data, and kills the process before the
# N-th, pauses it there, or makes writes fail with ENOSPC after N bytes.
# The N are seeded (one in each of K equal slices of a run), so every run
# of this suite makes the same attempts. VARDE_JOBS=1 keeps the calls in
# one process; the search index thread's interleave with the renderer's,
# but their number before the swap is fixed, so the outcomes are too.
#
# Cases: builds killed (with an old site, without one), read-only output
# (as nobody when run as root), disk full (tmpfs, no inodes, ENOSPC after
# N bytes, ulimit -f), publishes killed (build, commit, fetch, push to an
# authenticated git server), two publishes at once, two builds at once
# (interleaved exactly), a symlinked output, a publish stopped by SIGTERM.
. "$(dirname "$0")/lib.sh"

FAST=$ROOT/bin/varde # the sanitizer runtime must come first, so no LD_PRELOAD with varde-asan
[ -x "$FAST" ] || { skip "faults" "bin/varde is not built (make bin/varde)"; exit 0; }
export VARDE_JOBS=1
sums() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum); }
# the sources of a site, as one checksum
src_sum() { (cd "$1" && find content templates themes site.lua -type f 2>/dev/null | LC_ALL=C sort | xargs -r sha256sum) | sha256sum; }
SHIM=$TMP/faultshim.so
cc -std=gnu17 -Wall -Wextra -Werror -shared -fPIC -O1 -o "$SHIM" "$ROOT/tests/e2e/faultshim.c" -ldl 2>"$TMP/shim.err" || SHIM=
[ -n "$SHIM" ] || echo "  faultshim.c did not compile: $(head -3 "$TMP/shim.err")"
# points SEED TOTAL K: K seeded points in 1..TOTAL, one in each K-th of it
points() {
  awk -v s="$1" -v t="$2" -v k="$3" 'BEGIN { for (i = 0; i < k; i++) {
    s = (s * 1103515245 + 12345) % 2147483648; lo = int(i * t / k) + 1; hi = int((i + 1) * t / k)
    if (hi >= lo) print lo + s % (hi - lo + 1) } }'
}
count_events() { # COMMAND...: the number of events the command makes
  env LD_PRELOAD="$SHIM" FAULT_COUNT="$TMP/count" "$@" >/dev/null 2>&1
  cat "$TMP/count" 2>/dev/null || echo 0
}
# faulted VAR=VALUE... COMMAND...: runs COMMAND with the shim loaded
faulted() { env LD_PRELOAD="$SHIM" "$@"; }
# which_site SUMS OLD NEW: prints old, new or mixed
which_site() {
  if [ "$1" = "$2" ]; then echo old; elif [ "$1" = "$3" ]; then echo new; else echo mixed; fi
}

# --- a build killed with -9 at seeded points --------------------------------
S=$(new_site faults)
"$FAST" build --root "$S" --quiet >/dev/null 2>&1 || fail "faults: first build"
cp -a "$S/public" "$TMP/old-site"
old=$(sums "$S/public")
# a second version of the site: one page changed
sed -i 's/Et opplæringsprogram om demens./Et nytt sammendrag./' "$S/content/tiltak/demens.md"
"$FAST" build --root "$S" --out "$TMP/new" --quiet >/dev/null 2>&1
new=$(sums "$TMP/new")
src=$(src_sum "$S")
reset_public() { rm -rf "$S/public" "$S"/public.*; [ -z "$1" ] || cp -a "$TMP/old-site" "$S/public"; }
if [ -z "$SHIM" ]; then
  skip "faults: builds killed with -9 at seeded points" "faultshim.c does not compile here (no cc?)"
else
  reset_public old
  total=$(count_events "$FAST" build --root "$S" --force --quiet)
  bad=0; n=0; olds=0; news=0
  for k in $(points 13 "$total" 24); do
    reset_public old
    faulted FAULT_KILL=$k "$FAST" build --root "$S" --force --quiet >/dev/null 2>&1; rc=$?
    n=$((n + 1))
    case $(which_site "$(sums "$S/public")" "$old" "$new") in
      old) olds=$((olds + 1)) ;; new) news=$((news + 1)) ;;
      *) bad=$((bad + 1)); echo "  killed before event $k of $total (exit $rc): a mixed site" ;;
    esac
    [ $rc -eq 137 ] || { bad=$((bad + 1)); echo "  event $k of $total: not killed (exit $rc)"; }
  done
  name="faults: $n builds killed with -9 at seeded points of $total leave the old site ($olds) or the new one ($news), byte for byte"
  [ $bad -eq 0 ] && [ "$(src_sum "$S")" = "$src" ] && ok "$name" || fail "$name" "$bad bad" "sources changed: $([ "$(src_sum "$S")" = "$src" ] && echo no || echo yes)"
  # no old site: a killed first build leaves no public/ or the new one
  reset_public
  total=$(count_events "$FAST" build --root "$S" --force --quiet)
  bad=0; n=0
  for k in $(points 7 "$total" 8); do
    reset_public
    faulted FAULT_KILL=$k "$FAST" build --root "$S" --force --quiet >/dev/null 2>&1
    n=$((n + 1))
    [ ! -e "$S/public" ] || [ "$(sums "$S/public")" = "$new" ] || { bad=$((bad + 1)); echo "  first build killed before event $k of $total: a partial site"; }
  done
  name="faults: $n first builds killed with -9 at seeded points of $total leave no public/ or the whole new site"
  [ $bad -eq 0 ] && ok "$name" || fail "$name" "$bad bad"
  # half way: the killed build's folder is left; the next build removes it
  reset_public old
  faulted FAULT_KILL=$((total / 2)) "$FAST" build --root "$S" --force --quiet >/dev/null 2>&1
  left=$(ls -d "$S"/public.* 2>/dev/null)
  "$FAST" build --root "$S" --force --quiet >/dev/null 2>&1
  i=0; while ls -d "$S"/public.* >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  if [ -n "$left" ] && ! ls -d "$S"/public.* >/dev/null 2>&1 && [ "$(sums "$S/public")" = "$new" ]; then
    ok "faults: the next build removes a killed build's folder ($(basename "$left")) and completes"
  else fail "faults: the next build removes a killed build's folder and completes" "left: $left" "now: $(ls "$S")"; fi
fi

# --- read-only output --------------------------------------------------------
# Root writes through a read-only folder, so as root varde runs as nobody
# (setpriv, else runuser) for the permissions to apply.
AS=
if [ "$(id -u)" = 0 ]; then
  chmod 755 "$TMP" # nobody must reach the site inside it
  if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
  elif runuser -u nobody -- true 2>/dev/null; then AS="runuser -u nobody --"
  else AS=none; fi
fi
S=$(new_site readonly)
mkdir -p "$TMP/ro" "$TMP/ro-cache"
[ -n "$AS" ] && [ "$AS" != none ] && chown -R 65534:65534 "$S" "$TMP/ro" "$TMP/ro-cache"
as_user() { if [ -n "$AS" ]; then $AS env XDG_CACHE_HOME="$TMP/ro-cache" "$@"; else "$@"; fi; }
# nobody may not reach the binary where the project lies (a clone in a
# private folder, as mktemp -d makes): it runs a copy inside $TMP
RO_VARDE=$FAST
if [ -n "$AS" ] && [ "$AS" != none ]; then
  mkdir -p "$TMP/bin" && cp "$FAST" "$TMP/bin/varde" && chmod 755 "$TMP/bin" "$TMP/bin/varde" && RO_VARDE=$TMP/bin/varde
fi
if [ "$AS" = none ]; then
  skip "faults: read-only output" "running as root, and neither setpriv nor runuser can switch to nobody here"
else
  who=$([ -n "$AS" ] && echo "as nobody" || echo "as $(id -un)")
  as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/site" --quiet >/dev/null 2>&1
  before=$(sums "$TMP/ro/site")
  echo "Endret." >>"$S/content/tiltak/demens.md"
  src=$(src_sum "$S")
  # the folder that holds the output is read-only: no new site can be made beside it
  chmod a-w "$TMP/ro"
  out=$(as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/site" --force 2>&1); rc=$?
  name="faults: a read-only folder around the output ($who) fails the build with one clear error and keeps the site byte for byte"
  if [ $rc -ne 0 ] && [ -n "$before" ] && [ "$(sums "$TMP/ro/site")" = "$before" ] && [ "$(src_sum "$S")" = "$src" ] &&
     [ "$(echo "$out" | grep -c 'error:')" -eq 1 ] && echo "$out" | grep -q 'ermission denied'; then ok "$name"
  else fail "$name" "exit $rc" "$out"; fi
  chmod u+w "$TMP/ro"
  # the output folder itself is read-only, its parent is not: the new site
  # is made beside it and exchanged in one rename; the old one cannot be
  # deleted (its files are read-only), so it stays beside it
  as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/clean" --quiet >/dev/null 2>&1
  chmod -R a-w "$TMP/ro/site"
  out=$(as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/site" --force 2>&1); rc=$?
  name="faults: a read-only output folder ($who): the new site replaces it whole, and a warning says the old one cannot be deleted"
  if [ $rc -eq 0 ] && [ "$(sums "$TMP/ro/site")" = "$(sums "$TMP/ro/clean")" ] && [ "$(src_sum "$S")" = "$src" ] &&
     echo "$out" | grep -q "site.old-[0-9]*: warning: the previous site cannot be deleted: its folder is read-only; delete it by hand"; then ok "$name"
  else fail "$name" "exit $rc" "$out"; fi
  # the next build says it again; once the folder is writable, it is removed
  out=$(as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/site" --force 2>&1); rc=$?
  chmod -R u+w "$TMP/ro"
  as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/site" --force >/dev/null 2>&1
  i=0; while ls -d "$TMP/ro"/site.* >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  name="faults: an old site that cannot be deleted is named by every build until it can be, then removed"
  if [ $rc -eq 0 ] && echo "$out" | grep -q "site.old-[0-9]*: warning: left by an earlier build and cannot be deleted (its folder is read-only)" &&
     [ "$(ls "$TMP/ro" | tr '\n' ' ')" = "clean site " ]; then ok "$name"
  else fail "$name" "exit $rc" "$out" "$(ls "$TMP/ro")"; fi
  # only a folder inside is read-only: the background removal empties the
  # rest but keeps the marker (names with a dot go last), so the next build's
  # sweep still knows the tree is varde's, and says it cannot delete it
  chmod a-w "$TMP/ro/site/tiltak"
  as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/site" --force >/dev/null 2>&1
  left=$(ls -d "$TMP"/ro/site.old-* 2>/dev/null | head -1)
  i=0; while [ -n "$left" ] && [ -e "$left/index.html" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  out=$(as_user "$RO_VARDE" build --root "$S" --out "$TMP/ro/site" --force 2>&1); rc=$?
  name="faults: an old site with one read-only folder inside is named by the next build"
  if [ -n "$left" ] && [ $rc -eq 0 ] && echo "$out" | grep -q "^$left: warning: left by an earlier build and cannot be deleted (a folder inside is read-only)"; then ok "$name"
  else fail "$name" "exit $rc, left: $left" "$out" "$(ls -A "$left" 2>&1)"; fi
  chmod -R u+w "$TMP/ro"
  chmod -R u+w "$TMP/ro"
fi

# --- disk full ---------------------------------------------------------------
S=$(new_site diskfull)
"$FAST" build --root "$S" --out "$TMP/probe" --quiet >/dev/null 2>&1
kb=$(( $(du -sk "$TMP/probe" | cut -f1) * 2 + 100 )) # the site twice (old and new side by side) and a little
head -c $((kb * 1024)) /dev/urandom | base64 >"$TMP/stor.txt" # cannot fit beside the site
# full_disk_check NAME DIR ERROR: after a build that failed for want of
# room: one clear error, the old site byte for byte, no new site left over
full_disk_check() {
  if [ "$rc" -ne 0 ] && [ -n "$before" ] && [ "$(sums "$2/site" 2>/dev/null)" = "$before" ] &&
     [ "$(echo "$out" | grep -c 'error:')" -eq 1 ] && echo "$out" | grep -q "error: cannot .*: $3" &&
     [ "$(ls "$2")" = site ] && [ "$(src_sum "$S")" = "$src" ]; then ok "$1"
  else fail "$1" "exit $rc, left: $(ls "$2" | tr '\n' ' ')" "$(echo "$out" | tail -4)"; fi
}
# 1. a small tmpfs: mounted as root, or in a user namespace of one's own
cat >"$TMP/tmpfs.sh" <<SH
mount -t tmpfs -o size=${kb}k tmpfs "$TMP/full" || exit 3
"$FAST" build --root "$S" --out "$TMP/full/site" --quiet >/dev/null 2>&1
sums() { (cd "\$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum); }
sums "$TMP/full/site" >"$TMP/full.before"
cp "$TMP/stor.txt" "$S/content/stor.txt"
"$FAST" build --root "$S" --out "$TMP/full/site" --force >"$TMP/full.out" 2>&1; echo \$? >"$TMP/full.rc"
sums "$TMP/full/site" >"$TMP/full.after"; ls "$TMP/full" >"$TMP/full.ls"
rm -f "$S/content/stor.txt"
umount "$TMP/full"
# no inodes left: room for the site's files and folders and a few more
mount -t tmpfs -o size=10m,nr_inodes=$(( $(find "$TMP/probe" | wc -l) + 8 )) tmpfs "$TMP/full" || exit 3
"$FAST" build --root "$S" --out "$TMP/full/site" --quiet >/dev/null 2>&1
sums "$TMP/full/site" >"$TMP/inodes.before"
sed -i 's/Et opplæringsprogram om demens./Et nytt sammendrag./' "$S/content/tiltak/demens.md"
"$FAST" build --root "$S" --out "$TMP/full/site" --force >"$TMP/inodes.out" 2>&1; echo \$? >"$TMP/inodes.rc"
sums "$TMP/full/site" >"$TMP/inodes.after"; ls "$TMP/full" >"$TMP/inodes.ls"
sed -i 's/Et nytt sammendrag./Et opplæringsprogram om demens./' "$S/content/tiltak/demens.md"
umount "$TMP/full"
SH
mkdir -p "$TMP/full"
how=
if sh "$TMP/tmpfs.sh" 2>/dev/null; then how="mounted as $(id -un)"
elif unshare -Urm sh "$TMP/tmpfs.sh" 2>/dev/null; then how="in a user namespace (unshare -Urm)"; fi
if [ -n "$how" ]; then
  src=$(src_sum "$S")
  before=$(cat "$TMP/full.before"); out=$(cat "$TMP/full.out"); rc=$(cat "$TMP/full.rc")
  name="faults: disk full on a ${kb} KB tmpfs ($how) fails the build with one clear error and keeps the site byte for byte"
  if [ "$rc" -ne 0 ] && [ -n "$before" ] && [ "$(cat "$TMP/full.after")" = "$before" ] && [ "$(cat "$TMP/full.ls")" = site ] &&
     [ "$(echo "$out" | grep -c 'error:')" -eq 1 ] && echo "$out" | grep -q 'No space left on device'; then ok "$name"
  else fail "$name" "exit $rc, left: $(tr '\n' ' ' <"$TMP/full.ls")" "$(echo "$out" | tail -4)"; fi
  before=$(cat "$TMP/inodes.before"); out=$(cat "$TMP/inodes.out"); rc=$(cat "$TMP/inodes.rc")
  name="faults: no inodes left on a tmpfs ($how) fails the build with one clear error and keeps the site byte for byte"
  if [ "$rc" -ne 0 ] && [ -n "$before" ] && [ "$(cat "$TMP/inodes.after")" = "$before" ] && [ "$(cat "$TMP/inodes.ls")" = site ] &&
     [ "$(echo "$out" | grep -c 'error:')" -eq 1 ] && echo "$out" | grep -q 'No space left on device'; then ok "$name"
  else fail "$name" "exit $rc, left: $(tr '\n' ' ' <"$TMP/inodes.ls")" "$(echo "$out" | tail -4)"; fi
else
  skip "faults: disk full on a small tmpfs" "mounting a tmpfs is not allowed here, not even in a user namespace (the cases below need no mount)"
fi
# 2. writes fail with ENOSPC after a seeded number of bytes (faultshim): no
#    right to mount needed, and the failure comes at many points of a build
if [ -z "$SHIM" ]; then
  skip "faults: disk full after a seeded number of bytes" "faultshim.c does not compile here (no cc?)"
else
  "$FAST" build --root "$S" --out "$TMP/enospc/site" --quiet >/dev/null 2>&1
  before=$(sums "$TMP/enospc/site")
  cp "$TMP/stor.txt" "$S/content/stor.txt"
  sed -i 's/Et opplæringsprogram om demens./Et nytt sammendrag./' "$S/content/tiltak/demens.md"
  src=$(src_sum "$S")
  bytes=$(( $(du -sbk "$TMP/probe" | cut -f1) * 1024 ))
  n=0
  for b in 0 $(points 5 "$bytes" 6); do
    out=$(faulted FAULT_ENOSPC=$b "$FAST" build --root "$S" --out "$TMP/enospc/site" --force 2>&1); rc=$?
    full_disk_check "faults: disk full after $b bytes (ENOSPC from faultshim) fails the build with one clear error and keeps the site byte for byte" "$TMP/enospc" "No space left on device"
  done
  # 3. ulimit -f: a file larger than the limit fails with EFBIG ("File too
  #    large"), not ENOSPC, and only that file; with SIGXFSZ ignored, as a
  #    shell does not by default (varde would be killed by the signal)
  out=$( (trap '' XFSZ; ulimit -f $((kb / 2)); "$FAST" build --root "$S" --out "$TMP/enospc/site" --force) 2>&1); rc=$?
  full_disk_check "faults: a file over ulimit -f (EFBIG, not ENOSPC) fails the build with one clear error and keeps the site byte for byte" "$TMP/enospc" "File too large"
  rm -f "$S/content/stor.txt"
fi

# --- a publish killed with -9 at seeded points --------------------------------
# As test_publish.sh: an authenticated smart-HTTP remote on 127.0.0.1 that
# already has gh-pages (old), a clone with one more commit on main; each
# attempt starts from there, is killed before its k-th event (in the build,
# the commit, the fetch or the push), and is followed by a normal publish.
if [ -z "$SHIM" ]; then
  skip "faults: a publish killed with -9 at seeded points" "faultshim.c does not compile here (no cc?)"
elif ! command -v git >/dev/null || ! command -v python3 >/dev/null; then
  skip "faults: a publish killed with -9 at seeded points" "git and python3 are needed for the test's git server"
else
  TOKEN="ghs_FaultToken0"
  mkdir -p "$TMP/srv" "$TMP/tmpdir" && git init -q --bare -b main "$TMP/srv/bank.git"
  python3 "$ROOT/tests/e2e/git_http_server.py" "$TMP/srv" "$TOKEN" "$TMP/port" "$TMP/http.log" 2>"$TMP/srv.err" &
  srv=$!
  trap 'kill $srv 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$TMP"' EXIT
  i=0; while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  PORT=$(cat "$TMP/port" 2>/dev/null)
  H=$(new_site publish)
  git -C "$H" init -q -b main && git -C "$H" config user.name varde && git -C "$H" config user.email varde@localhost
  git -C "$H" add -A && git -C "$H" commit -qm "Første versjon"
  git -C "$H" remote add origin "http://127.0.0.1:$PORT/bank.git"
  git -C "$H" config "http.http://127.0.0.1:$PORT/.extraheader" "AUTHORIZATION: basic $(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)"
  git -C "$H" -c "http.extraheader=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)" push -q origin main 2>/dev/null
  pub() { (cd "$H" && env TMPDIR="$TMP/tmpdir" "$@" "$FAST" publish --push origin); }
  pub >"$TMP/pub0.log" 2>&1
  g0=$(git --git-dir="$TMP/srv/bank.git" rev-parse -q --verify gh-pages)
  sed -i 's/Et opplæringsprogram om demens./Et nytt sammendrag./' "$H/content/tiltak/demens.md"
  git -C "$H" commit -qam "Nytt sammendrag"
  hsrc=$(src_sum "$H"); head=$(git -C "$H" rev-parse HEAD)
  remote_tip() { git --git-dir="$TMP/srv/bank.git" rev-parse -q --verify gh-pages; }
  reset_pub() { # the remote and the local branch back at the old commit
    git --git-dir="$TMP/srv/bank.git" update-ref refs/heads/gh-pages "$g0" && git -C "$H" update-ref refs/heads/gh-pages "$g0"
  }
  # a reference run: the new commit, and the events a publish makes
  pub >"$TMP/pub1.log" 2>&1
  g1=$(remote_tip)
  # (traced from the state every attempt starts from: the objects are there)
  reset_pub
  pub LD_PRELOAD="$SHIM" VARDE_JOBS=1 FAULT_TRACE="$TMP/pub.trace" >"$TMP/pub2.log" 2>&1
  total=$(wc -l <"$TMP/pub.trace")
  # the seeded points, and the one window where libgit2 holds the branch's .lock
  lock=$(grep -m1 " open .*refs/heads/gh-pages.lock" "$TMP/pub.trace" | cut -d' ' -f1)
  at=$(points 17 "$total" 8 | tr '\n' ' ')
  [ -n "$lock" ] && at="$at $((lock + 1))"
  bad=0; n=0; olds=0; news=0; locks=0; left=0
  for k in $at; do
    reset_pub
    pub LD_PRELOAD="$SHIM" VARDE_JOBS=1 FAULT_KILL=$k >"$TMP/killed.log" 2>&1; rc=$?
    n=$((n + 1)); tip=$(remote_tip)
    why=
    [ $rc -eq 137 ] || why="$why not killed (exit $rc);"
    if [ "$tip" = "$g0" ]; then olds=$((olds + 1)); elif [ "$tip" = "$g1" ]; then news=$((news + 1)); else why="$why remote gh-pages is $tip;"; fi
    git --git-dir="$TMP/srv/bank.git" fsck --no-progress >/dev/null 2>&1 || why="$why the remote fails git fsck;"
    git -C "$H" fsck --no-progress >/dev/null 2>&1 || why="$why the local repository fails git fsck;"
    [ "$(src_sum "$H")" = "$hsrc" ] && [ -z "$(git -C "$H" status --porcelain)" ] && [ "$(git -C "$H" rev-parse HEAD)" = "$head" ] || why="$why the sources changed;"
    [ -z "$(ls -A "$TMP/tmpdir")" ] || left=$((left + 1))
    # the next publish completes (removing the branch's .lock if the kill left it)
    out=$(pub 2>&1); rc=$?
    echo "$out" | grep -q "^removed .*refs/heads/gh-pages.lock, left by a varde publish that was stopped while it moved the branch" && locks=$((locks + 1))
    [ $rc -eq 0 ] && [ "$(remote_tip)" = "$g1" ] && [ "$(git -C "$H" rev-parse gh-pages)" = "$g1" ] || why="$why the next publish: exit $rc: $out;"
    [ -z "$(ls -A "$TMP/tmpdir")" ] || why="$why left in TMPDIR: $(ls "$TMP/tmpdir");"
    [ -z "$(find "$H/.git" -name '*.lock')" ] || why="$why left: $(find "$H/.git" -name '*.lock');"
    [ -z "$why" ] || { bad=$((bad + 1)); echo "  killed before event $k of $total:$why"; }
  done
  name="faults: $n publishes killed with -9 at seeded points of $total (build, commit, fetch, push): the remote has the old commit ($olds) or the new ($news), both repositories pass git fsck, the sources are intact, the next publish completes and removes what killed ones left: folders in TMPDIR ($left), the branch's .lock ($locks)"
  [ $bad -eq 0 ] && [ $left -gt 0 ] && [ $locks -gt 0 ] && ok "$name" || fail "$name" "$bad bad, $left left a folder in TMPDIR, $locks the branch's .lock"
  # two publishes at once in one repository: the second is refused while the
  # first (paused as it takes the branch's .lock) holds it, and the first completes
  reset_pub; rm -f "$TMP"/pgate.*
  pub LD_PRELOAD="$SHIM" VARDE_JOBS=1 FAULT_PAUSE="${lock:-1}" FAULT_GATE="$TMP/pgate" >"$TMP/first.log" 2>&1 &
  first=$!
  i=0; while [ ! -e "$TMP/pgate.ready" ] && kill -0 $first 2>/dev/null && [ $i -lt 300 ]; do sleep 0.02; i=$((i + 1)); done
  out=$(pub 2>&1); rc=$?
  mid=$(remote_tip)
  touch "$TMP/pgate.go"; wait $first; rc1=$?
  name="faults: two publishes at once: the second is refused with one clear error while the first runs, the first completes"
  if [ -e "$TMP/pgate.ready" ] && [ $rc -eq 1 ] && [ "$(echo "$out" | grep -c 'error:')" -eq 1 ] &&
     echo "$out" | grep -q "error: another varde publish is running in this repository" && [ "$mid" = "$g0" ] &&
     [ $rc1 -eq 0 ] && [ "$(remote_tip)" = "$g1" ] && [ -z "$(ls -A "$TMP/tmpdir")" ]; then ok "$name"
  else fail "$name" "second: exit $rc: $out" "first: exit $rc1: $(cat "$TMP/first.log")"; fi
fi

# --- two builds at once into one output ---------------------------------------
# Two sites (the second with one page changed) built into the same folder.
# Build B is paused just before its k-th event while build A runs from start
# to end, then B goes on: the interleaving is exact, not left to timing.
if [ -z "$SHIM" ]; then
  skip "faults: two builds at once" "faultshim.c does not compile here (no cc?)"
else
  A=$(new_site two-a); B=$(new_site two-b)
  sed -i 's/Et opplæringsprogram om demens./Et nytt sammendrag./' "$B/content/tiltak/demens.md"
  "$FAST" build --root "$A" --out "$TMP/clean-a" --quiet >/dev/null 2>&1
  "$FAST" build --root "$B" --out "$TMP/clean-b" --quiet >/dev/null 2>&1
  sa=$(sums "$TMP/clean-a"); sb=$(sums "$TMP/clean-b"); srca=$(src_sum "$A"); srcb=$(src_sum "$B")
  D=$TMP/both/site
  reset_both() { rm -rf "$TMP/both" "$TMP"/gate.*; mkdir -p "$TMP/both"; [ -z "$1" ] || cp -a "$TMP/clean-a" "$D"; }
  bad=0; n=0; as=0; bs=0; refused=0
  for state in old none; do
    reset_both $([ $state = old ] && echo old)
    faulted VARDE_JOBS=1 FAULT_TRACE="$TMP/two.trace" "$FAST" build --root "$B" --out "$D" --force --quiet >/dev/null 2>&1
    total=$(wc -l <"$TMP/two.trace")
    # seeded points, and the swap itself (the last rename of the run)
    swap=$(grep -E ' rename(at2)? ' "$TMP/two.trace" | grep -v '\.tmp-[0-9]*/' | tail -1 | cut -d' ' -f1)
    for k in $(points 23 "$total" 3) $swap; do
      reset_both $([ $state = old ] && echo old)
      faulted FAULT_PAUSE=$k FAULT_GATE="$TMP/gate" "$FAST" build --root "$B" --out "$D" --force --quiet >"$TMP/b.log" 2>&1 &
      bpid=$!
      i=0; while [ ! -e "$TMP/gate.ready" ] && kill -0 $bpid 2>/dev/null && [ $i -lt 300 ]; do sleep 0.02; i=$((i + 1)); done
      paused=$([ -e "$TMP/gate.ready" ] && echo yes || echo no)
      "$FAST" build --root "$A" --out "$D" --force --quiet >"$TMP/a.log" 2>&1; ra=$?
      touch "$TMP/gate.go"; wait $bpid; rb=$?
      n=$((n + 1)); why=
      [ $paused = yes ] || why="$why B was not paused;"
      case $(which_site "$(sums "$D")" "$sa" "$sb") in
        old) as=$((as + 1)) ;; new) bs=$((bs + 1)) ;; *) why="$why a mixed site;" ;;
      esac
      # both succeed, or one fails with one clear message
      if [ $ra -ne 0 ] || [ $rb -ne 0 ]; then
        refused=$((refused + 1))
        log=$([ $ra -ne 0 ] && echo "$TMP/a.log" || echo "$TMP/b.log")
        [ $ra -eq 0 ] || [ $rb -eq 0 ] || why="$why both failed;"
        [ "$(grep -c 'error:' "$log")" -eq 1 ] || why="$why not one clear error: $(cat "$log");"
      fi
      [ "$(src_sum "$A")" = "$srca" ] && [ "$(src_sum "$B")" = "$srcb" ] || why="$why the sources changed;"
      [ -z "$why" ] || { bad=$((bad + 1)); echo "  output $state, B paused before event $k of $total (A exit $ra, B exit $rb):$why"; }
    done
  done
  i=0; while ls -d "$D".* >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  name="faults: two builds at once into one output, $n exact interleavings (B paused at seeded points and at its swap while A runs): one complete site each time (A's $as, B's $bs), $refused refused with one clear error, nothing left beside it"
  [ $bad -eq 0 ] && ! ls -d "$D".* >/dev/null 2>&1 && ok "$name" || fail "$name" "$bad bad" "left: $(ls "$TMP/both")"
fi

# --- a symlinked output (public -> a folder elsewhere) ------------------------
# The output policy (docs/security.md): the link is followed, the site goes
# to its target and the link stays; a failed or killed build leaves the
# target as it was.
S=$(new_site symlinked)
mkdir -p "$TMP/www"
"$FAST" build --root "$S" --out "$TMP/www/site" --quiet >/dev/null 2>&1 # the target, made by varde
ln -s "$TMP/www/site" "$S/public"
link_ok() { [ -L "$S/public" ] && [ "$(readlink "$S/public")" = "$TMP/www/site" ]; }
sed -i 's/Et opplæringsprogram om demens./Et nytt sammendrag./' "$S/content/tiltak/demens.md"
"$FAST" build --root "$S" --out "$TMP/sym-new" --quiet >/dev/null 2>&1
new=$(sums "$TMP/sym-new")
out=$("$FAST" build --root "$S" --force 2>&1); rc=$?
i=0; while ls -d "$TMP/www/site".* >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
name="faults: a symlinked output (public -> elsewhere): the build updates the target, the link stays, nothing is left beside either"
if [ $rc -eq 0 ] && link_ok && [ "$(sums "$TMP/www/site")" = "$new" ] && [ "$(ls "$TMP/www")" = site ] &&
   [ "$(ls -d "$S"/public* | wc -l)" -eq 1 ]; then ok "$name"
else fail "$name" "exit $rc" "$out" "$(ls -l "$S" "$TMP/www")"; fi
old=$new; src=$(src_sum "$S")
# a failed build: an error in a page
cp "$S/content/tiltak/demens.md" "$TMP/demens.md"
printf -- '---\ntittel: [\n---\n' >"$S/content/tiltak/demens.md"
out=$("$FAST" build --root "$S" --force 2>&1); rc=$?
name="faults: a symlinked output: a failed build leaves the target byte for byte and the link"
[ $rc -ne 0 ] && link_ok && [ "$(sums "$TMP/www/site")" = "$old" ] && ok "$name" || fail "$name" "exit $rc" "$out"
cp "$TMP/demens.md" "$S/content/tiltak/demens.md"
sed -i 's/Et nytt sammendrag./Et tredje sammendrag./' "$S/content/tiltak/demens.md"
src=$(src_sum "$S")
"$FAST" build --root "$S" --out "$TMP/sym-new2" --quiet >/dev/null 2>&1
new=$(sums "$TMP/sym-new2")
if [ -z "$SHIM" ]; then
  skip "faults: a symlinked output: builds killed or out of room" "faultshim.c does not compile here (no cc?)"
else
  cp -a "$TMP/www/site" "$TMP/www-old"
  reset_www() { rm -rf "$TMP/www/site" "$TMP/www"/site.*; cp -a "$TMP/www-old" "$TMP/www/site"; }
  total=$(count_events "$FAST" build --root "$S" --force --quiet); reset_www
  bad=0; n=0; olds=0; news=0
  for k in $(points 31 "$total" 8); do
    faulted FAULT_KILL=$k "$FAST" build --root "$S" --force --quiet >/dev/null 2>&1
    n=$((n + 1))
    case $(which_site "$(sums "$TMP/www/site")" "$old" "$new") in
      old) olds=$((olds + 1)) ;; new) news=$((news + 1)) ;; *) bad=$((bad + 1)); echo "  killed before event $k of $total: a mixed site" ;;
    esac
    link_ok || { bad=$((bad + 1)); echo "  killed before event $k of $total: the link is gone"; }
    reset_www
  done
  name="faults: a symlinked output: $n builds killed with -9 at seeded points of $total leave the target's old site ($olds) or the new one ($news), and the link"
  [ $bad -eq 0 ] && [ "$(src_sum "$S")" = "$src" ] && ok "$name" || fail "$name" "$bad bad"
  out=$(faulted FAULT_ENOSPC=2000 "$FAST" build --root "$S" --force 2>&1); rc=$?
  name="faults: a symlinked output: disk full fails the build with one clear error and leaves the target byte for byte and the link"
  [ $rc -ne 0 ] && link_ok && [ "$(sums "$TMP/www/site")" = "$old" ] && [ "$(echo "$out" | grep -c 'error:')" -eq 1 ] &&
    [ "$(ls "$TMP/www")" = site ] && ok "$name" || fail "$name" "exit $rc" "$out" "$(ls "$TMP/www")"
fi

# --- SIGTERM / SIGINT during a publish (issue 13, Low) -----------------------
# A Ctrl-C or a cancelled CI job left the publish's folder in $TMPDIR until
# the next publish. Paused at an exact event (FAULT_PAUSE) and sent SIGTERM
# (a background job of a script ignores SIGINT; both run the same handler).
if [ -z "$SHIM" ] || ! command -v git >/dev/null 2>&1; then
  skip "faults: a publish stopped with SIGTERM removes its temporary folder" "faultshim.c does not compile here, or no git"
else
  G=$(new_site sigterm)
  (cd "$G" && git init -q -b main . && git -c user.name=R -c user.email=r@example.no add -A &&
   git -c user.name=R -c user.email=r@example.no commit -q -m "Første") >/dev/null 2>&1
  mkdir -p "$TMP/sigtmp"
  (cd "$G" && exec env TMPDIR="$TMP/sigtmp" LD_PRELOAD="$SHIM" VARDE_JOBS=1 FAULT_PAUSE=30 FAULT_GATE="$TMP/sggate" \
     "$FAST" publish >"$TMP/sig.log" 2>&1) & pid=$!
  i=0; while [ ! -e "$TMP/sggate.ready" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  had=$(ls -A "$TMP/sigtmp")
  kill -TERM $pid; { wait $pid; } 2>/dev/null; rc=$?
  if [ -e "$TMP/sggate.ready" ] && [ -n "$had" ] && [ $rc -eq 143 ] && [ -z "$(ls -A "$TMP/sigtmp")" ] &&
     ! git -C "$G" rev-parse -q --verify gh-pages >/dev/null; then
    ok "faults: a publish stopped with SIGTERM removes its temporary folder and publishes nothing"
  else fail "faults: a publish stopped with SIGTERM removes its temporary folder and publishes nothing" \
    "exit $rc; before: $had; after: $(ls -A "$TMP/sigtmp")" "$(cat "$TMP/sig.log")"; fi
fi
