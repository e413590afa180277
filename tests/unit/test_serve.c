#include "test.h"
#include "fsutil.h"
#include "serve.h"
#include <stdio.h>
#include <stdlib.h>

/* serve_resolve is the one gate between a browser's URL and the disk. */
static int resolves_to(const char *out, const char *url, const char *want_rel) {
  char *got = serve_resolve(out, url);
  int same;
  if (!want_rel) {
    same = got == NULL;
  } else {
    char want[512];
    snprintf(want, sizeof want, "%s%s", out, want_rel);
    same = got && !strcmp(got, want);
  }
  if (!same) printf("  %s gave %s, wanted %s\n", url, got ? got : "NULL", want_rel ? want_rel : "NULL");
  free(got);
  return same;
}

void suite_serve(void) {
  char dir[] = "/tmp/varde-serve-unit-XXXXXX";
  if (!mkdtemp(dir)) return;
  char out[256], f[300];
  snprintf(out, sizeof out, "%s/public", dir);
  snprintf(f, sizeof f, "%s/index.html", out); fs_write(f, "x", 1);
  snprintf(f, sizeof f, "%s/tiltak/index.html", out); fs_write(f, "x", 1);
  snprintf(f, sizeof f, "%s/tiltak/a..b.txt", out); fs_write(f, "x", 1);
  snprintf(f, sizeof f, "%s/..hemmelig", out); fs_write(f, "x", 1);
  snprintf(f, sizeof f, "%s/hemmelig.txt", dir); fs_write(f, "x", 1);

  TEST("serve: folders give their index.html, with or without the slash") {
    CHECK(resolves_to(out, "/", "/index.html"));
    CHECK(resolves_to(out, "/tiltak/", "/tiltak/index.html"));
    CHECK(resolves_to(out, "/tiltak", "/tiltak/index.html"));
    CHECK(resolves_to(out, "/tiltak/index.html", "/tiltak/index.html"));
  }
  TEST("serve: missing files and relative paths give nothing") {
    CHECK(resolves_to(out, "/finnes-ikke/", NULL));
    CHECK(resolves_to(out, "tiltak/index.html", NULL));
    CHECK(resolves_to(out, "", NULL));
  }
  TEST("serve: no '..' segment reaches the disk, however it is placed") {
    CHECK(resolves_to(out, "/../hemmelig.txt", NULL));
    CHECK(resolves_to(out, "/tiltak/../../hemmelig.txt", NULL));
    CHECK(resolves_to(out, "/tiltak/..", NULL));
    CHECK(resolves_to(out, "/..", NULL));
    CHECK(resolves_to(out, "/tiltak/../index.html", NULL));
    CHECK(resolves_to(out, "/..\\hemmelig.txt", NULL));
    CHECK(resolves_to(out, "/tiltak\\..\\..\\hemmelig.txt", NULL));
  }
  TEST("serve: dots inside a name are not a '..' segment") {
    CHECK(resolves_to(out, "/tiltak/a..b.txt", "/tiltak/a..b.txt"));
    CHECK(resolves_to(out, "/..hemmelig", "/..hemmelig"));
  }
  TEST("serve: control bytes are refused") {
    CHECK(resolves_to(out, "/tiltak/\n", NULL));
  }
  fs_rm_rf(dir);
}
