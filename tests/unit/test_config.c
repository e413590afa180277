#include "buf.h"
#include "config.h"
#include "diag.h"
#include "fsutil.h"
#include "luadata.h"
#include "test.h"
#include <lauxlib.h>
#include <stdlib.h>

static int load(const char *lua, Config *cfg, Arena *a, Sandbox **sb) {
  char dir[] = "/tmp/varde-cfg-XXXXXX";
  if (!mkdtemp(dir)) return -1;
  Buf p = BUF_INIT;
  buf_printf(&p, "%s/site.lua", dir);
  fs_write(p.data, lua, strlen(lua));
  buf_free(&p);
  *sb = sandbox_new(32u << 20, 1000000);
  int rc = config_load(cfg, a, *sb, dir);
  fs_rm_rf(dir);
  return rc;
}

void suite_config(void) {
  TEST("site.lua declares types, fields and taxonomies") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    const char *lua =
        "local v = {'a','b'}\n"
        "return { title = 'T', base_url = 'https://x.no/sub/',\n"
        " taxonomies = {{ name = 'tema', path = 'tema' }},\n"
        " common_fields = {{ name = 'sammendrag', type = 'text', required = true }},\n"
        " types = {{ name = 'tiltak', folder = 'tiltak', url = '/tiltak/{slug}/', fields = {\n"
        "   { name = 'tittel', type = 'string', required = true },\n"
        "   { name = 'tema', type = 'list', of = 'enum', values = v, taxonomy = 'tema' },\n"
        "   { name = 'relatert', type = 'list', of = 'ref', to = 'tiltak' } } }} }\n";
    CHECK(load(lua, &c, &a, &sb) == 0);
    CHECK_STR(c.base_path, "/sub");
    CHECK(c.n_types == 1 && c.types[0].n_fields == 4);
    const Field *t = type_field(&c.types[0], "tema");
    CHECK(t && t->kind == F_LIST && t->of->kind == F_ENUM && t->of->n_values == 2);
    CHECK_STR(t->taxonomy, "tema");
    const Field *r = type_field(&c.types[0], "relatert");
    CHECK(r && r->of->to_types[0] == &c.types[0]);
    CHECK_STR(type_field(&c.types[0], "sammendrag")->name, "sammendrag");
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("mistakes in site.lua point at the line") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    const char *lua = "return { title = 'T', types = {{ name = 'x', fields = {\n"
                      "  { name = 'a', type = 'strng' },\n"
                      "  { name = 'b', type = 'ref', to = 'nosuch' },\n"
                      "  { name = 'url', type = 'string' } } }} }\n";
    CHECK(load(lua, &c, &a, &sb) != 0);
    CHECK_CONTAINS(diag_captured(), "site.lua:2:");
    CHECK_CONTAINS(diag_captured(), "unknown field type 'strng'");
    CHECK_CONTAINS(diag_captured(), "site.lua:3:");
    CHECK_CONTAINS(diag_captured(), "unknown type 'nosuch'");
    CHECK_CONTAINS(diag_captured(), "'url' is reserved");
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("every key varde puts on page tables is refused as a field name, at its line") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    /* title and summary are engine keys unless they are the roles' own fields */
    const char *lua = "return { title = 'T', roles = { title = 'a', summary = 'b' }, types = {{ name = 'x', fields = {\n"
                      "  { name = 'a', type = 'string', label = 'title' },\n"
                      "  { name = 'title', type = 'string' },\n"
                      "  { name = 'summary', type = 'string' },\n"
                      "  { name = \"is_home\", type = 'bool' },\n"
                      "  { name = 'incoming', type = 'string' } } }} }\n";
    CHECK(load(lua, &c, &a, &sb) != 0);
    CHECK_CONTAINS(diag_captured(), "site.lua:3:12: error: type 'x': field name 'title' is reserved by varde (every page has page.title)");
    CHECK_CONTAINS(diag_captured(), "site.lua:4:12: error: type 'x': field name 'summary' is reserved");
    CHECK_CONTAINS(diag_captured(), "site.lua:5:12: error: type 'x': field name 'is_home' is reserved");
    CHECK_CONTAINS(diag_captured(), "site.lua:6:12: error: type 'x': field name 'incoming' is reserved");
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("the title and summary fields may be called title and summary") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    const char *lua = "return { title = 'T', roles = { title = 'title', summary = 'summary' },\n"
                      "  types = {{ name = 'x', fields = {\n"
                      "  { name = 'title', type = 'string' }, { name = 'summary', type = 'text' } } }} }\n";
    CHECK(load(lua, &c, &a, &sb) == 0);
    CHECK(c.n_types == 1 && c.types[0].n_fields == 2);
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("search synonyms are read, and a one-word entry points at its line") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    const char *ok = "return { title = 'T', types = {{ name = 'x', folder = 'x', url = '/x/{slug}/' }},\n"
                     " search = { synonyms = { { 'helsesøster', 'helsesykepleier' },\n"
                     "   { 'alzheimer', 'demens', one_way = true } } } }\n";
    CHECK(load(ok, &c, &a, &sb) == 0);
    CHECK(c.n_synonyms == 2 && c.synonyms[0].n == 2 && !c.synonyms[0].one_way);
    CHECK_STR(c.synonyms[1].words[1], "demens");
    CHECK(c.synonyms[1].one_way);
    sandbox_free(sb);
    const char *bad = "return { title = 'T', types = {{ name = 'x', folder = 'x', url = '/x/{slug}/' }},\n"
                      " search = { synonyms = {\n"
                      "   { 'psykiatri' } } } }\n";
    CHECK(load(bad, &c, &a, &sb) != 0);
    CHECK_CONTAINS(diag_captured(), "site.lua:3:");
    CHECK_CONTAINS(diag_captured(), "needs at least two words");
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("field roles: site-wide defaults, a type's own, false for none") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    const char *lua = "return { title = 'T', roles = { title = 'tittel', number = 'nr' },\n"
                      "  types = {{ name = 'x', fields = { { name = 'tittel', type = 'string' },\n"
                      "    { name = 'nr', type = 'string' } } },\n"
                      "  { name = 'y', roles = { title = 'navn', number = false },\n"
                      "    fields = { { name = 'navn', type = 'string' } } }} }\n";
    CHECK(load(lua, &c, &a, &sb) == 0);
    CHECK_STR(c.types[0].roles.title, "tittel");
    CHECK_STR(c.types[0].roles.number, "nr");
    CHECK_STR(c.types[0].roles.summary, "summary");
    CHECK_STR(c.types[1].roles.title, "navn");
    CHECK(c.types[1].roles.number == NULL);
    CHECK(c.types[1].roles.abbreviation == NULL);
    CHECK_STR(c.paths.changes, "changes");
    CHECK_STR(c.paths.search, "search");
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("a runaway site.lua is stopped") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    CHECK(load("while true do end", &c, &a, &sb) != 0);
    CHECK_CONTAINS(diag_captured(), "site.lua:1:1: error: instruction limit");
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("deeply nested or self-containing fields are an error, not a crash (issue 13, High 3)") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    const char *deep =
        "local f = { name = 'x', type = 'string' }\n"
        "for i = 1, 200 do f = { name = 'o' .. i, type = 'object', fields = { f } } end\n"
        "return { title = 'T', types = {{ name = 't', fields = { f } }} }\n";
    CHECK(load(deep, &c, &a, &sb) != 0);
    CHECK_CONTAINS(diag_captured(), "nested more than 16 levels");
    sandbox_free(sb);
    arena_free(&a);
    a = (Arena){0};
    const char *cycle =
        "local f = { name = 'x', type = 'object' }\n"
        "f.fields = { f }\n"
        "local l = { name = 'l', type = 'list' } l.of = l\n"
        "return { title = 'T', types = {{ name = 't', fields = { f, l } }} }\n";
    CHECK(load(cycle, &c, &a, &sb) != 0);
    CHECK_CONTAINS(diag_captured(), "site.lua:1:");
    CHECK_CONTAINS(diag_captured(), "contains itself");
    sandbox_free(sb);
    arena_free(&a);
  }
  TEST("site.lua must return a table") {
    Arena a = {0};
    Config c;
    Sandbox *sb;
    CHECK(load("return 42", &c, &a, &sb) != 0);
    CHECK_CONTAINS(diag_captured(), "must return a table");
    sandbox_free(sb);
    arena_free(&a);
  }
}

