#include "variants.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Short words would turn up inside unrelated ones: a beginning needs 3
 * letters of the pair's word and 3 more of the word's own; an end the stem
 * of 4 bytes. */
enum { MIN_START = 3, MIN_REST = 3, MIN_END = 4 };

typedef struct {
  char *from, *to;
  size_t from_len, order;
} Rule;

/* Rules in buckets by the byte a word is matched on (the first for a
 * beginning or a whole stem, the last for an end), longest first within a
 * bucket: a word looks at the few rules that can match it. */
typedef struct {
  Rule *r; size_t n;
  size_t at[257];           /* bucket b is r[at[b] .. at[b + 1]) */
  int by_last;
} Rules;

struct Variants {
  Rules start;              /* written beginnings */
  Rules end;                /* stems' ends */
  Rules part_end;           /* written ends of a compound's inner part */
  Rules whole;              /* stems of the pairs' words, each to the other's */
};

/* Characters (not bytes) in the n bytes of UTF-8 at s. */
static size_t chars(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

/* The first pair that names a word wins: a later one with the same word
 * (heime in { "hjemme", "heime" } after heim in { "hjem", "heim" }) adds
 * nothing. */
static void put_rule(Rules *rs, const char *from, const char *to) {
  rs->r = xrealloc(rs->r, (rs->n + 1) * sizeof *rs->r);
  rs->r[rs->n] = (Rule){xstrdup(from), xstrdup(to), strlen(from), rs->n};
  rs->n++;
}

static void add(Rules *rs, const char *from, const char *to) {
  for (size_t i = 0; i < rs->n; i++)
    if (!strcmp(rs->r[i].from, from)) return;
  put_rule(rs, from, to);
}

/* The same without the first-wins rule: a stem may lead to several. */
static void add_pair(Rules *rs, const char *from, const char *to) {
  for (size_t i = 0; i < rs->n; i++)
    if (!strcmp(rs->r[i].from, from) && !strcmp(rs->r[i].to, to)) return;
  put_rule(rs, from, to);
}

static unsigned char key(const Rules *rs, const char *s, size_t n) {
  return (unsigned char)(rs->by_last ? s[n - 1] : s[0]);
}

static int rule_cmp(const void *a, const void *b, void *rules) {
  const Rule *x = a, *y = b;
  unsigned char kx = key(rules, x->from, x->from_len), ky = key(rules, y->from, y->from_len);
  if (kx != ky) return kx < ky ? -1 : 1;
  if (x->from_len != y->from_len) return x->from_len < y->from_len ? 1 : -1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void bucket(Rules *rs, int last) {
  rs->by_last = last;
  if (rs->n) qsort_r(rs->r, rs->n, sizeof *rs->r, rule_cmp, rs);
  size_t i = 0;
  for (int b = 0; b <= 256; b++) {
    while (b < 256 && i < rs->n && key(rs, rs->r[i].from, rs->r[i].from_len) < b) i++;
    rs->at[b] = b < 256 ? i : rs->n;
  }
}

static void rules_free(Rules *rs) {
  for (size_t i = 0; i < rs->n; i++) {
    free(rs->r[i].from);
    free(rs->r[i].to);
  }
  free(rs->r);
}

Variants *variants_new(Normalizer *n, const char *const *pairs, size_t n_pairs) {
  if (!n_pairs) return NULL;
  Variants *v = xcalloc(1, sizeof *v);
  for (size_t i = 0; i < n_pairs; i++) {
    const char *w[2] = {pairs[2 * i], pairs[2 * i + 1]};
    char *st[2];
    for (int k = 0; k < 2; k++) st[k] = xstrdup(normalize_stem(n, w[k], strlen(w[k]), NULL));
    for (int k = 0; k < 2; k++) {
      if (chars(w[k], strlen(w[k])) >= MIN_START) add(&v->start, w[k], w[1 - k]);
      if (strlen(w[k]) >= MIN_END) add(&v->part_end, w[k], w[1 - k]);
      if (*st[k] && strcmp(st[k], st[1 - k])) add_pair(&v->whole, st[k], st[1 - k]);
      if (strlen(st[k]) >= MIN_END && strcmp(st[k], st[1 - k])) add(&v->end, st[k], st[1 - k]);
    }
    free(st[0]);
    free(st[1]);
  }
  bucket(&v->start, 0);
  bucket(&v->whole, 0);
  bucket(&v->end, 1);
  bucket(&v->part_end, 1);
  return v;
}

void variants_free(Variants *v) {
  if (!v) return;
  rules_free(&v->start);
  rules_free(&v->end);
  rules_free(&v->part_end);
  rules_free(&v->whole);
  free(v);
}

/* The stem with its end replaced by the other form's, into out; only
 * where the end starts at `from` or later (not in a part already changed). */
static int replace_end(const Variants *v, const char *stem, size_t len, size_t from, Buf *out) {
  if (!len) return 0;
  const Rules *rs = &v->end;
  unsigned char k = key(rs, stem, len);
  for (size_t i = rs->at[k]; i < rs->at[k + 1]; i++) {
    const Rule *r = &rs->r[i];
    if (r->from_len > len || len - r->from_len < from || memcmp(stem + len - r->from_len, r->from, r->from_len))
      continue;
    buf_clear(out);
    buf_put(out, stem, len - r->from_len);
    buf_puts(out, r->to);
    return 1;
  }
  return 0;
}

int variants_of_stem(const Variants *v, const char *stem, Buf *out) {
  return v && replace_end(v, stem, strlen(stem), 0, out);
}

/* A part p (n bytes, 3+ letters after a pair's word) that begins with one
 * of a pair: appended to t in the other form. Returns the bytes of t that
 * changed, up to the pair's word's end; 0 when none. */
static size_t put_start(const Variants *v, const char *p, size_t n, Buf *t) {
  if (!n) return 0;
  const Rules *rs = &v->start;
  unsigned char k = key(rs, p, n);
  for (size_t i = rs->at[k]; i < rs->at[k + 1]; i++) {
    const Rule *r = &rs->r[i];
    if (r->from_len > n || memcmp(p, r->from, r->from_len)) continue;
    if (chars(p + r->from_len, n - r->from_len) < MIN_REST) continue;
    buf_puts(t, r->to);
    size_t changed = t->len;
    buf_put(t, p + r->from_len, n - r->from_len);
    return changed;
  }
  return 0;
}

/* An inner part of a compound that ends with one of a pair (vernepleiar in
 * vernepleiarutdanninga): appended to t in the other form. */
static int put_part_end(const Variants *v, const char *p, size_t n, Buf *t) {
  if (!n) return 0;
  const Rules *rs = &v->part_end;
  unsigned char k = key(rs, p, n);
  for (size_t i = rs->at[k]; i < rs->at[k + 1]; i++) {
    const Rule *r = &rs->r[i];
    if (r->from_len > n || memcmp(p + n - r->from_len, r->from, r->from_len)) continue;
    buf_put(t, p, n - r->from_len);
    buf_puts(t, r->to);
    return 1;
  }
  return 0;
}

/* A word that is one of a pair, whatever its form (its stem is the pair's
 * word's stem, however short): the other's stem, appended to out, for each
 * pair with that stem (ledelse and leder are both "led"). */
static int whole_stem(const Variants *v, const char *stem, Buf *out) {
  int n = 0;
  if (!*stem) return 0;
  const Rules *rs = &v->whole;
  unsigned char k = key(rs, stem, strlen(stem));
  for (size_t i = rs->at[k]; i < rs->at[k + 1]; i++) {
    if (strcmp(rs->r[i].from, stem)) continue;
    if (out->len) buf_putc(out, '\n');
    buf_puts(out, rs->r[i].to);
    n++;
  }
  return n;
}

int variants_of(const Variants *v, Normalizer *n, const char *folded, size_t len, const Part *parts,
                int n_parts, const char *stem, Buf *out) {
  if (!v) return 0;
  buf_clear(out);
  if (whole_stem(v, stem, out)) return 1;
  /* the word's beginning (the longest pair's word it starts with), then
   * each part after it as written, the linking letters kept: inner parts by
   * their beginning or end, the last by its beginning; `fixed` is how much
   * of the new word was changed, which the stem's end rule must leave alone */
  Buf t = BUF_INIT;
  size_t at = 0, fixed = put_start(v, folded, len, &t);
  int changed = fixed > 0;
  if (changed) { /* the original's bytes the beginning took; the rest follows by parts */
    at = len - (t.len - fixed);
    t.len = fixed;
  }
  for (int i = 0; i < n_parts; i++) {
    if (parts[i].end <= at) continue;        /* inside the changed beginning */
    if (parts[i].start < at) {               /* the rest of a part it began */
      buf_put(&t, folded + at, parts[i].end - at);
      at = parts[i].end;
      continue;
    }
    buf_put(&t, folded + at, parts[i].start - at); /* a linking letter */
    const char *p = folded + parts[i].start;
    size_t pn = parts[i].end - parts[i].start;
    size_t begun = put_start(v, p, pn, &t);
    if (begun) {
      changed = 1;
      fixed = begun;
    } else if (i < n_parts - 1 && put_part_end(v, p, pn, &t)) {
      changed = 1;
      fixed = t.len;
    } else {
      buf_put(&t, p, pn);
    }
    at = parts[i].end;
  }
  buf_put(&t, folded + at, len - at);
  size_t st_len = strlen(stem);
  const char *st = changed ? normalize_stem(n, t.data, t.len, &st_len) : stem;
  if (!replace_end(v, st, st_len, fixed < st_len ? fixed : st_len, out)) {
    buf_clear(out);
    buf_put(out, st, st_len);
  }
  buf_free(&t);
  return out->len != strlen(stem) || memcmp(out->data, stem, out->len) != 0;
}
