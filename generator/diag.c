#include "diag.h"
#include "xalloc.h"
#include "buf.h"
#include "messages.h"
#include "strmap.h"
#include "text.h"
#include <stdarg.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RS = '\x1e', US = '\x1f' };

/* The diagnostics of this process: one object, two settings and a stage.
 *  - format: how a message is written (compiler lines, GitHub workflow
 *    commands, or compiler lines plus a GitLab Code Quality report);
 *  - capturing: where it goes, printed (stderr, or stdout for workflow
 *    commands and the report) or kept in `captured` (unit tests, and
 *    `varde serve`, which shows messages in the browser);
 *  - holding: while rendering on several processes each holds its messages
 *    in `held` (records ending with RS); the parent then prints its own and
 *    its workers' once each (the same template error may be met by every
 *    worker), counting each distinct error once.
 * The search index is built on a second thread, so every access is under
 * `lock`, and the counts are kept atomically. */
static struct {
  pthread_mutex_t lock;
  int errors;
  int content_errors;       /* about a file in content/: serve shows them on their page */
  DiagFormat format;
  Buf prefix;               /* put before every path (--root in a repository) */
  int capturing;
  Buf captured;
  int holding;
  Buf held;
  int n_json;               /* GitLab issues written so far */
  StrMap per_file;          /* path (an owned copy) -> messages about it so far */
} D = {.lock = PTHREAD_MUTEX_INITIALIZER};

void diag_set_format(DiagFormat f, const char *path_prefix) {
  D.format = f;
  buf_clear(&D.prefix);
  /* "." and "./" add nothing; "site" and "site/" both give "site/" */
  while (path_prefix && path_prefix[0] == '.' && path_prefix[1] == '/') path_prefix += 2;
  if (!path_prefix || !*path_prefix || !strcmp(path_prefix, ".")) {
    buf_free(&D.prefix);
    return;
  }
  buf_puts(&D.prefix, path_prefix);
  if (D.prefix.data[D.prefix.len - 1] != '/') buf_putc(&D.prefix, '/');
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
    buf_puts(&full, buf_str(&D.prefix));
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
  buf_puts(&full, buf_str(&D.prefix));
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
static void put(FILE *f, const char *s, size_t n) {
  if (D.capturing) buf_put(&D.captured, s, n);
  else {
    fwrite(s, 1, n, f);
    fflush(f); /* a forked worker must not inherit unwritten messages */
  }
}

static void emit(const char *r, size_t n) {
  const char *us = D.format == DIAG_GITLAB ? memchr(r, US, n) : NULL;
  put(D.format == DIAG_GITHUB ? stdout : stderr, r, us ? (size_t)(us - r) : n);
  if (us) {
    put(stdout, D.n_json++ ? ",\n" : "[\n", 2);
    put(stdout, us + 1, n - (size_t)(us - r) - 1);
  }
}

void diag_finish(void) {
  if (D.format != DIAG_GITLAB) return;
  pthread_mutex_lock(&D.lock);
  const char *end = D.n_json ? "\n]\n" : "[]\n";
  if (D.capturing) buf_puts(&D.captured, end);
  else {
    fputs(end, stdout);
    fflush(stdout);
  }
  D.n_json = 0;
  pthread_mutex_unlock(&D.lock);
}

/* Text as a terminal or a log can show it: control characters (C0, DEL, C1)
 * and bytes that are not UTF-8 are written as escapes (\n, \x1B, \u009B), so
 * a file name or a Lua error can neither move the cursor, recolour the
 * screen, nor start a new line that looks like another message. */
static void put_clean(Buf *b, const char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len > 1 && (i + len > n || utf8_invalid_at(s + i, len) != (size_t)-1)) len = 0;
    if (len == 1 && c >= 0x20 && c != 0x7F) buf_putc(b, (char)c);
    else if (c == '\n') buf_puts(b, "\\n");
    else if (c == '\r') buf_puts(b, "\\r");
    else if (c == '\t') buf_puts(b, "\\t");
    else if (len == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0)
      buf_printf(b, "\\u%04X", (unsigned char)s[i + 1]);
    else if (len > 1) buf_put(b, s + i, len);
    else buf_printf(b, "\\x%02X", c);
    i += len ? len : 1;
  }
}

/* One message as the chosen format writes it, into b. */
static void format_record(Buf *b, const char *kind, const char *path, int line, int col,
                          const char *text) {
  if (D.format == DIAG_GITHUB) {
    format_github(b, kind, path, line, col, text);
    return;
  }
  if (path && line > 0) buf_printf(b, "%s:%d:%d: ", path, line, col > 0 ? col : 1);
  else if (path) buf_printf(b, "%s: ", path);
  else buf_puts(b, "varde: ");
  buf_printf(b, "%s: %s\n", kind, text);
  if (D.format == DIAG_GITLAB && path) { /* a message about no file stays in the log */
    char *compiler_line = xstrdup(b->data);
    buf_putc(b, US);
    format_gitlab(b, kind, path, line, compiler_line, text);
    free(compiler_line);
  }
}

