#include "output.h"
#include "text.h"
#include <string.h>
#include <time.h>

void output_abs_url(const Site *s, const char *url, Buf *out) {
  const char *base = s->cfg.base_url;
  const char *scheme = strstr(base, "://");
  size_t n = strlen(base);
  if (scheme) {
    /* keep scheme://host, drop the path: url already has the base path */
    const char *slash = strchr(scheme + 3, '/');
    n = slash ? (size_t)(slash - base) : n;
  } else {
    n = 0;
  }
  buf_put(out, base, n);
  buf_puts(out, url);
}

static void sitemap_loc(const Site *s, const char *url, Buf *out) {
  Buf abs = BUF_INIT;
  output_abs_url(s, url, &abs);
  buf_put_html(out, abs.data, abs.len);
  buf_free(&abs);
}

static void sitemap_url(const Site *s, const char *url, Buf *out) {
  buf_puts(out, "  <url><loc>");
  sitemap_loc(s, url, out);
  buf_puts(out, "</loc></url>\n");
}

static void sitemap_alternate(const Site *s, const Page *p, Buf *out) {
  buf_printf(out, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"", p->lang);
  sitemap_loc(s, p->url, out);
  buf_puts(out, "\"/>\n");
}

/* A page with versions in other languages lists them all, itself included,
 * so that every pair is reciprocal (as in each page's <head>). */
static void sitemap_page(const Site *s, const Page *p, Buf *out) {
  const Page *o = p->original ? p->original : p;
  if (!o->n_translations) { sitemap_url(s, p->url, out); return; }
  buf_puts(out, "  <url><loc>");
  sitemap_loc(s, p->url, out);
  buf_puts(out, "</loc>\n");
  sitemap_alternate(s, o, out);
  for (size_t i = 0; i < o->n_translations; i++) sitemap_alternate(s, o->translations[i], out);
  buf_puts(out, "  </url>\n");
}

static int any_translation(const Site *s) {
  for (size_t i = 0; i < s->n_pages; i++)
    if (page_is_translation(s->pages[i])) return 1;
  return 0;
}

