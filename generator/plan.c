#include "plan.h"
#include "xalloc.h"
#include "buf.h"
#include "components.h"
#include "diag.h"
#include "messages.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* The generated namespaces (the change history of a page and of the site,
 * the files beside the pages, the open data and the search index) are
 * site.lua's `paths`; the theme's assets go to assets/. */

static const char *const kind_names[JOB_KINDS] = {
    "page", "home", "list", "taxonomy", "term", "not-found", "extra", "page-history",
    "site-history", "feed", "sitemap", "robots", "data-json", "data-csv", "asset", "file", "page-file", "folder"};

const char *plan_kind_name(JobKind k) { return k < JOB_KINDS ? kind_names[k] : "?"; }

typedef struct {
  Plan *p;
  size_t cap;
  const PlanInput *in;
  Arena *arena;
  const char *base;         /* the site's base path */
} Planner;

static Job *add(Planner *pl, JobKind kind, const char *tpl, const char *out) {
  Plan *p = pl->p;
  if (p->n == pl->cap) {
    pl->cap = pl->cap ? pl->cap * 2 : 256;
    Job *grown = arena_alloc(pl->arena, pl->cap * sizeof *grown);
    if (p->n) memcpy(grown, p->jobs, p->n * sizeof *grown);
    p->jobs = grown;
  }
  Job *j = &p->jobs[p->n++];
  memset(j, 0, sizeof *j);
  j->kind = kind;
  j->template = tpl;
  j->out = out;
  j->url = arena_printf(pl->arena, "%s/%s", pl->base, out);
  j->owner = JOB_KINDS;
  return j;
}

/* A page at url ("/base/x/y/") is written to x/y/index.html. */
static Job *add_page(Planner *pl, JobKind kind, const char *tpl, const char *url) {
  const char *rel = url + strlen(pl->base);
  while (*rel == '/') rel++;
  Job *j = add(pl, kind, tpl, arena_printf(pl->arena, "%sindex.html", rel));
  j->url = url;
  return j;
}

static void from(Job *j, const char *source, SrcPos pos) {
  j->source = source;
  j->line = pos.line;
  j->col = pos.col;
}

static const char *optional(Planner *pl, const char *name, const char *fallback) {
  return pl->in->has_template && pl->in->has_template(pl->in->ctx, name) ? arena_strdup(pl->arena, name)
                                                                        : fallback;
}

static void plan_pages(Planner *pl) {
  const Site *s = pl->in->site;
  /* each type's template, looked up once rather than once per page */
  const char **tpl_of = arena_alloc(pl->arena, (s->cfg.n_types + 1) * sizeof *tpl_of);
  for (size_t t = 0; t < s->cfg.n_types; t++) {
    const char *name = arena_printf(pl->arena, "%s.html", s->cfg.types[t].name);
    tpl_of[t] = optional(pl, name, "page.html");
  }
  const char *translation_tpl = optional(pl, "translation.html", NULL);
  pl->p->page_job = arena_alloc(pl->arena, (s->n_pages + 1) * sizeof *pl->p->page_job);
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *pg = s->pages[i];
    if (!pg->out) continue; /* not loaded: reported */
    const char *tpl = pg->is_home ? "home.html" : tpl_of[pg->type - s->cfg.types];
    /* a translation has only its own words: the theme may show it apart */
    if (page_is_translation(pg)) tpl = translation_tpl ? translation_tpl : tpl;
    pl->p->page_job[pg->index] = pl->p->n;
    Job *j = add(pl, JOB_PAGE, tpl, pg->out);
    j->url = pg->url;
    j->page = pg;
    j->source = j->what = pg->path;
    j->line = j->col = 1;
  }
  if (!s->home) add(pl, JOB_HOME, "home.html", "index.html")->what = msg(MSG_W_HOME);
}

static void plan_lists(Planner *pl) {
  const Site *s = pl->in->site;
  const Collections *c = pl->in->col;
  for (size_t t = 0; t < s->cfg.n_types; t++) {
    const TypeList *l = &c->lists[t];
    if (!l->url) continue;
    const char *name = arena_printf(pl->arena, "%s-list.html", l->type->name);
    Job *j = add_page(pl, JOB_LIST, optional(pl, name, "list.html"), l->url);
    j->list = l;
    j->what = arena_printf(pl->arena, msg(MSG_W_LIST), l->type->title);
    from(j, "site.lua", l->type->pos);
  }
  for (size_t i = 0; i < c->n_tax; i++) {
    const TaxIndex *ti = &c->tax[i];
    Job *j = add_page(pl, JOB_TAXONOMY, "taxonomy.html", ti->url);
    j->tax = ti;
    j->what = arena_printf(pl->arena, msg(MSG_W_TAXONOMY), ti->tax->title);
    from(j, "site.lua", ti->tax->pos);
    for (size_t k = 0; k < ti->n_terms; k++) {
      j = add_page(pl, JOB_TERM, "term.html", ti->terms[k]->url);
      j->tax = ti;
      j->term = ti->terms[k];
      j->what = arena_printf(pl->arena, msg(MSG_W_TERM), ti->tax->title, ti->terms[k]->name);
      from(j, "site.lua", ti->tax->pos);
    }
  }
}

