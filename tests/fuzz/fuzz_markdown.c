/* fuzz_markdown: a page body through markdown_render (cmark-gfm, heading
 * ids, TOC, table wrappers) with links.c's resolver, as build.c renders it:
 * relative .md links become page URLs, #anchors are checked once the body's
 * headings are known. The site around the page is tests/fixtures/basic
 * (loaded once); the body is rendered as content/tiltak/demens.md.
 *
 * Each input is rendered twice: in safe mode (raw_html = false, the
 * default) with the resolver, and in unsafe mode without it. The safe HTML
 * must be inert: only the tags and attributes cmark-gfm and markdown.c
 * write, no event handlers, no javascript:/vbscript:/data: URLs, heading
 * ids that are slugs. A violation aborts, so libFuzzer keeps the input. */
#include "config.h"
#include "content.h"
#include "fuzz.h"
#include "links.h"
#include "markdown.h"
#include "sandbox.h"
#include <ctype.h>
#include <strings.h>

static Site site;
static Page *from;
static Sandbox *sb;
/* FUZZ_MARKDOWN_SAFE_ONLY=1 skips the raw_html pass: a way to keep fuzzing
 * the default mode while a raw-HTML bug is open. */
static int skip_unsafe;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  diag_capture(1);
  skip_unsafe = getenv("FUZZ_MARKDOWN_SAFE_ONLY") != NULL;
  markdown_init();
  site.root = strdup(fuzz_path("tests/fixtures/basic"));
  sb = sandbox_new(64u << 20, 20 * 1000 * 1000);
  if (config_load(&site.cfg, &site.arena, sb, site.root) == 0) content_load(&site);
  /* every page's headings, so links to their anchors can be checked */
  LinkCtx lc = {.site = &site};
  for (size_t i = 0; i < site.n_pages; i++) {
    Page *p = site.pages[i];
    lc.page = p;
    MdOptions mo = {0, p->body_line - 1, links_resolve, &lc};
    MdResult r;
    markdown_render(&site.arena, p->body, p->body_len, &mo, &r, &p->anchors);
    p->html = r.html;
    p->text = r.text;
    p->toc = r.toc;
    p->n_toc = r.n_toc;
  }
  links_check_anchors(&lc);
  links_free(&lc);
  from = site_page_by_rel(&site, "tiltak/demens.md");
  if (diag_errors() || !from) {
    fprintf(stderr, "fuzz_markdown: cannot load tests/fixtures/basic:\n%s", diag_captured());
    abort();
  }
  return 0;
}

/* ---- the inertness oracle ---------------------------------------------- */

static int in_list(const char *s, size_t n, const char *const *list) {
  for (; *list; list++)
    if (strlen(*list) == n && !strncmp(*list, s, n)) return 1;
  return 0;
}

static const char *const tags[] = {
    "a", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "code", "em", "strong", "del", "img", "hr", "br", "table", "thead", "tbody", "tr", "th",
    "td", "div",
    /* GitHub's footnotes, task lists, and the empty span that carries the
     * id GitHub's preview gives a heading */
    "sup", "section", "span", "input",
    /* a table's caption (named after the heading above it) */
    "caption", NULL};
static const char *const attrs[] = {"href", "title", "src", "alt", "id", "class", "start",
                                    "style", "tabindex", "role", "aria-label", "type", "checked",
                                    "disabled", "data-footnotes", "data-footnote-ref",
                                    "data-footnote-backref", "scope", NULL};
/* attributes cmark-gfm writes without a value */
static const char *const bare_attrs[] = {"data-footnotes", "data-footnote-ref", "data-footnote-backref",
                                         NULL};

/* Decodes the few entities cmark writes in attribute values, drops the
 * characters a browser's URL parser ignores, lowercases. */
static void url_as_browser_sees_it(const char *v, size_t n, Buf *out) {
  for (size_t i = 0; i < n; i++) {
    unsigned c = (unsigned char)v[i];
    if (c == '&') {
      const char *semi = memchr(v + i, ';', n - i);
      if (semi) {
        size_t el = (size_t)(semi - (v + i)) + 1;
        if (!strncmp(v + i, "&amp;", el)) c = '&';
        else if (!strncmp(v + i, "&quot;", el)) c = '"';
        else if (!strncmp(v + i, "&lt;", el)) c = '<';
        else if (!strncmp(v + i, "&gt;", el)) c = '>';
        else if (v[i + 1] == '#') c = (unsigned)strtoul(v + i + 2 + (v[i + 2] == 'x'), NULL,
                                                        v[i + 2] == 'x' ? 16 : 10);
        i += el - 1;
      }
    }
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (out->len == 0 && c <= 0x20) continue;
    buf_putc(out, (char)tolower((int)(c & 0xFF)));
  }
}

static const char *const bad_schemes[] = {"javascript", "vbscript", "livescript", NULL};

