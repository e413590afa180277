/* fuzz_sitelua: the input as site.lua (config.c run in sandbox.c): the
 * chunk is loaded as text only, runs under a memory cap and an instruction
 * budget, and its returned table is read into the content model. Every
 * outcome but success must be reported through diag; crashes, leaks,
 * sanitizer reports and hangs are findings. On success the model is
 * checked: types have names, folders inside content/, URLs with {slug}, no
 * ".." and not protocol-relative ("//host/"), a theme without '/' or "..". */
#include "config.h"
#include "fuzz.h"
#include "sandbox.h"
#include "text.h"

enum { MEMORY = 24u << 20, INSTRUCTIONS = 300 * 1000 };

static char *site_lua;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  diag_capture(1);
  Buf p = BUF_INIT;
  buf_printf(&p, "%s/site.lua", fuzz_tmp());
  site_lua = buf_detach(&p);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_quiet();
  if (fs_write(site_lua, (const char *)data, size) != 0) abort();
  Sandbox *sb = sandbox_new(MEMORY, INSTRUCTIONS);
  FUZZ_ASSERT(sb != NULL, "no sandbox");
  Arena a = {0};
  Config cfg;
  int top = lua_gettop(sb->L);
  if (config_load(&cfg, &a, sb, fuzz_tmp()) == 0) {
    FUZZ_ASSERT(cfg.title && cfg.base_url && cfg.base_path && cfg.language, "missing defaults");
    FUZZ_ASSERT(!cfg.theme || (!strchr(cfg.theme, '/') && !strstr(cfg.theme, "..")),
                "theme '%s' accepted", cfg.theme);
    for (size_t i = 0; i < cfg.n_types; i++) {
      const ContentType *t = &cfg.types[i];
      FUZZ_ASSERT(t->name && t->folder && t->url, "type %zu incomplete", i);
      FUZZ_ASSERT(t->folder[0] != '/' && !strstr(t->folder, ".."), "folder '%s' accepted",
                  t->folder);
      FUZZ_ASSERT(t->url[0] == '/' && t->url[1] != '/' && t->url[1] != '\\' &&
                      strstr(t->url, "{slug}") && !strstr(t->url, ".."),
                  "url '%s' accepted", t->url);
      for (size_t j = 0; j < t->n_fields; j++) FUZZ_ASSERT(t->fields[j].name, "unnamed field");
    }
  } else {
    FUZZ_ASSERT(diag_errors() > 0, "config_load failed without reporting");
  }
  FUZZ_ASSERT(lua_gettop(sb->L) == top, "config_load left %d values on the stack",
              lua_gettop(sb->L) - top);
  FUZZ_ASSERT(sb->mem_used <= sb->mem_limit, "memory cap exceeded: %zu", sb->mem_used);
  sandbox_free(sb);
  arena_free(&a);
  return 0;
}
