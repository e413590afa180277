#include "stamp.h"
#include "buf.h"
#include "fsutil.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What a build reads: site.lua, the content, the site's templates, the
 * themes and static files. Everything else (git history aside) is ignored. */
static const char *const inputs[] = {"site.lua", "content", "templates", "themes", "static", NULL};

enum { MAX_DEPTH = 40 };

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ull;
  return h;
}

/* splitmix64's finaliser: per-entry hashes are summed, so each must be
 * well mixed on its own. */
static uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

static uint64_t entry_hash(const char *path, const struct stat *st) {
  uint64_t h = fnv(0xcbf29ce484222325ull, path, strlen(path) + 1);
  /* ctime too: `touch -d` can put an mtime back, but not a ctime */
  int64_t f[] = {st->st_mode, st->st_size, st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
                 st->st_ctim.tv_sec, st->st_ctim.tv_nsec, (int64_t)st->st_ino, (int64_t)st->st_dev};
  return mix(fnv(h, f, sizeof f));
}

/* Adds every entry under path to *sum. The sum does not depend on the
 * order readdir() returns entries in. */
static void walk(Buf *path, int depth, uint64_t *sum, struct timespec *newest) {
  struct stat st;
  if (stat(path->data, &st) != 0) {
    /* absent is a state too: creating templates/ must count as a change */
    *sum += mix(fnv(0x9e3779b97f4a7c15ull, path->data, path->len));
    return;
  }
  *sum += entry_hash(path->data, &st);
  const struct timespec *t[] = {&st.st_mtim, &st.st_ctim};
  for (int i = 0; i < 2; i++)
    if (t[i]->tv_sec > newest->tv_sec || (t[i]->tv_sec == newest->tv_sec && t[i]->tv_nsec > newest->tv_nsec))
      *newest = *t[i];
  if (!S_ISDIR(st.st_mode) || depth >= MAX_DEPTH) return;
  DIR *d = opendir(path->data);
  if (!d) return;
  size_t len = path->len;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    buf_putc(path, '/');
    buf_puts(path, e->d_name);
    walk(path, depth + 1, sum, newest);
    path->len = len;
    path->data[len] = '\0';
  }
  closedir(d);
}

/* HEAD's commit: page dates and histories come from it. */
static uint64_t git_head(const char *root) {
  git_libgit2_init();
  git_repository *repo = NULL;
  uint64_t h = 0x51ed;
  git_oid oid;
  if (git_repository_open_ext(&repo, root, 0, NULL) == 0 &&
      git_reference_name_to_id(&oid, repo, "HEAD") == 0)
    h = fnv(h, oid.id, sizeof oid.id);
  git_repository_free(repo);
  git_libgit2_shutdown();
  return h;
}

/* File times come from a coarse clock: a file changed twice within one tick
 * keeps its time. Like git's "racily clean" entries, inputs changed in the
 * last RACY_NS are not trusted and the build is not stamped. */
enum { RACY_NS = 100 * 1000 * 1000 };

uint64_t stamp_inputs(const char *root, const char *options) {
  uint64_t sum = 0;
  struct timespec newest = {0, 0}, now;
  Buf p = BUF_INIT;
  for (const char *const *in = inputs; *in; in++) {
    buf_clear(&p);
    buf_printf(&p, "%s/%s", root, *in);
    walk(&p, 0, &sum, &newest);
  }
  buf_free(&p);
  clock_gettime(CLOCK_REALTIME, &now);
  int64_t age = (int64_t)(now.tv_sec - newest.tv_sec) * 1000000000 + (now.tv_nsec - newest.tv_nsec);
  if (age < RACY_NS) return 0;
  uint64_t h = fnv(0xcbf29ce484222325ull, "varde " VARDE_VERSION, sizeof "varde " VARDE_VERSION);
  h = fnv(h, options, strlen(options));
  /* a rebuilt varde may render differently */
  struct stat self;
  if (stat("/proc/self/exe", &self) == 0) h = fnv(h, &self.st_mtim, sizeof self.st_mtim);
  uint64_t g = git_head(root);
  h = fnv(h, &g, sizeof g);
  h = mix(fnv(h, &sum, sizeof sum));
  return h ? h : 1;
}

/* The output folder's identity: a new folder is swapped in by every build,
 * so a folder replaced or removed by hand never matches. */
static int out_id(const char *out, char *buf, size_t n) {
  struct stat st;
  if (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)) return -1;
  snprintf(buf, n, "%llu %lld.%09ld", (unsigned long long)st.st_ino, (long long)st.st_mtim.tv_sec,
           st.st_mtim.tv_nsec);
  return 0;
}

/* Stamps live in the user's cache, keyed by the output folder's real path,
 * so that nothing appears in the site for git to see:
 * ${XDG_CACHE_HOME:-~/.cache}/varde/stamps/<hash>. */
static int stamp_path(Buf *b, const char *out) {
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  if (xdg && *xdg == '/') buf_printf(b, "%s/varde/stamps", xdg);
  else if (home && *home == '/') buf_printf(b, "%s/.cache/varde/stamps", home);
  else return -1;
  Buf parent = BUF_INIT;
  const char *slash = strrchr(out, '/');
  if (slash) buf_put(&parent, out, slash == out ? 1 : (size_t)(slash - out));
  else buf_puts(&parent, ".");
  char real[PATH_MAX];
  int ok = realpath(parent.data, real) != NULL;
  buf_free(&parent);
  if (!ok || fs_mkdir_p(b->data) != 0) return -1;
  uint64_t k = fnv(0xcbf29ce484222325ull, real, strlen(real));
  k = fnv(k, "/", 1);
  k = fnv(k, slash ? slash + 1 : out, strlen(slash ? slash + 1 : out));
  buf_printf(b, "/%016llx", (unsigned long long)mix(k));
  return 0;
}

int stamp_current(const char *out, uint64_t inputs_hash) {
  char id[96], want[160];
  if (out_id(out, id, sizeof id) != 0) return 0;
  snprintf(want, sizeof want, "varde-stamp 1\n%016llx\n%s\n", (unsigned long long)inputs_hash, id);
  Buf p = BUF_INIT;
  char have[160] = "";
  FILE *f = stamp_path(&p, out) == 0 ? fopen(p.data, "r") : NULL;
  size_t n = f ? fread(have, 1, sizeof have - 1, f) : 0;
  have[n] = '\0';
  if (f) fclose(f);
  buf_free(&p);
  return strcmp(have, want) == 0;
}

void stamp_write(const char *out, uint64_t inputs_hash) {
  Buf p = BUF_INIT, tmp = BUF_INIT;
  char id[96];
  if (stamp_path(&p, out) != 0) {
    /* no cache folder: every build is a real one */
  } else if (inputs_hash && out_id(out, id, sizeof id) == 0) {
    buf_printf(&tmp, "%s.%ld", p.data, (long)getpid());
    FILE *f = fopen(tmp.data, "w");
    if (f) {
      fprintf(f, "varde-stamp 1\n%016llx\n%s\n", (unsigned long long)inputs_hash, id);
      if (fclose(f) != 0 || rename(tmp.data, p.data) != 0) unlink(tmp.data);
    }
  } else {
    unlink(p.data);
  }
  buf_free(&p);
  buf_free(&tmp);
}
