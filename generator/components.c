#include "components.h"
#include "xalloc.h"
#include "chart.h"
#include "diag.h"
#include "fsutil.h"
#include "messages.h"
#include "text.h"
#include <ctype.h>
#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- declarations ------------------------------------------------------ */

typedef struct {
  Arena *a;
  lua_State *L;
  const char *path, *src;   /* the declaring file, for positions */
} Decl;

/* Declarations carry no positions: point at the first place the name is
 * written, as config.c does for site.lua. */
static void decl_error(Decl *d, const char *token, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void decl_error(Decl *d, const char *token, const char *fmt, ...) {
  int line = 1, col = 1;
  const char *at = token && d->src ? strstr(d->src, token) : NULL;
  if (at) text_line_col(d->src, (size_t)(at - d->src), &line, &col);
  va_list ap;
  va_start(ap, fmt);
  Buf m = BUF_INIT;
  buf_vprintf(&m, fmt, ap);
  va_end(ap);
  diag_error(d->path, line, col, "%s", m.data);
  buf_free(&m);
}

static const char *field_str(Decl *d, const char *key) {
  lua_getfield(d->L, -1, key);
  const char *s = lua_type(d->L, -1) == LUA_TSTRING ? arena_strdup(d->a, lua_tostring(d->L, -1)) : NULL;
  lua_pop(d->L, 1);
  return s;
}

static int field_bool(Decl *d, const char *key) {
  lua_getfield(d->L, -1, key);
  int b = lua_toboolean(d->L, -1);
  lua_pop(d->L, 1);
  return b;
}

static int lua_name(const char *s) {
  if (!*s || isdigit((unsigned char)*s)) return 0;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '_') return 0;
  return 1;
}

static const char *const role_names[] = {"", "type", "title", "data", "unit", "columns", "rows", "exclude",
                                         "series", NULL};

static int parse_param(Decl *d, const char *comp, ComponentParam *p) {
  if (!lua_istable(d->L, -1)) {
    decl_error(d, comp, "component '%s': each parameter must be a table { name = \"…\" }", comp);
    return -1;
  }
  p->name = field_str(d, "name");
  if (!p->name || !lua_name(p->name)) {
    decl_error(d, comp, "component '%s': a parameter's name must be letters a–z, digits or _ (it "
               "becomes a template variable)", comp);
    return -1;
  }
  static const char *const reserved[] = {"page", "body", "chart", "component", NULL};
  for (const char *const *r = reserved; *r; r++)
    if (!strcmp(*r, p->name)) {
      decl_error(d, p->name, "component '%s': parameter name '%s' is reserved by varde", comp, p->name);
      return -1;
    }
  p->description = field_str(d, "description");
  p->required = field_bool(d, "required");
  const char *kind = field_str(d, "kind");
  if (!kind || !strcmp(kind, "text")) p->kind = PARAM_TEXT;
  else if (!strcmp(kind, "page")) p->kind = PARAM_PAGE;
  else if (!strcmp(kind, "file")) p->kind = PARAM_FILE;
  else {
    decl_error(d, kind, "component '%s': parameter '%s' has kind '%s' (use text, page or file)", comp,
               p->name, kind);
    return -1;
  }
  const char *role = field_str(d, "role");
  if (role) {
    for (int i = 1; role_names[i]; i++)
      if (!strcmp(role, role_names[i])) p->role = (ParamRole)i;
    if (!p->role) {
      decl_error(d, role, "component '%s': unknown role '%s' (use type, title, data, unit, columns, rows, "
                 "exclude or series)", comp, role);
      return -1;
    }
  }
  lua_getfield(d->L, -1, "values");
  if (lua_istable(d->L, -1)) {
    size_t n = lua_rawlen(d->L, -1);
    p->values = arena_alloc(d->a, (n + 1) * sizeof *p->values);
    for (size_t i = 1; i <= n; i++) {
      lua_rawgeti(d->L, -1, (lua_Integer)i);
      if (lua_type(d->L, -1) == LUA_TSTRING) p->values[p->n_values++] = arena_strdup(d->a, lua_tostring(d->L, -1));
      lua_pop(d->L, 1);
    }
  }
  lua_pop(d->L, 1);
  size_t need = p->role == ROLE_KIND ? 4 : p->role == ROLE_SERIES ? 2 : 0;
  if (need && p->n_values != need) {
    decl_error(d, p->name, "component '%s': parameter '%s' needs %zu values (%s)", comp, p->name, need,
               need == 4 ? "bar, grouped bar, stacked bar and line, in that order"
                         : "series in rows, series in columns, in that order");
    return -1;
  }
  return 0;
}

