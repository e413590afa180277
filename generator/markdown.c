#include "markdown.h"
#include "xalloc.h"
#include "mdlimits.h"
#include "buf.h"
#include "text.h"
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm/registry.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static cmark_syntax_extension *ext_table, *ext_strike, *ext_autolink, *ext_tasklist;

void markdown_init(void) {
  cmark_gfm_core_extensions_ensure_registered();
  ext_table = cmark_find_syntax_extension("table");
  ext_strike = cmark_find_syntax_extension("strikethrough");
  ext_autolink = cmark_find_syntax_extension("autolink");
  ext_tasklist = cmark_find_syntax_extension("tasklist");
}

/* Releases cmark's extension registry, so leak checkers see a clean exit. */
void markdown_shutdown(void) { cmark_release_plugins(); }

void heading_id(Buf *out, const char *text, const char *fallback) {
  size_t start = out->len;
  slugify(out, text);
  if (out->len == start) buf_puts(out, fallback);
}

static void plain_text(cmark_node *n, Buf *out) {
  for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
    cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) buf_puts(out, cmark_node_get_literal(c));
    else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) buf_putc(out, ' ');
    else plain_text(c, out);
  }
}

/* Moves n's children into a custom block that prints `enter`/`exit` around
 * them and puts the block where n was. Custom blocks are printed verbatim
 * even in safe mode, which is why ids go in this way and not as raw HTML. */
static cmark_node *wrap(cmark_node *n, const char *enter, const char *exit, int keep_node,
                        cmark_node *graveyard) {
  cmark_node *box = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter(box, enter);
  cmark_node_set_on_exit(box, exit);
  cmark_node_insert_before(n, box);
  if (keep_node) {
    cmark_node_unlink(n);
    cmark_node_append_child(box, n);
    return box;
  }
  cmark_node *c;
  while ((c = cmark_node_first_child(n))) {
    cmark_node_unlink(c);
    cmark_node_append_child(box, c);
  }
  /* The moved children may still point into the heading's buffers (inline
   * HTML does): keep the emptied heading alive until the page is rendered. */
  cmark_node_unlink(n);
  cmark_node_append_child(graveyard, n);
  return box;
}

/* A fenced block whose info string is a name in braces: ```{graf} */
static int is_component(cmark_node *n) {
  int len = 0, off = 0;
  char ch = 0;
  if (!cmark_node_get_fenced(n, &len, &off, &ch)) return 0;
  const char *info = cmark_node_get_fence_info(n);
  size_t l = info ? strlen(info) : 0;
  while (l && info[l - 1] == ' ') l--;
  return l >= 2 && info[0] == '{' && info[l - 1] == '}';
}

/* The table right after n, as cells of plain text with each row's line. */
static int next_table(cmark_node *n, int line_offset, ChartTable *t, Buf *store) {
  cmark_node *tab = cmark_node_next(n);
  if (!tab || !ext_table || cmark_node_get_syntax_extension(tab) != ext_table ||
      strcmp(cmark_node_get_type_string(tab), "table"))
    return 0;
  size_t rows = 0, cols = 0;
  for (cmark_node *r = cmark_node_first_child(tab); r; r = cmark_node_next(r)) {
    size_t k = 0;
    for (cmark_node *c = cmark_node_first_child(r); c; c = cmark_node_next(c)) k++;
    if (k > cols) cols = k;
    rows++;
  }
  /* cells as offsets into one buffer: it may move while it grows */
  size_t *off = xcalloc(rows * cols + 1, sizeof *off);
  int *lines = xcalloc(rows + 1, sizeof *lines);
  int top = cmark_node_get_start_line(tab) + line_offset;
  size_t ri = 0;
  buf_putc(store, '\0'); /* offset 0: an empty cell */
  for (cmark_node *r = cmark_node_first_child(tab); r; r = cmark_node_next(r), ri++) {
    /* the delimiter row sits between the header and the first row */
    lines[ri] = top + (int)ri + (ri ? 1 : 0);
    size_t ci = 0;
    for (cmark_node *c = cmark_node_first_child(r); c; c = cmark_node_next(c), ci++) {
      off[ri * cols + ci] = store->len;
      plain_text(c, store);
      buf_putc(store, '\0');
    }
  }
  const char **cell = xmalloc((rows * cols + 1) * sizeof *cell);
  for (size_t i = 0; i < rows * cols; i++) cell[i] = store->data + off[i];
  free(off);
  *t = (ChartTable){rows, cols, cell, lines};
  return 1;
}

