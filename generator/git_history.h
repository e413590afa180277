/* git_history.h: what git knows about the site, read with libgit2.
 *
 * One revwalk over the history (newest first), with one tree diff per
 * commit limited to the site's content folder, gives every content file its
 * commits; renames are followed. A commit message trailer named by site.lua's
 * `change_note` (this site: "Endringsnotat: …") is a public change note (as
 * GOV.UK's change notes).
 * Outside a repository, or in a shallow clone, there is no history and one
 * warning says why. */
#ifndef VARDE_GIT_HISTORY_H
#define VARDE_GIT_HISTORY_H
#include "arena.h"
#include "strmap.h"
#include <stddef.h>

typedef struct {
  char id[41], short_id[8];
  long long time;           /* seconds since the epoch */
  int offset;               /* minutes east of UTC, as committed */
  char date[11];            /* YYYY-MM-DD in the committer's time zone */
  const char *subject;
  const char *note;         /* the change-note trailer, or NULL (git_history_use_notes) */
  const char **trailer_keys, **trailer_values; size_t n_trailers;
} GitCommit;

typedef struct {
  GitCommit **commits;      /* newest first */
  char (*blobs)[41];        /* the file's blob id at each commit ("" when deleted) */
  const char **paths;       /* the file's path at each commit (renames) */
  size_t n, cap;
} FileHistory;

typedef struct GitHistory GitHistory;

/* Opens the repository holding `root` and walks history from `rev` (NULL:
 * HEAD). Returns NULL after a warning when there is no usable history. */
GitHistory *git_history_load(const char *root, const char *rev);
void git_history_free(GitHistory *g);
/* Takes each commit's trailer `key` (the last one) as its change note. */
void git_history_use_notes(GitHistory *g, const char *key);
/* History of a file given relative to the site root ("content/x.md"). */
const FileHistory *git_history_file(const GitHistory *g, const char *rel);
/* The commit the site is built from. */
const GitCommit *git_history_head(const GitHistory *g);
/* Newest-first list of all commits that touched content. */
GitCommit *const *git_history_commits(const GitHistory *g, size_t *n);
/* The text of a blob (malloc'd, NUL-terminated), or NULL. */
char *git_history_blob(const GitHistory *g, const char *blob_id, size_t *len);

/* Writes the tree of `rev` below the repository path of `root` into `dest`
 * (a new folder), without touching the working tree or the index. */
int git_export_tree(const char *root, const char *rev, const char *dest);

#endif
