#include "gitauth.h"
#include "xalloc.h"
#include "buf.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  char **v;
  size_t n;
} List;

struct GitAuth {
  char *url;
  List headers;        /* extraheader values that apply to url */
  List helpers;        /* credential helpers that apply to url */
  List secrets;        /* every credential we hold, for gitauth_redact */
  git_strarray header_array;
  int env_tried, ssh_tried;
  int url_password;    /* the URL carries user:password */
  size_t helper_next;
  int asked;           /* the server asked for credentials */
  int refused;         /* ... and we had none left to give */
  Buf advice;
};

static void list_add(List *l, const char *s) {
  l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
  l->v[l->n++] = xstrdup(s);
}

static void list_clear(List *l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i]);
  l->n = 0;
}

static void list_free(List *l) {
  list_clear(l);
  free(l->v);
  l->v = NULL;
}

/* url without "user:password@" (malloc'd) */
static char *strip_userinfo(const char *url) {
  char *s = xstrdup(url);
  char *p = strstr(s, "://");
  if (!p) return s;
  p += 3;
  char *end = p + strcspn(p, "/?#");
  char *at = memchr(p, '@', (size_t)(end - p));
  if (at) memmove(p, at + 1, strlen(at + 1) + 1);
  return s;
}

/* git's http.<url>.* / credential.<url>.* matching: same scheme and host, and
 * the configured path is a prefix of the remote's on a '/' boundary. */
static int url_matches(const char *pattern, const char *url) {
  char *pat = strip_userinfo(pattern), *u = strip_userinfo(url);
  size_t n = strlen(pat);
  int ok = n > 0 && strstr(pat, "://") && !strncmp(u, pat, n) &&
           (pat[n - 1] == '/' || u[n] == '\0' || u[n] == '/');
  free(pat);
  free(u);
  return ok;
}

/* "http.<sub>.extraheader" -> does it apply to url? (no <sub>: always) */
static int key_applies(const char *name, const char *section, const char *key, const char *url) {
  size_t s = strlen(section), k = strlen(key), n = strlen(name);
  if (n < s + k + 1 || strncmp(name, section, s) || name[s] != '.' || strcmp(name + n - k, key) ||
      name[n - k - 1] != '.')
    return 0;
  if (n == s + k + 1) return 1;
  char *sub = xstrndup(name + s + 1, n - s - k - 2);
  int ok = url_matches(sub, url);
  free(sub);
  return ok;
}

static void add_secret(GitAuth *a, const char *s) {
  if (s && strlen(s) >= 4) list_add(&a->secrets, s);
}

static void read_config(GitAuth *a, git_repository *repo) {
  git_config *cfg = NULL;
  git_config_iterator *it = NULL;
  git_config_entry *e;
  if (git_repository_config_snapshot(&cfg, repo) != 0) return;
  /* no regex iterator: libgit2 1.5's leaks its pcre2 match data */
  if (git_config_iterator_new(&it, cfg) == 0) {
    while (git_config_next(&e, it) == 0) {
      if (strncmp(e->name, "http.", 5) && strncmp(e->name, "credential.", 11)) continue;
      const char *v = e->value ? e->value : "";
      List *l = key_applies(e->name, "http", "extraheader", a->url) ? &a->headers
                : key_applies(e->name, "credential", "helper", a->url) ? &a->helpers : NULL;
      if (!l) continue;
      if (!*v) list_clear(l); /* an empty value resets the list, as in git */
      else list_add(l, v);
      if (l == &a->headers) {
        const char *colon = strchr(v, ':');
        add_secret(a, colon ? colon + 1 + strspn(colon + 1, " ") : v);
        const char *sp = colon ? strrchr(v, ' ') : NULL;
        if (sp) add_secret(a, sp + 1); /* the token of "basic <token>" */
      }
    }
    git_config_iterator_free(it);
  }
  git_config_free(cfg);
}

