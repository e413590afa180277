#include "content.h"
#include "xalloc.h"
#include "mdlimits.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "messages.h"
#include "nfc.h"
#include "text.h"
#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <sys/stat.h>

static void keep_buffer(Site *s, char *buf) {
  if (s->n_buffers == s->cap_buffers) {
    s->cap_buffers = s->cap_buffers ? s->cap_buffers * 2 : 256;
    s->buffers = xrealloc(s->buffers, s->cap_buffers * sizeof *s->buffers);
  }
  s->buffers[s->n_buffers++] = buf;
}

static void add_page(Site *s, Page *p) {
  if (s->n_pages == s->cap_pages) {
    s->cap_pages = s->cap_pages ? s->cap_pages * 2 : 256;
    s->pages = xrealloc(s->pages, s->cap_pages * sizeof *s->pages);
  }
  p->index = (int)s->n_pages;
  s->pages[s->n_pages++] = p;
}

static int valid_slug(const char *s) {
  if (!*s || *s == '-') return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
  return 1;
}

static const ContentType *type_for(const Site *s, const char *rel, const char **slug_start) {
  const ContentType *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < s->cfg.n_types; i++) {
    const char *folder = s->cfg.types[i].folder;
    size_t n = strlen(folder);
    if (!strncmp(rel, folder, n) && rel[n] == '/' && n > best_len) {
      best = &s->cfg.types[i];
      best_len = n;
    }
  }
  if (best) *slug_start = rel + best_len + 1;
  return best;
}

static const char *page_url(Site *s, const ContentType *t, const char *slug) {
  Buf b = BUF_INIT;
  buf_puts(&b, s->cfg.base_path);
  const char *at = strstr(t->url, "{slug}");
  buf_put(&b, t->url, (size_t)(at - t->url));
  buf_puts(&b, slug);
  buf_puts(&b, at + 6);
  const char *url = arena_strdup(&s->arena, b.data);
  buf_free(&b);
  return url;
}

/* Output file for a URL: "/base/tiltak/x/" -> "tiltak/x/index.html". */
static const char *out_file(Site *s, const char *url) {
  const char *p = url + strlen(s->cfg.base_path);
  while (*p == '/') p++;
  return arena_printf(&s->arena, "%sindex.html", p);
}

static void register_page(Site *s, Page *p) {
  Page *dup = strmap_put(&s->by_url, p->url, p);
  if (dup) {
    strmap_put(&s->by_url, p->url, dup);
    diag_error(p->path, 1, 1, msg(MSG_C_URL_TAKEN), p->url, dup->path);
    return;
  }
  if (!p->is_home && !page_is_translation(p)) {
    const char *key = arena_printf(&s->arena, "%s/%s", p->type->name, p->slug);
    dup = strmap_put(&s->by_key, key, p);
    if (dup) diag_error(p->path, 1, 1, msg(MSG_C_DUP_SLUG), p->slug, dup->path);
  }
  strmap_put(&s->by_rel, p->rel, p);
  add_page(s, p);
}

/* Shapes of Markdown cmark-gfm takes quadratic time or memory for are
 * refused here, before it parses them; the page then has no body. */
static void check_limits(Page *p) {
  MdLimit lim;
  if (md_limits_check(p->body, p->body_len, &lim) == 0) return;
  static const MsgId ids[] = {[MD_TOO_BIG] = MSG_MD_TOO_BIG, [MD_TOO_DEEP] = MSG_MD_TOO_DEEP,
                              [MD_TOO_WIDE] = MSG_MD_TOO_WIDE,
                              [MD_TOO_MANY_CELLS] = MSG_MD_TOO_MANY_CELLS,
                              [MD_TOO_MANY_MARKS] = MSG_MD_TOO_MANY_MARKS};
  int line, col;
  text_line_col(p->body, lim.at, &line, &col);
  diag_error(p->path, p->body_line + line - 1, 1, msg(ids[lim.kind]), lim.value, lim.limit);
  p->body = "";
  p->body_len = 0;
}

