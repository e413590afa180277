# Rebuilding over an existing site (which reuses its unchanged files) gives
# exactly the bytes of a build from scratch, after every kind of edit.
. "$(dirname "$0")/lib.sh"
S=$(new_site incremental)
"$VARDE" build --root "$S" >/dev/null 2>&1
same_as_full() { # name
  "$VARDE" build --root "$S" >/dev/null 2>&1
  rm -rf "$TMP/full"
  "$VARDE" build --root "$S" --out "$TMP/full" >/dev/null 2>&1
  same_dirs "after $1 the rebuilt site equals a full build" "$S/public" "$TMP/full"
}
printf -- '---\ntittel: Nytt tiltak\nplan: plan-a\nstatus: planlagt\ntema: [Demens]\nsammendrag: Nytt.\n---\nTekst.\n' > "$S/content/tiltak/nytt.md"
same_as_full "adding a page"
sed -i 's/Et opplæringsprogram om demens./Et opplæringsprogram om demens for alle./' "$S/content/tiltak/demens.md"
same_as_full "changing a page"
mv "$S/content/tiltak/nytt.md" "$S/content/tiltak/nyere.md"
same_as_full "renaming a page"
rm "$S/content/tiltak/nyere.md"
same_as_full "deleting a page"
[ ! -e "$S/public/tiltak/nyere" ] && [ ! -e "$S/public/tiltak/nytt" ] && ok "pages that are gone are gone from the output" || fail "pages that are gone are gone from the output"
mkdir -p "$S/templates" && printf '{%% extends "base.html" %%}{%% block main %%}<p>{{ page.title }}!</p>{%% endblock %%}' > "$S/templates/tiltak.html"
same_as_full "a template change"
sed -i 's/title = "Testbanken"/title = "Testbanken 2"/' "$S/site.lua"
same_as_full "a site.lua change"
grep -q 'Testbanken 2' "$S/public/index.html" && ok "the site.lua change shows" || fail "the site.lua change shows"
out=$("$VARDE" build --force --root "$S" 2>&1)
echo "$out" | grep -Eq 'built: [0-9]+ pages, ([0-9]+) files \(\1 unchanged\)' && ok "a forced rebuild of the same input writes no file" || fail "a forced rebuild of the same input writes no file" "$out"

# The stamp: with nothing changed, a build does nothing at all.
sleep 0.2 # inputs changed within 100 ms are not trusted (file-time granularity)
"$VARDE" build --force --root "$S" >/dev/null 2>&1
ino=$(stat -c %i "$S/public")
out=$("$VARDE" build --root "$S" 2>&1)
if echo "$out" | grep -q '^up to date: nothing changed' && [ "$(stat -c %i "$S/public")" = "$ino" ]
then ok "a build with nothing changed does nothing"; else fail "a build with nothing changed does nothing" "$out"; fi
rebuilds() { # name: the next build is a real one
  out=$("$VARDE" build --root "$S" 2>&1)
  if echo "$out" | grep -q '^built: '; then ok "$1 makes the next build a real one"; else fail "$1 makes the next build a real one" "$out"; fi
  sleep 0.2; "$VARDE" build --root "$S" >/dev/null 2>&1 # stamped again
}
touch "$S/content/tiltak/demens.md"; rebuilds "touching a page"
echo "<!-- -->" >> "$S/templates/tiltak.html"; rebuilds "editing a template"
mkdir -p "$S/static" && echo x > "$S/static/ny.txt"; rebuilds "a new static file"
echo "/* */" >> "$S/themes/standard/assets/style.css"; rebuilds "editing the theme"
rm -rf "$S/public"; rebuilds "deleting public/"
rebuilds_with() { # name options...
  n=$1; shift
  out=$("$VARDE" build --root "$S" "$@" 2>&1)
  if echo "$out" | grep -q '^built: '; then ok "$n makes the next build a real one"; else fail "$n makes the next build a real one" "$out"; fi
}
rebuilds_with "--drafts" --drafts
rebuilds_with "--force" --force
rebuilds_with "--out elsewhere" --out "$TMP/elsewhere"
# racily clean: an edit right after the build that stamped must not be missed
"$VARDE" build --force --root "$S" >/dev/null 2>&1
sed -i 's/^tittel: Demensomsorgens ABC$/tittel: Demensomsorgens ABCD/' "$S/content/tiltak/demens.md"
"$VARDE" build --root "$S" >/dev/null 2>&1
sed -i 's/^tittel: Demensomsorgens ABCD$/tittel: Demensomsorgens ABCE/' "$S/content/tiltak/demens.md"
"$VARDE" build --root "$S" >/dev/null 2>&1
grep -q 'Demensomsorgens ABCE' "$S/public/tiltak/demens/index.html" && ok "two edits within a clock tick are both built" || fail "two edits within a clock tick are both built"
# git: a new commit changes dates and the footer, with no file changed
G=$(new_site stampgit)
(cd "$G" && git init -q && git add -A && git -c user.name=T -c user.email=t@e -c commit.gpgsign=false commit -qm first) >/dev/null 2>&1
sleep 0.2; "$VARDE" build --root "$G" >/dev/null 2>&1
out=$("$VARDE" build --root "$G" 2>&1); echo "$out" | grep -q '^up to date' && ok "git: unchanged HEAD, nothing to do" || fail "git: unchanged HEAD, nothing to do" "$out"
(cd "$G" && git -c user.name=T -c user.email=t@e -c commit.gpgsign=false commit -q --allow-empty -m second) >/dev/null 2>&1
out=$("$VARDE" build --root "$G" 2>&1); echo "$out" | grep -q '^built: ' && ok "git: a new commit makes the next build a real one" || fail "git: a new commit makes the next build a real one" "$out"
[ -z "$(cd "$G" && git status --porcelain --ignored | grep -v public/)" ] && ok "the stamp is not left in the site for git to see" || fail "the stamp is not left in the site for git to see" "$(cd "$G" && git status --porcelain --ignored)"
