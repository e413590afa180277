#include "search_index.h"
#include "buf.h"
#include "decompound.h"
#include "diag.h"
#include "normalize.h"
#include "text.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Fields, their weights and length normalisation (BM25F). A compound's parts
 * count at PART_WEIGHT of the field they appear in. */
enum { F_NUM, F_TITLE, F_HEAD, F_SUM, F_TAGS, F_BODY, N_FIELDS };
static const double weight[N_FIELDS] = {40, 12, 4, 3, 2, 1};
static const double bnorm[N_FIELDS] = {0, 0.3, 0.5, 0.5, 0, 0.75};
#define PART_WEIGHT 0.4
#define K1 1.2
#define EXCERPT_CHARS 6000

typedef struct {
  uint32_t page;
  float tf;
} Posting;

typedef struct {
  const char *term;
  Posting *post; size_t n, cap;
  int cur_page;             /* page whose tf is being summed in cur_tf */
  float cur_tf;
} STerm;

typedef struct {
  const Site *site;
  Arena arena;
  Normalizer *norm;
  Decompounder dc;
  StrMap terms;             /* term -> STerm */
  StrMap splits;            /* folded word -> cached split (char*: "a|b|c" or "") */
  STerm **touched; size_t n_touched, cap_touched;
  double len[N_FIELDS];     /* current page's field lengths */
  double avg[N_FIELDS];
  int page, field;
  double part_factor;
  Buf prev;                 /* previous title term, for word pairs */
} Ix;

static STerm *term_get(Ix *x, const char *t) {
  STerm *e = strmap_get(&x->terms, t);
  if (!e) {
    e = arena_alloc(&x->arena, sizeof *e);
    e->term = arena_strdup(&x->arena, t);
    e->cur_page = -1;
    strmap_put(&x->terms, e->term, e);
  }
  return e;
}

static void add(Ix *x, const char *term, double w) {
  STerm *e = term_get(x, term);
  if (e->cur_page != x->page) {
    e->cur_page = x->page;
    e->cur_tf = 0;
    if (x->n_touched == x->cap_touched) {
      x->cap_touched = x->cap_touched ? x->cap_touched * 2 : 256;
      x->touched = realloc(x->touched, x->cap_touched * sizeof *x->touched);
      if (!x->touched) abort();
    }
    x->touched[x->n_touched++] = e;
  }
  int f = x->field;
  double norm = 1 - bnorm[f] + bnorm[f] * (x->avg[f] > 0 ? x->len[f] / x->avg[f] : 1);
  e->cur_tf += (float)(w * weight[f] / norm);
}

/* The cached split of a folded word into parts, as "part|part|…" offsets. */
static const char *split_of(Ix *x, const char *folded, size_t len) {
  const char *c = strmap_get(&x->splits, folded);
  if (c) return c;
  Part parts[DECOMPOUND_MAX_PARTS];
  int n = decompound(&x->dc, folded, len, parts);
  Buf b = BUF_INIT;
  for (int i = 0; i < n; i++) buf_printf(&b, "%zu-%zu ", parts[i].start, parts[i].end);
  c = arena_strdup(&x->arena, buf_str(&b));
  buf_free(&b);
  strmap_put(&x->splits, arena_strdup(&x->arena, folded), (void *)c);
  return c;
}

/* Every run of consecutive parts except the whole word, stemmed:
 * skole|helse|tjenesten -> skole, helse, tjenesten, skolehelse, helsetjenesten. */
static void add_parts(Ix *x, const char *folded, size_t len) {
  const char *sp = split_of(x, folded, len);
  if (!*sp) return;
  size_t st[DECOMPOUND_MAX_PARTS], en[DECOMPOUND_MAX_PARTS];
  int n = 0;
  for (const char *p = sp; *p && n < DECOMPOUND_MAX_PARTS;) {
    char *e;
    st[n] = strtoul(p, &e, 10);
    en[n] = strtoul(e + 1, &e, 10);
    n++;
    p = e + 1;
  }
  Buf w = BUF_INIT;
  for (int a = 0; a < n; a++)
    for (int b = a; b < n; b++) {
      if (a == 0 && b == n - 1) continue;
      buf_clear(&w);
      buf_put(&w, folded + st[a], en[b] - st[a]);
      size_t sl;
      const char *stem = normalize_stem(x->norm, w.data, w.len, &sl);
      if (sl >= 3) add(x, stem, PART_WEIGHT);
    }
  buf_free(&w);
}

