#include "git_history.h"
#include "xalloc.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct GitHistory {
  git_repository *repo;
  Arena arena;
  const char *prefix;       /* site root relative to the repository ("" or "site/") */
  StrMap files;             /* repository path (at its newest) -> FileHistory */
  StrMap by_path;           /* any path a file had -> FileHistory */
  GitCommit **commits; size_t n_commits, cap_commits;
  GitCommit *head;
};

static void git_warn(const char *what) {
  const git_error *e = git_error_last();
  diag_warning(NULL, 0, 0, "%s%s%s", what, e && e->message ? ": " : "", e && e->message ? e->message : "");
}

static void civil_date(long long t, int offset, char out[11]) {
  time_t local = (time_t)(t + (long long)offset * 60);
  struct tm tm;
  gmtime_r(&local, &tm);
  strftime(out, 11, "%Y-%m-%d", &tm);
}

static GitCommit *make_commit(GitHistory *g, git_commit *c) {
  GitCommit *gc = arena_alloc(&g->arena, sizeof *gc);
  git_oid_tostr(gc->id, sizeof gc->id, git_commit_id(c));
  memcpy(gc->short_id, gc->id, 7);
  gc->short_id[7] = '\0';
  gc->time = (long long)git_commit_time(c);
  gc->offset = git_commit_time_offset(c);
  civil_date(gc->time, gc->offset, gc->date);
  const char *summary = git_commit_summary(c);
  gc->subject = arena_strdup(&g->arena, summary ? summary : "");
  git_message_trailer_array tr = {0};
  if (git_message_trailers(&tr, git_commit_message(c)) == 0) {
    gc->trailer_keys = arena_alloc(&g->arena, (tr.count + 1) * sizeof *gc->trailer_keys);
    gc->trailer_values = arena_alloc(&g->arena, (tr.count + 1) * sizeof *gc->trailer_values);
    for (size_t i = 0; i < tr.count; i++) {
      gc->trailer_keys[i] = arena_strdup(&g->arena, tr.trailers[i].key);
      gc->trailer_values[i] = arena_strdup(&g->arena, tr.trailers[i].value);
    }
    gc->n_trailers = tr.count;
    git_message_trailer_array_free(&tr);
  }
  return gc;
}

static void use_note(GitCommit *c, const char *key) {
  c->note = NULL;
  for (size_t k = 0; k < c->n_trailers; k++)
    if (!strcmp(c->trailer_keys[k], key)) c->note = c->trailer_values[k];
}

void git_history_use_notes(GitHistory *g, const char *key) {
  if (!g) return;
  for (size_t i = 0; i < g->n_commits; i++) use_note(g->commits[i], key);
  if (g->head) use_note(g->head, key);
}

static FileHistory *history_for(GitHistory *g, const char *path) {
  FileHistory *h = strmap_get(&g->by_path, path);
  if (!h) {
    h = arena_alloc(&g->arena, sizeof *h);
    const char *key = arena_strdup(&g->arena, path);
    strmap_put(&g->by_path, key, h);
    strmap_put(&g->files, key, h);
  }
  return h;
}

static void record(GitHistory *g, FileHistory *h, GitCommit *c, const char *path, const git_oid *blob) {
  if (h->n && h->commits[h->n - 1] == c) return;
  if (h->n == h->cap) {
    h->cap = h->cap ? h->cap * 2 : 4;
    h->commits = xrealloc(h->commits, h->cap * sizeof *h->commits);
    h->blobs = xrealloc(h->blobs, h->cap * sizeof *h->blobs);
    h->paths = xrealloc(h->paths, h->cap * sizeof *h->paths);
  }
  h->commits[h->n] = c;
  if (blob && !git_oid_is_zero(blob)) git_oid_tostr(h->blobs[h->n], 41, blob);
  else h->blobs[h->n][0] = '\0';
  h->paths[h->n] = arena_strdup(&g->arena, path);
  h->n++;
}

/* Is `path` in this merge different from its blob in every parent? A merge
 * that took a file unchanged from one side did not change it. */
