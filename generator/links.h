/* links.h: what a link in a page's Markdown points at. A relative path to a
 * .md file becomes that page's URL, a relative path to another file under
 * content/ becomes the copied file's URL, and every #anchor is remembered so
 * links_check_anchors can verify it once all pages' headings are known. */
#ifndef VARDE_LINKS_H
#define VARDE_LINKS_H
#include "content.h"

typedef struct {
  Page *target;
  const char *anchor;
  const Page *from;
  int line, col;
} AnchorRef;

typedef struct {
  Site *site;
  Page *page;               /* page being rendered */
  AnchorRef *refs; size_t n_refs, cap_refs;
} LinkCtx;

/* MdResolveFn for markdown_render; ctx is a LinkCtx. */
char *links_resolve(void *ctx, const char *url, int line, int col);
/* A path written in a component (a page's .md or a file beside it): 0 with
 * *page or *file set, or -1 after reporting it like a broken link. */
int links_target(LinkCtx *lc, const char *url, int line, int col, Page **page, const StaticFile **file);
void links_check_anchors(LinkCtx *lc);
void links_free(LinkCtx *lc);

/* A link to an address of the site ("/tiltak/", "/tema/demens/") that is no
 * page: whether anything is written there is known once the build has
 * planned every output. */
typedef struct RootLink {
  const Page *from;
  const char *url;          /* the address with the base path, without query or fragment */
  const char *written;      /* as the editor wrote it */
  int line, col;
} RootLink;
/* Reports the links root_links[from..] to addresses nothing is written at:
 * `exists` says whether an output (a job or a folder of the plan) has it. */
void links_check_root(Site *site, size_t from, int (*exists)(void *ctx, const char *url), void *ctx);

#endif
