#include "build.h"
#include "assets.h"
#include "buf.h"
#include "collections.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fsutil.h"
#include "git_history.h"
#include "worddiff.h"
#include "links.h"
#include "luadata.h"
#include "markdown.h"
#include "markdown_site.h"
#include "output.h"
#include "sandbox.h"
#include "search_index.h"
#include "stamp.h"
#include "template.h"
#include "text.h"
#include <errno.h>
#include <limits.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdio.h>
#include <unistd.h>
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stddef.h>

enum { LUA_MEMORY = 512u << 20, LUA_INSTRUCTIONS = 20 * 1000 * 1000, MAX_WORKERS = 16 };

typedef struct {
  long next;                /* the next unclaimed job */
  BuildStats worker[MAX_WORKERS];
  int errors[MAX_WORKERS];
} RenderShare;

typedef struct {
  const BuildOptions *o;
  Site *site;
  Collections col;
  Assets assets;
  Sandbox *sb;
  Templates *tpl;
  LuaData data;
  const char *tmp;          /* output being written, NULL in check mode */
  const char *prev;         /* the current output, whose unchanged files are reused */
  GitHistory *git;
  BuildStats *stats;
  /* Rendering is shared by worker processes (see start_workers): every
   * worker walks the same list of render jobs and does job k only when it
   * holds ticket k, drawn from a counter in shared memory. */
  RenderShare *share;       /* NULL: this process renders everything */
  long ordinal, ticket;
  /* kept for `varde serve` (build_update) */
  unsigned char *foreign;   /* shared with the workers: see LuaData */
  size_t n_foreign;
  StrMap *search_out;       /* files the search index wrote */
  int live;                 /* writing into the served folder: replace atomically */
} Build;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* resident memory now, for VARDE_TIMING */
static long rss_mib(void) {
  long pages = 0, rss = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f && fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
  if (f) fclose(f);
  return rss * sysconf(_SC_PAGESIZE) / (1 << 20);
}

/* VARDE_TIMING=1 prints how long each phase took, for profiling. */
static void phase(const char *name) {
  static double last;
  static int on = -1;
  if (on < 0) on = getenv("VARDE_TIMING") != NULL;
  double t = now();
  if (on && name) fprintf(stderr, "%-10s %7.1f ms %6ld MiB\n", name, (t - last) * 1000, rss_mib());
  last = t;
}

static void emit(Build *b, const char *rel, const char *data, size_t len) {
  __atomic_fetch_add(&b->stats->files, 1, __ATOMIC_RELAXED); /* the search thread emits too */
  if (!b->tmp) return;
  Buf path = BUF_INIT, old = BUF_INIT;
  buf_printf(&path, "%s/%s", b->tmp, rel);
  /* An unchanged file is hard-linked from the current site instead of
   * written again: no new data, and deleting the old site later frees
   * almost nothing. */
  if (b->prev) buf_printf(&old, "%s/%s", b->prev, rel);
  if (b->live && fs_same_content(path.data, data, len)) {
    __atomic_fetch_add(&b->stats->reused, 1, __ATOMIC_RELAXED);
  } else if (b->live) {
    if (fs_replace(path.data, data, len) != 0) diag_error(path.data, 0, 0, "cannot write: %s", strerror(errno));
  } else if (b->prev && fs_same_content(old.data, data, len) && fs_link(old.data, path.data) == 0) {
    __atomic_fetch_add(&b->stats->reused, 1, __ATOMIC_RELAXED);
  } else if (fs_write(path.data, data, len) != 0) {
    diag_error(path.data, 0, 0, "cannot write: %s", strerror(errno));
  }
  buf_free(&path);
  buf_free(&old);
}

/* Is the next render job this process's? Each call is one job, in the same
 * order in every worker. */
static int claim(Build *b) {
  if (!b->share) return 1;
  if (b->ordinal++ != b->ticket) return 0;
  b->ticket = __atomic_fetch_add(&b->share->next, 1, __ATOMIC_RELAXED);
  return 1;
}

/* Markdown for every page, on as many processes as the build renders with. */
static int workers_wanted(const BuildOptions *o);
static void render_markdown(Build *b) { markdown_site(b->site, workers_wanted(b->o)); }

static const char *pick(Build *b, const char *first, const char *fallback) {
  return first && template_exists(b->tpl, first) ? first : fallback;
}

