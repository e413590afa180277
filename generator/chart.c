#include "chart.h"
#include "xalloc.h"
#include "messages.h"
#include "text.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ----------------------------------------------------------- */

static const char *skip_space(const char *s) {
  for (;;) {
    if (*s == ' ' || *s == '\t') s++;
    else if (!strncmp(s, "\xC2\xA0", 2)) s += 2;                 /* no-break space */
    else if (!strncmp(s, "\xE2\x80\xAF", 3) || !strncmp(s, "\xE2\x80\x89", 3)) s += 3; /* thin */
    else return s;
  }
}

/* Length of a space between digit groups at s ("12 345"), or 0. */
static size_t group_space(const char *s) {
  size_t n = *s == ' ' ? 1 : !strncmp(s, "\xC2\xA0", 2) ? 2
           : (!strncmp(s, "\xE2\x80\xAF", 3) || !strncmp(s, "\xE2\x80\x89", 3)) ? 3 : 0;
  if (!n) return 0;
  for (int i = 0; i < 3; i++)
    if (!isdigit((unsigned char)s[n + i])) return 0;
  return isdigit((unsigned char)s[n + 3]) ? 0 : n;
}

int chart_parse_number(const char *s, double *v, int *decimals, int *percent) {
  s = skip_space(s);
  const char *e = s + strlen(s);
  while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
  size_t n = (size_t)(e - s);
  static const char *const none[] = {"", "-", "\xE2\x80\x93", "\xE2\x80\x94", "..", ":", ".", NULL};
  for (const char *const *m = none; *m; m++)
    if (n == strlen(*m) && !strncmp(s, *m, n)) return 1;
  int neg = 0;
  if (*s == '+') s++;
  else if (*s == '-') { neg = 1; s++; }
  else if (!strncmp(s, "\xE2\x88\x92", 3)) { neg = 1; s += 3; } /* minus sign */
  s = skip_space(s);
  if (!isdigit((unsigned char)*s)) return -1;
  char num[64];
  size_t k = 0;
  int dec = 0;
  while (k < sizeof num - 2) {
    if (isdigit((unsigned char)*s)) {
      num[k++] = *s++;
      if (dec) dec++;
    } else if ((*s == ',' || *s == '.') && !dec && isdigit((unsigned char)s[1])) {
      num[k++] = '.';
      s++;
      dec = 1;
    } else if (!dec && k && group_space(s)) {
      s += group_space(s);
    } else {
      break;
    }
  }
  num[k] = '\0';
  s = skip_space(s);
  int pct = 0;
  if (*s == '%') { pct = 1; s = skip_space(s + 1); }
  while (*s == '*') s = skip_space(s + 1);
  if (*s == '(') { /* a note: "(lavest)", "(+1052)" */
    const char *close = strchr(s, ')');
    if (!close) return -1;
    s = skip_space(close + 1);
  }
  if (*s) return -1;
  *v = strtod(num, NULL) * (neg ? -1 : 1);
  if (dec && dec - 1 > *decimals) *decimals = dec - 1;
  if (pct) *percent = 1;
  return 0;
}

void chart_format_number(Buf *out, double v, int decimals, int percent) {
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  char digits[64];
  double a = fabs(v);
  snprintf(digits, sizeof digits, "%.*f", decimals, a);
  /* -0 and values that round to zero get no sign */
  int zero = 1;
  for (const char *p = digits; *p; p++) if (*p >= '1' && *p <= '9') zero = 0;
  if (v < 0 && !zero) buf_puts(out, "\xE2\x88\x92");
  const char *dot = strchr(digits, '.');
  size_t ilen = dot ? (size_t)(dot - digits) : strlen(digits);
  for (size_t i = 0; i < ilen; i++) {
    /* groups from four digits on, as the tables on the site write them */
    if (i && (ilen - i) % 3 == 0 && ilen > 3) buf_puts(out, "\xE2\x80\xAF");
    buf_putc(out, digits[i]);
  }
  if (dot) {
    buf_putc(out, ',');
    buf_puts(out, dot + 1);
  }
  if (percent) buf_puts(out, "\xC2\xA0%");
}

void chart_ticks(double lo, double hi, int target, double *t0, double *t1, double *step) {
  if (target < 1) target = 1;
  if (!(hi > lo)) {
    /* one value, or all equal: a range around it that includes zero */
    if (hi > 0) lo = 0;
    else if (lo < 0) hi = 0;
    else hi = 1;
  }
  double raw = (hi - lo) / target;
  double mag = pow(10, floor(log10(raw)));
  static const double nice[] = {1, 2, 2.5, 5, 10};
  double s = 10 * mag;
  for (int i = 0; i < 5; i++)
    if (nice[i] * mag >= raw) { s = nice[i] * mag; break; }
  *step = s;
  *t0 = floor(lo / s + 1e-9) * s;
  *t1 = ceil(hi / s - 1e-9) * s;
  if (*t1 <= *t0) *t1 = *t0 + s;
}

