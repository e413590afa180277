#include "template.h"
#include "xalloc.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "strmap.h"
#include "text.h"
#include <lauxlib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct Templates {
  Sandbox *sb;
  char *site_dir, *theme_dir;
  size_t root_len;          /* messages name templates relative to the root */
  char *root;
  int render_ref;           /* the prelude's render(name, vars) */
  int component_ref;        /* the prelude's component(name, vars) */
  StrMap reported;          /* error messages already shown once */
};

/* ---- compiler ---------------------------------------------------------- */

/* Output is appended straight to the render's array of pieces, _o (a local
 * of every compiled template): three VM instructions a piece, where a call to
 * an output function cost a global lookup through the scope chain and a call. */
static void emit_text(Buf *lua, const char *s, size_t n) {
  if (!n) return;
  buf_puts(lua, "_o[#_o+1]=\"");
  size_t lines = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') { buf_puts(lua, "\\n"); lines++; }
    else if (c == '"' || c == '\\') { buf_putc(lua, '\\'); buf_putc(lua, (char)c); }
    else if (c == '\r') buf_puts(lua, "\\r");
    else if (c < 0x20) buf_printf(lua, "\\%03u", c);
    else buf_putc(lua, (char)c);
  }
  buf_puts(lua, "\" ");
  for (size_t i = 0; i < lines; i++) buf_putc(lua, '\n');
}

static size_t count_lines(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += s[i] == '\n';
  return k;
}

static void trim(const char **s, size_t *n) {
  while (*n && strchr(" \t\r\n", **s)) { (*s)++; (*n)--; }
  while (*n && strchr(" \t\r\n", (*s)[*n - 1])) (*n)--;
}