/* Renders template `name` with the vars table on top of the stack (popped). */
static void render_to(Build *b, const char *name, const char *out_rel) {
  lua_State *L = b->sb->L;
  Buf html = BUF_INIT;
  /* current_url: the address of the page being rendered, in every render */
  size_t n = strlen(out_rel);
  if (n >= 10 && !strcmp(out_rel + n - 10, "index.html")) n -= 10;
  buf_printf(&html, "%s/", b->site->cfg.base_path);
  buf_put(&html, out_rel, n);
  lua_pushlstring(L, html.data, html.len);
  lua_setfield(L, -2, "current_url");
  buf_clear(&html);
  if (template_render(b->tpl, name, -1, &html) == 0) emit(b, out_rel, html.data, html.len);
  lua_pop(L, 1);
  buf_free(&html);
}

static const char *out_of(Build *b, const char *url) {
  const char *p = url + strlen(b->site->cfg.base_path);
  while (*p == '/') p++;
  return arena_printf(&b->site->arena, "%sindex.html", p);
}

/* site.lua's `pages`: pages made by a template alone, such as the A–Å
 * index or the search page: { url = "/a-a/", template = "az.html", title = "A–Å" } */
static void render_extra_pages(Build *b) {
  lua_State *L = b->sb->L;
  lua_rawgeti(L, LUA_REGISTRYINDEX, b->site->cfg.site_ref);
  lua_pushliteral(L, "pages");
  lua_rawget(L, -2);
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  for (size_t i = 1; i <= n; i++) {
    if (!claim(b)) continue;
    lua_rawgeti(L, -1, (lua_Integer)i);
    if (!lua_istable(L, -1)) {
      lua_pop(L, 1);
      lua_newtable(L); /* reported below as a page without url and template */
    }
    lua_pushliteral(L, "url");
    lua_rawget(L, -2);
    lua_pushliteral(L, "template");
    lua_rawget(L, -3);
    const char *url = lua_tostring(L, -2), *tpl = lua_tostring(L, -1);
    if (!url || !tpl || url[0] != '/' || strstr(url, "..") || url[strlen(url) - 1] != '/') {
      diag_error("site.lua", 0, 0, "pages[%zu] needs url = \"/path/\" and template = \"name.html\"", i);
      lua_pop(L, 3);
      continue;
    }
    Buf full = BUF_INIT;
    buf_printf(&full, "%s%s", b->site->cfg.base_path, url);
    Page *p = strmap_get(&b->site->by_url, full.data);
    if (p) diag_error(p->path, 1, 1, "URL %s is already used by site.lua's pages", full.data);
    for (size_t t = 0; t < b->site->cfg.n_types; t++)
      if (b->col.lists[t].url && !strcmp(b->col.lists[t].url, full.data))
        diag_error("site.lua", 0, 0, "pages[%zu]: URL %s is already the list of %s", i, full.data,
                   b->col.lists[t].type->title);
    const char *out = out_of(b, arena_strdup(&b->site->arena, full.data));
    const char *tname = arena_strdup(&b->site->arena, tpl);
    buf_free(&full);
    lua_pop(L, 2);
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "extra");
    render_to(b, tname, out);
    lua_pop(L, 1);
  }
  lua_pop(L, 2);
}

/* /<page>/endringer/: each change to the page with its note and what
 * changed in its text, word by word. */
