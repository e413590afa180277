/* faultshim: an LD_PRELOAD library for tests/e2e/test_faults.sh that makes
 * faults happen at exact points of a run instead of at moments of a clock.
 *
 * An "event" is a call that changes a file or sends data: open/openat for
 * writing or creating, creat, write, pwrite, writev, ftruncate, fsync,
 * fdatasync, rename, renameat, renameat2, link, linkat, symlink, unlink,
 * unlinkat, mkdir, mkdirat, rmdir, connect, send, sendto, sendmsg. Events
 * are counted in the process that loaded the library (not in children it
 * forks), in the order it makes them, so with one render process
 * (VARDE_JOBS=1) a run makes the same events every time.
 *
 *   FAULT_COUNT=FILE    write the number of events to FILE at exit
 *   FAULT_TRACE=FILE    write "N call" for every event to FILE
 *   FAULT_KILL=N        SIGKILL the process just before its N-th event
 *   FAULT_PAUSE=N       just before the N-th event, create FAULT_GATE.ready
 *                       and wait until FAULT_GATE.go exists (two builds
 *                       interleaved at an exact point)
 *   FAULT_ENOSPC=BYTES  writes to regular files fail with ENOSPC once the
 *                       process has written BYTES (a full disk, without
 *                       the right to mount a small file system)
 *
 * The variables (and LD_PRELOAD) are removed from the environment at load,
 * so programs the process runs (a git credential helper) are not affected. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static pid_t owner;
static long events, kill_at, pause_at;
static long long space = -1; /* bytes left before ENOSPC; -1: no limit */
static char count_file[4096], gate[4096];
static FILE *trace;

static long num(const char *name) {
  const char *v = getenv(name);
  return v && *v ? strtol(v, NULL, 10) : 0;
}

__attribute__((constructor)) static void shim_init(void) {
  owner = getpid();
  kill_at = num("FAULT_KILL");
  pause_at = num("FAULT_PAUSE");
  const char *v = getenv("FAULT_ENOSPC");
  if (v && *v) space = strtoll(v, NULL, 10);
  if ((v = getenv("FAULT_COUNT"))) snprintf(count_file, sizeof count_file, "%s", v);
  if ((v = getenv("FAULT_GATE"))) snprintf(gate, sizeof gate, "%s", v);
  if ((v = getenv("FAULT_TRACE")) && *v) trace = fopen(v, "we");
  const char *names[] = {"FAULT_COUNT", "FAULT_KILL", "FAULT_PAUSE", "FAULT_GATE", "FAULT_ENOSPC", "FAULT_TRACE", "LD_PRELOAD"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) unsetenv(names[i]);
}

__attribute__((destructor)) static void shim_done(void) {
  if (!count_file[0] || getpid() != owner) return;
  FILE *f = fopen(count_file, "w");
  if (f) {
    fprintf(f, "%ld\n", events);
    fclose(f);
  }
}

static int exists(const char *suffix) {
  char p[4200];
  snprintf(p, sizeof p, "%s%s", gate, suffix);
  return access(p, F_OK) == 0;
}

static void event(const char *name, const char *path) {
  if (getpid() != owner) return;
  events++;
  if (trace) fprintf(trace, "%ld %s %s\n", events, name, path ? path : "-");
  if (events == kill_at) kill(owner, SIGKILL);
  if (events == pause_at && gate[0]) {
    char p[4200];
    snprintf(p, sizeof p, "%s.ready", gate);
    int saved = errno;
    int fd = (int)syscall(SYS_openat, AT_FDCWD, p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) close(fd);
    struct timespec ms = {0, 10 * 1000 * 1000};
    while (!exists(".go")) nanosleep(&ms, NULL);
    errno = saved;
  }
}

#define NEXT(ret, name, ...) \
  static ret (*real)(__VA_ARGS__); \
  if (!real) real = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, name)

