#include "sandbox.h"
#include "test.h"
#include <lauxlib.h>
#include <lualib.h>

/* Every case runs twice, in the sandbox (pattern.c) and in a plain Lua
 * state with the standard string library; results and error messages must
 * be the same. */
static const char *const cases[] = {
    "('hello world'):find('o w')", "('hello world'):find('o', 6)", "('hello'):find('l', -2)",
    "('hello'):find('', 10)", "('hello'):find('', 6)", "('a.b'):find('.', 1, true)",
    "('a+b'):find('+', 1, true)", "('abc'):find('b', -10)", "('abc'):find('x')",
    "('  trim me  '):match('^%s*(.-)%s*$')", "('key = value'):match('(%w+)%s*=%s*(%w+)')",
    "('2016-01-05'):match('^(%d+)-(%d+)-(%d+)$')", "('hello'):match('()ll()')",
    "('THE (quick) fox'):find('%((%a+)%)')", "('f(a(b)c)d'):match('%b()')",
    "('THE (quick) fox'):match('%f[%a]%a+', 5)", "('hello'):match('.-')", "('hello'):match('.-$')",
    "('aaa'):match('a-b')", "('aaab'):match('a-b')", "('aaab'):match('^a*')",
    "('xyz'):match('[^%a]')", "('a]b'):match('[]]')", "('a-b'):match('[a%-]+')",
    "('a-z'):match('[%w-]+')", "('Hello123'):match('%u%l+%d+')", "('x'):match('[%S]')",
    "('abcabc'):match('(abc)%1')", "('abab'):find('(a)(b)%1%2')", "('é'):match('[\\128-\\255]+')",
    "('hello world from lua'):gsub('(%w+)', '<%1>')", "('abc'):gsub('', '-')",
    "('abc'):gsub('%w', '%0%0')", "('abc'):gsub('%w', '%%')", "('hello'):gsub('l', {l = 'L'})",
    "('hello'):gsub('l', {})", "('hello'):gsub('.', function(c) if c == 'l' then return 1 end end)",
    "('hello'):gsub('l', 'L', 1)", "('hello'):gsub('^h', 'H')", "('hello'):gsub('x*', '-')",
    "('a,b,,c'):gsub(',', ';')", "('abc'):gsub('(b)', '%2')", "('abc'):gsub('b', '%x')",
    "('abc'):gsub('b', false)", "('abc'):gsub('(', 'x')", "('abc'):find('%')", "('abc'):find('[a')",
    "('abc'):find('(()')", "('abc'):find('%b')", "('abc'):find('%fa')", "('abc'):find(')')",
    "('abc'):gsub('b', function() return {} end)", "('abc'):gsub('%w', 1.5)",
    "(function() local t = {} for w in ('one two  three'):gmatch('%a+') do t[#t+1] = w end return table.concat(t, '|') end)()",
    "(function() local t = {} for k, v in ('a=1, b=2'):gmatch('(%w+)=(%w+)') do t[#t+1] = k .. v end return table.concat(t, '|') end)()",
    "(function() local t = {} for p in ('abc'):gmatch('()') do t[#t+1] = p end return table.concat(t, '|') end)()",
    "(function() local t = {} for w in ('hello world'):gmatch('%a+', 3) do t[#t+1] = w end return table.concat(t, '|') end)()",
    "(function() local t = {} for w in ('abc'):gmatch('x*') do t[#t+1] = '[' .. w .. ']' end return table.concat(t) end)()",
    "(function() local t = {} for w in ('abc'):gmatch('.', 10) do t[#t+1] = w end return #t end)()",
    "('^abc'):gmatch('^a')()", "('a\\0b'):find('\\0')", "('a\\0b'):match('%z')", "('a%b'):find('%', 1, true)",
    "string.find('abc', 'b', 1, true)", "('x'):rep(3):gsub('x', '%0y')", "('abc'):match('((a)(b))')",
    NULL};

