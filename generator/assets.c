#include "assets.h"
#include "xalloc.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  Assets *a;
  Arena *arena;
  const char *base_path;
  int hashed;
} Scan;

static uint64_t fnv(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static void push(Assets *a, const char *name, const char *src, const char *out) {
  if (a->n == a->cap) {
    a->cap = a->cap ? a->cap * 2 : 16;
    a->names = xrealloc(a->names, a->cap * sizeof *a->names);
    a->srcs = xrealloc(a->srcs, a->cap * sizeof *a->srcs);
    a->outs = xrealloc(a->outs, a->cap * sizeof *a->outs);
  }
  a->names[a->n] = name;
  a->srcs[a->n] = src;
  a->outs[a->n] = out;
  a->n++;
}

static void visit(const char *path, const char *rel, void *ctx) {
  Scan *sc = ctx;
  const char *name = arena_strdup(sc->arena, rel);
  const char *src = arena_strdup(sc->arena, path);
  if (!sc->hashed) {
    push(sc->a, name, src, name);
    return;
  }
  size_t len;
  char *data = fs_read(path, &len);
  if (!data) {
    diag_error(path, 0, 0, "cannot read asset: %s", strerror(errno));
    return;
  }
  uint64_t h = fnv(data, len);
  free(data);
  const char *dot = strrchr(rel, '.');
  const char *slash = strrchr(rel, '/');
  if (dot && slash && dot < slash) dot = NULL;
  size_t stem = dot ? (size_t)(dot - rel) : strlen(rel);
  const char *out = arena_printf(sc->arena, "assets/%.*s.%010llx%s", (int)stem, rel,
                                 (unsigned long long)(h & 0xFFFFFFFFFFULL), dot ? dot : "");
  push(sc->a, name, src, out);
  strmap_put(&sc->a->urls, name, (void *)arena_printf(sc->arena, "%s/%s", sc->base_path, out));
}

void assets_scan(Assets *a, Arena *arena, const char *root, const char *theme, const char *base_path) {
  memset(a, 0, sizeof *a);
  char *jail = realpath(root, NULL);
  Buf dir = BUF_INIT;
  if (theme) {
    buf_printf(&dir, "%s/themes/%s/assets", root, theme);
    Scan sc = {a, arena, base_path, 1};
    if (fs_is_dir(dir.data)) fs_walk(dir.data, NULL, jail, visit, &sc);
    buf_clear(&dir);
  }
  buf_printf(&dir, "%s/static", root);
  Scan sc = {a, arena, base_path, 0};
  if (fs_is_dir(dir.data)) fs_walk(dir.data, NULL, jail, visit, &sc);
  buf_free(&dir);
  free(jail);
}

const char *assets_url(const Assets *a, const char *name) { return strmap_get(&a->urls, name); }

void assets_free(Assets *a) {
  strmap_free(&a->urls);
  free(a->names);
  free(a->srcs);
  free(a->outs);
}
