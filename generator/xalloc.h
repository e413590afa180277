/* xalloc.h: the allocation-failure policy. Every allocation of varde's
 * own goes through these; when memory runs out they print
 * "varde: out of memory" and end the process with status 2. Nothing half
 * built is swapped in: the output is written aside, and the next build
 * removes the folder a dead one left (outdir_remove_stale).
 *
 * Two allocations report instead, because a user can cause them and the
 * message can say where: the Lua allocator (sandbox.c: a template or
 * site.lua over its memory cap is an error at its line) and fs_read (a file
 * too large to hold is an error naming that file). */
#ifndef VARDE_XALLOC_H
#define VARDE_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
