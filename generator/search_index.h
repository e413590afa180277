/* search_index.h: the build-time search index under <out>/sok/.
 *
 *   sok/index.json       manifest: page count, shard names, facets
 *   sok/t/<hex>.json     terms whose first two characters are <hex> (UTF-8,
 *                        hex-encoded): {"term": [page gap, score, page gap, score, …]}
 *                        in page order, pages as gaps from the previous; scores BM25F ×100
 *   sok/p/<page>.json    one page: url, title, type, number, site.lua's
 *                        search.result_fields (status, date), summary, text
 *   sok/ord.json         the site's words, one written form per term, for the
 *                        client's typo, compound and "Mente du" look-ups
 *   (index.json also carries the analysis the client repeats: stemmer and
 *   stop words; and, in the site's own tree, site.lua's search.synonyms)
 *   sok/f/<facet>.json   {"value": [page gaps…]} for each facet
 *
 * A query fetches the manifest, one shard per query word, the fragments of
 * the results it shows, and the facets it filters on. Same input, same bytes. */
#ifndef VARDE_SEARCH_INDEX_H
#define VARDE_SEARCH_INDEX_H
#include "collections.h"
#include "content.h"

typedef void (*EmitFn)(void *ctx, const char *rel, const char *data, size_t len);

typedef struct {
  unsigned long pages, terms, postings, files;
  size_t bytes;
} SearchStats;

/* Builds and emits the indexes: the site's own tree under paths.search (its
 * language's analysis, with the stop words of every written form published
 * in place), and each language with a prefix under <prefix>/<its
 * search.path or paths.search> with its own analysis (themes' search/<code>.lua,
 * site.lua's languages[i].search). Returns 0, or -1 when libstemmer has no
 * stemmer a language asks for. */
int search_index_build(const Site *s, const Collections *c, EmitFn emit, void *ctx, SearchStats *st);


#endif
