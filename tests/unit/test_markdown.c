#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "test.h"
#include <stdlib.h>

static char *rewrite(void *ctx, const char *url, int line, int col) {
  Buf *log = ctx;
  buf_printf(log, "%s@%d:%d;", url, line, col);
  if (!strcmp(url, "a.md")) return strdup("/tiltak/a/");
  return NULL;
}

static MdResult md(const char *src, int unsafe, Buf *log, StrMap *anchors, Arena *a) {
  MdOptions o = {unsafe, 10, rewrite, log};
  MdResult r;
  markdown_render(a, src, strlen(src), &o, &r, anchors);
  return r;
}

/* A component hook that writes what it was given. */
static int comp_hook(void *ctx, const MdComponent *c, Buf *html, Buf *text) {
  (void)ctx;
  buf_printf(html, "<p>[%s@%d:%d|%s", c->name, c->line, c->col, c->literal);
  if (c->table)
    for (size_t r = 0; r < c->table->rows; r++)
      buf_printf(html, "|%d:%s/%s", c->table->line[r], c->table->cell[r * c->table->cols],
                 c->table->cell[r * c->table->cols + c->table->cols - 1]);
  buf_puts(html, "]</p>");
  buf_puts(text, "komponenttekst");
  return strcmp(c->name, "feil") ? 0 : -1;
}

