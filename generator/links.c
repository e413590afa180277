#include "links.h"
#include "xalloc.h"
#include "buf.h"
#include "diag.h"
#include "messages.h"
#include "text.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int has_scheme(const char *u) {
  if (!isalpha((unsigned char)*u)) return 0;
  for (const char *p = u; *p; p++) {
    if (*p == ':') return 1;
    if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' && *p != '.') return 0;
  }
  return 0;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Joins dir (of the linking page) and a relative path, percent-decoding and
 * folding "." and ".."; returns -1 when the path climbs out of content/. */
static int join_path(Buf *out, const char *from_rel, const char *path, size_t n) {
  Buf raw = BUF_INIT;
  const char *slash = strrchr(from_rel, '/');
  if (slash) buf_put(&raw, from_rel, (size_t)(slash - from_rel + 1));
  for (size_t i = 0; i < n; i++) {
    int h1, h2;
    if (path[i] == '%' && i + 2 < n &&
        (h1 = hexval(path[i + 1])) >= 0 && (h2 = hexval(path[i + 2])) >= 0) {
      buf_putc(&raw, (char)(h1 * 16 + h2));
      i += 2;
    } else {
      buf_putc(&raw, path[i]);
    }
  }
  /* fold segments */
  const char *segs[256];
  size_t lens[256], depth = 0;
  const char *p = buf_str(&raw);
  int rc = 0;
  while (*p) {
    const char *e = strchr(p, '/');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    if (l == 0 || (l == 1 && p[0] == '.')) {
    } else if (l == 2 && p[0] == '.' && p[1] == '.') {
      if (depth == 0) { rc = -1; break; }
      depth--;
    } else if (depth < 256) {
      segs[depth] = p;
      lens[depth++] = l;
    }
    p += l + (e ? 1 : 0);
  }
  for (size_t i = 0; rc == 0 && i < depth; i++) {
    if (i) buf_putc(out, '/');
    buf_put(out, segs[i], lens[i]);
  }
  buf_free(&raw);
  return rc;
}

/* Records a reference to target#anchor (anchor is kept, not copied). */
static void add_ref(LinkCtx *lc, Page *target, const char *anchor, const Page *from, int line, int col) {
  if (lc->n_refs == lc->cap_refs) {
    lc->cap_refs = lc->cap_refs ? lc->cap_refs * 2 : 64;
    lc->refs = xrealloc(lc->refs, lc->cap_refs * sizeof *lc->refs);
  }
  lc->refs[lc->n_refs++] = (AnchorRef){target, anchor, from, line, col};
}

static void remember_anchor(LinkCtx *lc, Page *target, const char *anchor, int line, int col) {
  add_ref(lc, target, arena_strdup(&lc->site->arena, anchor), lc->page, line, col);
}

/* A translation links to the translations of the pages it names where they
 * exist in its language, and to the originals elsewhere. */
static Page *in_language(Page *target, const Page *from) {
  if (!page_is_translation(from)) return target;
  for (size_t i = 0; i < target->n_translations; i++)
    if (!strcmp(target->translations[i]->lang, from->lang)) return target->translations[i];
  return target;
}

/* What a relative link points at: a page or a file under content/ (the
 * other is NULL); reports a broken one. */
static int link_target(LinkCtx *lc, const char *url, int line, int col, Page **page,
                       const StaticFile **file) {
  *page = NULL;
  *file = NULL;
  size_t n = strcspn(url, "#?");
  const char *frag = strchr(url, '#');
  Buf rel = BUF_INIT;
  if (join_path(&rel, lc->page->rel, url, n) != 0) {
    diag_error(lc->page->path, line, col, msg(MSG_L_OUTSIDE), url);
  } else if (content_page_ext(buf_str(&rel))) {
    *page = site_page_by_rel(lc->site, buf_str(&rel));
    if (*page) *page = in_language(*page, lc->page);
    if (!*page)
      diag_error(lc->page->path, line, col, msg(MSG_L_NO_PAGE), buf_str(&rel));
    else if (frag && frag[1])
      remember_anchor(lc, *page, frag + 1, line, col);
  } else {
    *file = site_file_by_rel(lc->site, buf_str(&rel));
    if (!*file)
      diag_error(lc->page->path, line, col,
                 msg(rel.len && !strchr(buf_str(&rel), '.') ? MSG_L_NO_FILE_DIR : MSG_L_NO_FILE),
                 buf_str(&rel));
  }
  buf_free(&rel);
  return *page || *file ? 0 : -1;
}

