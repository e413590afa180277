/* gitauth.h: credentials for fetching from and pushing to a remote, the
 * ways CI gives them, since libgit2 reads none of git's own settings:
 *  1. http.<url>.extraheader / http.extraheader from the repository's git
 *     config (what actions/checkout writes): sent as HTTP headers;
 *  2. the token in $VARDE_PUBLISH_TOKEN (user $VARDE_PUBLISH_USER, default
 *     x-access-token), when the server asks for credentials;
 *  3. git credential helpers (credential.helper, credential.<url>.helper),
 *     run as git runs them ("helper get" over the credential protocol);
 *  4. user:password in the URL itself (libgit2 uses it first).
 * No credential is ever printed: gitauth_redact masks them in any text. */
#ifndef VARDE_GITAUTH_H
#define VARDE_GITAUTH_H
#include <git2.h>

typedef struct GitAuth GitAuth;

/* For the remote at url, with the repository's configuration. */
GitAuth *gitauth_new(git_repository *repo, const char *url);
void gitauth_free(GitAuth *a);
/* The extraheaders that apply to the remote (they live as long as a), for
 * git_fetch_options/git_push_options.custom_headers. */
git_strarray gitauth_headers(const GitAuth *a);
/* A git_credential_acquire_cb body: call it from the callback with a. Gives
 * the environment's token, then each credential helper's answer, then
 * fails (GIT_EAUTH) and notes that the server refused us. */
int gitauth_credentials(GitAuth *a, git_credential **out, const char *user_from_url,
                        unsigned int allowed_types);
/* Before each operation (fetch, push): every connection asks anew. */
void gitauth_reset(GitAuth *a);
/* After a failed operation: 1 when the server refused every credential we
 * had (or asked and we had none); then gitauth_advice tells what to do. */
int gitauth_refused(const GitAuth *a);
const char *gitauth_advice(const GitAuth *a);
/* text with user:password in URLs and every known secret replaced by ***
 * (malloc'd). */
char *gitauth_redact(const GitAuth *a, const char *text);

#endif
