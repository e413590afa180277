#!/bin/sh
# The checks of this knowledge bank's own content that varde does not make
# itself: every number in a cited source (kildetall.py), a fact-check ledger
# row for every page (faktalogg.py), no run of 8+ words copied from a source
# (kildeord.py) and nynorsk pages in the site's norm (nynorsk.py). Run from
# the project root. --format github writes each problem as a GitHub Actions
# annotation on its line, as `varde check --format github` does; otherwise
# the messages are path:line:col as the tools write them. Exit 1 when one
# of the checks fails.
set -u
fmt=text
[ "${1:-}" = "--format" ] && fmt=${2:-text}
failed=0
for check in "kildetall.py sjekk" "faktalogg.py" "kildeord.py sjekk" "nynorsk.py"; do
  # shellcheck disable=SC2086
  out=$(python3 tools/$check 2>&1) || failed=1
  if [ "$fmt" = github ]; then
    # path:line:col: error|warning: message -> ::error file=…,line=…,col=…::message
    printf '%s\n' "$out" | sed -E \
      -e 's/%/%25/g' \
      -e 's/^([^: ]+):([0-9]+):([0-9]+): (error|warning): (.*)$/::\4 file=\1,line=\2,col=\3::\5/'
  else
    printf '%s\n' "$out"
  fi
done
exit $failed