static int component(cmark_node *n, const MdOptions *o, Buf *html, Buf *text) {
  const char *info = cmark_node_get_fence_info(n);
  Buf name = BUF_INIT, store = BUF_INIT;
  size_t l = strlen(info);
  while (l && info[l - 1] == ' ') l--;
  const char *s = info + 1;
  l -= 2;
  while (l && *s == ' ') { s++; l--; }
  while (l && s[l - 1] == ' ') l--;
  buf_put(&name, s, l);
  ChartTable t;
  int has_table = next_table(n, o->line_offset, &t, &store);
  MdComponent c = {buf_str(&name), cmark_node_get_literal(n),
                   cmark_node_get_start_line(n) + o->line_offset, cmark_node_get_start_column(n),
                   has_table ? &t : NULL};
  if (c.col < 1) c.col = 1;
  size_t before = text->len;
  if (before && text->data[before - 1] != ' ') buf_putc(text, ' ');
  int rc = o->component(o->component_ctx, &c, html, text);
  if (has_table) {
    free((void *)t.cell);
    free((void *)t.line);
  }
  buf_free(&store);
  buf_free(&name);
  return rc;
}

typedef struct {
  Arena *a;
  const char *last_heading; /* for naming the tables that follow it */
  int tables;
  cmark_node *graveyard;    /* emptied headings, freed after rendering */
  StrMap used;              /* heading id -> next number to try for it */
  StrMap gh_used;           /* GitHub's heading id -> how many headings had it */
  StrMap *anchors;
  Heading *toc;
  size_t n_toc, cap_toc;
  const char *table_label, *section_id; /* the site's words (MdOptions) */
} Walk;

static void add_heading(Walk *w, cmark_node *n) {
  Buf text = BUF_INIT, id = BUF_INIT;
  plain_text(n, &text);
  heading_id(&id, buf_str(&text), w->section_id);
  /* Repeated headings get -2, -3, …; remembering the next number per id
   * keeps 10 000 identical headings linear. */
  size_t base = id.len;
  const char *base_key = arena_strdup(w->a, id.data);
  intptr_t k = (intptr_t)strmap_get(&w->used, base_key);
  if (!k) k = 2;
  while (strmap_get(w->anchors, id.data)) {
    id.len = base;
    buf_printf(&id, "-%ld", (long)k++);
  }
  strmap_put(&w->used, base_key, (void *)k);
  const char *ids = arena_strdup(w->a, id.data);
  strmap_put(w->anchors, ids, (void *)ids);
  /* The id GitHub's preview gives the heading, where editors copy links
   * from, works on the site too: an empty element carries it. */
  Buf gh = BUF_INIT;
  slugify_github(&gh, buf_str(&text));
  const char *gh_key = arena_strdup(w->a, buf_str(&gh));
  intptr_t seen = (intptr_t)strmap_get(&w->gh_used, gh_key);
  strmap_put(&w->gh_used, gh_key, (void *)(seen + 1));
  if (seen) buf_printf(&gh, "-%ld", (long)seen);
  const char *gh_id = NULL;
  if (gh.len && strcmp(gh.data, ids) && !strmap_get(w->anchors, gh.data)) {
    gh_id = arena_strdup(w->a, gh.data);
    strmap_put(w->anchors, gh_id, (void *)gh_id);
  }
  int level = cmark_node_get_heading_level(n);
  if (w->n_toc == w->cap_toc) {
    size_t cap = w->cap_toc ? w->cap_toc * 2 : 8;
    Heading *t = arena_alloc(w->a, cap * sizeof *t);
    if (w->n_toc) memcpy(t, w->toc, w->n_toc * sizeof *t);
    w->toc = t;
    w->cap_toc = cap;
  }
  w->toc[w->n_toc++] = (Heading){level, ids, arena_strdup(w->a, buf_str(&text))};
  w->last_heading = w->toc[w->n_toc - 1].text;
  Buf enter = BUF_INIT, exit = BUF_INIT;
  buf_printf(&enter, "<h%d id=\"%s\">", level, ids);
  if (gh_id) {
    buf_puts(&enter, "<span id=\"");
    buf_put_html(&enter, gh_id, strlen(gh_id));
    buf_puts(&enter, "\"></span>");
  }
  buf_free(&gh);
  buf_printf(&exit, "</h%d>\n", level);
  wrap(n, enter.data, exit.data, 0, w->graveyard);
  buf_free(&text);
  buf_free(&id);
  buf_free(&enter);
  buf_free(&exit);
}

