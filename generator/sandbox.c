#include "sandbox.h"
#include "xalloc.h"
#include "buf.h"
#include "diag.h"
#include "pattern.h"
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  Sandbox *sb = ud;
  if (!ptr) osize = 0;
  if (nsize == 0) {
    free(ptr);
    sb->mem_used -= osize;
    return NULL;
  }
  if (nsize > osize && sb->mem_used + (nsize - osize) > sb->mem_limit) return NULL;
  void *p = realloc(ptr, nsize);
  if (p) sb->mem_used = sb->mem_used - osize + nsize;
  return p;
}

enum { HOOK_STEP = 1000 };

static void count_hook(lua_State *L, lua_Debug *ar);

/* The budget is spent: from now on raise at every instruction, so code that
 * catches the error with pcall and loops again meets it at its very next
 * step. `where` names the place it ran out ("" when unknown). */
static void know(Sandbox *sb, const char *msg, const char *src, int line) {
  free(sb->known_msg);
  sb->known_msg = xstrdup(msg);
  snprintf(sb->known_src, sizeof sb->known_src, "%s", src);
  sb->known_line = line;
}

static int exhaust(lua_State *L, Sandbox *sb, const char *src, int line) {
  sb->exhausted = 1;
  lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
  if (line > 0) lua_pushfstring(L, "%s:%d: instruction limit exceeded (endless loop?)", src, line);
  else lua_pushliteral(L, "instruction limit exceeded (endless loop?)");
  know(sb, lua_tostring(L, -1), src, line);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, "varde.exhausted");
  return lua_error(L); /* not luaL_error: that would prefix the caller's position */
}

static void count_hook(lua_State *L, lua_Debug *ar) {
  Sandbox *sb;
  lua_getallocf(L, (void **)&sb);
  sb->budget -= HOOK_STEP;
  if (sb->budget >= 0) return;
  if (sb->exhausted) {
    /* the same message again, so the first place it ran out is reported */
    lua_getfield(L, LUA_REGISTRYINDEX, "varde.exhausted");
    lua_error(L);
  }
  /* Inside a hook, level 0 is the Lua function that was running: name it. */
  if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0) exhaust(L, sb, ar->short_src, ar->currentline);
  exhaust(L, sb, "", 0);
}

void sandbox_charge(lua_State *L, double work) {
  Sandbox *sb;
  lua_getallocf(L, (void **)&sb);
  if (work > (double)sb->budget_per_call) work = (double)sb->budget_per_call;
  sb->budget -= (long)work;
  if (sb->budget >= 0) return;
  if (sb->exhausted) {
    lua_getfield(L, LUA_REGISTRYINDEX, "varde.exhausted");
    lua_error(L);
  }
  /* level 1 is the Lua code that called the C function doing the work */
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
    exhaust(L, sb, ar.short_src, ar.currentline);
  exhaust(L, sb, "", 0);
}

Sandbox *sandbox_new(size_t mem_limit, long instr_limit) {
  Sandbox *sb = xcalloc(1, sizeof *sb);
  sb->mem_limit = mem_limit;
  sb->budget_per_call = instr_limit;
  sb->L = lua_newstate(sb_alloc, sb);
  if (!sb->L) { free(sb); return NULL; }
  luaL_openlibs(sb->L);
  /* Page tables live for the whole build while every render makes short-lived
   * garbage: the generational collector fits that far better than the
   * incremental one (measured: see docs/benchmarks.md). */
  lua_gc(sb->L, LUA_GCGEN, 0, 0);
  /* Strings share one metatable; lock it so sandboxed code cannot change
   * what every string method does. */
  lua_pushliteral(sb->L, "");
  if (lua_getmetatable(sb->L, -1)) {
    lua_pushliteral(sb->L, "locked");
    lua_setfield(sb->L, -2, "__metatable");
    lua_pop(sb->L, 1);
  }
  lua_pop(sb->L, 1);
  /* string.dump is reachable through ("").dump even though the sandbox's own
   * string table omits it; bytecode is never loadable, but remove it anyway. */
  lua_getglobal(sb->L, "string");
  lua_pushnil(sb->L);
  lua_setfield(sb->L, -2, "dump");
  lua_pop(sb->L, 1);
  lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
  return sb;
}

void sandbox_free(Sandbox *sb) {
  if (!sb) return;
  lua_close(sb->L);
  free(sb->known_msg);
  free(sb);
}

/* Copies the named functions of global library `lib` into a new table. */
static void copy_lib(lua_State *L, const char *lib, const char *const *names) {
  lua_newtable(L);
  lua_getglobal(L, lib);
  for (const char *const *n = names; *n; n++) {
    lua_getfield(L, -1, *n);
    lua_setfield(L, -3, *n);
  }
  lua_pop(L, 1);
}

/* Finalizers run inside the collector, outside any budget: refuse them. */
static int safe_setmetatable(lua_State *L) {
  if (lua_istable(L, 2) && lua_getfield(L, 2, "__gc") != LUA_TNIL)
    return luaL_error(L, "__gc finalizers are not allowed in the sandbox");
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
    return luaL_error(L, "cannot change a protected metatable");
  lua_setmetatable(L, 1);
  return 1;
}