/* Counts a message about path; returns how many there have been, stopping at
 * DIAG_MAX_PER_FILE + 2 (so + 1 is returned once). Under the lock. */
static uintptr_t count_message(const char *path) {
  uintptr_t n = (uintptr_t)strmap_get(&D.per_file, path);
  if (n > DIAG_MAX_PER_FILE + 1) return n;
  strmap_put(&D.per_file, n ? path : xstrdup(path), (void *)(n + 1));
  return n + 1;
}

/* Like a compiler's error limit: after DIAG_MAX_PER_FILE messages about one
 * file, one line says that the rest are left out (they are still counted),
 * so no input can make the output grow without bound. */
static void report(const char *kind, const char *path, int line, int col, const char *fmt,
                   va_list ap) {
  Buf b = BUF_INIT, raw = BUF_INIT, text = BUF_INIT, name = BUF_INIT;
  buf_vprintf(&raw, fmt, ap);
  put_clean(&text, buf_str(&raw));
  if (path) put_clean(&name, path);
  const char *shown = path ? buf_str(&name) : NULL;
  pthread_mutex_lock(&D.lock);
  uintptr_t n = path ? count_message(path) : 0;
  if (n <= DIAG_MAX_PER_FILE) {
    format_record(&b, kind, shown, line, col, buf_str(&text));
  } else if (n == DIAG_MAX_PER_FILE + 1) {
    buf_clear(&text);
    buf_printf(&text, msg(MSG_DIAG_TOO_MANY), DIAG_MAX_PER_FILE);
    format_record(&b, "error", shown, 0, 0, buf_str(&text));
  }
  if (b.len && D.holding) {
    buf_puts(&D.held, b.data);
    buf_putc(&D.held, RS);
  } else if (b.len) emit(b.data, b.len);
  pthread_mutex_unlock(&D.lock);
  buf_free(&raw);
  buf_free(&text);
  buf_free(&name);
  buf_free(&b);
}

void diag_error(const char *path, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report("error", path, line, col, fmt, ap);
  va_end(ap);
  __atomic_fetch_add(&D.errors, 1, __ATOMIC_RELAXED);
  if (path && !strncmp(path, "content/", 8)) __atomic_fetch_add(&D.content_errors, 1, __ATOMIC_RELAXED);
}

void diag_warning(const char *path, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report("warning", path, line, col, fmt, ap);
  va_end(ap);
}

int diag_errors(void) { return D.errors; }

int diag_content_errors(void) { return D.content_errors; }

static void forget_files(void) {
  for (size_t i = 0; i < D.per_file.cap; i++) free((char *)D.per_file.keys[i]);
  strmap_free(&D.per_file);
}

void diag_reset(void) {
  forget_files();
  D.errors = 0;
  D.content_errors = 0;
  buf_free(&D.captured);
}

void diag_capture(int on) {
  D.capturing = on;
  if (!on) buf_free(&D.captured);
}

const char *diag_captured(void) { return buf_str(&D.captured); }

void diag_reset_count(void) { D.errors = D.content_errors = 0; }

void diag_hold(void) {
  pthread_mutex_lock(&D.lock);
  D.holding = 1;
  pthread_mutex_unlock(&D.lock);
}

char *diag_take_held(void) {
  pthread_mutex_lock(&D.lock);
  D.holding = 0;
  char *s = buf_detach(&D.held);
  pthread_mutex_unlock(&D.lock);
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
  pthread_mutex_lock(&D.lock);
  D.holding = 0;
  Buf all = BUF_INIT;
  buf_puts(&all, buf_str(&D.held));
  size_t own = all.len;
  buf_puts(&all, more ? more : "");
  buf_free(&D.held);
  /* A worker's error that repeats one already held counts once. */
  for (const char *p = all.data ? all.data : ""; *p;) {
    const char *e = strchr(p, RS);
    if (!e) break;
    size_t n = (size_t)(e - p);
    if (seen(all.data, p, p, n)) {
      if ((size_t)(p - all.data) >= own && more_errors > 0 && is_error(p, n)) more_errors--;
    } else {
      if ((size_t)(p - all.data) >= own && is_error(p, n) && n > 8 && !memcmp(p, "content/", 8)) D.content_errors++;
      emit(p, n);
    }
    p = e + 1;
  }
  D.errors += more_errors;
  buf_free(&all);
  pthread_mutex_unlock(&D.lock);
}