static void plan_extras(Planner *pl) {
  const Config *cfg = &pl->in->site->cfg;
  add(pl, JOB_NOT_FOUND, "404.html", "404.html")->what = msg(MSG_W_NOT_FOUND);
  for (size_t i = 0; i < cfg->n_pages; i++) {
    const ExtraPage *e = &cfg->pages[i];
    const char *url = arena_printf(pl->arena, "%s%s", pl->base, e->url);
    Job *j;
    if (e->url[strlen(e->url) - 1] == '/') {
      j = add_page(pl, JOB_EXTRA, e->template, url);
    } else { /* a file of its own: written at its URL */
      j = add(pl, JOB_EXTRA, e->template, e->url + 1);
      j->url = url;
    }
    j->extra = e;
    j->what = arena_printf(pl->arena, msg(MSG_W_EXTRA), e->index, e->template);
    from(j, "site.lua", e->pos);
  }
}

/* In git, every page has its change history; the home page's would take
 * the site's change list's place. */
static void plan_history(Planner *pl) {
  const Site *s = pl->in->site;
  if (!pl->in->git) return;
  Buf rel = BUF_INIT;
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *pg = s->pages[i];
    buf_clear(&rel);
    buf_printf(&rel, "content/%s", pg->rel);
    const FileHistory *h = git_history_file(pl->in->git, rel.data);
    if (!h || !h->n || pg->is_home) continue;
    Job *j = add_page(pl, JOB_PAGE_HISTORY, "changes.html",
                      arena_printf(pl->arena, "%s%s/", pg->url, s->cfg.paths.changes));
    j->page = pg;
    j->history = h;
    j->what = arena_printf(pl->arena, msg(MSG_W_PAGE_HISTORY), pg->path);
    j->source = pg->path;
    j->line = j->col = 1;
  }
  buf_free(&rel);
  add_page(pl, JOB_SITE_HISTORY, "changes-site.html", arena_printf(pl->arena, "%s/%s/", pl->base, s->cfg.paths.changes))
      ->what = msg(MSG_W_SITE_HISTORY);
  add(pl, JOB_FEED, NULL, arena_printf(pl->arena, "%s.xml", s->cfg.paths.changes))->what = msg(MSG_W_FEED);
}

static void plan_files(Planner *pl) {
  const Site *s = pl->in->site;
  add(pl, JOB_SITEMAP, NULL, "sitemap.xml")->what = msg(MSG_W_SITEMAP);
  add(pl, JOB_ROBOTS, NULL, "robots.txt")->what = "robots.txt";
  for (size_t t = 0; t < s->cfg.n_types; t++) {
    const TypeList *l = &pl->in->col->lists[t];
    for (int csv = 0; csv < 2; csv++) {
      Job *j = add(pl, csv ? JOB_DATA_CSV : JOB_DATA_JSON, NULL,
                   arena_printf(pl->arena, "%s/%s.%s", s->cfg.paths.data, l->type->name, csv ? "csv" : "json"));
      j->list = l;
      j->what = arena_printf(pl->arena, msg(MSG_W_DATA), l->type->title);
      from(j, "site.lua", l->type->pos);
    }
  }
  const Assets *a = pl->in->assets;
  for (size_t i = 0; a && i < a->n; i++) {
    Job *j = add(pl, JOB_ASSET, NULL, a->outs[i]);
    j->asset = i;
    j->what = arena_printf(pl->arena, msg(MSG_W_ASSET), a->names[i]);
    /* a collision is reported at the file (static/…, themes/…), not at varde */
    size_t root = strlen(s->root);
    const char *src = a->srcs[i];
    j->source = !strncmp(src, s->root, root) && src[root] == '/' ? src + root + 1 : src;
  }
  for (size_t i = 0; i < s->n_files; i++) {
    Job *j = add(pl, JOB_FILE, NULL, arena_printf(pl->arena, "%s/%s", s->cfg.paths.files, s->files[i].rel));
    j->url = s->files[i].url;
    j->file = &s->files[i];
    j->source = j->what = arena_printf(pl->arena, "content/%s", s->files[i].rel);
  }
}

static void add_folder(Planner *pl, const char *out, const char *what, JobKind owner) {
  Job *j = add(pl, JOB_FOLDER, NULL, out);
  j->what = what;
  j->owner = owner;
}

