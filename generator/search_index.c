#include "search_index.h"
#include "xalloc.h"
#include "buf.h"
#include "decompound.h"
#include "diag.h"
#include "normalize.h"
#include "text.h"
#include "variants.h"
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Fields, their weights and length normalisation (BM25F). A compound's parts
 * count at PART_WEIGHT of the field they appear in. */
enum { F_NUM, F_TITLE, F_HEAD, F_SUM, F_TAGS, F_BODY, N_FIELDS };
static const double weight[N_FIELDS] = {40, 12, 4, 3, 2, 1};
static const double bnorm[N_FIELDS] = {0, 0.3, 0.5, 0.5, 0, 0.75};
#define PART_WEIGHT 0.4
/* A word's term in the other written form (variants.h): the same word, a
 * little below the form the page is written in, so a nynorsk query ranks
 * nynorsk pages first among pages about the same thing. */
#define VARIANT_WEIGHT 0.8
#define K1 1.2
#define EXCERPT_CHARS 6000

/* How the index is built, in three passes over the pages:
 *
 *  1. scan: each page's text is tokenised once. Every distinct word is
 *     looked up (or learnt) with one hash lookup, and the page's tokens are
 *     kept as a stream of word numbers. The vocabulary and the field
 *     lengths (for BM25F's averages) are then complete.
 *  2. count: the stream is replayed to split compounds (which needs the
 *     whole vocabulary) and count how many bytes each term's postings take.
 *  3. fill: the stream is replayed again to sum each (term, page)'s tf; at
 *     the end of a page its postings are written final (page gap and score)
 *     into the term's exact slice of one pool.
 *
 * Replays touch no text and no hash table but for title word pairs, and the
 * postings take ~3.5 bytes each instead of a growable array per term. */

/* A posting in the pool: the gap from the term's previous page as a varint,
 * then the score in 2 bytes (little-endian). A score is at most
 * 100 * idf * (K1 + 1) with idf < log(1 + pages / 1.5): below 5 000 for
 * any 32-bit page count. */
enum { SCORE_BYTES = 2 };

typedef struct {
  const char *term;
  size_t off;               /* its postings in Ix.pool */
  uint32_t size;            /* bytes of its postings: counted, then filled */
  uint32_t df;              /* pages it occurs on */
  uint32_t last;            /* last page with a posting, for gaps */
  int32_t cur_page;         /* page being counted or summed */
  float cur_tf;
  double idf;
  const char *surface;      /* the word most often written for it, for <search>/ord.json */
  uint32_t surface_n;       /* how often that word is written (0: a compound's part) */
  uint8_t is_word;          /* a word's term (not a title pair, not a number) */
} STerm;

/* Everything the index needs about one distinct word: its stem's term and
 * its compound parts' terms, worked out once. */
typedef struct {
  const char *folded, *stem;
  STerm *term, *abbr;       /* abbr: the unstemmed form, for abbreviations */
  STerm **parts;
  uint32_t id;              /* its number in the token stream */
  uint32_t len;             /* bytes of folded */
  uint32_t count;           /* tokens of it on the whole site */
  const char **part_surface; /* the written parts, beside `parts` */
  STerm **variants;         /* the word in the other written form (variants.h) */
  uint8_t n_parts, parts_done, is_number, stem_differs, variant_done, n_variants;
} Word;

/* The distinct words, looked up once per token while scanning: slots of
 * (hash tag, word number) only, 8 bytes each, so a lookup costs one random
 * memory access where a StrMap costs three (hashes, keys, values); the
 * words themselves are in first-seen order, so the frequent ones stay in
 * cache. */
typedef struct {
  uint32_t tag;             /* high half of the hash; 0: empty slot */
  uint32_t id;
} WordSlot;

typedef struct {
  WordSlot *slot;
  size_t cap, len;
} WordTable;

/* One index: the pages of one language tree and how they are read. */
typedef struct {
  const Language *lang;     /* a parallel language (translations), or NULL: the site's own tree */
  const char *dir;          /* where its files go: "sok", "en/sok" */
  const char *stemmer;
  const char *stopwords;    /* the analysis's, or (own tree) those of every form published in place */
  int compounds;
  const char *content_type; /* the type facet's title */
  const char **type_names;  /* by type, in the index's language */
  const char **result_labels; /* by search.result_fields, in a parallel language (NULL: left out) */
  const char **variants; size_t n_variants; /* pairs of one word in two written forms */
  Buf stop_buf;
} IndexSpec;

