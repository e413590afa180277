#include "buf.h"
#include "chart.h"
#include "test.h"
#include <math.h>
#include <stdlib.h>

static const char *num(double v, int dec, int pct) {
  static char out[128];
  Buf b = BUF_INIT;
  chart_format_number(&b, v, dec, pct);
  snprintf(out, sizeof out, "%s", buf_str(&b));
  buf_free(&b);
  return out;
}

/* A table from rows of '|'-separated cells, row r on line 10 + r. */
typedef struct {
  ChartTable t;
  char *store;
  const char **cells;
  int lines[512];
} T;

static void table(T *x, const char *const *rows, size_t n) {
  size_t cols = 1;
  for (const char *p = rows[0]; *p; p++) cols += *p == '|';
  size_t total = 0;
  for (size_t r = 0; r < n; r++) total += strlen(rows[r]) + 1;
  x->store = malloc(total + 1);
  x->cells = calloc(n * cols, sizeof *x->cells);
  char *w = x->store;
  for (size_t r = 0; r < n; r++) {
    x->lines[r] = 10 + (int)r;
    strcpy(w, rows[r]);
    size_t c = 0;
    x->cells[r * cols + c++] = w;
    for (; *w; w++)
      if (*w == '|') {
        *w = '\0';
        if (c < cols) x->cells[r * cols + c++] = w + 1;
      }
    w++;
    while (c < cols) x->cells[r * cols + c++] = "";
  }
  x->t = (ChartTable){n, cols, x->cells, x->lines};
}

static void table_free(T *x) {
  free(x->store);
  free(x->cells);
}

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

