/* main.c: the varde command line. */
#include "build.h"
#include "diag.h"
#include "markdown.h"
#include "newpage.h"
#include "publish.h"
#include "serve.h"
#include "normalize.h"
#include "buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage =
    "varde " VARDE_VERSION ": a static site generator for the knowledge bank\n"
    "\n"
    "usage: varde COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  build   build the site into public/\n"
    "  check   load, validate and render everything; write nothing\n"
    "  plan    list every file a build would write, and its template\n"
    "  new     create a page: varde new TYPE \"Tittel\"\n"
    "  publish build a revision and commit the site to a branch\n"
    "  serve   build, serve on 127.0.0.1, rebuild and reload on every change\n"
    "  help    show help for a command: varde help build\n"
    "\n"
    "options: --root DIR (site folder, default .), --version\n";

static const char *const help_build =
    "usage: varde build [--root DIR] [--out DIR] [--drafts] [--rev REV] [--jobs N] [--force]\n"
    "                   [--format compiler|github|gitlab]\n"
    "\n"
    "Builds the site in DIR (default: the current folder) into --out (default:\n"
    "DIR/public). The new site is written beside the old one and swapped in only\n"
    "when the build succeeds; a failed build leaves the previous site untouched.\n"
    "When nothing it reads has changed since the last build (site.lua, content/,\n"
    "templates/, themes/, static/, git HEAD, options), nothing is done.\n"
    "Errors are printed as path:line:col: error: message; the exit code is 1.\n"
    "  --drafts   include pages marked utkast: true\n"
    "  --rev REV  build from a git revision (commit, tag, branch) without checking it out\n"
    "  --jobs N   render with N processes (default: $VARDE_JOBS, or one per CPU\n"
    "             from 32 pages and generated pages up, else one)\n"
    "  --force    build even when nothing changed since the last build\n"
    "  --format   how problems are printed: compiler (default), github or gitlab\n"
    "             (see varde help check)\n"
    "\n"
    "In a git repository every page gets its dates and change history (pages\n"
    "/<page>/<changes>/, /<changes>/ and /<changes>.xml, where <changes> is\n"
    "site.lua's paths.changes). A commit message trailer named by site.lua's\n"
    "change_note (e.g. 'Endringsnotat: ...') is shown to readers as a change note.\n";

static const char *const help_check =
    "usage: varde check [--root DIR] [--drafts] [--jobs N] [--format compiler|github|gitlab]\n"
    "\n"
    "Loads site.lua and every page, checks fields against the content types,\n"
    "resolves refs, links and anchors, and renders every template, without\n"
    "writing anything. Prints every problem found and exits 1 if there is one.\n"
    "  --format compiler  path:line:col: error: message on stderr (the default)\n"
    "  --format github    GitHub Actions annotations on stdout\n"
    "                     (::error file=path,line=L,col=C::message), so each\n"
    "                     problem shows on its line in a pull request\n"
    "  --format gitlab    path:line:col: error: message on stderr and a GitLab\n"
    "                     Code Quality report (JSON) on stdout, for a merge request\n";

static const char *const help_plan =
    "usage: varde plan [--root DIR] [--drafts] [--templates]\n"
    "\n"
    "Loads and checks the site like check, then prints every file a build would\n"
    "write, one a line, tab-separated: kind, template (- when varde writes it\n"
    "itself), output path, and what it is. Nothing is rendered or written.\n"
    "  --templates  one line per kind and template: kind, template, how many\n"
    "               files, the first of them (docs/templates.md lists the kinds)\n";

static const char *const help_new =
    "usage: varde new TYPE \"Tittel\" [--root DIR]\n"
    "\n"
    "Creates content/<folder of TYPE>/<slug of Tittel>.md with the type's fields\n"
    "from site.lua as a skeleton and utkast: true. Never overwrites a file.\n";

static void print_token(const Token *t, void *ctx) {
  (void)ctx;
  printf("%s\t%s\t%s\n", t->folded, t->stem, t->abbreviation ? "A" : t->is_number ? "N" : "-");
}