typedef struct {
  const Site *site;
  const IndexSpec *spec;
  Arena arena;
  Normalizer *norm;
  Decompounder dc;
  StrMap terms;             /* term -> STerm, while terms are made */
  STerm **all; size_t n_all, cap_all;
  WordTable words;          /* folded word -> Word, while scanning */
  Word **word; size_t n_words, cap_words; /* by number */
  Buf stream;               /* every page's tokens: varint(word id << 1 | abbreviation) */
  uint32_t *lens;           /* tokens per page and field */
  double avg[N_FIELDS];
  unsigned n_pages, page;
  int field, filling;
  float inc[N_FIELDS][3];   /* a token's tf in each field of this page: word, compound part, variant */
  STerm **touched; size_t n_touched, cap_touched;
  uint8_t *pool;            /* every term's postings */
  Buf prev;                 /* previous title term, for word pairs */
  Variants *var;            /* bokmål/nynorsk pairs, or NULL */
  Buf vbuf;
} Ix;

static void *grow_array(void *p, size_t *cap, size_t size) {
  *cap = *cap ? *cap * 2 : 256;
  p = xrealloc(p, *cap * size);
  return p;
}

/* The site language's index holds its own tree (with the written forms
 * published in place); a parallel language's holds its translations. */
static int searchable(const IndexSpec *sp, const Page *p) {
  if (p->is_home) return 0;
  if (!sp->lang) return !page_is_translation(p);
  return page_is_translation(p) && p->lang && !strcmp(p->lang, sp->lang->code);
}

/* ---- JSON and numbers ---- */


static size_t varint_len(uint32_t v) {
  size_t n = 1;
  for (; v >= 0x80; v >>= 7) n++;
  return n;
}

static size_t put_varint(uint8_t *p, uint32_t v) {
  size_t n = 0;
  for (; v >= 0x80; v >>= 7) p[n++] = (uint8_t)(v | 0x80);
  p[n++] = (uint8_t)v;
  return n;
}

static uint32_t get_varint(const uint8_t *p, size_t *at) {
  uint32_t v = 0;
  for (int shift = 0;; shift += 7) {
    uint8_t b = p[(*at)++];
    v |= (uint32_t)(b & 0x7F) << shift;
    if (b < 0x80) return v;
  }
}

/* ---- terms and words ---- */

static STerm *term_get(Ix *x, const char *t) {
  STerm *e = strmap_get(&x->terms, t);
  if (!e) {
    e = arena_alloc(&x->arena, sizeof *e);
    e->term = arena_strdup(&x->arena, t);
    e->cur_page = -1;
    strmap_put(&x->terms, e->term, e);
    if (x->n_all == x->cap_all) x->all = grow_array(x->all, &x->cap_all, sizeof *x->all);
    x->all[x->n_all++] = e;
  }
  return e;
}

static uint64_t word_hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29);
}

static uint32_t word_tag(uint64_t h) { return (uint32_t)(h >> 32) | 1; }

/* The slot of the word (or the empty slot where it belongs). */
static WordSlot *word_slot(const Ix *x, const char *s, size_t n, uint64_t h) {
  size_t mask = x->words.cap - 1;
  uint32_t tag = word_tag(h);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    WordSlot *sl = &x->words.slot[i];
    if (!sl->tag) return sl;
    const Word *w = x->word[sl->id];
    if (sl->tag == tag && w->len == n && !memcmp(w->folded, s, n)) return sl;
  }
}

/* Kept at most 3/4 full: the tags keep long probes cheap, and a probe's
 * slots share cache lines. */
static void word_table_grow(Ix *x) {
  WordTable old = x->words;
  x->words.cap = old.cap ? old.cap * 2 : 1024;
  x->words.slot = xcalloc(x->words.cap, sizeof *x->words.slot);
  for (size_t i = 0; i < old.cap; i++) {
    if (!old.slot[i].tag) continue;
    const Word *w = x->word[old.slot[i].id];
    *word_slot(x, w->folded, w->len, word_hash(w->folded, w->len)) = old.slot[i];
  }
  free(old.slot);
}

/* A word seen for the first time: stemmed, numbered, and (when long enough
 * to be a compound's part) taught to the decompounder with its stem. */
static Word *word_new(Ix *x, const Token *t) {
  Word *w = arena_alloc(&x->arena, sizeof *w);
  w->folded = arena_strndup(&x->arena, t->folded, t->len);
  w->len = (uint32_t)t->len;
  w->is_number = (uint8_t)t->is_number;
  w->stem = w->folded; /* numbers are not stemmed */
  if (!t->is_number) {
    size_t sl;
    const char *stem = normalize_stem(x->norm, t->folded, t->len, &sl);
    if (sl != t->len || memcmp(stem, t->folded, sl) != 0) {
      w->stem = arena_strndup(&x->arena, stem, sl);
      w->stem_differs = 1;
    }
  }
  if (x->n_words == x->cap_words) x->word = grow_array(x->word, &x->cap_words, sizeof *x->word);
  w->id = (uint32_t)x->n_words;
  x->word[x->n_words++] = w;
  if (x->spec->compounds && !t->is_number && t->len >= 4) {
    decompound_learn(&x->dc, w->folded);
    if (w->stem_differs) decompound_learn(&x->dc, w->stem);
  }
  return w;
}

