/* normalize.h: text to search terms, identically at build time and in the
 * browser (themes/standard/assets/search.js ports this file; the test
 * tests/browser/normalize.test.mjs checks both agree on the whole
 * vocabulary of the site).
 *
 * Tokens are runs of letters and digits; digits joined by '.' or ',' stay
 * one token ("3.14"; "239,6" is read as "239.6"). Case is folded (ASCII, Latin-1, Latin
 * Extended-A). Stop words (the language's, from its search analysis) are
 * dropped. Words are stemmed with the language's Snowball stemmer
 * (libstemmer); tokens with digits are not, and an
 * abbreviation written with two or more capitals (USHT, KoRus) is kept whole
 * and also indexed under its stem, so both "KoRus" and "korus" find it. */
#ifndef VARDE_NORMALIZE_H
#define VARDE_NORMALIZE_H
#include "buf.h"
#include <stddef.h>

typedef struct Normalizer Normalizer;

typedef struct {
  const char *folded;       /* case-folded surface form */
  size_t len;               /* bytes of folded */
  const char *stem;         /* the term to index/look up */
  int abbreviation;         /* written with 2+ capitals: folded is a term too */
  int is_number;
  size_t start, end;        /* byte offsets in the input */
} Token;

/* stemmer: a Snowball algorithm name or language code libstemmer knows
 * ("norwegian", "english", "no", "en"; "nb" and "nn" are read as
 * Norwegian). stopwords: the words to leave out, separated by spaces (NULL:
 * none). NULL if libstemmer has no such stemmer. */
Normalizer *normalizer_new(const char *stemmer, const char *stopwords);
void normalizer_free(Normalizer *n);
/* Calls fn for each token of text (stop words skipped). Strings passed to fn
 * are valid only during the call. */
typedef void (*TokenFn)(const Token *t, void *ctx);
void normalize_text(Normalizer *n, const char *text, size_t len, TokenFn fn, void *ctx);
/* Stem of one folded word (buffer valid until the next call). */
const char *normalize_stem(Normalizer *n, const char *folded, size_t len, size_t *out_len);
int normalizer_is_stopword(const Normalizer *n, const char *folded);
/* While on, tokens are not stemmed (stem == folded): for counting lengths. */
void normalize_set_counting(Normalizer *n, int on);

#endif