static int parse_component(Decl *d, const char *name, Component *c) {
  lua_State *L = d->L;
  c->name = arena_strdup(d->a, name);
  if (!lua_istable(L, -1)) {
    decl_error(d, name, "component '%s' must be a table", name);
    return -1;
  }
  c->template = field_str(d, "template");
  if (!c->template) c->template = arena_printf(d->a, "components/%s.html", name);
  c->description = field_str(d, "description");
  c->example = field_str(d, "example");
  c->body = field_bool(d, "body");
  c->chart = field_bool(d, "chart");
  lua_getfield(L, -1, "params");
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  c->params = arena_alloc(d->a, (n + 1) * sizeof *c->params);
  int rc = 0;
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    if (parse_param(d, name, &c->params[c->n_params]) == 0) c->n_params++;
    else rc = -1;
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return rc;
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(((const Component *)a)->name, ((const Component *)b)->name);
}

/* Adds the table on top (name -> declaration) to c; a later declaration of
 * the same name replaces the earlier, `false` removes it. */
static int add_all(Components *c, Decl *d) {
  lua_State *L = d->L;
  if (!lua_istable(L, -1)) {
    decl_error(d, "components", "components must be a table: { name = { params = { … } } }");
    return -1;
  }
  /* names in order, so that lists and "did you mean" never depend on
   * Lua's hash order */
  size_t n = 0;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    n++;
    lua_pop(L, 1);
  }
  Component *items = arena_alloc(d->a, (c->n + n + 1) * sizeof *items);
  if (c->n) memcpy(items, c->items, c->n * sizeof *items);
  size_t k = c->n;
  int rc = 0;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_type(L, -2) != LUA_TSTRING) {
      decl_error(d, "components", "components: every key must be a component's name");
      rc = -1;
      lua_pop(L, 1);
      continue;
    }
    const char *name = lua_tostring(L, -2);
    size_t at = k;
    for (size_t i = 0; i < k; i++)
      if (!strcmp(items[i].name, name)) at = i;
    if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
      if (at < k) items[at] = items[--k];
      lua_pop(L, 1);
      continue;
    }
    Component comp = {0};
    if (parse_component(d, name, &comp) == 0) {
      items[at] = comp;
      if (at == k) k++;
    } else {
      rc = -1;
    }
    lua_pop(L, 1);
  }
  qsort(items, k, sizeof *items, name_cmp);
  c->items = items;
  c->n = k;
  return rc;
}

int components_load(Components *c, Arena *a, Sandbox *sb, const char *root, const char *theme,
                    int site_ref) {
  lua_State *L = sb->L;
  memset(c, 0, sizeof *c);
  int rc = 0;
  if (theme) {
    Buf path = BUF_INIT, shown = BUF_INIT;
    buf_printf(&shown, "themes/%s/components.lua", theme);
    buf_printf(&path, "%s/%s", root, shown.data);
    size_t len;
    char *src = fs_exists(path.data) ? fs_read(path.data, &len) : NULL;
    if (src) {
      Decl d = {a, L, arena_strdup(a, shown.data), src};
      sandbox_env(sb);
      if (sandbox_load(sb, src, len, shown.data, -1) != 0 || sandbox_call(sb, 0, 1) != LUA_OK) {
        sandbox_report(sb, shown.data);
        rc = -1;
      } else {
        rc |= add_all(c, &d);
        lua_pop(L, 1);
      }
      lua_pop(L, 1); /* the environment */
      free(src);
    }
    buf_free(&path);
    buf_free(&shown);
  }
  if (site_ref != LUA_NOREF) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, site_ref);
    lua_pushliteral(L, "components");
    lua_rawget(L, -2);
    if (!lua_isnil(L, -1)) {
      Buf path = BUF_INIT;
      buf_printf(&path, "%s/site.lua", root);
      char *src = fs_read(path.data, NULL);
      Decl d = {a, L, "site.lua", src};
      rc |= add_all(c, &d);
      free(src);
      buf_free(&path);
    }
    lua_pop(L, 2);
  }
  return rc ? -1 : 0;
}