/* Folders written by others, or reserved for one kind of file. */
static void plan_folders(Planner *pl) {
  const Site *s = pl->in->site;
  const Namespaces *ns = &s->cfg.paths;
  add_folder(pl, "assets/", msg(MSG_W_F_ASSETS), JOB_ASSET);
  add_folder(pl, arena_printf(pl->arena, "%s/", ns->files), msg(MSG_W_F_FILES), JOB_FILE);
  add_folder(pl, arena_printf(pl->arena, "%s/", ns->data), msg(MSG_W_F_DATA), JOB_DATA_JSON);
  /* the search index of the site's own tree and of each parallel language */
  static const char *const search_files[] = {"index.json", "ord.json", "t/", "p/", "f/"};
  for (size_t l = 0; l < s->cfg.n_languages; l++) {
    if (l && !s->cfg.languages[l].prefix) continue;
    const char *dir = s->cfg.languages[l].search.dir;
    for (size_t i = 0; i < sizeof search_files / sizeof *search_files; i++)
      add_folder(pl, arena_printf(pl->arena, "%s/%s", dir, search_files[i]), msg(MSG_W_F_SEARCH), JOB_KINDS);
  }
}

typedef struct {
  Planner *pl;
  const Job *page;
} PageFiles;

static void add_page_file(void *ctx, const char *name, size_t name_len, const char *data, size_t len) {
  (void)data;
  (void)len;
  PageFiles *pf = ctx;
  const char *out = pf->page->out, *slash = strrchr(out, '/');
  size_t dir = slash ? (size_t)(slash - out + 1) : 0;
  Job *j = add(pf->pl, JOB_PAGE_FILE, NULL, arena_printf(pf->pl->arena, "%.*s%.*s", (int)dir, out, (int)name_len, name));
  j->page = pf->page->page;
  j->what = arena_printf(pf->pl->arena, msg(MSG_W_PAGE_FILE), arena_strndup(pf->pl->arena, name, name_len), pf->page->page->path);
  j->source = pf->page->page->path;
  j->line = j->col = 1;
}

/* The files the components of each page ask for (written by the page's
 * own job, render.c): their names are in the page's rendered Markdown. */
static void plan_page_files(Planner *pl) {
  size_t n = pl->p->n;
  for (size_t i = 0; i < n; i++) {
    if (pl->p->jobs[i].kind != JOB_PAGE || !pl->p->jobs[i].page->html) continue;
    Job page = pl->p->jobs[i]; /* add() may move the jobs */
    PageFiles pf = {pl, &page};
    component_files(page.page->html, add_page_file, &pf);
  }
}

void plan_build(Plan *p, const PlanInput *in, Arena *arena) {
  memset(p, 0, sizeof *p);
  Planner pl = {p, 0, in, arena, in->site->cfg.base_path};
  plan_pages(&pl);
  plan_lists(&pl);
  plan_extras(&pl);
  plan_history(&pl);
  plan_files(&pl);
  p->n_render = p->n;
  plan_page_files(&pl);
  plan_folders(&pl);
}

void plan_free(Plan *p) { memset(p, 0, sizeof *p); /* the jobs live in the site's arena */ }

/* Which of two jobs on one URL the message is about: the one an editor can
 * move most easily (a content file, then a site.lua entry). */
static int rank(const Job *j) {
  switch (j->kind) {
  case JOB_PAGE: return 0;
  case JOB_FILE: case JOB_PAGE_FILE: return 1;
  case JOB_EXTRA: return 2;
  case JOB_LIST: case JOB_TAXONOMY: case JOB_TERM: return 3;
  case JOB_PAGE_HISTORY: return 4;
  default: return 5;
  }
}

/* Is the job's own URL enough to say what it is (a content file)? */
static int plain(const Job *j) { return j->kind == JOB_PAGE || j->kind == JOB_FILE || j->kind == JOB_PAGE_FILE; }

/* text is the message; other, when given, is the other source. */
static void report(const Job *at, const char *text, const Job *other) {
  Buf m = BUF_INIT;
  buf_puts(&m, text);
  /* name where the other one comes from unless its description does */
  if (other && other->source && other->line > 0 && !strstr(other->what, other->source))
    buf_printf(&m, " (%s:%d)", other->source, other->line);
  if (at->kind == JOB_PAGE) buf_puts(&m, msg(MSG_P_RENAME));
  diag_error(at->source, at->line, at->col, "%s", m.data);
  buf_free(&m);
}

/* Two jobs on one path that another check reports already: two pages on
 * one URL (content.c), two terms with one slug (collections.c). */
static int reported_elsewhere(const Job *a, const Job *b) {
  if (a->kind == JOB_PAGE && b->kind == JOB_PAGE) return 1;
  return a->kind == JOB_TERM && b->kind == JOB_TERM && a->tax == b->tax;
}