/* ---- tables ------------------------------------------------------------ */

/* Is `name` in the comma-separated list (case and outer spaces ignored)? */
static int in_list(const char *list, const char *name) {
  Buf want = BUF_INIT;
  const char *n = skip_space(name);
  size_t nl = strlen(n);
  while (nl && (n[nl - 1] == ' ' || n[nl - 1] == '*')) nl--;
  int found = 0;
  for (const char *p = list; *p && !found;) {
    const char *c = strchr(p, ',');
    size_t l = c ? (size_t)(c - p) : strlen(p);
    const char *a = p;
    while (l && (*a == ' ' || *a == '\t')) { a++; l--; }
    while (l && (a[l - 1] == ' ' || a[l - 1] == '\t')) l--;
    found = l == nl && !strncasecmp(a, n, l);
    p += (c ? (size_t)(c - p) + 1 : strlen(p));
  }
  buf_free(&want);
  return found;
}

/* The first name of a list that matches nothing in names, or NULL. */
static const char *unmatched(const char *list, const char **names, size_t n, size_t stride, Buf *tmp) {
  for (const char *p = list; p && *p;) {
    const char *c = strchr(p, ',');
    size_t l = c ? (size_t)(c - p) : strlen(p);
    buf_clear(tmp);
    buf_put(tmp, p, l);
    int hit = 0;
    for (size_t i = 0; i < n && !hit; i++) hit = in_list(buf_str(tmp), names[i * stride]);
    const char *s = skip_space(buf_str(tmp));
    if (!hit && *s) return s;
    p = c ? c + 1 : NULL;
  }
  return NULL;
}

static char *clean_label(const char *s) {
  s = skip_space(s);
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '*')) n--;
  /* Markdown emphasis marks around a label ("*Aldersgrupper*") */
  char *out = xmalloc(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != '*' && s[i] != '_') out[k++] = s[i];
  out[k] = '\0';
  return out;
}

int chart_from_table(const ChartTable *t, const ChartSelect *sel, ChartData *d, Buf *err, int *line,
                     int *col) {
  memset(d, 0, sizeof *d);
  *line = t->rows ? t->line[0] : 0;
  *col = 1;
  if (t->rows < 2 || t->cols < 2) {
    buf_puts(err, msg(MSG_CH_SHAPE));
    return CHART_ERR_TABLE;
  }
  size_t C = t->cols;
  /* which columns and rows */
  char *use_col = xcalloc(C, 1), *use_row = xcalloc(t->rows, 1);
  Buf tmp = BUF_INIT;
  const char *bad;
  int rc = CHART_ERR_TABLE;
  if (sel->columns && (bad = unmatched(sel->columns, t->cell + 1, C - 1, 1, &tmp))) {
    buf_printf(err, msg(MSG_CH_NO_COLUMN), bad);
    rc = CHART_ERR_COLUMNS;
    goto out;
  }
  if (sel->rows && (bad = unmatched(sel->rows, t->cell + C, t->rows - 1, C, &tmp))) {
    buf_printf(err, msg(MSG_CH_NO_ROW), bad);
    rc = CHART_ERR_ROWS;
    goto out;
  }
  if (sel->exclude && (bad = unmatched(sel->exclude, t->cell + C, t->rows - 1, C, &tmp))) {
    buf_printf(err, msg(MSG_CH_NO_EXCLUDE), bad);
    rc = CHART_ERR_EXCLUDE;
    goto out;
  }
  size_t ncol = 0, nrow = 0;
  for (size_t c = 1; c < C; c++) {
    use_col[c] = !sel->columns || in_list(sel->columns, t->cell[c]);
    ncol += use_col[c];
  }
  for (size_t r = 1; r < t->rows; r++) {
    const char *label = t->cell[r * C];
    use_row[r] = (!sel->rows || in_list(sel->rows, label)) && !(sel->exclude && in_list(sel->exclude, label));
    /* a row that is all empty but its label is a sub-heading ("Aldersgrupper 2016:") */
    if (use_row[r] && !sel->rows) {
      int empty = 1;
      for (size_t c = 1; c < C; c++) empty &= !*skip_space(t->cell[r * C + c]);
      if (empty) use_row[r] = 0;
    }
    nrow += use_row[r];
  }
  if (!ncol || !nrow) {
    buf_puts(err, msg(MSG_CH_EMPTY));
    goto out;
  }
  int rows_are_series = sel->series_in_rows;
  if (rows_are_series < 0) {
    /* years across the header: each row is a series over time */
    int numeric = 0, dec = 0, pct = 0;
    double v;
    for (size_t c = 1; c < C; c++)
      if (use_col[c] && chart_parse_number(t->cell[c], &v, &dec, &pct) == 0) numeric++;
    rows_are_series = numeric * 2 > (int)ncol;
  }
  d->n_series = rows_are_series ? nrow : ncol;
  d->n_cats = rows_are_series ? ncol : nrow;
  d->series = xcalloc(d->n_series, sizeof *d->series);
  d->cats = xcalloc(d->n_cats, sizeof *d->cats);
  d->v = xmalloc(d->n_series * d->n_cats * sizeof *d->v);
  size_t ri = 0;
  for (size_t r = 1; r < t->rows; r++) {
    if (!use_row[r]) continue;
    size_t ci = 0;
    for (size_t c = 1; c < C; c++) {
      if (!use_col[c]) continue;
      double v = NAN;
      const char *cell = t->cell[r * C + c];
      int k = chart_parse_number(cell, &v, &d->decimals, &d->percent);
      if (k < 0) {
        *line = t->line[r];
        *col = (int)c + 1;
        buf_printf(err, msg(MSG_CH_NOT_NUMBER), cell, t->cell[c]);
        goto out;
      }
      if (k > 0) v = NAN;
      size_t s = rows_are_series ? ri : ci, cat = rows_are_series ? ci : ri;
      d->v[s * d->n_cats + cat] = v;
      if (ri == 0) {
        if (rows_are_series) d->cats[ci] = clean_label(t->cell[c]);
        else d->series[ci] = clean_label(t->cell[c]);
      }
      ci++;
    }
    if (rows_are_series) d->series[ri] = clean_label(t->cell[r * C]);
    else d->cats[ri] = clean_label(t->cell[r * C]);
    ri++;
  }
  rc = CHART_OK;
out:
  free(use_col);
  free(use_row);
  buf_free(&tmp);
  if (rc) chart_free(d);
  return rc;
}

