#include "diag.h"
#include "sandbox.h"
#include "test.h"
#include <lauxlib.h>

/* Runs code in a fresh sandbox; returns the error text or the result. */
static const char *run(const char *code, size_t mem) {
  static char out[512];
  Sandbox *sb = sandbox_new(mem, 2 * 1000 * 1000);
  sandbox_env(sb);
  if (sandbox_load(sb, code, strlen(code), "test.lua", -1) != 0 ||
      sandbox_call(sb, 0, 1) != LUA_OK) {
    snprintf(out, sizeof out, "ERR %s", lua_tostring(sb->L, -1));
  } else {
    snprintf(out, sizeof out, "%s", luaL_tolstring(sb->L, -1, NULL));
  }
  sandbox_free(sb);
  return out;
}

void suite_sandbox(void) {
  size_t mb = 32u << 20;
  TEST("dangerous globals are absent") {
    CHECK_STR(run("return tostring(os)", mb), "nil");
    CHECK_STR(run("return tostring(io)", mb), "nil");
    CHECK_STR(run("return tostring(require)", mb), "nil");
    CHECK_STR(run("return tostring(load)", mb), "nil");
    CHECK_STR(run("return tostring(dofile)", mb), "nil");
    CHECK_STR(run("return tostring(debug)", mb), "nil");
    CHECK_STR(run("return tostring(collectgarbage)", mb), "nil");
    CHECK_STR(run("return tostring(string.dump)", mb), "nil");
    CHECK_STR(run("return tostring(('').dump)", mb), "nil");
  }
  TEST("os.execute fails with a position") {
    CHECK_CONTAINS(run("\nos.execute('true')", mb), "test.lua:2:");
  }
  TEST("the string metatable is locked") {
    CHECK_STR(run("return getmetatable('')", mb), "locked");
    CHECK_CONTAINS(run("setmetatable('', {})", mb), "ERR");
  }
  TEST("an endless loop is stopped") {
    CHECK_CONTAINS(run("while true do end", mb), "instruction limit exceeded");
  }
  TEST("deep recursion is stopped") {
    /* Lua's stack limit or the memory cap, whichever comes first */
    CHECK_CONTAINS(run("local function f() return 1 + f() end return f()", mb), "ERR");
    CHECK_CONTAINS(run("local function f() return 1 + f() end return f()", 512u << 20), "stack overflow");
  }
  TEST("a memory bomb is stopped") {
    CHECK_CONTAINS(run("local t = {} for i = 1, 1e7 do t[i] = string.rep('x', 100) .. i end", 8u << 20),
                   "ERR");
    CHECK_CONTAINS(run("return #string.rep('x', 1e9)", 8u << 20), "ERR");
  }
  TEST("an xpcall message handler cannot escape the budget (issue 13, High 1)") {
    CHECK_CONTAINS(run("xpcall(function() while true do end end, function() while true do end end)", mb),
                   "instruction limit exceeded");
    CHECK_CONTAINS(run("return select(2, xpcall(error, function(m) return 'h:' .. m end, 'boom', 0))", mb), "h:boom");
    CHECK_STR(run("return select('#', xpcall(function(...) return ... end, type, 1, nil, 3))", mb), "4");
    CHECK_CONTAINS(run("return xpcall(print, 42)", mb), "ERR");
  }
  TEST("string.rep is bounded by memory and budget (issue 13, High 2)") {
    CHECK_CONTAINS(run("return ('').rep('', 1e15)", mb), "");
    CHECK_STR(run("return #('').rep('', 1e15)", mb), "0");
    CHECK_CONTAINS(run("return ('x'):rep(1e15)", mb), "would exceed the Lua memory limit");
    CHECK_CONTAINS(run("return (''):rep(1e15, 'x')", mb), "would exceed the Lua memory limit");
    CHECK_CONTAINS(run("for i = 1, 100 do local s = ('x'):rep(1e6) end", mb), "instruction limit exceeded");
    CHECK_STR(run("return ('ab'):rep(3, ',')", mb), "ab,ab,ab");
    CHECK_STR(run("return ('ab'):rep(0) .. ('ab'):rep(-1) .. ('ab'):rep(1, ',')", mb), "ab");
  }
  TEST("tostring() prints no addresses (issue 13, Low)") {
    CHECK_STR(run("return tostring({}) .. ' ' .. tostring(string.len) .. ' ' .. tostring(function() end)", mb),
              "table function function");
    CHECK_STR(run("return tostring(setmetatable({}, {__tostring = function() return 'x' end}))", mb), "x");
    CHECK_STR(run("return tostring(1.5) .. tostring(nil) .. tostring(true)", mb), "1.5niltrue");
  }
  TEST("bytecode is never loaded") {
    Sandbox *sb = sandbox_new(mb, 1000000);
    sandbox_env(sb);
    CHECK(sandbox_load(sb, "\x1bLua", 4, "b.lua", -1) != 0);
    sandbox_free(sb);
  }
  TEST("errors become compiler-style diagnostics") {
    Sandbox *sb = sandbox_new(mb, 1000000);
    sandbox_env(sb);
    const char *code = "local x = 1\nerror('boom')";
    sandbox_load(sb, code, strlen(code), "site.lua", -1);
    CHECK(sandbox_call(sb, 0, 0) != LUA_OK);
    sandbox_report(sb, "site.lua");
    CHECK_CONTAINS(diag_captured(), "site.lua:2:1: error: boom");
    lua_pop(sb->L, 1);
    sandbox_free(sb);
  }
}
