#include "test.h"
#include "diag.h"

int t_passed, t_failed, t_case_failed;
const char *t_current;

void t_begin(const char *name) {
  t_current = name;
  t_case_failed = 0;
  diag_reset();
  diag_capture(1);
}

void t_end(void) {
  diag_capture(0);
  printf("%s %s\n", t_case_failed ? "not ok" : "ok", t_current);
  if (t_case_failed) t_failed++;
  else t_passed++;
  t_current = NULL;
}

void suite_text(void);
void suite_buf(void);
void suite_frontmatter(void);
void suite_sandbox(void);
void suite_pattern(void);
void suite_template(void);
void suite_markdown(void);
void suite_config(void);
void suite_format(void);
void suite_search(void);
void suite_stamp(void);
void suite_diag(void);
void suite_gitauth(void);
void suite_serve(void);
void suite_plan(void);
void suite_history_text(void);
void suite_messages(void);
void suite_editor_text(void);
void suite_chart(void);

int main(void) {
  suite_text();
  suite_buf();
  suite_frontmatter();
  suite_sandbox();
  suite_pattern();
  suite_template();
  suite_markdown();
  suite_history_text();
  suite_config();
  suite_format();
  suite_search();
  suite_stamp();
  suite_diag();
  suite_gitauth();
  suite_serve();
  suite_plan();
  suite_messages();
  suite_editor_text();
  suite_chart();
  printf("unit: %d passed, %d failed\n", t_passed, t_failed);
  return t_failed ? 1 : 0;
}