/* Every run of consecutive parts except the whole word, stemmed:
 * skole|helse|tjenesten -> skole, helse, tjenesten, skolehelse, helsetjenesten.
 * Worked out once per distinct word, after the vocabulary is complete. */
static void find_parts(Ix *x, Word *w) {
  w->parts_done = 1;
  if (!x->spec->compounds) return;
  const char *folded = w->folded;
  Part parts[DECOMPOUND_MAX_PARTS];
  int n = decompound(&x->dc, folded, strlen(folded), parts);
  if (n < 2) return;
  /* each run, and its form in the other written form */
  w->parts = arena_alloc(&x->arena, (size_t)(n * (n + 1)) * sizeof *w->parts);
  w->part_surface = arena_alloc(&x->arena, (size_t)(n * (n + 1)) * sizeof *w->part_surface);
  for (int a = 0; a < n; a++)
    for (int b = a; b < n; b++) {
      if (a == 0 && b == n - 1) continue;
      size_t sl;
      const char *stem = normalize_stem(x->norm, folded + parts[a].start,
                                        parts[b].end - parts[a].start, &sl);
      if (sl < 3) continue;
      w->part_surface[w->n_parts] =
          arena_strndup(&x->arena, folded + parts[a].start, parts[b].end - parts[a].start);
      w->parts[w->n_parts++] = term_get(x, stem);
      if (variants_of_stem(x->var, stem, &x->vbuf)) {
        w->part_surface[w->n_parts] = NULL; /* not written on the site */
        w->parts[w->n_parts++] = term_get(x, x->vbuf.data);
      }
    }
}

/* The word's term in the other written form (variants.h), once per word,
 * after the vocabulary is complete (its compound parts). */
static void find_variant(Ix *x, Word *w) {
  w->variant_done = 1;
  if (!x->var || w->is_number) return;
  Part parts[DECOMPOUND_MAX_PARTS];
  int n = x->spec->compounds ? decompound(&x->dc, w->folded, w->len, parts) : 0;
  if (!variants_of(x->var, x->norm, w->folded, w->len, parts, n, w->stem, &x->vbuf)) return;
  size_t lines = 1;
  for (size_t i = 0; i < x->vbuf.len; i++) lines += x->vbuf.data[i] == '\n';
  w->variants = arena_alloc(&x->arena, lines * sizeof *w->variants);
  for (char *t = x->vbuf.data, *e; t && *t && w->n_variants < 255; t = e ? e + 1 : NULL) {
    e = strchr(t, '\n');
    if (e) *e = '\0';
    if (strcmp(t, w->stem)) w->variants[w->n_variants++] = term_get(x, t);
  }
}

/* ---- pass 1: scan ---- */

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
  const char *role = p->type->roles.number;
  const Value *v = role ? page_value(p, role) : NULL;
  if (!v) return;
  if (v->kind == VAL_STR) buf_printf(out, "%s ", v->str);
  for (size_t k = 0; v->kind == VAL_LIST && k < v->n; k++)
    if (v->items[k].kind == VAL_STR) buf_printf(out, "%s ", v->items[k].str);
}

/* One field's text: the body as it is, the small fields put together in
 * scratch. Sets *len. */
static const char *field_text(const Page *p, int f, Buf *scratch, size_t *len) {
  if (f == F_BODY) {
    *len = p->text ? strlen(p->text) : 0;
    return p->text;
  }
  buf_clear(scratch);
  if (f == F_NUM) numbers_text(p, scratch);
  if (f == F_TITLE) {
    buf_puts(scratch, p->title);
    const char *role = p->type->roles.abbreviation;
    const Value *ab = role ? page_value(p, role) : NULL;
    if (ab && ab->kind == VAL_STR) buf_printf(scratch, " %s", ab->str);
  }
  for (size_t i = 0; f == F_HEAD && i < p->n_toc; i++) buf_printf(scratch, "%s\n", p->toc[i].text);
  if (f == F_SUM) buf_puts(scratch, p->summary);
  if (f == F_TAGS) tags_text(p, scratch);
  *len = scratch->len;
  return scratch->data;
}

/* The token's word: one table lookup, learning the word if it is new. */
static Word *word_get(Ix *x, const Token *t) {
  if ((x->words.len + 1) * 4 > x->words.cap * 3) word_table_grow(x);
  uint64_t h = word_hash(t->folded, t->len);
  WordSlot *sl = word_slot(x, t->folded, t->len, h);
  if (sl->tag) return x->word[sl->id];
  Word *w = word_new(x, t);
  *sl = (WordSlot){word_tag(h), w->id};
  x->words.len++;
  return w;
}

