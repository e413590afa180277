#include "buf.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_grow(Buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void buf_put(Buf *b, const char *s, size_t n) {
  buf_grow(b, n);
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(Buf *b, char c) {
  buf_grow(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  buf_grow(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

const char *html_entity(char c) {
  switch (c) {
  case '&': return "&amp;";
  case '<': return "&lt;";
  case '>': return "&gt;";
  case '"': return "&quot;";
  case '\'': return "&#39;";
  default: return NULL;
  }
}

void buf_put_html(Buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    const char *rep = html_entity(s[i]);
    if (!rep) continue;
    buf_put(b, s + start, i - start);
    buf_puts(b, rep);
    start = i + 1;
  }
  buf_put(b, s + start, n - start);
}

/* Runs of plain bytes are copied at once: the search index writes ~60 MB of
 * page text through here on a large site. */
void buf_put_json_n(Buf *b, const char *s, size_t n) {
  buf_putc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c != '<') continue;
    buf_put(b, s + run, i - run);
    run = i + 1;
    switch (c) {
    case '"': buf_puts(b, "\\\""); break;
    case '\\': buf_puts(b, "\\\\"); break;
    case '\n': buf_puts(b, "\\n"); break;
    case '\r': buf_puts(b, "\\r"); break;
    case '\t': buf_puts(b, "\\t"); break;
    case '<': buf_puts(b, "\\u003c"); break; /* safe to embed in <script> */
    default: buf_printf(b, "\\u%04x", c);
    }
  }
  buf_put(b, s + run, n - run);
  buf_putc(b, '"');
}

void buf_put_json_string(Buf *b, const char *s) { buf_put_json_n(b, s, strlen(s)); }

void buf_clear(Buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

char *buf_detach(Buf *b) {
  char *d = b->data;
  if (!d) {
    d = xrealloc(NULL, 1);
    d[0] = '\0';
  }
  b->data = NULL;
  b->len = b->cap = 0;
  return d;
}

void buf_free(Buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

const char *buf_str(const Buf *b) { return b->data ? b->data : ""; }

void buf_put_uint(Buf *b, unsigned long long n) {
  char tmp[24];
  int i = (int)sizeof tmp;
  do {
    tmp[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  buf_put(b, tmp + i, sizeof tmp - (size_t)i);
}

int csv_is_formula(const char *s) {
  return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}
