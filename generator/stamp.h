/* stamp.h: the no-op build. A build that succeeds leaves a stamp in the user's
 * cache (~/.cache/varde/stamps/, keyed by the output folder's path): a hash
 * of what the build read (the names, sizes, times and inodes of site.lua,
 * content/, templates/, themes/ and static/, git's HEAD, the options and
 * varde itself) and the identity of the output folder it swapped in. When
 * the next build finds the same stamp, the site it would write is the one
 * already there. Output edited by
 * hand inside public/ is not noticed: `varde build --force` rebuilds. */
#ifndef VARDE_STAMP_H
#define VARDE_STAMP_H
#include <stdint.h>

/* The inputs' hash, or 0 when they cannot be trusted (changed in the last
 * 100 ms: a file time cannot tell two changes within one clock tick apart). */
uint64_t stamp_inputs(const char *root, const char *options);
/* Does out's stamp say it was built from inputs_hash? */
int stamp_current(const char *out, uint64_t inputs_hash);
/* Stamps out as built from inputs_hash; 0 removes the stamp. */
void stamp_write(const char *out, uint64_t inputs_hash);

#endif
