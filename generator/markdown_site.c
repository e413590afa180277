#include "markdown_site.h"
#include "components.h"
#include "markdown.h"
#include <assert.h>

void markdown_page(Site *s, LinkCtx *lc, Page *p) {
  /* the site owns the source until site_drop_sources, after Markdown */
  assert(p->body || !p->body_len);
  lc->page = p;
  MdOptions mo = {s->cfg.raw_html, p->body_line - 1, links_resolve, lc, NULL, NULL,
                  s->cfg.strings.table, s->cfg.strings.section, s->cfg.strings.footnote_back};
  ComponentCtx cc = {s->cfg.components, lc, p, 0, mo, &s->arena};
  if (s->cfg.components) {
    mo.component = component_block;
    mo.component_ctx = &cc;
  }
  MdResult r;
  markdown_render(&s->arena, p->body, p->body_len, &mo, &r, &p->anchors);
  p->html = r.html;
  p->text = r.text;
  p->toc = r.toc;
  p->n_toc = r.n_toc;
}

/* On one thread of one process: cmark-gfm cannot parse on two threads (its
 * inline parser's special characters live in global tables that every
 * document with extensions switches), and a forked child that handed its
 * half back saved too little to pay for itself (docs/benchmarks.md). */
void markdown_site(Site *s) {
  LinkCtx lc = {.site = s};
  for (size_t i = 0; i < s->n_pages; i++) markdown_page(s, &lc, s->pages[i]);
  links_check_anchors(&lc);
  links_free(&lc);
  /* the source text is all in html and text now: a tenth of the memory of
   * a large site */
  site_drop_sources(s);
}
