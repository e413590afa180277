/* build.c: the pipeline. Loads the site, plans every output (plan.c),
 * renders the plan on one or more processes (workers.c, render.c) beside
 * the search index thread, and swaps the new folder into place (outdir.c).
 * What it loaded is a BuildSession (session.c), kept by `varde serve`. */
#include "build.h"
#include "xalloc.h"
#include "components.h"
#include "diag.h"
#include "fsutil.h"
#include "languages.h"
#include "links.h"
#include "markdown.h"
#include "markdown_site.h"
#include "search_index.h"
#include "session.h"
#include "stamp.h"
#include "workers.h"
#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

enum { LUA_MEMORY = 512u << 20, LUA_INSTRUCTIONS = 20 * 1000 * 1000 };

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

static int has_template(void *ctx, const char *name) {
  const Site *s = ctx;
  return template_file_exists(s->root, s->cfg.theme, name);
}

/* Every output of the site, and no URL taken twice. */
static void plan(BuildSession *ss) {
  PlanInput in = {&ss->site, &ss->col, &ss->assets, ss->git, has_template, &ss->site};
  plan_build(&ss->plan, &in, &ss->site.arena);
  plan_check(&ss->plan, ss->site.cfg.base_path);
  links_check_root(&ss->site, 0, plan_has_url, &ss->plan);
}

/* Errors that stop the build. A preview renders in spite of errors in
 * content/: `varde serve` lists them on their pages. */
static int failed(const BuildSession *ss) {
  int n = diag_errors();
  if (ss->o.preview) n -= diag_content_errors();
  return n > 0;
}

static int setup_lua(BuildSession *ss) {
  Site *s = &ss->site;
  lua_State *L = ss->sb->L;
  sandbox_env(ss->sb);
  ss->data = (LuaData){s, &ss->col, &ss->assets, ss->git, LUA_NOREF, ss->foreign, -1, LUA_NOREF, LUA_NOREF};
  luadata_install(&ss->data, ss->sb, -1);
  ss->tpl = templates_new(ss->sb, s->root, s->cfg.theme, -1);
  lua_pop(L, 1);
  ss->r = (Renderer){s, &ss->col, &ss->assets, ss->git, ss->sb, ss->tpl, &ss->data, &ss->out};
  if (!ss->tpl) return -1;
  ss->data.component_ref = template_component_ref(ss->tpl);
  /* every declared component has its template */
  const Components *cs = s->cfg.components;
  for (size_t i = 0; cs && i < cs->n; i++)
    if (!template_exists(ss->tpl, cs->items[i].template))
      diag_error(s->cfg.theme ? "themes" : "site.lua", 0, 0, "component '%s': there is no template %s in "
                 "templates/ or the theme", cs->items[i].name, cs->items[i].template);
  return failed(ss) ? -1 : 0;
}

static void *search_thread(void *arg) {
  BuildSession *ss = arg;
  SearchStats st;
  search_index_build(&ss->site, &ss->col, session_search_emit, ss, &st);
  return NULL;
}

static int load(BuildSession *ss) {
  Site *s = &ss->site;
  phase(NULL);
  if (config_load(&s->cfg, &s->arena, ss->sb, s->root) != 0) return 1;
  git_history_use_notes(ss->git, s->cfg.change_note);
  Components *cs = arena_alloc(&s->arena, sizeof *cs);
  if (components_load(cs, &s->arena, ss->sb, s->root, s->cfg.theme, s->cfg.site_ref) != 0) return 1;
  s->cfg.components = cs;
  content_load(s);
  languages_resolve(s);
  relations_resolve(s);
  phase("load");
  markdown_site(s);
  phase("markdown");
  languages_report(s, ss->o.check_only ? stderr : NULL);
  collections_build(s, &ss->col);
  assets_scan(&ss->assets, &s->arena, s->root, s->cfg.theme, s->cfg.base_path);
  plan(ss);
  return failed(ss);
}