static int word_is(const char *s, size_t n, const char *w) {
  size_t l = strlen(w);
  return n >= l && !strncmp(s, w, l) && (n == l || strchr(" \t\r\n(\"'", s[l]));
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* The index after the quoted Lua string that starts at a[i], or 0. */
static size_t skip_quoted(const char *a, size_t n, size_t i) {
  for (size_t j = i + 1; j < n && a[j] != '\n'; j++) {
    if (a[j] == '\\') j++;
    else if (a[j] == a[i]) return j + 1;
  }
  return 0;
}

/* Are an include's arguments `"name", { ... }`: a table constructor made for
 * this one call? Then the partial can use that table as its scope instead of
 * a copy, since nothing else can see it. Anything unusual (long strings,
 * comments, an expression around the table) says no. */
static int vars_are_fresh(const char *a, size_t n) {
  if (!n || (a[0] != '"' && a[0] != '\'')) return 0;
  size_t i = skip_quoted(a, n, 0);
  if (!i) return 0;
  while (i < n && is_space(a[i])) i++;
  if (i >= n || a[i] != ',') return 0;
  for (i++; i < n && is_space(a[i]); i++) {}
  if (i >= n || a[i] != '{') return 0;
  int depth = 0;
  for (; i < n; i++) {
    char c = a[i];
    if (c == '"' || c == '\'') {
      if (!(i = skip_quoted(a, n, i))) return 0;
      i--;
    } else if ((c == '[' && i + 1 < n && (a[i + 1] == '[' || a[i + 1] == '=')) ||
               (c == '-' && i + 1 < n && a[i + 1] == '-')) {
      return 0;
    } else if (c == '{') {
      depth++;
    } else if (c == '}' && --depth == 0) {
      return i == n - 1;
    }
  }
  return 0;
}

/* Statement tags: directives become runtime calls, anything else is Lua. */
static int emit_code(Buf *lua, const char *code, size_t n, const char *name, int line) {
  size_t before = count_lines(lua->data ? lua->data : "", lua->len);
  const char *s = code;
  size_t k = n;
  trim(&s, &k);
  if (word_is(s, k, "extends")) {
    buf_puts(lua, "_extends(_ENV, ");
    buf_put(lua, s + 7, k - 7);
    buf_puts(lua, ") ");
  } else if (word_is(s, k, "endblock")) {
    buf_puts(lua, "end) ");
  } else if (word_is(s, k, "block")) {
    const char *w = s + 5;
    size_t wl = k - 5;
    trim(&w, &wl);
    for (size_t i = 0; i < wl; i++)
      if (!(w[i] == '_' || (w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z') ||
            (w[i] >= '0' && w[i] <= '9'))) {
        diag_error(name, line, 1, "block name must be a plain word");
        return -1;
      }
    if (!wl) {
      diag_error(name, line, 1, "block needs a name");
      return -1;
    }
    buf_puts(lua, "_block(_ENV, \"");
    buf_put(lua, w, wl);
    buf_puts(lua, "\", function() ");
  } else if (word_is(s, k, "include")) {
    const char *args = s + 7;
    size_t al = k - 7;
    trim(&args, &al);
    if (al >= 2 && args[0] == '(' && args[al - 1] == ')') { args++; al -= 2; }
    buf_puts(lua, "_include(_ENV, ");
    buf_put(lua, args, al);
    buf_puts(lua, vars_are_fresh(args, al) ? ", true) " : ") ");
  } else {
    buf_put(lua, s, k);
    buf_putc(lua, ' ');
  }
  /* keep the template's line numbering in the Lua source: as many line
   * breaks as the tag had, counting those already copied with the code */
  size_t emitted = count_lines(lua->data, lua->len) - before;
  for (size_t i = count_lines(code, n); i > emitted; i--) buf_putc(lua, '\n');
  return 0;
}

int template_compile(const char *src, size_t len, const char *name, Buf *lua) {
  buf_puts(lua, "local _ENV, _o, _e, _r = ... ");
  size_t i = 0, text_start = 0;
  int line = 1;
  while (i < len) {
    if (src[i] != '{' || i + 1 >= len || !strchr("{!%#", src[i + 1])) {
      if (src[i] == '\n') line++;
      i++;
      continue;
    }
    char kind = src[i + 1];
    const char *close = kind == '{' ? "}}" : kind == '!' ? "!}" : kind == '%' ? "%}" : "#}";
    const char *end = NULL;
    for (size_t j = i + 2; j + 1 < len; j++)
      if (src[j] == close[0] && src[j + 1] == close[1]) { end = src + j; break; }
    if (!end) {
      int l, c;
      text_line_col(src, i, &l, &c);
      diag_error(name, l, c, "'{%c' is never closed with '%s'", kind, close);
      return -1;
    }
    size_t text_end = i, after = (size_t)(end - src) + 2;
    /* A statement or comment alone on its line leaves no blank line behind. */
    if (kind == '%' || kind == '#') {
      size_t b = text_end;
      while (b > text_start && (src[b - 1] == ' ' || src[b - 1] == '\t')) b--;
      size_t a = after;
      while (a < len && (src[a] == ' ' || src[a] == '\t' || src[a] == '\r')) a++;
      if ((b == 0 || src[b - 1] == '\n') && (a == len || src[a] == '\n')) {
        text_end = b;
        after = a < len ? a + 1 : a;
      }
    }
    emit_text(lua, src + text_start, text_end - text_start);
    const char *body = src + i + 2;
    size_t blen = (size_t)(end - body);
    int tag_line = line;
    line += (int)count_lines(src + i, after - i);
    if (kind == '{' || kind == '!') {
      const char *e = body;
      size_t el = blen;
      trim(&e, &el);
      if (!el) {
        diag_error(name, tag_line, 1, "empty expression");
        return -1;
      }
      /* the value first, then its slot: the expression may itself write
       * output (a template function), which must come before it */
      buf_puts(lua, kind == '{' ? "do local _v=_e(" : "do local _v=_r(");
      buf_put(lua, body, blen);
      buf_puts(lua, ") _o[#_o+1]=_v end ");
      for (size_t k = count_lines(src + i + 2 + blen, after - (i + 2 + blen)); k; k--)
        buf_putc(lua, '\n');
    } else if (kind == '%') {
      if (emit_code(lua, body, blen, name, tag_line) != 0) return -1;
      for (size_t k = count_lines(src + i + 2 + blen, after - (i + 2 + blen)); k; k--)
        buf_putc(lua, '\n');
    } else {
      for (size_t k = count_lines(src + i, after - i); k; k--) buf_putc(lua, '\n');
    }
    i = after;
    text_start = after;
  }
  emit_text(lua, src + text_start, len - text_start);
  return 0;
}

/* ---- runtime ----------------------------------------------------------- */

static void push_escaped(lua_State *L, int idx) {
  size_t n;
  const char *s;
  int t = lua_type(L, idx);
  if (t == LUA_TNIL) { lua_pushliteral(L, ""); return; }
  if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TTHREAD) {
    luaL_where(L, 1);
    lua_pushfstring(L, "cannot output a %s", lua_typename(L, t));
    lua_concat(L, 2);
    lua_error(L);
  }
  /* A string is its own text (the string metatable is locked, so it has no
   * __tostring): skip luaL_tolstring's metamethod lookup, the common case. */
  if (t == LUA_TSTRING) {
    lua_pushvalue(L, idx);
    s = lua_tolstring(L, -1, &n);
  } else {
    s = luaL_tolstring(L, idx, &n);
  }
  /* Most values need no escaping: hand back the same string, no copy. */
  size_t first = strcspn(s, "&<>\"'");
  if (first >= n) return;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  size_t start = 0;
  for (size_t i = first; i < n; i++) {
    const char *rep = html_entity(s[i]);
    if (!rep) continue;
    luaL_addlstring(&b, s + start, i - start);
    luaL_addstring(&b, rep);
    start = i + 1;
  }
  luaL_addlstring(&b, s + start, n - start);
  luaL_pushresult(&b);
  lua_remove(L, -2);
}

/* The page's HTML is joined in C (join_pieces), outside the Lua allocator:
 * each {{ }} and {! !} counts what it writes against the sandbox's memory
 * limit, so ten references to one 100 MB string are an error at the
 * template's line, not a 1 GB page. (join_pieces counts again, piece by
 * piece, what comes by other ways: text repeated in a loop, a write to _o.) */
static void count_output(lua_State *L) {
  Sandbox *sb;
  lua_getallocf(L, (void **)&sb);
  size_t n = lua_rawlen(L, -1);
  if (sandbox_output_over(sb, sb->output + n))
    luaL_error(L, "the page's HTML would pass the memory limit of %d MiB (%d MiB written): "
                  "is the same text written again and again?",
               (int)(sb->mem_limit >> 20), (int)((sb->output + n) >> 20));
  sb->output += n;
}

static int l_escape(lua_State *L) {
  push_escaped(L, 1);
  count_output(L);
  return 1;
}

static int l_raw(lua_State *L) {
  if (lua_isnil(L, 1)) lua_pushliteral(L, "");
  else if (lua_istable(L, 1) || lua_isfunction(L, 1)) push_escaped(L, 1); /* raises */
  else luaL_tolstring(L, 1, NULL);
  count_output(L);
  return 1;
}

/* Raises msg at the innermost template on the stack (not the prelude). */
static int template_error(lua_State *L, const char *msg) {
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); level++) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
    if (!strcmp(ar.short_src, "varde-prelude")) continue;
    lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
    return lua_error(L);
  }
  lua_pushstring(L, msg);
  return lua_error(L);
}

