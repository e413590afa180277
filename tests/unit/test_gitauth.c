/* Unit tests: credentials never printed (gitauth_redact). */
#include "test.h"
#include "gitauth.h"
#include <stdlib.h>

void suite_gitauth(void);
void suite_gitauth(void) {
  TEST("gitauth: user:password in URLs is masked, other URLs are left alone") {
    char *r = gitauth_redact(NULL, "cannot push to https://x-access-token:ghs_abc@github.com/o/r.git "
                                   "(http://127.0.0.1:8080/r.git, 'https://user@host/x', file:///tmp/r)");
    CHECK_STR(r, "cannot push to https://***@github.com/o/r.git (http://127.0.0.1:8080/r.git, "
                 "'https://***@host/x', file:///tmp/r)");
    free(r);
  }
  TEST("gitauth: an @ in the path is not user information") {
    char *r = gitauth_redact(NULL, "https://host/a@b and https://u:p@h");
    CHECK_STR(r, "https://host/a@b and https://***@h");
    free(r);
  }
}