static void eval(lua_State *L, const char *expr, char *out, size_t n) {
  char code[1024];
  snprintf(code, sizeof code,
           "local r = table.pack(pcall(function() return %s end))\n"
           "for i = 1, r.n do r[i] = type(r[i]) == 'table' and 'table' or tostring(r[i]) end\n"
           "return table.concat(r, ' ', 1, r.n)", expr);
  if (luaL_loadstring(L, code) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
    snprintf(out, n, "LOAD %s", lua_tostring(L, -1));
  else snprintf(out, n, "%s", lua_tostring(L, -1));
  lua_pop(L, 1);
}

void suite_pattern(void) {
  TEST("pattern functions answer as Lua's own (issue 13, High 2)") {
    lua_State *ref = luaL_newstate();
    luaL_openlibs(ref);
    Sandbox *sb = sandbox_new(32u << 20, 10 * 1000 * 1000);
    for (const char *const *c = cases; *c; c++) {
      char want[512], got[512];
      eval(ref, *c, want, sizeof want);
      sandbox_env(sb);
      lua_pushglobaltable(sb->L);
      lua_pushnil(sb->L);
      while (lua_next(sb->L, -3)) { /* the sandbox's globals, as the real ones of this test state */
        lua_pushvalue(sb->L, -2);
        lua_insert(sb->L, -2);
        lua_settable(sb->L, -4);
      }
      lua_pop(sb->L, 2);
      sb->budget = sb->budget_per_call;
      eval(sb->L, *c, got, sizeof got);
      if (strcmp(want, got) != 0) printf("  case %s\n", *c);
      CHECK_STR(got, want);
    }
    sandbox_free(sb);
    lua_close(ref);
  }
  TEST("quadratic and exponential patterns end with the instruction limit (issue 13, High 2)") {
    static const char *const slow[] = {
        "('a'):rep(100000):find('.-b')", "('a'):rep(30000):find('.-.-.-.-b')",
        "('('):rep(100000):find('%b()')", "((' '):rep(100000) .. 'x'):gsub('%s+$', '')",
        "(('a'):rep(1000)):rep(100):find('(' .. ('a'):rep(1000) .. ')%1b')",
        "(function() local n = 0 for w in ('a'):rep(100000):gmatch('a-b') do n = n + 1 end return n end)()",
        "('a'):rep(100000):match('(a*)*b')", NULL};
    for (const char *const *c = slow; *c; c++) {
      Sandbox *sb = sandbox_new(64u << 20, 2 * 1000 * 1000);
      sandbox_env(sb);
      char code[512];
      snprintf(code, sizeof code, "return %s", *c);
      CHECK(sandbox_load(sb, code, strlen(code), "p.lua", -1) == 0);
      int rc = sandbox_call(sb, 0, 1);
      if (rc == LUA_OK) printf("  case %s\n", *c);
      CHECK(rc != LUA_OK);
      CHECK_CONTAINS(lua_tostring(sb->L, -1), "p.lua:1: instruction limit exceeded");
      sandbox_free(sb);
    }
  }
  TEST("a long title with the A-Z page's patterns is fine (issue 13, Medium 10)") {
    Sandbox *sb = sandbox_new(32u << 20, 2 * 1000 * 1000);
    sandbox_env(sb);
    const char *code = "local t = ('Å lang tittel '):rep(5000)\n"
                       "local a = t:gsub('^[^%w\\128-\\255]+', ''):match('^[%z\\1-\\127\\194-\\244][\\128-\\191]*')\n"
                       "local n = select(2, t:gsub('%s+', ' '))\n"
                       "return a .. n";
    CHECK(sandbox_load(sb, code, strlen(code), "p.lua", -1) == 0);
    CHECK(sandbox_call(sb, 0, 1) == LUA_OK);
    CHECK_STR(lua_tostring(sb->L, -1), "Å15000");
    sandbox_free(sb);
  }
}