static int valid_name(const char *n) {
  return *n && n[0] != '/' && !strstr(n, "..") && !strchr(n, '\\');
}

static char *find_template_in(const Templates *t, const char *name, Buf *shown, const char **dir) {
  const char *dirs[2] = {t->site_dir, t->theme_dir};
  for (int i = 0; i < 2; i++) {
    if (!dirs[i]) continue;
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", dirs[i], name);
    if (fs_exists(p.data) && !fs_is_dir(p.data)) {
      if (dir) *dir = dirs[i];
      buf_puts(shown, p.data + t->root_len + 1);
      return buf_detach(&p);
    }
    buf_free(&p);
  }
  return NULL;
}

static char *find_template(const Templates *t, const char *name, Buf *shown) {
  return find_template_in(t, name, shown, NULL);
}

int template_file_exists(const char *root, const char *theme, const char *name) {
  if (!valid_name(name)) return 0;
  Buf p = BUF_INIT;
  int found = 0;
  buf_printf(&p, "%s/templates/%s", root, name);
  found = fs_exists(p.data) && !fs_is_dir(p.data);
  if (!found && theme) {
    buf_clear(&p);
    buf_printf(&p, "%s/themes/%s/templates/%s", root, theme, name);
    found = fs_exists(p.data) && !fs_is_dir(p.data);
  }
  buf_free(&p);
  return found;
}

int template_exists(const Templates *t, const char *name) {
  Buf shown = BUF_INIT;
  char *p = valid_name(name) ? find_template(t, name, &shown) : NULL;
  buf_free(&shown);
  free(p);
  return p != NULL;
}

