/* Unit tests: diag's output formats. */
#include "test.h"
#include "diag.h"
#include "buf.h"
#include "messages.h"
#include <stdlib.h>

void suite_diag(void);
void suite_diag(void) {
  TEST("diag: compiler format is the default") {
    diag_error("content/a.md", 7, 3, "unknown field '%s'", "x");
    diag_warning(NULL, 0, 0, "shallow");
    CHECK_STR(diag_captured(), "content/a.md:7:3: error: unknown field 'x'\nvarde: warning: shallow\n");
  }
  TEST("diag: after DIAG_MAX_PER_FILE messages about a file, one line says the rest are left out") {
    for (int i = 1; i <= 1000; i++) diag_error("content/a.md", i, 1, "feil %d", i);
    diag_error("content/b.md", 1, 1, "annen fil");
    const char *out = diag_captured();
    int lines = 0;
    for (const char *p = out; *p; p++) lines += *p == '\n';
    CHECK(lines == DIAG_MAX_PER_FILE + 2);
    Buf want = BUF_INIT;
    buf_puts(&want, "content/a.md:20:1: error: feil 20\ncontent/a.md: error: ");
    buf_printf(&want, msg(MSG_DIAG_TOO_MANY), DIAG_MAX_PER_FILE);
    CHECK_CONTAINS(out, want.data);
    buf_free(&want);
    CHECK(!strstr(out, "feil 21"));
    CHECK_CONTAINS(out, "content/b.md:1:1: error: annen fil\n");
    CHECK(diag_errors() == 1001); /* all are counted */
    diag_reset();
    diag_error("content/a.md", 1, 1, "ny runde");
    CHECK_STR(diag_captured(), "content/a.md:1:1: error: ny runde\n");
  }
  TEST("diag: github annotations with the file, line and column") {
    diag_set_format(DIAG_GITHUB, NULL);
    diag_error("content/a.md", 7, 0, "unknown field 'x'");
    diag_warning("site.lua", 0, 0, "old key");
    diag_warning(NULL, 0, 0, "shallow clone");
    CHECK_STR(diag_captured(), "::error file=content/a.md,line=7,col=1::unknown field 'x'\n"
                               "::warning file=site.lua::old key\n"
                               "::warning::shallow clone\n");
    CHECK(diag_errors() == 1);
    diag_set_format(DIAG_COMPILER, NULL);
  }
  TEST("diag: github escapes %, and ':' and ',' in the path; CR and LF are shown as \\r and \\n") {
    diag_set_format(DIAG_GITHUB, "./site");
    diag_error("a,b:c.md", 3, 2, "50%% done\nnext\r");
    CHECK_STR(diag_captured(), "::error file=site/a%2Cb%3Ac.md,line=3,col=2::50%25 done\\nnext\\r\n");
    diag_set_format(DIAG_COMPILER, NULL);
  }
  TEST("diag: control characters and bytes that are not UTF-8 are escaped in paths and messages (issue 13)") {
    diag_error("content/a\n\x1b[2Jb.md", 1, 1, "x\ncontent/z.md:9:1: error: forged\x07 \xC2\x9B" "2J \xFF" " æ\t");
    CHECK_STR(diag_captured(), "content/a\\n\\x1B[2Jb.md:1:1: error: "
                               "x\\ncontent/z.md:9:1: error: forged\\x07 \\u009B2J \\xFF æ\\t\n");
  }
  TEST("diag: github counts held worker errors once") {
    diag_set_format(DIAG_GITHUB, NULL);
    diag_hold();
    diag_error("t.html", 3, 1, "boom");
    char *held = diag_take_held();
    diag_reset_count();
    diag_hold();
    diag_error("t.html", 3, 1, "boom");
    diag_release(held, 1);
    free(held);
    CHECK_STR(diag_captured(), "::error file=t.html,line=3,col=1::boom\n");
    CHECK(diag_errors() == 1);
    diag_set_format(DIAG_COMPILER, NULL);
  }
  TEST("diag: gitlab prints a Code Quality report and the compiler lines") {
    diag_set_format(DIAG_GITLAB, "site/");
    diag_finish();
    CHECK_STR(diag_captured(), "[]\n");
    diag_reset();
    diag_error("content/a.md", 7, 3, "bad \"x\"");
    diag_warning(NULL, 0, 0, "shallow");
    diag_warning("site.lua", 0, 0, "old");
    diag_finish();
    const char *c = diag_captured();
    const char *start = "content/a.md:7:3: error: bad \"x\"\n[\n{\"type\":\"issue\",\"check_name\":\"varde\","
                        "\"description\":\"bad \\\"x\\\"\",\"severity\":\"major\",\"fingerprint\":\"";
    CHECK(!strncmp(c, start, strlen(start)));
    CHECK_CONTAINS(c, "\"location\":{\"path\":\"site/content/a.md\",\"lines\":{\"begin\":7}}}");
    CHECK_CONTAINS(c, "}varde: warning: shallow\nsite.lua: warning: old\n,\n{");
    CHECK_CONTAINS(c, "\"description\":\"old\"");
    CHECK_CONTAINS(c, "\"severity\":\"minor\"");
    CHECK(strlen(c) > 3 && !strcmp(c + strlen(c) - 3, "\n]\n"));
    diag_set_format(DIAG_COMPILER, NULL);
  }
}
