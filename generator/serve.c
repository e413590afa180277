#include "serve.h"
#include "xalloc.h"
#include "buf.h"
#include "build.h"
#include "session.h"
#include "content.h"
#include "diag.h"
#include "fsutil.h"
#include "messages.h"
#include "text.h"
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

/* A page of the preview: where it is served and which file it comes from. */
typedef struct {
  char *url;                  /* without the base path: "/tiltak/x/" */
  char *path;                 /* "content/tiltak/x.md", as messages name it */
  int draft;
} Shown;

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  unsigned long generation;   /* bumped after every rebuild */
  char *errors;               /* errors that stop every page, or NULL */
  char *messages;             /* every message about the site as served, or NULL */
  Shown *pages; size_t n_pages;
  char *base;                 /* the site's base path ("" or "/bank") */
  const char *out;
  int stopping;
} State;

static volatile sig_atomic_t interrupted;
static void on_signal(int sig) { (void)sig; interrupted = 1; }

static const char reload_script[] =
    "<script>(function(){var g=null,s=new EventSource('/_varde/events');"
    "s.onmessage=function(e){if(g!==null&&e.data!==g)location.reload();g=e.data;};})();</script>";

/* ---- HTTP -------------------------------------------------------------- */

static const char *mime(const char *path) {
  static const char *const map[][2] = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".xml", "application/xml; charset=utf-8"}, {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".pdf", "application/pdf"}, {".ico", "image/x-icon"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (ends_with(path, map[i][0])) return map[i][1];
  return "application/octet-stream";
}

static enum MHD_Result respond(struct MHD_Connection *c, unsigned code, const char *type, char *body, size_t len) {
  struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
  MHD_add_response_header(r, "Content-Type", type);
  MHD_add_response_header(r, "Cache-Control", "no-store");
  enum MHD_Result ok = MHD_queue_response(c, code, r);
  MHD_destroy_response(r);
  return ok;
}

static char *error_page(const char *errors, size_t *len) {
  Buf b = BUF_INIT;
  buf_puts(&b, "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Feil i nettstedet</title>"
               "<style>body{font:18px/1.5 system-ui,sans-serif;max-width:70ch;margin:2rem auto;padding:0 1rem}"
               "pre{white-space:pre-wrap;background:#fff3f3;border-left:4px solid #b00;padding:1rem}</style>"
               "</head><body><main><h1>Nettstedet har feil</h1>"
               "<p>Siden vises igjen når feilene er rettet. varde bygger på nytt hver gang du lagrer.</p><pre>");
  buf_put_html(&b, errors, strlen(errors));
  buf_puts(&b, "</pre></main>");
  buf_puts(&b, reload_script);
  buf_puts(&b, "</body></html>");
  *len = b.len;
  return buf_detach(&b);
}

/* ---- what a preview adds to a page ------------------------------------ */

/* The served page for a request path (without the base path), or NULL. */
static const Shown *shown_page(const State *st, const char *url) {
  Buf key = BUF_INIT;
  buf_puts(&key, url);
  if (ends_with(key.data, "/index.html")) key.data[key.len -= 10] = '\0';
  const char *last = strrchr(key.data, '/');
  if (!strchr(last, '.') && key.data[key.len - 1] != '/') buf_putc(&key, '/');
  const Shown *found = NULL;
  for (size_t i = 0; i < st->n_pages && !found; i++)
    if (!strcmp(st->pages[i].url, key.data)) found = &st->pages[i];
  buf_free(&key);
  return found;
}

typedef struct {
  const char *s;
  size_t n;
  long line;
} Said;

static int by_line(const void *a, const void *b) {
  const Said *x = a, *y = b;
  return x->line < y->line ? -1 : x->line > y->line ? 1 : x->s < y->s ? -1 : x->s > y->s;
}

/* The messages (lines of st->messages) about `path`, in the order of their
 * lines, or, when path is NULL, about files in content/ that are no page of
 * the preview (they have no page to be shown on). */