/* Is "utkast: true" among the lines of a front matter YAML could not read? */
static int raw_draft(const char *src, size_t len, const char *field) {
  size_t n = strlen(field);
  for (const char *p = src; p && p < src + len; p = memchr(p, '\n', len - (size_t)(p - src))) {
    if (*p == '\n') p++;
    if ((size_t)(src + len - p) > n + 6 && !strncmp(p, field, n) && !strncmp(p + n, ": true", 6)) return 1;
  }
  return 0;
}

/* Reads and validates one page. NULL when it has errors (reported) or is a
 * draft left out of the build (*draft set). */
static Page *parse_page(Site *s, const char *path, const char *rel, const ContentType *type,
                        const char *slug, int is_home, int *draft_out, int translation) {
  size_t len;
  *draft_out = 0;
  /* room for the front matter beside the largest body mdlimits allows */
  char *src = fs_read_max(path, MD_MAX_BYTES + (256 << 10), &len);
  const char *shown = arena_printf(&s->arena, "%s/%s", "content", rel);
  if (!src && errno == EFBIG) {
    struct stat st;
    long kb = stat(path, &st) == 0 ? (long)(st.st_size >> 10) : 0;
    diag_error(shown, 1, 1, msg(MSG_MD_TOO_BIG), kb, (long)(MD_MAX_BYTES >> 10));
    return NULL;
  }
  if (!src) {
    diag_error(shown, 0, 0, msg(MSG_C_CANNOT_READ), strerror(errno));
    return NULL;
  }
  keep_buffer(s, src);
  size_t bad = utf8_invalid_at(src, len);
  if (bad != (size_t)-1) {
    int line, col;
    text_line_col(src, bad, &line, &col);
    diag_error(shown, line, col, msg(MSG_C_BAD_UTF8), (unsigned char)src[bad]);
    return NULL;
  }
  if (memchr(src, '\0', len)) {
    diag_error(shown, 1, 1, "%s", msg(MSG_C_NUL));
    return NULL;
  }
  /* "å" typed on macOS may be "a" + a combining ring: values, slugs and
   * anchors are compared in composed form (NFC) */
  len = utf8_nfc(src, len);
  /* The YAML tree is needed only until the values are checked and copied:
   * it lives in a scratch arena, reset for every page. */
  arena_reset(&s->scratch);
  FrontMatter fm;
  /* A preview renders a page whose front matter cannot be read from its
   * text alone, so the editor sees the page and its errors where it was. */
  int fm_ok = frontmatter_parse(&s->scratch, shown, src, len, &fm) == 0;
  if (!fm_ok && !s->preview) return NULL;
  /* A draft is skipped before validation: a half-written page must not
   * break the build of everything else. */
  const FieldRoles *roles = &type->roles;
  const YNode *draft = roles->draft ? ynode_get(fm.root, roles->draft) : NULL;
  if (!s->drafts && draft && draft->kind == YN_SCALAR && !strcmp(draft->str, "true")) {
    *draft_out = 1;
    return NULL;
  }
  Page *p = arena_alloc(&s->arena, sizeof *p);
  p->type = type;
  p->path = shown;
  p->rel = arena_strdup(&s->arena, rel);
  p->slug = arena_strdup(&s->arena, slug);
  p->is_home = is_home;
  /* A translation inherits what it leaves out from its original (languages.c). */
  p->fields = fm_ok ? validate_fields(&s->arena, shown, type, fm.root, !translation)
                    : arena_alloc(&s->arena, (type->n_fields + 1) * sizeof *p->fields);
  p->lang = s->cfg.language;
  p->body = fm.body;
  p->body_len = fm.body_len;
  p->body_line = fm.body_line;
  check_limits(p);
  const Value *t = roles->title ? page_value(p, roles->title) : NULL;
  const Value *sum = roles->summary ? page_value(p, roles->summary) : NULL;
  const Value *d = roles->draft ? page_value(p, roles->draft) : NULL;
  p->title = t && t->kind == VAL_STR ? t->str : p->slug;
  p->summary = sum && sum->kind == VAL_STR ? sum->str : "";
  p->draft = d && d->kind == VAL_BOOL && d->num;
  if (!fm_ok && roles->draft) p->draft = raw_draft(src, len, roles->draft);
  const Value *num = roles->number ? page_value(p, roles->number) : NULL;
  if (num && num->kind == VAL_LIST) num = num->n ? &num->items[0] : NULL;
  if (num && num->kind == VAL_STR) p->sort_number = num->str;
  if (num && num->kind == VAL_INT) { p->sort_int = num->num; p->has_sort_int = 1; }
  p->url = is_home ? arena_printf(&s->arena, "%s/", s->cfg.base_path) : page_url(s, type, slug);
  p->out = is_home ? "index.html" : out_file(s, p->url);
  return p;
}