static void check_url(const char *html, const char *v, size_t n) {
  Buf u = BUF_INIT;
  url_as_browser_sees_it(v, n, &u);
  const char *s = buf_str(&u);
  size_t scheme = strcspn(s, ":/?#");
  int bad = s[scheme] == ':' &&
            (in_list(s, scheme, bad_schemes) ||
             (scheme == 4 && !strncmp(s, "data", 4) && !starts_with(s, "data:image/png") &&
              !starts_with(s, "data:image/gif") && !starts_with(s, "data:image/jpeg") &&
              !starts_with(s, "data:image/webp")));
  FUZZ_ASSERT(!bad, "dangerous URL '%s' in safe-mode HTML:\n%s", s, html);
  buf_free(&u);
}

static void check_inert(const char *html) {
  const char *p = html;
  while ((p = strchr(p, '<'))) {
    if (!strncmp(p, "<!-- raw HTML omitted -->", 25)) { p += 25; continue; }
    p++;
    if (*p == '/') p++;
    size_t tl = 0;
    while (isalnum((unsigned char)p[tl])) tl++;
    FUZZ_ASSERT(tl && in_list(p, tl, tags), "unexpected tag <%.*s in safe-mode HTML:\n%s",
                (int)(tl ? tl : 12), p, html);
    int span = tl == 4 && !strncmp(p, "span", 4), input = tl == 5 && !strncmp(p, "input", 5);
    p += tl;
    for (;;) {
      while (*p == ' ' || *p == '\n') p++;
      if (*p == '>') { p++; break; }
      if (p[0] == '/' && p[1] == '>') { p += 2; break; }
      size_t al = 0;
      while (isalnum((unsigned char)p[al]) || p[al] == '-') al++;
      FUZZ_ASSERT(al && in_list(p, al, attrs), "unexpected attribute '%.20s' in safe-mode HTML:\n%s",
                  p, html);
      const char *name = p;
      p += al;
      if (p[0] != '=' && in_list(name, al, bare_attrs)) continue;
      FUZZ_ASSERT(p[0] == '=' && p[1] == '"', "attribute %.*s without a quoted value:\n%s",
                  (int)al, name, html);
      const char *v = p + 2, *end = strchr(v, '"');
      FUZZ_ASSERT(end, "unterminated attribute value:\n%s", html);
      FUZZ_ASSERT(!memchr(v, '<', (size_t)(end - v)) && !memchr(v, '>', (size_t)(end - v)),
                  "'<' or '>' inside attribute %.*s:\n%s", (int)al, name, html);
      if ((al == 4 && !strncmp(name, "href", 4)) || (al == 3 && !strncmp(name, "src", 3)))
        check_url(html, v, (size_t)(end - v));
      if (input && al == 4 && !strncmp(name, "type", 4))
        FUZZ_ASSERT(end - v == 8 && !strncmp(v, "checkbox", 8), "input of type '%.*s'", (int)(end - v), v);
      if (span && al == 2 && !strncmp(name, "id", 2)) /* GitHub's id keeps letters of any script */
        for (const char *c = v; c < end; c++)
          FUZZ_ASSERT((unsigned char)*c > ' ' && *c != '&' && *c != '\'',
                      "GitHub heading id '%.*s'", (int)(end - v), v);
      else if (al == 2 && !strncmp(name, "id", 2))
        for (const char *c = v; c < end; c++)
          FUZZ_ASSERT((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-',
                      "heading id '%.*s' is not a slug", (int)(end - v), v);
      if (al == 5 && !strncmp(name, "style", 5))
        FUZZ_ASSERT(!strncmp(v, "text-align: ", 12), "style '%.*s'", (int)(end - v), v);
      p = end + 1;
    }
  }
}

/* ---- the target ---------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_quiet();
  char *src = fuzz_copy(data, size);
  /* A private copy of the site whose arena takes this input's allocations,
   * and of the page, whose anchors are this input's headings. */
  Site local = site;
  local.arena = (Arena){0};
  Page self = *from;
  self.anchors = (StrMap){0};
  LinkCtx lc = {.site = &local, .page = &self};
  MdOptions safe = {0, 13, links_resolve, &lc};
  MdResult r;
  markdown_render(&local.arena, src, size, &safe, &r, &self.anchors);
  FUZZ_ASSERT(r.html && r.text, "no output");
  /* every heading is an anchor; it may also answer to the id GitHub's
   * preview gives it, when that one differs and is free */
  FUZZ_ASSERT(self.anchors.len >= r.n_toc && self.anchors.len <= 2 * r.n_toc,
              "%zu anchors for %zu headings", self.anchors.len, r.n_toc);
  for (size_t i = 0; i < r.n_toc; i++)
    FUZZ_ASSERT(strmap_get(&self.anchors, r.toc[i].id), "heading '%s' is no anchor", r.toc[i].id);
  links_check_anchors(&lc);
  check_inert(r.html);
  free(r.html);
  free(r.text);
  links_free(&lc);
  /* links to the site's own addresses are kept on the (local) site */
  if (local.root_links != site.root_links) free(local.root_links);
  strmap_free(&self.anchors);

  if (skip_unsafe) {
    arena_free(&local.arena);
    free(src);
    return 0;
  }
  StrMap anchors = {0};
  MdOptions unsafe = {1, 0, NULL, NULL};
  markdown_render(&local.arena, src, size, &unsafe, &r, &anchors);
  free(r.html);
  free(r.text);
  strmap_free(&anchors);
  arena_free(&local.arena);
  free(src);
  return 0;
}