/* _load(name): the compiled function, cached in the upvalue table. */
static int l_load(lua_State *L) {
  Templates *t = lua_touserdata(L, lua_upvalueindex(1));
  const char *name = luaL_checkstring(L, 1);
  lua_pushvalue(L, 1);
  if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL) {
    lua_pushvalue(L, 1);
    lua_rawget(L, lua_upvalueindex(3));
    return 2;
  }
  lua_pop(L, 1);
  if (!valid_name(name)) {
    lua_pushfstring(L, "invalid template name '%s'", name);
    return template_error(L, lua_tostring(L, -1));
  }
  Buf shown = BUF_INIT;
  const char *dir = NULL;
  char *path = find_template_in(t, name, &shown, &dir);
  if (!path) {
    buf_free(&shown);
    lua_pushfstring(L, "template '%s' not found in templates/ or the theme", name);
    return template_error(L, lua_tostring(L, -1));
  }
  /* A template that is a symbolic link must still resolve inside the
   * templates folder it was found in, and that folder inside the site;
   * neither may pass through a dot-folder such as .git. */
  if (!fs_resolves_inside(path, dir) || !fs_resolves_inside(dir, t->root)) {
    free(path);
    lua_pushfstring(L, "template %s is a symbolic link outside its templates folder",
                    buf_str(&shown));
    buf_free(&shown);
    return template_error(L, lua_tostring(L, -1));
  }
  size_t len;
  char *src = fs_read(path, &len);
  free(path);
  if (!src) {
    buf_free(&shown);
    lua_pushfstring(L, "cannot read template '%s'", name);
    return template_error(L, lua_tostring(L, -1));
  }
  Buf lua = BUF_INIT;
  /* template_compile returns -1 for every error it reports. (Not the global
   * error count: the search index thread reports its own errors meanwhile,
   * and a full disk made every template loaded after it "have errors".) */
  int rc = template_compile(src, len, buf_str(&shown), &lua);
  free(src);
  if (rc != 0) {
    buf_free(&lua);
    buf_free(&shown);
    lua_pushfstring(L, "template '%s' has errors", name);
    return template_error(L, lua_tostring(L, -1));
  }
  /* The chunk's own first statement replaces _ENV, so give it an empty one. */
  /* Templates that extend no other can write straight into the caller's
   * output when included (no capture): the common case for partials. */
  int extends = strstr(buf_str(&lua), "_extends(_ENV, ") != NULL;
  lua_newtable(L);
  rc = sandbox_load(t->sb, lua.data, lua.len, buf_str(&shown), -1);
  buf_free(&lua);
  buf_free(&shown);
  if (rc != 0) return lua_error(L);
  lua_remove(L, -2);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, -2);
  lua_rawset(L, lua_upvalueindex(2));
  lua_pushvalue(L, 1);
  lua_pushboolean(L, extends);
  lua_rawset(L, lua_upvalueindex(3));
  lua_pushboolean(L, extends);
  return 2;
}

/* The runtime every compiled template calls into. One render writes all its
 * pieces into one array, buf, which every compiled template receives as its
 * local _o; the array is new for each render, so nothing written for one
 * page can reach another. Nothing is captured into separate buffers on the
 * way: a template that extends another just has what it wrote outside its
 * blocks taken off the end again. */
