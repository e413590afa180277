#include "arena.h"
#include "xalloc.h"
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
  ArenaBlock *next;
  size_t used, cap;
  max_align_t data[];
};

enum { BLOCK_SIZE = 256 * 1024 };

void *arena_alloc(Arena *a, size_t n) {
  assert(a && n < SIZE_MAX / 2); /* a size that large is an overflow upstream */
  n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
  ArenaBlock *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
    b = xmalloc(sizeof(ArenaBlock) + cap);
    b->used = 0;
    b->cap = cap;
    /* A large one-off block goes behind the current head so the head's free
     * space is not wasted. */
    if (a->head && cap > BLOCK_SIZE) {
      b->next = a->head->next;
      a->head->next = b;
    } else {
      b->next = a->head;
      a->head = b;
    }
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *d = arena_alloc(a, n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *d = arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
  if (n > 0) vsnprintf(d, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return d;
}

void arena_free(Arena *a) {
  ArenaBlock *b = a->head;
  while (b) {
    ArenaBlock *n = b->next;
    free(b);
    b = n;
  }
  a->head = NULL;
}

void arena_reset(Arena *a) {
  /* keep one ordinary block for the next round: a scratch arena reset per
   * page then costs no malloc at all */
  ArenaBlock *keep = NULL, *b = a->head;
  while (b) {
    ArenaBlock *n = b->next;
    if (!keep && b->cap == BLOCK_SIZE) {
      keep = b;
      keep->used = 0;
      keep->next = NULL;
    } else {
      free(b);
    }
    b = n;
  }
  a->head = keep;
}