const Component *components_find(const Components *c, const char *name) {
  for (size_t i = 0; c && i < c->n; i++)
    if (!strcmp(c->items[i].name, name)) return &c->items[i];
  return NULL;
}

static const char *closest(const char *s, const char *const *cands, size_t n, size_t stride) {
  const char *best = NULL;
  int best_d = 4;
  for (size_t i = 0; i < n; i++) {
    const char *c = *(const char *const *)((const char *)cands + i * stride);
    int dist = edit_distance(s, c, best_d);
    if (dist < best_d) { best_d = dist; best = c; }
  }
  return best_d <= (int)strlen(s) / 3 + 1 ? best : NULL;
}

/* ---- markers ----------------------------------------------------------- */

/* An entry: type, key, \x1f, value, \x1e. The bytes that frame markers
 * cannot occur inside one. */
static void put_clean(Buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (ch == COMPONENT_START || ch == COMPONENT_END || ch == '\x1e' || ch == '\x1f') {
      buf_put(b, s + start, i - start);
      buf_putc(b, ' ');
      start = i + 1;
    }
  }
  buf_put(b, s + start, n - start);
}

static void entry(Buf *b, char type, const char *key, const char *val, size_t val_len) {
  buf_putc(b, type);
  put_clean(b, key, strlen(key));
  buf_putc(b, '\x1f');
  put_clean(b, val, val_len);
  buf_putc(b, '\x1e');
}

static void entry_s(Buf *b, char type, const char *key, const char *val) {
  entry(b, type, key, val, strlen(val));
}

int component_next(const char **p, ComponentEntry *e) {
  const char *s = *p;
  if (!*s || *s == COMPONENT_END) {
    *p = *s ? s + 1 : s;
    return 0;
  }
  e->type = *s++;
  e->key = s;
  while (*s && *s != '\x1f') s++;
  e->key_len = (size_t)(s - e->key);
  if (*s) s++;
  e->val = s;
  while (*s && *s != '\x1e') s++;
  e->val_len = (size_t)(s - e->val);
  if (*s) s++;
  *p = s;
  return 1;
}

void component_files(const char *html, void (*fn)(void *ctx, const char *name, size_t name_len,
                                                  const char *data, size_t len), void *ctx) {
  if (!html) return;
  for (const char *m = strchr(html, COMPONENT_START); m; m = strchr(m, COMPONENT_START)) {
    const char *p = m + 1;
    ComponentEntry e;
    while (component_next(&p, &e))
      if (e.type == 'F') fn(ctx, e.key, e.key_len, e.val, e.val_len);
    m = p;
  }
}

/* ---- one block --------------------------------------------------------- */

typedef struct {
  const ComponentParam *decl;
  const char *value;        /* malloc'd */
  int line, col;
} Given;

static const ComponentParam *param_of(const Component *c, const char *name) {
  for (size_t i = 0; i < c->n_params; i++)
    if (!strcmp(c->params[i].name, name)) return &c->params[i];
  return NULL;
}

/* "name: value" at the start of a line: the name's length, else 0. */
static size_t param_name_len(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_' || (unsigned char)s[i] >= 0x80)) i++;
  if (!i || i >= n || s[i] != ':') return 0;
  if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t') return 0; /* "https://…" */
  return i;
}

static char *trim_value(const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  if (n >= 2 && ((s[0] == '"' && s[n - 1] == '"') || (s[0] == '\'' && s[n - 1] == '\''))) { s++; n -= 2; }
  return xstrndup(s, n);
}

static const Given *given(const Given *g, size_t n, ParamRole role) {
  for (size_t i = 0; i < n; i++)
    if (g[i].decl->role == role) return &g[i];
  return NULL;
}

static const char *const kind_keys[] = {"bar", "grouped", "stacked", "line"};