static void scan_token(const Token *t, void *ctx) {
  Ix *x = ctx;
  Word *w = word_get(x, t);
  w->count++;
  buf_grow(&x->stream, 5);
  uint32_t v = w->id << 1 | (t->abbreviation != 0);
  x->stream.len += put_varint((uint8_t *)x->stream.data + x->stream.len, v);
  x->lens[(size_t)x->page * N_FIELDS + (size_t)x->field]++;
}

/* Tokenises every page once: the vocabulary, the token stream and the
 * field lengths with their averages. */
static void scan_pages(Ix *x, const Site *s) {
  x->lens = xcalloc((s->n_pages + 1) * N_FIELDS, sizeof *x->lens);
  Buf scratch = BUF_INIT;
  unsigned n = 0;
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    if (!searchable(x->spec, p)) continue;
    x->page = n;
    for (int f = 0; f < N_FIELDS; f++) {
      size_t len;
      const char *text = field_text(p, f, &scratch, &len);
      x->field = f;
      if (len) normalize_text(x->norm, text, len, scan_token, x);
      x->avg[f] += x->lens[(size_t)n * N_FIELDS + (size_t)f];
    }
    n++;
  }
  for (int f = 0; f < N_FIELDS; f++) x->avg[f] = n ? x->avg[f] / n : 1;
  x->n_pages = n;
  buf_free(&scratch);
  free(x->words.slot); /* the stream numbers the words from here on */
  x->words = (WordTable){0};
}

/* ---- passes 2 and 3: count and fill ---- */

static void count(Ix *x, STerm *e) {
  if (e->cur_page == (int32_t)x->page) return;
  e->cur_page = (int32_t)x->page;
  e->size += (uint32_t)(varint_len(x->page - e->last) + SCORE_BYTES);
  e->last = x->page;
  e->df++;
}

static void add(Ix *x, STerm *e, int part) {
  if (!x->filling) {
    count(x, e);
    return;
  }
  if (e->cur_page != (int32_t)x->page) {
    e->cur_page = (int32_t)x->page;
    e->cur_tf = 0;
    if (x->n_touched == x->cap_touched)
      x->touched = grow_array(x->touched, &x->cap_touched, sizeof *x->touched);
    x->touched[x->n_touched++] = e;
  }
  e->cur_tf += x->inc[x->field][part];
}

/* Adjacent title words also form a pair term ("menn helse"), so a query
 * that repeats a title's wording ranks that page first. */
static void title_pair(Ix *x, const char *stem) {
  if (x->prev.len) {
    buf_putc(&x->prev, ' ');
    buf_puts(&x->prev, stem);
    add(x, term_get(x, x->prev.data), 0);
  }
  buf_clear(&x->prev);
  buf_puts(&x->prev, stem);
}

/* The surface form a term is shown and typo-matched as: the word most often
 * written for it (the first such in page order on a tie). */
static void note_surface(const Ix *x, STerm *e, const char *word, uint32_t n) {
  if (x->filling) return;
  e->is_word = 1;
  if (!e->surface || n > e->surface_n) {
    e->surface = word;
    e->surface_n = n;
  }
}

static void index_token(Ix *x, Word *w, int abbreviation) {
  if (!w->term) w->term = term_get(x, w->stem);
  add(x, w->term, 0);
  if (abbreviation && w->stem_differs) {
    if (!w->abbr) w->abbr = term_get(x, w->folded);
    add(x, w->abbr, 0);
    if (!w->is_number) note_surface(x, w->abbr, w->folded, w->count);
  }
  if (x->field == F_TITLE) title_pair(x, w->stem);
  if (w->is_number) return;
  note_surface(x, w->term, w->folded, w->count);
  if (!w->variant_done) find_variant(x, w);
  for (int i = 0; i < w->n_variants; i++) add(x, w->variants[i], 2);
  if (!w->parts_done) find_parts(x, w);
  for (int i = 0; i < w->n_parts; i++) {
    add(x, w->parts[i], 1);
    if (w->part_surface[i]) note_surface(x, w->parts[i], w->part_surface[i], 0);
  }
}

/* BM25F's per-token tf in each field of the current page, computed as the
 * per-token sum always was so the float sums come out the same. */
static void page_weights(Ix *x) {
  for (int f = 0; f < N_FIELDS; f++) {
    double len = x->lens[(size_t)x->page * N_FIELDS + (size_t)f];
    double norm = 1 - bnorm[f] + bnorm[f] * (x->avg[f] > 0 ? len / x->avg[f] : 1);
    x->inc[f][0] = (float)(1.0 * weight[f] / norm);
    x->inc[f][1] = (float)(PART_WEIGHT * weight[f] / norm);
    x->inc[f][2] = (float)(VARIANT_WEIGHT * weight[f] / norm);
  }
}

