/* validate.c: front matter against the content model. Every problem is
 * reported (not only the first) at the line and column of the value. */
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "frontmatter.h"
#include "text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  Arena *a;
  const char *path;
} V;

static int is_null(const YNode *n) {
  return n->kind == YN_SCALAR && n->plain &&
         (!n->str[0] || !strcmp(n->str, "~") || !strcmp(n->str, "null"));
}

/* "did you mean" for names and enum values: the closest candidate within a
 * distance that still looks like a typo. */
static const char *closest(const char *s, const char *const *cands, size_t n, size_t stride) {
  const char *best = NULL;
  int best_d = 4;
  for (size_t i = 0; i < n; i++) {
    const char *c = *(const char *const *)((const char *)cands + i * stride);
    int d = edit_distance(s, c, best_d);
    if (d < best_d) { best_d = d; best = c; }
  }
  int limit = (int)strlen(s) / 3 + 1;
  return best_d <= limit ? best : NULL;
}

static const char *describe(const YNode *n) {
  return n->kind == YN_SEQ ? "a list" : n->kind == YN_MAP ? "a set of fields" : "a single value";
}

static int valid_date(const char *s) {
  int y, m, d;
  char tail;
  if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return 0;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return 0;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
  return 1;
}

/* Only web and site-relative URLs: javascript:, data: and friends never
 * reach a page through a url field. */
static int valid_url(const char *s) {
  /* no white space or control characters anywhere: browsers drop some of
   * them and "/\t/host" would become "//host" */
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p <= 0x20 || *p == 0x7f || *p == '\\') return 0;
  if (starts_with(s, "https://")) return s[8] != '\0' && !strchr(s, ' ');
  if (starts_with(s, "http://")) return s[7] != '\0' && !strchr(s, ' ');
  return s[0] == '/' && s[1] != '/';
}

static int check_value(V *v, const Field *f, const YNode *n, Value *out);

static int check_object(V *v, const Field *f, const YNode *n, Value *out) {
  if (n->kind != YN_MAP) {
    diag_error(v->path, n->line, n->col, "'%s' must be a set of fields (%s), not %s", f->name,
               f->n_fields ? f->fields[0].name : "", describe(n));
    return -1;
  }
  int rc = 0;
  out->kind = VAL_OBJECT;
  out->keys = arena_alloc(v->a, (n->n + 1) * sizeof *out->keys);
  out->items = arena_alloc(v->a, (n->n + 1) * sizeof *out->items);
  for (size_t i = 0; i < n->n; i++) {
    const YNode *k = n->keys[i];
    const Field *sub = NULL;
    for (size_t j = 0; j < f->n_fields; j++)
      if (!strcmp(f->fields[j].name, k->str)) sub = &f->fields[j];
    if (!sub) {
      const char *guess = closest(k->str, (const char *const *)&f->fields[0].name, f->n_fields,
                                  sizeof(Field));
      if (guess)
        diag_error(v->path, k->line, k->col, "unknown field '%s' in '%s' (did you mean '%s'?)",
                   k->str, f->name, guess);
      else
        diag_error(v->path, k->line, k->col, "unknown field '%s' in '%s'", k->str, f->name);
      rc = -1;
      continue;
    }
    if (is_null(n->items[i])) continue;
    Value *item = &out->items[out->n];
    if (check_value(v, sub, n->items[i], item) == 0) out->keys[out->n++] = sub->name;
    else rc = -1;
  }
  for (size_t j = 0; j < f->n_fields; j++) {
    if (!f->fields[j].required) continue;
    int found = 0;
    for (size_t i = 0; i < out->n; i++) found |= !strcmp(out->keys[i], f->fields[j].name);
    if (!found) {
      diag_error(v->path, n->line, n->col, "missing required field '%s' in '%s'",
                 f->fields[j].name, f->name);
      rc = -1;
    }
  }
  return rc;
}