int chart_parse_csv(const char *text, size_t len, ChartTable *t, char **store, Buf *err, int *line) {
  memset(t, 0, sizeof *t);
  char *s = xmalloc(len + 1);
  memcpy(s, text, len);
  s[len] = '\0';
  *store = s;
  if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3; /* byte order mark */
  /* the separator is the header's: ';' (Norwegian spreadsheets) or ',' */
  size_t head = strcspn(s, "\n");
  char sep = memchr(s, ';', head) ? ';' : ',';
  const char **cells = NULL;
  int *lines = NULL;
  size_t n = 0, cap = 0, rows = 0, cols = 0, in_row = 0;
  int ln = 1;
  char *w = s, *p = s;
  while (*p) {
    /* one field */
    char *start = w;
    if (*p == '"') {
      p++;
      while (*p && !(*p == '"' && p[1] != '"')) {
        if (*p == '"') p++;
        if (*p == '\n') ln++;
        *w++ = *p++;
      }
      if (*p == '"') p++;
    } else {
      while (*p && *p != sep && *p != '\n' && *p != '\r') *w++ = *p++;
    }
    char end = *p;
    if (end == '\r') end = *++p;
    *w++ = '\0';
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      cells = xrealloc(cells, cap * sizeof *cells);
    }
    cells[n++] = start;
    in_row++;
    if (end == sep) {
      p++;
      continue;
    }
    /* end of a row (a blank line is skipped) */
    if (in_row == 1 && !*start) {
      n--;
    } else {
      if (!rows) cols = in_row;
      else if (in_row != cols) {
        *line = ln;
        buf_printf(err, msg(MSG_CH_CSV_ROW), in_row, cols);
        free(cells);
        free(lines);
        return -1;
      }
      lines = xrealloc(lines, (rows + 1) * sizeof *lines);
      lines[rows++] = ln;
    }
    in_row = 0;
    if (end == '\n') {
      p++;
      ln++;
    }
  }
  t->rows = rows;
  t->cols = cols;
  t->cell = cells;
  t->line = lines;
  return 0;
}

void chart_table_free(ChartTable *t) {
  free((void *)t->cell);
  free((void *)t->line);
  memset(t, 0, sizeof *t);
}

void chart_free(ChartData *d) {
  for (size_t i = 0; d->series && i < d->n_series; i++) free(d->series[i]);
  for (size_t i = 0; d->cats && i < d->n_cats; i++) free(d->cats[i]);
  free(d->series);
  free(d->cats);
  free(d->v);
  memset(d, 0, sizeof *d);
}

/* ---- drawing ----------------------------------------------------------- */

