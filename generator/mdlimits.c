#include "mdlimits.h"
#include <string.h>

typedef struct {
  const char *s, *end;
} Line;

static int blank(Line l) {
  for (const char *p = l.s; p < l.end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r') return 0;
  return 1;
}

static const char *skip_spaces(const char *p, const char *end, int *cols) {
  for (; p < end && (*p == ' ' || *p == '\t'); p++) *cols += *p == '\t' ? 4 : 1;
  return p;
}

/* Block quotes and list items that open on this line, plus the nesting its
 * indentation implies when it starts a list item (two columns a level). */
static int depth_of(Line l, const char **rest) {
  int markers = 0, indent = 0, cols = 0;
  const char *p = skip_spaces(l.s, l.end, &indent);
  for (;;) {
    if (p < l.end && *p == '>') {
      markers++;
      p++;
    } else if (p + 1 < l.end && (*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t')) {
      markers++;
      p += 2;
    } else {
      const char *q = p;
      while (q < l.end && q - p < 9 && *q >= '0' && *q <= '9') q++;
      if (q > p && q + 1 < l.end && (*q == '.' || *q == ')') && (q[1] == ' ' || q[1] == '\t')) {
        markers++;
        p = q + 2;
      } else {
        break;
      }
    }
    p = skip_spaces(p, l.end, &cols);
  }
  *rest = p;
  int has_item = 0;
  for (const char *q = l.s; q < p; q++) has_item |= *q != '>' && *q != ' ' && *q != '\t';
  return markers + (has_item ? indent / 2 : 0);
}

/* ``` or ~~~ (three or more) opening or closing a fenced block */
static int fence(const char *p, const char *end, char *ch, int *n) {
  if (p >= end || (*p != '`' && *p != '~')) return 0;
  int k = 0;
  while (p + k < end && p[k] == *p) k++;
  if (k < 3) return 0;
  *ch = *p;
  *n = k;
  return 1;
}

/* A table's delimiter row: only | - : and spaces, at least one '-'. The
 * number of cells it has is the table's width. */
static int delimiter_cells(const char *p, const char *end) {
  int dashes = 0, pipes = 0;
  const char *first = NULL, *last = NULL;
  for (const char *q = p; q < end; q++) {
    if (*q == '-') dashes++;
    else if (*q == '|') pipes++;
    else if (*q != ':' && *q != ' ' && *q != '\t' && *q != '\r') return 0;
    if (*q != ' ' && *q != '\t' && *q != '\r') {
      if (!first) first = q;
      last = q;
    }
  }
  if (!dashes || !first) return 0;
  if (!pipes) return 0; /* a setext underline or a thematic break */
  int cells = pipes + 1;
  if (*first == '|') cells--;
  if (*last == '|' && last != first) cells--;
  return cells > 0 ? cells : 1;
}

static size_t count_marks(Line l) {
  size_t n = 0;
  for (const char *p = l.s; p < l.end; p++)
    n += *p == '*' || *p == '_' || *p == '[' || *p == ']' || *p == '~' || *p == '!' || *p == '<';
  return n;
}

static int fail(MdLimit *hit, MdLimitKind kind, long value, long limit) {
  hit->kind = kind;
  hit->value = value;
  hit->limit = limit;
  return -1;
}

int md_limits_check(const char *text, size_t len, MdLimit *hit) {
  if (len > MD_MAX_BYTES) {
    *hit = (MdLimit){0, MD_TOO_BIG, (long)(len >> 10), MD_MAX_BYTES >> 10};
    return -1;
  }
  const char *end = text + len;
  char fch = 0;
  int flen = 0, in_fence = 0;
  size_t marks = 0, cells = 0;
  long table_cols = 0; /* width of the table the previous lines belong to; 0: none */
  Line prev = {text, text};
  for (const char *s = text; s < end;) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    Line l = {s, nl ? nl : end};
    s = nl ? nl + 1 : end;
    hit->at = (size_t)(l.s - text);
    const char *rest;
    int depth = depth_of(l, &rest);
    char ch;
    int n;
    if (fence(rest, l.end, &ch, &n)) {
      if (!in_fence) {
        in_fence = 1;
        fch = ch;
        flen = n;
      } else if (ch == fch && n >= flen) {
        in_fence = 0;
      }
      prev = l;
      continue;
    }
    if (in_fence) continue;
    if (blank(l)) {
      marks = 0;
      table_cols = 0;
      prev = l;
      continue;
    }
    if (depth > MD_MAX_DEPTH) {
      return fail(hit, MD_TOO_DEEP, depth, MD_MAX_DEPTH);
    }
    /* inline marks interact within one paragraph, list item or table cell */
    int indent = 0;
    const char *text_at = skip_spaces(l.s, l.end, &indent);
    if (rest != text_at || (rest < l.end && *rest == '#') || table_cols) marks = 0;
    marks += count_marks(l);
    if (marks > MD_MAX_MARKS) {
      return fail(hit, MD_TOO_MANY_MARKS, (long)marks, MD_MAX_MARKS);
    }
    int w = delimiter_cells(rest, l.end);
    if (w && !table_cols && !blank(prev)) {
      if (w > MD_MAX_COLUMNS) {
        return fail(hit, MD_TOO_WIDE, w, MD_MAX_COLUMNS);
      }
      table_cols = w;
      cells += (size_t)w; /* the header row */
    }
    if (table_cols) {
      cells += (size_t)table_cols; /* every row is padded to the header's width */
      if (cells > MD_MAX_CELLS) {
        return fail(hit, MD_TOO_MANY_CELLS, (long)cells, MD_MAX_CELLS);
      }
    }
    prev = l;
  }
  return 0;
}
