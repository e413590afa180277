#include "diag.h"
#include "buf.h"
#include <stdarg.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The search index is built on a second thread: keep reports whole. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int n_errors;
/* errors about a file in content/: `varde serve` shows them on their page
 * and renders the rest of the site */
static int n_content;
static int capturing;
static Buf captured;
/* While rendering on several processes, each holds its messages; the
 * parent then prints its own and its workers' once each (the same template
 * error may be met by every worker). Records end with RS. */
static int holding;
static Buf held;
enum { RS = '\x1e', US = '\x1f' };

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

/* A GitLab Code Quality issue (Code Climate JSON); the fingerprint that
 * GitLab uses to match issues between pipelines is a hash of the message. */
static void format_gitlab(Buf *b, const char *kind, const char *path, int line,
                          const char *compiler_line, const char *msg) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (const char *p = compiler_line; *p; p++) h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
  Buf full = BUF_INIT;
  buf_puts(&full, buf_str(&prefix));
  buf_puts(&full, path);
  buf_puts(b, "{\"type\":\"issue\",\"check_name\":\"varde\",\"description\":");
  buf_put_json_string(b, msg);
  buf_printf(b, ",\"severity\":\"%s\",\"fingerprint\":\"%016llx\",\"location\":{\"path\":",
             strcmp(kind, "error") ? "minor" : "major", (unsigned long long)h);
  buf_put_json_string(b, full.data);
  buf_printf(b, ",\"lines\":{\"begin\":%d}}}", line > 0 ? line : 1);
  buf_free(&full);
}

/* Is the record an error (in any format)? */
static int is_error(const char *r, size_t n) {
  return memmem(r, n, ": error: ", 9) || (n >= 8 && !memcmp(r, "::error ", 8)) ||
         (n >= 8 && !memcmp(r, "::error:", 8));
}

/* Prints (or captures) one record. Workflow commands go to stdout, where
 * GitHub documents it reads them; GitLab's record is the compiler line for
 * the log (stderr) and, after a US, the JSON issue for the report (stdout). */
static int n_json;
static void put(FILE *f, const char *s, size_t n) {
  if (capturing) buf_put(&captured, s, n);
  else {
    fwrite(s, 1, n, f);
    fflush(f); /* a forked worker must not inherit unwritten messages */
  }
}

static void emit(const char *r, size_t n) {
  const char *us = format == DIAG_GITLAB ? memchr(r, US, n) : NULL;
  put(format == DIAG_GITHUB ? stdout : stderr, r, us ? (size_t)(us - r) : n);
  if (us) {
    put(stdout, n_json++ ? ",\n" : "[\n", 2);
    put(stdout, us + 1, n - (size_t)(us - r) - 1);
  }
}

void diag_finish(void) {
  if (format != DIAG_GITLAB) return;
  pthread_mutex_lock(&lock);
  const char *end = n_json ? "\n]\n" : "[]\n";
  if (capturing) buf_puts(&captured, end);
  else {
    fputs(end, stdout);
    fflush(stdout);
  }
  n_json = 0;
  pthread_mutex_unlock(&lock);
}

static void report(const char *kind, const char *path, int line, int col, const char *fmt,
                   va_list ap) {
  Buf b = BUF_INIT, msg = BUF_INIT;
  buf_vprintf(&msg, fmt, ap);
  if (format == DIAG_GITHUB) {
    format_github(&b, kind, path, line, col, buf_str(&msg));
  } else {
    if (path && line > 0) buf_printf(&b, "%s:%d:%d: ", path, line, col > 0 ? col : 1);
    else if (path) buf_printf(&b, "%s: ", path);
    else buf_puts(&b, "varde: ");
    buf_printf(&b, "%s: %s\n", kind, buf_str(&msg));
    if (format == DIAG_GITLAB && path) { /* a message about no file stays in the log */
      char *compiler_line = strdup(b.data);
      buf_putc(&b, US);
      format_gitlab(&b, kind, path, line, compiler_line, buf_str(&msg));
      free(compiler_line);
    }
  }
  buf_free(&msg);
  pthread_mutex_lock(&lock);
  if (holding) {
    buf_puts(&held, b.data);
    buf_putc(&held, RS);
  } else emit(b.data, b.len);
  pthread_mutex_unlock(&lock);
  buf_free(&b);
}

void diag_error(const char *path, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report("error", path, line, col, fmt, ap);
  va_end(ap);
  __atomic_fetch_add(&n_errors, 1, __ATOMIC_RELAXED);
  if (path && !strncmp(path, "content/", 8)) __atomic_fetch_add(&n_content, 1, __ATOMIC_RELAXED);
}

void diag_warning(const char *path, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report("warning", path, line, col, fmt, ap);
  va_end(ap);
}

int diag_errors(void) { return n_errors; }

int diag_content_errors(void) { return n_content; }

void diag_reset(void) {
  n_errors = 0;
  n_content = 0;
  buf_free(&captured);
}

void diag_capture(int on) {
  capturing = on;
  if (!on) buf_free(&captured);
}

const char *diag_captured(void) { return buf_str(&captured); }

void diag_reset_count(void) { n_errors = n_content = 0; }

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
      if ((size_t)(p - all.data) >= own && is_error(p, n) && n > 8 && !memcmp(p, "content/", 8)) n_content++;
      emit(p, n);
    }
    p = e + 1;
  }
  n_errors += more_errors;
  buf_free(&all);
  pthread_mutex_unlock(&lock);
}
