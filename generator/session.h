/* session.h: what a build loads, kept together. A build fills one
 * BuildSession and frees it at the end; `varde serve` keeps it between
 * rebuilds, and session_update re-renders the pages whose bodies
 * changed from the plan the build made. */
#ifndef VARDE_SESSION_H
#define VARDE_SESSION_H
#include "assets.h"
#include "build.h"
#include "buf.h"
#include "collections.h"
#include "content.h"
#include "git_history.h"
#include "luadata.h"
#include "outdir.h"
#include "plan.h"
#include "render.h"
#include "sandbox.h"
#include "template.h"

struct BuildSession {
  BuildOptions o;
  Site site;
  Collections col;
  Assets assets;
  GitHistory *git;          /* NULL outside git */
  Sandbox *sb;
  Templates *tpl;
  LuaData data;
  Plan plan;                /* in the site's arena */
  OutDir out;
  Renderer r;
  Buf dest;                 /* the output folder */
  /* kept for `varde serve` */
  unsigned char *foreign;   /* shared with the render workers: see LuaData */
  size_t n_foreign;
  StrMap *search_out;       /* files the search index wrote; NULL unless serving */
  StrMap search_files;
};

/* When only pages' bodies change, `varde serve` updates those pages alone.
 * session_update re-renders the changed files (paths relative to the site,
 * such as "content/tiltak/x.md") in place, each from its job in the plan.
 * 0: done (then call session_update_search); 1: errors, reported, nothing
 * written; -1: a change that other pages can see (front matter, headings, a
 * new or removed file, a template...): build the whole site again. */
int session_update(BuildSession *s, char **changed, size_t n, BuildStats *stats);
/* Rebuilds the search index after session_update, removing files it no
 * longer has. */
int session_update_search(BuildSession *s, BuildStats *stats);
/* Is path ("content/x/y.md") a page or file of the loaded site? */
int session_knows(const BuildSession *s, const char *path);
/* The loaded site, for what `varde serve` shows beside it. */
const Site *session_site(const BuildSession *s);
void session_free(BuildSession *s);

/* The search index's writer: records what it writes when serving. */
void session_search_emit(void *ctx, const char *rel, const char *data, size_t len);

#endif
