/* worddiff.h: a readable difference between two versions of a text, word by
 * word (Myers' algorithm), as HTML with <del> and <ins>, for change history
 * pages. Unchanged stretches far from any change are shortened to "…". */
#ifndef VARDE_WORDDIFF_H
#define VARDE_WORDDIFF_H
#include "buf.h"

typedef struct {
  unsigned added, removed;  /* words */
} DiffStats;

/* Appends the HTML diff of old -> new to out. Returns 0, or -1 when the
 * texts differ too much to show word by word (then nothing is appended). */
int word_diff_html(const char *old_text, const char *new_text, Buf *out, DiffStats *st);

#endif
