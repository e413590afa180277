/* githistory.c: a git fast-import stream for a generated site, for the
 * history benchmark: one commit adding every file under content/, then
 * COMMITS-1 commits that each change FILES_PER_COMMIT pages, some with an
 * Endringsnotat trailer, some renaming a page.
 *   githistory SITE_DIR COMMITS | git -C SITE_DIR fast-import */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng = 42;
static size_t pick(size_t n) {
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return (size_t)(rng % n);
}

static char **files; static size_t n_files, cap;

static void walk(const char *root, const char *rel) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  DIR *d = opendir(path);
  struct dirent *e;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char r[4096];
    snprintf(r, sizeof r, "%s/%s", rel, e->d_name);
    snprintf(path, sizeof path, "%s/%s", root, r);
    struct stat st;
    if (stat(path, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) walk(root, r);
    else {
      if (n_files == cap) files = realloc(files, (cap = cap ? cap * 2 : 1024) * sizeof *files);
      files[n_files++] = strdup(r);
    }
  }
  if (d) closedir(d);
}

static void data_file(const char *root, const char *rel, const char *extra) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  FILE *f = fopen(path, "rb");
  if (!f) return;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  size_t got = fread(buf, 1, (size_t)n, f);
  fclose(f);
  printf("M 100644 inline %s\ndata %zu\n", rel, got + strlen(extra));
  fwrite(buf, 1, got, stdout);
  fputs(extra, stdout);
  putchar('\n');
  free(buf);
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: githistory SITE_DIR COMMITS\n"); return 2; }
  const char *root = argv[1];
  long commits = atol(argv[2]);
  walk(root, "content");
  long t = 1451606400; /* 2016-01-01 */
  for (long c = 0; c < commits; c++, t += 3600 * 7) {
    char msg[256];
    int note = c % 5 == 0;
    snprintf(msg, sizeof msg, "Endring %ld%s", c, note ? "\n\nEndringsnotat: Oppdaterte tall." : "");
    printf("commit refs/heads/main\ncommitter Redaktør <red@example.no> %ld +0100\ndata %zu\n%s\n", t,
           strlen(msg), msg);
    if (c == 0) {
      for (size_t i = 0; i < n_files; i++) data_file(root, files[i], "");
    } else {
      for (int k = 0; k < 5; k++) {
        char extra[64];
        snprintf(extra, sizeof extra, "\nTillegg %ld-%d.\n", c, k);
        data_file(root, files[pick(n_files)], extra);
      }
    }
    putchar('\n');
  }
  return 0;
}