/* cmark-gfm labels a footnote's link back in English: the site's words. */
#define BACKREF "aria-label=\"Back to content\""
static char *relabel_backrefs(char *html, const char *label) {
  Buf b = BUF_INIT;
  const char *p = html, *at;
  while ((at = strstr(p, BACKREF))) {
    buf_put(&b, p, (size_t)(at - p));
    buf_puts(&b, "aria-label=\"");
    buf_put_html(&b, label, strlen(label));
    buf_putc(&b, '"');
    p = at + strlen(BACKREF);
  }
  buf_puts(&b, p);
  free(html);
  return buf_detach(&b);
}

/* cmark counts columns in bytes; messages count characters. The offsets
 * of the body's lines are found once, when the first link needs them. */
typedef struct {
  const char *text;
  size_t len;
  size_t *starts;
  size_t n;
} Lines;

static int char_col(Lines *l, int line, int col) {
  if (!l->starts) {
    l->starts = xmalloc((l->len + 2) * sizeof *l->starts);
    l->starts[l->n++] = 0;
    for (size_t i = 0; i < l->len; i++)
      if (l->text[i] == '\n') l->starts[l->n++] = i + 1;
  }
  if (line < 1 || (size_t)line > l->n || col < 1) return col;
  const char *s = l->text + l->starts[line - 1];
  int chars = 1;
  for (int i = 0; i < col - 1 && s + i < l->text + l->len; i++) chars += ((unsigned char)s[i] & 0xC0) != 0x80;
  return chars;
}

/* Both are kept for the whole build: give back the slack a growing buffer
 * leaves (up to half of it), a tenth of a large site's memory. */
static char *fit(char *s) {
  if (!s) return s;
  char *t = xrealloc(s, strlen(s) + 1);
  return t ? t : s;
}

/* The markup a Markdown table lacks (cmark-gfm writes none of it): a
 * caption with the name of its scroll region ("Tabell 2: Resultater i
 * 2016"), scope="col" on the header cells, and the first cell of each body
 * row as its row header. Only the tables this module wrapped are touched
 * (components write their own). Returns html, or a new string replacing it. */
static const char region_mark[] = "<div class=\"tabell\" tabindex=\"0\" role=\"region\" aria-label=\"";