void output_sitemap(const Site *s, const Collections *c, Buf *out) {
  buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
  if (any_translation(s)) buf_puts(out, " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
  buf_puts(out, ">\n");
  if (!s->home) {
    Buf home = BUF_INIT;
    buf_printf(&home, "%s/", s->cfg.base_path);
    sitemap_url(s, home.data, out);
    buf_free(&home);
  }
  for (size_t i = 0; i < s->n_pages; i++) sitemap_page(s, s->pages[i], out);
  for (size_t i = 0; i < s->cfg.n_types; i++)
    if (c->lists[i].url) sitemap_url(s, c->lists[i].url, out);
  for (size_t i = 0; i < c->n_tax; i++) {
    sitemap_url(s, c->tax[i].url, out);
    for (size_t k = 0; k < c->tax[i].n_terms; k++) sitemap_url(s, c->tax[i].terms[k]->url, out);
  }
  buf_puts(out, "</urlset>\n");
}

void output_robots(const Site *s, Buf *out) {
  buf_puts(out, "User-agent: *\nAllow: /\n\nSitemap: ");
  Buf u = BUF_INIT;
  buf_printf(&u, "%s/sitemap.xml", s->cfg.base_path);
  output_abs_url(s, u.data, out);
  buf_free(&u);
  buf_putc(out, '\n');
}

static void json_value(const Value *v, Buf *out) {
  switch (v->kind) {
  case VAL_STR: buf_put_json_string(out, v->str); break;
  case VAL_REF: buf_put_json_string(out, v->ref ? v->ref->url : v->str); break;
  case VAL_INT: buf_printf(out, "%lld", v->num); break;
  case VAL_BOOL: buf_puts(out, v->num ? "true" : "false"); break;
  case VAL_LIST:
    buf_putc(out, '[');
    for (size_t i = 0; i < v->n; i++) {
      if (i) buf_putc(out, ',');
      json_value(&v->items[i], out);
    }
    buf_putc(out, ']');
    break;
  case VAL_OBJECT:
    buf_putc(out, '{');
    for (size_t i = 0; i < v->n; i++) {
      if (i) buf_putc(out, ',');
      buf_put_json_string(out, v->keys[i]);
      buf_putc(out, ':');
      json_value(&v->items[i], out);
    }
    buf_putc(out, '}');
    break;
  }
}

void output_json(const Site *s, const TypeList *l, Buf *out) {
  buf_puts(out, "[\n");
  for (size_t i = 0; i < l->n; i++) {
    const Page *p = l->pages[i];
    buf_puts(out, i ? ",\n  {" : "  {");
    buf_puts(out, "\"url\":");
    Buf abs = BUF_INIT;
    output_abs_url(s, p->url, &abs);
    buf_put_json_string(out, abs.data);
    buf_free(&abs);
    buf_puts(out, ",\"slug\":");
    buf_put_json_string(out, p->slug);
    for (size_t j = 0; j < p->type->n_fields; j++) {
      if (!p->fields[j]) continue;
      buf_putc(out, ',');
      buf_put_json_string(out, p->type->fields[j].name);
      buf_putc(out, ':');
      json_value(p->fields[j], out);
    }
    buf_putc(out, '}');
  }
  buf_puts(out, l->n ? "\n]\n" : "]\n");
}

static void csv_text(const EngineStrings *w, const Value *v, Buf *out) {
  switch (v->kind) {
  case VAL_STR: buf_puts(out, v->str); break;
  case VAL_REF: buf_puts(out, v->ref ? v->ref->slug : v->str); break;
  case VAL_INT: buf_printf(out, "%lld", v->num); break;
  case VAL_BOOL: buf_puts(out, v->num ? w->yes : w->no); break;
  case VAL_LIST:
    for (size_t i = 0; i < v->n; i++) {
      if (i) buf_puts(out, "; ");
      csv_text(w, &v->items[i], out);
    }
    break;
  case VAL_OBJECT:
    for (size_t i = 0; i < v->n; i++) {
      if (i) buf_puts(out, ", ");
      buf_printf(out, "%s: ", v->keys[i]);
      csv_text(w, &v->items[i], out);
    }
    break;
  }
}

static void csv_cell(Buf *out, const char *s) {
  buf_putc(out, '"');
  if (csv_is_formula(s)) buf_putc(out, '\'');
  for (; *s; s++) {
    if (*s == '"') buf_putc(out, '"');
    buf_putc(out, *s);
  }
  buf_putc(out, '"');
}

void output_csv(const Site *s, const TypeList *l, Buf *out) {
  const ContentType *t = l->type;
  const char sep = s->cfg.csv_separator ? s->cfg.csv_separator : ',';
  if (s->cfg.csv_bom) buf_puts(out, "\xEF\xBB\xBF");
  csv_cell(out, "url");
  buf_putc(out, sep);
  csv_cell(out, "slug");
  for (size_t j = 0; j < t->n_fields; j++) {
    buf_putc(out, sep);
    csv_cell(out, t->fields[j].name);
  }
  buf_puts(out, "\r\n");
  Buf cell = BUF_INIT;
  for (size_t i = 0; i < l->n; i++) {
    const Page *p = l->pages[i];
    buf_clear(&cell);
    output_abs_url(s, p->url, &cell);
    csv_cell(out, buf_str(&cell));
    buf_putc(out, sep);
    csv_cell(out, p->slug);
    for (size_t j = 0; j < t->n_fields; j++) {
      buf_putc(out, sep);
      buf_clear(&cell);
      if (p->fields[j]) csv_text(&s->cfg.strings, p->fields[j], &cell);
      csv_cell(out, buf_str(&cell));
    }
    buf_puts(out, "\r\n");
  }
  buf_free(&cell);
}

/* RFC 3339 time in the committer's own offset: 2026-11-23T14:05:00+01:00 */
static void rfc3339(const GitCommit *c, Buf *out) {
  time_t local = (time_t)(c->time + (long long)c->offset * 60);
  struct tm tm;
  gmtime_r(&local, &tm);
  char t[32];
  strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%S", &tm);
  int off = c->offset < 0 ? -c->offset : c->offset;
  buf_printf(out, "%s%c%02d:%02d", t, c->offset < 0 ? '-' : '+', off / 60, off % 60);
}

/* Text as XML 1.0 allows it: escaped, and the characters it forbids (C0
 * controls but TAB, LF and CR; U+FFFE, U+FFFF) replaced by U+FFFD, so the feed
 * stays well-formed whatever a commit's change note or site.lua's title holds
 * (front matter refuses them at their line: frontmatter.c). */
static void put_xml(Buf *out, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    size_t width = c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? 1
                 : c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                           ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF) ? 3 : 0;
    if (!width) continue;
    buf_put_html(out, s + start, i - start);
    buf_puts(out, "\xEF\xBF\xBD");
    i += width - 1;
    start = i + 1;
  }
  buf_put_html(out, s + start, n - start);
}