/* Draws the chart and adds its entries. 0 or -1 after reporting. */
static int chart_entries(ComponentCtx *cx, const Component *c, const MdComponent *b, const Given *g,
                         size_t ng, Buf *m) {
  Site *s = cx->links->site;
  const Given *data = given(g, ng, ROLE_DATA);
  ChartTable csv = {0}, *table = (ChartTable *)b->table;
  char *store = NULL, *text = NULL;
  const char *where = cx->page->path;
  Buf err = BUF_INIT;
  int line = b->line, col = b->col, rc = -1;
  ChartData d = {0};
  if (data) {
    Page *pg;
    const StaticFile *f;
    if (links_target(cx->links, data->value, data->line, data->col, &pg, &f) != 0) goto out;
    if (!f) {
      diag_error(where, data->line, data->col, msg(MSG_C_CSV_FILE), data->decl->name, data->value);
      goto out;
    }
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", s->content_dir, f->rel);
    size_t len = 0;
    text = fs_read(path.data, &len);
    buf_free(&path);
    where = arena_printf(cx->arena, "content/%s", f->rel);
    if (!text) {
      diag_error(where, 0, 0, "%s", msg(MSG_C_CSV_READ));
      goto out;
    }
    if (chart_parse_csv(text, len, &csv, &store, &err, &line) != 0) {
      diag_error(where, line, 1, "%s", buf_str(&err));
      goto out;
    }
    table = &csv;
  } else if (!table) {
    const char *dp = NULL;
    for (size_t i = 0; i < c->n_params; i++)
      if (c->params[i].role == ROLE_DATA) dp = c->params[i].name;
    diag_error(where, b->line, b->col, msg(MSG_C_NO_TABLE), c->name, dp ? dp : "data");
    goto out;
  }
  ChartSelect sel = {NULL, NULL, NULL, -1};
  const Given *x;
  if ((x = given(g, ng, ROLE_COLUMNS))) sel.columns = x->value;
  if ((x = given(g, ng, ROLE_ROWS))) sel.rows = x->value;
  if ((x = given(g, ng, ROLE_EXCLUDE))) sel.exclude = x->value;
  if ((x = given(g, ng, ROLE_SERIES))) sel.series_in_rows = !strcasecmp(x->value, x->decl->values[0]);
  int k = chart_from_table(table, &sel, &d, &err, &line, &col);
  if (k != CHART_OK) {
    /* a column or row that is not there is the parameter's mistake */
    const Given *blame = k == CHART_ERR_COLUMNS ? given(g, ng, ROLE_COLUMNS)
                       : k == CHART_ERR_ROWS    ? given(g, ng, ROLE_ROWS)
                       : k == CHART_ERR_EXCLUDE ? given(g, ng, ROLE_EXCLUDE) : NULL;
    if (blame) diag_error(cx->page->path, blame->line, blame->col, "%s", buf_str(&err));
    else diag_error(where, line, col, "%s", buf_str(&err));
    goto out;
  }
  ChartKind kind = d.n_series > 1 ? CHART_GROUPED : CHART_BAR;
  if ((x = given(g, ng, ROLE_KIND)))
    for (int kk = 0; kk < 4; kk++)
      if (!strcasecmp(x->value, x->decl->values[kk])) kind = (ChartKind)kk;
  if (kind == CHART_BAR && d.n_series > 1) kind = CHART_GROUPED;
  const Given *unit = given(g, ng, ROLE_UNIT);
  int n = ++cx->charts;
  char id[32], file[32];
  snprintf(id, sizeof id, "graf_%d", n);
  snprintf(file, sizeof file, "graf-%d.csv", n);
  Buf tmp = BUF_INIT;
  chart_svg(&tmp, &d, kind, id, unit ? unit->value : NULL);
  entry(m, 'c', "svg", tmp.data ? tmp.data : "", tmp.len);
  entry_s(m, 'c', "id", id);
  entry_s(m, 'c', "kind", kind_keys[kind]);
  buf_clear(&tmp);
  buf_printf(&tmp, "%s%s", cx->page->url, file);
  entry(m, 'c', "csv", tmp.data, tmp.len);
  buf_clear(&tmp);
  buf_printf(&tmp, "%d", d.decimals);
  entry(m, 'c', "decimals", tmp.data, tmp.len);
  if (d.percent) entry_s(m, 'c', "percent", "1");
  if (unit) entry_s(m, 'c', "unit", unit->value);
  if (data) {
    buf_clear(&tmp);
    const Given *title = given(g, ng, ROLE_TITLE);
    chart_table_html(&tmp, &d, title ? title->value : NULL);
    entry(m, 'c', "table", tmp.data, tmp.len);
  }
  for (size_t i = 0; i < d.n_cats; i++) entry_s(m, 'k', "", d.cats[i]);
  for (size_t si = 0; si < d.n_series; si++) {
    entry_s(m, 'n', "", d.series[si]);
    for (size_t i = 0; i < d.n_cats; i++) {
      double v = d.v[si * d.n_cats + i];
      buf_clear(&tmp);
      if (!isnan(v)) buf_printf(&tmp, "%.17g", v);
      entry(m, 'v', "", buf_str(&tmp), tmp.len);
    }
  }
  buf_clear(&tmp);
  chart_csv(&tmp, &d);
  entry(m, 'F', file, tmp.data, tmp.len);
  buf_free(&tmp);
  rc = 0;
out:
  chart_free(&d);
  if (table == &csv) chart_table_free(&csv);
  free(store);
  free(text);
  buf_free(&err);
  return rc;
}

