#include "serve.h"
#include "buf.h"
#include "build.h"
#include "diag.h"
#include "fsutil.h"
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

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  unsigned long generation;   /* bumped after every rebuild */
  char *errors;               /* diagnostics of the last build, or NULL */
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

/* The served file for a URL path, or NULL: no "..", folders give index.html. */
static char *resolve(const State *st, const char *url) {
  if (strstr(url, "..") || url[0] != '/') return NULL;
  Buf p = BUF_INIT;
  buf_printf(&p, "%s%s", st->out, url);
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
    return respond(c, 405, "text/plain", strdup("method not allowed\n"), 19);
  if (!strcmp(url, "/_varde/events")) {
    Events *e = calloc(1, sizeof *e);
    e->st = st;
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, events_reader, e, free);
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
  }
  pthread_mutex_lock(&st->lock);
  char *errors = st->errors ? strdup(st->errors) : NULL;
  pthread_mutex_unlock(&st->lock);
  char *path = resolve(st, url);
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
    return respond(c, 404, "text/plain", strdup("not found\n"), 10);
  }
  const char *type = mime(path);
  if (ends_with(path, ".html")) {
    /* the reload listener, added on the way out only */
    Buf b = BUF_INIT;
    char *end = strstr(data, "</body>");
    size_t at = end ? (size_t)(end - data) : len;
    buf_put(&b, data, at);
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

static void watch_tree(int fd, const char *dir) {
  inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE);
  Buf glob = BUF_INIT;
  buf_puts(&glob, dir);
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort);
  for (int i = 0; i < n; i++) {
    if (names[i]->d_name[0] != '.') {
      Buf p = BUF_INIT;
      buf_printf(&p, "%s/%s", dir, names[i]->d_name);
      if (fs_is_dir(p.data)) watch_tree(fd, p.data);
      buf_free(&p);
    }
    free(names[i]);
  }
  if (n >= 0) free(names);
  buf_free(&glob);
}

static int add_watches(const char *root) {
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return -1;
  const char *dirs[] = {"content", "templates", "themes", "static"};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", root, dirs[i]);
    if (fs_is_dir(p.data)) watch_tree(fd, p.data);
    buf_free(&p);
  }
  /* site.lua is often replaced by editors (write + rename): watch the folder */
  inotify_add_watch(fd, root, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
  return fd;
}

static void rebuild(State *st, const ServeOptions *o) {
  diag_reset();
  diag_capture(1);
  BuildOptions bo = {.root = o->root ? o->root : ".", .out = st->out, .drafts = o->drafts, .quiet = 1};
  BuildStats bs;
  int rc = build_site(&bo, &bs);
  char *msgs = strdup(diag_captured());
  diag_capture(0);
  fputs(msgs, stderr);
  if (rc == 0) fprintf(stderr, "rebuilt: %lu pages in %.0f ms\n", bs.pages, bs.seconds * 1000);
  else fprintf(stderr, "the site has errors; the browser shows them\n");
  pthread_mutex_lock(&st->lock);
  free(st->errors);
  st->errors = rc == 0 ? NULL : msgs;
  if (rc == 0) free(msgs);
  st->generation++;
  pthread_cond_broadcast(&st->changed);
  pthread_mutex_unlock(&st->lock);
}

int serve_site(const ServeOptions *o) {
  const char *root = o->root ? o->root : ".";
  char out[] = "/tmp/varde-serve-XXXXXX";
  if (!mkdtemp(out)) {
    diag_error(NULL, 0, 0, "cannot create a temporary folder: %s", strerror(errno));
    return 1;
  }
  Buf site = BUF_INIT;
  buf_printf(&site, "%s/site", out);
  State st = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER, .out = site.data};
  rebuild(&st, o);
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
    fs_rm_rf(out);
    buf_free(&site);
    return 1;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  fprintf(stderr, "serving at http://127.0.0.1:%u/ (Ctrl-C stops)\n", info ? info->port : (unsigned)o->port);
  int fd = add_watches(root);
  while (!interrupted) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 500) <= 0) continue;
    /* let a burst of events (an editor saving) settle, then build once */
    char ev[16384];
    do {
      while (read(fd, ev, sizeof ev) > 0) {}
    } while (!interrupted && poll(&p, 1, 120) > 0);
    if (interrupted) break;
    close(fd);
    fd = add_watches(root); /* new folders get watched too */
    rebuild(&st, o);
  }
  fprintf(stderr, "stopping\n");
  pthread_mutex_lock(&st.lock);
  st.stopping = 1;
  pthread_cond_broadcast(&st.changed);
  pthread_mutex_unlock(&st.lock);
  MHD_stop_daemon(d);
  close(fd);
  free(st.errors);
  fs_rm_rf(out);
  buf_free(&site);
  return 0;
}
