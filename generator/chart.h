/* chart.h: charts drawn at build time. A table of text (a Markdown table on
 * the page, or a CSV file beside it) becomes numbers (Norwegian notation:
 * "12 345", "2,5", "9,1 %", "–" for no value), and the numbers become an SVG
 * that needs no script: horizontal bars (single, grouped, stacked) or lines.
 * The SVG carries no visible words of its own, only the numbers, the table's
 * labels and classes the theme's CSS colours; every series has its own fill
 * pattern or line style and marker, so colour is never the only cue. */
#ifndef VARDE_CHART_H
#define VARDE_CHART_H
#include "buf.h"
#include <stddef.h>

typedef enum { CHART_BAR, CHART_GROUPED, CHART_STACKED, CHART_LINE } ChartKind;

/* Cells of a table, row 0 the header; line[r] is row r's line in its file. */
typedef struct {
  size_t rows, cols;
  const char **cell;          /* cell[r * cols + c] */
  const int *line;
} ChartTable;

/* Which part of the table to draw. Lists are comma-separated header texts
 * (columns) or first-cell texts (rows), compared without case; NULL: all. */
typedef struct {
  const char *columns;        /* value columns to use */
  const char *rows;           /* rows to use */
  const char *exclude;        /* rows to leave out ("Sum, Totalt") */
  int series_in_rows;         /* 1: each row is a series; 0: each column; -1: decide
                                 (rows when the headers are numbers such as years) */
} ChartSelect;

typedef struct {
  size_t n_cats, n_series;
  char **cats, **series;      /* malloc'd */
  double *v;                  /* v[s * n_cats + c]; NAN when there is no value */
  int decimals;               /* most decimals written in a cell */
  int percent;                /* the cells were written with "%" */
} ChartData;

/* A cell as a number. 0: *v is set; 1: the cell says "no value" (empty, "–",
 * "-", "..", ":"); -1: not a number. decimals/percent are raised to what the
 * cell shows. A note after the number in parentheses or a footnote mark is
 * allowed: "8 % (lavest)", "10 441 (+1052)", "4 086*". */
int chart_parse_number(const char *s, double *v, int *decimals, int *percent);
/* Norwegian notation: narrow no-break space between thousands, decimal
 * comma, minus sign, " %" when percent. */
void chart_format_number(Buf *out, double v, int decimals, int percent);
/* Round tick steps (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi]
 * in about `target` steps: *t0 and *t1 are the first and last tick. */
void chart_ticks(double lo, double hi, int target, double *t0, double *t1, double *step);

/* Reads the selected part of the table. CHART_OK, or an error with a
 * message for the editor in err and the line and column it is about in
 * line and col; CHART_ERR_COLUMNS/ROWS/EXCLUDE: a name in that selection
 * is not in the table (the selection's mistake, not the table's). */
enum { CHART_OK = 0, CHART_ERR_TABLE = -1, CHART_ERR_COLUMNS = -2, CHART_ERR_ROWS = -3, CHART_ERR_EXCLUDE = -4 };
int chart_from_table(const ChartTable *t, const ChartSelect *sel, ChartData *d, Buf *err, int *line,
                     int *col);
/* Parses CSV text (comma or semicolon separated, first row the header) into
 * a table whose cells point into a copy kept in *store (free it after). */
int chart_parse_csv(const char *text, size_t len, ChartTable *t, char **store, Buf *err, int *line);
void chart_table_free(ChartTable *t);
void chart_free(ChartData *d);

/* The SVG. id makes its pattern ids unique on the page and names the
 * elements that label it (id-tittel, id-beskrivelse); unit is shown after
 * the axis numbers' unit (may be NULL). */
void chart_svg(Buf *out, const ChartData *d, ChartKind kind, const char *id, const char *unit);
/* The numbers as CSV (comma separated, dot decimals: for programs). */
void chart_csv(Buf *out, const ChartData *d);
/* The numbers as an HTML table (for data that is not on the page already). */
void chart_table_html(Buf *out, const ChartData *d, const char *caption);

#endif