/* The SVG's own printf: only %s, %d, %zu and %.1f, the last without the C
 * library's exact decimal conversion. A chart is a few hundred coordinates;
 * with vsnprintf (twice per call) they cost more than the rest of the page. */
static void put_tenths(Buf *b, double v) {
  long long t = llround(v * 10);
  if (t < 0) {
    buf_putc(b, '-');
    t = -t;
  }
  buf_put_uint(b, (unsigned long long)(t / 10));
  buf_putc(b, '.');
  buf_putc(b, (char)('0' + t % 10));
}

static void svgf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *run = fmt;
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') continue;
    buf_put(b, run, (size_t)(p - run));
    if (!strncmp(p, "%.1f", 4)) {
      put_tenths(b, va_arg(ap, double));
      p += 3;
    } else if (!strncmp(p, "%zu", 3)) {
      buf_put_uint(b, va_arg(ap, size_t));
      p += 2;
    } else if (p[1] == 'd') {
      int v = va_arg(ap, int);
      if (v < 0) {
        buf_putc(b, '-');
        v = -v;
      }
      buf_put_uint(b, (unsigned long long)v);
      p++;
    } else if (p[1] == 's') {
      buf_puts(b, va_arg(ap, const char *));
      p++;
    } else {
      buf_putc(b, *p); /* '%' itself: never used with other conversions */
    }
    run = p + 1;
  }
  buf_puts(b, run);
  va_end(ap);
}

/* 440 units wide: on a 320 px phone the text is still about 9 px, on a wide
 * screen (at most 34rem) about 18 px. */
enum { W = 440, FONT = 14, N_STYLES = 6 };

/* Width of text in SVG units, roughly: a sans-serif averages 0.56 em. */
static double text_width(const char *s, double size) {
  size_t chars = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) chars += (*p & 0xC0) != 0x80;
  return (double)chars * size * 0.56;
}

static void fmt(Buf *out, const ChartData *d, double v, int decimals) {
  chart_format_number(out, v, decimals, d->percent);
}

static void put_text(Buf *out, double x, double y, const char *anchor, const char *cls, const char *s) {
  svgf(out, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
  if (anchor) svgf(out, " text-anchor=\"%s\"", anchor);
  svgf(out, " class=\"%s\">", cls);
  buf_put_html(out, s, strlen(s));
  buf_puts(out, "</text>");
}

/* Fill patterns, one per series: solid, stripes, dots, crossing lines,
 * wide stripes, checks. The stripes are drawn in the background colour. */
static void patterns(Buf *out, const char *id, size_t n) {
  static const char *const marks[N_STYLES] = {
      "",
      "<path d=\"M-2 2l4-4M0 8l8-8M6 10l4-4\" class=\"graf-strek\"/>",
      "<circle cx=\"4\" cy=\"4\" r=\"1.6\" class=\"graf-prikk\"/>",
      "<path d=\"M0 4h8M4 0v8\" class=\"graf-strek\"/>",
      "<path d=\"M0 2h8M0 6h8\" class=\"graf-strek\"/>",
      "<path d=\"M-2 6l4 4M0 0l8 8M6 -2l4 4\" class=\"graf-strek\"/>"};
  buf_puts(out, "<defs>");
  for (size_t s = 0; s < n && s < N_STYLES; s++)
    svgf(out, "<pattern id=\"%s-m%zu\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
                    "<rect width=\"8\" height=\"8\" class=\"graf-s%zu\"/>%s</pattern>",
               id, s + 1, s + 1, marks[s]);
  buf_puts(out, "</defs>");
}

static void fill_attr(Buf *out, const char *id, size_t s) {
  /* the pattern's own rectangle carries the series' colour class: a class
   * on the bar would override the fill attribute */
  svgf(out, " fill=\"url(#%s-m%zu)\" class=\"graf-stolpe\"", id, s % N_STYLES + 1);
}

/* Line styles and markers, one per series. */
static const char *const dashes[N_STYLES] = {"", "7 4", "2 3", "10 3 2 3", "4 2", "1 5"};

static void marker(Buf *out, size_t s, double x, double y) {
  size_t k = s % N_STYLES + 1;
  switch (s % N_STYLES) {
  case 0: svgf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" class=\"graf-merke graf-s%zu\"/>", x, y, k); break;
  case 1: svgf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" class=\"graf-merke graf-s%zu\"/>", x - 4, y - 4, k); break;
  case 2: svgf(out, "<path d=\"M%.1f %.1fl5 8h-10z\" class=\"graf-merke graf-s%zu\"/>", x, y - 5, k); break;
  case 3: svgf(out, "<path d=\"M%.1f %.1fl5 5-5 5-5-5z\" class=\"graf-merke graf-s%zu\"/>", x, y - 5, k); break;
  case 4: svgf(out, "<path d=\"M%.1f %.1fh8v3h-8z M%.1f %.1fh3v8h-3z\" class=\"graf-merke graf-s%zu\"/>", x - 4, y - 1.5, x - 1.5, y - 4, k); break;
  default: svgf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" class=\"graf-merke graf-hul graf-s%zu\"/>", x, y, k); break;
  }
}

