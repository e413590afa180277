#include "config.h"
#include "buf.h"
#include "diag.h"
#include "messages.h"
#include "fsutil.h"
#include "pagekeys.h"
#include "text.h"
#include <ctype.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


typedef struct {
  Config *cfg;
  Arena *arena;
  lua_State *L;
  const char *path; /* "site.lua" as shown to the user */
  const char *src;
  int depth; /* fields inside fields being read */
  const FieldRoles *roles; /* of the type being read (the site's for common_fields) */
} Loader;

/* Objects and lists nest; C reads them recursively, each level taking Lua
 * stack slots and C stack. A field table that contains itself would never
 * end. Sixteen levels are far more than any site needs. */
enum { MAX_FIELD_DEPTH = 16 };

/* site.lua's values carry no positions, so an error is pinned to the first
 * place the offending name is written as a string literal. */
static void cfg_error(Loader *ld, const char *token, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static SrcPos token_pos(const Loader *ld, const char *token) {
  SrcPos pos = {1, 1};
  if (token && ld->src) {
    Buf q = BUF_INIT;
    buf_printf(&q, "\"%s\"", token);
    const char *at = strstr(ld->src, q.data);
    buf_clear(&q);
    buf_printf(&q, "'%s'", token);
    const char *at2 = strstr(ld->src, q.data);
    if (!at || (at2 && at2 < at)) at = at2;
    if (at) text_line_col(ld->src, (size_t)(at - ld->src), &pos.line, &pos.col);
    buf_free(&q);
  }
  return pos;
}

static void cfg_error(Loader *ld, const char *token, const char *fmt, ...) {
  SrcPos pos = token_pos(ld, token);
  va_list ap;
  va_start(ap, fmt);
  Buf m = BUF_INIT;
  buf_vprintf(&m, fmt, ap);
  va_end(ap);
  diag_error(ld->path, pos.line, pos.col, "%s", m.data);
  buf_free(&m);
}

/* Reads string field `key` of the table on top; NULL when absent. */
static const char *get_str(Loader *ld, const char *key, const char *ctx) {
  lua_getfield(ld->L, -1, key);
  const char *s = NULL;
  if (lua_type(ld->L, -1) == LUA_TSTRING) s = arena_strdup(ld->arena, lua_tostring(ld->L, -1));
  else if (!lua_isnil(ld->L, -1)) cfg_error(ld, ctx, "%s: '%s' must be a string", ctx, key);
  lua_pop(ld->L, 1);
  return s;
}

static const char **get_str_list(Loader *ld, const char *key, size_t *n, const char *ctx) {
  lua_State *L = ld->L;
  lua_getfield(L, -1, key);
  const char **out = NULL;
  *n = 0;
  if (lua_type(L, -1) == LUA_TSTRING) {
    out = arena_alloc(ld->arena, sizeof *out);
    out[0] = arena_strdup(ld->arena, lua_tostring(L, -1));
    *n = 1;
  } else if (lua_istable(L, -1)) {
    size_t len = lua_rawlen(L, -1);
    out = arena_alloc(ld->arena, (len + 1) * sizeof *out);
    for (size_t i = 1; i <= len; i++) {
      lua_rawgeti(L, -1, (lua_Integer)i);
      if (lua_type(L, -1) == LUA_TSTRING) out[(*n)++] = arena_strdup(ld->arena, lua_tostring(L, -1));
      else cfg_error(ld, ctx, "%s: every entry of '%s' must be a string", ctx, key);
      lua_pop(L, 1);
    }
  } else if (!lua_isnil(L, -1)) {
    cfg_error(ld, ctx, "%s: '%s' must be a list of strings", ctx, key);
  }
  lua_pop(L, 1);
  return out;
}

/* The strings of the list on top of the stack. */
static const char **get_list_items(Loader *ld, size_t *n, const char *ctx) {
  lua_State *L = ld->L;
  size_t len = lua_rawlen(L, -1);
  const char **out = arena_alloc(ld->arena, (len + 1) * sizeof *out);
  *n = 0;
  for (size_t i = 1; i <= len; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    if (lua_type(L, -1) == LUA_TSTRING) out[(*n)++] = arena_strdup(ld->arena, lua_tostring(L, -1));
    else cfg_error(ld, ctx, "%s: every entry must be a string in quotes", ctx);
    lua_pop(L, 1);
  }
  return out;
}

static const char *const kind_names[] = {"string", "text", "integer", "date", "url",
                                         "enum", "bool", "ref", "object", "list"};

const char *field_kind_name(FieldKind k) { return kind_names[k]; }

static int parse_field(Loader *ld, Field *f, const char *ctx, int in_list);
static int parse_field_at(Loader *ld, Field *f, const char *ctx, int in_list);

/* required_one_of = { { "a", "b" }, … }: in each group at least one field
 * must be filled, so a source needs a document or a title and a page or a
 * URL, and an entry with only its name filled in is not accepted. */
static void parse_one_of(Loader *ld, Field *f, const char *ctx) {
  lua_State *L = ld->L;
  lua_getfield(L, -1, "required_one_of");
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  f->one_of = arena_alloc(ld->arena, (n + 1) * sizeof *f->one_of);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    size_t k = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    FieldGroup *g = &f->one_of[f->n_one_of];
    g->names = arena_alloc(ld->arena, (k + 1) * sizeof *g->names);
    for (size_t j = 1; j <= k; j++) {
      lua_rawgeti(L, -1, (lua_Integer)j);
      const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
      int known = 0;
      for (size_t m = 0; name && m < f->n_fields; m++) known |= !strcmp(f->fields[m].name, name);
      if (!known)
        cfg_error(ld, name, "%s: required_one_of names '%s', which is not a field of '%s'", ctx,
                  name ? name : "?", f->name ? f->name : "?");
      else g->names[g->n++] = arena_strdup(ld->arena, name);
      lua_pop(L, 1);
    }
    if (g->n) f->n_one_of++;
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

/* Reads the field table on top of the stack (or a bare kind name in `of`). */
static int parse_kind(Loader *ld, Field *f, const char *kind, const char *ctx, int in_list) {
  lua_State *L = ld->L;
  for (int k = 0; k <= F_LIST; k++)
    if (!strcmp(kind, kind_names[k])) f->kind = (FieldKind)k;
  if (strcmp(kind, kind_names[f->kind]) != 0) {
    cfg_error(ld, kind, "%s: unknown field type '%s' (use string, text, integer, date, url, "
              "enum, bool, ref, object or list)", ctx, kind);
    return -1;
  }
  if (f->kind == F_ENUM) {
    f->values = get_str_list(ld, "values", &f->n_values, ctx);
    if (!f->n_values) { cfg_error(ld, f->name, "%s: an enum needs 'values'", ctx); return -1; }
  } else if (f->kind == F_REF) {
    f->to = get_str_list(ld, "to", &f->n_to, ctx);
    if (!f->n_to) { cfg_error(ld, f->name, "%s: a ref needs 'to' (a type name)", ctx); return -1; }
  } else if (f->kind == F_OBJECT) {
    lua_getfield(L, -1, "fields");
    size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    if (!n) { lua_pop(L, 1); cfg_error(ld, f->name, "%s: an object needs 'fields'", ctx); return -1; }
    f->fields = arena_alloc(ld->arena, n * sizeof *f->fields);
    for (size_t i = 1; i <= n; i++) {
      lua_rawgeti(L, -1, (lua_Integer)i);
      if (parse_field(ld, &f->fields[f->n_fields], ctx, 0) == 0) f->n_fields++;
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    parse_one_of(ld, f, ctx);
  } else if (f->kind == F_LIST) {
    if (in_list) { cfg_error(ld, f->name, "%s: a list of lists is not supported", ctx); return -1; }
    f->of = arena_alloc(ld->arena, sizeof *f->of);
    f->of->name = f->name;
    lua_getfield(L, -1, "of");
    int rc;
    if (lua_type(L, -1) == LUA_TSTRING) {
      const char *of = arena_strdup(ld->arena, lua_tostring(L, -1));
      lua_pop(L, 1);
      rc = parse_kind(ld, f->of, of, ctx, 1); /* enum values / ref targets sit beside 'of' */
      lua_pushnil(L);
    } else if (lua_istable(L, -1)) {
      rc = parse_field(ld, f->of, ctx, 1);
    } else {
      cfg_error(ld, f->name, "%s: a list needs 'of' (the type of its items)", ctx);
      rc = -1;
    }
    lua_pop(L, 1);
    if (rc) return -1;
    if (!f->of->name) f->of->name = f->name;
    if (f->of->taxonomy) f->taxonomy = f->of->taxonomy;
  }
  return 0;
}

static int parse_field(Loader *ld, Field *f, const char *ctx, int in_list) {
  lua_State *L = ld->L;
  if (!lua_istable(L, -1)) { cfg_error(ld, NULL, "%s: a field must be a table", ctx); return -1; }
  if (ld->depth >= MAX_FIELD_DEPTH) {
    lua_getfield(L, -1, "name");
    const char *name = lua_type(L, -1) == LUA_TSTRING ? arena_strdup(ld->arena, lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    cfg_error(ld, name, "%s: fields nested more than %d levels deep (or a field that contains "
              "itself)", ctx, MAX_FIELD_DEPTH);
    return -1;
  }
  luaL_checkstack(L, 8, "fields nested too deeply");
  ld->depth++;
  int rc = parse_field_at(ld, f, ctx, in_list);
  ld->depth--;
  return rc;
}

static int parse_field_at(Loader *ld, Field *f, const char *ctx, int in_list) {
  lua_State *L = ld->L;
  f->name = get_str(ld, "name", ctx);
  if (!f->name && !in_list) { cfg_error(ld, NULL, "%s: a field without 'name'", ctx); return -1; }
  f->label = get_str(ld, "label", ctx);
  f->plural = get_str(ld, "plural", ctx);
  const char *kind = get_str(ld, "type", ctx);
  if (!kind) { cfg_error(ld, f->name, "%s: field '%s' has no 'type'", ctx, f->name ? f->name : "?"); return -1; }
  lua_getfield(L, -1, "required");
  f->required = lua_toboolean(L, -1);
  lua_pop(L, 1);
  f->taxonomy = get_str(ld, "taxonomy", ctx);
  return parse_kind(ld, f, kind, ctx, in_list);
}

/* Is name one of the keys varde puts on every page table (pagekeys.h)?
 * The site's title and summary fields may be called title and summary:
 * page.title is then that field's own text. */
static int engine_key(const Loader *ld, const char *name) {
  PageKey k = pagekeys_find(name);
  const FieldRoles *r = ld->roles ? ld->roles : &ld->cfg->roles;
  if (k == PK_TITLE && r->title && !strcmp(r->title, name)) return 0;
  if (k == PK_SUMMARY && r->summary && !strcmp(r->summary, name)) return 0;
  return k != PK_COUNT;
}

/* Where field `name` is declared: its `name = "..."`, else the first place
 * the name is written as a string. */
static SrcPos field_pos(const Loader *ld, const char *name) {
  size_t n = strlen(name);
  for (const char *at = ld->src; ld->src && (at = strstr(at, name)); at += n) {
    if (at == ld->src || (at[-1] != '"' && at[-1] != '\'') || at[n] != at[-1]) continue;
    const char *b = at - 1;
    while (b > ld->src && (b[-1] == ' ' || b[-1] == '\t')) b--;
    if (b == ld->src || b[-1] != '=') continue;
    b--;
    while (b > ld->src && (b[-1] == ' ' || b[-1] == '\t')) b--;
    if (b - ld->src >= 4 && !strncmp(b - 4, "name", 4) &&
        (b - 4 == ld->src || !(isalnum((unsigned char)b[-5]) || b[-5] == '_'))) {
      SrcPos pos;
      text_line_col(ld->src, (size_t)(at - 1 - ld->src), &pos.line, &pos.col);
      return pos;
    }
  }
  return token_pos(ld, name);
}

static void parse_fields(Loader *ld, const char *key, Field **out, size_t *n, const char *ctx) {
  lua_State *L = ld->L;
  lua_getfield(L, -1, key);
  size_t len = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  *out = arena_alloc(ld->arena, (len + 1) * sizeof **out);
  *n = 0;
  for (size_t i = 1; i <= len; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    Field *f = &(*out)[*n];
    if (parse_field(ld, f, ctx, 0) == 0) {
      if (engine_key(ld, f->name)) {
        SrcPos at = field_pos(ld, f->name);
        diag_error(ld->path, at.line, at.col,
                   "%s: field name '%s' is reserved by varde (every page has page.%s); choose another name",
                   ctx, f->name, f->name);
      } else {
        (*n)++;
      }
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

static const char *const role_names[] = {"title", "summary", "draft", "number", "abbreviation",
                                         "language", NULL};

static const char **role_slot(FieldRoles *r, int i) {
  const char **slots[] = {&r->title, &r->summary, &r->draft, &r->number, &r->abbreviation,
                          &r->language};
  return slots[i];
}

/* Reads `roles = { title = "tittel", … }` of the table on top into r,
 * keeping what r has for roles it does not name. */
static void read_roles(Loader *ld, FieldRoles *r, const char *ctx) {
  lua_State *L = ld->L;
  lua_getfield(L, -1, "roles");
  if (lua_istable(L, -1)) {
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
      int i = 0;
      while (role_names[i] && strcmp(role_names[i], k)) i++;
      if (!role_names[i])
        cfg_error(ld, k, "%s: unknown role '%s' in 'roles' (use title, summary, draft, number, "
                  "abbreviation or language)", ctx, k);
      else if (lua_type(L, -1) == LUA_TSTRING)
        *role_slot(r, i) = arena_strdup(ld->arena, lua_tostring(L, -1));
      else if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1))
        *role_slot(r, i) = NULL; /* roles = { number = false }: this type has none */
      else
        cfg_error(ld, k, "%s: role '%s' must name a field (a string), or be false", ctx, k);
      lua_pop(L, 1);
    }
  } else if (!lua_isnil(L, -1)) {
    cfg_error(ld, "roles", "%s: 'roles' must be a table such as { title = \"title\" }", ctx);
  }
  lua_pop(L, 1);
}

/* A role a type names itself must be one of its fields. */
static void check_roles(Loader *ld, const ContentType *t, const FieldRoles *site) {
  for (int i = 0; role_names[i]; i++) {
    const char *f = *role_slot((FieldRoles *)&t->roles, i);
    if (f && f != *role_slot((FieldRoles *)site, i) && !type_field(t, f))
      cfg_error(ld, f, "type '%s': role '%s' names field '%s', which the type does not have",
                t->name, role_names[i], f);
  }
}

static void parse_type(Loader *ld, ContentType *t, const Field *common, size_t n_common) {
  t->name = get_str(ld, "name", "type");
  const char *ctx = t->name ? arena_printf(ld->arena, "type '%s'", t->name) : "type";
  if (!t->name) { cfg_error(ld, "types", "a type without 'name'"); return; }
  t->title = get_str(ld, "title", ctx);
  t->singular = get_str(ld, "singular", ctx);
  t->folder = get_str(ld, "folder", ctx);
  t->url = get_str(ld, "url", ctx);
  t->pos = token_pos(ld, t->url ? t->url : t->name);
  if (!t->title) t->title = t->name;
  if (!t->singular) t->singular = t->title;
  if (!t->folder) t->folder = t->name;
  if (!t->url) t->url = arena_printf(ld->arena, "/%s/{slug}/", t->folder);
  if (t->url[0] != '/' || t->url[1] == '/' || strchr(t->url, '\\') || !strstr(t->url, "{slug}") ||
      strstr(t->url, "..") ||
      t->url[strlen(t->url) - 1] != '/')
    cfg_error(ld, t->url, "%s: url must start and end with '/', contain {slug} and no '..'", ctx);
  if (strstr(t->folder, "..") || t->folder[0] == '/')
    cfg_error(ld, t->folder, "%s: folder must be a path inside content/", ctx);
  t->roles = ld->cfg->roles;
  read_roles(ld, &t->roles, ctx);
  Field *own;
  size_t n_own;
  ld->roles = &t->roles;
  parse_fields(ld, "fields", &own, &n_own, ctx);
  ld->roles = NULL;
  t->fields = arena_alloc(ld->arena, (n_own + n_common + 1) * sizeof *t->fields);
  memcpy(t->fields, own, n_own * sizeof *own);
  memcpy(t->fields + n_own, common, n_common * sizeof *common);
  t->n_fields = n_own + n_common;
  check_roles(ld, t, &ld->cfg->roles);
}

static void resolve_refs(Loader *ld, Field *f, const char *ctx) {
  if (f->kind == F_LIST) { resolve_refs(ld, f->of, ctx); return; }
  for (size_t i = 0; i < f->n_fields; i++) resolve_refs(ld, &f->fields[i], ctx);
  if (f->kind != F_REF) return;
  f->to_types = arena_alloc(ld->arena, f->n_to * sizeof *f->to_types);
  for (size_t i = 0; i < f->n_to; i++) {
    f->to_types[i] = (ContentType *)config_type(ld->cfg, f->to[i]);
    if (!f->to_types[i])
      cfg_error(ld, f->to[i], "%s: field '%s' refers to unknown type '%s'", ctx, f->name, f->to[i]);
  }
}

static void check_taxonomy(Loader *ld, const Field *f, const char *ctx) {
  if (f->taxonomy && !config_taxonomy(ld->cfg, f->taxonomy))
    cfg_error(ld, f->taxonomy, "%s: field '%s' names unknown taxonomy '%s'", ctx, f->name, f->taxonomy);
  if (f->taxonomy && f->kind != F_ENUM && f->kind != F_STRING &&
      !(f->kind == F_LIST && (f->of->kind == F_ENUM || f->of->kind == F_STRING)))
    cfg_error(ld, f->name, "%s: taxonomy field '%s' must be a string or enum (or a list of them)",
              ctx, f->name);
}

static int url_segment(const char *s) {
  if (!*s || *s == '-') return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
  return 1;
}

/* `paths = { changes = "endringer", … }`: one URL segment each. */
static void read_paths(Loader *ld) {
  Namespaces *n = &ld->cfg->paths;
  *n = (Namespaces){"changes", "files", "search", "data"};
  lua_State *L = ld->L;
  lua_getfield(L, -1, "paths");
  if (lua_istable(L, -1)) {
    const char *keys[] = {"changes", "files", "search", "data"};
    const char **slots[] = {&n->changes, &n->files, &n->search, &n->data};
    for (int i = 0; i < 4; i++) {
      const char *v = get_str(ld, keys[i], "paths");
      if (v && !url_segment(v))
        cfg_error(ld, v, "paths.%s must be one URL segment of a-z, 0-9 and '-'", keys[i]);
      else if (v) *slots[i] = v;
    }
    for (int i = 0; i < 4; i++)
      for (int j = 0; j < i; j++)
        if (!strcmp(*slots[i], *slots[j]))
          cfg_error(ld, *slots[i], "paths.%s and paths.%s are both '%s'", keys[j], keys[i], *slots[i]);
  } else if (!lua_isnil(L, -1)) {
    cfg_error(ld, "paths", "'paths' must be a table such as { changes = \"changes\" }");
  }
  lua_pop(L, 1);
}

static void read_base(Loader *ld) {
  Config *c = ld->cfg;
  c->title = get_str(ld, "title", "site");
  c->description = get_str(ld, "description", "site");
  c->base_url = get_str(ld, "base_url", "site");
  c->language = get_str(ld, "language", "site");
  c->theme = get_str(ld, "theme", "site");
  c->home_type = get_str(ld, "home_type", "site");
  c->change_note = get_str(ld, "change_note", "site");
  if (!c->change_note) c->change_note = "Change-note";
  c->roles = (FieldRoles){"title", "summary", "draft", NULL, NULL, NULL};
  read_roles(ld, &c->roles, "site");
  read_paths(ld);
  lua_getfield(ld->L, -1, "raw_html");
  c->raw_html = lua_toboolean(ld->L, -1);
  lua_pop(ld->L, 1);
  lua_getfield(ld->L, -1, "active_files");
  c->active_files = lua_toboolean(ld->L, -1);
  lua_pop(ld->L, 1);
  /* open data CSV: the separator and byte order mark a spreadsheet of the
   * site's language expects (Excel in Norway: ';' and a BOM) */
  const char *sep = get_str(ld, "csv_separator", "site");
  c->csv_separator = ',';
  if (sep && (strlen(sep) != 1 || !strchr(",;\t|", sep[0])))
    cfg_error(ld, sep, "csv_separator must be one of \",\", \";\", \"\\t\" or \"|\"");
  else if (sep) c->csv_separator = sep[0];
  lua_getfield(ld->L, -1, "csv_bom");
  c->csv_bom = lua_toboolean(ld->L, -1);
  lua_pop(ld->L, 1);
  if (!c->title) { cfg_error(ld, NULL, "site.lua must set 'title'"); c->title = "varde"; }
  if (!c->language) c->language = "nb";
  messages_set_language(c->language); /* editors' messages in the site's language */
  if (!c->base_url) c->base_url = "/";
  if (c->theme && (strchr(c->theme, '/') || strstr(c->theme, "..")))
    cfg_error(ld, c->theme, "theme must be a folder name under themes/");
  /* https://host/sub/ -> "/sub" so URLs work when the site lives below the root */
  const char *p = c->base_url;
  const char *scheme = strstr(p, "://");
  if (scheme) {
    p = strchr(scheme + 3, '/');
    if (!p) p = "";
  }
  size_t n = strlen(p);
  while (n && p[n - 1] == '/') n--;
  c->base_path = arena_strndup(ld->arena, p, n);
}

static void read_taxonomies(Loader *ld) {
  lua_State *L = ld->L;
  Config *c = ld->cfg;
  lua_getfield(L, -1, "taxonomies");
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  c->taxonomies = arena_alloc(ld->arena, (n + 1) * sizeof *c->taxonomies);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    if (!lua_istable(L, -1)) {
      cfg_error(ld, "taxonomies", "taxonomies[%zu] must be a table { name = …, title = …, path = … }", i);
      lua_pop(L, 1);
      continue;
    }
    Taxonomy *t = &c->taxonomies[c->n_taxonomies];
    t->name = get_str(ld, "name", "taxonomy");
    t->title = get_str(ld, "title", "taxonomy");
    t->path = get_str(ld, "path", "taxonomy");
    lua_pop(L, 1);
    if (!t->name) { cfg_error(ld, "taxonomies", "a taxonomy without 'name'"); continue; }
    t->pos = token_pos(ld, t->path ? t->path : t->name);
    if (!t->title) t->title = t->name;
    if (!t->path) t->path = t->name;
    c->n_taxonomies++;
  }
  lua_pop(L, 1);
}

static void read_types(Loader *ld) {
  lua_State *L = ld->L;
  Config *c = ld->cfg;
  Field *common;
  size_t n_common;
  parse_fields(ld, "common_fields", &common, &n_common, "common_fields");
  lua_getfield(L, -1, "types");
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  if (!n) cfg_error(ld, NULL, "site.lua must declare at least one content type in 'types'");
  c->types = arena_alloc(ld->arena, (n + 1) * sizeof *c->types);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    if (!lua_istable(L, -1)) {
      cfg_error(ld, "types", "types[%zu] must be a table (a misspelt variable gives nil)", i);
      lua_pop(L, 1);
      continue;
    }
    ContentType *t = &c->types[c->n_types];
    parse_type(ld, t, common, n_common);
    lua_pop(L, 1);
    if (!t->name) continue;
    for (size_t j = 0; j < c->n_types; j++) {
      if (!strcmp(c->types[j].name, t->name))
        cfg_error(ld, t->name, "type '%s' is declared twice", t->name);
      else if (!strcmp(c->types[j].folder, t->folder))
        cfg_error(ld, t->folder, "types '%s' and '%s' share folder '%s'", c->types[j].name,
                  t->name, t->folder);
    }
    t->index = (int)c->n_types++;
  }
  lua_pop(L, 1);
  for (size_t i = 0; i < c->n_types; i++) {
    ContentType *t = &c->types[i];
    const char *ctx = arena_printf(ld->arena, "type '%s'", t->name);
    for (size_t j = 0; j < t->n_fields; j++) {
      resolve_refs(ld, &t->fields[j], ctx);
      check_taxonomy(ld, &t->fields[j], ctx);
    }
  }
}

/* `pages`: pages made by a template alone, such as the A–Å index or the
 * search page: { url = "/a-a/", template = "az.html", title = "A–Å" }. The
 * whole entry reaches its template as `extra`. */
static void read_pages(Loader *ld) {
  lua_State *L = ld->L;
  Config *c = ld->cfg;
  lua_getfield(L, -1, "pages");
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  c->pages = arena_alloc(ld->arena, (n + 1) * sizeof *c->pages);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    const char *url = NULL, *tpl = NULL, *lang = NULL;
    if (lua_istable(L, -1)) {
      url = get_str(ld, "url", "pages");
      tpl = get_str(ld, "template", "pages");
      lang = get_str(ld, "language", "pages");
    }
    lua_pop(L, 1);
    /* "/path/" is a page (path/index.html); "/path/name.ext" a file of its
     * own, such as a feed or a data catalogue */
    const char *last = url ? strrchr(url, '/') : NULL;
    int is_file = last && last[1] && strchr(last + 1, '.') && last[1] != '.';
    if (!url || !tpl || url[0] != '/' || strstr(url, "..") || (url[strlen(url) - 1] != '/' && !is_file)) {
      cfg_error(ld, url ? url : "pages", "pages[%zu] needs url = \"/path/\" (or \"/path/file.ext\") and template = \"name.html\"", i);
      continue;
    }
    c->pages[c->n_pages++] = (ExtraPage){url, tpl, lang, (int)i, token_pos(ld, url)};
  }
  lua_pop(L, 1);
}

/* search = { synonyms = { { "helsesøster", "helsesykepleier" },
 *                         { "alzheimer", "demens", one_way = true } },
 *            result_fields = { "status", "dato" } } */
static void read_search(Loader *ld) {
  lua_State *L = ld->L;
  Config *c = ld->cfg;
  lua_getfield(L, -1, "search");
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return; }
  if (!lua_istable(L, -1)) {
    cfg_error(ld, "search", "'search' must be a table: search = { synonyms = { … } }");
    lua_pop(L, 1);
    return;
  }
  lua_getfield(L, -1, "synonyms");
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  if (!lua_isnil(L, -1) && !lua_istable(L, -1))
    cfg_error(ld, "synonyms", "search.synonyms must be a list of word lists, "
              "for example { { \"helsesøster\", \"helsesykepleier\" } }");
  c->synonyms = arena_alloc(ld->arena, (n + 1) * sizeof *c->synonyms);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    if (!lua_istable(L, -1)) {
      cfg_error(ld, "synonyms", "search.synonyms[%zu] must be a list of words in braces, "
                "for example { \"fylkesmannen\", \"statsforvalteren\" }", i);
      lua_pop(L, 1);
      continue;
    }
    SynonymGroup *g = &c->synonyms[c->n_synonyms];
    g->words = get_list_items(ld, &g->n, "search.synonyms");
    lua_getfield(L, -1, "one_way");
    g->one_way = lua_toboolean(L, -1);
    lua_pop(L, 2);
    if (g->n < 2) {
      cfg_error(ld, g->n ? g->words[0] : "synonyms", "search.synonyms[%zu] needs at least two "
                "words: the word people search for and the word the pages use", i);
      continue;
    }
    c->n_synonyms++;
  }
  lua_pop(L, 1);
  c->result_fields = get_str_list(ld, "result_fields", &c->n_result_fields, "search");
  lua_pop(L, 1);
}

