/* fuzz_template: hostile template text through the template compiler and
 * runtime (template.c) in the sandbox (sandbox.c), with the real template
 * helpers and page tables (luadata.c) of tests/fixtures/basic.
 *
 * Per input: template_compile must keep the template's line numbering (the
 * compiled Lua has as many newlines as the template, so errors name the
 * right line); then the input is written as templates/t.html in a scratch
 * site whose themes/ is the repository's, and rendered with
 * templates_new + template_render in a fresh sandbox with a small memory cap
 * and instruction budget, its variables being page = the fixture's
 * tiltak/demens page. Errors are expected, but must name a template, not
 * the runtime's internal chunk; crashes, leaks, sanitizer reports and hangs
 * are findings. */
#include "assets.h"
#include "collections.h"
#include "config.h"
#include "content.h"
#include "fuzz.h"
#include "links.h"
#include "luadata.h"
#include "markdown.h"
#include "sandbox.h"
#include "template.h"
#include <lauxlib.h>
#include <unistd.h>

enum { MEMORY = 24u << 20, INSTRUCTIONS = 300 * 1000 };

static Site site;
static Collections col;
static Assets assets;
static Page *page;
static char *tpl_path;
/* FUZZ_TEMPLATE_SKIP_LINES=1 turns the checks on positions (line numbers,
 * the file an error names) off: a way to keep fuzzing while such a
 * diagnostics bug is open. */
static int skip_lines;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  diag_capture(1);
  skip_lines = getenv("FUZZ_TEMPLATE_SKIP_LINES") != NULL;
  markdown_init();
  site.root = strdup(fuzz_path("tests/fixtures/basic"));
  Sandbox *sb = sandbox_new(64u << 20, 20 * 1000 * 1000);
  if (config_load(&site.cfg, &site.arena, sb, site.root) == 0) {
    content_load(&site);
    relations_resolve(&site);
    LinkCtx lc = {.site = &site};
    for (size_t i = 0; i < site.n_pages; i++) {
      Page *p = site.pages[i];
      lc.page = p;
      MdOptions mo = {0, p->body_line - 1, links_resolve, &lc};
      MdResult r;
      markdown_render(&site.arena, p->body, p->body_len, &mo, &r, &p->anchors);
      p->html = r.html;
      p->text = r.text;
      p->toc = r.toc;
      p->n_toc = r.n_toc;
    }
    links_free(&lc);
    collections_build(&site, &col);
    assets_scan(&assets, &site.arena, fuzz_path(""), "standard", site.cfg.base_path);
  }
  sandbox_free(sb); /* each input gets its own; site.cfg.site_ref is per sandbox */
  page = site_page_by_rel(&site, "tiltak/demens.md");
  if (diag_errors() || !page) {
    fprintf(stderr, "fuzz_template: cannot load tests/fixtures/basic:\n%s", diag_captured());
    abort();
  }
  /* scratch site: templates/t.html is the input, themes/ the real themes */
  Buf p = BUF_INIT;
  buf_printf(&p, "%s/templates", fuzz_tmp());
  fs_mkdir_p(p.data);
  buf_clear(&p);
  buf_printf(&p, "%s/themes", fuzz_tmp());
  char *themes = realpath(fuzz_path("themes"), NULL);
  if (!themes || symlink(themes, p.data) != 0) { perror("themes"); abort(); }
  free(themes);
  buf_clear(&p);
  buf_printf(&p, "%s/templates/t.html", fuzz_tmp());
  tpl_path = buf_detach(&p);
  return 0;
}

static size_t newlines(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += s[i] == '\n';
  return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_quiet();
  char *src = fuzz_copy(data, size);
  Buf lua = BUF_INIT;
  if (template_compile(src, size, "templates/t.html", &lua) == 0)
    FUZZ_ASSERT(skip_lines || newlines(lua.data, lua.len) == newlines(src, size),
                "compiled Lua has %zu lines, the template %zu:\n%s", newlines(lua.data, lua.len),
                newlines(src, size), lua.data);
  else
    FUZZ_ASSERT(diag_errors() > 0, "template_compile failed without reporting");
  buf_free(&lua);
  free(src);
  diag_reset();

  if (fs_write(tpl_path, (const char *)data, size) != 0) abort();
  Sandbox *sb = sandbox_new(MEMORY, INSTRUCTIONS);
  lua_State *L = sb->L;
  Arena cfg_arena = {0};
  Config cfg;
  Site local = site;
  Templates *t = NULL;
  LuaData d = {0};
  if (config_load(&cfg, &cfg_arena, sb, site.root) != 0) goto done;
  local.cfg.site_ref = cfg.site_ref;
  d.site = &local;
  d.col = &col;
  d.assets = &assets;
  d.pages_ref = LUA_NOREF;
  sandbox_env(sb);
  luadata_install(&d, sb, -1);
  t = templates_new(sb, fuzz_tmp(), "standard", -1);
  lua_pop(L, 1);
  if (!t) goto done;
  lua_createtable(L, 0, 2);
  luadata_push_page(&d, L, page);
  lua_setfield(L, -2, "page");
  lua_pushliteral(L, "<script>alert(\"x\")</script>' onmouseover='x");
  lua_setfield(L, -2, "evil");
  Buf out = BUF_INIT;
  if (template_render(t, "t.html", -1, &out) != 0) {
    FUZZ_ASSERT(diag_errors() > 0, "template_render failed without reporting");
    FUZZ_ASSERT(skip_lines || !strstr(diag_captured(), "varde-prelude"),
                "an error names varde's internal prelude, not the template:\n%s", diag_captured());
  }
  lua_pop(L, 1);
  FUZZ_ASSERT(lua_gettop(L) == 0, "%d values left on the Lua stack", lua_gettop(L));
  buf_free(&out);
done:
  templates_free(t);
  sandbox_free(sb);
  arena_free(&cfg_arena);
  return 0;
}