/* The legend: one series a line, so long names need no wrapping and it
 * reads the same at 320 px. Returns its height. */
static double legend(Buf *out, const ChartData *d, ChartKind kind, const char *id, double y) {
  if (d->n_series < 2) return 0;
  buf_puts(out, "<g class=\"graf-forklaring\">");
  for (size_t s = 0; s < d->n_series; s++) {
    double cy = y + 20.0 * (double)s;
    if (kind == CHART_LINE) {
      svgf(out, "<path d=\"M2 %.1fh28\" class=\"graf-linje graf-s%zu\"", cy + 10, s % N_STYLES + 1);
      if (*dashes[s % N_STYLES]) svgf(out, " stroke-dasharray=\"%s\"", dashes[s % N_STYLES]);
      buf_puts(out, "/>");
      marker(out, s, 16, cy + 10);
    } else {
      svgf(out, "<rect x=\"2\" y=\"%.1f\" width=\"26\" height=\"14\"", cy + 3);
      fill_attr(out, id, s);
      buf_puts(out, "/>");
    }
    put_text(out, 38, cy + 15, NULL, "graf-tekst", d->series[s]);
  }
  buf_puts(out, "</g>");
  return 20.0 * (double)d->n_series + 8;
}

static void svg_open(Buf *out, const char *id, double h) {
  svgf(out, "<svg class=\"graf-svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                  "aria-labelledby=\"%s-tittel %s-beskrivelse\" focusable=\"false\" font-size=\"%d\">",
             W, (int)lround(h), W, (int)lround(h), id, id, FONT);
}

/* Splits a label into lines that fit `width`, at spaces; returns the count
 * (at most 3; the last line takes the rest). starts[i]/lens[i] give each. */
static int wrap_label(const char *s, double width, const char **starts, size_t *lens) {
  int n = 0;
  while (*s && n < 3) {
    size_t len = strlen(s), cut = len;
    if (n < 2 && text_width(s, FONT) > width) {
      size_t best = 0;
      for (size_t i = 1; i < len; i++) {
        if (s[i] != ' ') continue;
        char tmp[512];
        size_t k = i < sizeof tmp - 1 ? i : sizeof tmp - 1;
        memcpy(tmp, s, k);
        tmp[k] = '\0';
        if (text_width(tmp, FONT) <= width) best = i;
        else break;
      }
      if (best) cut = best;
    }
    starts[n] = s;
    lens[n++] = cut;
    s += cut;
    while (*s == ' ') s++;
  }
  return n ? n : 1;
}

static void put_label(Buf *out, double x, double y, const char *s, double width) {
  const char *starts[3];
  size_t lens[3];
  int n = wrap_label(s, width, starts, lens);
  if (n == 1) {
    put_text(out, x, y, NULL, "graf-tekst", s);
    return;
  }
  svgf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"graf-tekst\">", x, y);
  for (int i = 0; i < n; i++) {
    svgf(out, "<tspan x=\"%.1f\" dy=\"%d\">", x, i ? FONT + 2 : 0);
    buf_put_html(out, starts[i], lens[i]);
    buf_puts(out, "</tspan>");
  }
  buf_puts(out, "</text>");
}

/* Horizontal bars: each category's label on its own line above its bars,
 * so long labels never crowd and the chart keeps its shape on a phone. */
