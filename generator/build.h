/* build.h: the pipeline. load site.lua -> load and validate content ->
 * resolve refs -> render Markdown (links, anchors) -> collections ->
 * render templates -> write aside -> swap into place. */
#ifndef VARDE_BUILD_H
#define VARDE_BUILD_H
#include <stddef.h>

typedef struct {
  const char *root;         /* site folder (default ".") */
  const char *out;          /* output folder (default <root>/public) */
  int drafts;
  int preview;              /* `varde serve`: errors in content/ do not stop the build; a page
                             * that cannot be read is rendered from what can be */
  int check_only;           /* validate and render, write nothing */
  int print_plan;           /* `varde plan` (implies check_only): load, plan, print the plan
                             * on stdout, render nothing; 1: every job, 2: one line per kind
                             * and template */
  const char *rev;          /* build from this git revision's tree */
  int quiet;
  int force;                /* build even when the stamp says nothing changed */
  int jobs;                 /* render processes; 0: one per CPU (VARDE_JOBS) */
} BuildOptions;

typedef struct {
  unsigned long pages, files, reused; /* reused: unchanged files linked from the last build */
  int up_to_date;           /* nothing changed since the last build: nothing done */
  double seconds;
} BuildStats;

/* Returns 0 on success, 1 when the site has errors, 2 on a system failure. */
int build_site(const BuildOptions *o, BuildStats *stats);

/* `varde serve` keeps what a build loaded (session.h). */
typedef struct BuildSession BuildSession;
/* build_site, and on success *keep holds the loaded site for updates. */
int build_site_keep(const BuildOptions *o, BuildStats *stats, BuildSession **keep);

#endif
