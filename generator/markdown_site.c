#include "markdown_site.h"
#include "buf.h"
#include "components.h"
#include "diag.h"
#include "fsutil.h"
#include "markdown.h"
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void markdown_page(Site *s, LinkCtx *lc, Page *p) {
  lc->page = p;
  MdOptions mo = {s->cfg.raw_html, p->body_line - 1, links_resolve, lc, NULL, NULL,
                  s->cfg.strings.table, s->cfg.strings.section};
  ComponentCtx cc = {s->cfg.components, lc, p, 0, mo, &s->arena};
  if (s->cfg.components) {
    mo.component = component_block;
    mo.component_ctx = &cc;
  }
  MdResult r;
  markdown_render(&s->arena, p->body, p->body_len, &mo, &r, &p->anchors);
  p->html = r.html;
  p->text = r.text;
  p->toc = r.toc;
  p->n_toc = r.n_toc;
}

static void markdown_range(Site *s, LinkCtx *lc, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi; i++) markdown_page(s, lc, s->pages[i]);
}

/* Markdown on two cores. cmark-gfm cannot parse on two threads of one
 * process (its inline parser's special characters live in global tables
 * that every document with extensions switches on and off), so the second
 * half of the pages is rendered by a forked child, which hands back each
 * page's HTML, text and headings, its anchor references and its messages
 * through an in-memory file. Messages come out in page order, as from one
 * process. */
enum { MD_SPLIT_MIN = 512 };

static void put_u32(Buf *b, uint32_t v) { buf_put(b, (const char *)&v, sizeof v); }
static void put_str(Buf *b, const char *s, size_t n) {
  put_u32(b, (uint32_t)n);
  buf_put(b, s, n);
}

static _Noreturn void markdown_child(Site *s, size_t lo, int fd) {
  diag_reset_count();
  diag_hold();
  LinkCtx lc = {.site = s};
  markdown_range(s, &lc, lo, s->n_pages);
  Buf out = BUF_INIT;
  for (size_t i = lo; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    put_str(&out, p->html, strlen(p->html));
    put_str(&out, p->text, strlen(p->text));
    put_u32(&out, (uint32_t)p->n_toc);
    for (size_t k = 0; k < p->n_toc; k++) {
      put_u32(&out, (uint32_t)p->toc[k].level);
      put_str(&out, p->toc[k].id, strlen(p->toc[k].id));
      put_str(&out, p->toc[k].text, strlen(p->toc[k].text));
    }
    if (out.len > (1u << 20)) {
      fs_write_all(fd, out.data, out.len);
      buf_clear(&out);
    }
  }
  put_u32(&out, (uint32_t)lc.n_refs);
  for (size_t i = 0; i < lc.n_refs; i++) {
    const AnchorRef *r = &lc.refs[i];
    put_u32(&out, (uint32_t)r->target->index);
    put_str(&out, r->anchor, strlen(r->anchor));
    put_u32(&out, (uint32_t)r->from->index);
    put_u32(&out, (uint32_t)r->line);
    put_u32(&out, (uint32_t)r->col);
  }
  put_u32(&out, (uint32_t)diag_errors());
  char *msgs = diag_take_held();
  put_str(&out, msgs ? msgs : "", msgs ? strlen(msgs) : 0);
  free(msgs);
  fs_write_all(fd, out.data, out.len);
  buf_free(&out);
  _exit(0);
}

typedef struct {
  const char *p, *end;
  int bad;
} Reader;

static uint32_t get_u32(Reader *r) {
  uint32_t v = 0;
  if (r->end - r->p < (ptrdiff_t)sizeof v) {
    r->bad = 1;
    return 0;
  }
  memcpy(&v, r->p, sizeof v);
  r->p += sizeof v;
  return v;
}

/* The next string, in the arena (or malloc'd when a is NULL). */
static char *get_str(Reader *r, Arena *a) {
  uint32_t n = get_u32(r);
  if (r->bad || (size_t)(r->end - r->p) < n) {
    r->bad = 1;
    return NULL;
  }
  char *s = a ? arena_strndup(a, r->p, n) : strndup(r->p, n);
  r->p += n;
  return s;
}

