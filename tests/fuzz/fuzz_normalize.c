/* fuzz_normalize: the search tokeniser, case folding and Snowball stemmer
 * wrapper (normalize.c) and the compound splitter (decompound.c), as
 * search_index.c uses them: a counting pass learns the vocabulary (folded
 * words of 4+ bytes and their stems), a second pass stems every token and
 * splits it against that vocabulary, and gives it its other written form
 * (variants.c) as search_index.c does. The seeds include the query
 * normaliser's shared test vectors (tests/search/vectors.txt).
 *
 * Invariants: tokens lie inside the input, in order, with a non-empty
 * valid UTF-8 folded form and stem; both passes see the same tokens; a
 * split has 2..DECOMPOUND_MAX_PARTS known parts of 4+ bytes that cover the
 * word except for one linking 's' or 'e' between parts; a word's other
 * written form is valid UTF-8, one term a line, none of them empty. */
#include "arena.h"
#include "decompound.h"
#include "fuzz.h"
#include "normalize.h"
#include "text.h"
#include "variants.h"

typedef struct {
  Normalizer *n;
  Variants *var;
  Buf vbuf;
  Decompounder dc;
  Arena words;
  size_t len;
  Buf seen;                 /* pass 1: "start end folded\n" per token */
  size_t pos;               /* pass 2: read position in seen */
  size_t last_end;
} Ctx;

static void check_token(Ctx *c, const Token *t) {
  FUZZ_ASSERT(t->start < t->end && t->end <= c->len, "token at %zu..%zu of %zu", t->start,
              t->end, c->len);
  FUZZ_ASSERT(t->start >= c->last_end, "tokens overlap");
  c->last_end = t->end;
  size_t fl = strlen(t->folded);
  FUZZ_ASSERT(fl > 0 && utf8_invalid_at(t->folded, fl) == (size_t)-1, "folded form '%s'",
              t->folded);
  FUZZ_ASSERT(t->stem && (*t->stem || !fl), "empty stem");
}

static void learn(const Token *t, void *ctx) {
  Ctx *c = ctx;
  check_token(c, t);
  buf_printf(&c->seen, "%zu %zu %s\n", t->start, t->end, t->folded);
  if (t->is_number || strlen(t->folded) < 4) return;
  const char *w = arena_strdup(&c->words, t->folded);
  decompound_learn(&c->dc, w);
  size_t sl;
  const char *stem = normalize_stem(c->n, w, strlen(w), &sl);
  FUZZ_ASSERT(strlen(stem) == sl, "stem length");
  if (strcmp(stem, w) != 0) decompound_learn(&c->dc, arena_strdup(&c->words, stem));
}

/* The other written form of w, as the index asks for it. */
static void variant(Ctx *c, const char *w, const Part *parts, int n) {
  size_t sl;
  char *stem = strdup(normalize_stem(c->n, w, strlen(w), &sl));
  if (variants_of(c->var, c->n, w, strlen(w), parts, n, stem, &c->vbuf)) {
    FUZZ_ASSERT(c->vbuf.len > 0 && utf8_invalid_at(c->vbuf.data, c->vbuf.len) == (size_t)-1,
                "other form of '%s'", w);
    FUZZ_ASSERT(c->vbuf.data[0] != '\n' && c->vbuf.data[c->vbuf.len - 1] != '\n' &&
                    !strstr(c->vbuf.data, "\n\n"), "an empty other form of '%s'", w);
  }
  variants_of_stem(c->var, stem, &c->vbuf);
  free(stem);
}

static void split(Ctx *c, const char *w) {
  Part parts[DECOMPOUND_MAX_PARTS + 1];
  size_t len = strlen(w);
  int n = decompound(&c->dc, w, len, parts);
  variant(c, w, parts, n);
  if (!n) return;
  FUZZ_ASSERT(n >= 2 && n <= DECOMPOUND_MAX_PARTS, "%d parts", n);
  FUZZ_ASSERT(parts[0].start == 0 && parts[n - 1].end == len, "parts do not cover '%s'", w);
  for (int i = 0; i < n; i++) {
    FUZZ_ASSERT(parts[i].end >= parts[i].start + 4 && parts[i].end <= len, "part %d of '%s'", i, w);
    char *part = strndup(w + parts[i].start, parts[i].end - parts[i].start);
    FUZZ_ASSERT(strmap_get(&c->dc.known, part) != NULL, "unknown part '%s' of '%s'", part, w);
    free(part);
    if (i + 1 < n) {
      size_t gap = parts[i + 1].start - parts[i].end;
      FUZZ_ASSERT(parts[i + 1].start >= parts[i].end && gap <= 1 &&
                      (gap == 0 || w[parts[i].end] == 's' || w[parts[i].end] == 'e'),
                  "bad link between parts of '%s'", w);
    }
  }
}

static void index_token(const Token *t, void *ctx) {
  Ctx *c = ctx;
  check_token(c, t);
  Buf line = BUF_INIT;
  buf_printf(&line, "%zu %zu %s\n", t->start, t->end, t->folded);
  FUZZ_ASSERT(c->pos + line.len <= c->seen.len && !memcmp(c->seen.data + c->pos, line.data, line.len),
              "the passes disagree at '%s'", line.data);
  c->pos += line.len;
  buf_free(&line);
  split(c, t->folded);
  if (!t->is_number) split(c, t->stem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_quiet();
  char *text = fuzz_copy(data, size);
  Ctx c = {0};
  c.len = size;
  /* stop words of both sets: up to 8 bytes packed, longer in a map */
  c.n = normalizer_new("norwegian", "og i på også ikkje korleis kvifor themselves");
  FUZZ_ASSERT(c.n != NULL, "no Norwegian stemmer");
  static const char *const pairs[] = {"tjeneste", "teneste", "syk", "sjuk", "hjem", "heim",
                                      "hjemme", "heime", "ledelse", "leiing", "leder", "leiar",
                                      "atferd", "åtferd", "selv", "sjølv"};
  c.var = variants_new(c.n, pairs, sizeof pairs / sizeof *pairs / 2);
  normalize_set_counting(c.n, 1);
  normalize_text(c.n, text, size, learn, &c);
  normalize_set_counting(c.n, 0);
  c.last_end = 0;
  normalize_text(c.n, text, size, index_token, &c);
  FUZZ_ASSERT(c.pos == c.seen.len, "the second pass saw fewer tokens");
  buf_free(&c.seen);
  decompound_free(&c.dc);
  arena_free(&c.words);
  variants_free(c.var);
  buf_free(&c.vbuf);
  normalizer_free(c.n);
  free(text);
  return 0;
}
