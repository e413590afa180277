#include "xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Callable from any thread or forked worker: write(2) and _exit(2) only, no
 * exit handlers running beside other threads. */
static _Noreturn void out_of_memory(void) {
  static const char m[] = "varde: out of memory\n";
  ssize_t r = write(2, m, sizeof m - 1);
  (void)r;
  _exit(2);
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory();
  return p;
}

void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) out_of_memory();
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory();
  return q;
}

char *xstrdup(const char *s) {
  char *d = strdup(s);
  if (!d) out_of_memory();
  return d;
}

char *xstrndup(const char *s, size_t n) {
  char *d = strndup(s, n);
  if (!d) out_of_memory();
  return d;
}
