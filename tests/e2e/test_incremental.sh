# Rebuilding over an existing site (which reuses its unchanged files) gives
# exactly the bytes of a build from scratch, after every kind of edit.
. "$(dirname "$0")/lib.sh"
S=$(new_site incremental)
"$VARDE" build --root "$S" >/dev/null 2>&1
same_as_full() { # name
  "$VARDE" build --root "$S" >/dev/null 2>&1
  rm -rf "$TMP/full"
  "$VARDE" build --root "$S" --out "$TMP/full" >/dev/null 2>&1
  if diff -r "$S/public" "$TMP/full" >/dev/null; then ok "after $1 the rebuilt site equals a full build"
  else fail "after $1 the rebuilt site equals a full build" "$(diff -r "$S/public" "$TMP/full" | head -5)"; fi
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
out=$("$VARDE" build --root "$S" 2>&1)
echo "$out" | grep -Eq 'built: [0-9]+ pages, ([0-9]+) files \(\1 unchanged\)' && ok "a no-op rebuild writes no file" || fail "a no-op rebuild writes no file" "$out"