int links_target(LinkCtx *lc, const char *url, int line, int col, Page **page, const StaticFile **file) {
  *page = NULL;
  *file = NULL;
  if (!*url || has_scheme(url) || url[0] == '/' || url[0] == '#') {
    diag_error(lc->page->path, line, col, msg(MSG_C_PATH), url);
    return -1;
  }
  return link_target(lc, url, line, col, page, file);
}

/* The path of a link to this site written as a full address: one copied
 * from the published site (base_url) or from `varde serve`'s preview
 * (http://127.0.0.1:PORT/, http://localhost:PORT/). NULL for other sites. */
static const char *own_address(const Site *s, const char *url) {
  const char *base = s->cfg.base_url;
  size_t bn = base ? strlen(base) : 0;
  while (bn && base[bn - 1] == '/') bn--;
  size_t pn = strlen(s->cfg.base_path);
  /* base_url ends with the base path: what follows its origin is the path */
  if (bn > pn && strncmp(base, "http", 4) == 0 && !strncmp(url, base, bn - pn) &&
      url[bn - pn] == '/' && !strncmp(url + bn - pn, s->cfg.base_path, pn))
    return url + (bn - pn);
  static const char *const local[] = {"http://127.0.0.1:", "http://localhost:", "http://127.0.0.1/",
                                      "http://localhost/"};
  for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
    if (starts_with(url, local[i])) {
      const char *p = url + strlen(local[i]) - 1;
      if (*p == ':') while (*++p >= '0' && *p <= '9') {}
      return *p == '/' ? p : NULL;
    }
  return NULL;
}

static void add_root_link(LinkCtx *lc, const char *url, const char *written, int line, int col) {
  Site *s = lc->site;
  if (s->n_root_links == s->cap_root_links) {
    s->cap_root_links = s->cap_root_links ? s->cap_root_links * 2 : 16;
    s->root_links = xrealloc(s->root_links, s->cap_root_links * sizeof *s->root_links);
  }
  s->root_links[s->n_root_links++] =
      (RootLink){lc->page, arena_strdup(&s->arena, url), arena_strdup(&s->arena, written), line, col};
}

/* A link to an address of the site: "/tiltak/x/", "/tiltak/x.md",
 * "https://<site>/tiltak/x/#a" or a preview's address, as copied from a
 * browser. It gets the base path, a page's anchor is checked like any, and
 * an address that is no page is checked once the build is planned. */
static char *resolve_root(LinkCtx *lc, const char *url, const char *path, int line, int col) {
  const Site *s = lc->site;
  size_t bp = strlen(s->cfg.base_path);
  size_t n = strcspn(path, "#?");
  const char *rest = path + n; /* ?query#fragment */
  const char *frag = strchr(path, '#');
  Buf full = BUF_INIT;
  if (bp && !strncmp(path, s->cfg.base_path, bp) && (path[bp] == '/' || path[bp] == '#' || !path[bp] || path[bp] == '?')) {
    buf_put(&full, path, n);
  } else {
    buf_puts(&full, s->cfg.base_path);
    buf_put(&full, path, n);
  }
  if (!full.len) buf_putc(&full, '/');
  /* "/tiltak/x.md": the file's page */
  if (content_page_ext(full.data)) {
    Buf rel = BUF_INIT;
    buf_putc(&rel, '/');
    buf_puts(&rel, full.data + bp);
    buf_puts(&rel, rest);
    Page *page;
    const StaticFile *file;
    const char *saved = lc->page->rel;
    lc->page->rel = ""; /* relative to content/ itself */
    int rc = link_target(lc, rel.data + 1, line, col, &page, &file);
    lc->page->rel = saved;
    buf_free(&rel);
    buf_free(&full);
    if (rc != 0) return NULL;
    Buf u = BUF_INIT;
    buf_puts(&u, page ? page->url : file->url);
    if (frag && (!page || frag[1])) buf_puts(&u, frag);
    return buf_detach(&u);
  }
  /* a folder's address ends with '/', as the browser shows it */
  const char *last = strrchr(full.data, '/');
  if (!strchr(last, '.') && full.data[full.len - 1] != '/') buf_putc(&full, '/');
  Page *page = strmap_get(&s->by_url, full.data);
  if (page) {
    if (frag && frag[1]) remember_anchor(lc, page, frag + 1, line, col);
  } else {
    add_root_link(lc, full.data, url, line, col);
  }
  buf_puts(&full, rest);
  if (!strcmp(full.data, url)) {
    buf_free(&full);
    return NULL;
  }
  return buf_detach(&full);
}

