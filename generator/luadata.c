#include "luadata.h"
#include "xalloc.h"
#include "pagekeys.h"
#include "buf.h"
#include "components.h"
#include "diag.h"
#include "messages.h"
#include "text.h"
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

static LuaData *data_of(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }

void luadata_push_page(LuaData *d, lua_State *L, const Page *p) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, d->pages_ref);
  lua_rawgeti(L, -1, p->index + 1);
  lua_remove(L, -2);
}

void luadata_push_list(LuaData *d, lua_State *L, Page **pages, size_t n) {
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    luadata_push_page(d, L, pages[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static void push_value(LuaData *d, lua_State *L, const Value *v) {
  luaL_checkstack(L, 4, "values nested too deeply"); /* each level holds a table and an item */
  switch (v->kind) {
  case VAL_STR: lua_pushstring(L, v->str); break;
  case VAL_INT: lua_pushinteger(L, v->num); break;
  case VAL_BOOL: lua_pushboolean(L, (int)v->num); break;
  case VAL_REF:
    if (v->ref) luadata_push_page(d, L, v->ref);
    else lua_pushnil(L);
    break;
  case VAL_LIST:
    lua_createtable(L, (int)v->n, 0);
    for (size_t i = 0, k = 0; i < v->n; i++) {
      push_value(d, L, &v->items[i]);
      if (lua_isnil(L, -1)) lua_pop(L, 1);
      else lua_rawseti(L, -2, (lua_Integer)++k);
    }
    break;
  case VAL_OBJECT:
    lua_createtable(L, 0, (int)v->n);
    for (size_t i = 0; i < v->n; i++) {
      push_value(d, L, &v->items[i]);
      lua_setfield(L, -2, v->keys[i]);
    }
    break;
  }
}

/* Pushes the Lua table a component's template sees: its parameters by
 * name, page, body, chart. p points after COMPONENT_START and is moved past
 * the marker; *tpl, *name, *line, *col say which component and where. */
static void push_component_vars(LuaData *d, lua_State *L, const Page *p, const char **at, Buf *tpl,
                                Buf *name, int *line, int *col) {
  lua_newtable(L);
  luadata_push_page(d, L, p);
  lua_setfield(L, -2, "page");
  ComponentEntry e;
  int chart = 0, series = 0;
  lua_Integer n_cats = 0, n_series = 0, n_values = 0;
  while (component_next(at, &e)) {
    switch (e.type) {
    case 'T': buf_put(tpl, e.val, e.val_len); break;
    case 'C':
      buf_put(name, e.val, e.val_len);
      lua_pushlstring(L, e.val, e.val_len);
      lua_setfield(L, -2, "component");
      break;
    case 'A': *line = atoi(e.val); break;
    case 'B': *col = atoi(e.val); break;
    case 'S': case 'R':
      lua_pushlstring(L, e.key, e.key_len);
      lua_pushlstring(L, e.val, e.val_len);
      lua_rawset(L, -3);
      break;
    case 'P': {
      long i = atol(e.val);
      if (i < 0 || (size_t)i >= d->site->n_pages) break;
      lua_pushlstring(L, e.key, e.key_len);
      luadata_push_page(d, L, d->site->pages[i]);
      lua_rawset(L, -3);
      break;
    }
    case 'c': case 'k': case 'n': case 'v':
      if (!chart) { /* chart = {categories = {}, series = {}} */
        lua_createtable(L, 0, 8);
        lua_newtable(L);
        lua_setfield(L, -2, "categories");
        lua_newtable(L);
        lua_setfield(L, -2, "series");
        lua_setfield(L, -2, "chart");
        chart = 1;
      }
      lua_getfield(L, -1, "chart");
      if (e.type == 'c') {
        lua_pushlstring(L, e.key, e.key_len);
        if (e.key_len == 8 && !memcmp(e.key, "decimals", 8)) lua_pushinteger(L, atoi(e.val));
        else if (e.key_len == 7 && !memcmp(e.key, "percent", 7)) lua_pushboolean(L, 1);
        else lua_pushlstring(L, e.val, e.val_len);
        lua_rawset(L, -3);
      } else if (e.type == 'k') {
        lua_getfield(L, -1, "categories");
        lua_pushlstring(L, e.val, e.val_len);
        lua_rawseti(L, -2, ++n_cats);
        lua_pop(L, 1);
      } else if (e.type == 'n') {
        lua_getfield(L, -1, "series");
        lua_createtable(L, 0, 2);
        lua_pushlstring(L, e.val, e.val_len);
        lua_setfield(L, -2, "name");
        lua_newtable(L);
        lua_setfield(L, -2, "values");
        lua_rawseti(L, -2, ++n_series);
        lua_pop(L, 1);
        series = 1;
        n_values = 0;
      } else if (series) { /* a value of the last series; false where there is none */
        lua_getfield(L, -1, "series");
        lua_rawgeti(L, -1, n_series);
        lua_getfield(L, -1, "values");
        if (e.val_len) lua_pushnumber(L, strtod(e.val, NULL));
        else lua_pushboolean(L, 0);
        lua_rawseti(L, -2, ++n_values);
        lua_pop(L, 3);
      }
      lua_pop(L, 1);
      break;
    default: break;
    }
  }
}

/* page.content with every component rendered by its template. Errors are
 * the page's, at the component's line: the template is named in the text. */
static void push_content(LuaData *d, lua_State *L, const Page *p) {
  const char *h = p->html ? p->html : "";
  const char *m = strchr(h, COMPONENT_START);
  if (!m || d->component_ref == LUA_NOREF) {
    lua_pushstring(L, h);
    return;
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, d->expanded_ref);
  if (lua_rawgeti(L, -1, p->index + 1) == LUA_TSTRING) {
    lua_remove(L, -2);
    return;
  }
  lua_pop(L, 1);
  Buf out = BUF_INIT;
  while (m) {
    buf_put(&out, h, (size_t)(m - h));
    const char *at = m + 1;
    Buf tpl = BUF_INIT, name = BUF_INIT;
    int line = 0, col = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, d->component_ref);
    lua_pushnil(L); /* the template's name, once known */
    push_component_vars(d, L, p, &at, &tpl, &name, &line, &col);
    lua_pushstring(L, buf_str(&tpl));
    lua_replace(L, -3);
    if (lua_pcall(L, 2, 1, 0) == LUA_OK) {
      size_t n;
      const char *s = lua_tolstring(L, -1, &n);
      if (s) buf_put(&out, s, n);
    } else {
      const char *err = lua_tostring(L, -1);
      diag_error(p->path, line, col, msg(MSG_C_TEMPLATE), buf_str(&name), err ? err : "error");
    }
    buf_free(&tpl);
    buf_free(&name);
    lua_pop(L, 1);
    h = at;
    m = strchr(h, COMPONENT_START);
  }
  buf_puts(&out, h);
  lua_pushlstring(L, buf_str(&out), out.len);
  buf_free(&out);
  lua_pushvalue(L, -1);
  lua_rawseti(L, -3, p->index + 1);
  lua_remove(L, -2);
}

void luadata_forget(LuaData *d, lua_State *L, const Page *p) {
  if (d->expanded_ref == LUA_NOREF || d->expanded_ref == 0) return;
  lua_rawgeti(L, LUA_REGISTRYINDEX, d->expanded_ref);
  lua_pushnil(L);
  lua_rawseti(L, -2, p->index + 1);
  lua_pop(L, 1);
}

/* page.content is the rendered body; fetched on demand so that listing
 * 10 000 pages does not copy 10 000 bodies into Lua. */
static int page_index(lua_State *L) {
  /* Every absent field of a page comes here: answer those first, by
   * comparing the key with the interned "content" (upvalue 2) rather than
   * converting and comparing text. */
  if (!lua_rawequal(L, 2, lua_upvalueindex(2))) return 0;
  LuaData *d = data_of(L);
  lua_getfield(L, 1, pagekeys_name(PK_INDEX));
  lua_Integer i = lua_tointeger(L, -1);
  if (i < 1 || (size_t)i > d->site->n_pages) return 0;
  const Page *p = d->site->pages[i - 1];
  if (d->foreign && d->current != i - 1) d->foreign[i - 1] = 1;
  push_content(d, L, p);
  return 1;
}

void luadata_push_commit(lua_State *L, const GitCommit *c) {
  lua_createtable(L, 0, 5);
  lua_pushstring(L, c->id);
  lua_setfield(L, -2, "id");
  lua_pushstring(L, c->short_id);
  lua_setfield(L, -2, "short");
  lua_pushstring(L, c->date);
  lua_setfield(L, -2, "date");
  lua_pushstring(L, c->subject);
  lua_setfield(L, -2, "subject");
  if (c->note) {
    lua_pushstring(L, c->note);
    lua_setfield(L, -2, "note");
  }
}

/* page.git: created (first commit's date), updated (the last commit with a
 * change note, else the last commit), commits (newest first) and notes. */
static void push_git(LuaData *d, lua_State *L, const Page *p) {
  Buf rel = BUF_INIT;
  buf_printf(&rel, "content/%s", p->rel);
  const FileHistory *h = git_history_file(d->git, rel.data);
  buf_free(&rel);
  if (!h || !h->n) return;
  lua_createtable(L, 0, 6);
  lua_pushstring(L, h->commits[h->n - 1]->date);
  lua_setfield(L, -2, "created");
  const GitCommit *upd = h->commits[0];
  for (size_t i = 0; i < h->n; i++)
    if (h->commits[i]->note) { upd = h->commits[i]; break; }
  lua_pushstring(L, upd->date);
  lua_setfield(L, -2, "updated");
  if (!p->is_home) {
    lua_pushfstring(L, "%s%s/", p->url, d->site->cfg.paths.changes);
    lua_setfield(L, -2, "changes_url");
  }
  lua_createtable(L, (int)h->n, 0);
  for (size_t i = 0; i < h->n; i++) {
    luadata_push_commit(L, h->commits[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "commits");
  lua_newtable(L);
  for (size_t i = 0, k = 0; i < h->n; i++)
    if (h->commits[i]->note) {
      luadata_push_commit(L, h->commits[i]);
      lua_rawseti(L, -2, (lua_Integer)++k);
    }
  lua_setfield(L, -2, "notes");
  lua_setfield(L, -2, pagekeys_name(PK_GIT));
}

/* page.lang, page.original and page.translations: the same page in the
 * site's other languages, the original first. */
static void push_languages(LuaData *d, lua_State *L, const Page *p) {
  lua_pushstring(L, p->lang);
  lua_setfield(L, -2, pagekeys_name(PK_LANG));
  const Page *o = p->original ? p->original : p;
  if (p->original) {
    luadata_push_page(d, L, p->original);
    lua_setfield(L, -2, pagekeys_name(PK_ORIGINAL));
  }
  lua_createtable(L, (int)o->n_translations, 0);
  int n = 0;
  if (o != p) {
    luadata_push_page(d, L, o);
    lua_rawseti(L, -2, ++n);
  }
  for (size_t i = 0; i < o->n_translations; i++) {
    if (o->translations[i] == p) continue;
    luadata_push_page(d, L, o->translations[i]);
    lua_rawseti(L, -2, ++n);
  }
  lua_setfield(L, -2, pagekeys_name(PK_TRANSLATIONS));
}

static void fill_page(LuaData *d, lua_State *L, const Page *p) {
  push_git(d, L, p);
  for (size_t j = 0; j < p->type->n_fields; j++) {
    if (!p->fields[j]) continue;
    push_value(d, L, p->fields[j]);
    lua_setfield(L, -2, p->type->fields[j].name);
  }
  lua_pushinteger(L, p->index + 1);
  lua_setfield(L, -2, pagekeys_name(PK_INDEX));
  lua_pushstring(L, p->url);
  lua_setfield(L, -2, pagekeys_name(PK_URL));
  lua_pushstring(L, p->type->name);
  lua_setfield(L, -2, pagekeys_name(PK_TYPE));
  lua_pushstring(L, p->slug);
  lua_setfield(L, -2, pagekeys_name(PK_SLUG));
  lua_pushstring(L, p->rel);
  lua_setfield(L, -2, pagekeys_name(PK_PATH));
  lua_pushstring(L, p->title);
  lua_setfield(L, -2, pagekeys_name(PK_TITLE));
  lua_pushstring(L, p->summary);
  lua_setfield(L, -2, pagekeys_name(PK_SUMMARY));
  lua_pushboolean(L, p->is_home);
  lua_setfield(L, -2, pagekeys_name(PK_IS_HOME));
  push_languages(d, L, p);
  lua_createtable(L, (int)p->n_toc, 0);
  for (size_t i = 0; i < p->n_toc; i++) {
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, p->toc[i].level);
    lua_setfield(L, -2, "level");
    lua_pushstring(L, p->toc[i].id);
    lua_setfield(L, -2, "id");
    lua_pushstring(L, p->toc[i].text);
    lua_setfield(L, -2, "text");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, pagekeys_name(PK_TOC));
  /* referenced_by[type] = pages pointing here, in reading order;
   * incoming = {page =, field =} for templates that care which field.
   * A translation shows its original's. */
  if (p->original) p = p->original;
  Page **from = xmalloc((p->n_incoming + 1) * sizeof *from);
  lua_newtable(L);
  for (size_t t = 0; t < d->site->cfg.n_types; t++) {
    const ContentType *ct = &d->site->cfg.types[t];
    size_t n = 0;
    for (size_t i = 0; i < p->n_incoming; i++) {
      Page *f = p->incoming[i].from;
      if (f->type != ct) continue;
      int seen = 0;
      for (size_t k = 0; k < n; k++) seen |= from[k] == f;
      if (!seen) from[n++] = f;
    }
    if (!n) continue;
    qsort(from, n, sizeof *from, page_compare);
    luadata_push_list(d, L, from, n);
    lua_setfield(L, -2, ct->name);
  }
  lua_setfield(L, -2, pagekeys_name(PK_REFERENCED_BY));
  free(from);
  lua_createtable(L, (int)p->n_incoming, 0);
  for (size_t i = 0; i < p->n_incoming; i++) {
    lua_createtable(L, 0, 2);
    luadata_push_page(d, L, p->incoming[i].from);
    lua_setfield(L, -2, "page");
    lua_pushstring(L, p->incoming[i].field->name);
    lua_setfield(L, -2, "field");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, pagekeys_name(PK_INCOMING));
}

static const TypeList *find_list(LuaData *d, const char *type) {
  for (size_t i = 0; i < d->site->cfg.n_types; i++)
    if (!strcmp(d->col->lists[i].type->name, type)) return &d->col->lists[i];
  return NULL;
}

static const TaxIndex *find_tax(LuaData *d, const char *name) {
  for (size_t i = 0; i < d->col->n_tax; i++)
    if (!strcmp(d->col->tax[i].tax->name, name)) return &d->col->tax[i];
  return NULL;
}

/* Pushes labels.<part>[key] of the language being rendered, or nothing:
 * returns whether it pushed. [-0, +(0|1)] */
static int push_label(const LuaData *d, lua_State *L, const char *part, const char *key) {
  if (!d->labels_ref) return 0;
  lua_rawgeti(L, LUA_REGISTRYINDEX, d->labels_ref);
  if (lua_getfield(L, -1, part) != LUA_TTABLE) {
    lua_pop(L, 2);
    return 0;
  }
  if (lua_getfield(L, -1, key) == LUA_TNIL) {
    lua_pop(L, 3);
    return 0;
  }
  lua_replace(L, -3); /* labels, part, value -> value, part */
  lua_pop(L, 1);
  return 1;
}

/* Sets t[key] (t on top) to the language's labels.types[name][key] or to
 * the name in `types` (fallback). */
static void set_type_text(const LuaData *d, lua_State *L, const char *name, const char *key,
                          const char *fallback) {
  int own = push_label(d, L, "types", name);
  if (own) {
    lua_getfield(L, -1, key);
    lua_remove(L, -2);
  }
  if (!own || lua_isnil(L, -1)) {
    if (own) lua_pop(L, 1);
    lua_pushstring(L, fallback);
  }
  lua_setfield(L, -2, key);
}

void luadata_push_type(LuaData *d, lua_State *L, const TypeList *l) {
  lua_createtable(L, 0, 6);
  lua_pushstring(L, l->type->name);
  lua_setfield(L, -2, "name");
  set_type_text(d, L, l->type->name, "title", l->type->title);
  set_type_text(d, L, l->type->name, "singular", l->type->singular);
  if (l->url) {
    lua_pushstring(L, l->url);
    lua_setfield(L, -2, "url");
  }
  lua_pushinteger(L, (lua_Integer)l->n);
  lua_setfield(L, -2, "count");
  /* roles: which field is the title, number, … of this type's pages */
  const FieldRoles *r = &l->type->roles;
  lua_createtable(L, 0, 5);
  const char *names[] = {"title", "summary", "draft", "number", "abbreviation"};
  const char *vals[] = {r->title, r->summary, r->draft, r->number, r->abbreviation};
  for (int i = 0; i < 5; i++)
    if (vals[i]) {
      lua_pushstring(L, vals[i]);
      lua_setfield(L, -2, names[i]);
    }
  lua_setfield(L, -2, "roles");
}

void luadata_push_term(LuaData *d, lua_State *L, const TaxIndex *ti, const Term *t) {
  lua_createtable(L, 0, 6);
  lua_pushstring(L, t->name);
  lua_setfield(L, -2, "name");
  lua_pushstring(L, t->slug);
  lua_setfield(L, -2, "slug");
  lua_pushstring(L, t->url);
  lua_setfield(L, -2, "url");
  lua_pushstring(L, ti->tax->name);
  lua_setfield(L, -2, "taxonomy");
  lua_pushinteger(L, (lua_Integer)t->n);
  lua_setfield(L, -2, "count");
  luadata_push_list(d, L, t->pages, t->n);
  lua_setfield(L, -2, "pages");
}

/* The pages for which keep(p, code) holds, in reading order when sorted,
 * else in the order they were loaded. */
static void push_pages_where(LuaData *d, lua_State *L, int (*keep)(const Page *, const char *),
                             const char *code, int sorted) {
  const Site *s = d->site;
  Page **sel = xmalloc((s->n_pages + 1) * sizeof *sel);
  size_t n = 0;
  for (size_t i = 0; i < s->n_pages; i++)
    if (keep(s->pages[i], code)) sel[n++] = s->pages[i];
  if (sorted) qsort(sel, n, sizeof *sel, page_compare);
  luadata_push_list(d, L, sel, n);
  free(sel);
}

static int in_site_tree(const Page *p, const char *code) { (void)code; return !page_is_translation(p); }
static int translation_in(const Page *p, const char *code) {
  return page_is_translation(p) && !strcmp(p->lang, code);
}

/* pages(): every page of the site's own tree (translations are reached from
 * their originals, or with language_pages); pages(type): a type's list. */
static int l_pages(lua_State *L) {
  LuaData *d = data_of(L);
  if (lua_isnoneornil(L, 1)) {
    push_pages_where(d, L, in_site_tree, NULL, 0);
    return 1;
  }
  const TypeList *l = find_list(d, luaL_checkstring(L, 1));
  if (!l) return luaL_error(L, "pages(): no type '%s'", lua_tostring(L, 1));
  luadata_push_list(d, L, l->pages, l->n);
  return 1;
}

/* language_pages(code): the translations into that language, in reading order. */
static int l_language_pages(lua_State *L) {
  push_pages_where(data_of(L), L, translation_in, luaL_checkstring(L, 1), 1);
  return 1;
}

static int l_page(lua_State *L) {
  LuaData *d = data_of(L);
  const char *type = luaL_checkstring(L, 1), *slug = luaL_checkstring(L, 2);
  Buf key = BUF_INIT;
  buf_printf(&key, "%s/%s", type, slug);
  Page *p = strmap_get(&d->site->by_key, key.data);
  buf_free(&key);
  if (p) luadata_push_page(d, L, p);
  else lua_pushnil(L);
  return 1;
}

/* page_at(url): the page at a URL (with or without the base path), or nil. */
static int l_page_at(lua_State *L) {
  LuaData *d = data_of(L);
  const char *u = luaL_checkstring(L, 1);
  Page *p = strmap_get(&d->site->by_url, u);
  if (!p && *d->site->cfg.base_path) {
    lua_pushfstring(L, "%s%s", d->site->cfg.base_path, u);
    p = strmap_get(&d->site->by_url, lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  if (p) luadata_push_page(d, L, p);
  else lua_pushnil(L);
  return 1;
}

static int l_types(lua_State *L) {
  LuaData *d = data_of(L);
  lua_newtable(L);
  for (size_t i = 0; i < d->site->cfg.n_types; i++) {
    luadata_push_type(d, L, &d->col->lists[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int l_type(lua_State *L) {
  LuaData *d = data_of(L);
  const TypeList *l = find_list(d, luaL_checkstring(L, 1));
  if (!l) return luaL_error(L, "type_info(): no type '%s'", lua_tostring(L, 1));
  luadata_push_type(d, L, l);
  return 1;
}

/* First letter upper case: ASCII, and the Latin-1 letters à–þ as UTF-8
 * (æ ø å: "år" -> "År"), which is what field names in site.lua use. */
static void capitalise(Buf *b) {
  unsigned char *s = (unsigned char *)b->data;
  if (b->len && s[0] >= 'a' && s[0] <= 'z') s[0] -= 32;
  else if (b->len > 1 && s[0] == 0xC3 && s[1] >= 0xA0 && s[1] <= 0xBE && s[1] != 0xB7) s[1] -= 0x20;
}

/* The field's label and plural in the language being rendered, when its
 * labels name it (as type.field or as field), over those on the table on
 * top: a text is both, { label, plural } each. */
static void field_label(const LuaData *d, lua_State *L, const char *type, const char *field) {
  if (!d->labels_ref) return;
  lua_pushfstring(L, "%s.%s", type, field);
  int found = push_label(d, L, "fields", lua_tostring(L, -1));
  lua_remove(L, found ? -2 : -1);
  if (!found && !push_label(d, L, "fields", field)) return;
  if (lua_istable(L, -1)) {
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2);
    if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushvalue(L, -1); }
    lua_remove(L, -3);
  } else {
    lua_pushvalue(L, -1);
  }
  lua_setfield(L, -3, "plural");
  lua_setfield(L, -2, "label");
}

/* fields_of(type): the type's fields in declared order, for fact boxes. */
static int l_fields(lua_State *L) {
  LuaData *d = data_of(L);
  const TypeList *l = find_list(d, luaL_checkstring(L, 1));
  if (!l) return luaL_error(L, "fields_of(): no type '%s'", lua_tostring(L, 1));
  const ContentType *t = l->type;
  lua_createtable(L, (int)t->n_fields, 0);
  for (size_t i = 0; i < t->n_fields; i++) {
    const Field *f = &t->fields[i];
    lua_createtable(L, 0, 4);
    lua_pushstring(L, f->name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, field_kind_name(f->kind == F_LIST ? f->of->kind : f->kind));
    lua_setfield(L, -2, "kind");
    lua_pushboolean(L, f->kind == F_LIST);
    lua_setfield(L, -2, "list");
    if (f->taxonomy) {
      lua_pushstring(L, f->taxonomy);
      lua_setfield(L, -2, "taxonomy");
    }
    /* a label for people: "følges_opp_av" -> "Følges opp av" */
    Buf label = BUF_INIT;
    buf_puts(&label, f->label ? f->label : f->name);
    for (size_t k = 0; k < label.len; k++)
      if (label.data[k] == '_') label.data[k] = ' ';
    if (!f->label) capitalise(&label);
    lua_pushstring(L, label.data);
    lua_setfield(L, -2, "label");
    lua_pushstring(L, f->plural ? f->plural : label.data);
    lua_setfield(L, -2, "plural");
    buf_free(&label);
    field_label(d, L, t->name, f->name);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int l_taxonomies(lua_State *L) {
  LuaData *d = data_of(L);
  lua_newtable(L);
  for (size_t i = 0; i < d->col->n_tax; i++) {
    const TaxIndex *ti = &d->col->tax[i];
    lua_createtable(L, 0, 4);
    lua_pushstring(L, ti->tax->name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, ti->tax->title);
    lua_setfield(L, -2, "title");
    lua_pushstring(L, ti->url);
    lua_setfield(L, -2, "url");
    lua_pushinteger(L, (lua_Integer)ti->n_terms);
    lua_setfield(L, -2, "count");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int l_terms(lua_State *L) {
  LuaData *d = data_of(L);
  const TaxIndex *ti = find_tax(d, luaL_checkstring(L, 1));
  if (!ti) return luaL_error(L, "terms(): no taxonomy '%s'", lua_tostring(L, 1));
  lua_createtable(L, (int)ti->n_terms, 0);
  for (size_t i = 0; i < ti->n_terms; i++) {
    luadata_push_term(d, L, ti, ti->terms[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int l_term_url(lua_State *L) {
  LuaData *d = data_of(L);
  const Term *t = collections_term(d->col, luaL_checkstring(L, 1), luaL_checkstring(L, 2));
  if (t) lua_pushstring(L, t->url);
  else lua_pushnil(L);
  return 1;
}

static int l_url(lua_State *L) {
  LuaData *d = data_of(L);
  const char *path = luaL_checkstring(L, 1);
  lua_pushfstring(L, "%s%s%s", d->site->cfg.base_path, path[0] == '/' ? "" : "/", path);
  return 1;
}

static int l_abs_url(lua_State *L) {
  LuaData *d = data_of(L);
  const char *path = luaL_checkstring(L, 1);
  const char *base = d->site->cfg.base_url;
  size_t bl = strlen(base);
  const char *bp = d->site->cfg.base_path;
  /* path already carries the base path when it came from page.url */
  if (*bp && starts_with(path, bp)) path += strlen(bp);
  while (bl && base[bl - 1] == '/') bl--;
  lua_pushlstring(L, base, bl);
  lua_pushfstring(L, "%s%s", path[0] == '/' ? "" : "/", path);
  lua_concat(L, 2);
  return 1;
}

static int l_asset(lua_State *L) {
  LuaData *d = data_of(L);
  const char *name = luaL_checkstring(L, 1);
  const char *url = assets_url(d->assets, name);
  if (!url) return luaL_error(L, "asset(): the theme has no asset '%s'", name);
  lua_pushstring(L, url);
  return 1;
}

void format_number(Buf *out, long long n, const char *sep) {
  char digits[32];
  unsigned long long u = n < 0 ? (unsigned long long)(-(n + 1)) + 1 : (unsigned long long)n;
  int len = snprintf(digits, sizeof digits, "%llu", u);
  if (n < 0) buf_puts(out, "\xE2\x88\x92"); /* minus sign */
  for (int i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) buf_puts(out, sep);
    buf_putc(out, digits[i]);
  }
}

int format_date(Buf *out, const char *iso, const char *const months[12], const char *pattern) {
  int y, m, d;
  if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return -1;
  for (const char *p = pattern; *p; p++) {
    if (!strncmp(p, "{day}", 5)) { buf_printf(out, "%d", d); p += 4; }
    else if (!strncmp(p, "{month}", 7)) { buf_puts(out, months[m - 1]); p += 6; }
    else if (!strncmp(p, "{year}", 6)) { buf_printf(out, "%d", y); p += 5; }
    else buf_putc(out, *p);
  }
  return 0;
}

/* strings[key] of the site's string table as a C string, or fallback. */
/* The string table of what is being rendered: a page's own language's while
 * it renders (render.c), else the site's. */
static int strings_now(const LuaData *d) {
  return d->strings_ref ? d->strings_ref : d->site->cfg.strings_ref;
}

static const char *word(LuaData *d, lua_State *L, const char *key, const char *fallback) {
  return config_string_in(L, strings_now(d), key, fallback);
}

static int l_number(lua_State *L) {
  lua_Number x = luaL_checknumber(L, 1);
  /* beyond ±9·10^18 (or NaN) the conversion to an integer is undefined */
  if (!(x > -9.2e18 && x < 9.2e18)) return luaL_error(L, "number(): %f is out of range", x);
  lua_Integer decimals = luaL_optinteger(L, 2, 0);
  Buf b = BUF_INIT;
  if (decimals <= 0) {
    format_number(&b, (long long)(x < 0 ? x - 0.5 : x + 0.5), word(data_of(L), L, "thousands_sep", ","));
  } else {
    if (decimals > 6) decimals = 6;
    char frac[32];
    snprintf(frac, sizeof frac, "%.*f", (int)decimals, x < 0 ? -x : x);
    char *dot = strchr(frac, '.');
    format_number(&b, x < 0 ? -atoll(frac) : atoll(frac), word(data_of(L), L, "thousands_sep", ","));
    if (dot) buf_printf(&b, "%s%s", word(data_of(L), L, "decimal_sep", "."), dot + 1);
  }
  lua_pushlstring(L, buf_str(&b), b.len);
  buf_free(&b);
  return 1;
}

static int l_kr(lua_State *L) {
  l_number(L);
  lua_pushstring(L, word(data_of(L), L, "currency_suffix", ""));
  lua_concat(L, 2);
  return 1;
}

/* date(iso): in the words of the language being rendered (its string
 * table's months and date_format). */
static int l_date(lua_State *L) {
  const char *iso = luaL_checkstring(L, 1);
  /* the string table's months = { "januar", … } and date_format; the ISO
   * date itself when the theme has no month names */
  LuaData *d = data_of(L);
  const char *months[12];
  int top = lua_gettop(L), have = 0;
  int ref = strings_now(d);
  if (ref != LUA_NOREF) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    lua_getfield(L, -1, "months");
    if (lua_istable(L, -1)) {
      have = 1;
      for (int i = 0; i < 12; i++) {
        lua_rawgeti(L, top + 2, i + 1);
        months[i] = lua_tostring(L, -1); /* kept on the stack until the end */
        if (!months[i]) have = 0;
      }
    }
  }
  Buf b = BUF_INIT;
  int rc = format_date(&b, iso, months, have ? word(d, L, "date_format", "{day} {month} {year}") : "");
  if (!have && rc == 0) buf_puts(&b, iso);
  lua_settop(L, top);
  if (rc != 0) {
    buf_free(&b);
    return luaL_error(L, "date(): '%s' is not a date written YYYY-MM-DD", iso);
  }
  lua_pushlstring(L, buf_str(&b), b.len);
  buf_free(&b);
  return 1;
}

static int l_slugify(lua_State *L) {
  Buf b = BUF_INIT;
  slugify(&b, luaL_checkstring(L, 1));
  lua_pushlstring(L, buf_str(&b), b.len);
  buf_free(&b);
  return 1;
}

static int l_collate(lua_State *L) {
  lua_pushboolean(L, nb_collate(luaL_checkstring(L, 1), luaL_checkstring(L, 2)) < 0);
  return 1;
}

/* memo(arg): upvalue 1 is the function, upvalue 2 its answers by argument. */
static int memo(lua_State *L) {
  const LuaData *d = lua_touserdata(L, lua_upvalueindex(3));
  lua_settop(L, 1);
  /* one cache per language: its labels change the answers */
  if (lua_rawgeti(L, lua_upvalueindex(2), d->labels_ref) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(2), d->labels_ref);
  }
  const int cache = lua_gettop(L);
  if (!lua_isnil(L, 1)) lua_pushvalue(L, 1);
  else lua_pushliteral(L, "\x01all");
  lua_pushvalue(L, -1);
  if (lua_rawget(L, cache) != LUA_TNIL) return 1;
  lua_pop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  lua_pushvalue(L, -2);
  lua_pushvalue(L, -2);
  lua_rawset(L, cache);
  return 1;
}

/* t[k] = v for the table below the value on top, without metamethods:
 * site.lua's table may carry a __newindex that raises. */
static void lua_setfield_raw(lua_State *L, const char *k) {
  lua_pushstring(L, k);
  lua_insert(L, -2);
  lua_rawset(L, -3);
}

int luadata_install(LuaData *d, Sandbox *sb, int env_index) {
  lua_State *L = sb->L;
  env_index = lua_absindex(L, env_index);
  Site *s = d->site;
  lua_pushvalue(L, env_index);
  d->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  /* page tables first, so refs between pages can point at them */
  lua_createtable(L, (int)s->n_pages, 0);
  lua_createtable(L, 0, 1); /* shared metatable */
  lua_pushlightuserdata(L, d);
  lua_pushstring(L, pagekeys_name(PK_CONTENT));
  lua_pushcclosure(L, page_index, 2);
  lua_setfield(L, -2, "__index");
  for (size_t i = 0; i < s->n_pages; i++) {
    lua_newtable(L);
    lua_pushvalue(L, -2);
    lua_setmetatable(L, -2);
    lua_rawseti(L, -3, (lua_Integer)i + 1);
  }
  lua_pop(L, 1);
  d->pages_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_newtable(L);
  d->expanded_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  for (size_t i = 0; i < s->n_pages; i++) {
    luadata_push_page(d, L, s->pages[i]);
    fill_page(d, L, s->pages[i]);
    lua_pop(L, 1);
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->cfg.site_ref);
  lua_pushstring(L, s->cfg.base_path);
  lua_setfield_raw(L, "base_path");
  lua_pushliteral(L, "varde " VARDE_VERSION);
  lua_setfield_raw(L, "generator");
  if (s->home) {
    luadata_push_page(d, L, s->home);
    lua_setfield_raw(L, "home");
  }
  if (git_history_head(d->git)) {
    luadata_push_commit(L, git_history_head(d->git));
    lua_setfield_raw(L, "git");
  }
  /* paths complete with their defaults, whatever site.lua left out */
  lua_createtable(L, 0, 4);
  const Namespaces *ns = &s->cfg.paths;
  lua_pushstring(L, ns->changes); lua_setfield(L, -2, "changes");
  lua_pushstring(L, ns->files); lua_setfield(L, -2, "files");
  lua_pushstring(L, ns->search); lua_setfield(L, -2, "search");
  lua_pushstring(L, ns->data); lua_setfield(L, -2, "data");
  lua_setfield_raw(L, "paths");
  /* the search page of the site's own tree; a parallel language has its own */
  lua_pushfstring(L, "/%s/", ns->search);
  lua_setfield_raw(L, "search_url");
  lua_setfield(L, env_index, "site");
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->cfg.strings_ref);
  lua_setfield(L, env_index, "strings");
  static const luaL_Reg fns[] = {
      {"pages", l_pages}, {"language_pages", l_language_pages}, {"find_page", l_page}, {"page_at", l_page_at}, {"types", l_types}, {"type_info", l_type},
      {"taxonomies", l_taxonomies}, {"fields_of", l_fields}, {"terms", l_terms}, {"term_url", l_term_url},
      {"url", l_url}, {"abs_url", l_abs_url}, {"asset", l_asset}, {"number", l_number},
      {"kr", l_kr}, {"date", l_date}, {"slugify", l_slugify}, {"collate_less", l_collate},
      {NULL, NULL}};
  for (const luaL_Reg *f = fns; f->name; f++) {
    lua_pushlightuserdata(L, d);
    lua_pushcclosure(L, f->func, 1);
    if (f->func == l_fields || f->func == l_types || f->func == l_type || f->func == l_taxonomies) {
      /* Their answers never change during a build: compute once per
       * argument and language. */
      lua_newtable(L);
      lua_pushlightuserdata(L, d);
      lua_pushcclosure(L, memo, 3);
    }
    lua_setfield(L, env_index, f->name);
  }
  return 0;
}