/* A translation lives under its language's prefix: /en/tiltak/x/. */
static void place_translation(Site *s, Page *p, const Language *l, const char *original_rel) {
  p->lang = l->code;
  p->translation_of = arena_strdup(&s->arena, original_rel);
  p->url = p->is_home ? arena_printf(&s->arena, "%s/%s/", s->cfg.base_path, l->prefix)
                      : arena_printf(&s->arena, "%s/%s%s", s->cfg.base_path, l->prefix,
                                     p->url + strlen(s->cfg.base_path));
  p->out = out_file(s, p->url);
}

static void load_page(Site *s, const char *path, const char *rel, const ContentType *type,
                      const char *slug, int is_home, const Language *tr, const char *original_rel) {
  int draft;
  Page *p = parse_page(s, path, rel, type, slug, is_home, &draft, tr != NULL);
  if (!p) return;
  if (tr) place_translation(s, p, tr, original_rel);
  register_page(s, p);
}

/* x.en.md: the language code before the extension, when it names one of the
 * site's languages. Returns its length with the dot (3 for ".en"), or 0. */
static size_t language_suffix(const Site *s, const char *rel, size_t stem, const Language **out) {
  *out = NULL;
  const char *slash = strrchr(rel, '/');
  const char *name = slash ? slash + 1 : rel;
  for (size_t i = stem; i > (size_t)(name - rel); i--) {
    if (rel[i - 1] != '.') continue;
    char *code = xstrndup(rel + i, stem - i);
    *out = config_language(&s->cfg, code);
    free(code);
    return *out ? stem - (i - 1) : 0;
  }
  return 0;
}

int value_equal(const Value *a, const Value *b) {
  if (!a || !b) return a == b;
  if (a->kind != b->kind || a->num != b->num || a->n != b->n) return 0;
  if ((a->str == NULL) != (b->str == NULL) || (a->str && strcmp(a->str, b->str))) return 0;
  for (size_t i = 0; i < a->n; i++) {
    if (a->keys && strcmp(a->keys[i], b->keys[i])) return 0;
    if (!value_equal(&a->items[i], &b->items[i])) return 0;
  }
  return 1;
}

int content_reparse(Site *s, const Page *old, Page **fresh) {
  Buf path = BUF_INIT;
  buf_printf(&path, "%s/%s", s->content_dir, old->rel);
  int errors = diag_errors(), draft;
  Page *p = parse_page(s, path.data, old->rel, old->type, old->slug, old->is_home, &draft,
                       page_is_translation(old));
  buf_free(&path);
  *fresh = NULL;
  if (draft) return -1;
  if (!p || diag_errors() > errors) return 1;
  for (size_t i = 0; i < old->type->n_fields; i++)
    if (!value_equal(old->fields[i], p->fields[i])) return -1;
  p->index = old->index;
  *fresh = p;
  return 0;
}

static void add_file(Site *s, const char *rel) {
  if (s->n_files == s->cap_files) {
    s->cap_files = s->cap_files ? s->cap_files * 2 : 16;
    s->files = xrealloc(s->files, s->cap_files * sizeof *s->files);
  }
  StaticFile *f = &s->files[s->n_files++];
  f->rel = arena_strdup(&s->arena, rel);
  f->url = arena_printf(&s->arena, "%s/%s/%s", s->cfg.base_path, s->cfg.paths.files, rel);
}

static int ends_with_ci(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcasecmp(s + n - k, suffix);
}

size_t content_page_ext(const char *name) {
  static const char *const exts[] = {".md", ".markdown"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    size_t k = strlen(exts[i]);
    if (n > k && ends_with_ci(name, exts[i]) && name[n - k - 1] != '/') return k;
  }
  return 0;
}

