#include "sandbox.h"
#include "buf.h"
#include "diag.h"
#include <lauxlib.h>
#include <lualib.h>
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

static void count_hook(lua_State *L, lua_Debug *ar) {
  Sandbox *sb;
  lua_getallocf(L, (void **)&sb);
  sb->budget -= HOOK_STEP;
  if (sb->budget >= 0) return;
  sb->budget = sb->budget_per_call; /* let the error unwind */
  /* Inside a hook, level 0 is the Lua function that was running: name it. */
  if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
    lua_pushfstring(L, "%s:%d: instruction limit exceeded (endless loop?)", ar->short_src,
                    ar->currentline);
  else
    lua_pushliteral(L, "instruction limit exceeded (endless loop?)");
  lua_error(L); /* not luaL_error: that would prefix the caller's position */
}

Sandbox *sandbox_new(size_t mem_limit, long instr_limit) {
  Sandbox *sb = calloc(1, sizeof *sb);
  if (!sb) return NULL;
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

static int safe_tostring(lua_State *L) {
  luaL_tolstring(L, 1, NULL);
  return 1;
}

void sandbox_env(Sandbox *sb) {
  lua_State *L = sb->L;
  static const char *const base[] = {"assert", "error", "ipairs", "next", "pairs", "pcall",
                                     "select", "tonumber", "type", "xpcall", "rawequal",
                                     "rawget", "rawset", "rawlen", "setmetatable",
                                     "getmetatable", NULL};
  static const char *const string[] = {"byte", "char", "find", "format", "gmatch", "gsub",
                                       "len", "lower", "match", "rep", "reverse", "sub",
                                       "upper", NULL};
  static const char *const table[] = {"concat", "insert", "move", "pack", "remove", "sort",
                                      "unpack", NULL};
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
  copy_lib(L, "string", string);
  lua_setfield(L, -2, "string");
  copy_lib(L, "table", table);
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
  if (rc != LUA_OK) return -1;
  lua_pushvalue(L, env_index);
  if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  return 0;
}

int sandbox_call(Sandbox *sb, int nargs, int nresults) {
  sb->budget = sb->budget_per_call;
  return lua_pcall(sb->L, nargs, nresults, 0);
}

void sandbox_report(Sandbox *sb, const char *fallback_path) {
  lua_State *L = sb->L;
  const char *msg = lua_tostring(L, -1);
  if (!msg) msg = "error object is not a string";
  /* "path:line: message" as luaL_where formats it */
  const char *colon = strchr(msg, ':');
  while (colon) {
    char *end;
    long line = strtol(colon + 1, &end, 10);
    if (end > colon + 1 && *end == ':' && line > 0) {
      Buf path = BUF_INIT;
      buf_put(&path, msg, (size_t)(colon - msg));
      const char *rest = end + 1;
      while (*rest == ' ') rest++;
      diag_error(path.data, (int)line, 1, "%s", rest);
      buf_free(&path);
      lua_pop(L, 1);
      return;
    }
    colon = strchr(colon + 1, ':');
  }
  if (!strcmp(msg, "not enough memory"))
    diag_error(fallback_path, 0, 0, "Lua memory limit of %zu MiB exceeded", sb->mem_limit >> 20);
  else
    diag_error(fallback_path, 0, 0, "%s", msg);
  lua_pop(L, 1);
}
