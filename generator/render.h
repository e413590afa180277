/* render.h: one job of the plan (plan.h) into one file. Pages and the
 * generated pages go through their template with the variables the job's
 * kind gives it (page, list, term, changes...); the sitemap, feeds and open
 * data are written by C; assets and files are copied. Every render sets
 * `current_url`. Rendering is the same in every process: what a job writes
 * depends on the job alone. */
#ifndef VARDE_RENDER_H
#define VARDE_RENDER_H
#include "assets.h"
#include "collections.h"
#include "content.h"
#include "git_history.h"
#include "luadata.h"
#include "outdir.h"
#include "plan.h"
#include "sandbox.h"
#include "template.h"

typedef struct {
  Site *site;
  Collections *col;
  Assets *assets;
  const GitHistory *git;    /* NULL outside git */
  Sandbox *sb;
  Templates *tpl;
  LuaData *data;
  OutDir *out;              /* its stats count the pages rendered too */
} Renderer;

void render_job(Renderer *r, const Job *j);

#endif
