/* output.h: the machine-readable files of a build: sitemap.xml, robots.txt
 * and the open data (data/<type>.json and .csv, every page's fields). */
#ifndef VARDE_OUTPUT_H
#define VARDE_OUTPUT_H
#include "buf.h"
#include "collections.h"
#include "content.h"
#include "git_history.h"

void output_sitemap(const Site *s, const Collections *c, Buf *out);
void output_robots(const Site *s, Buf *out);
void output_json(const Site *s, const TypeList *l, Buf *out);
void output_csv(const Site *s, const TypeList *l, Buf *out);
/* One change to one page, for the site's change list and its feed. */
typedef struct {
  const GitCommit *c;
  const Page *p;
} Change;

/* /endringer.xml: an Atom feed of the latest changes (newest first). */
void output_atom(const Site *s, const Change *changes, size_t n, Buf *out);
/* base_url without trailing slash + url (which carries the base path) */
void output_abs_url(const Site *s, const char *url, Buf *out);

#endif
