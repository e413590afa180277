/* gen.c: writes a deterministic synthetic site in the knowledge bank's
 * content model, for `make bench`. Words are drawn from the sources' word
 * frequencies, so text, tables, headings and links look like the real site.
 *
 *   gen WORDFREQ.tsv SITE_LUA OUT_DIR PAGES [--no-charts]
 *
 * Every page has a table of yearly figures and, unless --no-charts, a chart
 * drawn from it, so the chart module's cost is part of every build measured. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void) { /* xorshift64* */
  rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
  return rng * 2685821657736338717ULL;
}
static size_t pick(size_t n) { return (size_t)(next() % n); }

static char **words; static double *cum; static size_t n_words;

static void load_words(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(2); }
  char line[512]; size_t cap = 0; double total = 0;
  if (!fgets(line, sizeof line, f)) exit(2); /* header */
  while (fgets(line, sizeof line, f)) {
    char *tab = strchr(line, '\t');
    if (!tab) continue;
    *tab = 0;
    if (n_words == cap) {
      cap = cap ? cap * 2 : 1024;
      words = realloc(words, cap * sizeof *words);
      cum = realloc(cum, cap * sizeof *cum);
    }
    total += atof(tab + 1);
    words[n_words] = strdup(line);
    cum[n_words++] = total;
  }
  fclose(f);
  for (size_t i = 0; i < n_words; i++) cum[i] /= total;
}

static const char *word(void) {
  double r = (double)(next() >> 11) / 9007199254740992.0;
  size_t lo = 0, hi = n_words - 1;
  while (lo < hi) { size_t mid = (lo + hi) / 2; if (cum[mid] < r) lo = mid + 1; else hi = mid; }
  return words[lo];
}

static void sentence(FILE *f, int n) {
  for (int i = 0; i < n; i++) {
    const char *w = word();
    if (i == 0) fprintf(f, "%c%s", (w[0] >= 'a' && w[0] <= 'z') ? w[0] - 32 : w[0], w + 1);
    else fprintf(f, " %s", w);
  }
  fputs(". ", f);
}

static void title(char *buf, size_t n) {
  snprintf(buf, n, "%s %s %s", word(), word(), word());
  if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] -= 32;
}

static const char *tema[] = {"Demens", "Eldre", "Psykisk helse", "Rus", "Ledelse", "Utdanning",
                             "Kompetanseheving", "Rekruttering og bemanning", "Barn og unge",
                             "Lindrende behandling", "Velferdsteknologi", "Samhandling"};
static const char *malgr[] = {"Kommuner", "Ledere", "Sykepleiere", "Helsefagarbeidere", "Leger",
                              "Ufaglærte", "Psykologer", "Pårørende", "Eldre", "Barn og unge"};
static const char *virk[] = {"tilskudd", "utredning", "utdanning", "kompetanseprogram",
                             "nettverk", "regelverk", "driftsmidler", "informasjon", "annet"};
static const char *status[] = {"planlagt", "pågår", "gjennomført", "avsluttet"};

static FILE *open_page(const char *dir, const char *folder, const char *slug) {
  char path[1024];
  snprintf(path, sizeof path, "%s/content/%s", dir, folder);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/content/%s/%s.md", dir, folder, slug);
  FILE *f = fopen(path, "w");
  if (!f) { perror(path); exit(2); }
  return f;
}

static int charts = 1;

static void body(FILE *f, size_t n_tiltak, int with_links) {
  static const char *heads[] = {"Hva tiltaket er", "Hvem det er for", "Resultater i 2016", "Vurdering"};
  for (int h = 0; h < 4; h++) {
    fprintf(f, "\n## %s\n\n", heads[h]);
    for (int p = 0; p < 2; p++) {
      for (int s = 0; s < 4; s++) sentence(f, 6 + (int)pick(10));
      if (with_links && p == 1 && n_tiltak > 1) {
        size_t t = pick(n_tiltak);
        fprintf(f, "Se også [tiltak %zu](../tiltak/t-%zu.md#resultater-i-2016).", t, t);
      }
      fputs("\n\n", f);
    }
    if (h == 2) {
      /* every page draws a chart from its table, unless --no-charts */
      if (charts)
        fputs("```{graf}\ntype: linje\ntittel: Deltakere og kommuner 2013–2016\nfunn: Tallene per år.\n"
              "kilde: Syntetiske tall\nkolonner: Deltakere, Kommuner\n```\n\n", f);
      fputs("| År | Deltakere | Kommuner | Kroner |\n|---|---:|---:|---:|\n", f);
      for (int y = 2013; y <= 2016; y++)
        fprintf(f, "| %d | %zu | %zu | %zu |\n", y, pick(5000), pick(428), pick(90000000));
    }
  }
}

