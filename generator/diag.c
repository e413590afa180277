#include "diag.h"
#include "buf.h"
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>

/* The search index is built on a second thread: keep reports whole. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int n_errors;
static int capturing;
static Buf captured;

static void report(const char *kind, const char *path, int line, int col, const char *fmt,
                   va_list ap) {
  Buf b = BUF_INIT;
  if (path && line > 0) buf_printf(&b, "%s:%d:%d: ", path, line, col > 0 ? col : 1);
  else if (path) buf_printf(&b, "%s: ", path);
  else buf_puts(&b, "varde: ");
  buf_printf(&b, "%s: ", kind);
  buf_vprintf(&b, fmt, ap);
  buf_putc(&b, '\n');
  pthread_mutex_lock(&lock);
  if (capturing) buf_puts(&captured, b.data);
  else fputs(b.data, stderr);
  pthread_mutex_unlock(&lock);
  buf_free(&b);
}

void diag_error(const char *path, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report("error", path, line, col, fmt, ap);
  va_end(ap);
  __atomic_fetch_add(&n_errors, 1, __ATOMIC_RELAXED);
}

void diag_warning(const char *path, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report("warning", path, line, col, fmt, ap);
  va_end(ap);
}

int diag_errors(void) { return n_errors; }

void diag_reset(void) {
  n_errors = 0;
  buf_free(&captured);
}

void diag_capture(int on) {
  capturing = on;
  if (!on) buf_free(&captured);
}

const char *diag_captured(void) { return buf_str(&captured); }
