/* assets.h: the theme's assets/ are copied with a content hash in their
 * names (style.css -> assets/style.3f2a9c1b07.css) so they can be cached
 * forever; templates ask for them by their plain name. */
#ifndef VARDE_ASSETS_H
#define VARDE_ASSETS_H
#include "arena.h"
#include "strmap.h"

typedef struct {
  StrMap urls;              /* "style.css" -> "/assets/style.<hash>.css" */
  const char **names; const char **srcs; const char **outs; size_t n, cap; /* build.c copies srcs to outs */
} Assets;

/* Scans themes/<theme>/assets and the site's static/; errors go to diag. */
void assets_scan(Assets *a, Arena *arena, const char *root, const char *theme, const char *base_path);
const char *assets_url(const Assets *a, const char *name);
void assets_free(Assets *a);

#endif