static void kilder(FILE *f) {
  fprintf(f, "kilder:\n  - dokument: IS-2684\n    side: \"%zu\"\n", 9 + pick(60));
}

int main(int argc, char **argv) {
  if (argc == 6 && !strcmp(argv[5], "--no-charts")) {
    charts = 0;
    argc--;
  }
  if (argc != 5) { fprintf(stderr, "usage: gen WORDFREQ SITE_LUA OUT_DIR PAGES [--no-charts]\n"); return 2; }
  load_words(argv[1]);
  const char *dir = argv[3];
  size_t pages = (size_t)atol(argv[4]);
  char path[1024], t[256];
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/content", dir);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "cp %s %s/site.lua", argv[2], dir);
  if (system(path) != 0) return 2;
  size_t n_plan = 10, n_strat = 60, n_senter = pages / 20;
  size_t n_tiltak = pages - n_plan - n_strat - n_senter;
  for (size_t i = 0; i < n_plan; i++) {
    char slug[32]; snprintf(slug, sizeof slug, "p-%zu", i);
    FILE *f = open_page(dir, "planer", slug);
    title(t, sizeof t);
    fprintf(f, "---\ntittel: \"%s\"\nkortnavn: P%zu\nutgiver: Helse- og omsorgsdepartementet\når: %zu\nsammendrag: \"", t, i, 2010 + i);
    sentence(f, 12);
    fputs("\"\n", f); kilder(f); fputs("---\n", f);
    body(f, n_tiltak, 1);
    fclose(f);
  }
  for (size_t i = 0; i < n_strat; i++) {
    char slug[32]; snprintf(slug, sizeof slug, "s-%zu", i);
    FILE *f = open_page(dir, "strategier", slug);
    title(t, sizeof t);
    fprintf(f, "---\ntittel: \"%s\"\nnummer: %zu\nplan: p-%zu\nsammendrag: \"", t, i % 6 + 1, i % n_plan);
    sentence(f, 12);
    fputs("\"\n", f); kilder(f); fputs("---\n", f);
    body(f, n_tiltak, 1);
    fclose(f);
  }
  for (size_t i = 0; i < n_senter; i++) {
    char slug[32]; snprintf(slug, sizeof slug, "k-%zu", i);
    FILE *f = open_page(dir, "kompetansesentre", slug);
    title(t, sizeof t);
    fprintf(f, "---\ntittel: \"%s\"\nmålgrupper: [%s]\ntema: [%s, %s]\nsammendrag: \"", t,
            malgr[pick(10)], tema[pick(12)], tema[pick(12)]);
    sentence(f, 12);
    fputs("\"\n", f); kilder(f); fputs("---\n", f);
    body(f, n_tiltak, 1);
    fclose(f);
  }
  for (size_t i = 0; i < n_tiltak; i++) {
    char slug[32]; snprintf(slug, sizeof slug, "t-%zu", i);
    FILE *f = open_page(dir, "tiltak", slug);
    title(t, sizeof t);
    size_t s = pick(n_strat);
    fprintf(f, "---\ntittel: \"%s\"\nnummer: [\"%zu.%zu\"]\nplan: p-%zu\nstrategier: [s-%zu]\n"
               "virkemiddel: %s\nmålgrupper: [%s, %s]\ntema: [%s, %s]\nstatus: %s\n"
               "status_per: \"2016\"\nstatuskilde: \"IS-2684\"\n"
               "periode: 2016–2020\n",
            t, s % 6 + 1, i, s % n_plan, s, virk[pick(9)], malgr[pick(10)], malgr[pick(10)],
            tema[pick(12)], tema[pick(12)], status[pick(4)]);
    if (n_senter) fprintf(f, "kompetansesentre: [k-%zu]\n", pick(n_senter));
    fputs("sammendrag: \"", f);
    sentence(f, 14);
    fputs("\"\n", f); kilder(f); fputs("---\n", f);
    body(f, n_tiltak, 1);
    fclose(f);
  }
  return 0;
}
