#include "render.h"
#include "xalloc.h"
#include "buf.h"
#include "components.h"
#include "diag.h"
#include "fsutil.h"
#include "history_text.h"
#include "output.h"
#include "worddiff.h"
#include <assert.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

enum { RECENT_CHANGES = 50 };

/* Renders the job's template with the vars table on top of the stack (popped). */
static void render_template(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  Buf html = BUF_INIT;
  /* current_url: the address of the page being rendered, in every render */
  size_t n = strlen(j->out);
  if (n >= 10 && !strcmp(j->out + n - 10, "index.html")) n -= 10;
  buf_printf(&html, "%s/", r->site->cfg.base_path);
  buf_put(&html, j->out, n);
  lua_pushlstring(L, html.data, html.len);
  lua_setfield(L, -2, "current_url");
  buf_clear(&html);
  if (template_render(r->tpl, j->template, -1, &html) == 0) outdir_emit(r->out, j->out, html.data, html.len);
  lua_pop(L, 1);
  buf_free(&html);
}

/* One content page; the renders of other pages' content are told apart
 * from its own (LuaData.current) for `varde serve`. */
typedef struct {
  Renderer *r;
  const Job *j;
} PageFiles;

/* A file a component of the page asks for (a chart's CSV), beside the
 * page's index.html. */
static void emit_page_file(void *ctx, const char *name, size_t name_len, const char *data, size_t len) {
  PageFiles *pf = ctx;
  const char *out = pf->j->out, *slash = strrchr(out, '/');
  Buf rel = BUF_INIT;
  if (slash) buf_put(&rel, out, (size_t)(slash - out + 1));
  buf_put(&rel, name, name_len);
  outdir_emit(pf->r->out, rel.data, data, len);
  buf_free(&rel);
}

/* A page in another of the site's languages is rendered in its words: while
 * it renders, the templates' global `strings` is that language's table (and
 * date() uses its months), and `site` answers with the language's code, a
 * translation's home (/en/) and whatever the language's entry in site.lua's
 * `languages` sets (title, description, menu, footer…), everything else as
 * before. page_language_end puts the site's own back. */
static void language_begin(Renderer *r, const char *code) {
  const Language *l = config_language(&r->site->cfg, code);
  if (!l || l == &r->site->cfg.languages[0]) return;
  lua_State *L = r->sb->L;
  lua_rawgeti(L, LUA_REGISTRYINDEX, r->data->env_ref);
  lua_rawgeti(L, LUA_REGISTRYINDEX, l->strings_ref);
  lua_setfield(L, -2, "strings");
  r->data->strings_ref = l->strings_ref;
  r->data->labels_ref = l->labels_ref == LUA_NOREF ? 0 : l->labels_ref;
  /* `site` answers with the language's code and whatever its entry in
   * site.lua's `languages` sets (title, description, menu, footer…) */
  lua_createtable(L, 0, 8);
  if (l->entry_ref != LUA_NOREF) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, l->entry_ref);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, -5);
    }
    lua_pop(L, 1);
  }
  lua_pushstring(L, l->code);
  lua_setfield(L, -2, "language");
  if (l->prefix) {
    lua_pushstring(L, arena_printf(&r->site->arena, "/%s/", l->prefix));
    lua_setfield(L, -2, "home_url");
    /* its own search page, where site.lua's pages have one at its index */
    if (l->search.page_url) {
      lua_pushstring(L, l->search.page_url);
      lua_setfield(L, -2, "search_url");
    }
  }
  lua_createtable(L, 0, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, r->site->cfg.site_ref);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_setfield(L, -2, "site");
  lua_pop(L, 1);
}

static void page_language(Renderer *r, const Page *p) { language_begin(r, p->lang); }

static void page_language_end(Renderer *r) {
  if (!r->data->strings_ref) return;
  lua_State *L = r->sb->L;
  lua_rawgeti(L, LUA_REGISTRYINDEX, r->data->env_ref);
  lua_rawgeti(L, LUA_REGISTRYINDEX, r->site->cfg.strings_ref);
  lua_setfield(L, -2, "strings");
  lua_rawgeti(L, LUA_REGISTRYINDEX, r->site->cfg.site_ref);
  lua_setfield(L, -2, "site");
  lua_pop(L, 1);
  r->data->strings_ref = 0;
  r->data->labels_ref = 0;
}

static void render_page(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  r->data->current = (long)j->page->index;
  lua_createtable(L, 0, 2);
  luadata_push_page(r->data, L, j->page);
  lua_setfield(L, -2, "page");
  page_language(r, j->page);
  render_template(r, j);
  page_language_end(r);
  r->data->current = -1;
  r->out->stats->pages++;
  PageFiles pf = {r, j};
  component_files(j->page->html, emit_page_file, &pf);
}

static void render_list(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  lua_createtable(L, 0, 2);
  luadata_push_type(r->data, L, j->list);
  lua_setfield(L, -2, "list_type");
  luadata_push_list(r->data, L, j->list->pages, j->list->n);
  lua_setfield(L, -2, "list");
  render_template(r, j);
}

