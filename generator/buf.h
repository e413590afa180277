/* buf.h: a growable byte buffer, always NUL-terminated.
 * Ownership: the buffer owns `data`; buf_free releases it, buf_detach hands it to the caller. */
#ifndef VARDE_BUF_H
#define VARDE_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct {
  char *data;
  size_t len;
  size_t cap;
} Buf;

#define BUF_INIT {NULL, 0, 0}

void buf_grow(Buf *b, size_t extra);
void buf_put(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
/* The entity for &, <, >, " or ', else NULL. */
const char *html_entity(char c);
/* Appends s with &, <, >, " and ' replaced by entities. */
void buf_put_html(Buf *b, const char *s, size_t n);
void buf_put_json_string(Buf *b, const char *s);
void buf_put_json_n(Buf *b, const char *s, size_t n);
/* Appends n in decimal (the index writer's hot path; printf is slow). */
void buf_put_uint(Buf *b, unsigned long long n);
void buf_clear(Buf *b);
char *buf_detach(Buf *b);
void buf_free(Buf *b);
/* data, or "" when nothing was ever written */
const char *buf_str(const Buf *b);

/* Would a spreadsheet run a CSV cell starting like s as a formula? OWASP's
 * list of CSV injection starts: = + - @ TAB CR. Every CSV varde writes (open
 * data, chart data) puts a ' before such a cell, so it stays text. */
int csv_is_formula(const char *s);

#endif