static int merge_changed(git_commit *c, const char *path) {
  git_tree *tree = NULL;
  git_tree_entry *mine = NULL;
  int changed = 1;
  if (git_commit_tree(&tree, c) != 0) return 1;
  int have = git_tree_entry_bypath(&mine, tree, path) == 0;
  for (unsigned i = 0; changed && i < git_commit_parentcount(c); i++) {
    git_commit *p = NULL;
    git_tree *pt = NULL;
    git_tree_entry *theirs = NULL;
    if (git_commit_parent(&p, c, i) == 0 && git_commit_tree(&pt, p) == 0) {
      int there = git_tree_entry_bypath(&theirs, pt, path) == 0;
      if (have == there && (!have || git_oid_equal(git_tree_entry_id(mine), git_tree_entry_id(theirs))))
        changed = 0;
    }
    git_tree_entry_free(theirs);
    git_tree_free(pt);
    git_commit_free(p);
  }
  git_tree_entry_free(mine);
  git_tree_free(tree);
  return changed;
}

typedef struct {
  char status;              /* 'A', 'D', 'M' */
  char *path;               /* relative to the content folder */
  git_oid id;               /* new blob (A, M) or old blob (D) */
} Change1;

typedef struct {
  Change1 *v;
  size_t n, cap;
  int adds, dels;
} Changes;

static void change_add(Changes *ch, char status, const char *dir, const char *name, const git_oid *id) {
  if (ch->n == ch->cap) {
    ch->cap = ch->cap ? ch->cap * 2 : 16;
    ch->v = xrealloc(ch->v, ch->cap * sizeof *ch->v);
  }
  Buf p = BUF_INIT;
  buf_printf(&p, "%s%s%s", dir, *dir ? "/" : "", name);
  ch->v[ch->n++] = (Change1){status, buf_detach(&p), *id};
  ch->adds += status == 'A';
  ch->dels += status == 'D';
}


/* Compares two trees entry by entry (both are sorted by name) and recurses
 * only into folders whose ids differ: far cheaper than a general diff when a
 * commit changes a few files in a folder of thousands. */
static void compare_trees(GitHistory *g, git_tree *a, git_tree *b, const char *dir, Changes *ch) {
  size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0, i = 0, j = 0;
  while (i < na || j < nb) {
    const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
    const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
    int c = !ea ? 1 : !eb ? -1 : strcmp(git_tree_entry_name(ea), git_tree_entry_name(eb));
    if (c == 0 && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))) { i++; j++; continue; }
    const git_tree_entry *e = c <= 0 ? ea : eb;
    int ta = ea && c <= 0 && git_tree_entry_type(ea) == GIT_OBJECT_TREE;
    int tb = eb && c >= 0 && git_tree_entry_type(eb) == GIT_OBJECT_TREE;
    if (ta || tb) {
      git_tree *sa = NULL, *sb = NULL;
      if (ta) git_tree_lookup(&sa, g->repo, git_tree_entry_id(ea));
      if (tb) git_tree_lookup(&sb, g->repo, git_tree_entry_id(eb));
      Buf sub = BUF_INIT;
      buf_printf(&sub, "%s%s%s", dir, *dir ? "/" : "", git_tree_entry_name(e));
      compare_trees(g, sa, sb, sub.data, ch);
      buf_free(&sub);
      git_tree_free(sa);
      git_tree_free(sb);
      /* a file replaced by a folder or the other way round */
      if (c == 0 && !(ta && tb)) change_add(ch, ta ? 'A' : 'D', dir, git_tree_entry_name(e),
                                              git_tree_entry_id(ta ? eb : ea));
    } else if (c == 0) {
      change_add(ch, 'M', dir, git_tree_entry_name(eb), git_tree_entry_id(eb));
    } else if (c < 0) {
      change_add(ch, 'D', dir, git_tree_entry_name(ea), git_tree_entry_id(ea));
    } else {
      change_add(ch, 'A', dir, git_tree_entry_name(eb), git_tree_entry_id(eb));
    }
    if (c <= 0) i++;
    if (c >= 0) j++;
  }
}