static void render_taxonomy(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  lua_createtable(L, 0, 2);
  lua_pushstring(L, j->tax->tax->name);
  lua_setfield(L, -2, "taxonomy");
  render_template(r, j);
}

static void render_term(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  lua_createtable(L, 0, 2);
  luadata_push_term(r->data, L, j->tax, j->term);
  lua_setfield(L, -2, "term");
  render_template(r, j);
}

/* The same template-made page in the site's other languages: the entries
 * of site.lua's pages with the same template and another language (its
 * search page at /sok/ and /en/sok/), as { lang, url } tables, its own
 * included, for the language switcher and hreflang. Empty when it has none. */
static int same_lang(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static void push_extra_versions(Renderer *r, const ExtraPage *e) {
  lua_State *L = r->sb->L;
  const Config *cfg = &r->site->cfg;
  lua_createtable(L, 2, 0);
  int n = 0, others = 0;
  for (size_t i = 0; i < cfg->n_pages; i++) {
    const ExtraPage *o = &cfg->pages[i];
    if (strcmp(o->template, e->template) || (o != e && same_lang(o->lang, e->lang))) continue;
    int first = 1; /* one version per language: the first entry */
    for (size_t k = 0; k < i && first; k++)
      first = strcmp(cfg->pages[k].template, e->template) || !same_lang(cfg->pages[k].lang, o->lang);
    if (!first && o != e) continue;
    others += o != e;
    lua_createtable(L, 0, 2);
    lua_pushstring(L, o->lang ? o->lang : cfg->language);
    lua_setfield(L, -2, "lang");
    lua_pushstring(L, arena_printf(&r->site->arena, "%s%s", cfg->base_path, o->url));
    lua_setfield(L, -2, "url");
    lua_rawseti(L, -2, ++n);
  }
  if (!others) {
    lua_pop(L, 1);
    lua_createtable(L, 0, 0);
  }
}

/* site.lua's pages entry reaches its template as `extra` (with `lang` and
 * its `versions` in the site's other languages); an entry with a
 * `language` is rendered in that language's words. */
static void render_extra(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  lua_rawgeti(L, LUA_REGISTRYINDEX, r->site->cfg.site_ref);
  lua_pushliteral(L, "pages");
  lua_rawget(L, -2);
  lua_rawgeti(L, -1, j->extra->index);
  lua_createtable(L, 0, 1);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "extra");
  lua_pushstring(L, j->extra->lang ? j->extra->lang : r->site->cfg.language);
  lua_setfield(L, -2, "extra_lang");
  push_extra_versions(r, j->extra);
  lua_setfield(L, -2, "extra_versions");
  language_begin(r, j->extra->lang);
  render_template(r, j);
  page_language_end(r);
  lua_pop(L, 3);
}

/* /<page>/<changes>/: each change to the page with its note and what
 * changed in its text, word by word. */
static void render_page_history(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  const FileHistory *h = j->history;
  lua_createtable(L, 0, 2);
  luadata_push_page(r->data, L, j->page);
  lua_setfield(L, -2, "page");
  page_language(r, j->page);
  lua_createtable(L, (int)h->n, 0);
  char *newer = NULL;
  for (size_t i = h->n; i-- > 0;) { /* oldest first, so each diff has its predecessor */
    const GitCommit *c = h->commits[i];
    char *text = git_history_blob(r->git, h->blobs[i], NULL);
    if (text) { /* diffs show what a reader sees, not Markdown and YAML */
      char *readable = history_text(text);
      free(text);
      text = readable;
    }
    luadata_push_commit(L, c);
    lua_pushboolean(L, i == h->n - 1); lua_setfield(L, -2, "first");
    lua_pushboolean(L, !text); lua_setfield(L, -2, "deleted");
    if (i != h->n - 1) {
      Buf diff = BUF_INIT;
      DiffStats ds;
      if (word_diff_html(newer, text, &diff, &ds) == 0) {
        lua_pushlstring(L, buf_str(&diff), diff.len); lua_setfield(L, -2, "diff");
        lua_pushinteger(L, ds.added); lua_setfield(L, -2, "added");
        lua_pushinteger(L, ds.removed); lua_setfield(L, -2, "removed");
      }
      buf_free(&diff);
    }
    lua_rawseti(L, -2, (lua_Integer)(h->n - i));
    free(newer);
    newer = text;
  }
  free(newer);
  /* newest first for reading */
  lua_Integer n = (lua_Integer)h->n;
  for (lua_Integer i = 1, k = n; i < k; i++, k--) {
    lua_rawgeti(L, -1, i);
    lua_rawgeti(L, -2, k);
    lua_rawseti(L, -3, i);
    lua_rawseti(L, -2, k);
  }
  lua_setfield(L, -2, "changes");
  render_template(r, j);
  page_language_end(r);
}

static int change_cmp(const void *x, const void *y) {
  const Change *a = x, *b = y;
  if (a->c->time != b->c->time) return a->c->time > b->c->time ? -1 : 1;
  int c = strcmp(a->c->id, b->c->id);
  return c ? c : strcmp(a->p->rel, b->p->rel);
}