/* Reads the parameter lines; *body_at is set to where the body starts. */
static int read_params(ComponentCtx *cx, const Component *c, const MdComponent *b, Given *g, size_t *ng,
                       const char **body_at, int *body_line) {
  const char *s = b->literal;
  int line = b->line + 1, rc = 0;
  *body_at = NULL;
  while (*s) {
    const char *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    const char *next = e ? e + 1 : s + n;
    size_t ind = 0;
    while (ind < n && (s[ind] == ' ' || s[ind] == '\t')) ind++;
    if (ind == n || (n - ind == 1 && s[ind] == '\r')) { /* a blank line ends the parameters */
      if (c->body) {
        *body_at = next;
        *body_line = line + 1;
        return rc;
      }
      s = next;
      line++;
      continue;
    }
    size_t kl = param_name_len(s + ind, n - ind);
    if (!kl) {
      if (c->body) {
        *body_at = s;
        *body_line = line;
        return rc;
      }
      diag_error(cx->page->path, line, (int)ind + 1, msg(MSG_C_LINE), c->name);
      rc = -1;
      s = next;
      line++;
      continue;
    }
    char *key = xstrndup(s + ind, kl);
    const ComponentParam *p = param_of(c, key);
    if (!p) {
      const char *guess = c->n_params ? closest(key, (const char *const *)&c->params[0].name, c->n_params,
                                                sizeof *c->params) : NULL;
      Buf known = BUF_INIT;
      for (size_t i = 0; i < c->n_params; i++) buf_printf(&known, "%s%s", i ? ", " : "", c->params[i].name);
      if (guess)
        diag_error(cx->page->path, line, (int)ind + 1, msg(MSG_C_PARAM_GUESS), c->name, key, guess);
      else if (c->body && *ng == 0)
        diag_error(cx->page->path, line, (int)ind + 1, msg(MSG_C_PARAM_BODY), c->name, key, key);
      else
        diag_error(cx->page->path, line, (int)ind + 1, msg(MSG_C_PARAM), c->name, key,
                   known.len ? buf_str(&known) : "–");
      buf_free(&known);
      rc = -1;
    } else {
      int dup = 0;
      for (size_t i = 0; i < *ng; i++) dup |= g[i].decl == p;
      if (dup) {
        diag_error(cx->page->path, line, (int)ind + 1, msg(MSG_C_TWICE), c->name, key);
        rc = -1;
      } else {
        g[(*ng)++] = (Given){p, trim_value(s + ind + kl + 1, n - ind - kl - 1), line, (int)(ind + kl + 3)};
      }
    }
    free(key);
    s = next;
    line++;
  }
  return rc;
}

/* Checks one given value against its declaration. */
static int check_value(ComponentCtx *cx, const Component *c, const Given *x) {
  const ComponentParam *p = x->decl;
  if (!*x->value && p->required) {
    diag_error(cx->page->path, x->line, x->col, msg(MSG_C_EMPTY), c->name, p->name);
    return -1;
  }
  if (!p->n_values) return 0;
  for (size_t i = 0; i < p->n_values; i++)
    if (!strcasecmp(x->value, p->values[i])) return 0;
  const char *guess = closest(x->value, p->values, p->n_values, sizeof *p->values);
  Buf allowed = BUF_INIT;
  for (size_t i = 0; i < p->n_values; i++) buf_printf(&allowed, "%s%s", i ? ", " : "", p->values[i]);
  if (guess)
    diag_error(cx->page->path, x->line, x->col, msg(MSG_C_VALUE_GUESS), c->name, x->value, p->name, guess);
  else
    diag_error(cx->page->path, x->line, x->col, msg(MSG_C_VALUE), c->name, x->value, p->name,
               buf_str(&allowed));
  buf_free(&allowed);
  return -1;
}

