/* test.h: a tiny test harness. Each test_*.c file defines suite functions
 * listed in test_main.c; CHECK records a failure and carries on. */
#ifndef VARDE_TEST_H
#define VARDE_TEST_H
#include <stdio.h>
#include <string.h>

extern int t_passed, t_failed;
extern const char *t_current;
void t_begin(const char *name);
void t_end(void);
extern int t_case_failed;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      printf("  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                   \
      t_case_failed = 1;                                                         \
    }                                                                            \
  } while (0)

#define CHECK_STR(a, b)                                                          \
  do {                                                                           \
    const char *a_ = (a), *b_ = (b);                                             \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                     \
      printf("  FAIL %s:%d: %s\n    got:  %s\n    want: %s\n", __FILE__, __LINE__, #a, \
             a_ ? a_ : "(null)", b_ ? b_ : "(null)");                            \
      t_case_failed = 1;                                                         \
    }                                                                            \
  } while (0)

#define CHECK_CONTAINS(hay, needle)                                              \
  do {                                                                           \
    const char *h_ = (hay), *n_ = (needle);                                      \
    if (!h_ || !strstr(h_, n_)) {                                                \
      printf("  FAIL %s:%d: expected to find\n    %s\n  in\n    %s\n", __FILE__, __LINE__, n_, \
             h_ ? h_ : "(null)");                                                \
      t_case_failed = 1;                                                         \
    }                                                                            \
  } while (0)

#define TEST(name) for (t_begin(name); t_current; t_end())

#endif