static void bars(Buf *out, const ChartData *d, ChartKind kind, const char *id, const char *unit) {
  size_t nc = d->n_cats, ns = d->n_series;
  int stacked = kind == CHART_STACKED;
  double lo = 0, hi = 0;
  for (size_t c = 0; c < nc; c++) {
    double pos = 0, neg = 0;
    for (size_t s = 0; s < ns; s++) {
      double v = d->v[s * nc + c];
      if (isnan(v)) continue;
      if (stacked) {
        if (v >= 0) pos += v;
        else neg += v;
      } else {
        if (v > hi) hi = v;
        if (v < lo) lo = v;
      }
    }
    if (stacked) {
      if (pos > hi) hi = pos;
      if (neg < lo) lo = neg;
    }
  }
  double t0, t1, step;
  chart_ticks(lo, hi, 5, &t0, &t1, &step);
  int tick_dec = 0;
  for (double st = step; st < 1 - 1e-9 && tick_dec < 6; st *= 10) tick_dec++;
  /* room for the value labels beside the bars */
  Buf tmp = BUF_INIT;
  double right = 0, left = 0;
  for (size_t c = 0; c < nc; c++)
    for (size_t s = 0; s < ns; s++) {
      double v = d->v[s * nc + c];
      if (isnan(v)) continue;
      buf_clear(&tmp);
      fmt(&tmp, d, v, d->decimals);
      double w = text_width(buf_str(&tmp), FONT) + 8;
      if (v < 0 && w > left) left = w;
      if (v >= 0 && w > right) right = w;
    }
  if (stacked) right = left = 0;
  double x0 = 4 + left, x1 = W - 4 - (right > 0 ? right : 12);
  double per_bar = 20, gap = 4, block_gap = 16;
  double bars_per_cat = stacked || kind == CHART_BAR ? 1 : (double)ns;
  double block = FONT + 6 + bars_per_cat * per_bar + (bars_per_cat - 1) * gap + block_gap;
  double top = 4;
  double leg = legend(out, d, kind, id, top);
  Buf body = BUF_INIT;
  /* each category's place: long labels take more lines */
  double *cat_y = xmalloc((nc + 1) * sizeof *cat_y), label_w = W - 8;
  cat_y[0] = top + leg;
  for (size_t c = 0; c < nc; c++) {
    const char *starts[3];
    size_t lens[3];
    int lines = wrap_label(d->cats[c], label_w, starts, lens);
    cat_y[c + 1] = cat_y[c] + block + (double)(lines - 1) * (FONT + 2);
  }
  double y0 = top + leg, plot_h = cat_y[nc] - y0;
  double h = y0 + plot_h + FONT + 16 + (unit && *unit ? FONT + 6 : 0);
#define X(v) (x0 + ((v) - t0) / (t1 - t0) * (x1 - x0))
  /* grid and tick numbers below the bars */
  buf_puts(&body, "<g class=\"graf-akse\">");
  int nt = (int)llround((t1 - t0) / step);
  for (int i = 0; i <= nt; i++) {
    double tv = t0 + step * i, x = X(tv);
    svgf(&body, "<path d=\"M%.1f %.1fV%.1f\" class=\"%s\"/>", x, y0, y0 + plot_h,
               fabs(tv) < step * 1e-6 ? "graf-null" : "graf-rutenett");
    buf_clear(&tmp);
    fmt(&tmp, d, fabs(tv) < step * 1e-6 ? 0 : tv, tick_dec);
    put_text(&body, x, y0 + plot_h + FONT + 6, i == 0 ? "start" : i == nt ? "end" : "middle", "graf-tall", buf_str(&tmp));
  }
  /* the unit on a line of its own under the numbers, where it cannot crowd them */
  if (unit && *unit) put_text(&body, x1, y0 + plot_h + 2 * FONT + 12, "end", "graf-tall", unit);
  buf_puts(&body, "</g>");
  for (size_t c = 0; c < nc; c++) {
    double y = cat_y[c];
    put_label(&body, 4, y + FONT, d->cats[c], label_w);
    /* the bars start under the label's last line */
    double by = cat_y[c + 1] - block + FONT + 6, pos = 0, neg = 0;
    for (size_t s = 0; s < ns; s++) {
      double v = d->v[s * nc + c];
      if (isnan(v)) {
        if (!stacked) by += per_bar + gap;
        continue;
      }
      double a, b;
      if (stacked) {
        a = v >= 0 ? pos : neg + v;
        b = v >= 0 ? pos + v : neg;
        if (v >= 0) pos += v;
        else neg += v;
      } else {
        a = v < 0 ? v : 0;
        b = v < 0 ? 0 : v;
      }
      double xa = X(a), xb = X(b);
      svgf(&body, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", xa, by,
                 xb - xa < 0.5 ? 0.5 : xb - xa, per_bar);
      fill_attr(&body, id, s);
      buf_puts(&body, "/>");
      if (!stacked) {
        buf_clear(&tmp);
        fmt(&tmp, d, v, d->decimals);
        if (v < 0) put_text(&body, xa - 4, by + per_bar - 5, "end", "graf-tall", buf_str(&tmp));
        else put_text(&body, xb + 4, by + per_bar - 5, NULL, "graf-tall", buf_str(&tmp));
        by += per_bar + gap;
      }
    }
    if (stacked) {
      /* the total beside the stack */
      buf_clear(&tmp);
      fmt(&tmp, d, pos + neg, d->decimals);
      double tx = X(pos) + 4;
      if (tx + text_width(buf_str(&tmp), FONT) > W) tx = X(pos) - 4 - text_width(buf_str(&tmp), FONT);
      put_text(&body, tx, by + per_bar - 5, NULL, "graf-tall graf-sum", buf_str(&tmp));
    }
  }
#undef X
  Buf head = BUF_INIT;
  svg_open(&head, id, h);
  patterns(&head, id, ns);
  /* the legend was written first into out: put the head before it */
  Buf all = BUF_INIT;
  buf_put(&all, head.data, head.len);
  buf_put(&all, out->data ? out->data : "", out->len);
  buf_put(&all, body.data ? body.data : "", body.len);
  buf_puts(&all, "</svg>");
  buf_clear(out);
  buf_put(out, all.data, all.len);
  buf_free(&all);
  buf_free(&head);
  buf_free(&body);
  buf_free(&tmp);
  free(cat_y);
}