static void on_token(const Token *t, void *ctx) {
  Ix *x = ctx;
  add(x, t->stem, 1);
  /* Adjacent title words also form a pair term ("menn helse"), so a query
   * that repeats a title's wording ranks that page first. */
  if (x->field == F_TITLE) {
    if (x->prev.len) {
      buf_putc(&x->prev, ' ');
      buf_puts(&x->prev, t->stem);
      add(x, x->prev.data, 1);
    }
    buf_clear(&x->prev);
    buf_puts(&x->prev, t->stem);
  }
  if (t->abbreviation && strcmp(t->folded, t->stem) != 0) add(x, t->folded, 1);
  if (!t->is_number) add_parts(x, t->folded, strlen(t->folded));
}

static void count_token(const Token *t, void *ctx) {
  (void)t;
  (*(double *)ctx)++;
}

static void index_text(Ix *x, int field, const char *text) {
  if (!text || !*text) return;
  x->field = field;
  buf_clear(&x->prev);
  normalize_text(x->norm, text, strlen(text), on_token, x);
}

/* Tags: the page's type and every taxonomy value. */
static void tags_text(const Page *p, Buf *out) {
  buf_printf(out, "%s ", p->type->singular);
  for (size_t j = 0; j < p->type->n_fields; j++) {
    const Value *v = p->fields[j];
    if (!v || !p->type->fields[j].taxonomy) continue;
    if (v->kind == VAL_STR) buf_printf(out, "%s ", v->str);
    for (size_t k = 0; v->kind == VAL_LIST && k < v->n; k++)
      if (v->items[k].kind == VAL_STR) buf_printf(out, "%s ", v->items[k].str);
  }
}

static void numbers_text(const Page *p, Buf *out) {
  const Value *v = page_value(p, "nummer");
  if (!v) return;
  if (v->kind == VAL_STR) buf_printf(out, "%s ", v->str);
  for (size_t k = 0; v->kind == VAL_LIST && k < v->n; k++)
    if (v->items[k].kind == VAL_STR) buf_printf(out, "%s ", v->items[k].str);
}

static void field_texts(const Page *p, Buf t[N_FIELDS]) {
  numbers_text(p, &t[F_NUM]);
  buf_puts(&t[F_TITLE], p->title);
  const Value *ab = page_value(p, "forkortelse");
  if (ab && ab->kind == VAL_STR) buf_printf(&t[F_TITLE], " %s", ab->str);
  for (size_t i = 0; i < p->n_toc; i++) buf_printf(&t[F_HEAD], "%s\n", p->toc[i].text);
  buf_puts(&t[F_SUM], p->summary);
  tags_text(p, &t[F_TAGS]);
  if (p->text) buf_puts(&t[F_BODY], p->text);
}

static int searchable(const Page *p) { return !p->is_home; }

static void learn_vocabulary(Ix *x, const Site *s);

static int posting_cmp(const void *a, const void *b) {
  const Posting *p = a, *q = b;
  if (p->tf != q->tf) return p->tf > q->tf ? -1 : 1;
  return p->page < q->page ? -1 : p->page > q->page;
}

static int term_cmp(const void *a, const void *b) {
  return strcmp((*(STerm *const *)a)->term, (*(STerm *const *)b)->term);
}

/* First two code points of a term, hex-encoded: the shard name. */
static void shard_of(const char *term, Buf *out) {
  const unsigned char *s = (const unsigned char *)term;
  size_t n = 0;
  for (int cps = 0; s[n] && cps < 2; cps++) {
    n++;
    while (s[n] && (s[n] & 0xC0) == 0x80) n++;
  }
  for (size_t i = 0; i < n; i++) buf_printf(out, "%02x", s[i]);
}

static void write_terms(Ix *x, EmitFn emit, void *ctx, SearchStats *st, unsigned long n_pages,
                        Buf *manifest_shards) {
  size_t n = x->terms.len, k = 0;
  STerm **all = malloc((n + 1) * sizeof *all);
  for (size_t i = 0; i < x->terms.cap; i++)
    if (x->terms.keys[i]) all[k++] = x->terms.vals[i];
  qsort(all, n, sizeof *all, term_cmp);
  Buf shard = BUF_INIT, name = BUF_INIT, cur = BUF_INIT, path = BUF_INIT;
  for (size_t i = 0; i <= n; i++) {
    if (i < n) {
      buf_clear(&name);
      shard_of(all[i]->term, &name);
    }
    if (cur.len && (i == n || strcmp(name.data, cur.data) != 0)) {
      buf_puts(&shard, "}\n");
      buf_clear(&path);
      buf_printf(&path, "sok/t/%s.json", cur.data);
      emit(ctx, path.data, shard.data, shard.len);
      st->files++;
      st->bytes += shard.len;
      buf_printf(manifest_shards, "%s\"%s\"", manifest_shards->len ? "," : "", cur.data);
      buf_clear(&shard);
    }
    if (i == n) break;
    if (!shard.len) {
      buf_clear(&cur);
      buf_puts(&cur, name.data);
      buf_putc(&shard, '{');
    } else {
      buf_puts(&shard, ",\n");
    }
    STerm *t = all[i];
    double idf = log(1.0 + ((double)n_pages - (double)t->n + 0.5) / ((double)t->n + 0.5));
    qsort(t->post, t->n, sizeof *t->post, posting_cmp);
    buf_put_json_string(&shard, t->term);
    buf_putc(&shard, ':');
    buf_putc(&shard, '[');
    for (size_t p = 0; p < t->n; p++) {
      double tf = t->post[p].tf;
      long score = lround(100.0 * idf * tf * (K1 + 1) / (tf + K1));
      if (score < 1) score = 1;
      buf_printf(&shard, "%s%u,%ld", p ? "," : "", t->post[p].page, score);
    }
    buf_putc(&shard, ']');
    st->terms++;
    st->postings += t->n;
  }
  free(all);
  buf_free(&shard);
  buf_free(&name);
  buf_free(&cur);
  buf_free(&path);
}