static void render_page_history(Build *b, const Page *p, const FileHistory *h) {
  lua_State *L = b->sb->L;
  lua_createtable(L, 0, 2);
  luadata_push_page(&b->data, L, p);
  lua_setfield(L, -2, "page");
  lua_createtable(L, (int)h->n, 0);
  char *newer = NULL;
  for (size_t i = h->n; i-- > 0;) { /* oldest first, so each diff has its predecessor */
    const GitCommit *c = h->commits[i];
    char *text = git_history_blob(b->git, h->blobs[i], NULL);
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
  for (lua_Integer i = 1, j = n; i < j; i++, j--) {
    lua_rawgeti(L, -1, i);
    lua_rawgeti(L, -2, j);
    lua_rawseti(L, -3, i);
    lua_rawseti(L, -2, j);
  }
  lua_setfield(L, -2, "changes");
  Buf u = BUF_INIT;
  buf_printf(&u, "%sendringer/", p->url);
  render_to(b, "changes.html", out_of(b, arena_strdup(&b->site->arena, u.data)));
  buf_free(&u);
}

static int change_cmp(const void *x, const void *y) {
  const Change *a = x, *b = y;
  if (a->c->time != b->c->time) return a->c->time > b->c->time ? -1 : 1;
  int c = strcmp(a->c->id, b->c->id);
  return c ? c : strcmp(a->p->rel, b->p->rel);
}

enum { RECENT_CHANGES = 50 };

/* /endringer/ and /endringer.xml: the latest changes across the site. */
static void render_site_history(Build *b) {
  Site *s = b->site;
  lua_State *L = b->sb->L;
  Change *all = NULL;
  size_t n = 0, cap = 0;
  Buf rel = BUF_INIT;
  for (size_t i = 0; i < s->n_pages; i++) {
    buf_clear(&rel);
    buf_printf(&rel, "content/%s", s->pages[i]->rel);
    const FileHistory *h = git_history_file(b->git, rel.data);
    for (size_t k = 0; h && k < h->n; k++) {
      if (n == cap) all = realloc(all, (cap = cap ? cap * 2 : 256) * sizeof *all);
      all[n++] = (Change){h->commits[k], s->pages[i]};
    }
    /* the home page's history would take /endringer/ itself */
    if (h && h->n && !s->pages[i]->is_home && claim(b)) render_page_history(b, s->pages[i], h);
  }
  buf_free(&rel);
  if (!claim(b)) {
    free(all);
    return;
  }
  qsort(all, n, sizeof *all, change_cmp);
  if (n > RECENT_CHANGES) n = RECENT_CHANGES;
  lua_createtable(L, 0, 1);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 0, 5);
    luadata_push_page(&b->data, L, all[i].p);
    lua_setfield(L, -2, "page");
    lua_pushstring(L, all[i].c->date); lua_setfield(L, -2, "date");
    if (!all[i].p->is_home) {
      lua_pushfstring(L, "%sendringer/#endring-%s", all[i].p->url, all[i].c->short_id);
      lua_setfield(L, -2, "history_url");
    }
    lua_pushstring(L, all[i].c->short_id); lua_setfield(L, -2, "short");
    lua_pushstring(L, all[i].c->subject); lua_setfield(L, -2, "subject");
    if (all[i].c->note) { lua_pushstring(L, all[i].c->note); lua_setfield(L, -2, "note"); }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "changes");
  render_to(b, "changes-site.html", out_of(b, arena_printf(&s->arena, "%s/endringer/", s->cfg.base_path)));
  Buf atom = BUF_INIT;
  output_atom(s, all, n, &atom);
  emit(b, "endringer.xml", atom.data, atom.len);
  buf_free(&atom);
  free(all);
}

/* The template for pages of type t: <type>.html if there is one. */
static const char *type_template(Build *b, const ContentType *t) {
  Buf name = BUF_INIT;
  buf_printf(&name, "%s.html", t->name);
  const char *tpl = template_exists(b->tpl, name.data) ? arena_strdup(&b->site->arena, name.data) : "page.html";
  buf_free(&name);
  return tpl;
}

/* One content page; the renders of other pages' content are told apart
 * from its own (LuaData.current) for `varde serve`. */
static void render_page(Build *b, const Page *p, const char *tpl) {
  lua_State *L = b->sb->L;
  b->data.current = (long)p->index;
  lua_createtable(L, 0, 2);
  luadata_push_page(&b->data, L, p);
  lua_setfield(L, -2, "page");
  render_to(b, tpl, p->out);
  b->data.current = -1;
  b->stats->pages++;
}

