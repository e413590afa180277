#include "buf.h"
#include "decompound.h"
#include "fsutil.h"
#include "normalize.h"
#include "variants.h"
#include "test.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void collect(const Token *t, void *ctx) {
  Buf *b = ctx;
  if (b->len) buf_putc(b, ' ');
  buf_puts(b, t->stem);
}

static const char *terms(Normalizer *n, const char *text) {
  static Buf b;
  buf_clear(&b);
  normalize_text(n, text, strlen(text), collect, &b);
  return buf_str(&b);
}

static void check_len(const Token *t, void *ctx) {
  int *bad = ctx;
  if (t->len != strlen(t->folded)) (*bad)++;
}

static const char *split(Decompounder *d, const char *w) {
  static Buf b;
  Part parts[DECOMPOUND_MAX_PARTS];
  buf_clear(&b);
  int n = decompound(d, w, strlen(w), parts);
  for (int i = 0; i < n; i++) {
    if (i) buf_putc(&b, '|');
    buf_put(&b, w + parts[i].start, parts[i].end - parts[i].start);
  }
  return buf_str(&b);
}

/* The stop words of the theme's search/<code>.lua (its stopwords = [[ … ]]),
 * appended to b, as the build reads them for the site's own tree. */
static void theme_stopwords(Buf *b, const char *code) {
  char path[64];
  snprintf(path, sizeof path, "themes/standard/search/%s.lua", code);
  size_t len;
  char *src = fs_read(path, &len);
  const char *a = src ? strstr(src, "stopwords = [[") : NULL, *e = a ? strstr(a, "]]") : NULL;
  if (a && e) {
    a += strlen("stopwords = [[");
    buf_putc(b, ' ');
    buf_put(b, a, (size_t)(e - a));
  }
  free(src);
}

