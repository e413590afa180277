/* serve.h: `varde serve`: builds the site into a private folder, serves it
 * on 127.0.0.1 (libmicrohttpd), watches content/, templates/, themes/ and
 * site.lua with inotify, rebuilds on change and tells open pages to reload
 * (server-sent events; the small script that listens is added to HTML
 * responses by the server, never written to disk). When the site has
 * errors, every page shows them instead of a stale page. */
#ifndef VARDE_SERVE_H
#define VARDE_SERVE_H

typedef struct {
  const char *root;
  int port;                 /* 0: any free port */
  int drafts;
} ServeOptions;

int serve_site(const ServeOptions *o);

/* The file under the served folder OUT for the decoded URL path URL
 * (malloc'd), or NULL: URL must start with '/', has no ".." segment,
 * backslash or control byte, and names an existing file; a folder gives
 * its index.html. */
char *serve_resolve(const char *out, const char *url);

#endif
