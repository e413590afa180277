#include "strmap.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29); /* mix high bits into the low ones the mask keeps */
}

static size_t slot(const StrMap *m, const char *key, uint64_t h) {
  size_t i = h & (m->cap - 1);
  while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key) != 0)) i = (i + 1) & (m->cap - 1);
  return i;
}

void *strmap_get_n(const StrMap *m, const char *key, size_t n) {
  if (!m->cap) return NULL;
  uint64_t h = 1469598103934665603ULL;
  for (size_t k = 0; k < n; k++) {
    h ^= (unsigned char)key[k];
    h *= 1099511628211ULL;
  }
  h ^= h >> 29;
  size_t i = h & (m->cap - 1);
  while (m->keys[i]) {
    if (m->hashes[i] == h && !strncmp(m->keys[i], key, n) && m->keys[i][n] == '\0') return m->vals[i];
    i = (i + 1) & (m->cap - 1);
  }
  return NULL;
}

void *strmap_get(const StrMap *m, const char *key) {
  if (!m->cap) return NULL;
  size_t i = slot(m, key, hash(key));
  return m->keys[i] ? m->vals[i] : NULL;
}

static void grow(StrMap *m) {
  StrMap n = {0};
  n.cap = m->cap ? m->cap * 2 : 64;
  n.keys = xcalloc(n.cap, sizeof *n.keys);
  n.vals = xcalloc(n.cap, sizeof *n.vals);
  n.hashes = xcalloc(n.cap, sizeof *n.hashes);
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = m->hashes[i] & (n.cap - 1);
    while (n.keys[j]) j = (j + 1) & (n.cap - 1);
    n.keys[j] = m->keys[i];
    n.vals[j] = m->vals[i];
    n.hashes[j] = m->hashes[i];
  }
  n.len = m->len;
  free(m->keys);
  free(m->vals);
  free(m->hashes);
  *m = n;
}

void *strmap_put(StrMap *m, const char *key, void *val) {
  /* at most half full: linear probing stays short */
  if ((m->len + 1) * 2 > m->cap) grow(m);
  uint64_t h = hash(key);
  size_t i = slot(m, key, h);
  void *old = m->keys[i] ? m->vals[i] : NULL;
  if (!m->keys[i]) {
    m->keys[i] = key;
    m->hashes[i] = h;
    m->len++;
  }
  m->vals[i] = val;
  return old;
}

void strmap_free(StrMap *m) {
  free(m->keys);
  free(m->vals);
  free(m->hashes);
  memset(m, 0, sizeof *m);
}
