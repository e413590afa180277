#include "fsutil.h"
#include "buf.h"
#include "diag.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>

char *fs_read(const char *path, size_t *len) { return fs_read_max(path, FS_READ_MAX, len); }

char *fs_read_max(const char *path, size_t max, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
    close(fd);
    errno = e;
    return NULL;
  }
  /* before a byte is read: a 4 GB (or sparse) file must not take 4 GB */
  if ((unsigned long long)st.st_size > max) {
    close(fd);
    errno = EFBIG;
    return NULL;
  }
  size_t cap = (size_t)st.st_size + 1, n = 0;
  char *data = malloc(cap);
  if (!data) { close(fd); errno = ENOMEM; return NULL; }
  for (;;) {
    if (n + 1 >= cap) {
      char *d = realloc(data, cap * 2);
      if (!d) { free(data); close(fd); errno = ENOMEM; return NULL; }
      data = d;
      cap *= 2;
    }
    ssize_t r = read(fd, data + n, cap - n - 1);
    if (r < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      free(data);
      close(fd);
      errno = e;
      return NULL;
    }
    if (r == 0) break;
    n += (size_t)r;
    if (n > max) { /* it grew while being read */
      free(data);
      close(fd);
      errno = EFBIG;
      return NULL;
    }
  }
  close(fd);
  data[n] = '\0';
  if (len) *len = n;
  return data;
}

static int make_parent(const char *path);

/* Deepest folder first: in a build most parents exist already, so this is
 * usually one mkdir() instead of one per level. */
int fs_mkdir_p(const char *path) {
  if (strlen(path) >= PATH_MAX) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if (mkdir(path, 0755) == 0 || errno == EEXIST) return 0;
  if (errno != ENOENT || make_parent(path) != 0) return -1;
  return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int fs_replace(const char *path, const char *data, size_t len) {
  /* readers see the old file or the new one, never half of one */
  char tmp[PATH_MAX];
  if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof tmp) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if (fs_write(tmp, data, len) != 0) return -1;
  if (rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    errno = e;
    return -1;
  }
  return 0;
}

/* The folder part of path, created with its parents. */
static int make_parent(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || slash == path) return 0;
  char dir[PATH_MAX];
  size_t n = (size_t)(slash - path);
  if (n >= sizeof dir) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(dir, path, n);
  dir[n] = '\0';
  return fs_mkdir_p(dir);
}

int fs_write(const char *path, const char *data, size_t len) {
  /* Never write into an existing file: it may be a hard link shared with
   * the published site. A new inode every time. Create first and repair
   * after (missing folder, old file): a build writes into a fresh tree,
   * where one open() per file is all it takes. */
  int fd = -1;
  for (int tries = 0; fd < 0 && tries < 3; tries++) {
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) break;
    if (errno == ENOENT) {
      if (make_parent(path) != 0) return -1;
    } else if (errno == EEXIST) {
      if (unlink(path) != 0 && errno != ENOENT) return -1;
    } else {
      return -1;
    }
  }
  if (fd < 0) return -1;
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      close(fd);
      errno = e;
      return -1;
    }
    off += (size_t)w;
  }
  return close(fd);
}

int fs_exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

int fs_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_rm_rf(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(st.st_mode)) return unlink(path);
  DIR *d = opendir(path);
  if (!d) return -1;
  struct dirent *e;
  int rc = 0;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", path, e->d_name);
    if (fs_rm_rf(p.data) != 0) rc = -1;
    buf_free(&p);
  }
  closedir(d);
  if (rmdir(path) != 0) rc = -1;
  return rc;
}

/* real (a resolved path) lies in jail (resolved too), and the way down
 * from jail enters no folder or file whose name starts with a dot: .git
 * holds a CI runner's checkout token, .ssh and .env hold secrets. */
static int inside(const char *real, const char *jail) {
  size_t n = strlen(jail);
  if (strncmp(real, jail, n) != 0 || (real[n] != '/' && real[n] != '\0')) return 0;
  return strstr(real + n, "/.") == NULL;
}

int fs_resolves_inside(const char *path, const char *folder) {
  char real[PATH_MAX], top[PATH_MAX];
  return realpath(path, real) && realpath(folder, top) && inside(real, top);
}

typedef struct Ancestor {
  dev_t dev;
  ino_t ino;
  const struct Ancestor *up;
} Ancestor;

