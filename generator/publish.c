#include "publish.h"
#include "xalloc.h"
#include "outdir.h"
#include "buf.h"
#include "build.h"
#include "diag.h"
#include "fsutil.h"
#include "gitauth.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void git_fail(const char *what) {
  const git_error *e = git_error_last();
  diag_error(NULL, 0, 0, "%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

/* Writes the folder as a tree of blobs into the repository. */
static int write_tree(git_repository *repo, const char *dir, git_oid *out) {
  git_treebuilder *tb = NULL;
  if (git_treebuilder_new(&tb, repo, NULL) != 0) return -1;
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort), rc = n < 0 ? -1 : 0;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (rc == 0 && strcmp(name, ".") && strcmp(name, "..") && strcmp(name, OUTDIR_MARKER)) {
      Buf p = BUF_INIT;
      buf_printf(&p, "%s/%s", dir, name);
      struct stat st;
      git_oid id;
      if (lstat(p.data, &st) != 0) rc = -1;
      else if (S_ISDIR(st.st_mode)) {
        rc = write_tree(repo, p.data, &id);
        if (rc == 0) rc = git_treebuilder_insert(NULL, tb, name, &id, GIT_FILEMODE_TREE);
      } else if (S_ISREG(st.st_mode)) {
        size_t len;
        char *data = fs_read(p.data, &len);
        rc = data ? git_blob_create_from_buffer(&id, repo, data, len) : -1;
        free(data);
        if (rc == 0) rc = git_treebuilder_insert(NULL, tb, name, &id, GIT_FILEMODE_BLOB);
      }
      buf_free(&p);
    }
    free(names[i]);
  }
  if (n >= 0) free(names);
  if (rc == 0) rc = git_treebuilder_write(out, tb);
  git_treebuilder_free(tb);
  return rc;
}

/* Reports a failed fetch or push: libgit2's message and the remote's name
 * without credentials, and what to do when the server refused them. */
static void remote_fail(const char *what, const char *remote, const char *branch, GitAuth *auth) {
  const git_error *e = git_error_last();
  char *r = gitauth_redact(auth, remote);
  char *m = gitauth_redact(auth, e && e->message ? e->message : "unknown libgit2 error");
  if (gitauth_refused(auth))
    diag_error(NULL, 0, 0, "cannot %s %s %s %s: %s", what, branch, what[0] == 'f' ? "from" : "to", r,
               gitauth_advice(auth));
  else diag_error(NULL, 0, 0, "cannot %s %s %s %s: %s", what, branch, what[0] == 'f' ? "from" : "to", r, m);
  free(r);
  free(m);
}

typedef struct {
  git_repository *repo;
  git_remote *remote;
  GitAuth *auth;
  const char *name;         /* as given: a remote's name or a URL */
  const char *branch;
  int has_tip;              /* the remote has the branch ... */
  git_oid tip;              /* ... at this commit */
  char *rejected;           /* the server's reason for refusing the push */
} Remote;

static int remote_credentials(git_credential **out, const char *url, const char *user_from_url,
                              unsigned int allowed, void *payload) {
  (void)url;
  return gitauth_credentials(((Remote *)payload)->auth, out, user_from_url, allowed);
}

static void remote_callbacks(Remote *r, git_remote_callbacks *cb, git_strarray *headers) {
  gitauth_reset(r->auth);
  cb->credentials = remote_credentials;
  cb->payload = r;
  *headers = gitauth_headers(r->auth);
}

static int open_remote(Remote *r, git_repository *repo, const char *name, const char *branch) {
  r->repo = repo;
  r->name = name;
  r->branch = branch;
  /* A named remote's URLs in a remote of no name: it has no fetch refspecs,
   * so fetching and pushing write no refs/remotes/<name>/<branch> (see
   * fetch_tip). */
  git_remote *named = NULL;
  const char *url = name, *push_url = NULL;
  if (git_remote_lookup(&named, repo, name) == 0) {
    url = git_remote_url(named);
    push_url = git_remote_pushurl(named);
  }
  int rc = url ? git_remote_create_anonymous(&r->remote, repo, url) : -1;
  if (rc == 0 && push_url) rc = git_remote_set_instance_pushurl(r->remote, push_url);
  git_remote_free(named);
  if (rc != 0) {
    char *n = gitauth_redact(NULL, name);
    diag_error(NULL, 0, 0, "no remote '%s' (give a remote's name or a URL to --push)", n);
    free(n);
    return -1;
  }
  r->auth = gitauth_new(repo, git_remote_url(r->remote));
  return 0;
}

