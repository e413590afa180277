#include "history_text.h"
#include "xalloc.h"
#include "buf.h"
#include "markdown.h"
#include <stdlib.h>
#include <string.h>

/* The front matter block ("---\n…\n---\n" at the start): its lines and where
 * the body begins; 0 when the file has none. */
static int split_front(const char *src, const char **fm, size_t *fm_len, const char **body) {
  if (strncmp(src, "---", 3) != 0 || (src[3] != '\n' && src[3] != '\r')) return 0;
  const char *start = strchr(src, '\n') + 1;
  for (const char *p = start; *p;) {
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p) : strlen(p);
    if (n >= 3 && !strncmp(p, "---", 3) && (n == 3 || (n == 4 && p[3] == '\r'))) {
      *fm = start;
      *fm_len = (size_t)(p - start);
      *body = eol ? eol + 1 : p + n;
      return 1;
    }
    if (!eol) break;
    p = eol + 1;
  }
  return 0;
}

/* Appends s[0..n) without the YAML marks a reader does not need: a leading
 * "- ", quotes around a value, [ ] around a flow list, a ">-" or "|" block
 * marker. */
static void plain_line(Buf *out, const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\t')) n--;
  if (n >= 2 && s[0] == '-' && s[1] == ' ') s += 2, n -= 2;
  if (!n) return;
  if (s[0] == '#') return; /* a YAML comment */
  /* "sammendrag: >-" -> "sammendrag:": the block's lines follow */
  static const char *const blocks[] = {": >-", ": >+", ": >", ": |-", ": |+", ": |"};
  for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
    size_t bl = strlen(blocks[b]);
    if (n >= bl && !memcmp(s + n - bl, blocks[b], bl)) { n -= bl - 1; break; }
  }
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '"' || c == '[' || c == ']') continue;
    if (c == '\'' && (i == 0 || i == n - 1 || s[i - 1] == ' ' || s[i + 1] == ',' || s[i + 1] == ']'))
      continue;
    buf_putc(out, c);
  }
  buf_putc(out, '\n');
}

/* A table row as the plain-text renderer writes it, "| a | b | c |", as
 * "a: b, c"; the row under the header ("|---|---:|") is dropped. */
static void plain_table_row(Buf *out, const char *s, size_t n) {
  int rule = 1;
  for (size_t i = 0; i < n; i++)
    if (!strchr("|-: \r", s[i])) rule = 0;
  if (rule) return;
  size_t cell = 0;
  for (size_t i = 0; i < n;) {
    while (i < n && (s[i] == '|' || s[i] == ' ')) i++;
    size_t start = i, end = i;
    while (i < n && s[i] != '|') i++;
    end = i;
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\r')) end--;
    if (end == start) continue;
    if (cell) buf_puts(out, cell == 1 ? ": " : ", ");
    buf_put(out, s + start, end - start);
    cell++;
  }
  buf_putc(out, '\n');
}

char *history_text(const char *src) {
  Buf out = BUF_INIT;
  const char *fm = NULL, *body = src;
  size_t fm_len = 0;
  if (split_front(src, &fm, &fm_len, &body)) {
    for (const char *p = fm; p < fm + fm_len;) {
      const char *eol = memchr(p, '\n', (size_t)(fm + fm_len - p));
      size_t n = eol ? (size_t)(eol - p) : (size_t)(fm + fm_len - p);
      plain_line(&out, p, n);
      p += n + (eol ? 1 : 0);
    }
    buf_putc(&out, '\n');
  }
  size_t skip = strspn(body, " \t\r\n");
  char *text = body[skip] ? markdown_plain(body, strlen(body)) : NULL;
  for (const char *p = text; p && *p;) {
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p) : strlen(p);
    if (n && p[0] == '|') plain_table_row(&out, p, n);
    else {
      buf_put(&out, p, n);
      buf_putc(&out, '\n');
    }
    p += n + (eol ? 1 : 0);
  }
  free(text);
  char *r = buf_detach(&out);
  return r ? r : xcalloc(1, 1);
}