static void messages_about(const State *st, const char *path, Buf *items, int *count) {
  Said *said = NULL;
  size_t n_said = 0, cap = 0;
  for (const char *l = st->messages ? st->messages : ""; *l;) {
    const char *e = strchr(l, '\n');
    size_t n = e ? (size_t)(e - l) : strlen(l);
    const char *colon = memchr(l, ':', n);
    int mine = 0;
    if (colon && path) {
      mine = (size_t)(colon - l) == strlen(path) && !strncmp(l, path, strlen(path));
    } else if (colon && n > 8 && !strncmp(l, "content/", 8)) {
      mine = 1;
      for (size_t i = 0; i < st->n_pages && mine; i++)
        if ((size_t)(colon - l) == strlen(st->pages[i].path) && !strncmp(l, st->pages[i].path, (size_t)(colon - l)))
          mine = 0;
    }
    if (mine && (memmem(l, n, ": error: ", 9) || memmem(l, n, ": warning: ", 11))) {
      if (n_said == cap) said = xrealloc(said, (cap = cap * 2 + 8) * sizeof *said);
      said[n_said++] = (Said){l, n, colon ? strtol(colon + 1, NULL, 10) : 0};
    }
    l += n + (e ? 1 : 0);
  }
  if (n_said) qsort(said, n_said, sizeof *said, by_line);
  for (size_t i = 0; i < n_said; i++) {
    buf_puts(items, "<li style=\"margin:.3rem 0\">");
    buf_put_html(items, said[i].s, said[i].n);
    buf_puts(items, "</li>");
  }
  *count += (int)n_said;
  free(said);
}

/* The draft banner and the page's own errors, put first in its <body>. */
static void preview_notes(const State *st, const char *url, Buf *b) {
  const Shown *p = shown_page(st, url);
  Buf own = BUF_INIT, other = BUF_INIT;
  int n_own = 0, n_other = 0;
  if (p) messages_about(st, p->path, &own, &n_own);
  messages_about(st, NULL, &other, &n_other);
  if (p && p->draft)
    buf_printf(b, "<p id=\"varde-utkast\" style=\"margin:0;padding:.5rem 1rem;background:#fff3cd;color:#3d2e00;"
                  "border-bottom:3px solid #b58100;font:700 1.1rem/1.4 system-ui,sans-serif;text-align:center\">%s</p>",
               msg(MSG_S_DRAFT));
  if (n_own || n_other) {
    buf_puts(b, "<section id=\"varde-feil\" role=\"alert\" style=\"margin:0;padding:1rem;background:#fff3f3;color:#000;"
                "border-bottom:4px solid #b00;font:1rem/1.5 system-ui,sans-serif\">");
    if (n_own) {
      buf_puts(b, "<h2 style=\"margin:0 0 .3rem;font-size:1.3rem\">");
      buf_printf(b, msg(MSG_S_PAGE_ERRORS), n_own);
      buf_printf(b, "</h2><p style=\"margin:0\">%s</p><ul style=\"font-family:monospace;white-space:pre-wrap\">%s</ul>",
                 msg(MSG_S_PAGE_ERRORS_HINT), own.data);
    }
    if (n_other)
      buf_printf(b, "<h2 style=\"margin:0 0 .3rem;font-size:1.1rem\">%s</h2><ul style=\"font-family:monospace;"
                    "white-space:pre-wrap\">%s</ul>", msg(MSG_S_OTHER_ERRORS), other.data);
    buf_puts(b, "</section>");
  }
  buf_free(&own);
  buf_free(&other);
}

/* Whether URL (already percent-decoded by libmicrohttpd) has a ".."
 * segment, a backslash or a control byte: such a path is never served. */
