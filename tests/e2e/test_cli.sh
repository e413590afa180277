# End-to-end: the command line.
. "$(dirname "$0")/lib.sh"
v=$("$VARDE" --version)
case "$v" in "varde "[0-9]*) ok "--version";; *) fail "--version" "$v";; esac
"$VARDE" help | grep -q 'varde new' && ok "help lists commands" || fail "help lists commands"
"$VARDE" help build | grep -q -- '--drafts' && ok "help build" || fail "help build"
"$VARDE" nosuch >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown command exits 2" || fail "unknown command exits 2"

S=$(new_site new)
out=$("$VARDE" new tiltak "Ny læringsarena for ledere" --root "$S" 2>&1)
f="$S/content/tiltak/ny-laeringsarena-for-ledere.md"
if [ -f "$f" ] && grep -q '^tittel: "Ny læringsarena for ledere"' "$f" && grep -q '^status:.*påkrevd' "$f" && grep -q '^utkast: true' "$f"; then
  ok "new writes the type's skeleton"
else
  fail "new writes the type's skeleton" "$out" "$(cat "$f" 2>/dev/null)"
fi
"$VARDE" new tiltak "Ny læringsarena for ledere" --root "$S" >/dev/null 2>&1
[ $? -eq 1 ] && ok "new refuses to overwrite" || fail "new refuses to overwrite"
"$VARDE" new nosuch "X" --root "$S" 2>&1 | grep -q "ukjent type 'nosuch'" && ok "new names unknown types" || fail "new names unknown types"
# The skeleton is a draft, so the site still checks; with --drafts the
# missing required fields are reported.
"$VARDE" check --root "$S" >/dev/null 2>&1 && ok "a new draft does not break check" || fail "a new draft does not break check"
"$VARDE" check --drafts --root "$S" 2>&1 | grep -q "mangler påkrevd felt 'plan'" && ok "check --drafts reports the draft's empty fields" || fail "check --drafts reports the draft's empty fields"
out=$("$VARDE" check --root "$S" 2>&1)
[ ! -d "$S/public" ] && ok "check writes nothing" || fail "check writes nothing"

# varde plan: every file a build writes, with its template; nothing written.
P=$(new_site plan)
out=$("$VARDE" plan --root "$P" 2>/dev/null)
if [ $? -eq 0 ] && echo "$out" | grep -qx "$(printf 'page\tpage.html\ttiltak/demens/index.html\tcontent/tiltak/demens.md')" \
  && echo "$out" | grep -qx "$(printf 'list\tlist.html\ttiltak/index.html\tlisten over Tiltak')" \
  && echo "$out" | grep -qx "$(printf 'sitemap\t-\tsitemap.xml\tnettstedskartet')" && [ ! -d "$P/public" ]; then
  ok "plan lists each output with kind, template and path, and writes nothing"
else
  fail "plan lists each output with kind, template and path, and writes nothing" "$out"
fi
"$VARDE" build --root "$P" --quiet --jobs 1 2>/dev/null
n_plan=$("$VARDE" plan --root "$P" 2>/dev/null | grep -cv '^folder')
n_files=$(find "$P/public" -type f | grep -v '/sok/' | grep -v '/.varde-output$' | wc -l) # the marker is not a planned output
[ "$n_plan" -eq "$n_files" ] && ok "the plan lists every file the build writes outside the search index ($n_files)" \
  || fail "the plan lists every file the build writes outside the search index" "plan $n_plan, files $n_files"
out=$("$VARDE" plan --templates --root "$P" 2>/dev/null)
echo "$out" | grep -qx "$(printf 'term\tterm.html\t[0-9]*\ttema/[a-z-]*/index.html')" \
  && ok "plan --templates: one line per kind and template" || fail "plan --templates: one line per kind and template" "$out"