static void xml_text(Buf *out, const char *tag, const char *text) {
  buf_printf(out, "<%s>", tag);
  put_xml(out, text, strlen(text));
  buf_printf(out, "</%s>", tag);
}

void output_atom(const Site *s, const Change *ch, size_t n, Buf *out) {
  Buf u = BUF_INIT;
  buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
  buf_put_html(out, s->cfg.language, strlen(s->cfg.language));
  buf_puts(out, "\">\n  ");
  Buf t = BUF_INIT;
  buf_printf(&t, "%s – %s", s->cfg.strings.changes, s->cfg.title);
  xml_text(out, "title", t.data);
  buf_free(&t);
  buf_printf(&u, "%s/%s.xml", s->cfg.base_path, s->cfg.paths.changes);
  Buf abs = BUF_INIT;
  output_abs_url(s, u.data, &abs);
  buf_puts(out, "\n  ");
  xml_text(out, "id", abs.data);
  buf_puts(out, "\n  <link rel=\"self\" href=\"");
  buf_put_html(out, abs.data, abs.len);
  buf_puts(out, "\"/>\n  <link href=\"");
  buf_clear(&abs);
  buf_clear(&u);
  buf_printf(&u, "%s/%s/", s->cfg.base_path, s->cfg.paths.changes);
  output_abs_url(s, u.data, &abs);
  buf_put_html(out, abs.data, abs.len);
  buf_puts(out, "\"/>\n  <updated>");
  if (n) rfc3339(ch[0].c, out);
  else buf_puts(out, "1970-01-01T00:00:00+00:00");
  buf_puts(out, "</updated>\n  <author><name>");
  put_xml(out, s->cfg.title, strlen(s->cfg.title));
  buf_puts(out, "</name></author>\n");
  for (size_t i = 0; i < n; i++) {
    buf_clear(&abs);
    output_abs_url(s, ch[i].p->url, &abs);
    buf_puts(out, "  <entry>\n    ");
    xml_text(out, "title", ch[i].p->title);
    buf_puts(out, "\n    <link href=\"");
    buf_put_html(out, abs.data, abs.len);
    buf_puts(out, "\"/>\n    <id>");
    buf_put_html(out, abs.data, abs.len);
    buf_printf(out, "#%s</id>\n    <updated>", ch[i].c->id);
    rfc3339(ch[i].c, out);
    buf_puts(out, "</updated>\n");
    /* only a change note is public text: a commit subject is the editor's own */
    if (ch[i].c->note) {
      buf_puts(out, "    ");
      xml_text(out, "summary", ch[i].c->note);
      buf_putc(out, '\n');
    }
    buf_puts(out, "  </entry>\n");
  }
  buf_puts(out, "</feed>\n");
  buf_free(&u);
  buf_free(&abs);
}