void links_check_root(Site *s, size_t from, int (*exists)(void *ctx, const char *url), void *ctx) {
  for (size_t i = from; i < s->n_root_links; i++) {
    const RootLink *r = &s->root_links[i];
    if (exists(ctx, r->url)) continue;
    /* the nearest page address, for a typo */
    const char *best = NULL;
    int best_d = 4;
    for (size_t k = 0; k < s->n_pages && best_d > 1; k++) {
      int d = edit_distance(r->url, s->pages[k]->url, best_d);
      if (d < best_d) { best_d = d; best = s->pages[k]->url; }
    }
    if (best && best_d > (int)strlen(r->url) / 4 + 1) best = NULL;
    if (best) diag_error(r->from->path, r->line, r->col, msg(MSG_L_NO_URL_GUESS), r->written, best);
    else diag_error(r->from->path, r->line, r->col, msg(MSG_L_NO_URL), r->written);
  }
}

char *links_resolve(void *ctx, const char *url, int line, int col) {
  LinkCtx *lc = ctx;
  if (url[0] == '/' && url[1] != '/') return resolve_root(lc, url, url, line, col);
  if (has_scheme(url)) {
    const char *path = own_address(lc->site, url);
    return path ? resolve_root(lc, url, path, line, col) : NULL;
  }
  if (!*url || url[0] == '/') return NULL;
  if (url[0] == '#') {
    if (url[1]) remember_anchor(lc, lc->page, url + 1, line, col);
    return NULL;
  }
  Page *page;
  const StaticFile *file;
  if (link_target(lc, url, line, col, &page, &file) != 0) return NULL;
  const char *frag = strchr(url, '#');
  Buf u = BUF_INIT;
  buf_puts(&u, page ? page->url : file->url);
  if (frag && (!page || frag[1])) buf_puts(&u, frag);
  return buf_detach(&u);
}

/* Guessing compares a broken anchor with every heading of its page: with
 * thousands of both that is quadratic (a 700 KB page took 20 s). Guesses
 * stop after this many comparisons; later broken anchors are still
 * reported, without a guess. */
enum { MAX_GUESS_COMPARISONS = 200000 };

void links_check_anchors(LinkCtx *lc) {
  long comparisons = 0;
  for (size_t i = 0; i < lc->n_refs; i++) {
    AnchorRef *r = &lc->refs[i];
    if (strmap_get(&r->target->anchors, r->anchor)) continue;
    const char *best = NULL;
    int best_d = 4;
    const StrMap *m = &r->target->anchors;
    comparisons += (long)m->len;
    for (size_t k = 0; k < m->cap && comparisons <= MAX_GUESS_COMPARISONS; k++) {
      if (!m->keys[k]) continue;
      int d = edit_distance(r->anchor, m->keys[k], best_d);
      if (d < best_d) { best_d = d; best = m->keys[k]; }
    }
    if (best)
      diag_error(r->from->path, r->line, r->col, msg(MSG_L_ANCHOR_GUESS), r->target->path, r->anchor, best);
    else
      diag_error(r->from->path, r->line, r->col, msg(MSG_L_ANCHOR), r->target->path, r->anchor);
  }
}

void links_free(LinkCtx *lc) {
  free(lc->refs);
  lc->refs = NULL;
  lc->n_refs = lc->cap_refs = 0;
}