static void render_pages(Build *b) {
  Site *s = b->site;
  lua_State *L = b->sb->L;
  Buf name = BUF_INIT;
  /* each type's template, looked up once rather than once per page */
  const char **tpl_of = calloc(s->cfg.n_types ? s->cfg.n_types : 1, sizeof *tpl_of);
  for (size_t t = 0; t < s->cfg.n_types; t++) tpl_of[t] = type_template(b, &s->cfg.types[t]);
  for (size_t i = 0; i < s->n_pages; i++) {
    Page *p = s->pages[i];
    if (claim(b)) render_page(b, p, p->is_home ? "home.html" : tpl_of[p->type - s->cfg.types]);
  }
  if (!s->home && claim(b)) {
    lua_newtable(L);
    render_to(b, "home.html", "index.html");
  }
  for (size_t t = 0; t < s->cfg.n_types; t++) {
    TypeList *l = &b->col.lists[t];
    if (!l->url || !claim(b)) continue;
    buf_clear(&name);
    buf_printf(&name, "%s-list.html", l->type->name);
    lua_createtable(L, 0, 2);
    luadata_push_type(&b->data, L, l);
    lua_setfield(L, -2, "list_type");
    luadata_push_list(&b->data, L, l->pages, l->n);
    lua_setfield(L, -2, "list");
    render_to(b, pick(b, name.data, "list.html"), out_of(b, l->url));
  }
  for (size_t i = 0; i < b->col.n_tax; i++) {
    TaxIndex *ti = &b->col.tax[i];
    if (claim(b)) {
      lua_createtable(L, 0, 2);
      lua_pushstring(L, ti->tax->name);
      lua_setfield(L, -2, "taxonomy");
      render_to(b, "taxonomy.html", out_of(b, ti->url));
    }
    for (size_t k = 0; k < ti->n_terms; k++) {
      if (!claim(b)) continue;
      lua_createtable(L, 0, 2);
      luadata_push_term(&b->data, L, ti, ti->terms[k]);
      lua_setfield(L, -2, "term");
      render_to(b, "term.html", out_of(b, ti->terms[k]->url));
    }
  }
  if (claim(b)) {
    lua_newtable(L);
    render_to(b, "404.html", "404.html");
  }
  render_extra_pages(b);
  if (b->git) render_site_history(b);
  free(tpl_of);
  buf_free(&name);
}

static void emit_cb(void *ctx, const char *rel, const char *data, size_t len) {
  Build *b = ctx;
  /* only the search index writes through here, from one thread at a time */
  if (b->search_out && !strmap_get(b->search_out, rel)) {
    char *k = strdup(rel);
    strmap_put(b->search_out, k, k);
  }
  emit(b, rel, data, len);
}

static void *search_thread(void *arg) {
  Build *b = arg;
  SearchStats ss;
  search_index_build(b->site, &b->col, emit_cb, b, &ss);
  return NULL;
}

static void write_extras(Build *b) {
  Site *s = b->site;
  Buf out = BUF_INIT;
  output_sitemap(s, &b->col, &out);
  emit(b, "sitemap.xml", out.data, out.len);
  buf_clear(&out);
  output_robots(s, &out);
  emit(b, "robots.txt", out.data, out.len);
  Buf rel = BUF_INIT;
  for (size_t t = 0; t < s->cfg.n_types; t++) {
    TypeList *l = &b->col.lists[t];
    buf_clear(&out);
    output_json(s, l, &out);
    buf_clear(&rel);
    buf_printf(&rel, "data/%s.json", l->type->name);
    emit(b, rel.data, out.data, out.len);
    buf_clear(&out);
    output_csv(s, l, &out);
    buf_clear(&rel);
    buf_printf(&rel, "data/%s.csv", l->type->name);
    emit(b, rel.data, out.data, out.len);
  }
  buf_free(&rel);
  buf_free(&out);
  if (!b->tmp) return;
  /* theme assets and the files beside the pages go through emit() too, so
   * unchanged ones are reused like pages */
  for (size_t i = 0; i < b->assets.n + s->n_files; i++) {
    Buf src = BUF_INIT, dst = BUF_INIT;
    if (i < b->assets.n) {
      buf_puts(&src, b->assets.srcs[i]);
      buf_puts(&dst, b->assets.outs[i]);
    } else {
      buf_printf(&src, "%s/%s", s->content_dir, s->files[i - b->assets.n].rel);
      buf_printf(&dst, "filer/%s", s->files[i - b->assets.n].rel);
    }
    size_t len;
    char *data = fs_read(src.data, &len);
    if (data) emit(b, dst.data, data, len);
    else diag_error(src.data, 0, 0, "cannot read: %s", strerror(errno));
    free(data);
    buf_free(&src);
    buf_free(&dst);
  }
}

