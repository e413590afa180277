/* outdir.h: the output folder. A build writes into <out>.tmp-PID beside the
 * destination (same file system, so the swap is a rename; a per-process
 * name, so two builds never collide), links every unchanged file from the
 * current site instead of writing it again, and swaps the new folder into
 * place only when the build succeeded; the old tree is removed in the
 * background. Under `varde serve` the served folder itself is updated, one
 * file replaced atomically at a time. */
#ifndef VARDE_OUTDIR_H
#define VARDE_OUTDIR_H
#include "build.h"
#include <stddef.h>

typedef struct {
  const char *dir;          /* the folder being written; NULL in check mode (count only) */
  const char *prev;         /* the current site, whose unchanged files are linked; or NULL */
  int live;                 /* dir is the served folder: replace files atomically */
  BuildStats *stats;        /* files and reused are counted here (atomically) */
} OutDir;

/* Writes (or links, or leaves alone) one file; rel is relative to dir.
 * Thread-safe: the search index thread writes beside the renderers. */
void outdir_emit(OutDir *o, const char *rel, const char *data, size_t len);
/* Creates dir afresh. 0, or 2 after reporting. */
int outdir_create(OutDir *o);
/* Swaps dir into place at dest. 0, or 2 after reporting. */
int outdir_swap(OutDir *o, const char *dest);
/* A build killed with -9 leaves <out>.tmp-PID (and .src-PID, .old-PID)
 * behind; this removes those whose process is gone. */
void outdir_remove_stale(const char *out);

#endif
