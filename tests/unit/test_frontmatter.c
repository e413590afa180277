#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "test.h"

static int parse(Arena *a, const char *src, FrontMatter *fm) {
  return frontmatter_parse(a, "x.md", src, strlen(src), fm);
}

void suite_frontmatter(void) {
  TEST("front matter keeps line and column of every value") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "---\ntittel: Hei\ntema:\n  - Demens\n  - \"Rus\"\n---\n\n# Body\n", &fm) == 0);
    YNode *t = ynode_get(fm.root, "tittel");
    CHECK(t && t->line == 2 && t->col == 9 && !strcmp(t->str, "Hei"));
    YNode *tema = ynode_get(fm.root, "tema");
    CHECK(tema && tema->kind == YN_SEQ && tema->n == 2);
    CHECK(tema->items[1]->line == 5 && !tema->items[1]->plain);
    CHECK(fm.body_line == 7);
    CHECK(!strncmp(fm.body, "\n# Body", 7));
    arena_free(&a);
  }
  TEST("missing front matter is an error at 1:1") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "# Bare tekst\n", &fm) != 0);
    CHECK_CONTAINS(diag_captured(), "x.md:1:1: error: missing front matter");
    arena_free(&a);
  }
  TEST("unclosed front matter is an error") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "---\ntittel: x\n", &fm) != 0);
    CHECK_CONTAINS(diag_captured(), "front matter is not closed");
    arena_free(&a);
  }
  TEST("malformed YAML names the line") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "---\ntittel: x\ntema: a: b\nstatus: [y\n---\n", &fm) != 0);
    CHECK_CONTAINS(diag_captured(), "x.md:3:7: error: the text contains a colon");
    diag_reset();
    /* a mistake it has no words for: libyaml's own, where libyaml saw it */
    CHECK(parse(&a, "---\ntittel: x\n? [a]\n---\n", &fm) != 0);
    CHECK_CONTAINS(diag_captured(), "x.md:");
    arena_free(&a);
  }
  TEST("duplicate keys and aliases are refused") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "---\na: 1\na: 2\n---\n", &fm) != 0);
    CHECK_CONTAINS(diag_captured(), "x.md:3:1: error: duplicate field 'a'");
    diag_reset();
    CHECK(parse(&a, "---\na: &x 1\nb: *x\n---\n", &fm) != 0);
    CHECK_CONTAINS(diag_captured(), "a YAML alias");
    arena_free(&a);
  }
  TEST("n copies of a key give n - 1 errors, each naming the first (Medium 11)") {
    Arena a = {0};
    FrontMatter fm;
    Buf src = BUF_INIT;
    buf_puts(&src, "---\ntittel: x\n");
    for (int i = 0; i < 300; i++) buf_puts(&src, "a: 1\nb: 2\n");
    buf_puts(&src, "---\n");
    CHECK(parse(&a, src.data, &fm) != 0);
    CHECK(diag_errors() == 2 * 299); /* was 2 * 299 * 300 / 2 */
    CHECK_CONTAINS(diag_captured(), "x.md:5:1: error: duplicate field 'a' (first at line 3)");
    CHECK_CONTAINS(diag_captured(), "x.md:6:1: error: duplicate field 'b' (first at line 4)");
    buf_free(&src);
    arena_free(&a);
  }
  TEST("a map of many different keys is read, and its keys found (indexed from 16 keys)") {
    Arena a = {0};
    FrontMatter fm;
    Buf src = BUF_INIT;
    buf_puts(&src, "---\n");
    for (int i = 0; i < 100; i++) buf_printf(&src, "k%d: %d\n", i, i);
    buf_puts(&src, "k57: igjen\n---\n");
    CHECK(parse(&a, src.data, &fm) != 0);
    CHECK(diag_errors() == 1);
    CHECK_CONTAINS(diag_captured(), "x.md:102:1: error: duplicate field 'k57' (first at line 59)");
    diag_reset();
    src.len = src.len - strlen("k57: igjen\n---\n");
    buf_puts(&src, "---\n");
    CHECK(parse(&a, src.data, &fm) == 0);
    YNode *k = ynode_get(fm.root, "k99");
    CHECK(k && !strcmp(k->str, "99") && fm.root->n == 100);
    buf_free(&src);
    arena_free(&a);
  }
  TEST("control characters made by escapes are refused at the escape (Low: feed, \\0)") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "---\ntittel: \"a\\x01b\"\nb: \"\\0\"\nc: \"x\\\n  \\u0085\"\nd: \"\\uFFFF\"\n---\n", &fm) != 0);
    CHECK(diag_errors() == 4);
    CHECK_CONTAINS(diag_captured(), "x.md:2:11: error: the text contains the control character \\x01");
    CHECK_CONTAINS(diag_captured(), "x.md:3:5: error: the text contains the control character \\x00");
    CHECK_CONTAINS(diag_captured(), "x.md:5:3: error: the text contains the control character \\x85");
    CHECK_CONTAINS(diag_captured(), "x.md:6:5: error: the text contains the control character \\uFFFF");
    diag_reset();
    CHECK(parse(&a, "---\na: \"t\\tb\\nc \\\" \\\\x01 \\u00e6\"\nb: |\r\n  x\r\n  y\r\n---\n", &fm) == 0);
    CHECK(!strcmp(ynode_get(fm.root, "a")->str, "t\tb\nc \" \\x01 \xC3\xA6"));
    CHECK(!strcmp(ynode_get(fm.root, "b")->str, "x\ny\n"));
    arena_free(&a);
  }
  TEST("BOM and CRLF line endings are accepted") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "\xEF\xBB\xBF---\r\ntittel: Hei\r\n---\r\nTekst\r\n", &fm) == 0);
    YNode *t = ynode_get(fm.root, "tittel");
    CHECK(t && !strcmp(t->str, "Hei"));
    CHECK(fm.body_line == 4);
    arena_free(&a);
  }
  TEST("front matter that is not a map is refused") {
    Arena a = {0};
    FrontMatter fm;
    CHECK(parse(&a, "---\n- a\n- b\n---\n", &fm) != 0);
    CHECK_CONTAINS(diag_captured(), "field: value");
    arena_free(&a);
  }
  TEST("deep nesting is bounded") {
    Arena a = {0};
    FrontMatter fm;
    char src[1200] = "---\na: ";
    for (int i = 0; i < 200; i++) strcat(src, "[");
    strcat(src, "\n---\n");
    CHECK(parse(&a, src, &fm) != 0);
    arena_free(&a);
  }
}