/* The page's postings, final: its gap from the term's previous page and
 * its score. */
static void write_postings(Ix *x) {
  for (size_t k = 0; k < x->n_touched; k++) {
    STerm *e = x->touched[k];
    double tf = e->cur_tf;
    long score = lround(100.0 * e->idf * tf * (K1 + 1) / (tf + K1));
    if (score < 1) score = 1;
    uint8_t *p = x->pool + e->off + e->size;
    size_t n = put_varint(p, x->page - e->last);
    p[n] = (uint8_t)(score & 0xFF);
    p[n + 1] = (uint8_t)(score >> 8);
    e->size += (uint32_t)(n + SCORE_BYTES);
    e->last = x->page;
  }
}

static void replay(Ix *x, int filling) {
  const uint8_t *s = (const uint8_t *)x->stream.data;
  size_t at = 0;
  x->filling = filling;
  for (x->page = 0; x->page < x->n_pages; x->page++) {
    x->n_touched = 0;
    if (filling) page_weights(x);
    for (int f = 0; f < N_FIELDS; f++) {
      x->field = f;
      buf_clear(&x->prev);
      for (uint32_t k = x->lens[(size_t)x->page * N_FIELDS + (size_t)f]; k > 0; k--) {
        uint32_t v = get_varint(s, &at);
        index_token(x, x->word[v >> 1], (int)(v & 1));
      }
    }
    if (filling) write_postings(x);
  }
}

/* Between count and fill: each term's slice of the pool and its idf. */
static void layout_postings(Ix *x) {
  size_t total = 0;
  for (size_t i = 0; i < x->n_all; i++) {
    STerm *e = x->all[i];
    e->off = total;
    total += e->size;
    e->size = 0;
    e->last = 0;
    e->cur_page = -1;
    e->idf = log(1.0 + ((double)x->n_pages - (double)e->df + 0.5) / ((double)e->df + 0.5));
  }
  x->pool = xmalloc(total ? total : 1);
}

/* ---- writing ---- */

static int term_cmp(const void *a, const void *b) {
  return strcmp((*(STerm *const *)a)->term, (*(STerm *const *)b)->term);
}

/* First two code points of a term, hex-encoded: the shard name. */
static void shard_of(const char *term, Buf *out) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *s = (const unsigned char *)term;
  size_t n = 0;
  for (int cps = 0; s[n] && cps < 2; cps++) {
    n++;
    while (s[n] && (s[n] & 0xC0) == 0x80) n++;
  }
  for (size_t i = 0; i < n; i++) {
    buf_putc(out, hex[s[i] >> 4]);
    buf_putc(out, hex[s[i] & 0xF]);
  }
}

/* "term":[page gap,score,…] from the term's pool slice. */
static void put_postings(Buf *shard, const Ix *x, const STerm *t) {
  buf_put_json_string(shard, t->term);
  buf_putc(shard, ':');
  buf_putc(shard, '[');
  const uint8_t *p = x->pool + t->off;
  size_t at = 0;
  for (uint32_t k = 0; k < t->df; k++) {
    if (k) buf_putc(shard, ',');
    buf_put_uint(shard, get_varint(p, &at));
    buf_putc(shard, ',');
    buf_put_uint(shard, (unsigned)p[at] | (unsigned)p[at + 1] << 8);
    at += SCORE_BYTES;
  }
  buf_putc(shard, ']');
}

static void write_terms(Ix *x, EmitFn emit, void *ctx, SearchStats *st, Buf *manifest_shards) {
  size_t n = x->n_all;
  STerm **all = x->all;
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
      buf_printf(&path, "t/%s.json", cur.data);
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
    /* postings are in page order; pages are written as differences from
     * the previous one, which keeps the numbers small and compresses well */
    put_postings(&shard, x, all[i]);
    st->terms++;
    st->postings += all[i]->df;
  }
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

static int strp_cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* <search>/ord.json: one written word per term, sorted. The client loads it only
 * when a query word is not in its shard: to correct a typo in the first two
 * letters, to split a compound the user typed, and for "Mente du …?". */
static void write_vocabulary(const Ix *x, EmitFn emit, void *ctx, SearchStats *st) {
  const char **w = xmalloc((x->n_all + 1) * sizeof *w);
  size_t n = 0;
  for (size_t i = 0; i < x->n_all; i++)
    if (x->all[i]->is_word && x->all[i]->surface) w[n++] = x->all[i]->surface;
  qsort(w, n, sizeof *w, strp_cmp);
  Buf b = BUF_INIT;
  buf_putc(&b, '[');
  for (size_t i = 0; i < n; i++) {
    if (i && !strcmp(w[i], w[i - 1])) continue;
    if (b.len > 1) buf_putc(&b, ',');
    buf_put_json_string(&b, w[i]);
  }
  buf_puts(&b, "]\n");
  emit_buf(emit, ctx, st, "ord.json", &b);
  buf_free(&b);
  free(w);
}