static int by_out(const void *x, const void *y, void *plan) {
  const Plan *p = plan;
  const Job *a = &p->jobs[*(const size_t *)x], *b = &p->jobs[*(const size_t *)y];
  int c = strcmp(a->out, b->out);
  /* plan order among equals, so the first claimant is named */
  return c ? c : (*(const size_t *)x > *(const size_t *)y) - (*(const size_t *)x < *(const size_t *)y);
}

static int check_duplicates(const Plan *p) {
  int errors = 0;
  size_t *order = xmalloc((p->n + 1) * sizeof *order);
  for (size_t i = 0; i < p->n; i++) order[i] = i;
  qsort_r(order, p->n, sizeof *order, by_out, (void *)p);
  for (size_t i = 1; i < p->n; i++) {
    const Job *a = &p->jobs[order[i - 1]], *b = &p->jobs[order[i]];
    if (strcmp(a->out, b->out) || reported_elsewhere(a, b)) continue;
    /* the easier one to move; of two alike, one with a file to name */
    const Job *at = rank(b) < rank(a) || (rank(b) == rank(a) && !a->source && b->source) ? b : a;
    const Job *other = at == a ? b : a;
    Buf m = BUF_INIT;
    if (plain(at)) buf_printf(&m, msg(MSG_C_URL_TAKEN), at->url, other->what);
    else buf_printf(&m, msg(MSG_P_URL_TAKEN_OF), at->url, at->what, other->what);
    report(at, m.data, other);
    buf_free(&m);
    errors++;
  }
  free(order);
  return errors;
}

static int owns(const Job *folder, JobKind k) {
  if (folder->owner == JOB_DATA_JSON) return k == JOB_DATA_JSON || k == JOB_DATA_CSV;
  return folder->owner == k;
}

static int check_folders(const Plan *p, const char *base_path) {
  int errors = 0;
  for (size_t f = p->n_render; f < p->n; f++) {
    const Job *folder = &p->jobs[f];
    size_t len = strlen(folder->out);
    if (folder->kind != JOB_FOLDER || !len || folder->out[len - 1] != '/') continue; /* a file: found by check_duplicates */
    for (size_t i = 0; i < p->n; i++) {
      const Job *j = &p->jobs[i];
      if (j->kind == JOB_FOLDER || owns(folder, j->kind) || strncmp(j->out, folder->out, len) != 0) continue;
      Buf where = BUF_INIT;
      buf_printf(&where, "%s/%s", base_path, folder->out);
      Buf m = BUF_INIT;
      if (plain(j)) buf_printf(&m, msg(MSG_P_IN_FOLDER), j->url, where.data, folder->what);
      else buf_printf(&m, msg(MSG_P_IN_FOLDER_OF), j->url, j->what, where.data, folder->what);
      report(j, m.data, NULL);
      buf_free(&m);
      buf_free(&where);
      errors++;
    }
  }
  return errors;
}

int plan_check(const Plan *p, const char *base_path) {
  return check_duplicates(p) + check_folders(p, base_path);
}

static int same_template(const Job *a, const Job *b) {
  if (!a->template || !b->template) return a->template == b->template;
  return !strcmp(a->template, b->template);
}

void plan_print(const Plan *p, FILE *f, int by_template) {
  assert(p->n_render <= p->n);
  for (size_t i = 0; i < p->n; i++) {
    const Job *j = &p->jobs[i];
    const char *tpl = j->template ? j->template : "-";
    if (!by_template) {
      fprintf(f, "%s\t%s\t%s\t%s\n", plan_kind_name(j->kind), tpl, j->out, j->what ? j->what : "-");
      continue;
    }
    size_t seen = 0, count = 0;
    for (size_t k = 0; k < i && !seen; k++)
      seen = p->jobs[k].kind == j->kind && same_template(&p->jobs[k], j);
    if (seen) continue;
    for (size_t k = i; k < p->n; k++) count += p->jobs[k].kind == j->kind && same_template(&p->jobs[k], j);
    fprintf(f, "%s\t%s\t%zu\t%s\n", plan_kind_name(j->kind), tpl, count, j->out);
  }
}

int plan_has_url(void *plan, const char *url) {
  const Plan *p = plan;
  size_t n = strlen(url);
  for (size_t i = 0; i < p->n; i++) {
    const char *u = p->jobs[i].url;
    if (!u) continue;
    if (!strcmp(u, url)) return 1;
    size_t k = strlen(u);
    /* a folder: "/sok/" holds "/sok/p/3.json"; a file's address without
     * the index.html a folder's address stands for */
    if (p->jobs[i].kind == JOB_FOLDER && k && u[k - 1] == '/' && n >= k && !strncmp(url, u, k)) return 1;
    if (k > 10 && n == k - 10 && !strcmp(u + k - 10, "index.html") && !strncmp(u, url, n)) return 1;
  }
  return 0;
}
