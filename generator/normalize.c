#include "normalize.h"
#include "xalloc.h"
#include "strmap.h"
#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct Normalizer {
  struct sb_stemmer *stemmer;
  Buf stem;
  StrMap cache;             /* folded word -> stem; both malloc'd */
  int skip_stem;            /* tokens only (counting): stem is the folded form */
  /* The stop words, up to 8 bytes packed into integers in a small
   * open-addressing set: a token is one multiply and a compare or two away
   * from its answer, with no string compares. Longer ones (English has a
   * few) are in `long_stop`. */
  uint64_t *stop; size_t stop_mask;
  StrMap long_stop;         /* keys malloc'd */
};

enum { STOP_MAX = 8 };

static uint64_t pack(const char *w, size_t n) {
  uint64_t k = 0;
  memcpy(&k, w, n);
  return k;
}

static size_t stop_slot(uint64_t k, size_t mask) {
  return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 40) & mask;
}

static void stop_add(Normalizer *n, const char *w, size_t len) {
  if (len > STOP_MAX) {
    if (!strmap_get_n(&n->long_stop, w, len)) {
      char *k = xstrndup(w, len);
      strmap_put(&n->long_stop, k, k);
    }
    return;
  }
  uint64_t k = pack(w, len);
  size_t i = stop_slot(k, n->stop_mask);
  while (n->stop[i] && n->stop[i] != k) i = (i + 1) & n->stop_mask;
  n->stop[i] = k;
}

/* stopwords: words separated by spaces (or any white space). */
static void stop_init(Normalizer *n, const char *stopwords) {
  size_t words = 0;
  for (const char *p = stopwords; p && *p; p++) words += *p == ' ';
  size_t cap = 64;
  while (cap < 4 * (words + 1)) cap *= 2;
  n->stop = xcalloc(cap, sizeof *n->stop);
  n->stop_mask = cap - 1;
  for (const char *p = stopwords; p && *p;) {
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') p++;
    const char *e = p;
    while (*e && *e != ' ' && *e != '\n' && *e != '\t' && *e != '\r') e++;
    if (e > p) stop_add(n, p, (size_t)(e - p));
    p = e;
  }
}

static int stopword_n(const Normalizer *n, const char *w, size_t len) {
  if (len == 0) return 0;
  if (len > STOP_MAX) return n->long_stop.len && strmap_get_n(&n->long_stop, w, len) != NULL;
  uint64_t k = pack(w, len);
  for (size_t i = stop_slot(k, n->stop_mask); n->stop[i]; i = (i + 1) & n->stop_mask)
    if (n->stop[i] == k) return 1;
  return 0;
}

int normalizer_is_stopword(const Normalizer *n, const char *w) { return stopword_n(n, w, strlen(w)); }

Normalizer *normalizer_new(const char *stemmer, const char *stopwords) {
  const char *algo = stemmer;
  /* the written forms of Norwegian by their language codes, which
   * libstemmer knows only as "no" */
  if (!strcmp(stemmer, "nb") || !strcmp(stemmer, "nn")) algo = "norwegian";
  struct sb_stemmer *st = sb_stemmer_new(algo, "UTF_8");
  if (!st) return NULL;
  Normalizer *n = xcalloc(1, sizeof *n);
  n->stemmer = st;
  stop_init(n, stopwords);
  return n;
}

void normalizer_free(Normalizer *n) {
  if (!n) return;
  sb_stemmer_delete(n->stemmer);
  for (size_t i = 0; i < n->cache.cap; i++) {
    if (!n->cache.keys[i]) continue;
    free((char *)n->cache.keys[i]);
    free(n->cache.vals[i]);
  }
  strmap_free(&n->cache);
  for (size_t i = 0; i < n->long_stop.cap; i++) free((char *)n->long_stop.keys[i]);
  strmap_free(&n->long_stop);
  free(n->stop);
  buf_free(&n->stem);
  free(n);
}

/* Decodes one code point; returns its length (1 for a stray byte). */
static int decode(const unsigned char *s, size_t n, unsigned *cp) {
  if (s[0] < 0x80) { *cp = s[0]; return 1; }
  int len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
  if ((size_t)len > n) len = 1;
  if (len == 1) { *cp = 0xFFFD; return 1; }
  unsigned c = s[0] & (0xFF >> (len + 1));
  for (int i = 1; i < len; i++) c = (c << 6) | (s[i] & 0x3F);
  *cp = c;
  return len;
}

static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }
static int is_letter(unsigned c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000);
}
static int is_upper(unsigned c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
         (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) && !(c & 1)) ||
         (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && (c & 1));
}
static unsigned fold(unsigned c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (is_upper(c)) return c + 1;
  return c;
}

/* Snowball is the costly step and a site repeats its words: remember stems. */
static const char *cached_stem(Normalizer *n, const char *w, size_t len) {
  const char *hit = strmap_get(&n->cache, w);
  if (hit) return hit;
  size_t sl;
  const char *st = normalize_stem(n, w, len, &sl);
  char *k = xstrndup(w, len), *v = xstrndup(st, sl);
  strmap_put(&n->cache, k, v);
  return v;
}