/* Fetches the branch's objects from the remote and notes where the remote
 * has it, so that the new commit is built on top of what is published, also
 * in a fresh CI checkout that has no local branch. No ref is written (the
 * remote has no name, and FETCH_HEAD is off): a publish killed while libgit2
 * holds a ref's .lock file would leave it, and the next publish would fail
 * on it. */
static int fetch_tip(Remote *r) {
  Buf spec = BUF_INIT;
  buf_printf(&spec, "refs/heads/%s", r->branch);
  char *specs[1] = {spec.data};
  git_strarray refspecs = {specs, 1};
  git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
  remote_callbacks(r, &fo.callbacks, &fo.custom_headers);
  fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  fo.update_fetchhead = 0;
  int rc = git_remote_fetch(r->remote, &refspecs, &fo, NULL);
  if (rc != 0) {
    remote_fail("fetch", r->name, r->branch, r->auth);
    buf_free(&spec);
    return -1;
  }
  const git_remote_head **heads;
  size_t n;
  if (git_remote_ls(&heads, &n, r->remote) == 0)
    for (size_t i = 0; i < n; i++)
      if (!strcmp(heads[i]->name, spec.data)) {
        r->has_tip = 1;
        git_oid_cpy(&r->tip, &heads[i]->oid);
      }
  buf_free(&spec);
  return 0;
}

/* A rejected ref arrives here, not as an error from git_remote_push. */
static int push_status(const char *refname, const char *status, void *data) {
  Remote *r = data;
  (void)refname;
  if (status && !r->rejected) r->rejected = xstrdup(status);
  return 0;
}

static int push(Remote *r) {
  Buf spec = BUF_INIT;
  buf_printf(&spec, "refs/heads/%s:refs/heads/%s", r->branch, r->branch);
  char *specs[1] = {spec.data};
  git_strarray refspecs = {specs, 1};
  git_push_options opts = GIT_PUSH_OPTIONS_INIT;
  remote_callbacks(r, &opts.callbacks, &opts.custom_headers);
  opts.callbacks.push_update_reference = push_status;
  int rc = git_remote_push(r->remote, &refspecs, &opts);
  char *name = gitauth_redact(r->auth, r->name);
  if (rc != 0) remote_fail("push", r->name, r->branch, r->auth);
  else if (r->rejected) {
    char *why = gitauth_redact(r->auth, r->rejected);
    diag_error(NULL, 0, 0, "%s refused %s (%s): it changed since varde fetched it; run varde publish again",
               name, r->branch, why);
    free(why);
    rc = -1;
  } else fprintf(stderr, "pushed %s to %s\n", r->branch, name);
  free(name);
  buf_free(&spec);
  return rc;
}

/* The commit the new one goes on top of. With a remote, it must contain
 * what the remote has: the remote's tip, or the local branch when that is
 * ahead of it (an earlier publish not yet pushed). A local branch that went
 * another way than the remote's is an error, never overwritten. Without a
 * remote, the local branch, or else origin's copy of it (a CI checkout). */
static int choose_parent(git_repository *repo, const char *branch, const Remote *r, git_oid *parent,
                         int *has_parent) {
  Buf name = BUF_INIT;
  git_oid local;
  buf_printf(&name, "refs/heads/%s", branch);
  int has_local = git_reference_name_to_id(&local, repo, name.data) == 0;
  buf_free(&name);
  *has_parent = 1;
  if (r && r->has_tip && has_local && !git_oid_equal(&local, &r->tip)) {
    if (git_graph_descendant_of(repo, &local, &r->tip) == 1) *parent = local;
    else if (git_graph_descendant_of(repo, &r->tip, &local) == 1) *parent = r->tip;
    else {
      char *n = gitauth_redact(r->auth, r->name);
      diag_error(NULL, 0, 0,
                 "the local branch %s and the one on %s have gone separate ways; varde will not replace "
                 "what is published: delete the local branch (git branch -D %s) to publish on top of %s's",
                 branch, n, branch, n);
      free(n);
      return -1;
    }
  } else if (r && r->has_tip) *parent = r->tip;
  else if (has_local) *parent = local;
  else {
    Buf origin = BUF_INIT;
    buf_printf(&origin, "refs/remotes/origin/%s", branch);
    *has_parent = !r && git_reference_name_to_id(parent, repo, origin.data) == 0;
    if (*has_parent) fprintf(stderr, "no local %s: building on origin/%s\n", branch, branch);
    buf_free(&origin);
  }
  return 0;
}

