#include "outdir.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names a user keeps in the output folder on purpose, carried from the old
 * site into each new one: a custom domain for GitHub Pages (CNAME) or
 * Codeberg (.domains), .nojekyll, a web server's .well-known/ (ACME
 * challenges, security.txt), and a gh-pages worktree's .git. */
static const char *const kept[] = {"CNAME", ".domains", ".nojekyll", ".well-known", ".git", NULL};

static int has_marker(const char *dir) {
  Buf m = BUF_INIT;
  buf_printf(&m, "%s/%s", dir, OUTDIR_MARKER);
  int yes = fs_exists(m.data);
  buf_free(&m);
  return yes;
}

static int empty_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  struct dirent *e;
  int n = 0;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n == 0;
}

/* a is b or lies inside it (both resolved) */
static int within(const char *a, const char *b) {
  size_t n = strlen(b);
  return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == '\0' || (n == 1 && b[0] == '/'));
}

static int refuse(const char *dest, const char *why) {
  diag_error(dest, 0, 0, "%s", why);
  return 2;
}

int outdir_resolve(const char *dest, const char *root, Buf *resolved) {
  struct stat st;
  char real[PATH_MAX], top[PATH_MAX];
  if (!realpath(root, top)) return refuse(root, "cannot find the site folder");
  if (lstat(dest, &st) == 0) {
    /* a symbolic link (public -> /var/www/site): the site goes to its target */
    if (!realpath(dest, real)) return refuse(dest, "output folder is a symbolic link to nothing");
    if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode))
      return refuse(dest, "output exists and is not a folder; varde does not replace it");
  } else {
    /* not there yet: resolve the folder it will be made in */
    Buf parent = BUF_INIT;
    const char *slash = strrchr(dest, '/');
    if (slash) buf_put(&parent, dest, (size_t)(slash - dest));
    buf_puts(&parent, parent.len ? "" : (slash ? "/" : "."));
    fs_mkdir_p(parent.data);
    char up[PATH_MAX];
    int ok = realpath(parent.data, up) != NULL;
    buf_free(&parent);
    if (!ok) return refuse(dest, "cannot create the output folder's parent");
    Buf r = BUF_INIT;
    buf_printf(&r, "%s/%s", strcmp(up, "/") ? up : "", slash ? slash + 1 : dest);
    if (r.len >= sizeof real) {
      buf_free(&r);
      return refuse(dest, "output folder name is too long");
    }
    memcpy(real, r.data, r.len + 1);
    buf_free(&r);
  }
  /* The old site is deleted when the new one is swapped in: an output that
   * holds the sources, or sits among them, would take them along. */
  if (within(top, real))
    return refuse(dest, "output folder contains the site (its sources would be deleted); "
                        "choose a folder such as public/");
  static const char *const inputs[] = {"content", "templates", "themes", "static", NULL};
  for (const char *const *in = inputs; *in; in++) {
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", top, *in);
    char rin[PATH_MAX];
    int bad = within(real, p.data) || (realpath(p.data, rin) && within(real, rin));
    buf_free(&p);
    if (bad) return refuse(dest, "output folder is inside the site's sources; choose a folder such as public/");
  }
  if (within(real, top) && strstr(real + strlen(top), "/."))
    return refuse(dest, "output folder is inside a hidden folder of the site (such as .git)");
  /* never delete what varde did not make */
  if (lstat(real, &st) == 0 && !empty_dir(real) && !has_marker(real)) {
    Buf m = BUF_INIT;
    buf_printf(&m, "output folder exists and was not made by varde (it has no %s); move it away "
               "or choose another --out", OUTDIR_MARKER);
    int rc = refuse(dest, m.data);
    buf_free(&m);
    return rc;
  }
  buf_clear(resolved);
  buf_puts(resolved, real);
  return 0;
}

static void count(unsigned long *n) { __atomic_fetch_add(n, 1, __ATOMIC_RELAXED); }

/* A full disk (or a file-size limit, a read-only file system) fails every
 * write after the first one: that first message says it all, and the build
 * fails from it. The renderers and the search index thread write at the same
 * time, so the first error is claimed atomically. (Under serve, each
 * update of the live folder reports its own.) */
static void write_failed(OutDir *o, const char *path, int e) {
  int none = 0;
  if (o->live || __atomic_compare_exchange_n(&o->write_errno, &none, e, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED) ||
      none != e)
    diag_error(path, 0, 0, "cannot write: %s", strerror(e));
}