static int check_scalar(V *v, const Field *f, const YNode *n, Value *out) {
  if (n->kind != YN_SCALAR) {
    diag_error(v->path, n->line, n->col, "'%s' must be %s %s, not %s", f->name,
               f->kind == F_INTEGER ? "an" : "a", field_kind_name(f->kind), describe(n));
    return -1;
  }
  /* the YAML tree is freed after validation: values keep their own copy */
  const char *s = arena_strdup(v->a, n->str);
  out->kind = VAL_STR;
  out->str = s;
  switch (f->kind) {
  case F_STRING:
  case F_TEXT:
    if (f->kind == F_STRING && strchr(s, '\n')) {
      diag_error(v->path, n->line, n->col, "'%s' must be one line", f->name);
      return -1;
    }
    return 0;
  case F_INTEGER: {
    char *end;
    long long x = strtoll(s, &end, 10);
    if (!*s || *end || !n->plain) {
      diag_error(v->path, n->line, n->col, "'%s' must be a whole number, not '%s'", f->name, s);
      return -1;
    }
    out->kind = VAL_INT;
    out->num = x;
    return 0;
  }
  case F_BOOL:
    if (n->plain && (!strcmp(s, "true") || !strcmp(s, "false"))) {
      out->kind = VAL_BOOL;
      out->num = s[0] == 't';
      return 0;
    }
    diag_error(v->path, n->line, n->col, "'%s' must be true or false, not '%s'", f->name, s);
    return -1;
  case F_DATE:
    if (valid_date(s)) return 0;
    diag_error(v->path, n->line, n->col, "'%s' must be a date written YYYY-MM-DD, not '%s'",
               f->name, s);
    return -1;
  case F_URL:
    if (valid_url(s)) return 0;
    diag_error(v->path, n->line, n->col,
               "'%s' must be a URL starting with https://, http:// or /, not '%s'", f->name, s);
    return -1;
  case F_ENUM: {
    for (size_t i = 0; i < f->n_values; i++)
      if (!strcmp(f->values[i], s)) return 0;
    const char *guess = closest(s, f->values, f->n_values, sizeof(char *));
    if (guess) {
      diag_error(v->path, n->line, n->col, "'%s' is not an allowed value of '%s' (did you mean '%s'?)",
                 s, f->name, guess);
    } else {
      Buf all = BUF_INIT;
      for (size_t i = 0; i < f->n_values && i < 12; i++)
        buf_printf(&all, "%s'%s'", i ? ", " : "", f->values[i]);
      if (f->n_values > 12) buf_puts(&all, ", ...");
      diag_error(v->path, n->line, n->col, "'%s' is not an allowed value of '%s' (allowed: %s)", s,
                 f->name, all.data);
      buf_free(&all);
    }
    return -1;
  }
  case F_REF:
    out->kind = VAL_REF;
    return 0;
  default:
    return -1;
  }
}

static int check_value(V *v, const Field *f, const YNode *n, Value *out) {
  out->field = f;
  out->line = n->line;
  out->col = n->col;
  if (f->kind == F_OBJECT) return check_object(v, f, n, out);
  if (f->kind != F_LIST) return check_scalar(v, f, n, out);
  /* A single value where a list is expected is taken as a list of one:
   * "tema: Demens" reads naturally and means the same as "tema: [Demens]". */
  out->kind = VAL_LIST;
  if (n->kind != YN_SEQ && !(n->kind == YN_MAP && f->of->kind == F_OBJECT)) {
    if (n->kind == YN_MAP) {
      diag_error(v->path, n->line, n->col, "'%s' must be a list, not %s", f->name, describe(n));
      return -1;
    }
    out->items = arena_alloc(v->a, sizeof *out->items);
    out->n = 1;
    return check_value(v, f->of, n, &out->items[0]);
  }
  size_t count = n->kind == YN_SEQ ? n->n : 1;
  out->items = arena_alloc(v->a, (count + 1) * sizeof *out->items);
  int rc = 0;
  for (size_t i = 0; i < count; i++) {
    const YNode *item = n->kind == YN_SEQ ? n->items[i] : n;
    if (check_value(v, f->of, item, &out->items[out->n]) == 0) out->n++;
    else rc = -1;
  }
  return rc;
}

Value **validate_fields(Arena *a, const char *path, const ContentType *type, const YNode *map) {
  V v = {a, path};
  Value **vals = arena_alloc(a, (type->n_fields + 1) * sizeof *vals);
  for (size_t i = 0; i < map->n; i++) {
    const YNode *k = map->keys[i];
    size_t j = 0;
    while (j < type->n_fields && strcmp(type->fields[j].name, k->str) != 0) j++;
    if (j == type->n_fields) {
      const char *guess = closest(k->str, (const char *const *)&type->fields[0].name,
                                  type->n_fields, sizeof(Field));
      if (guess)
        diag_error(path, k->line, k->col, "unknown field '%s' (did you mean '%s'?)", k->str, guess);
      else
        diag_error(path, k->line, k->col, "unknown field '%s' for type '%s'", k->str, type->name);
      continue;
    }
    if (is_null(map->items[i])) continue;
    Value *val = arena_alloc(a, sizeof *val);
    if (check_value(&v, &type->fields[j], map->items[i], val) == 0) vals[j] = val;
  }
  for (size_t j = 0; j < type->n_fields; j++) {
    const Field *f = &type->fields[j];
    if (!f->required) continue;
    const YNode *present = ynode_get(map, f->name);
    int empty_list = vals[j] && vals[j]->kind == VAL_LIST && vals[j]->n == 0;
    if (!present || is_null(present) || empty_list)
      diag_error(path, present ? present->line : map->line, present ? present->col : 1,
                 "missing required field '%s' for type '%s'", f->name, type->name);
  }
  return vals;
}
