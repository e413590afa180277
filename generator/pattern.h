/* pattern.h: string.find, match, gmatch and gsub for the sandbox, with Lua
 * 5.4's pattern language and results, but every step of the matcher (each
 * start position, each character a quantifier, %b or a back-reference
 * looks at) is charged to the sandbox's instruction budget. Lua's own
 * functions run in C where the budget cannot see them, so one backtracking
 * pattern over a long subject could run for hours; here it ends with the
 * instruction-limit error at the Lua line that called it. */
#ifndef VARDE_PATTERN_H
#define VARDE_PATTERN_H
#include <lua.h>

/* Sets find, match, gmatch and gsub in the table on top of the stack. */
void pattern_install(lua_State *L);

#endif