/* A field's name in labels.fields: "målgrupper" for every type that has it,
 * or "tiltak.nummer" for one type's. Returns whether some type has it. */
static int label_field_exists(const Config *c, const char *key) {
  const char *dot = strchr(key, '.');
  for (size_t i = 0; i < c->n_types; i++) {
    const ContentType *t = &c->types[i];
    if (dot && (strncmp(t->name, key, (size_t)(dot - key)) || t->name[dot - key])) continue;
    if (type_field(t, dot ? dot + 1 : key)) return 1;
  }
  return 0;
}

/* labels.types = { tiltak = { title = "Measures", singular = "Measure", … } }:
 * each key a type, each value a table of texts. */
static void check_type_labels(Loader *ld, const char *code) {
  lua_State *L = ld->L;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    const char *name = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    if (!name || !config_type(ld->cfg, name))
      cfg_error(ld, name ? name : code, "languages '%s': labels.types has '%s', which is not a type "
                "in `types`", code, name ? name : "?");
    else if (!lua_istable(L, -1))
      cfg_error(ld, name, "languages '%s': labels.types.%s must be a table, for example "
                "{ title = \"Measures\", singular = \"Measure\" }", code, name);
    else {
      lua_pushnil(L);
      while (lua_next(L, -2)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
          cfg_error(ld, name, "languages '%s': labels.types.%s holds texts only "
                    "(title, singular, description, about)", code, name);
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
  }
}

/* labels.fields = { ["målgrupper"] = { "Target group", "Target groups" } }:
 * each key a field (or type.field), each value a text or { label, plural }. */
static void check_field_labels(Loader *ld, const char *code) {
  lua_State *L = ld->L;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    int ok = lua_type(L, -1) == LUA_TSTRING;
    if (lua_istable(L, -1)) {
      lua_rawgeti(L, -1, 1);
      lua_rawgeti(L, -2, 2);
      ok = lua_type(L, -2) == LUA_TSTRING && (lua_isnil(L, -1) || lua_type(L, -1) == LUA_TSTRING);
      lua_pop(L, 2);
    }
    if (!key || !label_field_exists(ld->cfg, key))
      cfg_error(ld, key ? key : code, "languages '%s': labels.fields has '%s', which no type has as "
                "a field (write the field's name, or type.field for one type's)", code, key ? key : "?");
    else if (!ok)
      cfg_error(ld, key, "languages '%s': labels.fields[\"%s\"] must be a text or "
                "{ \"label\", \"plural label\" }", code, key);
    lua_pop(L, 1);
  }
}