int content_ignored(const char *name) {
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  size_t n = strlen(base);
  static const char *const suffixes[] = {"~", ".orig", ".bak", ".rej", ".swp", ".swo", ".tmp",
                                         ".part", ".crdownload"};
  static const char *const names[] = {"Thumbs.db", "desktop.ini", "Desktop.ini", "4913"};
  if (!n || base[0] == '.') return 1;
  if (n >= 2 && base[0] == '#' && base[n - 1] == '#') return 1; /* Emacs auto-save */
  if (n >= 2 && base[0] == '~' && base[1] == '$') return 1;     /* Office lock file */
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
    if (ends_with_ci(base, suffixes[i])) return 1;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(base, names[i])) return 1;
  return 0;
}

/* A file that is not read as a page but looks like one: another Markdown
 * extension, a text file, or any file that starts with front matter. It is
 * still published under /<files>/, but an editor most likely meant a page. */
static int looks_like_page(const char *path, const char *rel) {
  static const char *const exts[] = {".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext",
                                     ".markdn", ".mdx"};
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
    if (ends_with_ci(rel, exts[i])) return 1;
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  char head[5] = {0};
  size_t got = fread(head, 1, 4, f);
  fclose(f);
  return got >= 4 && !memcmp(head, "---", 3) && (head[3] == '\n' || head[3] == '\r');
}

/* Files a browser runs script from when they are served from the site's
 * own address: published beside the pages they would run with the site's
 * origin, though raw HTML is off. */
static int active_file(const char *rel) {
  static const char *const exts[] = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz",
                                     ".xml", ".xsl", ".xslt", ".js", ".mjs", ".swf"};
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
    if (ends_with_ci(rel, exts[i])) return 1;
  return 0;
}

/* A name that starts or ends with white space ("x.md " from a file dialog)
 * is never meant: "x.md " would not be read as a page and would be published
 * as a file, silently. An error naming the name it should have. */
static int name_has_edge_space(Site *s, const char *rel) {
  const char *base = strrchr(rel, '/');
  base = base ? base + 1 : rel;
  size_t n = strlen(base);
  if (!n || (!isspace((unsigned char)base[0]) && !isspace((unsigned char)base[n - 1]))) return 0;
  size_t a = 0;
  while (a < n && isspace((unsigned char)base[a])) a++;
  while (n > a && isspace((unsigned char)base[n - 1])) n--;
  diag_error(arena_printf(&s->arena, "content/%s", rel), 0, 0, msg(MSG_C_NAME_SPACE), (int)(n - a),
             base + a);
  return 1;
}

/* A file without an extension is published as it is, and a reader's browser
 * cannot tell what it is: most likely a page missing its .md, or an
 * attachment missing its format's extension. A warning with the name meant. */
static void warn_no_extension(Site *s, const char *path, const char *rel) {
  const char *base = strrchr(rel, '/');
  base = base ? base + 1 : rel;
  if (strchr(base, '.')) return;
  diag_warning(arena_printf(&s->arena, "content/%s", rel), 0, 0,
               msg(looks_like_page(path, rel) ? MSG_C_NO_EXT_PAGE : MSG_C_NO_EXT), base);
}

