/* collections.h: the lists a site is made of besides its pages: the pages
 * of each type in reading order, and each taxonomy's terms with the pages
 * that carry them. Built once after loading; arrays live in the site arena. */
#ifndef VARDE_COLLECTIONS_H
#define VARDE_COLLECTIONS_H
#include "content.h"

typedef struct {
  const char *name, *slug, *url;
  Page **pages; size_t n, cap;
  const Value *first;       /* where the value was first met, in reading order */
} Term;

typedef struct {
  const Taxonomy *tax;
  const char *url;
  Term **terms; size_t n_terms; /* sorted by name */
  StrMap by_name;           /* every spelling met -> its term */
  StrMap by_slug;           /* slug -> the term: two spellings, one address */
} TaxIndex;

typedef struct {
  const ContentType *type;
  const char *url;          /* list page URL, or NULL when the type has none */
  Page **pages; size_t n;   /* sorted */
} TypeList;

typedef struct {
  TypeList *lists;          /* one per type, same order as cfg.types */
  TaxIndex *tax;            /* one per taxonomy */
  size_t n_tax;
} Collections;

void collections_build(Site *s, Collections *c);
void collections_free(Collections *c);
/* Reading order: by number ("3.2" before "3.14"), then Norwegian title order. */
int page_compare(const void *a, const void *b);
const Term *collections_term(const Collections *c, const char *tax, const char *value);

#endif
