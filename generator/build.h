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

/* `varde serve` keeps what a build loaded and, when only pages' bodies
 * change, updates those pages alone. */
typedef struct BuildSession BuildSession;
/* build_site, and on success *keep holds the loaded site for updates. */
int build_site_keep(const BuildOptions *o, BuildStats *stats, BuildSession **keep);
/* Re-renders the changed files (paths relative to the site, such as
 * "content/tiltak/x.md") in place. 0: done (then call build_update_search);
 * 1: errors, reported, nothing written; -1: a change that other pages can
 * see (front matter, headings, a new or removed file, a template...): build
 * the whole site again. */
int build_update(BuildSession *s, char **changed, size_t n, BuildStats *stats);
/* Rebuilds the search index after build_update, removing files it no
 * longer has. */
int build_update_search(BuildSession *s, BuildStats *stats);
/* Is path ("content/x/y.md") a page or file of the loaded site? */
int build_session_knows(const BuildSession *s, const char *path);
void build_session_free(BuildSession *s);
/* The loaded site, for what `varde serve` shows beside it. */
struct Site;
const struct Site *build_session_site(const BuildSession *s);

#endif