static void table_body(Buf *out, const char *p, const char *end) {
  int in_head = 0, row_start = 0, in_row_header = 0;
  while (p < end) {
    if (*p != '<') { buf_putc(out, *p++); continue; }
    if (!strncmp(p, "<thead>", 7)) in_head = 1;
    else if (!strncmp(p, "</thead>", 8)) in_head = 0;
    if (!strncmp(p, "<tr>", 4)) { row_start = 1; buf_put(out, p, 4); p += 4; continue; }
    if (in_head && !strncmp(p, "<th", 3) && (p[3] == '>' || p[3] == ' ')) {
      buf_puts(out, "<th scope=\"col\"");
      p += 3;
      continue;
    }
    if (!in_head && row_start && !strncmp(p, "<td", 3) && (p[3] == '>' || p[3] == ' ')) {
      buf_puts(out, "<th scope=\"row\"");
      p += 3;
      row_start = 0;
      in_row_header = 1;
      continue;
    }
    if (in_row_header && !strncmp(p, "</td>", 5)) {
      buf_puts(out, "</th>");
      p += 5;
      in_row_header = 0;
      continue;
    }
    buf_putc(out, *p++);
  }
}

static char *table_semantics(char *html) {
  if (!html || !strstr(html, region_mark)) return html;
  Buf out = BUF_INIT;
  const char *p = html;
  const char *mark;
  while ((mark = strstr(p, region_mark))) {
    const char *label = mark + sizeof region_mark - 1;
    const char *label_end = strchr(label, '"');
    const char *table = label_end ? strstr(label_end, "<table>") : NULL;
    const char *table_end = table ? strstr(table, "</table>") : NULL;
    if (!table_end) break;
    buf_put(&out, p, (size_t)(table + 7 - p));
    buf_puts(&out, "\n<caption>"); /* the label is escaped already: it is an attribute value */
    buf_put(&out, label, (size_t)(label_end - label));
    buf_puts(&out, "</caption>");
    table_body(&out, table + 7, table_end);
    p = table_end;
  }
  buf_puts(&out, p);
  free(html);
  return buf_detach(&out);
}

