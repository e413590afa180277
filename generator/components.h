/* components.h: components in Markdown. An editor places one with a fenced
 * block whose info string is the component's name in braces, its
 * parameters one `name: value` a line, and (for components that take one) a
 * Markdown body after them:
 *
 *     ```{merknad}
 *     tittel: Foreløpige tall
 *
 *     Tallene for 2016 kan bli justert.
 *     ```
 *
 * The theme declares its components in themes/<theme>/components.lua, site.lua
 * may add or replace them (`components = { ... }`). While the Markdown is
 * rendered, each block is checked against its declaration (unknown names
 * and parameters get "did you mean", missing ones are named, pages and files
 * are checked like links, charts are drawn) and replaced by a marker holding
 * everything its template needs. When a template reads page.content, every
 * marker is rendered by the component's template in the sandbox. */
#ifndef VARDE_COMPONENTS_H
#define VARDE_COMPONENTS_H
#include "arena.h"
#include "buf.h"
#include "content.h"
#include "links.h"
#include "markdown.h"
#include "sandbox.h"

typedef enum { PARAM_TEXT, PARAM_PAGE, PARAM_FILE } ParamKind;

/* What a chart component's parameter means to the chart module. */
typedef enum {
  ROLE_NONE, ROLE_KIND, ROLE_TITLE, ROLE_DATA, ROLE_UNIT, ROLE_COLUMNS, ROLE_ROWS, ROLE_EXCLUDE,
  ROLE_SERIES
} ParamRole;

typedef struct {
  const char *name, *description;
  int required;
  ParamKind kind;
  ParamRole role;
  const char **values; size_t n_values; /* allowed values, or none */
} ComponentParam;

typedef struct {
  const char *name, *template, *description, *example;
  int body;                 /* takes Markdown after its parameters */
  int chart;                /* draws a chart from a table */
  ComponentParam *params; size_t n_params;
} Component;

typedef struct Components {
  Component *items; size_t n;
} Components;

/* Reads themes/<theme>/components.lua and site.lua's `components` (the
 * table at the registry reference site_ref). Errors go to diag; 0 or -1. */
int components_load(Components *c, Arena *a, Sandbox *sb, const char *root, const char *theme,
                     int site_ref);
const Component *components_find(const Components *c, const char *name);

/* The Markdown hook: ctx is a ComponentCtx. */
typedef struct {
  const Components *set;
  LinkCtx *links;
  Page *page;
  int charts;               /* charts on the page so far, for their ids */
  MdOptions md;             /* for a component's body */
  Arena *arena;
} ComponentCtx;
int component_block(void *ctx, const MdComponent *b, Buf *html, Buf *text);

/* ---- markers ---- */
enum { COMPONENT_START = '\x02', COMPONENT_END = '\x03' };
typedef struct {
  char type;                /* see components.c: T template, C name, A line, B column, S text,
                               P page index, R raw HTML, c chart field, k category, n series,
                               v value, F file */
  const char *key, *val;
  size_t key_len, val_len;
} ComponentEntry;
/* The next entry of the marker at *p (just after COMPONENT_START), moving
 * *p on; 0 at the marker's end (*p is then after COMPONENT_END). */
int component_next(const char **p, ComponentEntry *e);
/* Calls fn for every file (a chart's CSV) the markers in html ask for. */
void component_files(const char *html, void (*fn)(void *ctx, const char *name, size_t name_len,
                                                  const char *data, size_t len), void *ctx);

#endif