static int unsafe_url(const char *url) {
  for (const char *p = url; *p; p++) {
    if (*p == '\\' || (unsigned char)*p < 0x20) return 1;
    if (p[0] == '.' && p[1] == '.' && (p == url || p[-1] == '/') && (p[2] == '/' || !p[2])) return 1;
  }
  return 0;
}

char *serve_resolve(const char *out, const char *url) {
  if (url[0] != '/' || unsafe_url(url)) return NULL;
  Buf p = BUF_INIT;
  buf_printf(&p, "%s%s", out, url);
  if (fs_is_dir(p.data)) buf_puts(&p, url[strlen(url) - 1] == '/' ? "index.html" : "/index.html");
  if (!fs_exists(p.data) || fs_is_dir(p.data)) {
    buf_free(&p);
    return NULL;
  }
  return buf_detach(&p);
}

typedef struct {
  State *st;
  unsigned long seen;
  int sent_first;
} Events;

/* Server-sent events: the build generation, once now and after each rebuild. */
static ssize_t events_reader(void *cls, uint64_t pos, char *buf, size_t max) {
  (void)pos;
  Events *e = cls;
  State *st = e->st;
  pthread_mutex_lock(&st->lock);
  if (e->sent_first) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 15;
    while (st->generation == e->seen && !st->stopping)
      if (pthread_cond_timedwait(&st->changed, &st->lock, &until) == ETIMEDOUT) break;
  }
  int stopping = st->stopping;
  unsigned long gen = st->generation;
  pthread_mutex_unlock(&st->lock);
  if (stopping) return MHD_CONTENT_READER_END_OF_STREAM;
  int n;
  if (e->sent_first && gen == e->seen) n = snprintf(buf, max, ": keep-alive\n\n");
  else n = snprintf(buf, max, "event: message\ndata: %lu\n\n", gen);
  e->seen = gen;
  e->sent_first = 1;
  return n < 0 ? MHD_CONTENT_READER_END_WITH_ERROR : n;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **ctx) {
  (void)version; (void)upload; (void)upload_size; (void)ctx;
  State *st = cls;
  if (strcmp(method, "GET") && strcmp(method, "HEAD"))
    return respond(c, 405, "text/plain", xstrdup("method not allowed\n"), 19);
  if (!strcmp(url, "/_varde/events")) {
    Events *e = xcalloc(1, sizeof *e);
    e->st = st;
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, events_reader, e, free);
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
  }
  pthread_mutex_lock(&st->lock);
  char *errors = st->errors ? xstrdup(st->errors) : NULL;
  char *base = xstrdup(st->base ? st->base : "");
  pthread_mutex_unlock(&st->lock);
  /* under a base path the site is served where it will be published */
  size_t bn = strlen(base);
  if (bn && !strcmp(url, "/")) {
    Buf to = BUF_INIT;
    buf_printf(&to, "%s/", base);
    struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Location", to.data);
    enum MHD_Result ok = MHD_queue_response(c, 302, r);
    MHD_destroy_response(r);
    buf_free(&to);
    free(base);
    free(errors);
    return ok;
  }
  const char *rest = url;
  if (bn) rest = !strncmp(url, base, bn) && (url[bn] == '/' || !url[bn]) ? (url[bn] ? url + bn : "/") : NULL;
  free(base);
  char *path = rest ? serve_resolve(st->out, rest) : NULL;
  int html = path ? ends_with(path, ".html") : 1;
  if (errors && html) {
    size_t len;
    char *page = error_page(errors, &len);
    free(errors);
    free(path);
    return respond(c, 500, "text/html; charset=utf-8", page, len);
  }
  free(errors);
  unsigned code = 200;
  if (!path) {
    Buf nf = BUF_INIT;
    buf_printf(&nf, "%s/404.html", st->out);
    path = buf_detach(&nf);
    code = 404;
  }
  size_t len;
  char *data = fs_read(path, &len);
  if (!data) {
    free(path);
    return respond(c, 404, "text/plain", xstrdup("not found\n"), 10);
  }
  const char *type = mime(path);
  if (ends_with(path, ".html")) {
    /* the reload listener, the draft banner and the page's errors, added on
     * the way out only */
    Buf b = BUF_INIT;
    char *body = strstr(data, "<body");
    char *open = body ? strchr(body, '>') : NULL;
    size_t top = open ? (size_t)(open + 1 - data) : 0;
    buf_put(&b, data, top);
    pthread_mutex_lock(&st->lock);
    if (code == 200) preview_notes(st, rest, &b);
    pthread_mutex_unlock(&st->lock);
    char *end = strstr(data + top, "</body>");
    size_t at = end ? (size_t)(end - data) : len;
    buf_put(&b, data + top, at - top);
    buf_puts(&b, reload_script);
    buf_put(&b, data + at, len - at);
    free(data);
    len = b.len;
    data = buf_detach(&b);
  }
  free(path);
  return respond(c, code, type, data, len);
}