static void visit(const char *path, const char *rel, void *ctx) {
  Site *s = ctx;
  if (content_ignored(rel)) return;
  if (name_has_edge_space(s, rel)) return;
  size_t ext = content_page_ext(rel);
  if (!ext && active_file(rel) && !s->cfg.active_files) {
    diag_error(arena_printf(&s->arena, "content/%s", rel), 0, 0, "%s", msg(MSG_C_ACTIVE_FILE));
    return;
  }
  if (!ext) {
    const char *base = strrchr(rel, '/');
    if (!strchr(base ? base + 1 : rel, '.')) warn_no_extension(s, path, rel);
    else if (looks_like_page(path, rel))
      diag_warning(arena_printf(&s->arena, "content/%s", rel), 0, 0, "%s", msg(MSG_C_NOT_A_PAGE));
    add_file(s, rel);
    return;
  }
  size_t stem = strlen(rel) - ext;
  const Language *tr;
  size_t suffix = language_suffix(s, rel, stem, &tr);
  char *original_rel = NULL;
  if (tr && !tr->prefix) {
    const char *shown = arena_printf(&s->arena, "content/%s", rel);
    char *plain = arena_printf(&s->arena, "%.*s%s", (int)(stem - suffix), rel, rel + stem);
    diag_error(shown, 0, 0, msg(MSG_LANG_IN_PLACE), tr->code,
               s->cfg.roles.language ? s->cfg.roles.language : "language", tr->code, plain);
    return;
  }
  if (tr) {
    stem -= suffix;
    original_rel = arena_printf(&s->arena, "%.*s%s", (int)stem, rel, rel + stem + suffix);
  }
  if (stem == 6 && !strncmp(rel, "_index", 6)) {
    /* home_type, else the last type (site.lua lists free pages last) */
    const ContentType *home = s->cfg.home_type ? config_type(&s->cfg, s->cfg.home_type) : NULL;
    if (!home) home = &s->cfg.types[s->cfg.n_types - 1];
    load_page(s, path, rel, home, "", 1, tr, original_rel);
    if (tr) return;
    s->home = s->n_pages ? s->pages[s->n_pages - 1] : NULL;
    if (s->home && !s->home->is_home) s->home = NULL;
    return;
  }
  const char *slug_start;
  const ContentType *type = type_for(s, rel, &slug_start);
  const char *shown = arena_printf(&s->arena, "content/%s", rel);
  if (!type) {
    diag_error(shown, 0, 0, "%s", msg(MSG_C_NO_TYPE));
    return;
  }
  char *slug = arena_strndup(&s->arena, slug_start, (size_t)(rel + stem - slug_start));
  if (strchr(slug, '/')) {
    diag_error(shown, 0, 0, msg(MSG_C_NESTED), type->name, type->folder);
    return;
  }
  if (!valid_slug(slug)) {
    Buf want = BUF_INIT;
    slugify(&want, slug);
    buf_puts(&want, want.len ? "" : type->name);
    buf_puts(&want, rel + strlen(rel) - ext);
    diag_error(shown, 0, 0, msg(MSG_C_BAD_SLUG), want.data);
    buf_free(&want);
    return;
  }
  load_page(s, path, rel, type, slug, 0, tr, original_rel);
}

void content_load(Site *s) {
  Buf dir = BUF_INIT;
  buf_printf(&dir, "%s/content", s->root);
  char *jail = realpath(s->root, NULL);
  if (!fs_is_dir(dir.data)) diag_error("content", 0, 0, "%s", msg(MSG_C_NO_CONTENT));
  else fs_walk(dir.data, NULL, jail, visit, s);
  free(jail);
  s->content_dir = arena_strdup(&s->arena, dir.data);
  buf_free(&dir);
}

void site_drop_sources(Site *s) {
  for (size_t i = 0; i < s->n_pages; i++) {
    s->pages[i]->body = NULL;
    s->pages[i]->body_len = 0;
  }
  for (size_t i = 0; i < s->n_buffers; i++) free(s->buffers[i]);
  s->n_buffers = 0;
}

Page *site_page_by_rel(const Site *s, const char *rel) { return strmap_get(&s->by_rel, rel); }

const StaticFile *site_file_by_rel(const Site *s, const char *rel) {
  for (size_t i = 0; i < s->n_files; i++)
    if (!strcmp(s->files[i].rel, rel)) return &s->files[i];
  return NULL;
}

const Value *page_value(const Page *p, const char *field) {
  for (size_t i = 0; i < p->type->n_fields; i++)
    if (!strcmp(p->type->fields[i].name, field)) return p->fields[i];
  return NULL;
}

void site_free(Site *s) {
  for (size_t i = 0; i < s->n_pages; i++) {
    free(s->pages[i]->html);
    free(s->pages[i]->text);
    free(s->pages[i]->incoming);
    free(s->pages[i]->translations);
    strmap_free(&s->pages[i]->anchors);
  }
  for (size_t i = 0; i < s->n_buffers; i++) free(s->buffers[i]);
  free(s->buffers);
  free(s->pages);
  free(s->files);
  free(s->root_links);
  strmap_free(&s->by_rel);
  strmap_free(&s->by_url);
  strmap_free(&s->by_key);
  arena_free(&s->arena);
  arena_free(&s->scratch);
}
