#include "diag.h"
#include "buf.h"
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The search index is built on a second thread: keep reports whole. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int n_errors;
static int capturing;
static Buf captured;
/* While rendering on several processes, each holds its messages; the
 * parent then prints its own and its workers' once each (the same template
 * error may be met by every worker). Records end with RS. */
static int holding;
static Buf held;
enum { RS = '\x1e' };

static DiagFormat format;
static Buf prefix;

void diag_set_format(DiagFormat f, const char *path_prefix) {
  format = f;
  buf_clear(&prefix);
  /* "." and "./" add nothing; "site" and "site/" both give "site/" */
  while (path_prefix && path_prefix[0] == '.' && path_prefix[1] == '/') path_prefix += 2;
  if (!path_prefix || !*path_prefix || !strcmp(path_prefix, ".")) {
    buf_free(&prefix);
    return;
  }
  buf_puts(&prefix, path_prefix);
  if (prefix.data[prefix.len - 1] != '/') buf_putc(&prefix, '/');
}

/* Workflow-command escaping: the runner decodes %25, %0D and %0A in the
 * message; a property value also needs ':' and ',' encoded, which would
 * otherwise end the value. */
static void put_escaped(Buf *b, const char *s, int property) {
  for (; *s; s++) {
    if (*s == '%') buf_puts(b, "%25");
    else if (*s == '\r') buf_puts(b, "%0D");
    else if (*s == '\n') buf_puts(b, "%0A");
    else if (property && *s == ':') buf_puts(b, "%3A");
    else if (property && *s == ',') buf_puts(b, "%2C");
    else buf_putc(b, *s);
  }
}

static void format_github(Buf *b, const char *kind, const char *path, int line, int col,
                          const char *msg) {
  buf_printf(b, "::%s", kind);
  if (path) {
    Buf full = BUF_INIT;
    buf_puts(&full, buf_str(&prefix));
    buf_puts(&full, path);
    buf_puts(b, " file=");
    put_escaped(b, full.data, 1);
    buf_free(&full);
    if (line > 0) buf_printf(b, ",line=%d,col=%d", line, col > 0 ? col : 1);
  }
  buf_puts(b, "::");
  put_escaped(b, msg, 0);
  buf_putc(b, '\n');
}

/* Workflow commands are read from stdout (GitHub documents stdout). */
static FILE *out(void) { return format == DIAG_GITHUB ? stdout : stderr; }

/* Is the record an error (in either format)? */
static int is_error(const char *r, size_t n) {
  return memmem(r, n, ": error: ", 9) || (n >= 8 && !memcmp(r, "::error ", 8)) ||
         (n >= 8 && !memcmp(r, "::error:", 8));
}

static void report(const char *kind, const char *path, int line, int col, const char *fmt,
                   va_list ap) {
  Buf b = BUF_INIT;
  if (format == DIAG_GITHUB) {
    Buf msg = BUF_INIT;
    buf_vprintf(&msg, fmt, ap);
    format_github(&b, kind, path, line, col, buf_str(&msg));
    buf_free(&msg);
  } else {
    if (path && line > 0) buf_printf(&b, "%s:%d:%d: ", path, line, col > 0 ? col : 1);
    else if (path) buf_printf(&b, "%s: ", path);
    else buf_puts(&b, "varde: ");
    buf_printf(&b, "%s: ", kind);
    buf_vprintf(&b, fmt, ap);
    buf_putc(&b, '\n');
  }
  pthread_mutex_lock(&lock);
  if (holding) {
    buf_puts(&held, b.data);
    buf_putc(&held, RS);
  } else if (capturing) buf_puts(&captured, b.data);
  else {
    fputs(b.data, out());
    fflush(out()); /* a forked worker must not inherit unwritten messages */
  }
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

void diag_reset_count(void) { n_errors = 0; }

void diag_hold(void) {
  pthread_mutex_lock(&lock);
  holding = 1;
  pthread_mutex_unlock(&lock);
}

char *diag_take_held(void) {
  pthread_mutex_lock(&lock);
  holding = 0;
  char *s = buf_detach(&held);
  pthread_mutex_unlock(&lock);
  return s;
}

/* Is the record [r, r+n) among the RS-terminated records of `in` before `end`? */
static int seen(const char *in, const char *end, const char *r, size_t n) {
  for (const char *p = in; p < end;) {
    const char *e = memchr(p, RS, (size_t)(end - p));
    if (!e) break;
    if ((size_t)(e - p) == n && !memcmp(p, r, n)) return 1;
    p = e + 1;
  }
  return 0;
}

void diag_release(const char *more, int more_errors) {
  pthread_mutex_lock(&lock);
  holding = 0;
  Buf all = BUF_INIT;
  buf_puts(&all, buf_str(&held));
  size_t own = all.len;
  buf_puts(&all, more ? more : "");
  buf_free(&held);
  /* A worker's error that repeats one already held counts once. */
  for (const char *p = all.data ? all.data : ""; *p;) {
    const char *e = strchr(p, RS);
    if (!e) break;
    size_t n = (size_t)(e - p);
    if (seen(all.data, p, p, n)) {
      if ((size_t)(p - all.data) >= own && more_errors > 0 && is_error(p, n)) more_errors--;
    } else {
      if (capturing) buf_put(&captured, p, n);
      else {
        fwrite(p, 1, n, out());
        fflush(out());
      }
    }
    p = e + 1;
  }
  n_errors += more_errors;
  buf_free(&all);
  pthread_mutex_unlock(&lock);
}