/* ---- watching and building --------------------------------------------- */

/* Every watched folder by watch descriptor, relative to the site folder
 * ("content/tiltak"), so that events name the files that changed. */
typedef struct {
  int fd;
  char **dirs;              /* by wd; NULL where none */
  size_t n;
} Watches;

static void watch_dir(Watches *w, const char *root, const char *rel, uint32_t mask) {
  Buf p = BUF_INIT;
  buf_printf(&p, "%s%s%s", root, *rel ? "/" : "", rel);
  int wd = inotify_add_watch(w->fd, p.data, mask);
  buf_free(&p);
  if (wd < 0) return;
  if ((size_t)wd >= w->n) {
    size_t n = (size_t)wd * 2 + 16;
    w->dirs = xrealloc(w->dirs, n * sizeof *w->dirs);
    memset(w->dirs + w->n, 0, (n - w->n) * sizeof *w->dirs);
    w->n = n;
  }
  free(w->dirs[wd]);
  w->dirs[wd] = xstrdup(rel);
}

static void watch_tree(Watches *w, const char *root, const char *rel) {
  watch_dir(w, root, rel, IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE);
  Buf dir = BUF_INIT;
  buf_printf(&dir, "%s/%s", root, rel);
  struct dirent **names;
  int n = scandir(dir.data, &names, NULL, alphasort);
  for (int i = 0; i < n; i++) {
    if (names[i]->d_name[0] != '.') {
      Buf p = BUF_INIT, r = BUF_INIT;
      buf_printf(&p, "%s/%s", dir.data, names[i]->d_name);
      buf_printf(&r, "%s/%s", rel, names[i]->d_name);
      if (fs_is_dir(p.data)) watch_tree(w, root, r.data);
      buf_free(&p);
      buf_free(&r);
    }
    free(names[i]);
  }
  if (n >= 0) free(names);
  buf_free(&dir);
}

static void unwatch(Watches *w) {
  if (w->fd >= 0) close(w->fd);
  for (size_t i = 0; i < w->n; i++) free(w->dirs[i]);
  free(w->dirs);
  *w = (Watches){.fd = -1};
}

/* Watches every folder varde reads, new ones too. The descriptor is made
 * once and kept: events queued on it while a build runs are read after the
 * build (closing it to start again would drop them, and a save with them). */
static int add_watches(Watches *w, const char *root) {
  if (w->fd < 0) w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (w->fd < 0) return -1;
  const char *dirs[] = {"content", "templates", "themes", "static"};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", root, dirs[i]);
    if (fs_is_dir(p.data)) watch_tree(w, root, dirs[i]);
    buf_free(&p);
  }
  /* site.lua is often replaced by editors (write + rename): watch the folder */
  watch_dir(w, root, "", IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
  return w->fd;
}

/* The files named by a burst of events, each once. */
typedef struct {
  char **paths;
  size_t n, cap;
  int all;                  /* something only a full build can follow */
} Changes;