/* Lines: categories (years) along x, one line per series, each with its own
 * dash pattern and marker shape. */
static void lines(Buf *out, const ChartData *d, const char *id, const char *unit) {
  size_t nc = d->n_cats, ns = d->n_series;
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < nc * ns; i++) {
    if (isnan(d->v[i])) continue;
    if (d->v[i] < lo) lo = d->v[i];
    if (d->v[i] > hi) hi = d->v[i];
  }
  if (lo > hi) lo = hi = 0;
  /* start at zero unless that flattens the line into a strip */
  if (lo > 0 && lo < hi * 0.5) lo = 0;
  if (hi < 0 && hi > lo * 0.5) hi = 0;
  double t0, t1, step;
  chart_ticks(lo, hi, 5, &t0, &t1, &step);
  int tick_dec = 0;
  for (double st = step; st < 1 - 1e-9 && tick_dec < 6; st *= 10) tick_dec++;
  Buf tmp = BUF_INIT;
  double ylab = 0;
  int nt = (int)llround((t1 - t0) / step);
  for (int i = 0; i <= nt; i++) {
    buf_clear(&tmp);
    fmt(&tmp, d, t0 + step * i, tick_dec);
    double w = text_width(buf_str(&tmp), FONT);
    if (w > ylab) ylab = w;
  }
  double leg_h;
  Buf leg = BUF_INIT;
  leg_h = legend(&leg, d, CHART_LINE, id, 4);
  double top = 4 + leg_h + (unit && *unit ? FONT + 8 : 0) + 8;
  /* the first and last category labels are centred on their points: leave
   * half of each inside the picture */
  double half_first = nc ? text_width(d->cats[0], FONT) / 2 : 0;
  double half_last = nc ? text_width(d->cats[nc - 1], FONT) / 2 : 0;
  double plot_h = 200, x0 = ylab + 12, x1 = W - 14;
  if (nc > 1 && x0 < half_first + 2) x0 = half_first + 2;
  if (nc > 1 && x1 > W - half_last - 2) x1 = W - half_last - 2;
  double y1 = top + plot_h, h = y1 + FONT + 14;
  svg_open(out, id, h);
  buf_put(out, leg.data ? leg.data : "", leg.len);
  buf_free(&leg);
  if (unit && *unit) put_text(out, 2, top - 10, NULL, "graf-tall", unit);