/* Pages may not take a URL the build generates itself. */
static void check_generated_urls(Build *b) {
  Site *s = b->site;
  for (size_t t = 0; t < s->cfg.n_types; t++) {
    const char *u = b->col.lists[t].url;
    Page *p = u ? strmap_get(&s->by_url, u) : NULL;
    if (p) diag_error(p->path, 1, 1, "URL %s is already used by the list of %s", u, b->col.lists[t].type->title);
  }
  for (size_t i = 0; i < b->col.n_tax; i++) {
    TaxIndex *ti = &b->col.tax[i];
    Page *p = strmap_get(&s->by_url, ti->url);
    if (p) diag_error(p->path, 1, 1, "URL %s is already used by the taxonomy %s", ti->url, ti->tax->title);
    for (size_t k = 0; k < ti->n_terms; k++)
      if ((p = strmap_get(&s->by_url, ti->terms[k]->url)))
        diag_error(p->path, 1, 1, "URL %s is already used by a taxonomy page", ti->terms[k]->url);
  }
  static const char *const reserved[] = {"assets", "filer", "data", NULL};
  for (size_t i = 0; i < s->n_pages; i++) {
    const char *u = s->pages[i]->url + strlen(s->cfg.base_path);
    for (const char *const *r = reserved; *r; r++)
      if (u[0] == '/' && !strncmp(u + 1, *r, strlen(*r)) && u[1 + strlen(*r)] == '/')
        diag_error(s->pages[i]->path, 1, 1, "URL %s is inside /%s/, which varde writes itself", u, *r);
  }
}

/* Rendering is most of a build's CPU time and every page renders on its
 * own, so it is shared by worker processes forked once the site is loaded:
 * they inherit the pages, the Lua state and the compiled templates without
 * copying (copy-on-write), write their own files into the same folder, and
 * take jobs from a shared counter so that one slow list page does not hold
 * the others up. Processes rather than threads because a Lua state is
 * single-threaded and building one per thread would mean running site.lua
 * and loading every page table again. */
typedef struct {
  int n;
  pid_t pid[MAX_WORKERS];
  int fd[MAX_WORKERS];      /* read end of each worker's message pipe */
} Workers;

static int workers_wanted(const BuildOptions *o) {
  long n = o->jobs;
  const char *e = getenv("VARDE_JOBS");
  if (n <= 0 && e) n = strtol(e, NULL, 10);
  if (n <= 0) n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}


/* A forked worker: render its share, report, and leave without running
 * exit handlers (the parent owns every resource). */
static _Noreturn void worker_main(Build *b, int slot, int fd) {
  BuildStats mine = {0};
  b->stats = &mine;
  b->ordinal = 0;
  b->ticket = __atomic_fetch_add(&b->share->next, 1, __ATOMIC_RELAXED);
  render_pages(b);
  b->share->worker[slot] = mine;
  b->share->errors[slot] = diag_errors();
  char *msgs = diag_take_held();
  fs_write_all(fd, msgs ? msgs : "", msgs ? strlen(msgs) : 0);
  free(msgs);
  _exit(0);
}

static void start_workers(Build *b, Workers *w) {
  w->n = 0;
  int want = workers_wanted(b->o) - 1;
  if (want <= 0) return;
  RenderShare *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (sh == MAP_FAILED) return;
  memset(sh, 0, sizeof *sh);
  b->share = sh;
  diag_hold();
  fflush(NULL);
  for (int i = 0; i < want; i++) {
    int fd[2];
    if (pipe(fd) != 0) break;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
      /* A build killed with -9 must not leave a worker writing into the
       * folder the next build sweeps away. */
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(1);
      close(fd[0]);
      for (int k = 0; k < w->n; k++) close(w->fd[k]);
      diag_reset_count();
      worker_main(b, i, fd[1]);
    }
    close(fd[1]);
    if (pid < 0) {
      close(fd[0]);
      break;
    }
    w->pid[w->n] = pid;
    w->fd[w->n++] = fd[0];
  }
  b->ordinal = 0;
  b->ticket = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);
}