/* `varde normalize [STEMMER [STOPWORDS]]`: the search terms of stdin, one
 * per line, so the JavaScript port can be checked against this one (not
 * listed in help). STOPWORDS is one argument, the words separated by spaces. */
static int normalize_stdin(const char *lang, const char *stop) {
  Normalizer *n = normalizer_new(lang ? lang : "norwegian", stop);
  if (!n) {
    fprintf(stderr, "varde: no stemmer for '%s'\n", lang);
    return 2;
  }
  Buf in = BUF_INIT;
  char chunk[65536];
  size_t r;
  while ((r = fread(chunk, 1, sizeof chunk, stdin)) > 0) buf_put(&in, chunk, r);
  normalize_text(n, buf_str(&in), in.len, print_token, NULL);
  buf_free(&in);
  normalizer_free(n);
  return 0;
}

static const char *const help_publish =
    "usage: varde publish [--rev REV] [--branch BRANCH] [--push REMOTE] [--root DIR]\n"
    "\n"
    "Builds REV (default HEAD) from git, without touching the working tree, and\n"
    "stores the site as a commit on BRANCH (default gh-pages) whose message names\n"
    "the source commit. When the site did not change, no commit is made.\n"
    "--push REMOTE (a remote's name or a URL) first fetches BRANCH from REMOTE and\n"
    "builds on top of it (a fresh CI checkout needs no local branch), then pushes\n"
    "fast-forward only; a local BRANCH that went another way is an error.\n"
    "Credentials, for HTTPS: http.<url>.extraheader from git config (what\n"
    "actions/checkout writes), the token in $VARDE_PUBLISH_TOKEN (user name\n"
    "$VARDE_PUBLISH_USER, default x-access-token), git credential helpers, or\n"
    "user:password in the URL. No credential is ever printed.\n";

static const char *const help_serve =
    "usage: varde serve [--port 8080] [--root DIR] [--no-drafts]\n"
    "\n"
    "Builds the site into a temporary folder and serves it on 127.0.0.1. Changes\n"
    "to content/, templates/, themes/, static/ and site.lua rebuild the site, and\n"
    "open pages reload by themselves. Drafts are shown, marked as drafts\n"
    "(--no-drafts hides them). A page with errors is shown as far as it can be,\n"
    "with its errors (file:line and message) at the top; the rest of the site\n"
    "stays browsable. Errors that stop every page (site.lua, a template) are\n"
    "shown instead of the site. Ctrl-C stops. --port 0 picks a free port.\n";

/* Annotations name files relative to the repository, where CI runs varde:
 * the site folder relative to the current folder. */
static const char *site_prefix(const char *root, char *buf, size_t n) {
  if (!root || root[0] != '/') return root;
  char cwd[4096], real[4096];
  if (!getcwd(cwd, sizeof cwd) || !realpath(root, real)) return root;
  size_t len = strlen(cwd);
  if (!strcmp(real, cwd)) return NULL;
  if (strncmp(real, cwd, len) || real[len] != '/') return root;
  snprintf(buf, n, "%s", real + len + 1);
  return buf;
}