/* xpcall is written in Lua too: Lua calls a message handler at the point of
 * the error, and when the error is the budget's own (raised inside the
 * count hook, where hooks are off) the handler would run uncounted, for
 * ever. Here the handler runs after the stack has unwound, under the
 * budget like any other code. Without the debug library a handler cannot
 * see the stack anyway, so nothing is lost. */
static const char lua_table_helpers[] =
    "local rawlen, error, type, pcall, select = rawlen, error, type, pcall, select\n"
    "local insert = function(t, pos, v)\n"
    "  local n = #t\n"
    "  if v == nil then t[n + 1] = pos return end\n"
    "  if type(pos) ~= 'number' or pos < 1 or pos > n + 1 then error('bad position for insert', 2) end\n"
    "  for i = n, pos, -1 do t[i + 1] = t[i] end\n"
    "  t[pos] = v\n"
    "end\n"
    "local remove = function(t, pos)\n"
    "  local n = #t\n"
    "  pos = pos or n\n"
    "  local v = t[pos]\n"
    "  for i = pos, n - 1 do t[i] = t[i + 1] end\n"
    "  if pos <= n then t[n] = nil end\n"
    "  return v\n"
    "end\n"
    "local function finish(h, ok, ...)\n"
    "  if ok then return true, ... end\n"
    "  return false, h((...))\n"
    "end\n"
    "local xpcall = function(f, h, ...)\n"
    "  if type(h) ~= 'function' then error(\"bad argument #2 to 'xpcall' (function expected)\", 2) end\n"
    "  return finish(h, pcall(f, ...))\n"
    "end\n"
    "return insert, remove, xpcall\n";

/* tostring() of a table or function would print its heap address (or a C
 * library's): pages would leak the process layout and differ build to
 * build. Such values print as their type name. */
static int safe_tostring(lua_State *L) {
  luaL_checkany(L, 1);
  int t = lua_type(L, 1);
  if ((t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TTHREAD ||
       t == LUA_TLIGHTUSERDATA) &&
      luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
    lua_pushstring(L, lua_typename(L, t));
    return 1;
  }
  lua_settop(L, 1);
  luaL_tolstring(L, 1, NULL);
  return 1;
}

/* string.rep loops in C once per copy, outside the instruction budget:
 * ("").rep(1e15) never ends. The result must fit in the memory the state
 * has left, and the copies are charged to the budget. */
static int safe_rep(lua_State *L) {
  size_t l, lsep;
  const char *s = luaL_checklstring(L, 1, &l);
  lua_Integer n = luaL_checkinteger(L, 2);
  const char *sep = luaL_optlstring(L, 3, "", &lsep);
  if (n <= 0 || (l == 0 && (lsep == 0 || n == 1))) {
    lua_pushliteral(L, "");
    return 1;
  }
  Sandbox *sb;
  lua_getallocf(L, (void **)&sb);
  double total = (double)l * (double)n + (double)lsep * (double)(n - 1);
  double room = sb->mem_used < sb->mem_limit ? (double)(sb->mem_limit - sb->mem_used) : 0;
  if (total >= room)
    return luaL_error(L, "string.rep: the result would exceed the Lua memory limit "
                      "of %d MiB", (int)(sb->mem_limit >> 20));
  sandbox_charge(L, (double)n + total / 64);
  luaL_Buffer b;
  char *p = luaL_buffinitsize(L, &b, (size_t)total);
  for (lua_Integer i = 0; i < n; i++) {
    memcpy(p, s, l);
    p += l;
    if (i + 1 < n && lsep) {
      memcpy(p, sep, lsep);
      p += lsep;
    }
  }
  luaL_pushresultsize(&b, (size_t)total);
  return 1;
}

