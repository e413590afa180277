/* publish.h: `varde publish`: builds a revision (HEAD by default) and
 * stores the site as a commit on a branch (gh-pages by default), with
 * libgit2 and no working tree: blobs and trees are written straight into the
 * object database. A build that changes nothing makes no commit. --push
 * sends the branch to a remote. */
#ifndef VARDE_PUBLISH_H
#define VARDE_PUBLISH_H

typedef struct {
  const char *root;         /* site folder (default ".") */
  const char *rev;          /* default "HEAD" */
  const char *branch;       /* default "gh-pages" */
  const char *push;         /* remote name or URL, or NULL */
} PublishOptions;

/* 0 on success (also when there was nothing to publish), 1 on errors. */
int publish_site(const PublishOptions *o);

#endif
