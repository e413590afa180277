/* markdown_site.h: every page's Markdown rendered (HTML, plain text,
 * headings, anchors), its links resolved and every #anchor checked, then the
 * source text freed. On large sites the work is shared with a forked child:
 * cmark-gfm cannot parse on two threads of one process. */
#ifndef VARDE_MARKDOWN_SITE_H
#define VARDE_MARKDOWN_SITE_H
#include "content.h"
#include "links.h"

/* processes: how many may share the work (1: this one alone). Errors go to
 * diag in page order whatever the number of processes. */
void markdown_site(Site *site, int processes);
/* One page, for `varde serve`'s updates: p gets its html, text and toc. */
void markdown_page(Site *site, LinkCtx *lc, Page *p);

#endif
