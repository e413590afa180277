#include "collections.h"
#include "xalloc.h"
#include "buf.h"
#include "diag.h"
#include "messages.h"
#include "text.h"
#include <stdlib.h>
#include <string.h>

int page_compare(const void *a, const void *b) {
  const Page *p = *(Page *const *)a, *q = *(Page *const *)b;
  if (p->has_sort_int && q->has_sort_int && p->sort_int != q->sort_int)
    return p->sort_int < q->sort_int ? -1 : 1;
  const char *sp = p->sort_number, *sq = q->sort_number;
  if (sp && sq) {
    int c = number_compare(sp, sq);
    if (c) return c;
  } else if (sp || sq) {
    return sp ? -1 : 1; /* numbered measures first */
  }
  int c = nb_collate(p->title, q->title);
  return c ? c : strcmp(p->rel, q->rel);
}

static void term_add(Site *s, Term *t, Page *p) {
  if (t->n && t->pages[t->n - 1] == p) return;
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 8;
    Page **v = arena_alloc(&s->arena, cap * sizeof *v);
    if (t->n) memcpy(v, t->pages, t->n * sizeof *v);
    t->pages = v;
    t->cap = cap;
  }
  t->pages[t->n++] = p;
}

static void tag(Site *s, TaxIndex *ti, Page *p, const Value *v) {
  if (v->kind == VAL_LIST) {
    for (size_t i = 0; i < v->n; i++) tag(s, ti, p, &v->items[i]);
    return;
  }
  if (v->kind != VAL_STR) return;
  Term *t = strmap_get(&ti->by_name, v->str);
  if (!t) {
    Buf slug = BUF_INIT;
    slugify(&slug, v->str);
    t = strmap_get(&ti->by_slug, slug.len ? slug.data : "-");
    if (!t) {
      t = arena_alloc(&s->arena, sizeof *t);
      t->name = v->str;
      t->first = v;
      t->slug = arena_strdup(&s->arena, slug.len ? slug.data : "-");
      t->url = arena_printf(&s->arena, "%s%s/", ti->url, t->slug);
      strmap_put(&ti->by_slug, t->slug, t);
    }
    buf_free(&slug);
    strmap_put(&ti->by_name, v->str, t);
  }
  /* 'Ære' and 'Aere' (or 'Demens' and 'demens') would share one term page
   * without a word: each use of a second spelling is an error at its line */
  if (strcmp(t->name, v->str) != 0) {
    const Page *first = t->pages[0];
    diag_error(p->path, v->line, v->col, msg(MSG_TAX_SAME_ADDRESS), v->str, t->url, t->name,
               first->path, t->first->line);
  }
  term_add(s, t, p);
}

static int term_compare(const void *a, const void *b) {
  return nb_collate((*(Term *const *)a)->name, (*(Term *const *)b)->name);
}

static void build_taxonomy(Site *s, TaxIndex *ti, Page **sorted, size_t n) {
  ti->url = arena_printf(&s->arena, "%s/%s/", s->cfg.base_path, ti->tax->path);
  for (size_t i = 0; i < n; i++) {
    Page *p = sorted[i];
    for (size_t j = 0; j < p->type->n_fields; j++) {
      const Field *f = &p->type->fields[j];
      if (p->fields[j] && f->taxonomy && !strcmp(f->taxonomy, ti->tax->name))
        tag(s, ti, p, p->fields[j]);
    }
  }
  ti->terms = arena_alloc(&s->arena, (ti->by_slug.len + 1) * sizeof *ti->terms);
  for (size_t k = 0; k < ti->by_slug.cap; k++)
    if (ti->by_slug.keys[k]) ti->terms[ti->n_terms++] = ti->by_slug.vals[k];
  qsort(ti->terms, ti->n_terms, sizeof *ti->terms, term_compare);
}

void collections_build(Site *s, Collections *c) {
  memset(c, 0, sizeof *c);
  /* lists, terms and the index are of the site's own tree: translations
   * are reached from their originals */
  size_t n = 0;
  Page **sorted = xmalloc((s->n_pages + 1) * sizeof *sorted);
  for (size_t i = 0; i < s->n_pages; i++)
    if (!page_is_translation(s->pages[i])) sorted[n++] = s->pages[i];
  qsort(sorted, n, sizeof *sorted, page_compare);
  c->lists = arena_alloc(&s->arena, (s->cfg.n_types + 1) * sizeof *c->lists);
  for (size_t t = 0; t < s->cfg.n_types; t++) {
    TypeList *l = &c->lists[t];
    l->type = &s->cfg.types[t];
    l->pages = arena_alloc(&s->arena, (n + 1) * sizeof *l->pages);
    for (size_t i = 0; i < n; i++)
      if (sorted[i]->type == l->type && !sorted[i]->is_home) l->pages[l->n++] = sorted[i];
    /* "/tiltak/{slug}/" lists at "/tiltak/"; "/{slug}/" has no list page */
    const char *at = strstr(l->type->url, "{slug}");
    size_t prefix = (size_t)(at - l->type->url);
    if (prefix > 1)
      l->url = arena_printf(&s->arena, "%s%.*s", s->cfg.base_path, (int)prefix, l->type->url);
  }
  c->n_tax = s->cfg.n_taxonomies;
  c->tax = arena_alloc(&s->arena, (c->n_tax + 1) * sizeof *c->tax);
  for (size_t i = 0; i < c->n_tax; i++) {
    c->tax[i].tax = &s->cfg.taxonomies[i];
    build_taxonomy(s, &c->tax[i], sorted, n);
  }
  free(sorted);
}

void collections_free(Collections *c) {
  for (size_t i = 0; i < c->n_tax; i++) {
    strmap_free(&c->tax[i].by_name);
    strmap_free(&c->tax[i].by_slug);
  }
}

const Term *collections_term(const Collections *c, const char *tax, const char *value) {
  for (size_t i = 0; i < c->n_tax; i++)
    if (!strcmp(c->tax[i].tax->name, tax)) return strmap_get(&c->tax[i].by_name, value);
  return NULL;
}
