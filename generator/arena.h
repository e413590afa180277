/* arena.h: a bump allocator. Everything a build loads (pages, field values,
 * strings) lives in one arena and is released together by arena_free, so
 * the loaders need no per-object free logic. */
#ifndef VARDE_ARENA_H
#define VARDE_ARENA_H
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct {
  ArenaBlock *head;
} Arena;

void *arena_alloc(Arena *a, size_t n);          /* zeroed */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a);
/* Frees everything allocated so far but keeps memory for reuse. */
void arena_reset(Arena *a);

#endif
