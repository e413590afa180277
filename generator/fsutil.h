/* fsutil.h: file system helpers: whole-file reads, writes that create their
 * folders, sorted recursive walks, and the build-aside-then-swap of the
 * output folder. */
#ifndef VARDE_FSUTIL_H
#define VARDE_FSUTIL_H
#include <stddef.h>

/* Reads a whole file into a malloc'd NUL-terminated buffer (caller frees).
 * Returns NULL and sets errno on failure. */
char *fs_read(const char *path, size_t *len);
/* fs_read of a file of at most `max` bytes; a larger one fails with EFBIG
 * before anything is read. fs_read's maximum is FS_READ_MAX. */
char *fs_read_max(const char *path, size_t max, size_t *len);
#define FS_READ_MAX ((size_t)256 << 20)
/* Writes data to path, creating parent folders. Returns 0 or -1 (errno). */
int fs_write(const char *path, const char *data, size_t len);
/* Like fs_write, but the file is swapped in whole (write aside, rename). */
int fs_replace(const char *path, const char *data, size_t len);
/* Writes all n bytes to fd (retrying short writes); gives up on an error. */
void fs_write_all(int fd, const char *s, size_t n);
int fs_mkdir_p(const char *path);
int fs_rm_rf(const char *path);
/* The same for an old output tree: names starting with a dot (its marker)
 * go last, and only when everything else went, so a tree that cannot be
 * deleted stays recognisable as varde's. */
int fs_rm_tree(const char *dir);
int fs_exists(const char *path);
int fs_is_dir(const char *path);

/* Calls fn for each regular file below root whose name ends with suffix
 * (all files when suffix is NULL), in sorted order; rel is the path relative
 * to root. root must resolve inside `jail` (the site), and every entry inside
 * root itself, never through a dot-folder; other symbolic links are reported
 * and skipped. */
typedef void (*FsWalkFn)(const char *path, const char *rel, void *ctx);
void fs_walk(const char *root, const char *suffix, const char *jail, FsWalkFn fn, void *ctx);
/* Whether path, with symbolic links followed, lies inside folder without
 * passing through a dot-folder (.git, .ssh) on the way down. */
int fs_resolves_inside(const char *path, const char *folder);

/* Does the file at path hold exactly these bytes? */
int fs_same_content(const char *path, const char *data, size_t len);
/* Hard link, creating the parent folders of `to`. */
int fs_link(const char *from, const char *to);

/* Replaces folder `dest` by folder `fresh` atomically where the kernel allows
 * (renameat2 RENAME_EXCHANGE); the old contents are removed in the
 * background. */
int fs_swap_dir(const char *fresh, const char *dest);

#endif
