/* fuzz_worddiff: the word-by-word change diff of the history pages
 * (worddiff.c), whose HTML templates print raw ({! c.diff !}). The input is
 * two texts: old and new, split at the first NUL byte (or in halves when
 * there is none).
 *
 * Invariants: the HTML holds no markup but <del>, <ins> and the elision
 * <span class="uendret">, balanced; the counts match the <del>/<ins> words
 * (give or take the empty first word of a text starting with white space);
 * without elision, dropping the <del> runs and the tags and unescaping gives
 * the new text back word for word. */
#include "fuzz.h"
#include "worddiff.h"

static size_t words(const char *s) {
  size_t n = 0;
  while (*s) {
    while (*s && strchr(" \t\n\r", *s)) s++;
    if (!*s) break;
    n++;
    while (*s && !strchr(" \t\n\r", *s)) s++;
  }
  return n;
}

/* Checks the markup and returns the new text as the diff shows it. */
static void check_html(const char *h, const DiffStats *st, Buf *shown, int *elided) {
  static const char *const tags[] = {"<del>", "</del>", "<ins>", "</ins>",
                                     "<span class=\"uendret\">", "</span>", NULL};
  int in_del = 0, in_ins = 0, in_span = 0;
  Buf del = BUF_INIT, ins = BUF_INIT;
  for (const char *p = h; *p;) {
    if (*p != '<') {
      const char *e = p + strcspn(p, "<");
      Buf *to = in_del ? &del : in_ins ? &ins : NULL;
      if (to) buf_put(to, p, (size_t)(e - p));
      if (!in_del && !in_span) buf_put(shown, p, (size_t)(e - p));
      p = e;
      continue;
    }
    const char *const *t = tags;
    while (*t && strncmp(p, *t, strlen(*t)) != 0) t++;
    FUZZ_ASSERT(*t, "unexpected markup '%.30s' in the diff:\n%s", p, h);
    int i = (int)(t - tags);
    if (i == 0) { FUZZ_ASSERT(!in_del && !in_ins, "nested <del>"); in_del = 1; }
    if (i == 1) { FUZZ_ASSERT(in_del, "stray </del>"); in_del = 0; }
    if (i == 2) { FUZZ_ASSERT(!in_del && !in_ins, "nested <ins>"); in_ins = 1; }
    if (i == 3) { FUZZ_ASSERT(in_ins, "stray </ins>"); in_ins = 0; }
    if (i == 4) { FUZZ_ASSERT(!in_del && !in_ins && !in_span, "nested span"); in_span = 1; *elided = 1; }
    if (i == 5) { FUZZ_ASSERT(in_span, "stray </span>"); in_span = 0; }
    p += strlen(*t);
  }
  FUZZ_ASSERT(!in_del && !in_ins && !in_span, "unclosed element in the diff:\n%s", h);
  /* A text that starts with white space gets an empty first "word" in the
   * counts (reported; harmless), so one more is tolerated. */
  size_t wd = words(buf_str(&del)), wi = words(buf_str(&ins));
  FUZZ_ASSERT((st->removed == wd || st->removed == wd + 1) && (st->added == wi || st->added == wi + 1),
              "counts %u/%u, marked words %zu/%zu", st->removed, st->added, wd, wi);
  buf_free(&del);
  buf_free(&ins);
}

static void unescape(Buf *b) {
  static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                       {"&quot;", "\""}, {"&#39;", "'"}};
  size_t o = 0;
  for (size_t i = 0; i < b->len;) {
    size_t k = 0;
    while (k < 5 && strncmp(b->data + i, ent[k][0], strlen(ent[k][0])) != 0) k++;
    if (k < 5) { b->data[o++] = ent[k][1][0]; i += strlen(ent[k][0]); }
    else b->data[o++] = b->data[i++];
  }
  b->len = o;
  if (b->data) b->data[o] = '\0';
}

static void word_list(const char *s, Buf *out) {
  while (*s) {
    while (*s && strchr(" \t\n\r", *s)) s++;
    if (!*s) break;
    size_t n = strcspn(s, " \t\n\r");
    buf_put(out, s, n);
    buf_putc(out, '\n');
    s += n;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_quiet();
  char *all = fuzz_copy(data, size);
  size_t cut = strlen(all);
  const char *old_text = all, *new_text;
  if (cut < size) new_text = all + cut + 1;
  else { cut = size / 2; new_text = all + cut; }
  char *old_copy = strndup(old_text, cut);
  Buf html = BUF_INIT, shown = BUF_INIT;
  DiffStats st;
  if (word_diff_html(old_copy, new_text, &html, &st) == 0) {
    int elided = 0;
    check_html(buf_str(&html), &st, &shown, &elided);
    if (!elided) {
      unescape(&shown);
      Buf want = BUF_INIT, got = BUF_INIT;
      word_list(new_text, &want);
      word_list(buf_str(&shown), &got);
      FUZZ_ASSERT(!strcmp(buf_str(&want), buf_str(&got)), "the diff does not show the new text:\n%s",
                  buf_str(&html));
      buf_free(&want);
      buf_free(&got);
    }
  } else {
    FUZZ_ASSERT(html.len == 0, "a refused diff appended output");
  }
  buf_free(&html);
  buf_free(&shown);
  free(old_copy);
  free(all);
  return 0;
}