/* The commit's content folder as a tree, or NULL when it has none. */
static git_tree *content_tree(GitHistory *g, git_commit *c, const char *path) {
  git_tree *root = NULL, *sub = NULL;
  git_tree_entry *e = NULL;
  if (git_commit_tree(&root, c) == 0 && git_tree_entry_bypath(&e, root, path) == 0 &&
      git_tree_entry_type(e) == GIT_OBJECT_TREE)
    git_tree_lookup(&sub, g->repo, git_tree_entry_id(e));
  git_tree_entry_free(e);
  git_tree_free(root);
  return sub;
}

static GitCommit *add_commit(GitHistory *g, git_commit *c) {
  GitCommit *gc = make_commit(g, c);
  if (g->n_commits == g->cap_commits) {
    g->cap_commits = g->cap_commits ? g->cap_commits * 2 : 64;
    g->commits = xrealloc(g->commits, g->cap_commits * sizeof *g->commits);
  }
  g->commits[g->n_commits++] = gc;
  return gc;
}

/* Renames: when a commit both adds and deletes files, libgit2's similarity
 * detection pairs them (old path -> new path). */
static void find_renames(GitHistory *g, git_tree *ptree, git_tree *tree, StrMap *renamed_from) {
  git_diff *diff = NULL;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  if (git_diff_tree_to_tree(&diff, g->repo, ptree, tree, &opts) == 0 && git_diff_find_similar(diff, &find) == 0)
    for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
      const git_diff_delta *d = git_diff_get_delta(diff, i);
      if (d->status == GIT_DELTA_RENAMED)
        strmap_put(renamed_from, xstrdup(d->new_file.path), xstrdup(d->old_file.path));
    }
  git_diff_free(diff);
}

static int diff_commit(GitHistory *g, git_commit *c, const char *content) {
  git_tree *tree = content_tree(g, c, content), *ptree = NULL;
  git_commit *parent = NULL;
  int rc = 0;
  if (git_commit_parentcount(c) > 0) {
    if (git_commit_parent(&parent, c, 0) != 0) { rc = -1; goto out; }
    ptree = content_tree(g, parent, content);
  }
  if (!tree && !ptree) goto out;
  if (tree && ptree && git_oid_equal(git_tree_id(tree), git_tree_id(ptree))) goto out;
  Changes ch = {0};
  compare_trees(g, ptree, tree, "", &ch);
  StrMap renamed_from = {0};
  if (ch.adds && ch.dels) find_renames(g, ptree, tree, &renamed_from);
  GitCommit *gc = NULL;
  int merge = git_commit_parentcount(c) > 1;
  Buf path = BUF_INIT;
  for (size_t i = 0; i < ch.n; i++) {
    Change1 *d = &ch.v[i];
    buf_clear(&path);
    buf_printf(&path, "%s/%s", content, d->path);
    const char *from = strmap_get(&renamed_from, d->path);
    if (d->status == 'D' || (merge && !merge_changed(c, path.data))) continue;
    if (!gc) gc = add_commit(g, c);
    FileHistory *h = history_for(g, path.data);
    record(g, h, gc, path.data, &d->id);
    if (from) {
      /* walking backwards: before this commit the file had its old name */
      Buf old = BUF_INIT;
      buf_printf(&old, "%s/%s", content, from);
      strmap_put(&g->by_path, arena_strdup(&g->arena, old.data), h);
      buf_free(&old);
    }
  }
  /* deletions, unless the file was renamed */
  for (size_t i = 0; i < ch.n; i++) {
    Change1 *d = &ch.v[i];
    if (d->status != 'D') continue;
    int was_renamed = 0;
    for (size_t k = 0; k < renamed_from.cap; k++)
      if (renamed_from.keys[k] && !strcmp(renamed_from.vals[k], d->path)) was_renamed = 1;
    buf_clear(&path);
    buf_printf(&path, "%s/%s", content, d->path);
    if (was_renamed || (merge && !merge_changed(c, path.data))) continue;
    if (!gc) gc = add_commit(g, c);
    record(g, history_for(g, path.data), gc, path.data, NULL);
  }
  buf_free(&path);
  for (size_t i = 0; i < ch.n; i++) free(ch.v[i].path);
  free(ch.v);
  for (size_t k = 0; k < renamed_from.cap; k++)
    if (renamed_from.keys[k]) { free((char *)renamed_from.keys[k]); free(renamed_from.vals[k]); }
  strmap_free(&renamed_from);
out:
  git_tree_free(ptree);
  git_tree_free(tree);
  git_commit_free(parent);
  return rc;
}