static void note_change(Changes *c, const char *path) {
  for (size_t i = 0; i < c->n; i++)
    if (!strcmp(c->paths[i], path)) return;
  if (c->n == c->cap) c->paths = xrealloc(c->paths, (c->cap = c->cap * 2 + 8) * sizeof *c->paths);
  c->paths[c->n++] = xstrdup(path);
}

static void clear_changes(Changes *c) {
  for (size_t i = 0; i < c->n; i++) free(c->paths[i]);
  free(c->paths);
  *c = (Changes){0};
}

static void read_events(Watches *w, Changes *c) {
  char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
  ssize_t len;
  while ((len = read(w->fd, buf, sizeof buf)) > 0) {
    for (char *p = buf; p < buf + len;) {
      const struct inotify_event *e = (const struct inotify_event *)p;
      p += sizeof *e + e->len;
      if (e->mask & IN_Q_OVERFLOW) c->all = 1;
      if (e->wd < 0 || (size_t)e->wd >= w->n || !w->dirs[e->wd] || !e->len) continue;
      const char *dir = w->dirs[e->wd];
      if (!*dir) { /* the site folder itself: only what varde reads there */
        static const char *const top[] = {"site.lua", "content", "templates", "themes", "static"};
        for (size_t i = 0; i < sizeof top / sizeof top[0]; i++)
          if (!strcmp(e->name, top[i])) c->all = 1;
        continue;
      }
      /* editors' swap and backup files: varde skips them */
      if (e->name[0] == '.' || content_ignored(e->name)) continue;
      if (e->mask & IN_ISDIR) c->all = 1;
      Buf path = BUF_INIT;
      buf_printf(&path, "%s/%s", dir, e->name);
      note_change(c, path.data);
      buf_free(&path);
    }
  }
}

/* Does c name a file that exists but that the loaded site does not know? */
static int has_stranger(const BuildSession *session, const char *root, const Changes *c) {
  if (!session || c->all) return 0;
  for (size_t i = 0; i < c->n; i++) {
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", root, c->paths[i]);
    int stranger = fs_exists(p.data) && !session_knows(session, c->paths[i]);
    buf_free(&p);
    if (stranger) return 1;
  }
  return 0;
}

static void free_pages(State *st) {
  for (size_t i = 0; i < st->n_pages; i++) {
    free(st->pages[i].url);
    free(st->pages[i].path);
  }
  free(st->pages);
  st->pages = NULL;
  st->n_pages = 0;
}

/* The pages of a new build: where each is served and which file it is. */
static void note_pages(State *st, const BuildSession *session) {
  const Site *s = session_site(session);
  size_t bn = strlen(s->cfg.base_path);
  Shown *pages = xcalloc(s->n_pages + 1, sizeof *pages);
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    pages[i].url = xstrdup(strncmp(p->url, s->cfg.base_path, bn) ? p->url : p->url + bn);
    pages[i].path = xstrdup(p->path);
    pages[i].draft = p->draft;
  }
  pthread_mutex_lock(&st->lock);
  free_pages(st);
  st->pages = pages;
  st->n_pages = s->n_pages;
  free(st->base);
  st->base = xstrdup(s->cfg.base_path);
  pthread_mutex_unlock(&st->lock);
}

/* The messages of an update of the files `paths` replace what the last
 * build said about them; what it said about other files stays. */
static char *merge_messages(const char *old, const char *fresh, char **paths, size_t n) {
  Buf b = BUF_INIT;
  for (const char *l = old ? old : ""; *l;) {
    const char *e = strchr(l, '\n');
    size_t len = e ? (size_t)(e - l) + 1 : strlen(l);
    int about = 0;
    for (size_t i = 0; i < n && !about; i++) {
      size_t pn = strlen(paths[i]);
      about = !strncmp(l, paths[i], pn) && l[pn] == ':';
    }
    if (!about) buf_put(&b, l, len);
    l += len;
  }
  buf_puts(&b, fresh);
  return buf_detach(&b);
}