int component_block(void *ctx, const MdComponent *b, Buf *html, Buf *text) {
  ComponentCtx *cx = ctx;
  const Component *c = components_find(cx->set, b->name);
  if (!c) {
    const char *guess = cx->set && cx->set->n ? closest(b->name, (const char *const *)&cx->set->items[0].name,
                                                        cx->set->n, sizeof *cx->set->items) : NULL;
    Buf known = BUF_INIT;
    for (size_t i = 0; cx->set && i < cx->set->n; i++)
      buf_printf(&known, "%s%s", i ? ", " : "", cx->set->items[i].name);
    if (guess)
      diag_error(cx->page->path, b->line, b->col, msg(MSG_C_UNKNOWN_GUESS), b->name, guess);
    else
      diag_error(cx->page->path, b->line, b->col, msg(MSG_C_UNKNOWN), b->name, known.len ? buf_str(&known) : "–");
    buf_free(&known);
    return -1;
  }
  size_t ng = 0;
  Given *g = xcalloc(c->n_params + 1, sizeof *g);
  const char *body = NULL;
  int body_line = 0;
  int rc = read_params(cx, c, b, g, &ng, &body, &body_line);
  for (size_t i = 0; i < ng; i++) rc |= check_value(cx, c, &g[i]);
  for (size_t i = 0; i < c->n_params; i++) {
    int have = 0;
    for (size_t k = 0; k < ng; k++) have |= g[k].decl == &c->params[i];
    if (!have && c->params[i].required) {
      diag_error(cx->page->path, b->line, b->col, msg(MSG_C_NEEDS), c->name, c->params[i].name,
                 c->params[i].name);
      rc = -1;
    }
  }
  Buf m = BUF_INIT;
  buf_putc(&m, COMPONENT_START);
  entry_s(&m, 'T', "", c->template);
  entry_s(&m, 'C', "", c->name);
  buf_printf(&m, "A\x1f%d\x1e" "B\x1f%d\x1e", b->line, b->col);
  for (size_t i = 0; rc == 0 && i < ng; i++) {
    const Given *x = &g[i];
    if (x->decl->kind == PARAM_TEXT) {
      entry_s(&m, 'S', x->decl->name, x->value);
      /* words readers see are found by search */
      if (!x->decl->n_values && (x->decl->role == ROLE_NONE || x->decl->role == ROLE_TITLE) && *x->value) {
        buf_puts(text, x->value);
        buf_putc(text, ' ');
      }
      continue;
    }
    if (x->decl->role == ROLE_DATA) continue; /* read by the chart */
    Page *pg;
    const StaticFile *f;
    if (links_target(cx->links, x->value, x->line, x->col, &pg, &f) != 0) {
      rc = -1;
    } else if (x->decl->kind == PARAM_PAGE && !pg) {
      diag_error(cx->page->path, x->line, x->col, msg(MSG_C_NOT_PAGE), c->name, x->decl->name);
      rc = -1;
    } else if (pg) {
      char idx[24];
      snprintf(idx, sizeof idx, "%d", pg->index);
      entry_s(&m, 'P', x->decl->name, idx);
    } else {
      entry_s(&m, 'R', x->decl->name, f->url);
    }
  }
  if (rc == 0 && c->chart) rc = chart_entries(cx, c, b, g, ng, &m);
  if (rc == 0 && body && *body) {
    MdOptions mo = cx->md;
    mo.line_offset = body_line - 1;
    mo.component = NULL; /* no components inside components */
    MdResult r;
    markdown_render(cx->arena, body, strlen(body), &mo, &r, &cx->page->anchors);
    entry_s(&m, 'R', "body", r.html ? r.html : "");
    buf_puts(text, r.text ? r.text : "");
    free(r.html);
    free(r.text);
  }
  buf_putc(&m, COMPONENT_END);
  if (rc == 0) buf_put(html, m.data, m.len);
  buf_free(&m);
  for (size_t i = 0; i < ng; i++) free((char *)g[i].value);
  free(g);
  return rc;
}
