#include "buf.h"
#include "collections.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fsutil.h"
#include "plan.h"
#include "sandbox.h"
#include "test.h"
#include <stdlib.h>

static int only_tiltak(void *ctx, const char *name) {
  (void)ctx;
  return !strcmp(name, "tiltak.html");
}

static const Job *find(const Plan *p, JobKind k, const char *out) {
  for (size_t i = 0; i < p->n; i++)
    if (p->jobs[i].kind == k && !strcmp(p->jobs[i].out, out)) return &p->jobs[i];
  return NULL;
}

void suite_plan(void) {
  Site s = {0};
  s.root = "tests/fixtures/basic";
  Sandbox *sb = sandbox_new(32u << 20, 1000000);
  Collections col;
  Plan p;
  int loaded = config_load(&s.cfg, &s.arena, sb, s.root) == 0;
  if (loaded) {
    content_load(&s);
    relations_resolve(&s);
    collections_build(&s, &col);
    PlanInput in = {&s, &col, NULL, NULL, only_tiltak, NULL};
    plan_build(&p, &in, &s.arena);
  }
  TEST("the plan lists every page with its template and output") {
    CHECK(loaded);
    CHECK(s.n_pages > 2);
    for (size_t i = 0; loaded && i < s.n_pages; i++) {
      const Job *j = &p.jobs[p.page_job[s.pages[i]->index]];
      CHECK(j->kind == JOB_PAGE && j->page == s.pages[i]);
      CHECK_STR(j->out, s.pages[i]->out);
      CHECK_STR(j->template, s.pages[i]->is_home ? "home.html"
                              : !strcmp(s.pages[i]->type->name, "tiltak") ? "tiltak.html" : "page.html");
    }
  }
  TEST("generated pages and files are jobs too; folders are not rendered") {
    const Job *l = loaded ? find(&p, JOB_LIST, "tiltak/index.html") : NULL;
    CHECK(l && !strcmp(l->template, "list.html") && !strcmp(l->url, "/tiltak/"));
    CHECK(loaded && find(&p, JOB_NOT_FOUND, "404.html"));
    CHECK(loaded && find(&p, JOB_SITEMAP, "sitemap.xml"));
    CHECK(loaded && find(&p, JOB_DATA_CSV, "data/tiltak.csv"));
    CHECK(loaded && find(&p, JOB_TERM, "tema/demens/index.html"));
    CHECK(loaded && !find(&p, JOB_SITE_HISTORY, "endringer/index.html")); /* no git */
    for (size_t i = 0; loaded && i < p.n; i++) CHECK((p.jobs[i].kind == JOB_FOLDER) == (i >= p.n_render));
  }
  TEST("no collisions in a well-formed site") { CHECK(loaded && plan_check(&p, "") == 0); }
  TEST("a page on a generated page's path is reported at the page, naming the other") {
    Page *victim = NULL;
    for (size_t i = 0; loaded && i < s.n_pages; i++)
      if (!s.pages[i]->is_home) victim = s.pages[i];
    CHECK(victim != NULL);
    if (victim) {
      Job *j = &p.jobs[p.page_job[victim->index]];
      j->out = "404.html";
      CHECK(plan_check(&p, "") == 1);
      Buf want = BUF_INIT;
      buf_printf(&want, "%s:1:1: error: adressen %s er allerede brukt av siden for adresser som ikke finnes; "
                 "gi filen et annet navn, så får siden en annen adresse", victim->path,
                 victim->url);
      CHECK(strstr(diag_captured(), want.data) != NULL);
      buf_free(&want);
      j->out = "data/x/index.html";
      CHECK(plan_check(&p, "") == 1);
      CHECK(strstr(diag_captured(), "ligger i /data/, som varde skriver selv (de åpne dataene)") != NULL);
    }
  }
  TEST("docs/templates.md names every kind of job and the templates the plan chooses") {
    size_t len;
    char *doc = fs_read("docs/templates.md", &len);
    CHECK(doc != NULL);
    for (int k = 0; doc && k < JOB_KINDS; k++) {
      /* the kind's row: "| `kind` |" or "| `kind`, `other` |" */
      Buf key = BUF_INIT;
      buf_printf(&key, "`%s`", plan_kind_name((JobKind)k));
      /* rows of the section, whose first cell names the kind */
      const char *sec = strstr(doc, "## Which template renders what");
      const char *sec_end = sec ? strstr(sec + 1, "\n## ") : NULL;
      const char *row = NULL;
      for (const char *at = sec; at && at < sec_end && (at = strstr(at, "\n| ")) && at < sec_end; at++) {
        const char *cell_end = strstr(at + 3, " |");
        const char *hit = strstr(at + 3, key.data);
        if (hit && cell_end && hit < cell_end) row = at + 1;
      }
      if (!row) printf("  no row for %s\n", key.data);
      CHECK(row != NULL);
      const char *end = row ? strchr(row, '\n') : NULL;
      for (size_t i = 0; row && end && loaded && i < p.n; i++) {
        const Job *j = &p.jobs[i];
        if ((int)j->kind != k || !j->template || j->kind == JOB_EXTRA) continue;
        /* a type's own template is documented as T.html / T-list.html */
        const char *t = j->template, *want = t;
        if (j->kind == JOB_PAGE && !j->page->is_home && !strcmp(t, "tiltak.html")) want = "`T.html`";
        Buf in = BUF_INIT;
        buf_put(&in, row, (size_t)(end - row));
        if (!strstr(in.data, want)) printf("  %s: row lacks %s\n", key.data, want);
        CHECK(strstr(in.data, want) != NULL);
        buf_free(&in);
      }
      buf_free(&key);
    }
    free(doc);
  }
  if (loaded) collections_free(&col);
  plan_free(&p);
  site_free(&s);
  sandbox_free(sb);
}