/* A language's `labels`, on top of the stack: the names of types and
 * fields in that language, checked against the types so a typo is an error
 * rather than a label that silently stays in the site's language. */
static int read_labels(Loader *ld, const Language *l) {
  lua_State *L = ld->L;
  if (lua_isnil(L, -1)) return LUA_NOREF;
  if (!lua_istable(L, -1)) {
    cfg_error(ld, l->code, "languages '%s': labels must be a table { types = { … }, fields = { … } }", l->code);
    return LUA_NOREF;
  }
  const char *parts[] = {"types", "fields"};
  void (*check[])(Loader *, const char *) = {check_type_labels, check_field_labels};
  for (int i = 0; i < 2; i++) {
    lua_getfield(L, -1, parts[i]);
    if (lua_istable(L, -1)) check[i](ld, l->code);
    else if (!lua_isnil(L, -1))
      cfg_error(ld, l->code, "languages '%s': labels.%s must be a table", l->code, parts[i]);
    lua_pop(L, 1);
  }
  lua_pushvalue(L, -1);
  return luaL_ref(L, LUA_REGISTRYINDEX);
}

/* One entry of `languages`, on top of the stack. */
static void read_language(Loader *ld, Language *l, size_t i) {
  lua_State *L = ld->L;
  l->code = get_str(ld, "code", "languages");
  l->name = get_str(ld, "name", "languages");
  l->prefix = get_str(ld, "prefix", "languages");
  l->title = get_str(ld, "title", "languages");
  l->description = get_str(ld, "description", "languages");
  lua_getfield(L, -1, "min_share");
  if (lua_isnumber(L, -1)) l->min_share = lua_tonumber(L, -1);
  else if (!lua_isnil(L, -1)) cfg_error(ld, "min_share", "languages[%zu]: min_share must be a number "
                                        "between 0 and 1, for example 0.25", i);
  lua_pop(L, 1);
  if (!l->code) { cfg_error(ld, "languages", "languages[%zu] needs a code, for example code = \"nn\"", i); l->code = "?"; }
  l->pos = token_pos(ld, l->code);
  lua_pushvalue(L, -1);
  l->entry_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_getfield(L, -1, "labels");
  l->labels_ref = read_labels(ld, l);
  lua_pop(L, 1);
  if (!l->name) l->name = l->code;
  if (l->min_share < 0 || l->min_share > 1)
    cfg_error(ld, l->code, "languages[%zu]: min_share must be between 0 and 1 (0.25 is 25 %%)", i);
  if (l->prefix && (!*l->prefix || strchr(l->prefix, '/') || strchr(l->prefix, '.')))
    cfg_error(ld, l->prefix, "languages[%zu]: prefix must be one folder name, for example \"en\"", i);
}