static void emit_buf(EmitFn emit, void *ctx, SearchStats *st, const char *rel, Buf *b) {
  emit(ctx, rel, b->data, b->len);
  st->files++;
  st->bytes += b->len;
}

/* Plain text cut at a word boundary near `max` bytes. */
static void put_excerpt(Buf *out, const char *text, size_t max) {
  size_t n = strlen(text);
  if (n > max) {
    n = max;
    while (n > 0 && text[n] != ' ') n--;
  }
  Buf t = BUF_INIT;
  buf_put(&t, text, n);
  buf_put_json_string(out, t.data ? t.data : "");
  buf_free(&t);
}

static void write_fragment(const Site *s, const Page *p, unsigned id, EmitFn emit, void *ctx,
                           SearchStats *st) {
  Buf b = BUF_INIT, tmp = BUF_INIT, path = BUF_INIT;
  buf_puts(&b, "{\"u\":");
  buf_put_json_string(&b, p->url);
  buf_puts(&b, ",\"t\":");
  buf_put_json_string(&b, p->title);
  buf_puts(&b, ",\"y\":");
  buf_put_json_string(&b, p->type->singular);
  numbers_text(p, &tmp);
  if (tmp.len) {
    tmp.data[--tmp.len] = '\0';
    buf_puts(&b, ",\"n\":");
    buf_put_json_string(&b, tmp.data);
  }
  buf_puts(&b, ",\"s\":");
  buf_put_json_string(&b, p->summary);
  buf_puts(&b, ",\"x\":");
  put_excerpt(&b, p->text ? p->text : "", EXCERPT_CHARS);
  buf_puts(&b, "}\n");
  buf_printf(&path, "sok/p/%u.json", id);
  emit_buf(emit, ctx, st, path.data, &b);
  (void)s;
  buf_free(&b);
  buf_free(&tmp);
  buf_free(&path);
}

typedef struct { const char *name, *title; StrMap values; } Facet;

static void facet_add(Arena *a, Facet *f, const char *value, unsigned id) {
  Buf *ids = strmap_get(&f->values, value);
  if (!ids) {
    ids = arena_alloc(a, sizeof *ids);
    strmap_put(&f->values, arena_strdup(a, value), ids);
  }
  buf_printf(ids, "%s%u", ids->len ? "," : "", id);
}

static int str_cmp(const void *a, const void *b) {
  return nb_collate(*(const char *const *)a, *(const char *const *)b);
}

static void write_facet(Facet *f, EmitFn emit, void *ctx, SearchStats *st) {
  const char **keys = malloc((f->values.len + 1) * sizeof *keys);
  size_t n = 0;
  for (size_t i = 0; i < f->values.cap; i++)
    if (f->values.keys[i]) keys[n++] = f->values.keys[i];
  qsort(keys, n, sizeof *keys, str_cmp);
  Buf b = BUF_INIT, path = BUF_INIT;
  buf_putc(&b, '{');
  for (size_t i = 0; i < n; i++) {
    Buf *ids = strmap_get(&f->values, keys[i]);
    buf_puts(&b, i ? ",\n" : "");
    buf_put_json_string(&b, keys[i]);
    buf_printf(&b, ":[%s]", buf_str(ids));
    buf_free(ids);
  }
  buf_puts(&b, "}\n");
  buf_printf(&path, "sok/f/%s.json", f->name);
  emit_buf(emit, ctx, st, path.data, &b);
  buf_free(&b);
  buf_free(&path);
  free(keys);
  strmap_free(&f->values);
}

static void learn_word(const Token *t, void *ctx) {
  Ix *x = ctx;
  if (t->is_number || strlen(t->folded) < 4) return;
  if (strmap_get(&x->dc.known, t->folded)) return;
  const char *w = arena_strdup(&x->arena, t->folded);
  decompound_learn(&x->dc, w);
  if (strcmp(t->stem, t->folded) != 0) decompound_learn(&x->dc, arena_strdup(&x->arena, t->stem));
}

