/* plan.h: routing as data. Once the site is loaded, plan_build lists every
 * file the build will write, one job each: what kind of output it is, the
 * template that renders it, its path in the output folder and its subject
 * (a page, a list, a term...). The plan does no Lua and no I/O; rendering
 * (render.c) turns one job into one file, and the render workers
 * (workers.c) share the jobs out by index, so what is written does not
 * depend on how many processes write it. Because every output is known
 * before anything is rendered, plan_check finds every URL used twice
 * (a page against a generated page, two generated pages) and every page
 * inside a folder varde writes itself, naming both sources. */
#ifndef VARDE_PLAN_H
#define VARDE_PLAN_H
#include "assets.h"
#include "collections.h"
#include "content.h"
#include "git_history.h"
#include <stddef.h>
#include <stdio.h>

typedef enum {
  JOB_PAGE,         /* a content page: page; <type>.html, page.html or home.html;
                     * a translation: translation.html when the theme has it */
  JOB_HOME,         /* home.html when there is no content/_index.md */
  JOB_LIST,         /* a type's list page: list; <type>-list.html or list.html */
  JOB_TAXONOMY,     /* a taxonomy's overview: tax; taxonomy.html */
  JOB_TERM,         /* one term's pages: tax, term; term.html */
  JOB_NOT_FOUND,    /* 404.html */
  JOB_EXTRA,        /* site.lua's pages[extra->index]: extra; its template */
  JOB_PAGE_HISTORY, /* /<page>/endringer/: page, history; changes.html */
  JOB_SITE_HISTORY, /* /endringer/: the latest changes; changes-site.html */
  JOB_FEED,         /* endringer.xml: the same as an Atom feed */
  JOB_SITEMAP,      /* sitemap.xml */
  JOB_ROBOTS,       /* robots.txt */
  JOB_DATA_JSON,    /* data/<type>.json: list */
  JOB_DATA_CSV,     /* data/<type>.csv: list */
  JOB_ASSET,        /* a theme or static asset, copied: index into Assets */
  JOB_FILE,         /* a file beside the pages, copied to filer/: file */
  /* not render jobs: */
  JOB_PAGE_FILE,    /* a file a component of a page asks for (a chart's CSV), written
                     * beside the page by the page's own job: page */
  JOB_FOLDER,       /* a folder written by others (the search index) or
                     * reserved for one kind of file: not a render job */
  JOB_KINDS
} JobKind;

typedef struct {
  JobKind kind;
  const char *template;     /* NULL: written by C */
  const char *out;          /* relative to the output folder; a JOB_FOLDER ends with '/' */
  const char *url;          /* the address it is served at (base path included) */
  /* who asked for this output, for messages: a content file, or site.lua */
  const char *source;
  int line, col;
  const char *what;         /* in words: "the list of Tiltak" */
  /* the subject, by kind */
  const Page *page;
  const TypeList *list;
  const TaxIndex *tax;
  const Term *term;
  const ExtraPage *extra;
  const FileHistory *history;
  const StaticFile *file;
  size_t asset;
  JobKind owner;            /* JOB_FOLDER: the kind of job allowed inside it */
} Job;

typedef struct {
  Job *jobs;
  size_t n;                 /* jobs[0..n_render) are rendered; the rest (page files,
                             * folders) are written by other jobs or by others */
  size_t n_render;
  size_t *page_job;         /* by page index: the page's JOB_PAGE */
} Plan;

typedef struct {
  const Site *site;
  const Collections *col;
  const Assets *assets;
  const GitHistory *git;    /* NULL outside git: no change history */
  /* Does the site or its theme have this template? Asked for the optional
   * ones (<type>.html, <type>-list.html) only. */
  int (*has_template)(void *ctx, const char *name);
  void *ctx;
} PlanInput;

/* Lists every output of the site (allocated in arena). */
void plan_build(Plan *p, const PlanInput *in, Arena *arena);
/* Reports every output path claimed twice and every page inside a reserved
 * folder through diag; returns how many errors it reported. */
int plan_check(const Plan *p, const char *base_path);
void plan_free(Plan *p);
/* Is anything served at url (base path included): an output of the plan, or
 * a place inside a folder others write (the search index)? `plan` is a
 * const Plan *, for links_check_root. */
int plan_has_url(void *plan, const char *url);
/* The kind's name, as `varde plan` prints it: "page", "list"... */
const char *plan_kind_name(JobKind k);
/* The table `varde plan` prints, tab-separated: kind, template (- when
 * written by C), output path, what it is; one job a line. by_template: one
 * line per kind and template instead, with how many jobs and the first
 * output: kind, template, count, example output. */
void plan_print(const Plan *p, FILE *f, int by_template);

#endif