/* languages = { { code = "nb", name = "Bokmål" }, { code = "en", prefix = "en", … } }
 * The site's own language comes first whether it is listed or not. */
static void read_languages(Loader *ld) {
  lua_State *L = ld->L;
  Config *c = ld->cfg;
  lua_getfield(L, -1, "languages");
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  if (!lua_isnil(L, -1) && !lua_istable(L, -1))
    cfg_error(ld, "languages", "'languages' must be a list: languages = { { code = \"nb\" }, … }");
  c->languages = arena_alloc(ld->arena, (n + 2) * sizeof *c->languages);
  c->languages[0] = (Language){.code = c->language, .name = c->language, .entry_ref = LUA_NOREF,
                               .labels_ref = LUA_NOREF};
  c->n_languages = 1;
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    Language l = {.entry_ref = LUA_NOREF, .labels_ref = LUA_NOREF};
    if (lua_istable(L, -1)) read_language(ld, &l, i);
    else cfg_error(ld, "languages", "languages[%zu] must be a table: { code = \"nn\", name = \"Nynorsk\" }", i);
    lua_pop(L, 1);
    if (!l.code) continue;
    if (!strcmp(l.code, c->language)) {
      if (l.prefix) cfg_error(ld, l.prefix, "languages: the site's own language '%s' has no prefix", l.code);
      if (l.labels_ref != LUA_NOREF)
        cfg_error(ld, l.code, "languages: the site's own language '%s' takes its labels from `types` "
                  "(each type's title and each field's label); remove its labels", l.code);
      l.prefix = NULL;
      c->languages[0] = l;
      continue;
    }
    if (config_language(c, l.code)) { cfg_error(ld, l.code, "languages: '%s' is listed twice", l.code); continue; }
    c->languages[c->n_languages++] = l;
  }
  lua_pop(L, 1);
}