/* A build or update is done: what to show, and every open page reloads.
 * rc != 0: errors that stop every page; msgs (taken) is all that was said. */
static void publish_result(State *st, int rc, char *msgs) {
  pthread_mutex_lock(&st->lock);
  free(st->errors);
  st->errors = rc == 0 ? NULL : xstrdup(msgs);
  free(st->messages);
  st->messages = msgs;
  st->generation++;
  pthread_cond_broadcast(&st->changed);
  pthread_mutex_unlock(&st->lock);
}

/* How many pages the messages name with an error. */
static size_t pages_with_errors(const State *st) {
  size_t n = 0;
  for (size_t i = 0; i < st->n_pages; i++) {
    size_t pn = strlen(st->pages[i].path);
    for (const char *l = st->messages ? st->messages : ""; *l;) {
      const char *e = strchr(l, '\n');
      size_t len = e ? (size_t)(e - l) : strlen(l);
      if (!strncmp(l, st->pages[i].path, pn) && l[pn] == ':' && memmem(l, len, ": error: ", 9)) {
        n++;
        break;
      }
      l += len + (e ? 1 : 0);
    }
  }
  return n;
}

static char *end_capture(void) {
  char *msgs = xstrdup(diag_captured());
  diag_capture(0);
  fputs(msgs, stderr);
  return msgs;
}

static void rebuild(State *st, const ServeOptions *o, BuildSession **session) {
  session_free(*session);
  *session = NULL;
  diag_reset();
  diag_capture(1);
  BuildOptions bo = {.root = o->root ? o->root : ".", .out = st->out, .drafts = o->drafts, .quiet = 1,
                     .preview = 1};
#if defined(__SANITIZE_ADDRESS__)
  /* Render workers are forked while the server's threads run. glibc's
   * malloc is safe across fork; GCC 12's AddressSanitizer allocator is not
   * (a worker was seen hanging on its lock), so sanitizer builds render
   * serve's rebuilds in one process. */
  bo.jobs = 1;
#endif
  BuildStats bs;
  int rc = build_site_keep(&bo, &bs, session);
  char *msgs = end_capture();
  if (*session) note_pages(st, *session);
  publish_result(st, rc, msgs);
  pthread_mutex_lock(&st->lock);
  size_t bad = rc == 0 ? pages_with_errors(st) : 0;
  pthread_mutex_unlock(&st->lock);
  if (rc != 0) fprintf(stderr, "the site has errors; the browser shows them\n");
  else if (bad) fprintf(stderr, "rebuilt: %lu pages in %.0f ms; %zu page%s errors, shown on %s\n", bs.pages,
                        bs.seconds * 1000, bad, bad == 1 ? " has" : "s have", bad == 1 ? "it" : "them");
  else fprintf(stderr, "rebuilt: %lu pages in %.0f ms\n", bs.pages, bs.seconds * 1000);
}

/* Only pages' bodies changed: re-render those pages, let the browser reload,
 * then bring the search index up to date. Anything else: a full build. */
static void update(State *st, const ServeOptions *o, BuildSession **session, Changes *c) {
  if (c->all || !*session) {
    rebuild(st, o, session);
    return;
  }
  const char *root = o->root ? o->root : ".";
  /* a file that is gone and that varde never read (an editor's temporary
   * file) changed nothing */
  size_t k = 0;
  int removed = 0;
  for (size_t i = 0; i < c->n; i++) {
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", root, c->paths[i]);
    int gone = !fs_exists(p.data), known = session_knows(*session, c->paths[i]);
    buf_free(&p);
    removed |= gone && known; /* a page or file deleted or moved away */
    if (gone && !known) free(c->paths[i]);
    else c->paths[k++] = c->paths[i];
  }
  c->n = k;
  if (removed) {
    rebuild(st, o, session);
    return;
  }
  if (!c->n) return;
  diag_reset();
  diag_capture(1);
  BuildStats bs;
  int rc = session_update(*session, c->paths, c->n, &bs);
  if (rc != 0) {
    /* a change others can see, or errors: a full preview build renders the
     * page in spite of them and lists them on it */
    diag_capture(0);
    rebuild(st, o, session);
    return;
  }
  char *fresh = end_capture();
  fprintf(stderr, "updated: %lu page%s in %.0f ms\n", bs.pages, bs.pages == 1 ? "" : "s", bs.seconds * 1000);
  pthread_mutex_lock(&st->lock);
  char *msgs = merge_messages(st->messages, fresh, c->paths, c->n);
  pthread_mutex_unlock(&st->lock);
  free(fresh);
  publish_result(st, 0, msgs);
  diag_reset();
  diag_capture(1);
  rc = session_update_search(*session, &bs);
  free(end_capture());
  if (rc == 0) fprintf(stderr, "search index: %.0f ms\n", bs.seconds * 1000);
}