#define Y(v) (y1 - ((v) - t0) / (t1 - t0) * plot_h)
  buf_puts(out, "<g class=\"graf-akse\">");
  for (int i = 0; i <= nt; i++) {
    double tv = t0 + step * i, y = Y(tv);
    svgf(out, "<path d=\"M%.1f %.1fH%.1f\" class=\"%s\"/>", x0, y, x1,
               fabs(tv) < step * 1e-6 ? "graf-null" : "graf-rutenett");
    buf_clear(&tmp);
    fmt(&tmp, d, fabs(tv) < step * 1e-6 ? 0 : tv, tick_dec);
    put_text(out, x0 - 6, y + 5, "end", "graf-tall", buf_str(&tmp));
  }
  /* category labels: as many as fit side by side */
  double dx = nc > 1 ? (x1 - x0) / (double)(nc - 1) : 0, widest = 0;
  for (size_t c = 0; c < nc; c++) {
    double w = text_width(d->cats[c], FONT) + 10;
    if (w > widest) widest = w;
  }
  size_t every = nc > 1 && dx < widest ? (size_t)ceil(widest / dx) : 1;
  for (size_t c = 0; c < nc; c++) {
    if (c % every && c != nc - 1) continue;
    if (c != nc - 1 && nc - 1 - c < every && c % every == 0 && c) continue; /* keep the last clear */
    double x = nc > 1 ? x0 + dx * (double)c : (x0 + x1) / 2;
    put_text(out, x, y1 + FONT + 8, "middle", "graf-tall", d->cats[c]);
  }
  buf_puts(out, "</g>");
  for (size_t s = 0; s < ns; s++) {
    Buf path = BUF_INIT;
    int pen = 0;
    for (size_t c = 0; c < nc; c++) {
      double v = d->v[s * nc + c];
      if (isnan(v)) { pen = 0; continue; } /* a gap where there is no number */
      double x = nc > 1 ? x0 + dx * (double)c : (x0 + x1) / 2;
      svgf(&path, "%s%.1f %.1f", pen ? "L" : "M", x, Y(v));
      pen = 1;
    }
    if (path.len) {
      svgf(out, "<path d=\"%s\" class=\"graf-linje graf-s%zu\"", path.data, s % N_STYLES + 1);
      if (*dashes[s % N_STYLES]) svgf(out, " stroke-dasharray=\"%s\"", dashes[s % N_STYLES]);
      buf_puts(out, "/>");
    }
    buf_free(&path);
    for (size_t c = 0; c < nc; c++) {
      double v = d->v[s * nc + c];
      if (isnan(v)) continue;
      marker(out, s, nc > 1 ? x0 + dx * (double)c : (x0 + x1) / 2, Y(v));
    }
  }
  /* the last value of a single line, written out */
  if (ns == 1) {
    for (size_t c = nc; c-- > 0;) {
      double v = d->v[c];
      if (isnan(v)) continue;
      buf_clear(&tmp);
      fmt(&tmp, d, v, d->decimals);
      double x = nc > 1 ? x0 + dx * (double)c : (x0 + x1) / 2;
      put_text(out, x, Y(v) - 10, "end", "graf-tall graf-sum", buf_str(&tmp));
      break;
    }
  }
#undef Y
  buf_puts(out, "</svg>");
  buf_free(&tmp);
}

void chart_svg(Buf *out, const ChartData *d, ChartKind kind, const char *id, const char *unit) {
  if (kind == CHART_LINE) {
    lines(out, d, id, unit);
    return;
  }
  Buf b = BUF_INIT;
  bars(&b, d, kind, id, unit);
  buf_put(out, b.data ? b.data : "", b.len);
  buf_free(&b);
}

/* A name from the editor's table (numbers are written apart): quoted when it
 * needs to be, and never a formula (a row named "=HYPERLINK(…)"). */
static void csv_field(Buf *out, const char *s) {
  int formula = csv_is_formula(s);
  if (!formula && !strpbrk(s, ",\"\n\r")) {
    buf_puts(out, s);
    return;
  }
  buf_putc(out, '"');
  if (formula) buf_putc(out, '\'');
  for (; *s; s++) {
    if (*s == '"') buf_putc(out, '"');
    buf_putc(out, *s);
  }
  buf_putc(out, '"');
}

void chart_csv(Buf *out, const ChartData *d) {
  buf_puts(out, "\"\"");
  for (size_t s = 0; s < d->n_series; s++) {
    buf_putc(out, ',');
    csv_field(out, d->series[s]);
  }
  buf_puts(out, "\r\n");
  for (size_t c = 0; c < d->n_cats; c++) {
    csv_field(out, d->cats[c]);
    for (size_t s = 0; s < d->n_series; s++) {
      buf_putc(out, ',');
      double v = d->v[s * d->n_cats + c];
      if (!isnan(v)) buf_printf(out, "%.*f", d->decimals, v);
    }
    buf_puts(out, "\r\n");
  }
}

void chart_table_html(Buf *out, const ChartData *d, const char *caption) {
  buf_puts(out, "<table>");
  if (caption && *caption) {
    buf_puts(out, "<caption>");
    buf_put_html(out, caption, strlen(caption));
    buf_puts(out, "</caption>");
  }
  buf_puts(out, "<thead><tr><td></td>");
  for (size_t s = 0; s < d->n_series; s++) {
    buf_puts(out, "<th scope=\"col\">");
    buf_put_html(out, d->series[s], strlen(d->series[s]));
    buf_puts(out, "</th>");
  }
  buf_puts(out, "</tr></thead><tbody>");
  for (size_t c = 0; c < d->n_cats; c++) {
    buf_puts(out, "<tr><th scope=\"row\">");
    buf_put_html(out, d->cats[c], strlen(d->cats[c]));
    buf_puts(out, "</th>");
    for (size_t s = 0; s < d->n_series; s++) {
      double v = d->v[s * d->n_cats + c];
      buf_puts(out, "<td class=\"tall\">");
      if (isnan(v)) buf_puts(out, "\xE2\x80\x93");
      else chart_format_number(out, v, d->decimals, d->percent);
      buf_puts(out, "</td>");
    }
    buf_puts(out, "</tr>");
  }
  buf_puts(out, "</tbody></table>");
}