/* A page made by a template alone may be in another of the site's
 * languages (an English search page): `language` must name one. */
static void check_page_languages(Loader *ld) {
  Config *c = ld->cfg;
  for (size_t i = 0; i < c->n_pages; i++) {
    const char *code = c->pages[i].lang;
    if (code && !config_language(c, code))
      cfg_error(ld, code, "pages[%d]: language '%s' is not one of the site's languages; "
                "add it to `languages`, or write one of those", c->pages[i].index, code);
    if (code && !strcmp(code, c->language)) c->pages[i].lang = NULL;
  }
}

static int read_all(lua_State *L) {
  Loader *ld = lua_touserdata(L, 1);
  lua_settop(L, 2); /* the site table on top, as the readers expect */
  read_base(ld);
  read_taxonomies(ld);
  read_types(ld);
  read_pages(ld);
  read_search(ld);
  read_languages(ld);
  check_page_languages(ld);
  return 0;
}

static int load_strings(Config *c, Arena *arena, Sandbox *sb, const char *root);

int config_load(Config *cfg, Arena *arena, Sandbox *sb, const char *root) {
  memset(cfg, 0, sizeof *cfg);
  cfg->site_ref = LUA_NOREF;
  cfg->strings_ref = LUA_NOREF;
  Buf path = BUF_INIT;
  buf_printf(&path, "%s/site.lua", root);
  size_t len;
  char *src = fs_read(path.data, &len);
  buf_free(&path);
  if (!src) {
    diag_error("site.lua", 0, 0, "cannot read site.lua: %s", strerror(errno));
    return -1;
  }
  lua_State *L = sb->L;
  int errors = diag_errors();
  sandbox_env(sb);
  if (sandbox_load(sb, src, len, "site.lua", -1) != 0 || sandbox_call(sb, 0, 1) != LUA_OK) {
    sandbox_report(sb, "site.lua");
    lua_pop(L, 1);
    free(src);
    return -1;
  }
  lua_remove(L, -2);
  if (!lua_istable(L, -1)) {
    diag_error("site.lua", 1, 1, "site.lua must return a table");
    lua_pop(L, 1);
    free(src);
    return -1;
  }
  Loader ld = {cfg, arena, L, "site.lua", src};
  /* Reading the table can run site.lua's metamethods, which may raise: read
   * it inside a protected call so that becomes an error, not a panic. */
  lua_pushcfunction(L, read_all);
  lua_pushlightuserdata(L, &ld);
  lua_pushvalue(L, -3);
  if (sandbox_call(sb, 2, 0) != LUA_OK) sandbox_report(sb, "site.lua");
  cfg->site_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  free(src);
  if (diag_errors() > errors) return -1;
  return load_strings(cfg, arena, sb, root);
}