void outdir_emit(OutDir *o, const char *rel, const char *data, size_t len) {
  /* paths come from the plan and the search index: relative, no way up */
  assert(rel[0] && rel[0] != '/' && !strstr(rel, "../"));
  count(&o->stats->files);
  if (!o->dir) return;
  Buf path = BUF_INIT, old = BUF_INIT;
  buf_printf(&path, "%s/%s", o->dir, rel);
  /* An unchanged file is hard-linked from the current site instead of
   * written again: no new data, and deleting the old site later frees
   * almost nothing. */
  if (o->prev) buf_printf(&old, "%s/%s", o->prev, rel);
  if (o->live && fs_same_content(path.data, data, len)) {
    count(&o->stats->reused);
  } else if (o->live) {
    if (fs_replace(path.data, data, len) != 0) write_failed(o, path.data, errno);
  } else if (o->prev && fs_same_content(old.data, data, len) && fs_link(old.data, path.data) == 0) {
    count(&o->stats->reused);
  } else if (fs_write(path.data, data, len) != 0) {
    write_failed(o, path.data, errno);
  }
  buf_free(&path);
  buf_free(&old);
}

int outdir_create(OutDir *o) {
  if (!o->dir) return 0;
  if (fs_exists(o->dir) && has_marker(o->dir)) fs_rm_rf(o->dir); /* a dead build's, same pid */
  Buf m = BUF_INIT;
  buf_printf(&m, "%s/%s", o->dir, OUTDIR_MARKER);
  static const char note[] = "This folder is written by varde; a build replaces all of it.\n";
  if (fs_mkdir_p(o->dir) != 0 || fs_write(m.data, note, sizeof note - 1) != 0) {
    diag_error(o->dir, 0, 0, "cannot create output folder: %s", strerror(errno));
    buf_free(&m);
    return 2;
  }
  buf_free(&m);
  return 0;
}

/* Moves (folders) or links (files) the kept names of the old site into the
 * new one; with back set, moves the folders back after a failed swap. */
static void carry_kept(const char *from, const char *to, int back) {
  for (const char *const *k = kept; *k; k++) {
    Buf a = BUF_INIT, b = BUF_INIT;
    buf_printf(&a, "%s/%s", from, *k);
    buf_printf(&b, "%s/%s", to, *k);
    struct stat st;
    if (lstat(a.data, &st) == 0 && !fs_exists(b.data)) {
      if (S_ISDIR(st.st_mode)) rename(a.data, b.data);
      else if (!back && fs_link(a.data, b.data) != 0) {
        size_t len;
        char *data = fs_read(a.data, &len);
        if (data) fs_write(b.data, data, len);
        free(data);
      }
    }
    buf_free(&a);
    buf_free(&b);
  }
}

/* The old site is deleted in the background (fs_swap_dir); one whose
 * folders are read-only cannot be, and would stay beside the new site for
 * good without a word (issue 13). A subfolder that is read-only is found by
 * the next build's sweep (outdir_remove_stale). */
static void warn_undeletable(const char *old) {
  if (fs_is_dir(old) && access(old, W_OK) != 0)
    diag_warning(old, 0, 0, "the previous site cannot be deleted: its folder is read-only; "
                 "delete it by hand (chmod -R u+w, then rm -r)");
}

int outdir_swap(OutDir *o, const char *dest) {
  if (!o->dir) return 0;
  int old = fs_is_dir(dest);
  if (old) carry_kept(dest, o->dir, 0);
  if (fs_swap_dir(o->dir, dest) == 0) {
    Buf prev = BUF_INIT;
    buf_printf(&prev, "%s.old-%ld", dest, (long)getpid());
    warn_undeletable(prev.data);
    buf_free(&prev);
    return 0;
  }
  int e = errno;
  if (old) carry_kept(o->dir, dest, 1);
  diag_error(dest, 0, 0, "cannot move the new site into place: %s", strerror(e));
  return 2;
}

void outdir_remove_stale(const char *out) {
  Buf dir = BUF_INIT, base = BUF_INIT;
  const char *slash = strrchr(out, '/');
  if (slash) buf_put(&dir, out, (size_t)(slash - out));
  else buf_puts(&dir, ".");
  buf_puts(&base, slash ? slash + 1 : out);
  DIR *d = opendir(dir.len ? dir.data : "/");
  struct dirent *e;
  while (d && (e = readdir(d))) {
    const char *n = e->d_name;
    if (strncmp(n, base.data, base.len) != 0) continue;
    const char *tail = n + base.len;
    if (strncmp(tail, ".tmp-", 5) != 0 && strncmp(tail, ".src-", 5) != 0 &&
        strncmp(tail, ".old-", 5) != 0)
      continue;
    char *end;
    long pid = strtol(tail + 5, &end, 10);
    /* only a folder varde made (its marker inside) whose process is gone:
     * a user's public.old-2024 backup is not varde's to delete */
    if (*end || end == tail + 5 || pid <= 0 || !(kill((pid_t)pid, 0) != 0 && errno == ESRCH))
      continue;
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", dir.len ? dir.data : "", n);
    if (has_marker(p.data)) {
      fs_rm_tree(p.data); /* the marker last: a later build still knows the tree */
      if (fs_exists(p.data))
        diag_warning(p.data, 0, 0, "left by an earlier build and cannot be deleted (%s); delete it by hand",
                     access(p.data, W_OK) != 0 ? "its folder is read-only" : "a folder inside is read-only");
    }
    buf_free(&p);
  }
  if (d) closedir(d);
  buf_free(&dir);
  buf_free(&base);
}
