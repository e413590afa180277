#include "publish.h"
#include "buf.h"
#include "build.h"
#include "diag.h"
#include "fsutil.h"
#include <dirent.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    if (rc == 0 && strcmp(name, ".") && strcmp(name, "..")) {
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

static int push(git_repository *repo, const char *remote_name, const char *branch) {
  git_remote *remote = NULL;
  if (git_remote_lookup(&remote, repo, remote_name) != 0 &&
      git_remote_create_anonymous(&remote, repo, remote_name) != 0) {
    git_fail("cannot find the remote to push to");
    return -1;
  }
  Buf spec = BUF_INIT;
  buf_printf(&spec, "refs/heads/%s:refs/heads/%s", branch, branch);
  char *specs[1] = {spec.data};
  git_strarray refspecs = {specs, 1};
  git_push_options opts = GIT_PUSH_OPTIONS_INIT;
  int rc = git_remote_push(remote, &refspecs, &opts);
  if (rc != 0) git_fail("push failed");
  else fprintf(stderr, "pushed %s to %s\n", branch, remote_name);
  buf_free(&spec);
  git_remote_free(remote);
  return rc;
}

int publish_site(const PublishOptions *o) {
  const char *root = o->root ? o->root : ".";
  const char *rev = o->rev ? o->rev : "HEAD";
  const char *branch = o->branch ? o->branch : "gh-pages";
  char tmp[] = "/tmp/varde-publish-XXXXXX";
  if (!mkdtemp(tmp)) {
    diag_error(NULL, 0, 0, "cannot create a temporary folder");
    return 1;
  }
  Buf out = BUF_INIT;
  buf_printf(&out, "%s/site", tmp);
  BuildOptions bo = {.root = root, .out = out.data, .rev = rev, .quiet = 1};
  BuildStats st;
  int rc = build_site(&bo, &st) == 0 ? 0 : 1;
  git_repository *repo = NULL;
  git_object *src = NULL;
  git_commit *parent = NULL;
  git_reference *ref = NULL;
  git_tree *tree = NULL;
  git_signature *sig = NULL;
  Buf refname = BUF_INIT, msg = BUF_INIT;
  if (rc) goto done;
  git_libgit2_init();
  git_oid tree_id, commit_id;
  if (git_repository_open_ext(&repo, root, 0, NULL) != 0 ||
      git_revparse_single(&src, repo, rev) != 0) {
    git_fail("cannot open the repository");
    rc = 1;
    goto done;
  }
  git_commit *source = NULL;
  if (git_object_peel((git_object **)&source, src, GIT_OBJECT_COMMIT) != 0) {
    git_fail("not a commit");
    rc = 1;
    goto done;
  }
  if (write_tree(repo, out.data, &tree_id) != 0) {
    git_fail("cannot store the site in git");
    git_commit_free(source);
    rc = 1;
    goto done;
  }
  buf_printf(&refname, "refs/heads/%s", branch);
  if (git_reference_lookup(&ref, repo, refname.data) == 0)
    git_commit_lookup(&parent, repo, git_reference_target(ref));
  char short_id[8], full_id[41];
  git_oid_tostr(full_id, sizeof full_id, git_commit_id(source));
  memcpy(short_id, full_id, 7);
  short_id[7] = '\0';
  if (parent && git_oid_equal(git_commit_tree_id(parent), &tree_id)) {
    fprintf(stderr, "%s is up to date with %s: nothing to publish\n", branch, short_id);
  } else {
    /* The commit's time is the source commit's: publishing the same source
     * twice from scratch gives the same commit. */
    const git_signature *author = git_commit_committer(source);
    git_signature *def = NULL;
    const char *name = "varde", *email = "varde@localhost";
    if (git_signature_default(&def, repo) == 0) { name = def->name; email = def->email; }
    git_signature_new(&sig, name, email, author->when.time, author->when.offset);
    git_signature_free(def);
    git_tree_lookup(&tree, repo, &tree_id);
    buf_printf(&msg, "Publiser nettstedet fra %s\n\nBygget av varde %s fra commit %s.\n", short_id,
               VARDE_VERSION, full_id);
    const git_commit *parents[1] = {parent};
    if (git_commit_create(&commit_id, repo, refname.data, sig, sig, NULL, msg.data, tree,
                          parent ? 1 : 0, parents) != 0) {
      git_fail("cannot create the commit");
      rc = 1;
    } else {
      char id[8];
      git_oid_tostr(id, sizeof id, &commit_id);
      fprintf(stderr, "published %s as %s on %s (%lu pages)\n", short_id, id, branch, st.pages);
    }
  }
  git_commit_free(source);
  if (rc == 0 && o->push && push(repo, o->push, branch) != 0) rc = 1;
done:
  git_signature_free(sig);
  git_tree_free(tree);
  git_reference_free(ref);
  git_commit_free(parent);
  git_object_free(src);
  git_repository_free(repo);
  fs_rm_rf(tmp);
  buf_free(&out);
  buf_free(&refname);
  buf_free(&msg);
  return rc;
}