/* Copies the string-keyed entries of the table on top of the stack into the
 * table at index `into` (absolute), leaving the stack as it was. */
static void merge_string_keys(lua_State *L, int into) {
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, into);
    } else {
      lua_pop(L, 1);
    }
  }
}

/* Runs the Lua file at path (shown as `shown`) in a fresh sandbox
 * environment and copies the string keys of the table it returns into the
 * table on top of the stack. Returns 0, or -1 after reporting. */
static int merge_strings_file(Sandbox *sb, const char *path, const char *shown) {
  lua_State *L = sb->L;
  size_t len;
  char *src = fs_read(path, &len);
  if (!src) {
    diag_error(shown, 0, 0, "cannot read: %s", strerror(errno));
    return -1;
  }
  sandbox_env(sb);
  int rc = sandbox_load(sb, src, len, shown, -1) != 0 || sandbox_call(sb, 0, 1) != LUA_OK;
  free(src);
  if (rc) {
    sandbox_report(sb, shown);
    lua_pop(L, 1);
    return -1;
  }
  lua_remove(L, -2);
  if (!lua_istable(L, -1)) {
    diag_error(shown, 1, 1, "a string table must return a table { key = \"text\", … }");
    lua_pop(L, 1);
    return -1;
  }
  merge_string_keys(L, lua_absindex(L, -2));
  lua_pop(L, 1);
  return 0;
}

