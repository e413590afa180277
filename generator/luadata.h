/* luadata.h: the site as templates see it. Every page becomes a Lua table
 * (fields by name, plus url, type, slug, title, summary, toc, referenced_by,
 * and content, which is fetched from C only when a template reads it), and
 * helper functions for lists, terms, URLs, assets, dates and numbers are
 * placed in the templates' global table. */
#ifndef VARDE_LUADATA_H
#define VARDE_LUADATA_H
#include "assets.h"
#include "collections.h"
#include "buf.h"
#include "content.h"
#include "git_history.h"
#include "sandbox.h"

typedef struct {
  Site *site;
  Collections *col;
  Assets *assets;
  const GitHistory *git;    /* NULL outside git */
  int pages_ref;            /* registry: array of page tables, by page index + 1 */
  /* `varde serve` re-renders only a page whose body changed, unless another
   * render read its content: foreign[i] is set when a render other than
   * page i's own (current) reads page i's content. May be NULL. */
  unsigned char *foreign;
  long current;             /* index of the page being rendered, or -1 */
  int component_ref;        /* registry: template_component_ref, or LUA_NOREF */
  int expanded_ref;         /* registry: page index + 1 -> content with its components */
  int env_ref;              /* registry: the templates' globals (set by luadata_install) */
  int strings_ref;          /* registry: the words of the page being rendered's language;
                             * 0 outside a page: the site's (cfg.strings_ref) */
  int labels_ref;           /* registry: that language's labels (types' and fields' names),
                             * 0 when it has none: the names in `types` */
} LuaData;

/* Fills the table at env_index. Returns 0 or -1. */
int luadata_install(LuaData *d, Sandbox *sb, int env_index);
void luadata_push_page(LuaData *d, lua_State *L, const Page *p);
/* Pushes the list of pages of a type / a term as a Lua array. */
void luadata_push_list(LuaData *d, lua_State *L, Page **pages, size_t n);
void luadata_push_term(LuaData *d, lua_State *L, const TaxIndex *ti, const Term *t);
void luadata_push_type(LuaData *d, lua_State *L, const TypeList *l);
/* A commit as {id, short, date, subject, note}. */
void luadata_push_commit(lua_State *L, const GitCommit *c);
/* Forgets page p's content with its components rendered (its HTML changed). */
void luadata_forget(LuaData *d, lua_State *L, const Page *p);
/* Formatting helpers, exposed for tests. */
/* Digits grouped by three with sep between the groups ("1 234 000"). */
void format_number(Buf *out, long long n, const char *sep);
/* An ISO date (YYYY-MM-DD) as pattern with {day}, {month} (months[m - 1])
 * and {year} filled in: "{day}. {month} {year}" gives "23. november 2026".
 * Returns -1 when iso is not a date. */
int format_date(Buf *out, const char *iso, const char *const months[12], const char *pattern);

#endif
