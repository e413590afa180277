/* history_text.h: a stored version of a content file as the text a reader
 * sees, for the word diffs on history pages: the front matter as "field:
 * value" lines without YAML punctuation, the body rendered from Markdown to
 * plain text. Old versions are never validated: whatever they hold is shown. */
#ifndef VARDE_HISTORY_TEXT_H
#define VARDE_HISTORY_TEXT_H

/* malloc'd readable text of the file `src`. */
char *history_text(const char *src);

#endif