/* Plain text cut at a word boundary near `max` bytes. */
static void put_excerpt(Buf *out, const char *text, size_t max) {
  size_t n = strlen(text);
  if (n > max) {
    n = max;
    while (n > 0 && text[n] != ' ') n--;
  }
  buf_put_json_n(out, text, n);
}

/* A field's label as readers see it: its label, or its name with a capital. */
static void put_label(Buf *b, const Field *f) {
  if (f->label) { buf_put_json_string(b, f->label); return; }
  Buf t = BUF_INIT;
  buf_puts(&t, f->name);
  unsigned char *c = (unsigned char *)t.data;
  if (c[0] >= 'a' && c[0] <= 'z') c[0] -= 32;
  else if (c[0] == 0xC3 && c[1] >= 0xA0 && c[1] <= 0xBE && c[1] != 0xB7) c[1] -= 0x20; /* æ ø å … */
  buf_put_json_string(b, t.data);
  buf_free(&t);
}

/* "m":[[label, value], …]: the values of site.lua's search.result_fields the
 * page has (status, date, …), shown with the hit. */
static void put_result_fields(Buf *b, const Ix *x, const Page *p, Buf *tmp) {
  const Config *cfg = &x->site->cfg;
  int any = 0;
  for (size_t i = 0; i < cfg->n_result_fields; i++) {
    const Field *f = type_field(p->type, cfg->result_fields[i]);
    const Value *v = f ? page_value(p, f->name) : NULL;
    /* a parallel language shows the fields its labels name in it */
    const char *label = x->spec->lang ? x->spec->result_labels[i] : NULL;
    if (!v || (x->spec->lang && !label)) continue;
    buf_clear(tmp);
    if (v->kind == VAL_STR) buf_puts(tmp, v->str);
    else if (v->kind == VAL_INT) buf_printf(tmp, "%lld", v->num);
    for (size_t k = 0; v->kind == VAL_LIST && k < v->n; k++)
      if (v->items[k].kind == VAL_STR) buf_printf(tmp, "%s%s", tmp->len ? ", " : "", v->items[k].str);
    if (!tmp->len) continue;
    buf_puts(b, any ? ",[" : ",\"m\":[[");
    if (label) buf_put_json_string(b, label);
    else put_label(b, f);
    buf_putc(b, ',');
    buf_put_json_string(b, tmp->data);
    buf_putc(b, ']');
    any = 1;
  }
  if (any) buf_putc(b, ']');
}

/* b and tmp are the caller's, reused from page to page. */
static const char *type_name(const Ix *x, const Page *p) {
  return x->spec->type_names[p->type - x->site->cfg.types];
}

static void write_fragment(const Ix *x, const Page *p, unsigned id, EmitFn emit, void *ctx,
                           SearchStats *st, Buf *b, Buf *tmp) {
  buf_clear(b);
  buf_clear(tmp);
  buf_puts(b, "{\"u\":");
  buf_put_json_string(b, p->url);
  buf_puts(b, ",\"t\":");
  buf_put_json_string(b, p->title);
  buf_puts(b, ",\"y\":");
  buf_put_json_string(b, type_name(x, p));
  numbers_text(p, tmp);
  if (tmp->len) {
    tmp->data[--tmp->len] = '\0';
    buf_puts(b, ",\"n\":");
    buf_put_json_string(b, tmp->data);
  }
  put_result_fields(b, x, p, tmp);
  buf_puts(b, ",\"s\":");
  buf_put_json_string(b, p->summary);
  buf_puts(b, ",\"x\":");
  put_excerpt(b, p->text ? p->text : "", EXCERPT_CHARS);
  buf_puts(b, "}\n");
  char path[40];
  snprintf(path, sizeof path, "p/%u.json", id);
  emit_buf(emit, ctx, st, path, b);
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

/* The type facet; the taxonomies in the site's own tree only (their values
 * are words of the site's language). */
static void page_facets(Ix *x, const Collections *c, Facet *facets, const Page *p, unsigned id) {
  Arena *a = &x->arena;
  facet_add(a, &facets[0], x->spec->lang ? type_name(x, p) : p->type->title, id);
  for (size_t k = 0; !x->spec->lang && k < c->n_tax; k++)
    for (size_t j = 0; j < p->type->n_fields; j++) {
      const Value *v = p->fields[j];
      if (!v || !p->type->fields[j].taxonomy || strcmp(p->type->fields[j].taxonomy, c->tax[k].tax->name))
        continue;
      if (v->kind == VAL_STR) facet_add(a, &facets[k + 1], v->str, id);
      for (size_t m = 0; v->kind == VAL_LIST && m < v->n; m++)
        if (v->items[m].kind == VAL_STR) facet_add(a, &facets[k + 1], v->items[m].str, id);
    }
}

static int str_cmp(const void *a, const void *b) {
  return nb_collate(*(const char *const *)a, *(const char *const *)b);
}

static void write_facet(Facet *f, EmitFn emit, void *ctx, SearchStats *st) {
  const char **keys = xmalloc((f->values.len + 1) * sizeof *keys);
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
  buf_printf(&path, "f/%s.json", f->name);
  emit_buf(emit, ctx, st, path.data, &b);
  buf_free(&b);
  buf_free(&path);
  free(keys);
  strmap_free(&f->values);
}

/* Each page's fragment, and its facet values. */
static void write_pages(Ix *x, const Collections *c, Facet *facets, EmitFn emit, void *ctx,
                        SearchStats *st) {
  const Site *s = x->site;
  Buf b = BUF_INIT, tmp = BUF_INIT;
  unsigned id = 0;
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    if (!searchable(x->spec, p)) continue;
    page_facets(x, c, facets, p, id);
    write_fragment(x, p, id, emit, ctx, st, &b, &tmp);
    id++;
  }
  buf_free(&b);
  buf_free(&tmp);
}

