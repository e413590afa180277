/* workers.h: rendering on several processes. Rendering is most of a
 * build's CPU time and every job renders on its own, so the jobs of the
 * plan are shared by worker processes forked once the site is loaded: they
 * inherit the pages, the plan, the Lua state and the compiled templates
 * without copying (copy-on-write), write their own files into the same
 * folder, and take job indexes from a counter in shared memory, so one slow
 * list page does not hold the others up. Processes rather than threads
 * because a Lua state is single-threaded, and building one per thread
 * would mean running site.lua and loading every page table again.
 *
 * The protocol: each job index is taken exactly once, by whichever process
 * draws it; workers_finish asserts that every job of the plan was rendered
 * once when no worker failed. */
#ifndef VARDE_WORKERS_H
#define VARDE_WORKERS_H
#include "render.h"
#include <sys/types.h>

/* At most WORKERS_MAX processes. Unless asked for more (--jobs), below
 * WORKERS_MIN_JOBS render jobs one process renders alone: a worker costs about 11 M instructions of its own
 * (it compiles the templates it uses again, warms its Lua state) plus the
 * fork, and a job about 1 M, so two processes break even near 15 jobs;
 * twice that leaves room for a busy machine (docs/benchmarks.md). */
enum { WORKERS_MAX = 16, WORKERS_MIN_JOBS = 32 };

typedef struct WorkShare WorkShare;

typedef struct {
  Renderer *r;
  const Plan *plan;
  int n;                    /* workers forked */
  pid_t pid[WORKERS_MAX];
  int fd[WORKERS_MAX];      /* read end of each worker's message pipe */
  WorkShare *share;         /* NULL: this process renders every job */
  size_t share_size;
} Workers;

/* How many processes render n_jobs: --jobs (jobs > 0), else $VARDE_JOBS,
 * else one per CPU, or one alone below WORKERS_MIN_JOBS. */
int workers_wanted(int jobs, size_t n_jobs);
/* Forks processes - 1 workers, which start rendering at once. Call before
 * any thread starts: fork copies only the calling thread. */
void workers_start(Workers *w, Renderer *r, const Plan *plan, int processes);
/* Renders jobs in this process until none is left. */
void workers_render(Workers *w);
/* Waits for the workers, adds their counts to this process's, and prints
 * their messages with this process's (each distinct message once). */
void workers_finish(Workers *w);

#endif