int markdown_render(Arena *a, const char *text, size_t len, const MdOptions *o, MdResult *out,
                    StrMap *anchors) {
  /* style="text-align" rather than the align attribute HTML5 dropped */
  /* footnotes and task lists as GitHub shows them, where editors preview */
  int opts = CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_FOOTNOTES | (o->unsafe ? CMARK_OPT_UNSAFE : 0);
  cmark_parser *parser = cmark_parser_new(opts);
  cmark_parser_attach_syntax_extension(parser, ext_table);
  cmark_parser_attach_syntax_extension(parser, ext_strike);
  cmark_parser_attach_syntax_extension(parser, ext_autolink);
  if (ext_tasklist) cmark_parser_attach_syntax_extension(parser, ext_tasklist);
  cmark_parser_feed(parser, text, len);
  cmark_node *doc = cmark_parser_finish(parser);

  /* Collect first, then rewrite: changing the tree while iterating it would
   * invalidate the iterator. */
  cmark_node **todo = NULL;
  char **htmls = NULL;      /* a component's HTML, for its block in todo */
  size_t n_todo = 0, cap = 0;
  Buf plain = BUF_INIT;
  Lines lines = {text, len, NULL, 0};
  cmark_iter *it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *n = cmark_iter_get_node(it);
    cmark_node_type t = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_EXIT) {
      /* blocks and table cells end a run of words */
      if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && plain.len &&
          plain.data[plain.len - 1] != ' ')
        buf_putc(&plain, ' ');
      continue;
    }
    if (t == CMARK_NODE_CODE_BLOCK && o->component && is_component(n)) {
      Buf html = BUF_INIT;
      if (component(n, o, &html, &plain) != 0) buf_clear(&html);
      if (n_todo == cap) {
        cap = cap ? cap * 2 : 16;
        todo = xrealloc(todo, cap * sizeof *todo);
        htmls = xrealloc(htmls, cap * sizeof *htmls);
      }
      htmls[n_todo] = buf_detach(&html);
      todo[n_todo++] = n;
      continue;
    }
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) {
      buf_puts(&plain, cmark_node_get_literal(n));
    } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
      buf_putc(&plain, ' ');
    }
    if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
      const char *url = cmark_node_get_url(n);
      if (o->resolve && url) {
        int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
        if (line <= 0) {
          cmark_node *p = cmark_node_parent(n);
          while (p && cmark_node_get_start_line(p) <= 0) p = cmark_node_parent(p);
          line = p ? cmark_node_get_start_line(p) : 1;
          col = p ? cmark_node_get_start_column(p) : 1;
        }
        char *rep = o->resolve(o->ctx, url, line + o->line_offset, col > 0 ? char_col(&lines, line, col) : 1);
        if (rep) {
          cmark_node_set_url(n, rep);
          free(rep);
        }
      }
    } else if (t == CMARK_NODE_HEADING ||
               (ext_table && cmark_node_get_syntax_extension(n) == ext_table &&
                !strcmp(cmark_node_get_type_string(n), "table"))) {
      if (n_todo == cap) {
        cap = cap ? cap * 2 : 16;
        todo = xrealloc(todo, cap * sizeof *todo);
        htmls = xrealloc(htmls, cap * sizeof *htmls);
      }
      htmls[n_todo] = NULL;
      todo[n_todo++] = n;
    }
  }
  cmark_iter_free(it);
  free(lines.starts);

  Walk w = {a, NULL, 0, cmark_node_new(CMARK_NODE_DOCUMENT), {0}, {0}, anchors, NULL, 0, 0,
            o->table_label ? o->table_label : "Table", o->section_id ? o->section_id : "section"};
  for (size_t i = 0; i < n_todo; i++) {
    if (cmark_node_get_type(todo[i]) == CMARK_NODE_CODE_BLOCK) {
      wrap(todo[i], htmls[i] ? htmls[i] : "", "", 0, w.graveyard);
      free(htmls[i]);
      continue;
    }
    if (cmark_node_get_type(todo[i]) == CMARK_NODE_HEADING) {
      add_heading(&w, todo[i]);
      continue;
    }
    /* A scroll region needs a name, and each name must be unique on the
     * page: number the tables and name them after their section. */
    Buf enter = BUF_INIT;
    buf_puts(&enter, "<div class=\"tabell\" tabindex=\"0\" role=\"region\" aria-label=\"");
    buf_put_html(&enter, w.table_label, strlen(w.table_label));
    buf_printf(&enter, " %d", ++w.tables);
    if (w.last_heading) {
      buf_puts(&enter, ": ");
      buf_put_html(&enter, w.last_heading, strlen(w.last_heading));
    }
    buf_puts(&enter, "\">");
    wrap(todo[i], enter.data, "</div>", 1, w.graveyard);
    buf_free(&enter);
  }
  free(todo);
  free(htmls);
  out->html = fit(table_semantics(cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(parser))));
  if (o->footnote_back && strstr(out->html, BACKREF)) out->html = relabel_backrefs(out->html, o->footnote_back);
  while (plain.len && plain.data[plain.len - 1] == ' ') plain.data[--plain.len] = '\0';
  out->text = fit(buf_detach(&plain));
  out->toc = w.toc;
  out->n_toc = w.n_toc;
  cmark_node_free(doc);
  cmark_node_free(w.graveyard);
  strmap_free(&w.used);
  strmap_free(&w.gh_used);
  cmark_parser_free(parser);
  return 0;
}

char *markdown_plain(const char *text, size_t len) {
  /* old revisions from git were never checked: their text as it is */
  MdLimit lim;
  if (md_limits_check(text, len, &lim) != 0) {
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
  }
  cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);
  cmark_parser_attach_syntax_extension(parser, ext_table);
  cmark_parser_attach_syntax_extension(parser, ext_strike);
  cmark_parser_attach_syntax_extension(parser, ext_autolink);
  if (ext_tasklist) cmark_parser_attach_syntax_extension(parser, ext_tasklist);
  cmark_parser_feed(parser, text, len);
  cmark_node *doc = cmark_parser_finish(parser);
  char *out = cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}