/* The string table of the site's other language i: the theme's
 * strings/<code>.lua, then site.lua's languages[i].strings, falling back to
 * the site's own table for any word it lacks. */
static void load_language_strings(Config *c, Arena *arena, Sandbox *sb, const char *root, size_t i) {
  lua_State *L = sb->L;
  Language *l = &c->languages[i];
  lua_newtable(L);
  if (c->theme) {
    const char *shown = arena_printf(arena, "themes/%s/strings/%s.lua", c->theme, l->code);
    const char *path = arena_printf(arena, "%s/%s", root, shown);
    if (fs_exists(path)) merge_strings_file(sb, path, shown);
  }
  if (l->entry_ref != LUA_NOREF) {
    int into = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, l->entry_ref);
    lua_getfield(L, -1, "strings");
    if (lua_istable(L, -1)) merge_string_keys(L, into);
    lua_pop(L, 2);
  }
  lua_createtable(L, 0, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, c->strings_ref);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  l->strings_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* The words of a list or a space-separated string on top of the stack, as
 * one space-separated string (NULL when neither). */
static const char *word_list(lua_State *L, Arena *arena) {
  if (lua_type(L, -1) == LUA_TSTRING) return arena_strdup(arena, lua_tostring(L, -1));
  if (!lua_istable(L, -1)) return NULL;
  Buf b = BUF_INIT;
  for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
    lua_rawgeti(L, -1, i);
    if (lua_type(L, -1) == LUA_TSTRING) buf_printf(&b, "%s%s", b.len ? " " : "", lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  const char *s = arena_strdup(arena, buf_str(&b));
  buf_free(&b);
  return s;
}

/* variants = { { "tjeneste", "teneste" }, … }: flattened into pairs. */
static void read_variants(lua_State *L, Arena *arena, SearchAnalysis *a, const Language *l) {
  size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
  a->variants = arena_alloc(arena, (2 * n + 1) * sizeof *a->variants);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i);
    const char *w[2] = {NULL, NULL};
    for (int k = 0; k < 2 && lua_istable(L, -1); k++) {
      lua_rawgeti(L, -1, k + 1);
      if (lua_type(L, -1) == LUA_TSTRING) w[k] = arena_strdup(arena, lua_tostring(L, -1));
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (!w[0] || !w[1]) {
      diag_error("site.lua", l->pos.line, l->pos.col, "search.variants[%zu] of language '%s' must be "
                 "a pair of words in braces, for example { \"tjeneste\", \"teneste\" }", i, l->code);
      continue;
    }
    a->variants[a->n_variants++] = w[0];
    a->variants[a->n_variants++] = w[1];
  }
  a->n_variants /= 2;
}

/* Language i's search analysis: the theme's search/<code>.lua, then the
 * keys of its `search` in site.lua. */
