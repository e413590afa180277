#include "normalize.h"
#include "xalloc.h"
#include "strmap.h"
#include <libstemmer.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct Normalizer {
  struct sb_stemmer *stemmer;
  Buf stem;
  StrMap cache;             /* folded word -> stem; both malloc'd */
  int skip_stem;            /* tokens only (counting): stem is the folded form */
};

/* Kept short on purpose: words that carry no meaning in a query. The second
 * half are the question and filler words people type around what they look
 * for ("hvordan får jeg …", "hva er …"): left in, they would make a query
 * require words no page is about. Last, the nynorsk forms of such words,
 * since a page may be written in either form. The same list is in search.js. */
static const char *const stopwords[] = {
    "og", "i", "på", "for", "til", "av", "med", "som", "er", "en", "et", "ei", "det", "den", "de",
    "å", "at", "om", "har", "kan", "ble", "fra", "ved", "skal", "seg", "sin", "sitt", "sine",
    "eller", "ikke", "også", "etter", "enn", "dette", "disse", "blir", "vil", "var", "så", "da",
    "når", "hvor", "hva", "samt", "slik", "noe", "noen", "må", "bli", "vært", "være", "hadde",
    "deres", "dem", "der", "men", "mot", "bare", "nå",
    "hvordan", "hvorfor", "hvem", "hvilke", "hvilken", "hvilket", "hvis", "får", "få", "fikk",
    "jeg", "meg", "min", "mitt", "mine", "vi", "oss", "du", "deg", "man", "finnes", "fins",
    "gjør", "gjøre", "mange", "mye", "hos", "inn", "ut",
    /* the same words in nynorsk, which pages may be written in */
    "ikkje", "eg", "dei", "desse", "kva", "korleis", "kvifor", "kven", "kvar", "frå", "òg",
    "berre", "vere", "vore", "vart", "då", "noko", "nokon", "nokre", "eit", "ein", "mykje",
    "hjå", "sidan", "medan", NULL};

/* The stop words packed into integers (all are at most 8 bytes) in a small
 * open-addressing set: a token is one multiply and a compare or two away
 * from its answer, with no string compares. Filled once, on whichever
 * thread asks first (the search index runs beside the renderers). */
enum { STOP_MAX = 8, STOP_SLOTS = 256 };
static uint64_t stop_set[STOP_SLOTS]; /* 0: empty (no word packs to 0) */
_Static_assert(sizeof stopwords / sizeof *stopwords <= STOP_SLOTS / 2, "stop word set too full");
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static uint64_t pack(const char *w, size_t n) {
  uint64_t k = 0;
  memcpy(&k, w, n);
  return k;
}

static size_t stop_slot(uint64_t k) { return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 56); }

static void stop_init(void) {
  for (const char *const *s = stopwords; *s; s++) {
    uint64_t k = pack(*s, strlen(*s));
    size_t i = stop_slot(k);
    while (stop_set[i]) i = (i + 1) & (STOP_SLOTS - 1);
    stop_set[i] = k;
  }
}

static int stopword_n(const char *w, size_t n) {
  if (n == 0 || n > STOP_MAX) return 0;
  pthread_once(&stop_once, stop_init);
  uint64_t k = pack(w, n);
  for (size_t i = stop_slot(k); stop_set[i]; i = (i + 1) & (STOP_SLOTS - 1))
    if (stop_set[i] == k) return 1;
  return 0;
}

int is_stopword(const char *w) { return stopword_n(w, strnlen(w, STOP_MAX + 1)); }

Normalizer *normalizer_new(const char *language) {
  const char *algo = language;
  if (!strcmp(language, "nb") || !strcmp(language, "nn") || !strcmp(language, "no"))
    algo = "norwegian";
  struct sb_stemmer *st = sb_stemmer_new(algo, "UTF_8");
  if (!st) return NULL;
  Normalizer *n = xcalloc(1, sizeof *n);
  n->stemmer = st;
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
    if (tl <= STOP_MAX && stopword_n(tok, tl)) continue; /* stop words are short */
    Token t = {.folded = tok, .len = tl, .start = start, .end = i};
    t.is_number = digits > 0;
    t.abbreviation = uppers >= 2 && !digits;
    t.stem = t.is_number || n->skip_stem ? tok : cached_stem(n, tok, tl);
    fn(&t, ctx);
  }
}
