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
