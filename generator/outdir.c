#include "outdir.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static void count(unsigned long *n) { __atomic_fetch_add(n, 1, __ATOMIC_RELAXED); }

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
    if (fs_replace(path.data, data, len) != 0) diag_error(path.data, 0, 0, "cannot write: %s", strerror(errno));
  } else if (o->prev && fs_same_content(old.data, data, len) && fs_link(old.data, path.data) == 0) {
    count(&o->stats->reused);
  } else if (fs_write(path.data, data, len) != 0) {
    diag_error(path.data, 0, 0, "cannot write: %s", strerror(errno));
  }
  buf_free(&path);
  buf_free(&old);
}

int outdir_create(OutDir *o) {
  if (!o->dir) return 0;
  fs_rm_rf(o->dir);
  if (fs_mkdir_p(o->dir) != 0) {
    diag_error(o->dir, 0, 0, "cannot create output folder: %s", strerror(errno));
    return 2;
  }
  return 0;
}

int outdir_swap(OutDir *o, const char *dest) {
  if (!o->dir || fs_swap_dir(o->dir, dest) == 0) return 0;
  diag_error(dest, 0, 0, "cannot move the new site into place: %s", strerror(errno));
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
    if (*end || pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
      Buf p = BUF_INIT;
      buf_printf(&p, "%s/%s", dir.len ? dir.data : "", n);
      fs_rm_rf(p.data);
      buf_free(&p);
    }
  }
  if (d) closedir(d);
  buf_free(&dir);
  buf_free(&base);
}
