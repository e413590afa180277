/* output.h: the machine-readable files of a build: sitemap.xml, robots.txt
 * and the open data (data/<type>.json and .csv, every page's fields). */
#ifndef VARDE_OUTPUT_H
#define VARDE_OUTPUT_H
#include "buf.h"
#include "collections.h"
#include "content.h"

void output_sitemap(const Site *s, const Collections *c, Buf *out);
void output_robots(const Site *s, Buf *out);
void output_json(const Site *s, const TypeList *l, Buf *out);
void output_csv(const Site *s, const TypeList *l, Buf *out);
/* base_url without trailing slash + url (which carries the base path) */
void output_abs_url(const Site *s, const char *url, Buf *out);

#endif
