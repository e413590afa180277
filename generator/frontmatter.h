/* frontmatter.h: splits a Markdown file into its YAML front matter and body,
 * and parses the YAML (libyaml) into a tree of nodes that remember their
 * line and column, so later checks can point at the exact spot. */
#ifndef VARDE_FRONTMATTER_H
#define VARDE_FRONTMATTER_H
#include "arena.h"
#include <stddef.h>

typedef enum { YN_SCALAR, YN_SEQ, YN_MAP } YKind;

typedef struct YNode {
  YKind kind;
  int line, col;      /* 1-based, in the whole file */
  const char *str;    /* scalar text */
  int plain;          /* scalar was unquoted (so "2016" and 2016 differ) */
  size_t n;           /* items (seq) or pairs (map) */
  struct YNode **items; /* seq items; map values */
  struct YNode **keys;  /* map keys (scalars) */
} YNode;

typedef struct {
  YNode *root;        /* a YN_MAP, or NULL when the file has no front matter */
  const char *body;   /* Markdown after the closing '---' (points into the input) */
  size_t body_len;
  int body_line;      /* line number of the body's first line */
} FrontMatter;

/* Parses `src` (the whole file). Errors are reported with diag_error against
 * `path`; returns 0 on success, -1 on error (then root is NULL and the body
 * is what follows the front matter, or the whole file when it has none).
 * Nodes live in `arena`. */
int frontmatter_parse(Arena *arena, const char *path, const char *src, size_t len, FrontMatter *out);

/* Lookup in a YN_MAP; NULL when absent. */
YNode *ynode_get(const YNode *map, const char *key);

#endif
