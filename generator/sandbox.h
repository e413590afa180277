/* sandbox.h: the one Lua state a build runs site.lua and every template in.
 * The state has a memory cap (its allocator refuses to grow past it) and an
 * instruction budget per top-level call (a count hook), and code only ever
 * sees the safe subset of the standard library built by sandbox_env. */
#ifndef VARDE_SANDBOX_H
#define VARDE_SANDBOX_H
#include <lua.h>
#include <stddef.h>

typedef struct Sandbox {
  lua_State *L;
  size_t mem_used, mem_limit;
  long budget;        /* instructions left for the current call */
  long budget_per_call;
  int exhausted;      /* the budget ran out: every instruction raises until the call ends */
  size_t output;      /* bytes the current template render has written (template.c) */
  /* Error positions never come from a message's text (code can raise any
   * text): where_handler notes the innermost Lua line when an error is
   * raised; syntax errors and the budget note theirs as C knows them, for
   * that one message (known_msg). */
  char err_src[128], known_src[128];
  int err_line, known_line;
  char *known_msg;
} Sandbox;

/* mem_limit in bytes; instr_limit per sandbox_call. NULL on failure. */
Sandbox *sandbox_new(size_t mem_limit, long instr_limit);
void sandbox_free(Sandbox *sb);
/* Pushes a fresh environment table holding the safe globals. */
void sandbox_env(Sandbox *sb);
/* Loads Lua source text (never bytecode) as a chunk named `@name`, sets its
 * _ENV to the table at env_index, and pushes the function. Returns 0 or -1
 * with the error message pushed. */
int sandbox_load(Sandbox *sb, const char *src, size_t len, const char *name, int env_index);
/* lua_pcall with a fresh instruction budget and a traceback-free message.
 * Returns the lua status; on error the message is on the stack. */
int sandbox_call(Sandbox *sb, int nargs, int nresults);
/* Charges `work` instruction-equivalents done in C on behalf of the running
 * Lua code (string functions) to the budget; raises the instruction-limit
 * error, positioned at the calling Lua line, when it runs out. */
void sandbox_charge(lua_State *L, double work);
/* Would `more` bytes of output, on top of what the Lua state holds, pass the
 * memory limit? Page HTML is joined in C, outside the allocator's count, so
 * a render's output is counted against the same limit (sb->output). */
int sandbox_output_over(const Sandbox *sb, size_t more);
/* Reports the error message on top of the stack through diag_error, turning
 * Lua's "name:line: msg" prefix into "name:line:1: error: msg"; pops it. */
void sandbox_report(Sandbox *sb, const char *fallback_path);

#endif