void suite_format(void) {
  TEST("Norwegian numbers use no-break spaces") {
    Buf b = BUF_INIT;
    format_number(&b, 1234000, "\xC2\xA0");
    CHECK_STR(b.data, "1\xC2\xA0" "234\xC2\xA0" "000");
    buf_clear(&b);
    format_number(&b, 999, "\xC2\xA0");
    CHECK_STR(b.data, "999");
    buf_clear(&b);
    format_number(&b, -1500, "\xC2\xA0");
    CHECK_STR(b.data, "\xE2\x88\x92" "1\xC2\xA0" "500");
    buf_free(&b);
  }
  TEST("dates in the string table's words and order") {
    static const char *const nb[12] = {"januar", "februar", "mars", "april", "mai", "juni", "juli",
                                       "august", "september", "oktober", "november", "desember"};
    static const char *const en[12] = {"January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"};
    Buf b = BUF_INIT;
    CHECK(format_date(&b, "2026-11-23", nb, "{day}. {month} {year}") == 0);
    CHECK_STR(b.data, "23. november 2026");
    buf_clear(&b);
    CHECK(format_date(&b, "2016-05-01", nb, "{day}. {month} {year}") == 0);
    CHECK_STR(b.data, "1. mai 2016");
    buf_clear(&b);
    CHECK(format_date(&b, "2016-05-01", en, "{month} {day}, {year}") == 0);
    CHECK_STR(b.data, "May 1, 2016");
    CHECK(format_date(&b, "2016-13-01", nb, "{day}") != 0);
    buf_free(&b);
  }
}