static void load_search_analysis(Config *c, Arena *arena, Sandbox *sb, const char *root, size_t i) {
  lua_State *L = sb->L;
  Language *l = &c->languages[i];
  lua_newtable(L);
  if (c->theme) {
    const char *shown = arena_printf(arena, "themes/%s/search/%s.lua", c->theme, l->code);
    const char *path = arena_printf(arena, "%s/%s", root, shown);
    if (fs_exists(path)) merge_strings_file(sb, path, shown);
  }
  if (l->entry_ref != LUA_NOREF) {
    int into = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, l->entry_ref);
    lua_getfield(L, -1, "search");
    if (lua_istable(L, -1)) merge_string_keys(L, into);
    else if (!lua_isnil(L, -1))
      diag_error("site.lua", l->pos.line, l->pos.col, "languages: search of '%s' must be a table, "
                 "for example search = { stemmer = \"english\" }", l->code);
    lua_pop(L, 2);
  }
  SearchAnalysis *a = &l->search;
  lua_getfield(L, -1, "stemmer");
  a->stemmer = arena_strdup(arena, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : l->code);
  lua_getfield(L, -2, "stopwords");
  a->stopwords = word_list(L, arena);
  if (!a->stopwords && !lua_isnil(L, -1))
    diag_error("site.lua", l->pos.line, l->pos.col, "languages: search.stopwords of '%s' must be the "
               "words in one text, for example [[ og i på ]], or a list of them", l->code);
  lua_getfield(L, -3, "compounds");
  a->compounds = lua_toboolean(L, -1);
  lua_getfield(L, -4, "path");
  if (lua_type(L, -1) == LUA_TSTRING) a->path = arena_strdup(arena, lua_tostring(L, -1));
  if (a->path && (!*a->path || strchr(a->path, '/') || strchr(a->path, '.')))
    diag_error("site.lua", l->pos.line, l->pos.col, "languages: search.path of '%s' must be one "
               "folder name, for example \"search\"", l->code);
  lua_getfield(L, -5, "variants");
  read_variants(L, arena, a, l);
  lua_pop(L, 6);
  a->dir = !l->prefix ? c->paths.search
                      : arena_printf(arena, "%s/%s", l->prefix, a->path ? a->path : c->paths.search);
  const char *page = arena_printf(arena, "/%s/", a->dir);
  for (size_t k = 0; l->prefix && k < c->n_pages; k++)
    if (c->pages[k].lang && !strcmp(c->pages[k].lang, l->code) && !strcmp(c->pages[k].url, page))
      a->page_url = page;
  /* the index thread runs without Lua: the words it writes are copied now */
  a->content_type = arena_strdup(arena, config_string_in(L, l->strings_ref, "content_type", c->strings.content_type));
  a->type_names = arena_alloc(arena, (c->n_types + 1) * sizeof *a->type_names);
  a->result_labels = arena_alloc(arena, (c->n_result_fields + 1) * sizeof *a->result_labels);
  if (l->labels_ref != LUA_NOREF) lua_rawgeti(L, LUA_REGISTRYINDEX, l->labels_ref);
  else lua_newtable(L);
  lua_getfield(L, -1, "types");
  for (size_t t = 0; t < c->n_types; t++) {
    a->type_names[t] = c->types[t].singular ? c->types[t].singular : c->types[t].name;
    if (!lua_istable(L, -1)) continue;
    lua_getfield(L, -1, c->types[t].name);
    if (lua_istable(L, -1)) lua_getfield(L, -1, "singular");
    else lua_pushnil(L);
    if (lua_type(L, -1) == LUA_TSTRING) a->type_names[t] = arena_strdup(arena, lua_tostring(L, -1));
    lua_pop(L, 2);
  }
  lua_getfield(L, -2, "fields");
  for (size_t f = 0; f < c->n_result_fields && lua_istable(L, -1); f++) {
    lua_getfield(L, -1, c->result_fields[f]);
    if (lua_istable(L, -1)) lua_rawgeti(L, -1, 1);
    else lua_pushvalue(L, -1);
    if (lua_type(L, -1) == LUA_TSTRING) a->result_labels[f] = arena_strdup(arena, lua_tostring(L, -1));
    lua_pop(L, 2);
  }
  lua_pop(L, 3);
}

/* The string table: the theme's strings/<language>.lua (English when the
 * theme has none for the language), then site.lua's `strings` key by key. */
static int load_strings(Config *c, Arena *arena, Sandbox *sb, const char *root) {
  lua_State *L = sb->L;
  int errors = diag_errors();
  lua_newtable(L);
  if (c->theme) {
    const char *shown = arena_printf(arena, "themes/%s/strings/%s.lua", c->theme, c->language);
    const char *path = arena_printf(arena, "%s/%s", root, shown);
    const char *en = arena_printf(arena, "themes/%s/strings/en.lua", c->theme);
    const char *en_path = arena_printf(arena, "%s/%s", root, en);
    if (!fs_exists(path) && fs_exists(en_path)) {
      diag_warning(shown, 0, 0, "theme '%s' has no strings for language '%s'; using %s "
                   "(translate it, or set `strings` in site.lua)", c->theme, c->language, en);
      shown = en;
      path = en_path;
    }
    if (fs_exists(path)) merge_strings_file(sb, path, shown);
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, c->site_ref);
  lua_getfield(L, -1, "strings");
  lua_remove(L, -2);
  if (lua_istable(L, -1)) {
    merge_string_keys(L, lua_absindex(L, -2));
  } else if (!lua_isnil(L, -1)) {
    diag_error("site.lua", 0, 0, "'strings' must be a table { key = \"text\", … }");
  }
  lua_pop(L, 1);
  const char *keys[] = {"table", "content_type", "yes", "no", "section", "changes", "change_anchor",
                        "footnote_back"};
  const char *fallback[] = {"Table", "Content type", "yes", "no", "section", "Changes", "change",
                            "Back to content"};
  const char **slots[] = {&c->strings.table, &c->strings.content_type, &c->strings.yes,
                          &c->strings.no, &c->strings.section, &c->strings.changes,
                          &c->strings.change_anchor, &c->strings.footnote_back};
  for (int i = 0; i < 8; i++) {
    lua_getfield(L, -1, keys[i]);
    *slots[i] = lua_type(L, -1) == LUA_TSTRING ? arena_strdup(arena, lua_tostring(L, -1)) : fallback[i];
    lua_pop(L, 1);
  }
  c->strings_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  c->languages[0].strings_ref = c->strings_ref;
  for (size_t i = 1; i < c->n_languages; i++) load_language_strings(c, arena, sb, root, i);
  for (size_t i = 0; i < c->n_languages; i++) load_search_analysis(c, arena, sb, root, i);
  return diag_errors() > errors ? -1 : 0;
}

const char *config_string_in(lua_State *L, int ref, const char *key, const char *fallback) {
  if (ref == LUA_NOREF) return fallback;
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  lua_getfield(L, -1, key);
  const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : fallback;
  lua_pop(L, 2); /* the table keeps the string alive */
  return s;
}

const char *config_string(const Config *cfg, lua_State *L, const char *key, const char *fallback) {
  return config_string_in(L, cfg->strings_ref, key, fallback);
}

const Language *config_language(const Config *cfg, const char *code) {
  for (size_t i = 0; code && i < cfg->n_languages; i++)
    if (!strcmp(cfg->languages[i].code, code)) return &cfg->languages[i];
  return NULL;
}

const ContentType *config_type(const Config *cfg, const char *name) {
  for (size_t i = 0; i < cfg->n_types; i++)
    if (!strcmp(cfg->types[i].name, name)) return &cfg->types[i];
  return NULL;
}

const Field *type_field(const ContentType *t, const char *name) {
  for (size_t i = 0; i < t->n_fields; i++)
    if (!strcmp(t->fields[i].name, name)) return &t->fields[i];
  return NULL;
}

const Taxonomy *config_taxonomy(const Config *cfg, const char *name) {
  for (size_t i = 0; i < cfg->n_taxonomies; i++)
    if (!strcmp(cfg->taxonomies[i].name, name)) return &cfg->taxonomies[i];
  return NULL;
}
