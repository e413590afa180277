/* serve.h: `varde serve`: builds the site into a private folder, serves it
 * on 127.0.0.1 (libmicrohttpd), watches content/, templates/, themes/ and
 * site.lua with inotify, rebuilds on change and tells open pages to reload
 * (server-sent events; the small script that listens is added to HTML
 * responses by the server, never written to disk). The build is a preview
 * (BuildOptions.preview): drafts are shown with a banner, and a page with
 * errors is rendered as far as it can be with its own errors listed at its
 * top (both added to the response, never written to disk); only errors that
 * stop every page (site.lua, a template) show an error page instead. Under a
 * base path (base_url "https://x.org/bank/") the site is served at /bank/. */
#ifndef VARDE_SERVE_H
#define VARDE_SERVE_H

typedef struct {
  const char *root;
  int port;                 /* 0: any free port */
  int drafts;
  int no_drafts;            /* --no-drafts: drafts are shown unless this is set */
} ServeOptions;

int serve_site(const ServeOptions *o);

/* The file under the served folder OUT for the decoded URL path URL
 * (malloc'd), or NULL: URL must start with '/', has no ".." segment,
 * backslash or control byte, and names an existing file; a folder gives
 * its index.html. */
char *serve_resolve(const char *out, const char *url);

#endif