static void walk(const char *dir, const char *rel, const char *suffix, const char *jail,
                 FsWalkFn fn, void *ctx, int depth, const Ancestor *up) {
  struct stat here;
  if (stat(dir, &here) != 0) return;
  /* a folder that is its own ancestor (through a symbolic link) would be
   * walked forever */
  for (const Ancestor *a = up; a; a = a->up)
    if (a->dev == here.st_dev && a->ino == here.st_ino) {
      diag_error(dir, 0, 0, "symbolic link loop; not followed");
      return;
    }
  if (depth > 64) {
    diag_error(dir, 0, 0, "folders nested too deeply; not read");
    return;
  }
  Ancestor me = {here.st_dev, here.st_ino, up};
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort);
  if (n < 0) {
    diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
    return;
  }
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (name[0] == '.') { free(names[i]); continue; }
    Buf path = BUF_INIT, r = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", name);
    struct stat st;
    int ok = lstat(path.data, &st) == 0;
    if (ok && S_ISLNK(st.st_mode)) {
      char real[PATH_MAX];
      if (!realpath(path.data, real) || (jail && !inside(real, jail))) {
        diag_error(path.data, 0, 0, "symbolic link points outside its folder or into a hidden "
                   "folder; not followed");
        ok = 0;
      } else {
        ok = stat(path.data, &st) == 0;
      }
    }
    if (ok && S_ISDIR(st.st_mode)) walk(path.data, r.data, suffix, jail, fn, ctx, depth + 1, &me);
    else if (ok && S_ISREG(st.st_mode) && (!suffix || (strlen(name) > strlen(suffix) &&
              !strcmp(name + strlen(name) - strlen(suffix), suffix))))
      fn(path.data, r.data, ctx);
    buf_free(&path);
    buf_free(&r);
    free(names[i]);
  }
  free(names);
}

void fs_walk(const char *root, const char *suffix, const char *jail, FsWalkFn fn, void *ctx) {
  /* the folder itself may be a link out of the site, too */
  char real[PATH_MAX];
  if (jail && (!realpath(root, real) || !inside(real, jail))) {
    diag_error(root, 0, 0, "folder is a symbolic link outside the site; not read");
    return;
  }
  /* Entries stay inside the folder being walked: a link in content/ to
   * ../.git/config or ../site.lua is not content. */
  walk(root, "", suffix, jail ? real : NULL, fn, ctx, 0, NULL);
}

int fs_same_content(const char *path, const char *data, size_t len) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len) return 0;
  size_t n;
  char *old = fs_read(path, &n);
  int same = old && n == len && memcmp(old, data, len) == 0;
  free(old);
  return same;
}

int fs_link(const char *from, const char *to) {
  if (link(from, to) == 0) return 0;
  if (errno != ENOENT || make_parent(to) != 0) return -1;
  return link(from, to);
}

/* A folder that git ignores while it is removed: "varde build && git add
 * -A" must neither stage the old site nor trip over its files vanishing.
 * Its own .gitignore ("*") hides it from git in any repository, and it is
 * removed last. */
static void mark_ignored(const char *dir) {
  Buf p = BUF_INIT;
  buf_printf(&p, "%s/.gitignore", dir);
  fs_write(p.data, "*\n", 2);
  buf_free(&p);
}

/* The names that start with a dot (the .gitignore above, the output's marker)
 * go last, and only when everything else went: a tree that cannot be deleted
 * keeps its marker, so the next build's sweep tries again and says so. */
int fs_rm_tree(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  Buf p = BUF_INIT;
  int failed = !d;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    buf_clear(&p);
    buf_printf(&p, "%s/%s", dir, e->d_name);
    if (fs_rm_rf(p.data) != 0) failed = 1;
  }
  if (d) closedir(d);
  if (!failed && fs_rm_rf(dir) != 0) failed = 1;
  buf_free(&p);
  return failed ? -1 : 0;
}

/* Deleting a big tree is slow on some file systems (discard), and nobody
 * needs to wait for it: a detached grandchild removes it. A crash leaves
 * it for the next build's stale-folder sweep. */
static void remove_later(const char *path) {
  mark_ignored(path);
  pid_t child = fork();
  if (child < 0) {
    fs_rm_tree(path);
    return;
  }
  if (child == 0) {
    if (fork() == 0) {
      fs_rm_tree(path);
      _exit(0);
    }
    _exit(0);
  }
  waitpid(child, NULL, 0);
}

int fs_swap_dir(const char *fresh, const char *dest) {
  /* another build may make dest between the test and the rename: then
   * exchange with what it made */
  if (!fs_exists(dest) && (rename(fresh, dest) == 0 || (errno != ENOTEMPTY && errno != EEXIST)))
    return fs_exists(dest) && !fs_exists(fresh) ? 0 : -1;
  /* Exchange in one step: readers see either the old or the new site. */
  if (renameat2(AT_FDCWD, fresh, AT_FDCWD, dest, RENAME_EXCHANGE) == 0) {
    Buf old = BUF_INIT;
    buf_printf(&old, "%s.old-%ld", dest, (long)getpid());
    if (rename(fresh, old.data) == 0) remove_later(old.data);
    else fs_rm_rf(fresh);
    buf_free(&old);
    return 0;
  }
  /* no RENAME_EXCHANGE on this file system: a rename pair, through a name
   * of this process's own (never a user's public.old) */
  Buf old = BUF_INIT;
  buf_printf(&old, "%s.old-%ld", dest, (long)getpid());
  int rc = rename(dest, old.data);
  if (rc == 0) rc = rename(fresh, dest);
  if (rc == 0 && fs_rm_rf(old.data) != 0)
    diag_warning(old.data, 0, 0, "cannot delete the old site: %s; delete it by hand", strerror(errno));
  buf_free(&old);
  return rc;
}

void fs_write_all(int fd, const char *s, size_t n) {
  while (n > 0) {
    ssize_t k = write(fd, s, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return;
    s += k;
    n -= (size_t)k;
  }
}
