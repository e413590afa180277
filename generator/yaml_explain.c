#include "yaml_explain.h"
#include "xalloc.h"
#include "buf.h"
#include "diag.h"
#include "messages.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *s;
  size_t n;
} Line;

enum { MAX_LEVELS = 64 };

/* The indentations open at a line (a stack), with the field last seen at
 * each: what a wrongly indented line is measured against. */
typedef struct {
  int indent[MAX_LEVELS];
  int line[MAX_LEVELS];      /* 0-based line of yaml */
  Buf name[MAX_LEVELS];
  size_t depth;
} Levels;

typedef struct {
  const char *path;
  int first_line;
  Line *lines;
  size_t n_lines;
  Levels lv;
} X;

/* 1-based column in characters of byte `at` of a line. */
static int col_of(const Line *l, size_t at) {
  int col = 1;
  for (size_t i = 0; i < at && i < l->n; i++) col += ((unsigned char)l->s[i] & 0xC0) != 0x80;
  return col;
}

static void report(const X *x, size_t li, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(const X *x, size_t li, size_t at, const char *fmt, ...) {
  Buf b = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  diag_error(x->path, x->first_line + (int)li, col_of(&x->lines[li], at), "%s", b.data);
  buf_free(&b);
}

/* A field name at p: characters up to a ':' that is followed by a space,
 * a tab or the end of the line. *no_space is set (and the length of the
 * name returned) for "status:pågår", a word glued to its value. */
static size_t key_len(const char *p, size_t n, int *no_space) {
  *no_space = 0;
  size_t k = 0;
  int spaces = 0;
  while (k < n && !strchr(":#'\"[]{},&*!|>%@`", p[k]) && p[k] != '\0') spaces |= p[k++] == ' ';
  if (k == 0 || k >= n || p[k] != ':' || p[0] == ' ') return 0;
  if (k + 1 == n || p[k + 1] == ' ' || p[k + 1] == '\t') return k;
  /* "https://…" is a value, not a field; "se kl. 12:30" is a text */
  if (p[k + 1] == '/' || spaces) return 0;
  *no_space = 1;
  return k;
}

/* The end of a plain value: before a comment (" #") and trailing spaces. */
static size_t plain_end(const char *v, size_t n) {
  size_t e = 0;
  while (e < n && !(v[e] == '#' && e > 0 && (v[e - 1] == ' ' || v[e - 1] == '\t'))) e++;
  while (e > 0 && (v[e - 1] == ' ' || v[e - 1] == '\t')) e--;
  return e;
}

/* How the line looks with its value quoted: 'key: "value"' or '- "value"'. */
static const char *quoted(Buf *b, const char *key, size_t key_n, const char *v, size_t n) {
  if (key) buf_printf(b, "%.*s: \"", (int)key_n, key);
  else buf_puts(b, "- \"");
  for (size_t i = 0; i < n; i++) {
    if (v[i] == '"' || v[i] == '\\') buf_putc(b, '\\');
    buf_putc(b, v[i]);
  }
  buf_putc(b, '"');
  return b->data;
}

/* Where the quoted text starting at v[0] closes, or n when it does not on
 * this line. */
static size_t quote_close(const char *v, size_t n) {
  char q = v[0];
  for (size_t i = 1; i < n; i++) {
    if (q == '"' && v[i] == '\\') { i++; continue; }
    if (v[i] == q) {
      if (q == '\'' && i + 1 < n && v[i + 1] == '\'') { i++; continue; } /* '' is a quote */
      return i;
    }
  }
  return n;
}

/* Follows a [ … ] or { … } value from byte `at` of line li across lines
 * indented more than `indent`. Returns 1 with a report for an unclosed
 * bracket or quotation mark, 0 when it closes (*end_line is where). */
static int flow_value(X *x, size_t li, size_t at, int indent, size_t *end_line) {
  char stack[MAX_LEVELS];
  size_t depth = 0, open_line = li, open_at = at;
  for (size_t l = li; l < x->n_lines; l++) {
    const Line *ln = &x->lines[l];
    if (l > li) {
      size_t sp = 0;
      while (sp < ln->n && ln->s[sp] == ' ') sp++;
      if (sp < ln->n && (int)sp <= indent) break; /* back at the fields: never closed */
    }
    for (size_t i = l == li ? at : 0; i < ln->n; i++) {
      char c = ln->s[i];
      if (c == '[' || c == '{') {
        if (depth < MAX_LEVELS) stack[depth] = c;
        depth++;
      } else if (c == ']' || c == '}') {
        if (depth && --depth == 0) {
          *end_line = l;
          return 0;
        }
      } else if (c == '"' || c == '\'') {
        size_t close = quote_close(ln->s + i, ln->n - i);
        if (i + close >= ln->n) {
          report(x, l, i, msg(MSG_FM_UNCLOSED_QUOTE), c == '"' ? "\"" : "'");
          return 1;
        }
        i += close;
      } else if (c == '#' && i > 0 && ln->s[i - 1] == ' ') {
        break; /* a comment to the end of the line */
      }
    }
  }
  char open = stack[0];
  report(x, open_line, open_at, msg(MSG_FM_UNCLOSED_BRACKET), open == '[' ? "[" : "{",
         open == '[' ? "]" : "}");
  return 1;
}

/* The value of a field or list item, from byte `at` of line li. Returns 1
 * with a report, 0 when it looks right; *opens when it is empty (the
 * field's value follows on the next lines), *block for '|' and '>'. */
static int check_value(X *x, size_t li, size_t at, const char *key, size_t key_n, int indent,
                       int *opens, int *block, size_t *end_line) {
  const Line *l = &x->lines[li];
  const char *v = l->s + at;
  size_t vn = l->n - at;
  size_t e = plain_end(v, vn);
  *opens = *block = 0;
  *end_line = li;
  if (e == 0) {
    *opens = 1;
    return 0;
  }
  switch (v[0]) {
  case '"':
  case '\'': {
    size_t close = quote_close(v, vn);
    if (close >= vn) {
      report(x, li, at, msg(MSG_FM_UNCLOSED_QUOTE), v[0] == '"' ? "\"" : "'");
      return 1;
    }
    size_t rest = close + 1;
    while (rest < vn && (v[rest] == ' ' || v[rest] == '\t')) rest++;
    if (rest < vn && v[rest] != '#') {
      report(x, li, at + rest, "%s", msg(MSG_FM_TEXT_AFTER_QUOTE));
      return 1;
    }
    return 0;
  }
  case '[':
  case '{':
    return flow_value(x, li, at, indent, end_line);
  case '|':
  case '>':
    *block = 1;
    return 0;
  case '-':
    if (key && (vn == 1 || v[1] == ' ')) {
      report(x, li, at, "%s", msg(MSG_FM_LIST_IN_VALUE));
      return 1;
    }
    break;
  case '@':
  case '`':
  case '%':
  case '*':
  case '&':
  case '!': {
    char first[2] = {v[0], 0};
    Buf b = BUF_INIT;
    report(x, li, at, msg(MSG_FM_RESERVED_START), first, quoted(&b, key, key_n, v, e));
    buf_free(&b);
    return 1;
  }
  default:
    break;
  }
  /* a plain text cannot hold ': ' (nor end in ':'): YAML reads a field */
  for (size_t i = 0; i < e; i++)
    if (v[i] == ':' && (i + 1 == e || v[i + 1] == ' ' || v[i + 1] == '\t')) {
      Buf b = BUF_INIT;
      report(x, li, at, msg(MSG_FM_COLON_IN_VALUE), quoted(&b, key, key_n, v, e));
      buf_free(&b);
      return 1;
    }
  return 0;
}

static void level_set(Levels *lv, size_t i, int indent, size_t li, const char *name, size_t n) {
  lv->indent[i] = indent;
  lv->line[i] = (int)li;
  buf_clear(&lv->name[i]);
  buf_put(&lv->name[i], name, n);
}

static void level_push(Levels *lv, int indent, size_t li, const char *name, size_t n) {
  if (lv->depth < MAX_LEVELS) level_set(lv, lv->depth++, indent, li, name, n);
}

/* A line indented to none of the open levels: measured against the
 * nearest one (the deeper on a tie). */
static void wrong_indent(X *x, size_t li, int indent, const char *name, size_t n) {
  Levels *lv = &x->lv;
  size_t best = 0;
  for (size_t i = 0; i < lv->depth; i++) {
    int d = lv->indent[i] - indent, bd = lv->indent[best] - indent;
    if ((d < 0 ? -d : d) <= (bd < 0 ? -bd : bd)) best = i;
  }
  if (lv->depth == 0 || (lv->indent[best] == 0 && !lv->name[best].len)) {
    report(x, li, (size_t)indent, msg(MSG_FM_INDENT_TOP), (int)n, name);
    return;
  }
  report(x, li, (size_t)indent, msg(MSG_FM_INDENT), (int)n, name, buf_str(&lv->name[best]),
         x->first_line + lv->line[best], lv->indent[best]);
}

/* Places a line at its indentation. Returns 1 with a report when it fits
 * none, 0 when placed, 2 for a continuation line of a text. */
static int place(X *x, size_t li, int indent, int opens, int after_key, int dash, const char *name,
                 size_t n) {
  Levels *lv = &x->lv;
  if (lv->depth == 0) {
    level_push(lv, indent, li, name, n);
    return 0;
  }
  int top = lv->indent[lv->depth - 1];
  if (indent > top) {
    if (opens) {
      level_push(lv, indent, li, name, n);
      return 0;
    }
    if (!name) return 2; /* a long text going on on the next line */
    wrong_indent(x, li, indent, name, n);
    return 1;
  }
  /* a list may start at its field's own indentation */
  if (opens && after_key && dash && indent == top) {
    level_push(lv, indent, li, name, n);
    return 0;
  }
  size_t d = lv->depth;
  while (d > 0 && lv->indent[d - 1] > indent) d--;
  if (d == 0 || lv->indent[d - 1] != indent) {
    wrong_indent(x, li, indent, name ? name : "", name ? n : 0);
    return 1;
  }
  lv->depth = d;
  if (name) level_set(lv, d - 1, indent, li, name, n);
  return 0;
}

static int explain_lines(X *x, size_t last) {
  int opens = 0, after_key = 0, block = -1;
  for (size_t li = 0; li <= last && li < x->n_lines; li++) {
    const Line *l = &x->lines[li];
    size_t ws = 0;
    while (ws < l->n && (l->s[ws] == ' ' || l->s[ws] == '\t')) ws++;
    if (ws == l->n) continue; /* blank */
    const char *tab = memchr(l->s, '\t', ws);
    if (tab && !(block >= 0 && (int)(tab - l->s) > block)) {
      report(x, li, (size_t)(tab - l->s), "%s", msg(MSG_FM_TAB));
      return 1;
    }
    int indent = (int)ws;
    const char *t = l->s + ws;
    size_t tn = l->n - ws;
    if (block >= 0 && indent > block) continue; /* the text of a '|' or '>' value */
    block = -1;
    if (t[0] == '#') continue;
    int dash = t[0] == '-' && (tn == 1 || t[1] == ' ');
    size_t at = 0;
    if (dash) for (at = 1; at < tn && t[at] == ' ';) at++;
    int no_space;
    size_t k = key_len(t + at, tn - at, &no_space);
    if (no_space) {
      size_t e = plain_end(t + at + k + 1, tn - at - k - 1);
      report(x, li, ws + at + k, msg(MSG_FM_NO_SPACE), (int)k, t + at, (int)e, t + at + k + 1);
      return 1;
    }
    const char *name = k ? t + at : dash ? "-" : NULL;
    size_t name_n = k ? k : dash ? 1 : 0;
    int placed = place(x, li, indent, opens, after_key, dash, name, name_n);
    if (placed == 1) return 1;
    if (placed == 2) continue;
    if (!k && !dash) {
      /* a line at a field's place with no 'field: value' in it */
      report(x, li, ws, msg(MSG_FM_NO_COLON), (int)plain_end(t, tn), t);
      return 1;
    }
    if (dash && k) level_push(&x->lv, indent + (int)at, li, t + at, k);
    size_t vat = ws + at + (k ? k + 1 : 0);
    while (vat < l->n && (l->s[vat] == ' ' || l->s[vat] == '\t')) vat++;
    int is_block;
    size_t end_line;
    if (check_value(x, li, vat, k ? t + at : NULL, k, indent, &opens, &is_block, &end_line)) return 1;
    after_key = k != 0;
    if (is_block) block = k && dash ? indent + (int)at : indent;
    if (end_line > li) li = end_line; /* a list written over several lines */
  }
  return 0;
}

int yaml_explain(const char *path, const char *yaml, size_t len, int first_line, int stop_line) {
  X x = {.path = path, .first_line = first_line};
  size_t cap = 16;
  x.lines = xmalloc(cap * sizeof *x.lines);
  for (size_t i = 0; i <= len;) {
    const char *nl = i < len ? memchr(yaml + i, '\n', len - i) : NULL;
    size_t end = nl ? (size_t)(nl - yaml) : len;
    if (i == len && x.n_lines) break;
    if (x.n_lines == cap) x.lines = xrealloc(x.lines, (cap *= 2) * sizeof *x.lines);
    size_t n = end - i;
    if (n && yaml[end - 1] == '\r') n--;
    x.lines[x.n_lines++] = (Line){yaml + i, n};
    i = end + 1;
  }
  size_t last = stop_line < 0 ? 0 : (size_t)stop_line;
  int found = explain_lines(&x, last);
  for (size_t i = 0; i < MAX_LEVELS; i++) buf_free(&x.lv.name[i]);
  free(x.lines);
  return found;
}

const char *yaml_problem_words(const char *problem) {
  static const char *const words[][2] = {
      {"did not find expected key",
       "et nytt felt ('felt: verdi') var ventet her; se etter innrykk og anførselstegn på linjen over"},
      {"mapping values are not allowed in this context",
       "': ' kan ikke stå her; sett teksten i anførselstegn eller rett innrykket"},
      {"could not find expected ':'", "kolonet etter feltnavnet mangler ('felt: verdi')"},
      {"found character that cannot start any token",
       "tegnet kan ikke stå først i en verdi; sett teksten i anførselstegn"},
      {"found unexpected end of stream", "hodet slutter midt i en verdi"},
      {"did not find expected ',' or ']'", "listen mangler ',' eller ']'"},
      {"did not find expected ',' or '}'", "mangler ',' eller '}'"},
      {"did not find expected node content", "en verdi mangler her"},
      {"did not find expected '-' indicator", "listen fortsetter ikke med '- '; se etter innrykket"},
      {"block sequence entries are not allowed in this context",
       "et listepunkt ('- ') kan ikke stå her; skriv listen på egne linjer under feltet"},
      {"found a tab character that violates indentation",
       "tabulator i innrykket: bruk mellomrom, ikke tabulator"},
      {"found a tab character where an indentation space is expected",
       "tabulator i innrykket: bruk mellomrom, ikke tabulator"},
      {"found unknown escape character", "ukjent tegn etter \\ i teksten; skriv \\\\ for en skråstrek"},
  };
  if (!problem || !messages_norwegian()) return problem;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (!strcmp(problem, words[i][0])) return words[i][1];
  return problem;
}
