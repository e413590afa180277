#include "session.h"
#include "xalloc.h"
#include "diag.h"
#include "links.h"
#include "markdown_site.h"
#include "search_index.h"
#include "text.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void session_search_emit(void *ctx, const char *rel, const char *data, size_t len) {
  BuildSession *ss = ctx;
  /* only the search index writes through here, from one thread at a time */
  if (ss->search_out && !strmap_get(ss->search_out, rel)) {
    char *k = xstrdup(rel);
    strmap_put(ss->search_out, k, k);
  }
  outdir_emit(&ss->out, rel, data, len);
}

void session_free(BuildSession *ss) {
  if (!ss) return;
  templates_free(ss->tpl);
  sandbox_free(ss->sb);
  collections_free(&ss->col);
  assets_free(&ss->assets);
  plan_free(&ss->plan);
  site_free(&ss->site);
  git_history_free(ss->git);
  if (ss->foreign) munmap(ss->foreign, ss->n_foreign);
  for (size_t i = 0; i < ss->search_files.cap; i++) free((char *)ss->search_files.keys[i]);
  strmap_free(&ss->search_files);
  buf_free(&ss->dest);
  free(ss);
}

const Site *session_site(const BuildSession *ss) { return &ss->site; }

int session_knows(const BuildSession *ss, const char *path) {
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
    if (strncmp(c, "content/", 8) != 0 || !content_page_ext(c)) return -1;
    old[i] = site_page_by_rel(s, c + 8);
    /* a page whose content another page shows is not updated alone */
    if (!old[i] || !ss->foreign || ss->foreign[old[i]->index]) return -1;
  }
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    int r = content_reparse(s, old[i], &fresh[i]);
    if (r < 0) return -1;
    if (r > 0) rc = 1;
  }
  if (rc) return 1;
  LinkCtx lc = {.site = s};
  size_t roots = s->n_root_links;
  for (size_t i = 0; i < n; i++) markdown_page(s, &lc, fresh[i]);
  int errors = diag_errors();
  links_check_root(s, roots, plan_has_url, &ss->plan);
  s->n_root_links = roots; /* checked: not kept, so updates do not pile them up */
  links_check_anchors(&lc);
  links_free(&lc);
  if (diag_errors() > errors) return 1;
  /* headings are what other pages link to and what tables of contents show */
  for (size_t i = 0; i < n; i++)
    if (!same_toc(old[i], fresh[i])) return -1;
  return 0;
}

int session_update(BuildSession *ss, char **changed, size_t n, BuildStats *stats) {
  double t0 = now();
  memset(stats, 0, sizeof *stats);
  ss->out.stats = stats;
  Page **old = xcalloc(n ? n : 1, sizeof *old), **fresh = xcalloc(n ? n : 1, sizeof *fresh);
  int rc = prepare_updates(ss, changed, n, old, fresh);
  if (rc == 0) {
    assert(ss->out.live && ss->out.dir); /* a kept session writes into the served folder */
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
    for (size_t i = 0; i < n; i++) luadata_forget(&ss->data, ss->sb->L, old[i]);
    /* the same job the full build rendered for the page */
    for (size_t i = 0; i < n; i++) render_job(&ss->r, &ss->plan.jobs[ss->plan.page_job[old[i]->index]]);
    if (diag_errors()) rc = 1;
  }
  drop_fresh(fresh, n);
  free(old);
  stats->seconds = now() - t0;
  return rc;
}

int session_update_search(BuildSession *ss, BuildStats *stats) {
  double t0 = now();
  memset(stats, 0, sizeof *stats);
  ss->out.stats = stats;
  StrMap before = ss->search_files;
  memset(&ss->search_files, 0, sizeof ss->search_files);
  SearchStats st;
  search_index_build(&ss->site, &ss->col, session_search_emit, ss, &st);
  /* files of the old index that the new one no longer has */
  Buf path = BUF_INIT;
  for (size_t i = 0; i < before.cap; i++) {
    const char *k = before.keys[i];
    if (!k) continue;
    if (!strmap_get(&ss->search_files, k)) {
      buf_clear(&path);
      buf_printf(&path, "%s/%s", ss->out.dir, k);
      unlink(path.data);
    }
    free((char *)k);
  }
  buf_free(&path);
  strmap_free(&before);
  stats->seconds = now() - t0;
  return diag_errors() ? 1 : 0;
}