void suite_chart(void) {
  TEST("chart numbers are read as Norwegians write them") {
    double v = 0;
    int dec = 0, pct = 0;
    CHECK(chart_parse_number("135 433", &v, &dec, &pct) == 0 && v == 135433 && dec == 0 && !pct);
    CHECK(chart_parse_number("2 469,4", &v, &dec, &pct) == 0 && fabs(v - 2469.4) < 1e-9 && dec == 1);
    CHECK(chart_parse_number("12\xC2\xA0" "345", &v, &dec, &pct) == 0 && v == 12345);
    CHECK(chart_parse_number("1\xE2\x80\xAF" "234\xE2\x80\xAF" "567", &v, &dec, &pct) == 0 && v == 1234567);
    CHECK(chart_parse_number("9,1 %", &v, &dec, &pct) == 0 && fabs(v - 9.1) < 1e-9 && pct);
    CHECK(chart_parse_number("-27,9 %", &v, &dec, &pct) == 0 && fabs(v + 27.9) < 1e-9);
    CHECK(chart_parse_number("\xE2\x88\x92" "4", &v, &dec, &pct) == 0 && v == -4);
    CHECK(chart_parse_number("+ 1,8", &v, &dec, &pct) == 0 && fabs(v - 1.8) < 1e-9);
    CHECK(chart_parse_number("8 % (lavest)", &v, &dec, &pct) == 0 && v == 8);
    CHECK(chart_parse_number("10 441 (+1052)", &v, &dec, &pct) == 0 && v == 10441);
    CHECK(chart_parse_number("4 086*", &v, &dec, &pct) == 0 && v == 4086);
    CHECK(chart_parse_number("", &v, &dec, &pct) == 1);
    CHECK(chart_parse_number(" - ", &v, &dec, &pct) == 1);
    CHECK(chart_parse_number("\xE2\x80\x93", &v, &dec, &pct) == 1);
    CHECK(chart_parse_number("..", &v, &dec, &pct) == 1);
    CHECK(chart_parse_number("om lag 14 000", &v, &dec, &pct) == -1);
    CHECK(chart_parse_number("Opp", &v, &dec, &pct) == -1);
    CHECK(chart_parse_number("12 34", &v, &dec, &pct) == -1); /* not a group of three */
  }
  TEST("chart numbers are written with thin spaces, decimal comma and minus sign") {
    CHECK_STR(num(0, 0, 0), "0");
    CHECK_STR(num(999, 0, 0), "999");
    CHECK_STR(num(1234, 0, 0), "1\xE2\x80\xAF" "234");
    CHECK_STR(num(137950, 0, 0), "137\xE2\x80\xAF" "950");
    CHECK_STR(num(1234567.25, 2, 0), "1\xE2\x80\xAF" "234\xE2\x80\xAF" "567,25");
    CHECK_STR(num(-4.5, 1, 0), "\xE2\x88\x92" "4,5");
    CHECK_STR(num(9.1, 1, 1), "9,1\xC2\xA0%");
    CHECK_STR(num(-0.01, 0, 0), "0"); /* no "−0" */
  }
  TEST("chart ticks are round and cover the data") {
    double t0, t1, s;
    chart_ticks(0, 137950, 5, &t0, &t1, &s);
    CHECK(s == 50000 && t0 == 0 && t1 == 150000);
    chart_ticks(128902, 137950, 5, &t0, &t1, &s);
    CHECK(s == 2000 && t0 == 128000 && t1 == 138000);
    chart_ticks(-27.9, 69.8, 5, &t0, &t1, &s);
    CHECK(s == 20 && t0 == -40 && t1 == 80);
    chart_ticks(0, 0.61, 5, &t0, &t1, &s);
    CHECK(fabs(s - 0.2) < 1e-12 && t0 == 0 && fabs(t1 - 0.8) < 1e-12);
    chart_ticks(5, 5, 5, &t0, &t1, &s); /* a single value */
    CHECK(t0 == 0 && t1 >= 5 && s > 0);
    chart_ticks(0, 0, 5, &t0, &t1, &s);
    CHECK(t0 == 0 && t1 > 0);
    chart_ticks(-8, -2, 5, &t0, &t1, &s);
    CHECK(s == 2 && t0 == -8 && t1 == -2);
  }
  TEST("a table with years across becomes one series per row") {
    const char *rows[] = {"|2015|2016|2017", "Søkere|9 389|10 441|10 837", "Tilbud|8 341|8 960|9 374",
                          "Sum|17 730|19 401|20 211"};
    T x;
    table(&x, rows, 4);
    ChartData d;
    Buf err = BUF_INIT;
    int line, col;
    ChartSelect sel = {NULL, NULL, "sum", -1};
    CHECK(chart_from_table(&x.t, &sel, &d, &err, &line, &col) == 0);
    CHECK(d.n_series == 2 && d.n_cats == 3);
    CHECK_STR(d.series[1], "Tilbud");
    CHECK_STR(d.cats[2], "2017");
    CHECK(d.v[1 * 3 + 2] == 9374);
    chart_free(&d);
    ChartSelect cols = {"2015, 2017", "Søkere", NULL, 0};
    CHECK(chart_from_table(&x.t, &cols, &d, &err, &line, &col) == 0);
    CHECK(d.n_series == 2 && d.n_cats == 1); /* series are the two columns */
    CHECK_STR(d.series[0], "2015");
    CHECK(d.v[1] == 10837);
    chart_free(&d);
    table_free(&x);
    buf_free(&err);
  }
  TEST("a table with labels across becomes one series per column, missing values kept") {
    const char *rows[] = {"År|Hjelpepleier|Helsefagarbeider", "2008|3 599|-", "2009|1 865|1 389",
                          "2014|–|2 820"};
    T x;
    table(&x, rows, 4);
    ChartData d;
    Buf err = BUF_INIT;
    int line, col;
    ChartSelect sel = {NULL, NULL, NULL, -1};
    CHECK(chart_from_table(&x.t, &sel, &d, &err, &line, &col) == 0);
    CHECK(d.n_series == 2 && d.n_cats == 3);
    CHECK(isnan(d.v[0 * 3 + 2]) && isnan(d.v[1 * 3 + 0]) && d.v[1 * 3 + 2] == 2820);
    Buf svg = BUF_INIT;
    chart_svg(&svg, &d, CHART_LINE, "g", NULL);
    /* a marker where there is a number (and one in the legend), and the
     * line stops at a gap */
    CHECK(count(buf_str(&svg), "class=\"graf-merke graf-s2\"") == 2 + 1);
    CHECK(count(buf_str(&svg), "class=\"graf-linje graf-s1\"") == 1 + 1);
    CHECK_CONTAINS(buf_str(&svg), "<path d=\"M51.2 80.0L236.8 166.8\" class=\"graf-linje graf-s1\"/>");
    buf_free(&svg);
    Buf csv = BUF_INIT;
    chart_csv(&csv, &d);
    CHECK_STR(buf_str(&csv), "\"\",Hjelpepleier,Helsefagarbeider\r\n2008,3599,\r\n2009,1865,1389\r\n2014,,2820\r\n");
    buf_free(&csv);
    chart_free(&d);
    table_free(&x);
    buf_free(&err);
  }
  TEST("chart CSV: a name a spreadsheet would run as a formula gets a ' (issue 13, Low)") {
    const char *rows[] = {"Gruppe|=SUM(A1)|@x", "+1|1|2", "\t=HYPERLINK(1)|3|4", "\r-x|5|6",
                          "Elev|7|8"};
    T x;
    table(&x, rows, 5);
    ChartData d;
    Buf err = BUF_INIT;
    int line, col;
    ChartSelect sel = {NULL, NULL, NULL, -1};
    CHECK(chart_from_table(&x.t, &sel, &d, &err, &line, &col) == 0);
    Buf csv = BUF_INIT;
    chart_csv(&csv, &d);
    CHECK_CONTAINS(buf_str(&csv), "\"'=SUM(A1)\"");
    CHECK_CONTAINS(buf_str(&csv), "\"'@x\"");
    CHECK_CONTAINS(buf_str(&csv), "\"'+1\"");
    /* a leading TAB is trimmed with the cell's spaces; the guard sees what follows */
    CHECK_CONTAINS(buf_str(&csv), "\"'=HYPERLINK(1)\"");
    CHECK_CONTAINS(buf_str(&csv), "\"'\r-x\"");
    CHECK_CONTAINS(buf_str(&csv), "\r\nElev,");
    buf_free(&csv);
    chart_free(&d);
    table_free(&x);
    buf_free(&err);
  }
  TEST("a cell that is not a number is an error at its line and column") {
    const char *rows[] = {"Gruppe|Hjemme|Institusjon", "Sykepleiere|om lag 14 000|16 200"};
    T x;
    table(&x, rows, 2);
    ChartData d;
    Buf err = BUF_INIT;
    int line = 0, col = 0;
    ChartSelect sel = {NULL, NULL, NULL, -1};
    CHECK(chart_from_table(&x.t, &sel, &d, &err, &line, &col) == CHART_ERR_TABLE);
    CHECK(line == 11 && col == 2);
    CHECK_CONTAINS(buf_str(&err), "'om lag 14 000' in column 'Hjemme' is not a number");
    buf_clear(&err);
    ChartSelect bad = {"Hjemm", NULL, NULL, -1};
    CHECK(chart_from_table(&x.t, &bad, &d, &err, &line, &col) == CHART_ERR_COLUMNS);
    CHECK_CONTAINS(buf_str(&err), "no column 'Hjemm'");
    table_free(&x);
    buf_free(&err);
  }
  TEST("stacked bars add up, negative values go left of zero") {
    const char *rows[] = {"Yrke|Bestått|Ikke bestått", "Elev|344|20", "Lærling|1 384|120", "Endring|-50|30"};
    T x;
    table(&x, rows, 4);
    ChartData d;
    Buf err = BUF_INIT;
    int line, col;
    ChartSelect sel = {NULL, NULL, NULL, -1};
    CHECK(chart_from_table(&x.t, &sel, &d, &err, &line, &col) == 0);
    Buf svg = BUF_INIT;
    chart_svg(&svg, &d, CHART_STACKED, "s", NULL);
    CHECK_CONTAINS(buf_str(&svg), ">1\xE2\x80\xAF" "504<"); /* the total of the second stack */
    CHECK_CONTAINS(buf_str(&svg), ">\xE2\x88\x92" "20<");   /* -50 + 30 */
    CHECK(count(buf_str(&svg), "class=\"graf-stolpe\"") == 6 + 2); /* bars and the legend */
    buf_clear(&svg);
    chart_svg(&svg, &d, CHART_GROUPED, "s", NULL);
    CHECK_CONTAINS(buf_str(&svg), ">\xE2\x88\x92" "50<");
    CHECK_CONTAINS(buf_str(&svg), "role=\"img\" aria-labelledby=\"s-tittel s-beskrivelse\"");
    CHECK_CONTAINS(buf_str(&svg), "<pattern id=\"s-m2\"");
    buf_free(&svg);
    chart_free(&d);
    table_free(&x);
    buf_free(&err);
  }
  TEST("a single bar and hundreds of bars are drawn") {
    const char *one[] = {"Yrke|Andel", "Sykepleiere|52 %"};
    T x;
    table(&x, one, 2);
    ChartData d;
    Buf err = BUF_INIT;
    int line, col;
    ChartSelect sel = {NULL, NULL, NULL, -1};
    CHECK(chart_from_table(&x.t, &sel, &d, &err, &line, &col) == 0);
    CHECK(d.percent && d.n_cats == 1 && d.n_series == 1);
    Buf svg = BUF_INIT;
    chart_svg(&svg, &d, CHART_BAR, "e", NULL);
    CHECK(count(buf_str(&svg), "class=\"graf-stolpe\"") == 1);
    CHECK_CONTAINS(buf_str(&svg), ">52\xC2\xA0%<");
    CHECK(!strstr(buf_str(&svg), "graf-forklaring")); /* one series: no legend */
    /* a label wider than the picture is wrapped onto more lines */
    free(d.cats[0]);
    d.cats[0] = strdup("Pleieassistent og hjemmehjelp uten helseutdanning, med og uten fagbrev, i hjemmetjenesten");
    buf_clear(&svg);
    chart_svg(&svg, &d, CHART_BAR, "e", NULL);
    CHECK(count(buf_str(&svg), "<tspan") == 2);
    chart_free(&d);
    table_free(&x);
    static char rows_text[400][32];
    const char *rows[400];
    rows[0] = "Kommune|Årsverk";
    for (int i = 1; i < 400; i++) {
      snprintf(rows_text[i], sizeof rows_text[i], "K%d|%d", i, i * 37 % 1000);
      rows[i] = rows_text[i];
    }
    table(&x, rows, 400);
    CHECK(chart_from_table(&x.t, &sel, &d, &err, &line, &col) == 0);
    buf_clear(&svg);
    chart_svg(&svg, &d, CHART_BAR, "h", NULL);
    CHECK(count(buf_str(&svg), "class=\"graf-stolpe\"") == 399);
    buf_clear(&svg);
    chart_svg(&svg, &d, CHART_LINE, "h", NULL);
    CHECK(count(buf_str(&svg), "graf-merke") == 399);
    buf_free(&svg);
    chart_free(&d);
    table_free(&x);
    buf_free(&err);
  }
  TEST("chart CSV files are read with comma or semicolon") {
    const char *csv = "\xEF\xBB\xBF" "År;Søkere;Tilbud\r\n2015;9 389;8 341\r\n\"2016\";\"10 441\";8 960\r\n";
    ChartTable t;
    char *store;
    Buf err = BUF_INIT;
    int line = 0;
    CHECK(chart_parse_csv(csv, strlen(csv), &t, &store, &err, &line) == 0);
    CHECK(t.rows == 3 && t.cols == 3);
    CHECK_STR(t.cell[0], "År");
    CHECK_STR(t.cell[7], "10 441");
    chart_table_free(&t);
    free(store);
    const char *bad = "a,b\n1,2\n3\n";
    CHECK(chart_parse_csv(bad, strlen(bad), &t, &store, &err, &line) == -1);
    CHECK(line == 3);
    free(store);
    buf_free(&err);
  }
}