static int run(BuildSession *ss) {
  if (load(ss) != 0) return 1;
  if (ss->o.print_plan) {
    plan_print(&ss->plan, stdout, ss->o.print_plan == 2);
    return 0;
  }
  if (ss->search_out) {
    /* shared, so that the render workers' reads are seen here */
    ss->n_foreign = ss->site.n_pages ? ss->site.n_pages : 1;
    ss->foreign = mmap(NULL, ss->n_foreign, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (ss->foreign == MAP_FAILED) ss->foreign = NULL;
  }
  if (setup_lua(ss) != 0) return 1;
  phase("lua data");
  int rc = outdir_create(&ss->out);
  if (rc) return rc;
  Workers w;
  workers_start(&w, &ss->r, &ss->plan, workers_wanted(ss->o.jobs, ss->plan.n_render)); /* before any thread */
  /* The search index needs only the loaded pages, not Lua: it is built on
   * a thread beside the renderers. */
  pthread_t search;
  int threaded = pthread_create(&search, NULL, search_thread, ss) == 0;
  if (!threaded) search_thread(ss);
  workers_render(&w);
  phase("render");
  if (threaded) pthread_join(search, NULL);
  phase("search");
  workers_finish(&w);
  return failed(ss);
}

/* The inputs' stamp, or 0 when the build is not stamped. */
static uint64_t inputs_stamp(const BuildSession *ss) {
  const BuildOptions *o = &ss->o;
  if (o->check_only || o->rev) return 0; /* --rev builds' inputs are git's */
  char real[PATH_MAX];
  Buf opt = BUF_INIT;
  buf_printf(&opt, "root=%s drafts=%d", realpath(ss->site.root, real) ? real : ss->site.root, o->drafts);
  uint64_t stamp = stamp_inputs(ss->site.root, opt.data);
  buf_free(&opt);
  return stamp;
}

/* Loads, renders and swaps in; 0, 1 or 2 like build_site. */
static int build(BuildSession *ss, int keep, uint64_t stamp) {
  const BuildOptions *o = &ss->o;
  Site *site = &ss->site;
  Buf src = BUF_INIT;
  int rc = 0;
  const char *repo_root = site->root;
  if (o->rev) {
    /* Build from the revision's own tree, written to a private folder: the
     * working tree and the index are never touched. */
    buf_printf(&src, "%s.src-%ld", ss->dest.data, (long)getpid());
    fs_rm_rf(src.data);
    if (git_export_tree(site->root, o->rev, src.data) != 0) rc = 1;
    /* marked as varde's, so a killed build's copy is cleaned up later */
    Buf mark = BUF_INIT;
    buf_printf(&mark, "%s/%s", src.data, OUTDIR_MARKER);
    if (rc == 0) fs_write(mark.data, "", 0);
    buf_free(&mark);
    site->root = src.data;
  }
  phase(NULL);
  ss->git = rc ? NULL : git_history_load(repo_root, o->rev);
  phase("git");
  /* --rev with no history: an error when loading it failed (reported), not
   * in a shallow clone (warned: built without dates) */
  if (o->rev && !ss->git && !rc && diag_errors() > 0) rc = 1;
  ss->sb = sandbox_new(LUA_MEMORY, LUA_INSTRUCTIONS);
  markdown_init();
  if (rc == 0) rc = ss->sb ? run(ss) : 2;
  if (rc == 0) rc = outdir_swap(&ss->out, ss->dest.data);
  /* serve folders are temporary: no stamp to leave behind */
  if (rc == 0 && ss->out.dir) stamp_write(ss->dest.data, keep ? 0 : stamp);
  if (rc != 0 && ss->out.dir) fs_rm_rf(ss->out.dir);
  if (src.len) fs_rm_rf(src.data);
  buf_free(&src);
  return rc;
}

int build_site_keep(const BuildOptions *o, BuildStats *stats, BuildSession **keep) {
  double t0 = now();
  memset(stats, 0, sizeof *stats);
  if (keep) *keep = NULL;
  BuildSession *ss = xcalloc(1, sizeof *ss);
  ss->o = *o;
  o = &ss->o;
  ss->site.root = o->root ? o->root : ".";
  ss->site.drafts = o->drafts;
  ss->site.preview = o->preview;
  ss->out.stats = stats;
  if (keep && !o->rev && !o->check_only) ss->search_out = &ss->search_files;
  Buf *dest = &ss->dest, tmp = BUF_INIT;
  if (o->out) buf_puts(dest, o->out);
  else buf_printf(dest, "%s/public", ss->site.root);
  while (dest->len > 1 && dest->data[dest->len - 1] == '/') dest->data[--dest->len] = '\0';
  if (!o->check_only && outdir_resolve(dest->data, ss->site.root, dest) != 0) {
    session_free(ss);
    stats->seconds = now() - t0;
    return 2;
  }
  buf_printf(&tmp, "%s.tmp-%ld", dest->data, (long)getpid());
  if (!o->check_only) ss->out.dir = tmp.data;
  if (!o->check_only && fs_is_dir(dest->data)) ss->out.prev = dest->data;
  outdir_remove_stale(dest->data);
  /* A build from the same inputs into the same folder would write what is
   * there already. */
  uint64_t stamp = inputs_stamp(ss);
  if (!o->force && !keep && stamp && stamp_current(dest->data, stamp)) {
    stats->up_to_date = 1;
    buf_free(&tmp);
    session_free(ss);
    stats->seconds = now() - t0;
    return 0;
  }
  int rc = build(ss, keep != NULL, stamp);
  buf_free(&tmp);
  ss->out.dir = ss->out.prev = NULL;
  if (rc == 0 && keep && ss->search_out) {
    ss->out.dir = ss->dest.data; /* later updates write into the site in place */
    ss->out.live = 1;
    *keep = ss;
  } else {
    session_free(ss);
  }
  stats->seconds = now() - t0;
  return rc;
}

int build_site(const BuildOptions *o, BuildStats *stats) { return build_site_keep(o, stats, NULL); }
