#include "buf.h"
#include "decompound.h"
#include "fsutil.h"
#include "normalize.h"
#include "test.h"
#include <stdlib.h>

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

void suite_search(void) {
  Normalizer *n = normalizer_new("nb");
  TEST("nb, nn and no map to Snowball's Norwegian stemmer") {
    CHECK(n != NULL);
    Normalizer *nn = normalizer_new("nn");
    CHECK(nn != NULL);
    normalizer_free(nn);
    CHECK(normalizer_new("klingon") == NULL);
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
    CHECK(is_stopword("og"));
    CHECK(is_stopword("på"));
    CHECK(is_stopword("også"));
    CHECK(is_stopword("hadde"));
    CHECK(!is_stopword("o"));
    CHECK(!is_stopword("ogs"));
    CHECK(!is_stopword("ogsåå"));
    CHECK(!is_stopword(""));
    CHECK(!is_stopword("helsetjenesten"));
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
  normalizer_free(n);
}
