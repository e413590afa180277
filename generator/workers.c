#include "workers.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

struct WorkShare {
  long next;                /* the next job nobody has taken */
  BuildStats worker[WORKERS_MAX];
  int errors[WORKERS_MAX];
  unsigned char taken[];    /* by job: how many processes rendered it */
};

int workers_wanted(int jobs, size_t n_jobs) {
  long n = jobs;
  const char *e = getenv("VARDE_JOBS");
  if (n <= 0 && e) n = strtol(e, NULL, 10);
  if (n <= 0) n = n_jobs < WORKERS_MIN_JOBS ? 1 : sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > WORKERS_MAX ? WORKERS_MAX : (int)n;
}

/* The next job for this process, or -1 when every job is taken. */
static long next_job(Workers *w) {
  long k = __atomic_fetch_add(&w->share->next, 1, __ATOMIC_RELAXED);
  if (k >= (long)w->plan->n_render) return -1;
  __atomic_fetch_add(&w->share->taken[k], 1, __ATOMIC_RELAXED);
  return k;
}

void workers_render(Workers *w) {
  if (!w->share) {
    for (size_t k = 0; k < w->plan->n_render; k++) render_job(w->r, &w->plan->jobs[k]);
    return;
  }
  for (long k; (k = next_job(w)) >= 0;) render_job(w->r, &w->plan->jobs[k]);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VARDE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define VARDE_ASAN 1
#endif

/* One page must not take the machine's memory, whatever the cause (the
 * known ones are bounded: mdlimits.c, the Lua cap, the page's output): a
 * worker may grow its address space by WORKER_HEADROOM_MB beyond what it has
 * when forked (the site it shares with the parent), else malloc fails, the
 * worker ends with "out of memory" and the build fails. VARDE_WORKER_HEADROOM_MB
 * sets another figure (tests, small machines). Not under AddressSanitizer,
 * which reserves terabytes of address space for its shadow memory. */
enum { WORKER_HEADROOM_MB = 1536 };

static void limit_address_space(void) {
#ifndef VARDE_ASAN
  const char *env = getenv("VARDE_WORKER_HEADROOM_MB");
  long mb = env && atol(env) > 0 ? atol(env) : WORKER_HEADROOM_MB;
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (!f) return;
  int got = fscanf(f, "%lu", &pages);
  fclose(f);
  if (got != 1) return;
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) != 0) return;
  rlim_t want = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)mb << 20);
  if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= want) return; /* a lower limit stays */
  if (rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max) want = rl.rlim_max;
  rl.rlim_cur = want;
  setrlimit(RLIMIT_AS, &rl);
#endif
}

/* A forked worker: render what it draws, report, and leave without running
 * exit handlers (the parent owns every resource). */
static _Noreturn void worker_main(Workers *w, int slot, int fd) {
  BuildStats mine = {0};
  w->r->out->stats = &mine;
  workers_render(w);
  w->share->worker[slot] = mine;
  w->share->errors[slot] = diag_errors();
  char *msgs = diag_take_held();
  fs_write_all(fd, msgs ? msgs : "", msgs ? strlen(msgs) : 0);
  free(msgs);
  _exit(0);
}

void workers_start(Workers *w, Renderer *r, const Plan *plan, int processes) {
  memset(w, 0, sizeof *w);
  w->r = r;
  w->plan = plan;
  if (processes <= 1 || plan->n_render < 2) return;
  w->share_size = sizeof *w->share + plan->n_render;
  WorkShare *sh = mmap(NULL, w->share_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (sh == MAP_FAILED) return; /* then this process renders everything */
  memset(sh, 0, w->share_size);
  w->share = sh;
  diag_hold();
  fflush(NULL);
  for (int i = 0; i < processes - 1 && i < WORKERS_MAX; i++) {
    int fd[2];
    if (pipe(fd) != 0) break;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
      /* A build killed with -9 must not leave a worker writing into the
       * folder the next build sweeps away. */
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(1);
      close(fd[0]);
      for (int k = 0; k < w->n; k++) close(w->fd[k]);
      diag_reset_count();
      limit_address_space();
      worker_main(w, i, fd[1]);
    }
    close(fd[1]);
    if (pid < 0) {
      close(fd[0]);
      break;
    }
    w->pid[w->n] = pid;
    w->fd[w->n++] = fd[0];
  }
}

/* Reads a worker's messages and waits for it; 0 when it finished. */
static int collect(Workers *w, int i, Buf *msgs) {
  char chunk[8192];
  ssize_t k;
  while ((k = read(w->fd[i], chunk, sizeof chunk)) > 0 || (k < 0 && errno == EINTR))
    if (k > 0) buf_put(msgs, chunk, (size_t)k);
  close(w->fd[i]);
  int status = 0;
  while (waitpid(w->pid[i], &status, 0) < 0 && errno == EINTR) {}
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  /* held like this process's own messages, printed with them */
  diag_error(NULL, 0, 0, "a render worker failed (%s %d)", WIFSIGNALED(status) ? "signal" : "status",
             WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
  return -1;
}

void workers_finish(Workers *w) {
  if (!w->share) return;
  Buf msgs = BUF_INIT;
  int errors = 0, failed = 0;
  BuildStats *st = w->r->out->stats;
  for (int i = 0; i < w->n; i++) {
    if (collect(w, i, &msgs) != 0) {
      failed = 1;
      continue;
    }
    errors += w->share->errors[i];
    st->pages += w->share->worker[i].pages;
    st->files += w->share->worker[i].files;
    st->reused += w->share->worker[i].reused;
  }
  /* every job of the plan rendered, and rendered once */
  for (size_t k = 0; !failed && k < w->plan->n_render; k++) assert(w->share->taken[k] == 1);
  diag_release(buf_str(&msgs), errors);
  buf_free(&msgs);
  munmap(w->share, w->share_size);
  w->share = NULL;
}
