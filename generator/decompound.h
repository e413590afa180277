/* decompound.h: splits Norwegian compounds against the site's own
 * vocabulary ("helsestasjonstjenesten" -> helsestasjon|s|tjenesten), so a
 * search for a part ("tjeneste") finds the whole. A part must be a word of
 * the vocabulary or the stem of one, at least 4 bytes long; a linking -s- or
 * -e- may sit between parts. The split with the fewest parts wins. */
#ifndef VARDE_DECOMPOUND_H
#define VARDE_DECOMPOUND_H
#include "normalize.h"
#include "strmap.h"

typedef struct {
  StrMap known;             /* folded words and their stems; keys owned by `pool` */
  Buf pool;                 /* unused; keys are interned by the caller */
} Decompounder;

enum { DECOMPOUND_MAX_PARTS = 6 };

typedef struct {
  size_t start, end;        /* byte range of the part in the word (no linking letter) */
} Part;

/* Adds a known word (key must outlive the decompounder). */
void decompound_learn(Decompounder *d, const char *word);
/* Splits word into parts; returns the number of parts (0 when it is not a
 * compound of known words). */
int decompound(const Decompounder *d, const char *word, size_t len, Part *parts);
void decompound_free(Decompounder *d);

#endif