void suite_markdown(void) {
  markdown_init();
  TEST("a fenced block named in braces is a component, given the table after it") {
    Arena a = {0};
    StrMap anchors = {0};
    MdOptions o = {0, 10, NULL, NULL, comp_hook, NULL};
    MdResult r;
    const char *src = "Tekst.\n\n```{graf}\ntittel: x\n```\n\n| År | *Tall* |\n|---|---|\n| 2015 | 1 234 |\n"
                      "| 2016 | **5** |\n\n```{ feil }\n```\n\n```python\n{kode}\n```\n";
    markdown_render(&a, src, strlen(src), &o, &r, &anchors);
    /* the fence is on line 3 of the body, 13 of the file; the rows on 17, 19, 20 */
    CHECK_CONTAINS(r.html, "<p>[graf@13:1|tittel: x\n|17:År/Tall|19:2015/1 234|20:2016/5]</p>");
    CHECK(!strstr(r.html, "feil")); /* a block the hook refused leaves nothing */
    CHECK_CONTAINS(r.html, "<code class=\"language-python\">{kode}");
    CHECK_CONTAINS(r.html, "<th scope=\"row\">2015</th>"); /* the table itself stays */
    CHECK_CONTAINS(r.text, "komponenttekst");
    CHECK(!strstr(r.text, "tittel: x"));
    free(r.html);
    free(r.text);
    strmap_free(&anchors);
    arena_free(&a);
  }
  TEST("headings get ids and form the table of contents") {
    Arena a = {0};
    StrMap anchors = {0};
    Buf log = BUF_INIT;
    MdResult r = md("## Mål og målgrupper\n\ntext\n\n### Resultater i 2016\n\n## Mål og målgrupper\n", 0, &log,
                    &anchors, &a);
    CHECK_CONTAINS(r.html, "<h2 id=\"mal-og-malgrupper\">");
    CHECK_CONTAINS(r.html, "<h3 id=\"resultater-i-2016\">");
    CHECK_CONTAINS(r.html, "<h2 id=\"mal-og-malgrupper-2\">");
    CHECK(r.n_toc == 3);
    CHECK_STR(r.toc[1].text, "Resultater i 2016");
    CHECK(r.toc[1].level == 3);
    CHECK(strmap_get(&anchors, "resultater-i-2016") != NULL);
    CHECK_STR(r.text, "Mål og målgrupper text Resultater i 2016 Mål og målgrupper");
    free(r.html);
    free(r.text);
    buf_free(&log);
    strmap_free(&anchors);
    arena_free(&a);
  }
  TEST("links are passed to the resolver with their position") {
    Arena a = {0};
    StrMap anchors = {0};
    Buf log = BUF_INIT;
    MdResult r = md("Se [A](a.md) og\n[B](https://x.no).\n", 0, &log, &anchors, &a);
    CHECK_CONTAINS(r.html, "<a href=\"/tiltak/a/\">A</a>");
    CHECK_CONTAINS(r.html, "<a href=\"https://x.no\">B</a>");
    CHECK_CONTAINS(buf_str(&log), "a.md@11:4;");
    free(r.html);
    free(r.text);
    buf_free(&log);
    strmap_free(&anchors);
    arena_free(&a);
  }
  TEST("raw HTML and javascript: URLs are inert unless turned on") {
    Arena a = {0};
    StrMap anchors = {0};
    Buf log = BUF_INIT;
    MdResult r = md("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onmouseover=x>y</b>\n", 0,
                    &log, &anchors, &a);
    CHECK(!strstr(r.html, "<script"));
    CHECK(!strstr(r.html, "javascript:"));
    CHECK(!strstr(r.html, "<b onmouseover"));
    free(r.html);
    free(r.text);
    strmap_free(&anchors);
    StrMap anchors2 = {0};
    r = md("<b>ok</b>\n", 1, &log, &anchors2, &a);
    CHECK_CONTAINS(r.html, "<b>ok</b>");
    free(r.html);
    free(r.text);
    buf_free(&log);
    strmap_free(&anchors2);
    arena_free(&a);
  }
  TEST("tables are wrapped in a focusable scroll region, without align attributes") {
    Arena a = {0};
    StrMap anchors = {0};
    Buf log = BUF_INIT;
    MdResult r = md("| a | b |\n|---|--:|\n| 1 | 2 |\n", 0, &log, &anchors, &a);
    CHECK_CONTAINS(r.html, "<div class=\"tabell\" tabindex=\"0\" role=\"region\"");
    CHECK_CONTAINS(r.html, "<table>");
    CHECK(!strstr(r.html, "align=\""));
    free(r.html);
    free(r.text);
    buf_free(&log);
    strmap_free(&anchors);
    arena_free(&a);
  }
  TEST("tables get a caption, column headers and row headers") {
    Arena a = {0};
    StrMap anchors = {0};
    Buf log = BUF_INIT;
    MdResult r = md("## Tall & fakta\n\n| Fylke | Antall |\n|---|--:|\n| Buskerud | 9 |\n| **Sum** | 77 |\n\n"
                    "| x | y |\n|---|---|\n| 1 | 2 |\n", 0, &log, &anchors, &a);
    CHECK_CONTAINS(r.html, "<table>\n<caption>Table 1: Tall &amp; fakta</caption>");
    CHECK_CONTAINS(r.html, "<caption>Table 2: Tall &amp; fakta</caption>");
    CHECK_CONTAINS(r.html, "<th scope=\"col\">Fylke</th>");
    CHECK_CONTAINS(r.html, "<th scope=\"col\" style=\"text-align: right\">Antall</th>");
    CHECK_CONTAINS(r.html, "<th scope=\"row\">Buskerud</th>\n<td style=\"text-align: right\">9</td>");
    CHECK_CONTAINS(r.html, "<th scope=\"row\"><strong>Sum</strong></th>");
    CHECK_CONTAINS(r.html, "<th scope=\"row\">1</th>\n<td>2</td>");
    CHECK(!strstr(r.html, "<td>Buskerud"));
    free(r.html);
    free(r.text);
    buf_free(&log);
    strmap_free(&anchors);
    arena_free(&a);
  }
  TEST("pathological nesting does not crash") {
    Arena a = {0};
    StrMap anchors = {0};
    Buf log = BUF_INIT, src = BUF_INIT;
    for (int i = 0; i < 5000; i++) buf_puts(&src, "> ");
    buf_puts(&src, "x\n");
    for (int i = 0; i < 5000; i++) buf_puts(&src, "[");
    MdResult r = md(src.data, 0, &log, &anchors, &a);
    CHECK(r.html != NULL);
    free(r.html);
    free(r.text);
    buf_free(&src);
    buf_free(&log);
    strmap_free(&anchors);
    arena_free(&a);
  }
}