/* Takes the child's pages [lo, n) from its file. 0, or -1 when the file is
 * incomplete (then this process renders them itself). */
static int markdown_adopt(Site *s, size_t lo, const char *data, size_t len, LinkCtx *lc, Buf *msgs,
                          int *errors) {
  Reader r = {data, data + len, 0};
  for (size_t i = lo; i < s->n_pages && !r.bad; i++) {
    Page *p = s->pages[i];
    p->html = get_str(&r, NULL);
    p->text = get_str(&r, NULL);
    p->n_toc = get_u32(&r);
    if (r.bad || p->n_toc > len) return -1;
    p->toc = p->n_toc ? arena_alloc(&s->arena, p->n_toc * sizeof *p->toc) : NULL;
    for (size_t k = 0; k < p->n_toc && !r.bad; k++) {
      p->toc[k].level = (int)get_u32(&r);
      p->toc[k].id = get_str(&r, &s->arena);
      p->toc[k].text = get_str(&r, &s->arena);
      if (p->toc[k].id) strmap_put(&p->anchors, p->toc[k].id, (void *)p->toc[k].id);
    }
  }
  uint32_t n_refs = get_u32(&r);
  for (uint32_t i = 0; i < n_refs && !r.bad; i++) {
    uint32_t target = get_u32(&r);
    char *anchor = get_str(&r, &s->arena);
    uint32_t from = get_u32(&r);
    int line = (int)get_u32(&r), col = (int)get_u32(&r);
    if (r.bad || target >= s->n_pages || from >= s->n_pages) return -1;
    links_add_ref(lc, s->pages[target], anchor, s->pages[from], line, col);
  }
  *errors = (int)get_u32(&r);
  char *m = get_str(&r, NULL);
  if (r.bad) {
    free(m);
    return -1;
  }
  buf_puts(msgs, m);
  free(m);
  return r.p == r.end ? 0 : -1;
}

/* Forgets what a failed adoption left in pages [lo, n). */
static void markdown_unadopt(Site *s, size_t lo) {
  for (size_t i = lo; i < s->n_pages; i++) {
    Page *p = s->pages[i];
    free(p->html);
    free(p->text);
    p->html = p->text = NULL;
    p->toc = NULL;
    p->n_toc = 0;
    strmap_free(&p->anchors);
  }
}

void markdown_site(Site *s, int processes) {
  size_t n = s->n_pages, mid = n;
  pid_t child = -1;
  int fd = -1;
  if (processes > 1 && n >= MD_SPLIT_MIN) {
    fd = memfd_create("varde-markdown", MFD_CLOEXEC);
    if (fd >= 0) {
      fflush(NULL);
      pid_t parent = getpid();
      child = fork();
      if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(1);
        markdown_child(s, n / 2, fd);
      }
      if (child > 0) mid = n / 2;
    }
  }
  LinkCtx lc = {.site = s};
  if (child > 0) diag_hold();
  markdown_range(s, &lc, 0, mid);
  if (child > 0) {
    int status = 0, errors = 0, ok = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    Buf msgs = BUF_INIT;
    struct stat st;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && fstat(fd, &st) == 0 && st.st_size > 0) {
      char *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data != MAP_FAILED) {
        size_t refs = lc.n_refs;
        ok = markdown_adopt(s, mid, data, (size_t)st.st_size, &lc, &msgs, &errors) == 0;
        if (!ok) lc.n_refs = refs; /* the half is done again below */
        munmap(data, (size_t)st.st_size);
      }
    }
    if (!ok) {
      /* the child died or its file is short: do its half here */
      markdown_unadopt(s, mid);
      buf_clear(&msgs);
      errors = 0;
      markdown_range(s, &lc, mid, n);
    }
    diag_release(buf_str(&msgs), errors);
    buf_free(&msgs);
  }
  if (fd >= 0) close(fd);
  links_check_anchors(&lc);
  links_free(&lc);
  /* the source text is all in html and text now: a tenth of the memory of
   * a large site */
  site_drop_sources(s);
}