static int writes(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

static mode_t mode_of(int flags, va_list ap) {
  return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...) {
  NEXT(int, "open", const char *, int, ...);
  va_list ap;
  va_start(ap, flags);
  mode_t m = mode_of(flags, ap);
  va_end(ap);
  if (writes(flags)) event(__func__, path);
  return real(path, flags, m);
}
int open64(const char *path, int flags, ...) {
  NEXT(int, "open64", const char *, int, ...);
  va_list ap;
  va_start(ap, flags);
  mode_t m = mode_of(flags, ap);
  va_end(ap);
  if (writes(flags)) event(__func__, path);
  return real(path, flags, m);
}
int openat(int dir, const char *path, int flags, ...) {
  NEXT(int, "openat", int, const char *, int, ...);
  va_list ap;
  va_start(ap, flags);
  mode_t m = mode_of(flags, ap);
  va_end(ap);
  if (writes(flags)) event(__func__, path);
  return real(dir, path, flags, m);
}
int openat64(int dir, const char *path, int flags, ...) {
  NEXT(int, "openat64", int, const char *, int, ...);
  va_list ap;
  va_start(ap, flags);
  mode_t m = mode_of(flags, ap);
  va_end(ap);
  if (writes(flags)) event(__func__, path);
  return real(dir, path, flags, m);
}
int creat(const char *path, mode_t m) {
  NEXT(int, "creat", const char *, mode_t);
  event(__func__, path);
  return real(path, m);
}

/* How much of n bytes a write to fd may still put on the "disk". */
static size_t room(int fd, size_t n) {
  struct stat st;
  if (space < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return n;
  return (long long)n > space ? (size_t)space : n;
}
static void used(int fd, ssize_t k) {
  struct stat st;
  if (space >= 0 && k > 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) space -= k;
}

ssize_t write(int fd, const void *b, size_t n) {
  NEXT(ssize_t, "write", int, const void *, size_t);
  event(__func__, NULL);
  size_t r = room(fd, n);
  if (n > 0 && r == 0) {
    errno = ENOSPC;
    return -1;
  }
  ssize_t k = real(fd, b, r);
  used(fd, k);
  return k;
}
ssize_t pwrite(int fd, const void *b, size_t n, off_t off) {
  NEXT(ssize_t, "pwrite", int, const void *, size_t, off_t);
  event(__func__, NULL);
  size_t r = room(fd, n);
  if (n > 0 && r == 0) {
    errno = ENOSPC;
    return -1;
  }
  ssize_t k = real(fd, b, r, off);
  used(fd, k);
  return k;
}
ssize_t pwrite64(int fd, const void *b, size_t n, off_t off) { return pwrite(fd, b, n, off); }
ssize_t writev(int fd, const struct iovec *v, int cnt) {
  NEXT(ssize_t, "writev", int, const struct iovec *, int);
  event(__func__, NULL);
  size_t n = 0;
  for (int i = 0; i < cnt; i++) n += v[i].iov_len;
  if (n > 0 && room(fd, n) < n) {
    errno = ENOSPC;
    return -1;
  }
  ssize_t k = real(fd, v, cnt);
  used(fd, k);
  return k;
}

#define EVENT(ret, name, params, args, path, ...) \
  ret name params { \
    NEXT(ret, #name, __VA_ARGS__); \
    event(#name, path); \
    return real args; \
  }
EVENT(int, ftruncate, (int fd, off_t len), (fd, len), NULL, int, off_t)
EVENT(int, fsync, (int fd), (fd), NULL, int)
EVENT(int, fdatasync, (int fd), (fd), NULL, int)
EVENT(int, rename, (const char *a, const char *b), (a, b), b, const char *, const char *)
EVENT(int, renameat, (int da, const char *a, int db, const char *b), (da, a, db, b), b, int, const char *, int,
      const char *)
EVENT(int, renameat2, (int da, const char *a, int db, const char *b, unsigned f), (da, a, db, b, f), b,
      int, const char *, int, const char *, unsigned)
EVENT(int, link, (const char *a, const char *b), (a, b), b, const char *, const char *)
EVENT(int, linkat, (int da, const char *a, int db, const char *b, int f), (da, a, db, b, f), b, int,
      const char *, int, const char *, int)
EVENT(int, symlink, (const char *a, const char *b), (a, b), b, const char *, const char *)
EVENT(int, unlink, (const char *p), (p), p, const char *)
EVENT(int, unlinkat, (int d, const char *p, int f), (d, p, f), p, int, const char *, int)
EVENT(int, mkdir, (const char *p, mode_t m), (p, m), p, const char *, mode_t)
EVENT(int, mkdirat, (int d, const char *p, mode_t m), (d, p, m), p, int, const char *, mode_t)
EVENT(int, rmdir, (const char *p), (p), p, const char *)
EVENT(int, connect, (int fd, const struct sockaddr *a, socklen_t n), (fd, a, n), NULL, int, const struct sockaddr *,
      socklen_t)
EVENT(ssize_t, send, (int fd, const void *b, size_t n, int f), (fd, b, n, f), NULL, int, const void *, size_t, int)
EVENT(ssize_t, sendto, (int fd, const void *b, size_t n, int f, const struct sockaddr *a, socklen_t l),
      (fd, b, n, f, a, l), NULL, int, const void *, size_t, int, const struct sockaddr *, socklen_t)
EVENT(ssize_t, sendmsg, (int fd, const struct msghdr *m, int f), (fd, m, f), NULL, int, const struct msghdr *, int)