GitAuth *gitauth_new(git_repository *repo, const char *url) {
  GitAuth *a = xcalloc(1, sizeof *a);
  a->url = xstrdup(url ? url : "");
  read_config(a, repo);
  add_secret(a, getenv("VARDE_PUBLISH_TOKEN"));
  const char *p = strstr(a->url, "://");
  if (p) { /* the password in the URL */
    p += 3;
    const char *end = p + strcspn(p, "/?#"), *at = memchr(p, '@', (size_t)(end - p));
    const char *colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
    if (colon) {
      char *pw = xstrndup(colon + 1, (size_t)(at - colon - 1));
      a->url_password = 1;
      add_secret(a, pw);
      free(pw);
    }
  }
  a->header_array.strings = a->headers.v;
  a->header_array.count = a->headers.n;
  return a;
}

void gitauth_free(GitAuth *a) {
  if (!a) return;
  list_free(&a->headers);
  list_free(&a->helpers);
  list_free(&a->secrets);
  buf_free(&a->advice);
  free(a->url);
  free(a);
}

/* Runs `helper get` as git does ("!cmd": a shell command, "/path": that
 * program, "name": git credential-name) and reads username and password. */
static int run_helper(const char *helper, const char *input, Buf *out) {
  Buf cmd = BUF_INIT;
  if (helper[0] == '!') buf_printf(&cmd, "%s get", helper + 1);
  else if (helper[0] == '/') buf_printf(&cmd, "%s get", helper);
  else buf_printf(&cmd, "git credential-%s get", helper);
  int in[2], outp[2];
  if (pipe(in) != 0) return buf_free(&cmd), -1;
  if (pipe(outp) != 0) return close(in[0]), close(in[1]), buf_free(&cmd), -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(outp[1], 1);
    close(in[0]); close(in[1]); close(outp[0]); close(outp[1]);
    execl("/bin/sh", "sh", "-c", cmd.data, (char *)NULL);
    _exit(127);
  }
  close(in[0]);
  close(outp[1]);
  buf_free(&cmd);
  if (pid < 0) return close(in[1]), close(outp[0]), -1;
  /* a helper may exit without reading its input (as git, ignore SIGPIPE) */
  void (*old)(int) = signal(SIGPIPE, SIG_IGN);
  ssize_t w = write(in[1], input, strlen(input));
  close(in[1]);
  signal(SIGPIPE, old);
  char chunk[4096];
  ssize_t r;
  while ((r = read(outp[0], chunk, sizeof chunk)) > 0) buf_put(out, chunk, (size_t)r);
  close(outp[0]);
  int status;
  waitpid(pid, &status, 0);
  (void)w; /* a helper that did not read its input may still answer */
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* value of "key=" in the helper's answer (malloc'd), or NULL */
static char *answer(const char *text, const char *key) {
  size_t k = strlen(key);
  for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
    if (!strncmp(p, key, k) && p[k] == '=') return xstrndup(p + k + 1, strcspn(p + k + 1, "\n"));
  return NULL;
}

static int from_helpers(GitAuth *a, git_credential **out, const char *user_from_url) {
  char *clean = strip_userinfo(a->url);
  const char *p = strstr(clean, "://");
  Buf in = BUF_INIT;
  if (p) {
    const char *host = p + 3;
    buf_printf(&in, "protocol=%.*s\nhost=%.*s\n", (int)(p - clean), clean, (int)strcspn(host, "/?#"), host);
  }
  if (user_from_url) buf_printf(&in, "username=%s\n", user_from_url);
  buf_putc(&in, '\n');
  free(clean);
  int rc = -1;
  while (rc != 0 && a->helper_next < a->helpers.n) {
    Buf o = BUF_INIT;
    if (run_helper(a->helpers.v[a->helper_next++], buf_str(&in), &o) == 0) {
      char *user = answer(buf_str(&o), "username"), *pass = answer(buf_str(&o), "password");
      if (pass) {
        add_secret(a, pass);
        rc = git_credential_userpass_plaintext_new(out, user ? user : user_from_url ? user_from_url : "", pass);
      }
      free(user);
      free(pass);
    }
    buf_free(&o);
  }
  buf_free(&in);
  return rc;
}

