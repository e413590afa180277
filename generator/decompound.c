#include "decompound.h"
#include <string.h>

enum { MIN_PART = 4, MIN_WORD = 8, MAX_WORD = 64 };

void decompound_learn(Decompounder *d, const char *word) {
  if (strlen(word) >= 3) strmap_put(&d->known, word, (void *)word);
}

static int known(const Decompounder *d, const char *w, size_t a, size_t b) {
  return strmap_get_n(&d->known, w + a, b - a) != NULL;
}

static int boundary(const char *w, size_t i) { return ((unsigned char)w[i] & 0xC0) != 0x80; }

int decompound(const Decompounder *d, const char *w, size_t len, Part *parts) {
  if (len < MIN_WORD || len > MAX_WORD) return 0;
  /* best[i]: fewest parts covering w[i..len); next[i], cut[i]: the first
   * part's end and where the following part starts (after a linking letter). */
  int best[MAX_WORD + 1];
  size_t end_at[MAX_WORD + 1], next_at[MAX_WORD + 1];
  best[len] = 0;
  for (size_t i = len; i-- > 0;) {
    best[i] = 1000;
    if (!boundary(w, i)) continue;
    for (size_t j = i + MIN_PART; j <= len; j++) {
      if (j < len && !boundary(w, j)) continue;
      if (!known(d, w, i, j)) continue;
      if (j == len) {
        if (i > 0 && best[i] > 1) { best[i] = 1; end_at[i] = j; next_at[i] = j; }
        continue;
      }
      for (int link = 0; link <= 1; link++) {
        size_t k = j + (size_t)link;
        if (link && (k > len || (w[j] != 's' && w[j] != 'e'))) continue;
        if (k >= len || best[k] >= 1000) continue;
        if (best[k] + 1 < best[i]) { best[i] = best[k] + 1; end_at[i] = j; next_at[i] = k; }
      }
    }
  }
  if (best[0] < 2 || best[0] > DECOMPOUND_MAX_PARTS) return 0;
  int n = 0;
  for (size_t i = 0; i < len;) {
    parts[n++] = (Part){i, end_at[i]};
    i = next_at[i];
  }
  return n;
}

void decompound_free(Decompounder *d) {
  strmap_free(&d->known);
  buf_free(&d->pool);
}