int serve_site(const ServeOptions *o) {
  const char *root = o->root ? o->root : ".";
  /* the served copy lives in $TMPDIR (else /tmp), as other programs' do */
  const char *tmpdir = getenv("TMPDIR");
  Buf tmpl = BUF_INIT;
  buf_printf(&tmpl, "%s/varde-serve-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  char *out = tmpl.data;
  if (!mkdtemp(out)) {
    diag_error(NULL, 0, 0, "cannot create a temporary folder in %s: %s", tmpdir && *tmpdir ? tmpdir : "/tmp",
               strerror(errno));
    buf_free(&tmpl);
    return 1;
  }
  Buf site = BUF_INIT;
  buf_printf(&site, "%s/site", out);
  State st = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER, .out = site.data};
  BuildSession *session = NULL;
  rebuild(&st, o, &session);
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)o->port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                                              MHD_USE_ERROR_LOG,
                                          (uint16_t)o->port, NULL, NULL, handle, &st,
                                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_END);
  if (!d) {
    diag_error(NULL, 0, 0, "cannot listen on 127.0.0.1:%d", o->port);
    session_free(session);
    fs_rm_rf(out);
    buf_free(&site);
    buf_free(&tmpl);
    return 1;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  fprintf(stderr, "serving %s at http://127.0.0.1:%u/ (Ctrl-C stops)\n", site.data,
          info ? info->port : (unsigned)o->port);
  Watches w = {.fd = -1};
  add_watches(&w, root);
  while (!interrupted) {
    struct pollfd p = {w.fd, POLLIN, 0};
    if (poll(&p, 1, 500) <= 0) continue;
    /* let a burst of events (an editor saving) settle, then build once */
    Changes c = {0};
    do {
      read_events(&w, &c);
    } while (!interrupted && poll(&p, 1, 40) > 0);
    /* An editor's temporary file (sed -i, some IDEs) may still be there when
     * the burst seems over, about to be renamed onto the page: give it a
     * moment before taking it for a new file that needs a full build. */
    for (int tries = 0; tries < 3 && !interrupted && has_stranger(session, root, &c); tries++)
      if (poll(&p, 1, 60) > 0) read_events(&w, &c);
    if (interrupted) {
      clear_changes(&c);
      break;
    }
    /* new folders are watched before the build reads them: a file saved in
     * one meanwhile is then an event, not lost */
    if (c.all) add_watches(&w, root);
    update(&st, o, &session, &c);
    clear_changes(&c);
  }
  fprintf(stderr, "stopping\n");
  pthread_mutex_lock(&st.lock);
  st.stopping = 1;
  pthread_cond_broadcast(&st.changed);
  pthread_mutex_unlock(&st.lock);
  MHD_stop_daemon(d);
  unwatch(&w);
  session_free(session);
  free(st.errors);
  free(st.messages);
  free(st.base);
  free_pages(&st);
  fs_rm_rf(out);
  buf_free(&tmpl);
  buf_free(&site);
  return 0;
}
