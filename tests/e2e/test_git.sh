# Page dates and history from git, builds from a revision, and publishing.
. "$(dirname "$0")/lib.sh"
need git "git tests"
S=$(new_site gitrepo)
cd "$S" || exit 1
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
git init -q -b main . && git config user.name "Redaktør" && git config user.email "red@example.no"
commit() { # date message...
  d=$1; shift
  GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d" git commit -q "$@"
}
# A template that prints what templates get from git, one fact per line.
mkdir -p templates
cat > templates/tiltak.html <<'T'
created={{ page.git and page.git.created }}
updated={{ page.git and page.git.updated }}
commits={{ page.git and #page.git.commits }}
{% for _, n in ipairs(page.git and page.git.notes or {}) do %}note={{ n.date }} {{ n.note }}
{% end %}site={{ site.git and site.git.short }}
T
git add -A && commit "2024-01-10T10:00:00+01:00" -m "Første versjon"
sed -i 's/Studiegrupper på arbeidsplassen./Studiegrupper på arbeidsplassen, ledet av en veileder./' content/tiltak/demens.md
git add -A && commit "2024-02-15T09:30:00+01:00" -m "Presiser hvem som leder gruppene" -m "Endringsnotat: Lagt til at gruppene har en veileder."
sed -i 's/1 200/1 250/' content/tiltak/demens.md
git add -A && commit "2024-03-01T12:00:00+01:00" -m "Rett tall for 2015"
git mv content/tiltak/ledelse.md content/tiltak/lederutdanning.md
sed -i 's/(ledelse.md)/(lederutdanning.md)/; s/\[ledelse\]/[lederutdanning]/' content/tiltak/demens.md
git add -A && commit "2024-04-01T08:00:00+02:00" -m "Nytt filnavn for lederutdanningen"
# a side branch, merged back
git checkout -q -b utkast
sed -i 's/Utdanning for ledere i kommunene./Utdanning for ledere og mellomledere i kommunene./' content/tiltak/lederutdanning.md
git add -A && commit "2024-05-01T08:00:00+02:00" -m "Mellomledere" -m "Endringsnotat: Mellomledere er også med."
git checkout -q main
sed -i 's/sammendrag: Planen alle tiltakene hører til./sammendrag: Planen som alle tiltakene hører til./' content/planer/plan-a.md
git add -A && commit "2024-05-02T08:00:00+02:00" -m "Språk"
GIT_AUTHOR_DATE="2024-05-03T08:00:00+02:00" GIT_COMMITTER_DATE="2024-05-03T08:00:00+02:00" git merge -q --no-ff utkast -m "Slå sammen utkast"

out=$("$VARDE" build 2>&1)
[ $? -eq 0 ] && ok "builds in a repository" || fail "builds in a repository" "$out"
P=public/tiltak
check_file "created is the first commit's date" "$P/demens/index.html" '^created=2024-01-10$'
check_file "updated is the last commit with a change note" "$P/demens/index.html" '^updated=2024-02-15$'
check_file "every commit that changed the file" "$P/demens/index.html" '^commits=4$'
check_file "change notes come from the Endringsnotat trailer" "$P/demens/index.html" '^note=2024-02-15 Lagt til at gruppene har en veileder\.$'
check_file "renames are followed" "$P/lederutdanning/index.html" '^created=2024-01-10$'
check_file "a merge counts the branch's change once" "$P/lederutdanning/index.html" '^commits=3$'
check_file "a note made on a branch shows after the merge" "$P/lederutdanning/index.html" '^updated=2024-05-01$'
check_file "templates know the source commit" "$P/demens/index.html" "^site=$(git rev-parse --short=7 HEAD)$"
check_file "history page per page" "$P/demens/endringer/index.html" 'Lagt til at gruppene har en veileder'
check_file "history shows words added" "$P/demens/endringer/index.html" "<ins>250$"
check_file "history shows words removed" "$P/demens/endringer/index.html" "<del>200$"
# only change notes are public: commits without one are "Mindre endringer"
for f in "$P/demens/endringer/index.html" public/endringer/index.html public/endringer.xml; do
  if grep -q -e "Rett tall for 2015" -e "Nytt filnavn for lederutdanningen" -e ">Språk<" "$f"; then
    fail "no commit subject without a change note in $f" "$(grep -e "Rett tall" -e "Nytt filnavn" -e ">Språk<" "$f")"
  else ok "no commit subject without a change note in $f"; fi
done
check_file "a change without a note is 'Mindre endringer'" "$P/demens/endringer/index.html" '<p>Mindre endringer\.</p>'
# diffs show the rendered text: a table row as "2015: 1 250", no Markdown marks
check_file "history diffs show a table row as text" "$P/demens/endringer/index.html" '^2015: 1 <del>200$'
if sed -n '/<pre class="ordendringer">/,/<\/pre>/p' "$P/demens/endringer/index.html" | grep -q -e '|' -e '\*\*' -e '^#' -e '\.md)'; then
  fail "history diffs show no Markdown syntax" "$(sed -n '/<pre class="ordendringer">/,/<\/pre>/p' "$P/demens/endringer/index.html" | grep -e '|' -e '\*\*' -e '^#' -e '\.md)')"
else ok "history diffs show no Markdown syntax"; fi
check_file "site-wide change list" public/endringer/index.html 'href="/tiltak/lederutdanning/"'
check_file "Atom feed of changes" public/endringer.xml '<summary>Mellomledere er også med\.</summary>'
# the merge itself changed no file (it took the branch's version): the
# newest change is the commit before it
check_file "Atom feed uses commit times" public/endringer.xml '^  <updated>2024-05-02T08:00:00\+02:00</updated>'

# --rev reads the revision's tree and leaves the working tree alone
echo "ulagret endring" >> content/tiltak/demens.md
before=$(git status --porcelain)
"$VARDE" build --rev HEAD~3 --out "$TMP/rev1" >/dev/null 2>&1
"$VARDE" build --rev HEAD~3 --out "$TMP/rev2" >/dev/null 2>&1
if diff -r "$TMP/rev1" "$TMP/rev2" >/dev/null; then ok "two builds of one commit are byte-identical"; else fail "two builds of one commit are byte-identical"; fi
[ -f "$TMP/rev1/tiltak/ledelse/index.html" ] && [ ! -e "$TMP/rev1/tiltak/lederutdanning" ] \
  && ok "--rev builds the old tree" || fail "--rev builds the old tree"
check_file "--rev history stops at the revision" "$TMP/rev1/tiltak/demens/index.html" '^commits=3$'
! grep -rq 'ulagret endring' "$TMP/rev1" && ok "--rev ignores uncommitted changes" || fail "--rev ignores uncommitted changes"
[ "$(git status --porcelain)" = "$before" ] && ok "--rev leaves the working tree and index untouched" || fail "--rev leaves the working tree and index untouched"
! ls -d public.src-* >/dev/null 2>&1 && ok "--rev cleans up its export" || fail "--rev cleans up its export"
"$VARDE" build --rev nosuch >/dev/null 2>&1; [ $? -ne 0 ] && ok "unknown revision is an error" || fail "unknown revision is an error"
git checkout -q -- content/tiltak/demens.md

# publish: the site as a commit on gh-pages
"$VARDE" publish >/dev/null 2>&1
src=$(git rev-parse --short=7 HEAD)
git rev-parse -q --verify gh-pages >/dev/null && ok "publish creates the branch" || fail "publish creates the branch"
git ls-tree -r --name-only gh-pages | grep -qx 'tiltak/demens/index.html' && ok "the branch's tree is the site" || fail "the branch's tree is the site"
git log -1 --format=%s gh-pages | grep -q "fra $src" && ok "the commit names the source commit" || fail "the commit names the source commit"
n1=$(git rev-list --count gh-pages)
"$VARDE" publish >/dev/null 2>&1
[ "$(git rev-list --count gh-pages)" = "$n1" ] && ok "publishing an unchanged site makes no commit" || fail "publishing an unchanged site makes no commit"
old=$(git rev-parse gh-pages)
sed -i 's/Om\./Om testbanken./' content/sider/om.md
git add -A && commit "2024-06-01T08:00:00+02:00" -m "Om-siden"
"$VARDE" publish >/dev/null 2>&1
[ "$(git rev-list --count gh-pages)" = "$((n1 + 1))" ] && [ "$(git rev-parse gh-pages~1)" = "$old" ] \
  && ok "a new publish has the previous one as parent" || fail "a new publish has the previous one as parent"
git diff --quiet HEAD && ok "publish leaves the working tree alone" || fail "publish leaves the working tree alone"
git init -q --bare "$TMP/remote.git"
"$VARDE" publish --push "$TMP/remote.git" >/dev/null 2>&1
[ "$(git --git-dir="$TMP/remote.git" rev-parse gh-pages 2>/dev/null)" = "$(git rev-parse gh-pages)" ] \
  && ok "--push sends the branch to a bare repository" || fail "--push sends the branch to a bare repository"

# A page on the URL of the site's change list is an error, not overwritten.
printf -- '---\ntittel: Endringer\nsammendrag: x\n---\n' > content/sider/endringer.md
out=$("$VARDE" check 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "content/sider/endringer.md:1:1: error: adressen /endringer/ er allerede brukt av endringslisten for nettstedet; gi filen et annet navn" \
  && ok "a page on the change list's URL is an error naming both" || fail "a page on the change list's URL is an error naming both" "$out"
rm content/sider/endringer.md

# outside git, and in a shallow clone: built, with one warning
N=$(new_site nogit)
out=$("$VARDE" build --root "$N" 2>&1)
[ $? -eq 0 ] && [ "$(echo "$out" | grep -c 'warning: not in a git repository')" -eq 1 ] \
  && ok "outside git: builds with one warning" || fail "outside git: builds with one warning" "$out"
git clone -q --depth 1 "file://$S" "$TMP/shallow" 2>/dev/null
out=$("$VARDE" build --root "$TMP/shallow" 2>&1)
[ $? -eq 0 ] && echo "$out" | grep -q 'warning: shallow clone' && ok "shallow clone: builds with one warning" || fail "shallow clone: builds with one warning" "$out"

# Low (issue 13): a control character in a commit's change note (front matter
# refuses them, a commit message cannot) made the Atom feed not well-formed:
# XML's forbidden characters are written as U+FFFD.
cd "$S" || exit 1
sed -i 's/Om testbanken\./Om testbanken her./' content/sider/om.md
git add -A && commit "2024-07-01T08:00:00+02:00" -m "Kontrolltegn" -m "$(printf 'Endringsnotat: Rettet\001 og\033 skrevet om.')"
"$VARDE" build >/dev/null 2>&1
if python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' public/endringer.xml 2>/dev/null &&
   grep -q 'Rettet� og� skrevet om\.' public/endringer.xml; then
  ok "a control character in a change note leaves the Atom feed well-formed"
else fail "a control character in a change note leaves the Atom feed well-formed" "$(grep -a Rettet public/endringer.xml | od -c | head -3)"; fi
