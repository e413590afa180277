/* outdir.h: the output folder. A build writes into <out>.tmp-PID beside the
 * destination (same file system, so the swap is a rename; a per-process
 * name, so two builds never collide), links every unchanged file from the
 * current site instead of writing it again, and swaps the new folder into
 * place only when the build succeeded; the old tree is removed in the
 * background. Under `varde serve` the served folder itself is updated, one
 * file replaced atomically at a time. */
#ifndef VARDE_OUTDIR_H
#define VARDE_OUTDIR_H
#include "buf.h"
#include "build.h"
#include <stddef.h>

typedef struct {
  const char *dir;          /* the folder being written; NULL in check mode (count only) */
  const char *prev;         /* the current site, whose unchanged files are linked; or NULL */
  int live;                 /* dir is the served folder: replace files atomically */
  BuildStats *stats;        /* files and reused are counted here (atomically) */
  int write_errno;          /* the first write error; later ones like it are not reported again */
} OutDir;

/* The file at the top of every folder varde makes for a site. varde
 * replaces or deletes a folder only when it holds this file (or is empty). */
#define OUTDIR_MARKER ".varde-output"

/* Checks the output folder `dest` of the site at `root` and puts the folder
 * to write into `resolved`: a symbolic link is followed to its target; an
 * output that contains the site, lies inside content/, templates/, themes/,
 * static/ or a dot-folder, is not a folder, or is a non-empty folder varde
 * did not make, is refused. 0, or 2 after reporting. */
int outdir_resolve(const char *dest, const char *root, Buf *resolved);
/* Writes (or links, or leaves alone) one file; rel is relative to dir.
 * Thread-safe: the search index thread writes beside the renderers. */
void outdir_emit(OutDir *o, const char *rel, const char *data, size_t len);
/* Creates dir afresh. 0, or 2 after reporting. */
int outdir_create(OutDir *o);
/* Swaps dir into place at dest, carrying over what a user keeps in the old
 * site (CNAME, .domains, .nojekyll, .well-known/, .git). 0, or 2 after
 * reporting. */
int outdir_swap(OutDir *o, const char *dest);
/* A build killed with -9 leaves <out>.tmp-PID (and .src-PID, .old-PID)
 * behind; this removes those whose process is gone and that hold the
 * marker. */
void outdir_remove_stale(const char *out);

#endif