/* A commit of tree on top of parent (if any), named after the source
 * commit and dated like it, so publishing is reproducible. */
static int make_commit(git_repository *repo, git_commit *source, const git_oid *tree_id,
                       git_commit *parent, git_oid *out) {
  const git_signature *when = git_commit_committer(source);
  git_signature *def = NULL, *sig = NULL;
  const char *name = "varde", *email = "varde@localhost";
  if (git_signature_default(&def, repo) == 0) { name = def->name; email = def->email; }
  int rc = git_signature_new(&sig, name, email, when->when.time, when->when.offset);
  git_signature_free(def);
  git_tree *tree = NULL;
  char full_id[41];
  git_oid_tostr(full_id, sizeof full_id, git_commit_id(source));
  Buf msg = BUF_INIT;
  buf_printf(&msg, "Publiser nettstedet fra %.7s\n\nBygget av varde %s fra commit %s.\n", full_id,
             VARDE_VERSION, full_id);
  const git_commit *parents[1] = {parent};
  if (rc == 0) rc = git_tree_lookup(&tree, repo, tree_id);
  if (rc == 0) rc = git_commit_create(out, repo, NULL, sig, sig, NULL, msg.data, tree, parent ? 1 : 0, parents);
  if (rc != 0) git_fail("cannot create the commit");
  git_tree_free(tree);
  git_signature_free(sig);
  buf_free(&msg);
  return rc;
}

/* Moves refs/heads/<branch> to id, only from the value it had. */
static int set_branch(git_repository *repo, const char *branch, const git_oid *id) {
  Buf name = BUF_INIT;
  git_oid old;
  buf_printf(&name, "refs/heads/%s", branch);
  git_reference *ref = NULL;
  int rc = 0;
  if (git_reference_name_to_id(&old, repo, name.data) == 0) {
    if (!git_oid_equal(&old, id))
      rc = git_reference_create_matching(&ref, repo, name.data, id, 1, &old, "varde publish");
  } else rc = git_reference_create(&ref, repo, name.data, id, 0, "varde publish");
  Buf lock = BUF_INIT;
  buf_printf(&lock, "%s%s.lock", git_repository_commondir(repo), name.data);
  /* as in git: a .lock left by a git program that was killed blocks the
   * branch until someone who knows none is running deletes it */
  if (rc == GIT_ELOCKED && fs_exists(lock.data))
    diag_error(NULL, 0, 0, "cannot update the branch %s: %s exists: another git program is changing it, or one "
               "was stopped before it finished; if no git program is running, delete %s and run varde "
               "publish again", branch, lock.data, lock.data);
  else if (rc != 0) git_fail("cannot update the branch");
  buf_free(&lock);
  git_reference_free(ref);
  buf_free(&name);
  return rc;
}

/* libgit2 before 1.7 has no shallow support: pushing walks the remote's
 * branches back through commits a shallow clone does not have, and fails
 * with "object not found". Say so before trying. */
static int shallow_push_refused(git_repository *repo) {
  int major, minor, rev;
  git_libgit2_version(&major, &minor, &rev);
  if (!git_repository_is_shallow(repo) || major > 1 || (major == 1 && minor >= 7)) return 0;
  diag_error(NULL, 0, 0, "cannot push from a shallow clone with libgit2 %d.%d (it needs the whole history): "
             "fetch it first (fetch-depth: 0 for actions/checkout, GIT_DEPTH: 0 in GitLab CI, or git fetch "
             "--unshallow); page dates need it too", major, minor);
  return 1;
}

/* libgit2 moves a branch through <ref>.lock, and a publish killed in those
 * moments leaves it: git and libgit2 then refuse the branch until someone
 * deletes it. So a publish holds an flock on <git dir>/varde-publish, which
 * the kernel drops when the process dies, and writes there the ref it is
 * about to move. A later publish that gets the flock and finds a note knows
 * that publish is gone, and removes the .lock it left: only one made no
 * later than the note (2 s for coarse file times), never a newer one a git
 * command is holding. The flock also keeps two publishes from running at
 * once in one repository. Returns the file's descriptor, or -1 (reported). */