static void write_manifest(const Ix *x, const Collections *c, Facet *facets, size_t n_facets,
                           EmitFn emit, void *ctx, SearchStats *st, const Buf *shards) {
  Buf man = BUF_INIT;
  buf_printf(&man, "{\"v\":1,\"pages\":%u,\"language\":", x->n_pages);
  buf_put_json_string(&man, x->spec->lang ? x->spec->lang->code : x->site->cfg.language);
  buf_puts(&man, ",\"stemmer\":");
  buf_put_json_string(&man, x->spec->stemmer);
  buf_puts(&man, ",\"stop\":");
  buf_put_json_string(&man, x->spec->stopwords ? x->spec->stopwords : "");
  buf_puts(&man, ",\"facets\":[");
  for (size_t i = 0; i < n_facets; i++) {
    const char *title = i == 0 ? x->spec->content_type : c->tax[i - 1].tax->title;
    buf_printf(&man, "%s{\"name\":", i ? "," : "");
    buf_put_json_string(&man, facets[i].name);
    buf_puts(&man, ",\"title\":");
    buf_put_json_string(&man, title);
    buf_putc(&man, '}');
    write_facet(&facets[i], emit, ctx, st);
  }
  buf_puts(&man, "],\"synonyms\":[");
  const Config *cfg = &x->site->cfg;
  /* site.lua's synonyms are words of the site's language */
  for (size_t i = 0; !x->spec->lang && i < cfg->n_synonyms; i++) {
    const SynonymGroup *g = &cfg->synonyms[i];
    buf_puts(&man, i ? ",{\"w\":[" : "{\"w\":[");
    for (size_t k = 0; k < g->n; k++) {
      if (k) buf_putc(&man, ',');
      buf_put_json_string(&man, g->words[k]);
    }
    buf_puts(&man, g->one_way ? "],\"one_way\":true}" : "]}");
  }
  buf_printf(&man, "],\"shards\":[%s]}\n", buf_str(shards));
  emit_buf(emit, ctx, st, "index.json", &man);
  buf_free(&man);
}

/* Builds the postings: scan, count, fill. What each pass no longer needs
 * is freed as soon as it is done, to keep the peak low. */
static void build_postings(Ix *x, const Site *s) {
  /* Stems come from the Word cache; the normaliser only splits and folds. */
  normalize_set_counting(x->norm, 1);
  scan_pages(x, s);
  replay(x, 0);
  decompound_free(&x->dc); /* every word's parts are known now */
  layout_postings(x);
  replay(x, 1);
  buf_free(&x->stream);
  free(x->lens);
  x->lens = NULL;
  strmap_free(&x->terms);
}

/* Every file of the index goes below site.lua's paths.search. */
typedef struct {
  EmitFn emit;
  void *ctx;
  const char *dir;
  Buf path;
} Below;

static void emit_below(void *ctx, const char *rel, const char *data, size_t len) {
  Below *b = ctx;
  buf_clear(&b->path);
  buf_printf(&b->path, "%s/%s", b->dir, rel);
  b->emit(b->ctx, b->path.data, data, len);
}

