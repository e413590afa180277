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

/* Everything the index needs about one distinct word, found with a single
 * hash lookup per token: its stem's term, and its compound parts' terms. */
typedef struct {
  const char *folded, *stem;
  STerm *term, *abbr;       /* abbr: the unstemmed form, for abbreviations */
  STerm **parts; int n_parts, parts_done;
} Word;

typedef struct {
  const Site *site;
  Arena arena;
  Normalizer *norm;
  Decompounder dc;
  StrMap terms;             /* term -> STerm */
  StrMap words;             /* folded word -> Word */
  STerm **touched; size_t n_touched, cap_touched;
  double len[N_FIELDS];     /* current page's field lengths */
  double *lens;             /* every page's field lengths, from the first pass */
  double learn_len;
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

static void add(Ix *x, STerm *e, double w) {
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

static Word *word_get(Ix *x, const char *folded) {
  Word *w = strmap_get(&x->words, folded);
  if (w) return w;
  w = arena_alloc(&x->arena, sizeof *w);
  size_t sl;
  const char *stem = normalize_stem(x->norm, folded, strlen(folded), &sl);
  w->stem = arena_strndup(&x->arena, stem, sl);
  w->folded = arena_strdup(&x->arena, folded);
  strmap_put(&x->words, w->folded, w);
  return w;
}

/* Every run of consecutive parts except the whole word, stemmed:
 * skole|helse|tjenesten -> skole, helse, tjenesten, skolehelse, helsetjenesten.
 * Worked out once per distinct word, after the vocabulary is complete. */
static void find_parts(Ix *x, Word *w, const char *folded) {
  w->parts_done = 1;
  Part parts[DECOMPOUND_MAX_PARTS];
  int n = decompound(&x->dc, folded, strlen(folded), parts);
  if (n < 2) return;
  w->parts = arena_alloc(&x->arena, (size_t)(n * (n + 1) / 2) * sizeof *w->parts);
  Buf sub = BUF_INIT;
  for (int a = 0; a < n; a++)
    for (int b = a; b < n; b++) {
      if (a == 0 && b == n - 1) continue;
      buf_clear(&sub);
      buf_put(&sub, folded + parts[a].start, parts[b].end - parts[a].start);
      size_t sl;
      const char *stem = normalize_stem(x->norm, sub.data, sub.len, &sl);
      if (sl >= 3) w->parts[w->n_parts++] = term_get(x, stem);
    }
  buf_free(&sub);
}

static void on_token(const Token *t, void *ctx) {
  Ix *x = ctx;
  Word *w = word_get(x, t->folded);
  const char *stem = t->is_number ? t->folded : w->stem;
  if (!w->term) w->term = term_get(x, stem);
  add(x, w->term, 1);
  if (t->abbreviation && strcmp(t->folded, stem) != 0) {
    if (!w->abbr) w->abbr = term_get(x, t->folded);
    add(x, w->abbr, 1);
  }
  /* Adjacent title words also form a pair term ("menn helse"), so a query
   * that repeats a title's wording ranks that page first. */
  if (x->field == F_TITLE) {
    if (x->prev.len) {
      buf_putc(&x->prev, ' ');
      buf_puts(&x->prev, stem);
      add(x, term_get(x, x->prev.data), 1);
    }
    buf_clear(&x->prev);
    buf_puts(&x->prev, stem);
  }
  if (t->is_number) return;
  if (!w->parts_done) find_parts(x, w, t->folded);
  for (int i = 0; i < w->n_parts; i++) add(x, w->parts[i], PART_WEIGHT);
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
    /* postings are in page order; pages are written as differences from
     * the previous one, which keeps the numbers small and compresses well */
    buf_put_json_string(&shard, t->term);
    buf_putc(&shard, ':');
    buf_putc(&shard, '[');
    uint32_t prev = 0;
    for (size_t p = 0; p < t->n; p++) {
      double tf = t->post[p].tf;
      long score = lround(100.0 * idf * tf * (K1 + 1) / (tf + K1));
      if (score < 1) score = 1;
      if (p) buf_putc(&shard, ',');
      buf_put_uint(&shard, t->post[p].page - prev);
      prev = t->post[p].page;
      buf_putc(&shard, ',');
      buf_put_uint(&shard, (unsigned long long)score);
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

typedef struct {
  Buf ids;                  /* page numbers as differences from the previous */
  unsigned last;
} FacetIds;

static void facet_add(Arena *a, Facet *f, const char *value, unsigned id) {
  FacetIds *fi = strmap_get(&f->values, value);
  if (!fi) {
    fi = arena_alloc(a, sizeof *fi);
    strmap_put(&f->values, arena_strdup(a, value), fi);
  } else if (fi->last == id) {
    return; /* the same value twice on one page */
  }
  if (fi->ids.len) buf_putc(&fi->ids, ',');
  buf_put_uint(&fi->ids, id - fi->last);
  fi->last = id;
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
    FacetIds *fi = strmap_get(&f->values, keys[i]);
    buf_puts(&b, i ? ",\n" : "");
    buf_put_json_string(&b, keys[i]);
    buf_printf(&b, ":[%s]", buf_str(&fi->ids));
    buf_free(&fi->ids);
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
  x->learn_len++;
  if (t->is_number || strlen(t->folded) < 4) return;
  if (strmap_get(&x->words, t->folded)) return; /* learnt already */
  Word *w = word_get(x, t->folded);
  decompound_learn(&x->dc, w->folded);
  if (strcmp(w->stem, w->folded) != 0) decompound_learn(&x->dc, w->stem);
}

/* The decompounder's vocabulary is the site's own words; the same pass
 * counts field lengths for BM25F's averages. */
static void learn_vocabulary(Ix *x, const Site *s) {
  double n = 0;
  x->lens = calloc((s->n_pages + 1) * N_FIELDS, sizeof *x->lens);
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    if (!searchable(p)) continue;
    Buf t[N_FIELDS] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    field_texts(p, t);
    for (int f = 0; f < N_FIELDS; f++) {
      x->learn_len = 0;
      if (t[f].len) normalize_text(x->norm, t[f].data, t[f].len, learn_word, x);
      x->lens[(size_t)n * N_FIELDS + (size_t)f] = x->learn_len;
      x->avg[f] += x->learn_len;
      buf_free(&t[f]);
    }
    n++;
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
  /* Stems come from the Word cache; the normaliser only splits and folds. */
  normalize_set_counting(x.norm, 1);
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
    for (int f = 0; f < N_FIELDS; f++) x.len[f] = x.lens[(size_t)id * N_FIELDS + (size_t)f];
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
  free(x.lens);
  free(x.touched);
  strmap_free(&x.terms);
  strmap_free(&x.words);
  decompound_free(&x.dc);
  normalizer_free(x.norm);
  buf_free(&x.prev);
  arena_free(&x.arena);
  return 0;
}