static int journal_open(git_repository *repo) {
  const char *git_dir = git_repository_commondir(repo);
  Buf p = BUF_INIT;
  buf_printf(&p, "%svarde-publish", git_dir);
  int fd = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) diag_error(p.data, 0, 0, "cannot open: %s", strerror(errno));
  else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    diag_error(NULL, 0, 0, "another varde publish is running in this repository (it holds %s); "
               "run this one again when it has finished", p.data);
    close(fd);
    fd = -1;
  }
  char note[256];
  ssize_t n = fd >= 0 ? pread(fd, note, sizeof note - 1, 0) : 0;
  if (n > 0) {
    note[n] = '\0';
    note[strcspn(note, "\n")] = '\0';
    Buf lock = BUF_INIT;
    buf_printf(&lock, "%s%s.lock", git_dir, note);
    struct stat ls, js;
    if (!strncmp(note, "refs/heads/", 11) && !strstr(note, "..") && lstat(lock.data, &ls) == 0 &&
        S_ISREG(ls.st_mode) && fstat(fd, &js) == 0 && ls.st_mtime <= js.st_mtime + 2 && unlink(lock.data) == 0)
      fprintf(stderr, "removed %s, left by a varde publish that was stopped while it moved the branch\n",
              lock.data);
    buf_free(&lock);
    if (ftruncate(fd, 0) != 0) diag_warning(p.data, 0, 0, "cannot empty: %s", strerror(errno));
  }
  buf_free(&p);
  return fd;
}

/* Notes the ref being moved (ref), or that the move is over (NULL). */
static void journal_note(int fd, const char *ref) {
  if (ftruncate(fd, 0) != 0 || (ref && pwrite(fd, ref, strlen(ref), 0) != (ssize_t)strlen(ref)))
    diag_warning(NULL, 0, 0, "cannot note the branch being moved in .git/varde-publish: %s", strerror(errno));
}

/* Stores the built site (folder) as the branch's next commit, then pushes. */
static int store_and_push(git_repository *repo, git_commit *source, const char *site, const PublishOptions *o,
                          const char *branch, unsigned long pages) {
  Remote r = {0};
  git_oid tree_id, parent_id, tip;
  int has_parent = 0, rc = 0;
  git_commit *parent = NULL;
  int journal = journal_open(repo);
  if (journal < 0) return -1;
  if (o->push && (shallow_push_refused(repo) || open_remote(&r, repo, o->push, branch) != 0 ||
                  fetch_tip(&r) != 0))
    rc = -1;
  if (rc == 0 && write_tree(repo, site, &tree_id) != 0) {
    git_fail("cannot store the site in git");
    rc = -1;
  }
  if (rc == 0) rc = choose_parent(repo, branch, o->push ? &r : NULL, &parent_id, &has_parent);
  if (rc == 0 && has_parent && git_commit_lookup(&parent, repo, &parent_id) != 0) {
    git_fail("cannot read the published branch");
    rc = -1;
  }
  char short_id[8];
  git_oid_tostr(short_id, sizeof short_id, git_commit_id(source));
  if (rc == 0 && parent && git_oid_equal(git_commit_tree_id(parent), &tree_id)) {
    fprintf(stderr, "%s is up to date with %s: nothing to publish\n", branch, short_id);
    tip = parent_id;
  } else if (rc == 0 && (rc = make_commit(repo, source, &tree_id, parent, &tip)) == 0) {
    char id[8];
    git_oid_tostr(id, sizeof id, &tip);
    fprintf(stderr, "published %s as %s on %s (%lu pages)\n", short_id, id, branch, pages);
  }
  if (rc == 0) {
    Buf ref = BUF_INIT;
    buf_printf(&ref, "refs/heads/%s\n", branch);
    journal_note(journal, ref.data);
    rc = set_branch(repo, branch, &tip);
    journal_note(journal, NULL);
    buf_free(&ref);
  }
  if (rc == 0 && o->push) {
    if (r.has_tip && git_oid_equal(&r.tip, &tip)) {
      char *n = gitauth_redact(r.auth, r.name);
      fprintf(stderr, "%s already has it: nothing to push\n", n);
      free(n);
    } else rc = push(&r);
  }
  close(journal);
  git_commit_free(parent);
  git_remote_free(r.remote);
  gitauth_free(r.auth);
  free(r.rejected);
  return rc;
}

#define TEMP_PREFIX "varde-publish-"

/* A publish killed with -9 leaves its folder in $TMPDIR: remove those of
 * this user whose process is gone. */
