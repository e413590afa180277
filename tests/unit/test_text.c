#include "buf.h"
#include "strmap.h"
#include "test.h"
#include "text.h"

static const char *slug(const char *s) {
  static char out[256];
  Buf b = BUF_INIT;
  slugify(&b, s);
  snprintf(out, sizeof out, "%s", buf_str(&b));
  buf_free(&b);
  return out;
}

void suite_text(void) {
  TEST("slugify transliterates Norwegian letters") {
    CHECK_STR(slug("Målgrupper for ÆØÅ-tiltak"), "malgrupper-for-aeoa-tiltak");
    CHECK_STR(slug("Resultater i 2016"), "resultater-i-2016");
    CHECK_STR(slug("  «Sørg for» kvalitet!  "), "sorg-for-kvalitet");
    CHECK_STR(slug("Café Ørsta"), "cafe-orsta");
    CHECK_STR(slug("3.14 / 4.4"), "3-14-4-4");
    CHECK_STR(slug("!!!"), "");
  }
  TEST("utf8 validation finds the first bad byte") {
    CHECK(utf8_invalid_at("blåbær", 8) == (size_t)-1);
    CHECK(utf8_invalid_at("ab\xC3", 3) == 2);          /* truncated */
    CHECK(utf8_invalid_at("a\xC0\xAF", 3) == 1);       /* overlong */
    CHECK(utf8_invalid_at("a\xED\xA0\x80", 4) == 1);   /* surrogate */
    CHECK(utf8_invalid_at("\xFF", 1) == 0);
  }
  TEST("line and column count characters, not bytes") {
    int l, c;
    const char *s = "første\nlinje æøå x";
    text_line_col(s, (size_t)(strchr(s, 'x') - s), &l, &c);
    CHECK(l == 2);
    CHECK(c == 11);
  }
  TEST("edit distance") {
    CHECK(edit_distance("målgruppe", "målgrupper", 5) == 1);
    CHECK(edit_distance("tema", "tema", 5) == 0);
    CHECK(edit_distance("abc", "xyz", 2) == 2);
  }
  TEST("Norwegian collation puts æ ø å last") {
    CHECK(nb_collate("Zeta", "Ærlig") < 0);
    CHECK(nb_collate("Ærlig", "Øvre") < 0);
    CHECK(nb_collate("Øvre", "Åpen") < 0);
    CHECK(nb_collate("alfa", "Beta") < 0);
    CHECK(nb_collate("Åpen", "Åpen") == 0);
  }
  TEST("numbers compare part by part") {
    CHECK(number_compare("3.2", "3.14") < 0);
    CHECK(number_compare("3.14", "4.1") < 0);
    CHECK(number_compare("4.2.10", "4.2.9") > 0);
    CHECK(number_compare("5.10", "5.10") == 0);
  }
  TEST("strmap grows and finds every key") {
    StrMap m = {0};
    char keys[500][16];
    for (int i = 0; i < 500; i++) {
      snprintf(keys[i], sizeof keys[i], "k%d", i);
      strmap_put(&m, keys[i], keys[i]);
    }
    int found = 0;
    for (int i = 0; i < 500; i++) found += strmap_get(&m, keys[i]) == keys[i];
    CHECK(found == 500);
    CHECK(strmap_get(&m, "nope") == NULL);
    CHECK(m.len == 500);
    strmap_free(&m);
  }
}

void suite_buf(void) {
  TEST("html escaping covers attribute breakouts") {
    Buf b = BUF_INIT;
    const char *s = "<script>\"x' & y";
    buf_put_html(&b, s, strlen(s));
    CHECK_STR(b.data, "&lt;script&gt;&quot;x&#39; &amp; y");
    buf_free(&b);
  }
  TEST("json strings are escaped and safe in script tags") {
    Buf b = BUF_INIT;
    buf_put_json_string(&b, "a\"b\\c\n</script>\x01");
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"");
    buf_free(&b);
  }
}