static const char prelude[] =
    "local G, _load, _esc, _raw = ...\n"
    "local concat, rawget, rawset, pairs, pcall, error, setmetatable =\n"
    "  table.concat, rawget, rawset, pairs, pcall, error, setmetatable\n"
    "local buf\n"
    "local function _p(s) if s ~= nil and s ~= '' then buf[#buf + 1] = s end end\n"
    "local function drop(start) for i = #buf, start + 1, -1 do buf[i] = nil end end\n"
    "local function capture(fn, ...)\n"
    "  local start = #buf\n"
    "  local ok, err = pcall(fn, ...)\n"
    "  local s = concat(buf, '', start + 1, #buf)\n"
    "  drop(start)\n"
    "  if not ok then error(err, 0) end\n"
    "  return s\n"
    "end\n"
    "local function run(name, env)\n"
    "  local fn, depth = _load(name), 0\n"
    "  while true do\n"
    "    rawset(env, '_parent', nil)\n"
    "    local start = #buf\n"
    "    fn(env, buf, _esc, _raw)\n"
    "    local parent = rawget(env, '_parent')\n"
    "    if parent == nil then return end\n"
    "    drop(start)\n"
    "    depth = depth + 1\n"
    "    if depth > 16 then error(name .. ': too many levels of extends', 0) end\n"
    "    fn = _load(parent)\n"
    "  end\n"
    "end\n"
    "G._p, G._e, G._r, G.capture = _p, _esc, _raw, capture\n"
    "function G._extends(env, name) rawset(env, '_parent', name) end\n"
    "function G._block(env, name, fn)\n"
    "  local blocks = rawget(env, '_blocks')\n"
    "  if blocks == nil then blocks = {}; rawset(env, '_blocks', blocks) end\n"
    "  if blocks[name] == nil then blocks[name] = fn end\n"
    "  if rawget(env, '_parent') == nil then blocks[name]() end\n"
    "end\n"
    "-- A template's variables: vars, copied unless fresh (a table the include\n"
    "-- made for this call alone), with a metatable chaining to the caller (or\n"
    "-- the globals): lookups stay inside the VM, no Lua __index function. Every\n"
    "-- scope made under the same parent shares one metatable.\n"
    "local chains = setmetatable({}, {__mode = 'k'})\n"
    "local function scope(parent, vars, fresh)\n"
    "  local mt = chains[parent]\n"
    "  if mt == nil then mt = {__index = parent}; chains[parent] = mt end\n"
    "  if fresh then return setmetatable(vars, mt) end\n"
    "  local e = {}\n"
    "  if vars then for k, v in pairs(vars) do rawset(e, k, v) end end\n"
    "  return setmetatable(e, mt)\n"
    "end\n"
    "-- _load's answers, kept here: a table lookup instead of a call into C\n"
    "local loaded, extending = {}, {}\n"
    "function G._include(env, name, vars, fresh)\n"
    "  if type(name) ~= 'string' then\n"
    "    error('include: the template name must be a text in quotes, not ' .. type(name), 2)\n"
    "  end\n"
    "  local fn = loaded[name]\n"
    "  if fn == nil then\n"
    "    fn, extending[name] = _load(name)\n"
    "    loaded[name] = fn\n"
    "  end\n"
    "  if extending[name] then return run(name, scope(env, vars, fresh)) end\n"
    "  fn(scope(env, vars, fresh), buf, _esc, _raw)\n"
    "end\n"
    "-- A component inside page.content, read while another render runs: it\n"
    "-- gets its own array of pieces and gives the caller's back, even on error.\n"
    "local function component(name, vars)\n"
    "  local outer = buf\n"
    "  buf = {}\n"
    "  local ok, err = pcall(run, name, scope(G, vars))\n"
    "  local out = buf\n"
    "  buf = outer\n"
    "  if not ok then error(err, 0) end\n"
    "  return concat(out)\n"
    "end\n"
    "return function(name, vars)\n"
    "  buf = {}\n"
    "  run(name, scope(G, vars))\n"
    "  return buf\n"
    "end, component\n";

static char *helper_path(const char *fmt, const char *arg) {
  Buf b = BUF_INIT;
  buf_printf(&b, fmt, arg);
  return buf_detach(&b);
}

/* Runs the Lua file rel (below root; takes ownership), when it exists, with
 * the templates' globals as its environment: the functions it defines are
 * helpers every template can call. Returns 0, or -1 after reporting. */
static int load_helpers(Sandbox *sb, const char *root, char *rel, int env_index) {
  Buf path = BUF_INIT;
  buf_printf(&path, "%s/%s", root, rel);
  size_t len;
  char *src = fs_exists(path.data) ? fs_read(path.data, &len) : NULL;
  buf_free(&path);
  int rc = 0;
  if (src && (sandbox_load(sb, src, len, rel, env_index) != 0 || sandbox_call(sb, 0, 0) != LUA_OK)) {
    sandbox_report(sb, rel);
    rc = -1;
  }
  free(src);
  free(rel);
  return rc;
}

