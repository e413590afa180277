/* session.h: what a build loads, kept together. A build fills one
 * BuildSession and frees it at the end; `varde serve` keeps it between
 * rebuilds, and build_update (build.h) re-renders the pages whose bodies
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

/* The search index's writer: records what it writes when serving. */
void session_search_emit(void *ctx, const char *rel, const char *data, size_t len);

#endif