/* The decompounder's vocabulary is the site's own words; the same pass
 * counts field lengths for BM25F's averages. */
static void learn_vocabulary(Ix *x, const Site *s) {
  double n = 0;
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    if (!searchable(p)) continue;
    n++;
    Buf t[N_FIELDS] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    field_texts(p, t);
    for (int f = 0; f < N_FIELDS; f++) {
      double len = 0;
      if (t[f].len) normalize_text(x->norm, t[f].data, t[f].len, count_token, &len);
      if (f != F_NUM && t[f].len) normalize_text(x->norm, t[f].data, t[f].len, learn_word, x);
      x->avg[f] += len;
      buf_free(&t[f]);
    }
  }
  for (int f = 0; f < N_FIELDS; f++) x->avg[f] = n ? x->avg[f] / n : 1;
}

int search_index_build(const Site *s, const Collections *c, EmitFn emit, void *ctx, SearchStats *st) {
  memset(st, 0, sizeof *st);
  Ix x = {.site = s};
  x.norm = normalizer_new(s->cfg.language);
  if (!x.norm) {
    diag_error("site.lua", 0, 0, "no stemmer for language '%s'", s->cfg.language);
    return -1;
  }
  learn_vocabulary(&x, s);
  size_t n_facets = c->n_tax + 1;
  Facet *facets = calloc(n_facets + 1, sizeof *facets);
  facets[0].name = "type";
  for (size_t i = 0; i < c->n_tax; i++) facets[i + 1].name = c->tax[i].tax->name;
  unsigned id = 0;
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    if (!searchable(p)) continue;
    x.page = (int)id;
    x.n_touched = 0;
    Buf t[N_FIELDS] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    field_texts(p, t);
    for (int f = 0; f < N_FIELDS; f++) {
      x.len[f] = 0;
      if (t[f].len) normalize_text(x.norm, t[f].data, t[f].len, count_token, &x.len[f]);
    }
    for (int f = 0; f < N_FIELDS; f++) {
      index_text(&x, f, t[f].data);
      buf_free(&t[f]);
    }
    for (size_t k = 0; k < x.n_touched; k++) {
      STerm *e = x.touched[k];
      if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 4;
        e->post = realloc(e->post, e->cap * sizeof *e->post);
        if (!e->post) abort();
      }
      e->post[e->n++] = (Posting){id, e->cur_tf};
    }
    facet_add(&x.arena, &facets[0], p->type->title, id);
    for (size_t k = 0; k < c->n_tax; k++)
      for (size_t j = 0; j < p->type->n_fields; j++) {
        const Value *v = p->fields[j];
        if (!v || !p->type->fields[j].taxonomy || strcmp(p->type->fields[j].taxonomy, c->tax[k].tax->name))
          continue;
        if (v->kind == VAL_STR) facet_add(&x.arena, &facets[k + 1], v->str, id);
        for (size_t m = 0; v->kind == VAL_LIST && m < v->n; m++)
          if (v->items[m].kind == VAL_STR) facet_add(&x.arena, &facets[k + 1], v->items[m].str, id);
      }
    write_fragment(s, p, id, emit, ctx, st);
    id++;
  }
  st->pages = id;
  Buf shards = BUF_INIT, man = BUF_INIT;
  write_terms(&x, emit, ctx, st, id, &shards);
  buf_printf(&man, "{\"v\":1,\"pages\":%u,\"language\":", id);
  buf_put_json_string(&man, s->cfg.language);
  buf_puts(&man, ",\"facets\":[");
  for (size_t i = 0; i < n_facets; i++) {
    const char *title = i == 0 ? "Innholdstype" : c->tax[i - 1].tax->title;
    buf_printf(&man, "%s{\"name\":", i ? "," : "");
    buf_put_json_string(&man, facets[i].name);
    buf_puts(&man, ",\"title\":");
    buf_put_json_string(&man, title);
    buf_putc(&man, '}');
    write_facet(&facets[i], emit, ctx, st);
  }
  buf_printf(&man, "],\"shards\":[%s]}\n", buf_str(&shards));
  emit_buf(emit, ctx, st, "sok/index.json", &man);
  buf_free(&man);
  buf_free(&shards);
  for (size_t i = 0; i < x.terms.cap; i++)
    if (x.terms.keys[i]) free(((STerm *)x.terms.vals[i])->post);
  free(facets);
  free(x.touched);
  strmap_free(&x.terms);
  strmap_free(&x.splits);
  decompound_free(&x.dc);
  normalizer_free(x.norm);
  buf_free(&x.prev);
  arena_free(&x.arena);
  return 0;
}