int gitauth_credentials(GitAuth *a, git_credential **out, const char *user_from_url, unsigned int allowed) {
  if (!(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)) {
    if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !a->ssh_tried++)
      return git_credential_ssh_key_from_agent(out, user_from_url ? user_from_url : "git");
    return GIT_PASSTHROUGH;
  }
  a->asked = 1;
  const char *token = getenv("VARDE_PUBLISH_TOKEN");
  if (!a->env_tried && token && *token) {
    a->env_tried = 1;
    const char *user = getenv("VARDE_PUBLISH_USER");
    if (!user || !*user) user = user_from_url ? user_from_url : "x-access-token";
    return git_credential_userpass_plaintext_new(out, user, token);
  }
  a->env_tried = 1;
  if (from_helpers(a, out, user_from_url) == 0) return 0;
  a->refused = 1;
  git_error_set_str(GIT_ERROR_NET, "authentication failed");
  return GIT_EAUTH;
}

git_strarray gitauth_headers(const GitAuth *a) { return a->header_array; }

void gitauth_reset(GitAuth *a) {
  a->env_tried = a->ssh_tried = a->asked = a->refused = 0;
  a->helper_next = 0;
}

int gitauth_refused(const GitAuth *a) { return a->refused; }

const char *gitauth_advice(const GitAuth *a) {
  GitAuth *m = (GitAuth *)a;
  buf_clear(&m->advice);
  const char *token = getenv("VARDE_PUBLISH_TOKEN");
  int had = a->headers.n || (token && *token) || a->helpers.n || a->url_password;
  if (!had)
    buf_puts(&m->advice, "the remote asks for credentials and varde was given none: set VARDE_PUBLISH_TOKEN "
                         "to a token that may push (and VARDE_PUBLISH_USER if the host needs a user name), "
                         "keep the http.<url>.extraheader that actions/checkout writes, or configure a git "
                         "credential helper");
  else {
    buf_puts(&m->advice, "the remote refused the credentials varde gave (tried:");
    if (a->url_password) buf_puts(&m->advice, " the password in the URL");
    if (a->headers.n) buf_puts(&m->advice, " http.extraheader");
    if (token && *token) buf_puts(&m->advice, " VARDE_PUBLISH_TOKEN");
    if (a->helpers.n) buf_printf(&m->advice, " %zu credential helper%s", a->helpers.n, a->helpers.n > 1 ? "s" : "");
    buf_puts(&m->advice, "): check that the token is valid and may push to this repository");
  }
  return buf_str(&m->advice);
}

static void replace_all(Buf *b, const char *secret) {
  size_t n = strlen(secret);
  Buf o = BUF_INIT;
  const char *p = buf_str(b), *hit;
  while ((hit = strstr(p, secret))) {
    buf_put(&o, p, (size_t)(hit - p));
    buf_puts(&o, "***");
    p = hit + n;
  }
  buf_puts(&o, p);
  buf_free(b);
  *b = o;
}

char *gitauth_redact(const GitAuth *a, const char *text) {
  Buf b = BUF_INIT;
  const char *p = text ? text : "", *s;
  /* scheme://user:password@host becomes scheme://(three stars)@host */
  while ((s = strstr(p, "://"))) {
    s += 3;
    buf_put(&b, p, (size_t)(s - p));
    size_t auth = strcspn(s, "/?# \t\n'\"");
    const char *at = memchr(s, '@', auth);
    if (at) {
      buf_puts(&b, "***");
      p = at;
    } else p = s;
  }
  buf_puts(&b, p);
  for (size_t i = 0; a && i < a->secrets.n; i++) replace_all(&b, a->secrets.v[i]);
  char *r = buf_detach(&b);
  return r ? r : xstrdup("");
}