void normalize_set_counting(Normalizer *n, int on) { n->skip_stem = on; }

const char *normalize_stem(Normalizer *n, const char *w, size_t len, size_t *out_len) {
  const sb_symbol *s = sb_stemmer_stem(n->stemmer, (const sb_symbol *)w, (int)len);
  buf_clear(&n->stem);
  if (!s) { buf_put(&n->stem, w, len); }
  else buf_put(&n->stem, (const char *)s, (size_t)sb_stemmer_length(n->stemmer));
  if (out_len) *out_len = n->stem.len;
  return buf_str(&n->stem);
}

/* Appends cp as UTF-8 to tok (which has room for 4 more bytes). */
static size_t put_cp(char *tok, size_t tl, unsigned cp) {
  if (cp < 0x80) { tok[tl++] = (char)cp; }
  else if (cp < 0x800) { tok[tl++] = (char)(0xC0 | (cp >> 6)); tok[tl++] = (char)(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    tok[tl++] = (char)(0xE0 | (cp >> 12)); tok[tl++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    tok[tl++] = (char)(0x80 | (cp & 0x3F));
  } else {
    tok[tl++] = (char)(0xF0 | (cp >> 18)); tok[tl++] = (char)(0x80 | ((cp >> 12) & 0x3F));
    tok[tl++] = (char)(0x80 | ((cp >> 6) & 0x3F)); tok[tl++] = (char)(0x80 | (cp & 0x3F));
  }
  return tl;
}

enum { MAX_TOKEN = 256 }; /* longer runs are split; no word is that long */

/* Letters, digits and the upper-case letters among them, for one code
 * point. ASCII, nearly every byte of a Norwegian text, gets a short path
 * with the same answers as is_letter, is_digit, is_upper and fold. */
enum { C_LETTER = 1, C_DIGIT = 2, C_UPPER = 4 };

static int classify(unsigned c) {
  if (c < 0x80) {
    if (c - 'a' < 26) return C_LETTER;
    if (c - 'A' < 26) return C_LETTER | C_UPPER;
    return c - '0' < 10 ? C_DIGIT : 0;
  }
  return is_letter(c) ? C_LETTER | (is_upper(c) ? C_UPPER : 0) : 0;
}

static size_t put_folded(char *tok, size_t tl, unsigned c, int cls) {
  if (c < 0x80) {
    tok[tl] = (char)(cls & C_UPPER ? c + 32 : c);
    return tl + 1;
  }
  return put_cp(tok, tl, fold(c));
}

static int next_cp(const unsigned char *s, size_t len, size_t i, unsigned *c) {
  if (s[i] < 0x80) {
    *c = s[i];
    return 1;
  }
  return decode(s + i, len - i, c);
}

static int letter_at(const unsigned char *s, size_t len, size_t i) {
  unsigned c;
  next_cp(s, len, i, &c);
  return (classify(c) & C_LETTER) != 0;
}

void normalize_text(Normalizer *n, const char *text, size_t len, TokenFn fn, void *ctx) {
  const unsigned char *s = (const unsigned char *)text;
  char tok[MAX_TOKEN + 8];
  size_t i = 0;
  while (i < len) {
    unsigned c;
    int l = next_cp(s, len, i, &c);
    int cls = classify(c);
    if (!cls) { i += (size_t)l; continue; }
    size_t start = i, tl = 0;
    int uppers = 0, digits = 0, chars = 0;
    for (;;) {
      if (cls) {
        uppers += (cls & C_UPPER) != 0;
        digits += (cls & C_DIGIT) != 0;
        chars++;
        tl = put_folded(tok, tl, c, cls);
        i += (size_t)l;
      } else if ((c == '.' || c == ',') && digits && i + 1 < len && is_digit(s[i + 1]) &&
                 is_digit(s[i - 1])) {
        tok[tl++] = '.'; /* 3.14, 4.2.11; 3,17 and 239,6 read as 3.17 and 239.6 */
        i += (size_t)l;
      } else if (c == '-' && chars == 1 && !digits && i + 1 < len && letter_at(s, len, i + 1)) {
        i += (size_t)l; /* e-helse, e-læring: one word, "ehelse", as people also type it */
      } else {
        break;
      }
      if (i >= len || tl >= MAX_TOKEN) break;
      l = next_cp(s, len, i, &c);
      cls = classify(c);
    }
    tok[tl] = '\0';
    if (chars < 2 && !digits) continue; /* single letters carry nothing */
    if (stopword_n(n, tok, tl)) continue;
    Token t = {.folded = tok, .len = tl, .start = start, .end = i};
    t.is_number = digits > 0;
    t.abbreviation = uppers >= 2 && !digits;
    t.stem = t.is_number || n->skip_stem ? tok : cached_stem(n, tok, tl);
    fn(&t, ctx);
  }
}