static int help(const char *cmd) {
  if (!cmd) fputs(usage, stdout);
  else if (!strcmp(cmd, "build")) fputs(help_build, stdout);
  else if (!strcmp(cmd, "check")) fputs(help_check, stdout);
  else if (!strcmp(cmd, "plan")) fputs(help_plan, stdout);
  else if (!strcmp(cmd, "new")) fputs(help_new, stdout);
  else if (!strcmp(cmd, "publish")) fputs(help_publish, stdout);
  else if (!strcmp(cmd, "serve")) fputs(help_serve, stdout);
  else {
    fprintf(stderr, "varde: no help for '%s'\n%s", cmd, usage);
    return 2;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("varde %s\n", VARDE_VERSION);
    return 0;
  }
  if (!strcmp(cmd, "normalize")) return normalize_stdin(argc > 2 ? argv[2] : NULL, argc > 3 ? argv[3] : NULL);
  if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
    return help(argc > 2 ? argv[2] : NULL);
  BuildOptions o = {0};
  PublishOptions po = {0};
  ServeOptions so = {.port = 8080};
  const char *pos[2] = {NULL, NULL};
  int npos = 0;
  const char *format = NULL;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--root") && i + 1 < argc) o.root = argv[++i];
    else if (!strcmp(a, "--out") && i + 1 < argc) o.out = argv[++i];
    else if (!strcmp(a, "--drafts")) o.drafts = 1;
    else if (!strcmp(a, "--no-drafts")) so.no_drafts = 1;
    else if (!strcmp(a, "--rev") && i + 1 < argc) o.rev = po.rev = argv[++i];
    else if (!strcmp(a, "--branch") && i + 1 < argc) po.branch = argv[++i];
    else if (!strcmp(a, "--port") && i + 1 < argc) so.port = atoi(argv[++i]);
    else if (!strcmp(a, "--push") && i + 1 < argc) po.push = argv[++i];
    else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) o.quiet = 1;
    else if (!strcmp(a, "--format") && i + 1 < argc) format = argv[++i];
    else if (!strncmp(a, "--format=", 9)) format = a + 9;
    else if (!strcmp(a, "--jobs") && i + 1 < argc) o.jobs = atoi(argv[++i]);
    else if (!strcmp(a, "--force")) o.force = 1;
    else if (!strcmp(a, "--templates") && !strcmp(cmd, "plan")) o.print_plan = 2;
    else if (!strcmp(a, "--help") || !strcmp(a, "-h")) return help(cmd);
    else if (a[0] != '-' && npos < 2) pos[npos++] = a;
    else {
      fprintf(stderr, "varde %s: unknown option '%s'\n", cmd, a);
      return 2;
    }
  }
  char prefix[4096];
  if (format && !strcmp(format, "github")) diag_set_format(DIAG_GITHUB, site_prefix(o.root, prefix, sizeof prefix));
  else if (format && !strcmp(format, "gitlab")) diag_set_format(DIAG_GITLAB, site_prefix(o.root, prefix, sizeof prefix));
  else if (format && strcmp(format, "compiler")) {
    fprintf(stderr, "varde %s: unknown --format '%s' (use compiler, github or gitlab)\n", cmd, format);
    return 2;
  }
  int rc;
  if (!strcmp(cmd, "build") || !strcmp(cmd, "check")) {
    o.check_only = cmd[0] == 'c';
    BuildStats st;
    rc = build_site(&o, &st);
    if (rc == 0 && !o.quiet && st.up_to_date)
      fprintf(stderr, "up to date: nothing changed since the last build (%.0f ms)\n", st.seconds * 1000);
    else if (rc == 0 && !o.quiet)
      fprintf(stderr, "%s: %lu pages, %lu files (%lu unchanged) in %.0f ms\n",
              o.check_only ? "checked" : "built", st.pages, st.files, st.reused, st.seconds * 1000);
    else if (rc != 0)
      fprintf(stderr, "%d error%s\n", diag_errors(), diag_errors() == 1 ? "" : "s");
  } else if (!strcmp(cmd, "plan")) {
    o.check_only = 1;
    if (!o.print_plan) o.print_plan = 1;
    BuildStats st;
    rc = build_site(&o, &st);
    if (rc != 0) fprintf(stderr, "%d error%s\n", diag_errors(), diag_errors() == 1 ? "" : "s");
  } else if (!strcmp(cmd, "serve")) {
    so.root = o.root;
    so.drafts = !so.no_drafts; /* a preview shows drafts unless told not to */
    rc = serve_site(&so);
  } else if (!strcmp(cmd, "publish")) {
    po.root = o.root;
    rc = publish_site(&po);
  } else if (!strcmp(cmd, "new")) {
    if (npos != 2) {
      fputs(help_new, stderr);
      return 2;
    }
    rc = new_page(o.root ? o.root : ".", pos[0], pos[1]);
  } else {
    fprintf(stderr, "varde: unknown command '%s'\n%s", cmd, usage);
    return 2;
  }
  diag_finish();
  markdown_shutdown();
  return rc;
}