void sandbox_env(Sandbox *sb) {
  lua_State *L = sb->L;
  static const char *const base[] = {"assert", "error", "ipairs", "next", "pairs", "pcall",
                                     "select", "tonumber", "type", "rawequal",
                                     "rawget", "rawset", "rawlen", "setmetatable",
                                     "getmetatable", NULL};
  static const char *const string[] = {"byte", "char", "format", "len", "lower", "reverse",
                                       "sub", "upper", NULL};
  /* table.move, insert and remove loop in C over a length a __len
   * metamethod may make huge: insert and remove are written in Lua below,
   * where the budget counts them; move is left out. */
  static const char *const table[] = {"concat", "pack", "sort", "unpack", NULL};
  static const char *const math[] = {"abs", "ceil", "floor", "fmod", "huge", "max",
                                     "maxinteger", "min", "mininteger", "modf", "pi", "sqrt",
                                     "tointeger", "type", "ult", "exp", "log", NULL};
  static const char *const utf8[] = {"char", "charpattern", "codepoint", "codes", "len",
                                     "offset", NULL};
  lua_newtable(L);
  lua_pushglobaltable(L);
  for (const char *const *n = base; *n; n++) {
    lua_getfield(L, -1, *n);
    lua_setfield(L, -3, *n);
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, safe_tostring);
  lua_setfield(L, -2, "tostring");
  lua_pushcfunction(L, safe_setmetatable);
  lua_setfield(L, -2, "setmetatable");
  copy_lib(L, "string", string);
  lua_pushcfunction(L, safe_rep);
  lua_setfield(L, -2, "rep");
  pattern_install(L); /* find, match, gmatch, gsub with counted steps */
  /* methods on strings ("x"):find(...) must reach the guarded copies too */
  lua_pushliteral(L, "");
  if (lua_getmetatable(L, -1)) {
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  lua_setfield(L, -2, "string");
  copy_lib(L, "table", table);
  if (luaL_loadbufferx(L, lua_table_helpers, sizeof lua_table_helpers - 1, "=table", "t") == LUA_OK &&
      lua_pcall(L, 0, 3, 0) == LUA_OK) {
    lua_setfield(L, -5, "xpcall");
    lua_setfield(L, -3, "remove");
    lua_setfield(L, -2, "insert");
  } else {
    lua_pop(L, 1);
  }
  lua_setfield(L, -2, "table");
  copy_lib(L, "math", math);
  lua_setfield(L, -2, "math");
  copy_lib(L, "utf8", utf8);
  lua_setfield(L, -2, "utf8");
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "_G");
}

int sandbox_load(Sandbox *sb, const char *src, size_t len, const char *name, int env_index) {
  lua_State *L = sb->L;
  env_index = lua_absindex(L, env_index);
  Buf chunk = BUF_INIT;
  buf_printf(&chunk, "@%s", name);
  int rc = luaL_loadbufferx(L, src, len, chunk.data, "t");
  buf_free(&chunk);
  if (rc != LUA_OK) {
    /* the parser's "name:line:" is about this chunk: note it as C knows it */
    const char *m = lua_tostring(L, -1);
    size_t n = strlen(name);
    char *end;
    long line = m && !strncmp(m, name, n) && m[n] == ':' ? strtol(m + n + 1, &end, 10) : 0;
    if (m && line > 0 && *end == ':') know(sb, m, name, (int)line);
    else if (m && len && src[0] == LUA_SIGNATURE[0]) know(sb, m, name, 1); /* binary: its first byte */
    return -1;
  }
  lua_pushvalue(L, env_index);
  if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  return 0;
}

/* The message handler of every call: notes the innermost line of the site's
 * Lua (not varde's prelude or table helpers) where the error was raised. It
 * runs before the stack unwinds and looks only, so it is bounded. (Lua does
 * not call it for memory errors.) */
static int where_handler(lua_State *L) {
  Sandbox *sb;
  lua_getallocf(L, (void **)&sb);
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); level++) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
    if (!strcmp(ar.short_src, "varde-prelude") || !strcmp(ar.short_src, "table")) continue;
    snprintf(sb->err_src, sizeof sb->err_src, "%s", ar.short_src);
    sb->err_line = ar.currentline;
    break;
  }
  return 1;
}

int sandbox_call(Sandbox *sb, int nargs, int nresults) {
  sb->budget = sb->budget_per_call;
  sb->err_line = 0;
  int base = lua_gettop(sb->L) - nargs;
  lua_pushcfunction(sb->L, where_handler);
  lua_insert(sb->L, base);
  int rc = lua_pcall(sb->L, nargs, nresults, base);
  lua_remove(sb->L, base);
  if (sb->exhausted) {
    sb->exhausted = 0;
    lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
  }
  return rc;
}

int sandbox_output_over(const Sandbox *sb, size_t more) {
  size_t left = sb->mem_used < sb->mem_limit ? sb->mem_limit - sb->mem_used : 0;
  return more > left;
}

/* msg without its "src:line:" when that is exactly the position given */
static const char *after_position(const char *msg, const char *src, int line) {
  size_t n = strlen(src);
  if (strncmp(msg, src, n) != 0 || msg[n] != ':') return msg;
  char *end;
  if (strtol(msg + n + 1, &end, 10) != line || *end != ':') return msg;
  while (*++end == ' ') {}
  return end;
}

void sandbox_report(Sandbox *sb, const char *fallback_path) {
  lua_State *L = sb->L;
  const char *msg = lua_tostring(L, -1);
  if (!msg) msg = lua_istable(L, -1) ? "error object is a table" : "error object is not a string";
  if (sb->known_msg && !strcmp(msg, sb->known_msg))
    diag_error(sb->known_src, sb->known_line, 1, "%s", after_position(msg, sb->known_src, sb->known_line));
  else if (sb->err_line > 0)
    diag_error(sb->err_src, sb->err_line, 1, "%s", after_position(msg, sb->err_src, sb->err_line));
  else if (!strcmp(msg, "not enough memory"))
    diag_error(fallback_path, 0, 0, "Lua memory limit of %zu MiB exceeded", sb->mem_limit >> 20);
  else
    diag_error(fallback_path, 0, 0, "%s", msg);
  sb->err_line = 0;
  free(sb->known_msg);
  sb->known_msg = NULL;
  lua_pop(L, 1);
}
