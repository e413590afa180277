#include "normalize.h"
#include "strmap.h"
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

struct Normalizer {
  struct sb_stemmer *stemmer;
  Buf folded, stem;
};

/* Kept short on purpose: words that carry no meaning in a query. The same
 * list is in search.js. */
static const char *const stopwords[] = {
    "og", "i", "på", "for", "til", "av", "med", "som", "er", "en", "et", "ei", "det", "den", "de",
    "å", "at", "om", "har", "kan", "ble", "fra", "ved", "skal", "seg", "sin", "sitt", "sine",
    "eller", "ikke", "også", "etter", "enn", "dette", "disse", "blir", "vil", "var", "så", "da",
    "når", "hvor", "hva", "samt", "slik", "noe", "noen", "må", "bli", "vært", "være", "hadde",
    "deres", "dem", "der", "men", "mot", "bare", "nå", NULL};

int is_stopword(const char *w) {
  static StrMap set;
  if (!set.len)
    for (const char *const *s = stopwords; *s; s++) strmap_put(&set, *s, (void *)*s);
  return strmap_get(&set, w) != NULL;
}

Normalizer *normalizer_new(const char *language) {
  const char *algo = language;
  if (!strcmp(language, "nb") || !strcmp(language, "nn") || !strcmp(language, "no"))
    algo = "norwegian";
  struct sb_stemmer *st = sb_stemmer_new(algo, "UTF_8");
  if (!st) return NULL;
  Normalizer *n = calloc(1, sizeof *n);
  n->stemmer = st;
  return n;
}

void normalizer_free(Normalizer *n) {
  if (!n) return;
  sb_stemmer_delete(n->stemmer);
  buf_free(&n->folded);
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

static void encode(Buf *b, unsigned cp) {
  char out[4];
  int n;
  if (cp < 0x80) { out[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
  else if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
  } else {
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
  }
  buf_put(b, out, (size_t)n);
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

const char *normalize_stem(Normalizer *n, const char *w, size_t len, size_t *out_len) {
  const sb_symbol *s = sb_stemmer_stem(n->stemmer, (const sb_symbol *)w, (int)len);
  buf_clear(&n->stem);
  if (!s) { buf_put(&n->stem, w, len); }
  else buf_put(&n->stem, (const char *)s, (size_t)sb_stemmer_length(n->stemmer));
  if (out_len) *out_len = n->stem.len;
  return buf_str(&n->stem);
}

void normalize_text(Normalizer *n, const char *text, size_t len, TokenFn fn, void *ctx) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  while (i < len) {
    unsigned c;
    int l = decode(s + i, len - i, &c);
    if (!is_letter(c) && !is_digit(c)) { i += (size_t)l; continue; }
    size_t start = i;
    int uppers = 0, digits = 0, chars = 0;
    buf_clear(&n->folded);
    for (;;) {
      if (is_letter(c) || is_digit(c)) {
        uppers += is_upper(c);
        digits += is_digit(c);
        chars++;
        encode(&n->folded, fold(c));
        i += (size_t)l;
      } else if ((c == '.' || c == ',') && digits && i + 1 < len && is_digit(s[i + 1]) &&
                 is_digit(s[i - 1])) {
        encode(&n->folded, c); /* 3.14, 4.2.11, 239,6 */
        i += (size_t)l;
      } else {
        break;
      }
      if (i >= len) break;
      l = decode(s + i, len - i, &c);
    }
    if (chars < 2 && !digits) continue; /* single letters carry nothing */
    const char *f = buf_str(&n->folded);
    if (is_stopword(f)) continue;
    Token t = {.folded = f, .start = start, .end = i};
    t.is_number = digits > 0;
    t.abbreviation = uppers >= 2 && !digits;
    t.stem = t.is_number ? f : normalize_stem(n, f, n->folded.len, NULL);
    fn(&t, ctx);
  }
}