static void remove_stale_temps(const char *tmpdir) {
  DIR *d = opendir(tmpdir);
  struct dirent *e;
  while (d && (e = readdir(d))) {
    if (strncmp(e->d_name, TEMP_PREFIX, strlen(TEMP_PREFIX)) != 0) continue;
    char *end;
    long pid = strtol(e->d_name + strlen(TEMP_PREFIX), &end, 10);
    if (end == e->d_name + strlen(TEMP_PREFIX) || *end != '-' || pid <= 0 || pid == (long)getpid() ||
        !(kill((pid_t)pid, 0) != 0 && errno == ESRCH))
      continue;
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", tmpdir, e->d_name);
    struct stat st;
    if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid()) fs_rm_rf(p.data);
    buf_free(&p);
  }
  if (d) closedir(d);
}

/* Ctrl-C (SIGINT), SIGTERM (a cancelled CI job) or SIGHUP during a publish
 * removes its folder before the process ends, as it would have at the end.
 * Only async-signal-safe calls: fork, execve of rm, waitpid, raise. (kill -9
 * cannot be caught: remove_stale_temps handles that.) A signal that was
 * ignored when publish started (nohup, a background job) stays ignored. */
static char cleanup_dir[PATH_MAX];
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction cleanup_saved[3];

static void cleanup_and_die(int sig) {
  pid_t child = fork();
  if (child == 0) {
    char *argv[] = {"rm", "-rf", "--", cleanup_dir, NULL}, *envp[] = {NULL};
    execve("/bin/rm", argv, envp);
    _exit(127);
  }
  if (child > 0) waitpid(child, NULL, 0);
  signal(sig, SIG_DFL);
  raise(sig);
}

static void cleanup_on_signals(const char *dir) {
  snprintf(cleanup_dir, sizeof cleanup_dir, "%s", dir);
  struct sigaction sa = {.sa_handler = cleanup_and_die};
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < 3; i++) {
    sigaction(cleanup_signals[i], NULL, &cleanup_saved[i]);
    if (cleanup_saved[i].sa_handler != SIG_IGN) sigaction(cleanup_signals[i], &sa, NULL);
  }
}

static void cleanup_done(void) {
  for (size_t i = 0; i < 3; i++) sigaction(cleanup_signals[i], &cleanup_saved[i], NULL);
}

int publish_site(const PublishOptions *o) {
  const char *root = o->root ? o->root : ".";
  const char *rev = o->rev ? o->rev : "HEAD";
  const char *branch = o->branch ? o->branch : "gh-pages";
  /* the build goes to a private folder in $TMPDIR (else /tmp), named after
   * this process so a later publish can remove it if this one is killed */
  const char *tmpdir = getenv("TMPDIR");
  if (!tmpdir || !*tmpdir) tmpdir = "/tmp";
  remove_stale_temps(tmpdir);
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s/%s%ld-XXXXXX", tmpdir, TEMP_PREFIX, (long)getpid());
  if (!mkdtemp(tmp)) {
    diag_error(NULL, 0, 0, "cannot create a temporary folder in %s: %s", tmpdir, strerror(errno));
    return 1;
  }
  cleanup_on_signals(tmp);
  Buf out = BUF_INIT;
  buf_printf(&out, "%s/site", tmp);
  BuildOptions bo = {.root = root, .out = out.data, .rev = rev, .quiet = 1};
  BuildStats st;
  int rc = build_site(&bo, &st) == 0 ? 0 : 1;
  git_repository *repo = NULL;
  git_object *src = NULL;
  git_commit *source = NULL;
  if (rc == 0) {
    git_libgit2_init();
    if (git_repository_open_ext(&repo, root, 0, NULL) != 0 || git_revparse_single(&src, repo, rev) != 0) {
      git_fail("cannot open the repository");
      rc = 1;
    } else if (git_object_peel((git_object **)&source, src, GIT_OBJECT_COMMIT) != 0) {
      git_fail("not a commit");
      rc = 1;
    } else if (store_and_push(repo, source, out.data, o, branch, st.pages) != 0) rc = 1;
  }
  git_commit_free(source);
  git_object_free(src);
  git_repository_free(repo);
  if (fs_rm_rf(tmp) != 0)
    diag_warning(tmp, 0, 0, "cannot delete the temporary folder of this publish: %s; delete it by hand",
                 strerror(errno));
  cleanup_done();
  buf_free(&out);
  return rc;
}