/* Builds one index. Returns 0, or -1 when libstemmer has no such stemmer. */
static int build_one(const Site *s, const Collections *c, const IndexSpec *sp, EmitFn to, void *to_ctx,
                     SearchStats *st) {
  Below below = {to, to_ctx, sp->dir, BUF_INIT};
  EmitFn emit = emit_below;
  void *ctx = &below;
  Ix x = {.site = s, .spec = sp};
  x.norm = normalizer_new(sp->stemmer, sp->stopwords);
  if (!x.norm) {
    const Language *l = sp->lang ? sp->lang : &s->cfg.languages[0];
    diag_error("site.lua", l->pos.line, l->pos.col, "search: no stemmer '%s' for language '%s' "
               "(set search = { stemmer = \"…\" } in its entry in languages: one of libstemmer's, "
               "such as \"english\" or \"norwegian\")", sp->stemmer, l->code);
    buf_free(&below.path);
    return -1;
  }
  x.var = variants_new(x.norm, sp->variants, sp->n_variants);
  build_postings(&x, s);
  variants_free(x.var);
  buf_free(&x.vbuf);
  size_t n_facets = sp->lang ? 1 : c->n_tax + 1;
  Facet *facets = xcalloc(n_facets + 1, sizeof *facets);
  facets[0].name = "type";
  for (size_t i = 1; i < n_facets; i++) facets[i].name = c->tax[i - 1].tax->name;
  unsigned long before = st->pages;
  write_pages(&x, c, facets, emit, ctx, st);
  st->pages = before + x.n_pages;
  Buf shards = BUF_INIT;
  write_terms(&x, emit, ctx, st, &shards);
  write_vocabulary(&x, emit, ctx, st);
  write_manifest(&x, c, facets, n_facets, emit, ctx, st, &shards);
  buf_free(&shards);
  free(facets);
  free(x.pool);
  free(x.all);
  free(x.word);
  free(x.touched);
  normalizer_free(x.norm);
  buf_free(&x.prev);
  arena_free(&x.arena);
  buf_free(&below.path);
  return 0;
}

/* Appends the words of `words` (separated by any white space) to out,
 * one space apart. */
static void put_words(Buf *out, const char *words) {
  for (const char *p = words; p && *p;) {
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') p++;
    const char *e = p;
    while (*e && *e != ' ' && *e != '\n' && *e != '\t' && *e != '\r') e++;
    if (e > p) {
      if (out->len) buf_putc(out, ' ');
      buf_put(out, p, (size_t)(e - p));
    }
    p = e;
  }
}

/* The site's own tree: read with its language's analysis, and the stop
 * words of every written form published in place (bokmål and nynorsk
 * pages stand side by side). */
static void own_spec(const Site *s, IndexSpec *sp) {
  const Config *cfg = &s->cfg;
  const SearchAnalysis *a = &cfg->languages[0].search;
  *sp = (IndexSpec){.dir = cfg->paths.search, .stemmer = a->stemmer, .compounds = a->compounds,
                    .content_type = a->content_type, .type_names = a->type_names};
  size_t pairs = 0;
  for (size_t i = 0; i < cfg->n_languages; i++)
    if (!cfg->languages[i].prefix) pairs += cfg->languages[i].search.n_variants;
  sp->variants = xmalloc((2 * pairs + 1) * sizeof *sp->variants);
  for (size_t i = 0; i < cfg->n_languages; i++) {
    const SearchAnalysis *la = &cfg->languages[i].search;
    if (cfg->languages[i].prefix) continue;
    put_words(&sp->stop_buf, la->stopwords);
    memcpy(sp->variants + 2 * sp->n_variants, la->variants, 2 * la->n_variants * sizeof *la->variants);
    sp->n_variants += la->n_variants;
  }
  sp->stopwords = buf_str(&sp->stop_buf);
}


int search_index_build(const Site *s, const Collections *c, EmitFn to, void *to_ctx, SearchStats *st) {
  memset(st, 0, sizeof *st);
  IndexSpec own;
  own_spec(s, &own);
  int rc = build_one(s, c, &own, to, to_ctx, st);
  buf_free(&own.stop_buf);
  free(own.variants);
  for (size_t i = 1; rc == 0 && i < s->cfg.n_languages; i++) {
    const Language *l = &s->cfg.languages[i];
    if (!l->prefix) continue;
    const SearchAnalysis *a = &l->search;
    IndexSpec sp = {.lang = l, .dir = a->dir, .stemmer = a->stemmer,
                    .compounds = a->compounds, .content_type = a->content_type,
                    .type_names = a->type_names, .result_labels = a->result_labels,
                    .variants = a->variants, .n_variants = a->n_variants};
    put_words(&sp.stop_buf, a->stopwords);
    sp.stopwords = buf_str(&sp.stop_buf);
    rc = build_one(s, c, &sp, to, to_ctx, st);
    buf_free(&sp.stop_buf);
  }
  return rc;
}