/* mdlimits.h: the shapes of Markdown that cmark-gfm (0.29.0.gfm.6, Debian
 * 12) handles in quadratic time or memory, refused before it sees them.
 * Measured on that version: a table pads every short row to the header's
 * width (2 000 columns x 17 000 one-cell rows, 76 KB: 3.5 GB and over a
 * minute); a row's cost grows with the square of its columns (10 000
 * columns: 5.7 s); lazy lines under 5 000 nested block quotes take 19 s;
 * emphasis mixed with links in one paragraph (1 MB) over a minute. The
 * limits are far above what a page of the knowledge bank needs, and keep
 * every page of up to the size limit under a second. */
#ifndef VARDE_MDLIMITS_H
#define VARDE_MDLIMITS_H
#include <stddef.h>

enum {
  MD_MAX_BYTES = 1 << 20,        /* text of one page */
  MD_MAX_DEPTH = 32,             /* block quotes and lists inside each other */
  MD_MAX_COLUMNS = 100,          /* of one table */
  MD_MAX_CELLS = 100000,         /* columns x rows, over all tables of a page */
  MD_MAX_MARKS = 2000,           /* emphasis and link marks in one paragraph */
};

typedef enum { MD_TOO_BIG, MD_TOO_DEEP, MD_TOO_WIDE, MD_TOO_MANY_CELLS, MD_TOO_MANY_MARKS } MdLimitKind;

typedef struct {
  size_t at;          /* byte offset of the offending line in the text */
  MdLimitKind kind;
  long value, limit;  /* what was found (KB for MD_TOO_BIG), and the limit */
} MdLimit;

/* 0 when `text` is within every limit; -1 and *hit filled otherwise. */
int md_limits_check(const char *text, size_t len, MdLimit *hit);

#endif