static int walk(GitHistory *g, const git_oid *start) {
  git_revwalk *w = NULL;
  if (git_revwalk_new(&w, g->repo) != 0) return -1;
  git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  if (git_revwalk_push(w, start) != 0) { git_revwalk_free(w); return -1; }
  Buf content = BUF_INIT;
  buf_printf(&content, "%scontent", g->prefix);
  git_oid oid;
  int rc = 0;
  while (git_revwalk_next(&oid, w) == 0) {
    git_commit *c = NULL;
    if (git_commit_lookup(&c, g->repo, &oid) != 0) { rc = -1; break; }
    if (!g->head) g->head = make_commit(g, c);
    if (diff_commit(g, c, content.data) != 0) rc = -1;
    git_commit_free(c);
    if (rc) break;
  }
  buf_free(&content);
  git_revwalk_free(w);
  return rc;
}

/* Path of `root` inside the repository's working folder: "" or "sub/dir/". */
static const char *repo_prefix(GitHistory *g, const char *root) {
  const char *wd = git_repository_workdir(g->repo);
  char real[PATH_MAX];
  if (!wd || !realpath(root, real)) return "";
  size_t n = strlen(wd);
  Buf p = BUF_INIT;
  buf_puts(&p, real);
  buf_putc(&p, '/');
  const char *out = "";
  if (!strncmp(p.data, wd, n)) out = arena_strdup(&g->arena, p.data + n);
  buf_free(&p);
  return out;
}

static int init_libgit2(void) {
  static int done;
  if (!done) {
    git_libgit2_init();
    /* A content folder of thousands of pages is one big tree object that
     * every commit's diff reads; libgit2 by default does not cache trees
     * over 4 KiB, so it would inflate it again for every commit. */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)64 << 20);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)512 << 20);
    done = 1;
  }
  return 0;
}

static git_repository *open_repo(const char *root) {
  git_repository *repo = NULL;
  init_libgit2();
  if (git_repository_open_ext(&repo, root, 0, NULL) != 0) return NULL;
  return repo;
}

GitHistory *git_history_load(const char *root, const char *rev) {
  git_repository *repo = open_repo(root);
  if (!repo) {
    diag_warning(NULL, 0, 0, "not in a git repository: pages get no dates or change history");
    return NULL;
  }
  if (git_repository_is_shallow(repo)) {
    diag_warning(NULL, 0, 0, "shallow clone: the git history is cut off, so varde cannot tell when pages "
                 "were added or last changed; the site is built without those dates and without change "
                 "history (none are guessed). Fetch the whole history: fetch-depth: 0 for actions/checkout, "
                 "GIT_DEPTH: 0 in GitLab CI, or git fetch --unshallow");
    git_repository_free(repo);
    return NULL;
  }
  GitHistory *g = xcalloc(1, sizeof *g);
  g->repo = repo;
  g->prefix = repo_prefix(g, root);
  git_object *obj = NULL;
  git_commit *start = NULL;
  if (git_revparse_single(&obj, repo, rev ? rev : "HEAD") != 0 ||
      git_object_peel((git_object **)&start, obj, GIT_OBJECT_COMMIT) != 0) {
    if (rev) diag_error(NULL, 0, 0, "unknown revision '%s'", rev);
    else diag_warning(NULL, 0, 0, "the repository has no commits yet: pages get no dates");
    git_object_free(obj);
    git_history_free(g);
    return NULL;
  }
  int rc = walk(g, git_commit_id(start));
  git_commit_free(start);
  git_object_free(obj);
  if (rc != 0) {
    git_warn("cannot read the git history");
    git_history_free(g);
    return NULL;
  }
  return g;
}

