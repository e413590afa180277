/* yaml_explain.h: when libyaml gives up on a front matter, find the mistake
 * an editor made, on the line where it was made. libyaml reports where it
 * noticed the problem: an unclosed quotation mark on line 2 is reported on
 * line 19, a stray space of indentation on the field above. This reads the
 * lines up to the one libyaml stopped at and names the first of the common
 * mistakes: an unclosed quotation mark or bracket (where it opens), text
 * after a closing quotation mark, a tab in the indentation, a missing space
 * after a colon, ': ' inside an unquoted text, a list item written after a
 * field's colon, and a line indented unlike its neighbours. */
#ifndef VARDE_YAML_EXPLAIN_H
#define VARDE_YAML_EXPLAIN_H
#include <stddef.h>

/* yaml: the front matter text (without its '---' lines); first_line: the
 * file's line number of its first line; stop_line: the 0-based line of
 * yaml where libyaml stopped. Reports one error through diag and returns 1
 * when a mistake was found, 0 otherwise (nothing reported). */
int yaml_explain(const char *path, const char *yaml, size_t len, int first_line, int stop_line);

/* libyaml's problem text in the site's language ("did not find expected
 * key" becomes plain words); unknown texts are returned as they are. */
const char *yaml_problem_words(const char *problem);

#endif