void suite_search(void) {
  Buf stop = BUF_INIT;
  theme_stopwords(&stop, "nb");
  theme_stopwords(&stop, "nn");
  Normalizer *n = normalizer_new("norwegian", stop.data);
  TEST("nb, nn and no map to Snowball's Norwegian stemmer") {
    CHECK(n != NULL);
    CHECK(stop.len > 200);
    Normalizer *nn = normalizer_new("nn", NULL);
    CHECK(nn != NULL);
    CHECK_STR(terms(nn, "og helsetjenesten"), "og helsetjenest");
    normalizer_free(nn);
    CHECK(normalizer_new("klingon", NULL) == NULL);
  }
  TEST("English: Snowball's English stemmer and the theme's English stop words") {
    Buf en = BUF_INIT;
    theme_stopwords(&en, "en");
    Normalizer *e = normalizer_new("english", en.data);
    CHECK(e != NULL);
    CHECK_STR(terms(e, "What are the strategies for ourselves?"), "strategi");
    CHECK_STR(terms(e, "Strategy, recruitment and staffing"), "strategi recruit staf");
    CHECK(normalizer_is_stopword(e, "themselves"));
    CHECK(!normalizer_is_stopword(e, "themselve"));
    normalizer_free(e);
    buf_free(&en);
  }
  TEST("shared test vectors (also run against search.js)") {
    size_t len;
    char *v = fs_read("tests/search/vectors.txt", &len);
    CHECK(v != NULL);
    int cases = 0;
    for (char *line = v ? strtok(v, "\n") : NULL; line; line = strtok(NULL, "\n")) {
      char *arrow = strstr(line, " => ");
      if (line[0] == '#' || !arrow) continue;
      *arrow = '\0';
      CHECK_STR(terms(n, line), arrow + 4);
      cases++;
    }
    CHECK(cases >= 10);
    free(v);
  }
  TEST("abbreviations and numbers are kept whole") {
    Buf b = BUF_INIT;
    CHECK_STR(terms(n, "NAPHA"), "naph");
    CHECK_STR(terms(n, "Tiltak 3.14/4.4"), "tiltak 3.14 4.4");
    buf_free(&b);
  }
  TEST("stop words: whole words only, up to their length") {
    CHECK(normalizer_is_stopword(n, "og"));
    CHECK(normalizer_is_stopword(n, "på"));
    CHECK(normalizer_is_stopword(n, "også"));
    CHECK(normalizer_is_stopword(n, "hadde"));
    CHECK(normalizer_is_stopword(n, "korleis"));
    CHECK(!normalizer_is_stopword(n, "o"));
    CHECK(!normalizer_is_stopword(n, "ogs"));
    CHECK(!normalizer_is_stopword(n, "ogsåå"));
    CHECK(!normalizer_is_stopword(n, ""));
    CHECK(!normalizer_is_stopword(n, "helsetjenesten"));
    CHECK_STR(terms(n, "Og på Ikke ÅÅ helse"), "åå hels");
  }
  TEST("a token's len is its folded length") {
    int bad = 0;
    const char *text = "Skolehelsetjenesten på ØSTLANDET 4.2.11 og NAPHA";
    normalize_text(n, text, strlen(text), check_len, &bad);
    CHECK(bad == 0);
  }
  TEST("compounds split against the vocabulary") {
    Decompounder d = {0};
    const char *vocab[] = {"skole", "helse", "tjenesten", "helsestasjon", "lege", "vakt",
                           "kompetanse", "sentre", "tjenest", NULL};
    for (const char **w = vocab; *w; w++) decompound_learn(&d, *w);
    CHECK_STR(split(&d, "skolehelsetjenesten"), "skole|helse|tjenesten");
    CHECK_STR(split(&d, "helsestasjonstjenesten"), "helsestasjon|tjenesten");
    CHECK_STR(split(&d, "legevakt"), "lege|vakt");
    CHECK_STR(split(&d, "kompetansesentre"), "kompetanse|sentre");
    CHECK_STR(split(&d, "helse"), "");          /* too short */
    CHECK_STR(split(&d, "skoleskyss"), "");     /* "skyss" unknown */
    decompound_free(&d);
  }
  TEST("bokmål and nynorsk: one pair covers every compound and inflection") {
    const char *pairs[] = {"tjeneste", "teneste", "syk", "sjuk", "hjem", "heim", "hjemme", "heime",
                           "pleier", "pleiar", "ledelse", "leiing", "leder", "leiar", "vidare", "videre"};
    Variants *v = variants_new(n, pairs, sizeof pairs / sizeof *pairs / 2);
    Buf out = BUF_INIT;
    /* the term a word gets in the other form: the stem of that form's word */
    struct { const char *word, *want; } cases[] = {
        {"helsetenesta", "helsetjenest"},        /* end of the stem */
        {"spesialisthelsetjenesten", "spesialisthelsetenest"},
        {"sjukeheimane", "sykehjem"},            /* beginning, then end */
        {"sykehjemmet", "sjukeheim"},
        {"heimetenester", "hjemmetjenest"},      /* the longest beginning */
        {"sjukepleiarar", "sykepleier"},
        {"leiing", "led"},                       /* a pair's word in any form */
        {"ledelse", "leiing"},                   /* ledelse and leder share a stem: both */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      size_t sl;
      char *st = xstrdup(normalize_stem(n, cases[i].word, strlen(cases[i].word), &sl));
      CHECK(variants_of(v, n, cases[i].word, strlen(cases[i].word), NULL, 0, st, &out) == 1);
      CHECK_STR(strtok(out.data, "\n"), cases[i].want);
      free(st);
    }
    /* ledelse leads to both leiing and leiar */
    char *st = xstrdup(normalize_stem(n, "ledelse", 7, NULL));
    variants_of(v, n, "ledelse", 7, NULL, 0, st, &out);
    CHECK_STR(out.data, "leiing\nleiar");
    free(st);
    /* an inner part of a compound by its end as written */
    Part parts[2] = {{0, 11}, {11, 21}};
    st = xstrdup(normalize_stem(n, "vernepleiarutdanninga", 21, NULL));
    CHECK(variants_of(v, n, "vernepleiarutdanninga", 21, parts, 2, st, &out) == 1);
    CHECK_STR(out.data, "vernepleierutdanning");
    free(st);
    /* a word with none of the pairs, and words too short to be touched */
    st = xstrdup(normalize_stem(n, "demensomsorg", 12, NULL));
    CHECK(variants_of(v, n, "demensomsorg", 12, NULL, 0, st, &out) == 0);
    free(st);
    CHECK(variants_of(v, n, "sykt", 4, NULL, 0, "sykt", &out) == 0); /* 1 letter after "syk" */
    CHECK(variants_of(NULL, n, "helsetenesta", 12, NULL, 0, "helsetenest", &out) == 0);
    CHECK(variants_new(n, pairs, 0) == NULL);
    buf_free(&out);
    variants_free(v);
  }
  normalizer_free(n);
  buf_free(&stop);
}