static void finish_workers(Build *b, Workers *w) {
  if (!b->share) return;
  Buf msgs = BUF_INIT;
  int errors = 0;
  for (int i = 0; i < w->n; i++) {
    char chunk[8192];
    ssize_t k;
    while ((k = read(w->fd[i], chunk, sizeof chunk)) > 0 || (k < 0 && errno == EINTR))
      if (k > 0) buf_put(&msgs, chunk, (size_t)k);
    close(w->fd[i]);
    int status = 0;
    while (waitpid(w->pid[i], &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      /* held like this process's own messages, printed with them below */
      diag_error(NULL, 0, 0, "a render worker failed (%s %d)", WIFSIGNALED(status) ? "signal" : "status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
      continue;
    }
    errors += b->share->errors[i];
    b->stats->pages += b->share->worker[i].pages;
    b->stats->files += b->share->worker[i].files;
    b->stats->reused += b->share->worker[i].reused;
  }
  diag_release(buf_str(&msgs), errors);
  buf_free(&msgs);
  munmap(b->share, sizeof *b->share);
  b->share = NULL;
}

static int setup_lua(Build *b) {
  Site *s = b->site;
  lua_State *L = b->sb->L;
  sandbox_env(b->sb);
  b->data = (LuaData){s, &b->col, &b->assets, b->git, LUA_NOREF, b->foreign, -1};
  luadata_install(&b->data, b->sb, -1);
  b->tpl = templates_new(b->sb, s->root, s->cfg.theme, -1);
  lua_pop(L, 1);
  return b->tpl ? 0 : -1;
}

static int run(Build *b) {
  Site *s = b->site;
  phase(NULL);
  if (config_load(&s->cfg, &s->arena, b->sb, s->root) != 0) return 1;
  content_load(s);
  relations_resolve(s);
  phase("load");
  render_markdown(b);
  phase("markdown");
  collections_build(s, &b->col);
  check_generated_urls(b);
  assets_scan(&b->assets, &s->arena, s->root, s->cfg.theme, s->cfg.base_path);
  if (diag_errors()) return 1;
  if (b->search_out) {
    /* shared, so that the render workers' reads are seen here */
    b->n_foreign = s->n_pages ? s->n_pages : 1;
    b->foreign = mmap(NULL, b->n_foreign, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (b->foreign == MAP_FAILED) b->foreign = NULL;
  }
  if (setup_lua(b) != 0) return 1;
  phase("lua data");
  if (b->tmp) {
    fs_rm_rf(b->tmp);
    if (fs_mkdir_p(b->tmp) != 0) {
      diag_error(b->tmp, 0, 0, "cannot create output folder: %s", strerror(errno));
      return 2;
    }
  }
  Workers w;
  start_workers(b, &w); /* before any thread: fork copies only this one */
  /* The search index needs only the loaded pages, not Lua: it is built on
   * a thread beside the renderers. */
  pthread_t search;
  int threaded = pthread_create(&search, NULL, search_thread, b) == 0;
  if (!threaded) search_thread(b);
  render_pages(b);
  phase("render");
  if (threaded) pthread_join(search, NULL);
  phase("search");
  finish_workers(b, &w);
  write_extras(b);
  phase("extras");
  return diag_errors() ? 1 : 0;
}

/* A build killed with -9 leaves <out>.tmp-PID (and .src-PID) behind; the
 * next build removes those whose process is gone. */
static void remove_stale(const char *out) {
  Buf dir = BUF_INIT, base = BUF_INIT;
  const char *slash = strrchr(out, '/');
  if (slash) buf_put(&dir, out, (size_t)(slash - out));
  else buf_puts(&dir, ".");
  buf_puts(&base, slash ? slash + 1 : out);
  DIR *d = opendir(dir.len ? dir.data : "/");
  struct dirent *e;
  while (d && (e = readdir(d))) {
    const char *n = e->d_name;
    if (strncmp(n, base.data, base.len) != 0) continue;
    const char *tail = n + base.len;
    if (strncmp(tail, ".tmp-", 5) != 0 && strncmp(tail, ".src-", 5) != 0 &&
        strncmp(tail, ".old-", 5) != 0)
      continue;
    char *end;
    long pid = strtol(tail + 5, &end, 10);
    if (*end || pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
      Buf p = BUF_INIT;
      buf_printf(&p, "%s/%s", dir.len ? dir.data : "", n);
      fs_rm_rf(p.data);
      buf_free(&p);
    }
  }
  if (d) closedir(d);
  buf_free(&dir);
  buf_free(&base);
}

struct BuildSession {
  BuildOptions o;
  Site site;
  Build b;
  Buf out;
  StrMap search_out;
};

void build_session_free(BuildSession *ss) {
  if (!ss) return;
  Build *b = &ss->b;
  templates_free(b->tpl);
  sandbox_free(b->sb);
  collections_free(&b->col);
  assets_free(&b->assets);
  site_free(&ss->site);
  git_history_free(b->git);
  if (b->foreign) munmap(b->foreign, b->n_foreign);
  for (size_t i = 0; i < ss->search_out.cap; i++) free((char *)ss->search_out.keys[i]);
  strmap_free(&ss->search_out);
  buf_free(&ss->out);
  free(ss);
}

int build_site_keep(const BuildOptions *o, BuildStats *stats, BuildSession **keep) {
  double t0 = now();
  memset(stats, 0, sizeof *stats);
  if (keep) *keep = NULL;
  BuildSession *ss = calloc(1, sizeof *ss);
  if (!ss) return 2;
  ss->o = *o;
  o = &ss->o;
  Site *site = &ss->site;
  site->root = o->root ? o->root : ".";
  site->drafts = o->drafts;
  Build *b = &ss->b;
  *b = (Build){.o = o, .site = site, .stats = stats};
  if (keep && !o->rev && !o->check_only) b->search_out = &ss->search_out;
  Buf *out = &ss->out, tmp = BUF_INIT;
  if (o->out) buf_puts(out, o->out);
  else buf_printf(out, "%s/public", site->root);
  while (out->len > 1 && out->data[out->len - 1] == '/') out->data[--out->len] = '\0';
  /* Built beside the destination (same file system, so the swap is a
   * rename) and under a per-process name, so two builds never collide. */
  buf_printf(&tmp, "%s.tmp-%ld", out->data, (long)getpid());
  if (!o->check_only) b->tmp = tmp.data;
  if (!o->check_only && fs_is_dir(out->data)) b->prev = out->data;
  remove_stale(out->data);
  /* A build from the same inputs into the same folder would write what is
   * there already. --rev builds are not stamped (their inputs are git's). */
  uint64_t stamp = 0;
  if (!o->check_only && !o->rev) {
    char real[PATH_MAX];
    Buf opt = BUF_INIT;
    buf_printf(&opt, "root=%s drafts=%d", realpath(site->root, real) ? real : site->root, o->drafts);
    stamp = stamp_inputs(site->root, opt.data);
    buf_free(&opt);
    if (!o->force && !keep && stamp && stamp_current(out->data, stamp)) {
      stats->up_to_date = 1;
      buf_free(&tmp);
      build_session_free(ss);
      stats->seconds = now() - t0;
      return 0;
    }
  }
  Buf src = BUF_INIT;
  int rc = 0;
  const char *repo_root = site->root;
  if (o->rev) {
    /* Build from the revision's own tree, written to a private folder: the
     * working tree and the index are never touched. */
    buf_printf(&src, "%s.src-%ld", out->data, (long)getpid());
    fs_rm_rf(src.data);
    if (git_export_tree(site->root, o->rev, src.data) != 0) rc = 1;
    site->root = src.data;
  }
  phase(NULL);
  b->git = rc ? NULL : git_history_load(repo_root, o->rev);
  phase("git");
  if (o->rev && !b->git && !rc) rc = 1;
  b->sb = sandbox_new(LUA_MEMORY, LUA_INSTRUCTIONS);
  markdown_init();
  if (rc == 0) rc = b->sb ? run(b) : 2;
  if (rc == 0 && b->tmp && fs_swap_dir(b->tmp, out->data) != 0) {
    diag_error(out->data, 0, 0, "cannot move the new site into place: %s", strerror(errno));
    rc = 2;
  }
  /* serve folders are temporary: no stamp to leave behind */
  if (rc == 0 && b->tmp) stamp_write(out->data, keep ? 0 : stamp);
  if (rc != 0 && b->tmp) fs_rm_rf(b->tmp);
  if (src.len) fs_rm_rf(src.data);
  buf_free(&src);
  buf_free(&tmp);
  b->tmp = b->prev = NULL;
  if (rc == 0 && keep && b->search_out) {
    b->tmp = out->data; /* later updates write into the site in place */
    b->live = 1;
    *keep = ss;
  } else {
    build_session_free(ss);
  }
  stats->seconds = now() - t0;
  return rc;
}

int build_site(const BuildOptions *o, BuildStats *stats) { return build_site_keep(o, stats, NULL); }

int build_session_knows(const BuildSession *ss, const char *path) {
  if (strncmp(path, "content/", 8) != 0) return 0;
  return site_page_by_rel(&ss->site, path + 8) || site_file_by_rel(&ss->site, path + 8);
}

/* Same headings; a page's anchors are its headings' ids, so the same too. */
static int same_toc(const Page *a, const Page *b) {
  if (a->n_toc != b->n_toc) return 0;
  for (size_t i = 0; i < a->n_toc; i++)
    if (a->toc[i].level != b->toc[i].level || strcmp(a->toc[i].id, b->toc[i].id) ||
        strcmp(a->toc[i].text, b->toc[i].text))
      return 0;
  return 1;
}

static void drop_fresh(Page **fresh, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!fresh[i]) continue;
    free(fresh[i]->html);
    free(fresh[i]->text);
    strmap_free(&fresh[i]->anchors);
  }
  free(fresh);
}

/* Reads, checks and renders the changed pages' Markdown. 0, 1 (errors) or
 * -1 (something other pages can see changed). */
static int prepare_updates(BuildSession *ss, char **changed, size_t n, Page **old, Page **fresh) {
  Site *s = &ss->site;
  for (size_t i = 0; i < n; i++) {
    const char *c = changed[i];
    if (strncmp(c, "content/", 8) != 0 || !ends_with(c, ".md")) return -1;
    old[i] = site_page_by_rel(s, c + 8);
    /* a page whose content another page shows is not updated alone */
    if (!old[i] || !ss->b.foreign || ss->b.foreign[old[i]->index]) return -1;
  }
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    int r = content_reparse(s, old[i], &fresh[i]);
    if (r < 0) return -1;
    if (r > 0) rc = 1;
  }
  if (rc) return 1;
  LinkCtx lc = {.site = s};
  for (size_t i = 0; i < n; i++) markdown_page(s, &lc, fresh[i]);
  int errors = diag_errors();
  links_check_anchors(&lc);
  links_free(&lc);
  if (diag_errors() > errors) return 1;
  /* headings are what other pages link to and what tables of contents show */
  for (size_t i = 0; i < n; i++)
    if (!same_toc(old[i], fresh[i])) return -1;
  return 0;
}

