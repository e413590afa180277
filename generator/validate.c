/* validate.c: front matter against the content model. Every problem is
 * reported (not only the first) at the line and column of the value. */
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "frontmatter.h"
#include "messages.h"
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
  return msg(n->kind == YN_SEQ ? MSG_V_A_LIST : n->kind == YN_MAP ? MSG_V_A_MAP : MSG_V_A_VALUE);
}

/* What a field holds, in words ("a whole number"), for "must be …, not …". */
static const char *kind_words(const Field *f) {
  switch (f->kind) {
  case F_STRING: return msg(MSG_V_KIND_STRING);
  case F_TEXT: return msg(MSG_V_KIND_TEXT);
  case F_INTEGER: return msg(MSG_V_KIND_INTEGER);
  case F_DATE: return msg(MSG_V_KIND_DATE);
  case F_URL: return msg(MSG_V_KIND_URL);
  case F_ENUM: return msg(MSG_V_KIND_ENUM);
  case F_BOOL: return msg(MSG_V_KIND_BOOL);
  case F_REF: return msg(MSG_V_KIND_REF);
  case F_OBJECT: return msg(MSG_V_A_MAP);
  default: return msg(MSG_V_A_LIST);
  }
}

/* "'a', 'b'" (with the language's "or" before the last): the names of a
 * group of fields, for messages. */
static void name_list(Buf *b, const char *const *names, size_t n, size_t stride) {
  for (size_t i = 0; i < n; i++) {
    const char *name = *(const char *const *)((const char *)names + i * stride);
    buf_printf(b, "%s'%s'", i == 0 ? "" : i + 1 == n ? msg(MSG_R_OR) : ", ", name);
  }
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
    Buf names = BUF_INIT;
    name_list(&names, (const char *const *)&f->fields[0].name, f->n_fields, sizeof(Field));
    diag_error(v->path, n->line, n->col, msg(MSG_V_NOT_OBJECT), f->name, buf_str(&names), describe(n));
    buf_free(&names);
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
      if (guess) {
        diag_error(v->path, k->line, k->col, msg(MSG_V_UNKNOWN_IN_GUESS), k->str, f->name, guess);
      } else {
        Buf names = BUF_INIT;
        name_list(&names, (const char *const *)&f->fields[0].name, f->n_fields, sizeof(Field));
        diag_error(v->path, k->line, k->col, msg(MSG_V_UNKNOWN_IN), k->str, f->name, buf_str(&names));
        buf_free(&names);
      }
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
      diag_error(v->path, n->line, n->col, msg(MSG_V_MISSING_IN), f->fields[j].name, f->name);
      rc = -1;
    }
  }
  if (rc == 0 && out->n == 0) {
    /* "- dokument:" with nothing after it: an entry only in appearance */
    Buf names = BUF_INIT;
    name_list(&names, (const char *const *)&f->fields[0].name, f->n_fields, sizeof(Field));
    diag_error(v->path, n->line, n->col, msg(MSG_V_EMPTY_ENTRY), f->name, buf_str(&names));
    buf_free(&names);
    return -1;
  }
  for (size_t g = 0; rc == 0 && g < f->n_one_of; g++) {
    const FieldGroup *grp = &f->one_of[g];
    int found = 0;
    for (size_t i = 0; i < out->n; i++)
      for (size_t k = 0; k < grp->n; k++) found |= !strcmp(out->keys[i], grp->names[k]);
    if (!found) {
      Buf names = BUF_INIT;
      name_list(&names, grp->names, grp->n, sizeof(char *));
      diag_error(v->path, n->line, n->col, msg(MSG_V_ONE_OF), f->name, buf_str(&names));
      buf_free(&names);
      rc = -1;
    }
  }
  return rc;
}

static int check_scalar(V *v, const Field *f, const YNode *n, Value *out) {
  if (n->kind != YN_SCALAR) {
    diag_error(v->path, n->line, n->col, msg(MSG_V_WRONG_SHAPE), f->name, kind_words(f), describe(n));
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
      diag_error(v->path, n->line, n->col, msg(MSG_V_ONE_LINE), f->name);
      return -1;
    }
    return 0;
  case F_INTEGER: {
    char *end;
    long long x = strtoll(s, &end, 10);
    if (!*s || *end) {
      diag_error(v->path, n->line, n->col, msg(MSG_V_INTEGER), f->name, s);
      return -1;
    }
    if (!n->plain) {
      diag_error(v->path, n->line, n->col, msg(MSG_V_INTEGER_QUOTED), f->name, s);
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
    diag_error(v->path, n->line, n->col, msg(MSG_V_BOOL), f->name, s);
    return -1;
  case F_DATE:
    if (valid_date(s)) return 0;
    diag_error(v->path, n->line, n->col, msg(MSG_V_DATE), f->name, s);
    return -1;
  case F_URL:
    if (valid_url(s)) return 0;
    diag_error(v->path, n->line, n->col, msg(MSG_V_URL), f->name, s);
    return -1;
  case F_ENUM: {
    for (size_t i = 0; i < f->n_values; i++)
      if (!strcmp(f->values[i], s)) return 0;
    const char *guess = closest(s, f->values, f->n_values, sizeof(char *));
    if (guess) {
      diag_error(v->path, n->line, n->col, msg(MSG_V_ENUM_GUESS), s, f->name, guess);
    } else {
      Buf all = BUF_INIT;
      for (size_t i = 0; i < f->n_values && i < 12; i++)
        buf_printf(&all, "%s'%s'", i ? ", " : "", f->values[i]);
      if (f->n_values > 12) buf_puts(&all, ", ...");
      diag_error(v->path, n->line, n->col, msg(MSG_V_ENUM), s, f->name, all.data);
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
      diag_error(v->path, n->line, n->col, msg(MSG_V_WRONG_SHAPE), f->name, msg(MSG_V_A_LIST), describe(n));
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

Value **validate_fields(Arena *a, const char *path, const ContentType *type, const YNode *map,
                        int check_required) {
  V v = {a, path};
  Value **vals = arena_alloc(a, (type->n_fields + 1) * sizeof *vals);
  for (size_t i = 0; i < map->n; i++) {
    const YNode *k = map->keys[i];
    size_t j = 0;
    while (j < type->n_fields && strcmp(type->fields[j].name, k->str) != 0) j++;
    if (j == type->n_fields) {
      const char *guess = closest(k->str, (const char *const *)&type->fields[0].name,
                                  type->n_fields, sizeof(Field));
      if (guess) diag_error(path, k->line, k->col, msg(MSG_V_UNKNOWN_GUESS), k->str, guess);
      else diag_error(path, k->line, k->col, msg(MSG_V_UNKNOWN), k->str, type->name);
      continue;
    }
    if (is_null(map->items[i])) continue;
    Value *val = arena_alloc(a, sizeof *val);
    if (check_value(&v, &type->fields[j], map->items[i], val) == 0) vals[j] = val;
  }
  for (size_t j = 0; check_required && j < type->n_fields; j++) {
    const Field *f = &type->fields[j];
    if (!f->required) continue;
    const YNode *present = ynode_get(map, f->name);
    int empty_list = vals[j] && vals[j]->kind == VAL_LIST && vals[j]->n == 0;
    if (!present || is_null(present) || empty_list)
      diag_error(path, present ? present->line : map->line, present ? present->col : 1,
                 msg(MSG_V_MISSING), f->name, type->name);
  }
  return vals;
}
