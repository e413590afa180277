/* fuzz.h: shared helpers for the libFuzzer targets in tests/fuzz/.
 * Each target is one C file with LLVMFuzzerTestOneInput calling the real
 * module APIs; tests/fuzz/run.sh links it with every generator source but main.c.
 * Paths are relative to the repository root (run.sh runs from there);
 * VARDE_FUZZ_ROOT overrides it. */
#ifndef VARDE_FUZZ_H
#define VARDE_FUZZ_H
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* "<repo>/<rel>" in a static buffer (valid until the next call). */
static inline const char *fuzz_path(const char *rel) {
  static Buf b;
  const char *root = getenv("VARDE_FUZZ_ROOT");
  buf_clear(&b);
  buf_printf(&b, "%s/%s", root && *root ? root : ".", rel);
  return b.data;
}

/* The input as varde reads a file: a malloc'd copy with a terminating NUL
 * (fs_read's contract), so an overread past `size` is still caught. */
static inline char *fuzz_copy(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) abort();
  if (size) memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

/* A private scratch folder, removed at exit. */
static char fuzz_tmp_dir[64];
static void fuzz_tmp_cleanup(void) {
  if (fuzz_tmp_dir[0]) fs_rm_rf(fuzz_tmp_dir);
}
static inline const char *fuzz_tmp(void) {
  if (!fuzz_tmp_dir[0]) {
    strcpy(fuzz_tmp_dir, "/tmp/varde-fuzz-XXXXXX");
    if (!mkdtemp(fuzz_tmp_dir)) { perror("mkdtemp"); abort(); }
    atexit(fuzz_tmp_cleanup);
  }
  return fuzz_tmp_dir;
}

/* Every target keeps varde's diagnostics quiet: captured, reset per input. */
static inline void fuzz_quiet(void) {
  diag_capture(1);
  diag_reset();
}

/* Aborts (a finding for libFuzzer) with a message when an invariant breaks. */
#define FUZZ_ASSERT(cond, ...)                                                   \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "fuzz invariant failed (%s:%d): ", __FILE__, __LINE__);    \
      fprintf(stderr, __VA_ARGS__);                                              \
      fputc('\n', stderr);                                                       \
      abort();                                                                   \
    }                                                                            \
  } while (0)

#endif