/* The latest changes across the site, newest first (malloc'd). */
static Change *recent_changes(Renderer *r, size_t *n_out) {
  Site *s = r->site;
  Change *all = NULL;
  size_t n = 0, cap = 0;
  Buf rel = BUF_INIT;
  for (size_t i = 0; i < s->n_pages; i++) {
    buf_clear(&rel);
    buf_printf(&rel, "content/%s", s->pages[i]->rel);
    const FileHistory *h = git_history_file(r->git, rel.data);
    for (size_t k = 0; h && k < h->n; k++) {
      if (n == cap) all = xrealloc(all, (cap = cap ? cap * 2 : 256) * sizeof *all);
      all[n++] = (Change){h->commits[k], s->pages[i]};
    }
  }
  buf_free(&rel);
  if (n) qsort(all, n, sizeof *all, change_cmp);
  *n_out = n > RECENT_CHANGES ? RECENT_CHANGES : n;
  return all;
}

/* The word of a change's id on a page's history (#endring-<commit>): its
 * history is rendered in the page's language, so the word is that
 * language's (the string stays alive in the registry's table). */
static const char *change_anchor(Renderer *r, const Page *p) {
  const Config *cfg = &r->site->cfg;
  const Language *l = config_language(cfg, p->lang);
  if (!l || l == &cfg->languages[0]) return cfg->strings.change_anchor;
  return config_string_in(r->sb->L, l->strings_ref, "change_anchor", cfg->strings.change_anchor);
}

/* /<changes>/ (site.lua's paths.changes): the latest changes across the site. */
static void render_site_history(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  size_t n;
  Change *all = recent_changes(r, &n);
  lua_createtable(L, 0, 1);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 0, 5);
    luadata_push_page(r->data, L, all[i].p);
    lua_setfield(L, -2, "page");
    lua_pushstring(L, all[i].c->date); lua_setfield(L, -2, "date");
    if (!all[i].p->is_home) {
      const Config *cfg = &r->site->cfg;
      lua_pushfstring(L, "%s%s/#%s-%s", all[i].p->url, cfg->paths.changes,
                      change_anchor(r, all[i].p), all[i].c->short_id);
      lua_setfield(L, -2, "history_url");
    }
    lua_pushstring(L, all[i].c->short_id); lua_setfield(L, -2, "short");
    lua_pushstring(L, all[i].c->subject); lua_setfield(L, -2, "subject");
    if (all[i].c->note) { lua_pushstring(L, all[i].c->note); lua_setfield(L, -2, "note"); }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "changes");
  render_template(r, j);
  free(all);
}

/* A file made by C: the feed, the sitemap, robots.txt, the open data. */
static void write_file(Renderer *r, const Job *j) {
  Buf out = BUF_INIT;
  switch (j->kind) {
  case JOB_FEED: {
    size_t n;
    Change *all = recent_changes(r, &n);
    output_atom(r->site, all, n, &out);
    free(all);
    break;
  }
  case JOB_SITEMAP: output_sitemap(r->site, r->col, &out); break;
  case JOB_ROBOTS: output_robots(r->site, &out); break;
  case JOB_DATA_JSON: output_json(r->site, j->list, &out); break;
  case JOB_DATA_CSV: output_csv(r->site, j->list, &out); break;
  default: assert(!"not a file written by C"); break;
  }
  outdir_emit(r->out, j->out, out.data, out.len);
  buf_free(&out);
}

/* Theme assets and the files beside the pages go through outdir_emit too,
 * so unchanged ones are reused like pages; a check reads none of them. */
static void copy_file(Renderer *r, const Job *j) {
  if (!r->out->dir) return;
  Buf src = BUF_INIT;
  if (j->kind == JOB_ASSET) buf_puts(&src, r->assets->srcs[j->asset]);
  else buf_printf(&src, "%s/%s", r->site->content_dir, j->file->rel);
  size_t len;
  char *data = fs_read(src.data, &len);
  if (data) outdir_emit(r->out, j->out, data, len);
  else diag_error(src.data, 0, 0, "cannot read: %s", strerror(errno));
  free(data);
  buf_free(&src);
}

void render_job(Renderer *r, const Job *j) {
  lua_State *L = r->sb->L;
  switch (j->kind) {
  case JOB_PAGE: render_page(r, j); break;
  case JOB_HOME: case JOB_NOT_FOUND: lua_newtable(L); render_template(r, j); break;
  case JOB_LIST: render_list(r, j); break;
  case JOB_TAXONOMY: render_taxonomy(r, j); break;
  case JOB_TERM: render_term(r, j); break;
  case JOB_EXTRA: render_extra(r, j); break;
  case JOB_PAGE_HISTORY: render_page_history(r, j); break;
  case JOB_SITE_HISTORY: render_site_history(r, j); break;
  case JOB_FEED: case JOB_SITEMAP: case JOB_ROBOTS: case JOB_DATA_JSON: case JOB_DATA_CSV:
    write_file(r, j);
    break;
  case JOB_ASSET: case JOB_FILE: copy_file(r, j); break;
  case JOB_PAGE_FILE: case JOB_FOLDER: case JOB_KINDS: assert(!"not a render job"); break;
  }
}
