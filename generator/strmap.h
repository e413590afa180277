/* strmap.h: an open-addressing hash map from string keys to pointers.
 * The map does not own keys or values: keys must outlive the map (they
 * normally live in the build's arena). */
#ifndef VARDE_STRMAP_H
#define VARDE_STRMAP_H
#include <stddef.h>

typedef struct {
  const char **keys;
  void **vals;
  unsigned long long *hashes; /* compared before the strings: most probes end there */
  size_t cap, len;
} StrMap;

void *strmap_get(const StrMap *m, const char *key);
/* Lookup by the first n bytes of key (no terminator needed). */
void *strmap_get_n(const StrMap *m, const char *key, size_t n);
/* Sets key to val; returns the previous value or NULL. */
void *strmap_put(StrMap *m, const char *key, void *val);
void strmap_free(StrMap *m);

#endif