int build_update(BuildSession *ss, char **changed, size_t n, BuildStats *stats) {
  double t0 = now();
  memset(stats, 0, sizeof *stats);
  Build *b = &ss->b;
  b->stats = stats;
  Page **old = calloc(n ? n : 1, sizeof *old), **fresh = calloc(n ? n : 1, sizeof *fresh);
  int rc = prepare_updates(ss, changed, n, old, fresh);
  if (rc == 0) {
    for (size_t i = 0; i < n; i++) {
      Page *p = old[i], *f = fresh[i];
      p->body = f->body;
      p->body_len = f->body_len;
      p->body_line = f->body_line;
      char *h = p->html, *t = p->text;
      p->html = f->html;
      p->text = f->text;
      f->html = h;
      f->text = t;
    }
    for (size_t i = 0; i < n; i++)
      render_page(b, old[i], old[i]->is_home ? "home.html" : type_template(b, old[i]->type));
    if (diag_errors()) rc = 1;
  }
  drop_fresh(fresh, n);
  free(old);
  stats->seconds = now() - t0;
  return rc;
}

int build_update_search(BuildSession *ss, BuildStats *stats) {
  double t0 = now();
  memset(stats, 0, sizeof *stats);
  Build *b = &ss->b;
  b->stats = stats;
  StrMap before = ss->search_out;
  memset(&ss->search_out, 0, sizeof ss->search_out);
  SearchStats st;
  search_index_build(&ss->site, &b->col, emit_cb, b, &st);
  /* files of the old index that the new one no longer has */
  Buf path = BUF_INIT;
  for (size_t i = 0; i < before.cap; i++) {
    const char *k = before.keys[i];
    if (!k) continue;
    if (!strmap_get(&ss->search_out, k)) {
      buf_clear(&path);
      buf_printf(&path, "%s/%s", b->tmp, k);
      unlink(path.data);
    }
    free((char *)k);
  }
  buf_free(&path);
  strmap_free(&before);
  stats->seconds = now() - t0;
  return diag_errors() ? 1 : 0;
}