void git_history_free(GitHistory *g) {
  if (!g) return;
  for (size_t i = 0; i < g->files.cap; i++) {
    if (!g->files.keys[i]) continue;
    FileHistory *h = g->files.vals[i];
    free(h->commits);
    free(h->blobs);
    free(h->paths);
  }
  strmap_free(&g->files);
  strmap_free(&g->by_path);
  free(g->commits);
  git_repository_free(g->repo);
  arena_free(&g->arena);
  free(g);
}

const FileHistory *git_history_file(const GitHistory *g, const char *rel) {
  if (!g) return NULL;
  Buf p = BUF_INIT;
  buf_printf(&p, "%s%s", g->prefix, rel);
  const FileHistory *h = strmap_get(&g->by_path, p.data);
  buf_free(&p);
  return h;
}

const GitCommit *git_history_head(const GitHistory *g) { return g ? g->head : NULL; }

GitCommit *const *git_history_commits(const GitHistory *g, size_t *n) {
  *n = g ? g->n_commits : 0;
  return g ? g->commits : NULL;
}

char *git_history_blob(const GitHistory *g, const char *blob_id, size_t *len) {
  git_oid oid;
  git_blob *b = NULL;
  if (!g || !*blob_id || git_oid_fromstr(&oid, blob_id) != 0 || git_blob_lookup(&b, g->repo, &oid) != 0)
    return NULL;
  size_t n = (size_t)git_blob_rawsize(b);
  char *out = xmalloc(n + 1);
  if (out) {
    memcpy(out, git_blob_rawcontent(b), n);
    out[n] = '\0';
    if (len) *len = n;
  }
  git_blob_free(b);
  return out;
}

/* ---- export a commit's tree ---------------------------------------------- */

typedef struct {
  git_repository *repo;
  const char *prefix, *dest;
  int failed;
} Export;

static int export_entry(const char *dir, const git_tree_entry *e, void *payload) {
  Export *x = payload;
  Buf path = BUF_INIT;
  buf_printf(&path, "%s%s", dir, git_tree_entry_name(e));
  size_t pl = strlen(x->prefix);
  int inside = !strncmp(path.data, x->prefix, pl);
  int is_tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
  /* skip whole subtrees that cannot hold the site */
  if (!inside) {
    int on_way = is_tree && !strncmp(x->prefix, path.data, path.len) && x->prefix[path.len] == '/';
    buf_free(&path);
    return on_way ? 0 : 1;
  }
  if (git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB || git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB_EXECUTABLE) {
    git_blob *b = NULL;
    Buf out = BUF_INIT;
    buf_printf(&out, "%s/%s", x->dest, path.data + pl);
    if (git_blob_lookup(&b, x->repo, git_tree_entry_id(e)) != 0 ||
        fs_write(out.data, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) != 0) {
      diag_error(path.data, 0, 0, "cannot export from git");
      x->failed = 1;
    }
    git_blob_free(b);
    buf_free(&out);
  }
  /* symbolic links and submodules are not exported: nothing may point out */
  buf_free(&path);
  return 0;
}

int git_export_tree(const char *root, const char *rev, const char *dest) {
  git_repository *repo = open_repo(root);
  if (!repo) {
    diag_error(NULL, 0, 0, "--rev needs a git repository");
    return -1;
  }
  GitHistory tmp = {.repo = repo};
  const char *prefix = repo_prefix(&tmp, root);
  git_object *obj = NULL;
  git_tree *tree = NULL;
  int rc = -1;
  if (git_revparse_single(&obj, repo, rev) != 0 || git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) != 0) {
    diag_error(NULL, 0, 0, "unknown revision '%s'", rev);
  } else if (fs_mkdir_p(dest) == 0) {
    Export x = {repo, prefix, dest, 0};
    git_tree_walk(tree, GIT_TREEWALK_PRE, export_entry, &x);
    rc = x.failed ? -1 : 0;
  }
  git_tree_free(tree);
  git_object_free(obj);
  git_repository_free(repo);
  arena_free(&tmp.arena);
  return rc;
}
