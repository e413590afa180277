/* markdown.h: Markdown to HTML with cmark-gfm (tables, strikethrough,
 * autolinks). Headings get stable ids and form the table of contents; tables
 * are wrapped in a scroll container; every link and image URL is passed to a
 * resolver, which may rewrite it (a .md path becomes a page URL). */
#ifndef VARDE_MARKDOWN_H
#define VARDE_MARKDOWN_H
#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "content.h"
#include <stddef.h>

/* Returns the URL to use (malloc'd), or NULL to keep the original. */
typedef char *(*MdResolveFn)(void *ctx, const char *url, int line, int col);

/* A fenced block whose info string is a name in braces: ```{name}. */
typedef struct {
  const char *name;         /* without the braces and spaces */
  const char *literal;      /* the block's text */
  int line, col;            /* of the opening fence, in the file */
  const ChartTable *table;  /* the table right after the block, or NULL */
} MdComponent;
/* Appends the HTML to put in the block's place and the text to index for
 * it. Returns 0, or -1 after reporting (the block then leaves nothing). */
typedef int (*MdComponentFn)(void *ctx, const MdComponent *c, Buf *html, Buf *text);

typedef struct {
  int unsafe;               /* raw HTML allowed */
  int line_offset;          /* line of the body's first line in the file, minus one */
  MdResolveFn resolve;
  void *ctx;
  MdComponentFn component;  /* NULL: such blocks stay code */
  void *component_ctx;
  const char *table_label;  /* names a table's scroll region, "<label> 2: <heading>" (NULL: "Table") */
  const char *section_id;   /* id of a heading without letters or digits (NULL: "section") */
  const char *footnote_back; /* label of a footnote's link back (NULL: cmark's "Back to content") */
} MdOptions;

typedef struct {
  char *html;               /* malloc'd */
  char *text;               /* malloc'd plain text, for the search index */
  Heading *toc; size_t n_toc; /* in arena */
} MdResult;

void markdown_init(void);
void markdown_shutdown(void);
int markdown_render(Arena *a, const char *text, size_t len, const MdOptions *o, MdResult *out,
                    StrMap *anchors);
/* The Markdown as plain text for people (cmark-gfm's plain-text renderer,
 * with tables): no emphasis marks, link text without the URL. malloc'd. */
char *markdown_plain(const char *text, size_t len);
/* Heading id of `text`: slug, or "seksjon" when nothing is left. */
void heading_id(Buf *out, const char *text, const char *fallback);

#endif
