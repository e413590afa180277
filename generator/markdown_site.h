/* markdown_site.h: every page's Markdown rendered (HTML, plain text,
 * headings, anchors), its links resolved and every #anchor checked, then the
 * source text freed. */
#ifndef VARDE_MARKDOWN_SITE_H
#define VARDE_MARKDOWN_SITE_H
#include "content.h"
#include "links.h"

/* Errors go to diag in page order. */
void markdown_site(Site *site);
/* One page, for `varde serve`'s updates: p gets its html, text and toc. */
void markdown_page(Site *site, LinkCtx *lc, Page *p);

#endif
