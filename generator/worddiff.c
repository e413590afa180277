#include "worddiff.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *s;            /* word with its trailing white space */
  size_t len;
  size_t wlen;              /* without the white space: what is compared */
  uint64_t h;
} Word;

static size_t split(const char *t, Word **out) {
  size_t cap = 64, n = 0;
  Word *w = xmalloc(cap * sizeof *w);
  const char *p = t;
  while (*p && strchr(" \t\n\r", *p)) p++; /* no empty first word */
  while (*p) {
    const char *start = p;
    while (*p && !strchr(" \t\n\r", *p)) p++;
    size_t wl = (size_t)(p - start);
    while (*p && strchr(" \t\n\r", *p)) p++;
    if (n == cap) w = xrealloc(w, (cap *= 2) * sizeof *w);
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < wl; i++) h = (h ^ (unsigned char)start[i]) * 1099511628211ULL;
    w[n++] = (Word){start, (size_t)(p - start), wl, h};
  }
  *out = w;
  return n;
}

static int same(const Word *a, const Word *b) {
  return a->h == b->h && a->wlen == b->wlen && !memcmp(a->s, b->s, a->wlen);
}

enum { MAX_D = 3000, CONTEXT = 12 };

/* Edit script: ops[i] is '=' (both), '-' (old only) or '+' (new only). */
static char *myers(const Word *a, size_t n, const Word *b, size_t m, size_t *n_ops) {
  size_t max = n + m;
  if (max > 4000000) return NULL;
  size_t dmax = max < MAX_D ? max : MAX_D;
  size_t off = dmax + 1, width = 2 * dmax + 3;
  long *v = xcalloc(width, sizeof *v);
  long **trace = xcalloc(dmax + 1, sizeof *trace);
  long found = -1;
  for (size_t d = 0; d <= dmax && found < 0; d++) {
    trace[d] = xmalloc(width * sizeof *v);
    memcpy(trace[d], v, width * sizeof *v);
    for (long k = -(long)d; k <= (long)d; k += 2) {
      long x;
      if (k == -(long)d || (k != (long)d && v[off + k - 1] < v[off + k + 1])) x = v[off + k + 1];
      else x = v[off + k - 1] + 1;
      long y = x - k;
      while ((size_t)x < n && (size_t)y < m && same(&a[x], &b[y])) { x++; y++; }
      v[off + k] = x;
      if ((size_t)x >= n && (size_t)y >= m) { found = (long)d; break; }
    }
  }
  char *ops = NULL;
  if (found >= 0) {
    /* walk back through the trace, writing the script from the end */
    ops = xmalloc(max + 1);
    size_t pos = max;
    long x = (long)n, y = (long)m;
    for (long d = found; d > 0; d--) {
      long *pv = trace[d];
      long k = x - y, pk;
      if (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1])) pk = k + 1;
      else pk = k - 1;
      long px = pv[off + pk], py = px - pk;
      while (x > px && y > py) { ops[--pos] = '='; x--; y--; }
      if (x == px) { ops[--pos] = '+'; y--; }
      else { ops[--pos] = '-'; x--; }
    }
    while (x > 0 && y > 0) { ops[--pos] = '='; x--; y--; }
    memmove(ops, ops + pos, max - pos);
    *n_ops = max - pos;
  }
  for (size_t d = 0; d <= dmax; d++) free(trace[d]);
  free(trace);
  free(v);
  return ops;
}

static void put_word(Buf *out, const Word *w) { buf_put_html(out, w->s, w->len); }

int word_diff_html(const char *old_text, const char *new_text, Buf *out, DiffStats *st) {
  Word *a, *b;
  size_t n = split(old_text ? old_text : "", &a), m = split(new_text ? new_text : "", &b);
  size_t n_ops = 0;
  char *ops = myers(a, n, b, m, &n_ops);
  memset(st, 0, sizeof *st);
  if (!ops) {
    free(a);
    free(b);
    return -1;
  }
  /* distance of each op to the nearest change, to elide long equal runs */
  size_t *near = xmalloc((n_ops + 1) * sizeof *near);
  size_t last = (size_t)-1;
  for (size_t i = 0; i < n_ops; i++) {
    if (ops[i] != '=') last = i;
    near[i] = last == (size_t)-1 ? (size_t)-1 : i - last;
  }
  last = (size_t)-1;
  for (size_t i = n_ops; i-- > 0;) {
    if (ops[i] != '=') last = i;
    size_t d = last == (size_t)-1 ? (size_t)-1 : last - i;
    if (d < near[i]) near[i] = d;
  }
  size_t ia = 0, ib = 0;
  int elided = 0;
  char open = 0;
  for (size_t i = 0; i < n_ops; i++) {
    char op = ops[i];
    if (op != open && open) { buf_puts(out, open == '-' ? "</del>" : "</ins>"); open = 0; }
    if (op == '=') {
      if (near[i] > CONTEXT) {
        if (!elided) buf_puts(out, "<span class=\"uendret\">…</span>\n");
        elided = 1;
      } else {
        elided = 0;
        put_word(out, &b[ib]);
      }
      ia++;
      ib++;
    } else {
      elided = 0;
      if (!open) { buf_puts(out, op == '-' ? "<del>" : "<ins>"); open = op; }
      if (op == '-') { put_word(out, &a[ia++]); st->removed++; }
      else { put_word(out, &b[ib++]); st->added++; }
    }
  }
  if (open) buf_puts(out, open == '-' ? "</del>" : "</ins>");
  free(near);
  free(ops);
  free(a);
  free(b);
  return 0;
}
