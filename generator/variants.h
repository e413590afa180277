/* variants.h: the same word in another written form (bokmål and nynorsk),
 * general rather than word by word. A table of lexeme pairs (the theme's
 * search/nn.lua `variants`: { "tjeneste", "teneste" }, { "syk", "sjuk" }, …)
 * is applied to every word of the site in two places:
 *
 *  - at its beginning, as written: a word that starts with one of a pair
 *    (3+ letters, with 3+ letters after it) starts with the other instead:
 *    sjukeheimar -> sykeheimar, kvardagsrehabilitering -> hverdagsrehabilitering;
 *  - at the end of its stem: a stem that ends with the stem of one of a pair
 *    (4+ bytes) ends with the other's: helsetenest (helsetenesta) ->
 *    helsetjenest, the stem of helsetjenesten; sykeheim -> sykehjem;
 *  - inside a compound (split against the site's words, decompound.h): each
 *    part by its beginning, an inner part also by its end as written
 *    (vernepleiarutdanninga -> vernepleierutdanninga).
 *
 * So one pair covers every compound and inflection of its words, in both
 * directions; the search index adds the result as a term of the page
 * (search_index.c), so a bokmål query finds a nynorsk page and back. */
#ifndef VARDE_VARIANTS_H
#define VARDE_VARIANTS_H
#include "buf.h"
#include "decompound.h"
#include "normalize.h"
#include <stddef.h>

typedef struct Variants Variants;

/* pairs[2k] and pairs[2k + 1] are one word in two written forms (folded,
 * lower case). The stems come from n. NULL when there are no pairs. */
Variants *variants_new(Normalizer *n, const char *const *pairs, size_t n_pairs);
void variants_free(Variants *v);
/* The other written form's terms for a word: `folded` as written, its
 * compound parts (decompound.h; n_parts 0 when it is not a compound) and
 * `stem` its stem. A word that is one of a pair in any form (its stem is
 * the pair's word's) gets the other's stem, for each such pair. Else the
 * word's beginning, then each part after it changes at most once: an inner
 * part by its beginning or its end as written (vernepleiar|utdanninga: the
 * inner part ends with pleiar), the last part by its beginning, else the
 * stem by its end. Writes the terms to out, one a line, and returns 1 when
 * there is one that differs from stem. */
int variants_of(const Variants *v, Normalizer *n, const char *folded, size_t len, const Part *parts,
                int n_parts, const char *stem, Buf *out);
/* The same for a stem alone (a compound's part): the end rule only. */
int variants_of_stem(const Variants *v, const char *stem, Buf *out);

#endif