Templates *templates_new(Sandbox *sb, const char *root, const char *theme, int env_index) {
  lua_State *L = sb->L;
  env_index = lua_absindex(L, env_index);
  Templates *t = xcalloc(1, sizeof *t);
  t->sb = sb;
  t->render_ref = t->component_ref = LUA_NOREF;
  t->root_len = strlen(root);
  t->root = xstrdup(root);
  Buf d = BUF_INIT;
  buf_printf(&d, "%s/templates", root);
  t->site_dir = buf_detach(&d);
  if (theme) {
    buf_printf(&d, "%s/themes/%s/templates", root, theme);
    t->theme_dir = buf_detach(&d);
  }
  if (sandbox_load(sb, prelude, sizeof prelude - 1, "varde-prelude", env_index) != 0) {
    sandbox_report(sb, "varde");
    templates_free(t);
    return NULL;
  }
  lua_pushvalue(L, env_index);
  lua_pushlightuserdata(L, t);
  lua_newtable(L); /* compiled-template cache */
  lua_newtable(L); /* which of them extend another */
  lua_pushcclosure(L, l_load, 3);
  lua_pushcfunction(L, l_escape);
  lua_pushcfunction(L, l_raw);
  if (sandbox_call(sb, 4, 2) != LUA_OK) {
    sandbox_report(sb, "varde");
    templates_free(t);
    return NULL;
  }
  t->component_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  t->render_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  /* The theme's helper module, then the site's additions to it */
  int failed = 0;
  if (theme) failed |= load_helpers(sb, root, helper_path("themes/%s/theme.lua", theme), env_index);
  failed |= load_helpers(sb, root, xstrdup("templates/theme.lua"), env_index);
  if (failed) {
    templates_free(t);
    return NULL;
  }
  return t;
}

void templates_free(Templates *t) {
  if (!t) return;
  if (t->render_ref != LUA_NOREF) luaL_unref(t->sb->L, LUA_REGISTRYINDEX, t->render_ref);
  if (t->component_ref != LUA_NOREF) luaL_unref(t->sb->L, LUA_REGISTRYINDEX, t->component_ref);
  for (size_t i = 0; i < t->reported.cap; i++) free((char *)t->reported.keys[i]);
  strmap_free(&t->reported);
  free(t->site_dir);
  free(t->theme_dir);
  free(t->root);
  free(t);
}

/* The render returns its array of pieces: joining them here copies the page
 * once, straight into out. A final table.concat built a Lua string of every
 * page only to copy it again (measured: a tenth of all rendering work, about
 * twice what this loop costs). Pieces are strings, or numbers from _p;
 * anything else fails as table.concat would, and out is left as it was.
 * The page counts against the sandbox's memory limit, with the Lua state:
 * text repeated in a loop or written to _o directly (not through {{ }} or
 * {! !}, which count at their line) stops here, before the limit is passed.
 * Returns 0, or -1 with the error message pushed. */
static int join_pieces(Sandbox *sb, Buf *out) {
  lua_State *L = sb->L;
  size_t start = out->len;
  lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
  for (lua_Integer i = 1; i <= n; i++) {
    int t = lua_rawgeti(L, -1, i);
    if (t != LUA_TSTRING && t != LUA_TNUMBER) {
      out->len = start;
      if (out->data) out->data[start] = '\0';
      const char *type = luaL_typename(L, -1);
      lua_pop(L, 2);
      lua_pushfstring(L, "invalid value (%s) at index %I in table for 'concat'", type, i);
      return -1;
    }
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    /* the page and the Lua state together stay within the memory limit */
    if (sandbox_output_over(sb, out->len - start + len)) {
      out->len = start;
      if (out->data) out->data[start] = '\0';
      lua_pop(L, 2);
      lua_pushfstring(L, "the page's HTML would pass the memory limit of %d MiB: is text "
                         "repeated in a loop?", (int)(sb->mem_limit >> 20));
      return -1;
    }
    buf_put(out, s, len);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return 0;
}

int template_render(Templates *t, const char *name, int vars_index, Buf *out) {
  lua_State *L = t->sb->L;
  if (vars_index) vars_index = lua_absindex(L, vars_index);
  lua_rawgeti(L, LUA_REGISTRYINDEX, t->render_ref);
  lua_pushstring(L, name);
  if (vars_index) lua_pushvalue(L, vars_index);
  else lua_pushnil(L);
  t->sb->output = 0;
  if (sandbox_call(t->sb, 2, 1) == LUA_OK && join_pieces(t->sb, out) == 0) return 0;
  /* The same template error would repeat for every page: say it once. */
  const char *msg = lua_tostring(L, -1);
  if (msg && strmap_get(&t->reported, msg)) {
    lua_pop(L, 1);
    if (!diag_errors()) diag_error(name, 0, 0, "template failed");
    return -1;
  }
  if (msg) {
    char *k = xstrdup(msg);
    strmap_put(&t->reported, k, k);
  }
  Buf where = BUF_INIT;
  buf_printf(&where, "templates/%s", name);
  sandbox_report(t->sb, where.data);
  buf_free(&where);
  return -1;
}

int template_component_ref(const Templates *t) { return t->component_ref; }
