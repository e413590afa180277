#include "frontmatter.h"
#include "buf.h"
#include "diag.h"
#include "messages.h"
#include "strmap.h"
#include "yaml_explain.h"
#include <stdio.h>
#include <string.h>
#include <yaml.h>

/* Finds the closing "---" line; returns the offset of its first byte or -1. */
static long find_close(const char *s, size_t len, size_t from) {
  size_t i = from;
  while (i < len) {
    const char *nl = memchr(s + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - s) : len;
    size_t l = end - i;
    if (l && s[end - 1] == '\r') l--;
    if (l == 3 && !memcmp(s + i, "---", 3)) return (long)i;
    if (l == 3 && !memcmp(s + i, "...", 3)) return (long)i;
    i = end + 1;
  }
  return -1;
}

typedef struct {
  Arena *arena;
  yaml_parser_t parser;
  const char *path;
  const char *yaml; size_t len; /* the front matter's text, to explain a mistake */
  int line_offset;
  int failed;
} Ctx;

static YNode *node_new(Ctx *c, YKind kind, yaml_mark_t m) {
  YNode *n = arena_alloc(c->arena, sizeof *n);
  n->kind = kind;
  n->line = (int)m.line + 1 + c->line_offset;
  n->col = (int)m.column + 1;
  return n;
}

/* libyaml stopped: name the mistake where the editor made it when it is a
 * common one (yaml_explain), else libyaml's problem where it noticed it. */
static void yaml_fail(Ctx *c) {
  yaml_parser_t *p = &c->parser;
  yaml_mark_t m = p->problem_mark;
  c->failed = 1;
  if (yaml_explain(c->path, c->yaml, c->len, 1 + c->line_offset, (int)m.line)) return;
  const char *what = yaml_problem_words(p->problem ? p->problem : "malformed YAML");
  int translated = p->problem && what != p->problem;
  Buf b = BUF_INIT;
  buf_puts(&b, what);
  if (p->context && !translated) buf_printf(&b, " %s", p->context);
  diag_error(c->path, (int)m.line + 1 + c->line_offset, (int)m.column + 1, msg(MSG_FM_YAML), b.data);
  buf_free(&b);
}

/* Parses one node whose first event is `ev` (owned by caller). Depth-limited
 * so hostile input cannot exhaust the C stack. */
static YNode *parse_node(Ctx *c, yaml_event_t *ev, int depth);

static int next(Ctx *c, yaml_event_t *ev) {
  if (!yaml_parser_parse(&c->parser, ev)) {
    yaml_fail(c);
    return 0;
  }
  return 1;
}

typedef struct { YNode **v; size_t n, cap; } NodeVec;

static void vec_push(Ctx *c, NodeVec *v, YNode *n) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 8;
    YNode **nv = arena_alloc(c->arena, cap * sizeof *nv);
    if (v->n) memcpy(nv, v->v, v->n * sizeof *nv);
    v->v = nv;
    v->cap = cap;
  }
  v->v[v->n++] = n;
}

/* Keys of one mapping: a scan while there are few (front matter has about
 * ten), a hash index from INDEX_FROM keys on, so a map of n keys costs O(n). */
enum { INDEX_FROM = 16 };

static YNode *key_seen(const StrMap *index, const NodeVec *keys, const char *key) {
  if (keys->n >= INDEX_FROM) return strmap_get(index, key);
  for (size_t i = 0; i < keys->n; i++)
    if (!strcmp(keys->v[i]->str, key)) return keys->v[i];
  return NULL;
}

/* After a key was added: index every key once there are INDEX_FROM. */
static void key_index(StrMap *index, const NodeVec *keys) {
  if (keys->n < INDEX_FROM) return;
  for (size_t i = keys->n == INDEX_FROM ? 0 : keys->n - 1; i < keys->n; i++)
    strmap_put(index, keys->v[i]->str, keys->v[i]);
}

/* ---- characters a text may not hold --------------------------------------
 * libyaml refuses control characters typed into the file, but makes them from
 * escapes in double quotes ("\x01", "\0", "\e"): C0 controls make the Atom
 * feed and the sitemap not well-formed XML, and "\0" would end the value in C
 * without a word. Refused after unescaping: C0 but TAB and LF (a lone CR only
 * comes from "\r": libyaml makes line breaks LF), DEL and C1 (invisible, never
 * meant), U+FFFE and U+FFFF (not characters in XML). */
static int forbidden(unsigned long cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE ||
         cp == 0xFFFF;
}

/* The first forbidden code point in a value (UTF-8, as libyaml writes it), or
 * -1 when there is none. */
static long forbidden_in(const unsigned char *s, size_t n, unsigned long *cp) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] < 0x80) *cp = s[i];
    else if (s[i] == 0xC2 && i + 1 < n) *cp = (s[i + 1] & 0x3Fu) | 0x80;
    else if (s[i] == 0xEF && i + 2 < n && s[i + 1] == 0xBF) *cp = 0xFFC0 | (s[i + 2] & 0x3F);
    else continue;
    if (forbidden(*cp)) return (long)i;
  }
  return -1;
}

/* A double-quoted escape's code point; *len its length after the backslash. */
static long escape_value(const char *s, size_t n, size_t *len) {
  static const char simple[] = "0abtnvfreN", codes[] = {0, 7, 8, 9, 10, 11, 12, 13, 27};
  *len = 1;
  if (!n) return -1;
  const char *k = strchr(simple, s[0]);
  if (s[0] && k) return k[0] == 'N' ? 0x85 : codes[k - simple];
  int digits = s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : s[0] == 'U' ? 8 : 0;
  if (!digits || (size_t)digits >= n) return -1;
  long v = 0;
  for (int i = 1; i <= digits; i++) {
    char h = s[i];
    int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
          : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  *len = (size_t)digits + 1;
  return v;
}

/* Where, in the front matter's text, the escape that made the forbidden
 * character of the scalar starting at m is written: *line and *col (in
 * characters) are left at the scalar's start when it is not found. */
static void escape_position(const Ctx *c, yaml_mark_t m, int *line, int *col) {
  *line = (int)m.line + 1 + c->line_offset;
  *col = (int)m.column + 1;
  const char *s = c->yaml, *end = c->yaml + c->len;
  for (size_t l = 0; l < m.line && s < end; s++) l += *s == '\n';
  for (size_t k = 0; k < m.column && s < end; s++) k += ((unsigned char)*s & 0xC0) != 0x80;
  if (s >= end || *s != '"') return;
  int ln = *line, cl = *col + 1; /* after the opening quote */
  for (s++; s < end && *s != '"';) {
    if (*s == '\n') { ln++; cl = 1; s++; continue; }
    if (*s != '\\') { cl += ((unsigned char)*s & 0xC0) != 0x80; s++; continue; }
    if (s + 1 < end && (s[1] == '\n' || s[1] == '\r')) { s++; continue; } /* an escaped line break */
    size_t len;
    long v = escape_value(s + 1, (size_t)(end - s - 1), &len);
    if (v >= 0 && forbidden((unsigned long)v)) {
      *line = ln;
      *col = cl;
      return;
    }
    s += 1 + len; /* escapes are ASCII: one column a byte */
    cl += 1 + (int)len;
  }
}

static void check_characters(Ctx *c, const yaml_event_t *ev) {
  unsigned long cp;
  if (forbidden_in(ev->data.scalar.value, ev->data.scalar.length, &cp) < 0) return;
  int line, col;
  escape_position(c, ev->start_mark, &line, &col);
  char written[16];
  snprintf(written, sizeof written, cp <= 0xFF ? "\\x%02lX" : "\\u%04lX", cp);
  diag_error(c->path, line, col, msg(MSG_FM_CONTROL), written);
  c->failed = 1;
}

static YNode *parse_node(Ctx *c, yaml_event_t *ev, int depth) {
  if (depth > 64) {
    diag_error(c->path, (int)ev->start_mark.line + 1 + c->line_offset,
               (int)ev->start_mark.column + 1, "%s", msg(MSG_FM_TOO_DEEP));
    c->failed = 1;
    return NULL;
  }
  switch (ev->type) {
  case YAML_SCALAR_EVENT: {
    check_characters(c, ev);
    YNode *n = node_new(c, YN_SCALAR, ev->start_mark);
    n->str = arena_strndup(c->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length);
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return n;
  }
  case YAML_ALIAS_EVENT:
    diag_error(c->path, (int)ev->start_mark.line + 1 + c->line_offset,
               (int)ev->start_mark.column + 1, "%s", msg(MSG_FM_ALIAS));
    c->failed = 1;
    return NULL;
  case YAML_SEQUENCE_START_EVENT: {
    YNode *n = node_new(c, YN_SEQ, ev->start_mark);
    NodeVec items = {0};
    for (;;) {
      yaml_event_t e;
      if (!next(c, &e)) return NULL;
      if (e.type == YAML_SEQUENCE_END_EVENT) { yaml_event_delete(&e); break; }
      YNode *item = parse_node(c, &e, depth + 1);
      yaml_event_delete(&e);
      if (!item) return NULL;
      vec_push(c, &items, item);
    }
    n->items = items.v;
    n->n = items.n;
    return n;
  }
  case YAML_MAPPING_START_EVENT: {
    YNode *n = node_new(c, YN_MAP, ev->start_mark);
    NodeVec keys = {0}, vals = {0};
    StrMap index = {0};
    for (;;) {
      yaml_event_t e;
      if (!next(c, &e)) { strmap_free(&index); return NULL; }
      if (e.type == YAML_MAPPING_END_EVENT) { yaml_event_delete(&e); break; }
      YNode *k = parse_node(c, &e, depth + 1);
      yaml_event_delete(&e);
      if (!k) { strmap_free(&index); return NULL; }
      if (k->kind != YN_SCALAR) {
        diag_error(c->path, k->line, k->col, "%s", msg(MSG_FM_KEY_NOT_WORD));
        c->failed = 1;
        strmap_free(&index);
        return NULL;
      }
      /* a repeated key is reported once, naming its first occurrence
       * (which is the one kept): n copies give n - 1 errors, not n(n-1)/2 */
      YNode *first = key_seen(&index, &keys, k->str);
      if (first) {
        diag_error(c->path, k->line, k->col, msg(MSG_FM_DUP_FIELD), k->str, first->line);
        c->failed = 1;
      }
      if (!next(c, &e)) { strmap_free(&index); return NULL; }
      YNode *v = parse_node(c, &e, depth + 1);
      yaml_event_delete(&e);
      if (!v) { strmap_free(&index); return NULL; }
      if (first) continue;
      vec_push(c, &keys, k);
      vec_push(c, &vals, v);
      key_index(&index, &keys);
    }
    strmap_free(&index);
    n->keys = keys.v;
    n->items = vals.v;
    n->n = keys.n;
    return n;
  }
  default:
    diag_error(c->path, (int)ev->start_mark.line + 1 + c->line_offset,
               (int)ev->start_mark.column + 1, "%s", msg(MSG_FM_UNEXPECTED));
    c->failed = 1;
    return NULL;
  }
}

static YNode *parse_yaml(Ctx *c, const char *yaml, size_t len) {
  yaml_parser_initialize(&c->parser);
  yaml_parser_set_input_string(&c->parser, (const unsigned char *)yaml, len);
  YNode *root = NULL;
  yaml_event_t e;
  int docs = 0;
  while (next(c, &e)) {
    yaml_event_type_t t = e.type;
    if (t == YAML_STREAM_END_EVENT) { yaml_event_delete(&e); break; }
    if (t == YAML_DOCUMENT_START_EVENT) docs++;
    if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
        t == YAML_MAPPING_START_EVENT || t == YAML_ALIAS_EVENT) {
      YNode *n = parse_node(c, &e, 0);
      if (!n) { yaml_event_delete(&e); break; }
      if (!root) root = n;
    }
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&c->parser);
  if (c->failed) return NULL;
  if (docs > 1) {
    diag_error(c->path, 1 + c->line_offset, 1, "%s", msg(MSG_FM_MULTI_DOC));
    return NULL;
  }
  return root;
}

int frontmatter_parse(Arena *arena, const char *path, const char *src, size_t len, FrontMatter *out) {
  memset(out, 0, sizeof *out);
  size_t start = 0;
  if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) start = 3; /* byte-order mark */
  const char *s = src + start;
  size_t n = len - start;
  /* until the front matter is read, the whole file is the body (a preview
   * shows it when the front matter has errors) */
  out->body = s;
  out->body_len = n;
  out->body_line = 1;
  if (!(n >= 4 && !memcmp(s, "---", 3) && (s[3] == '\n' || (s[3] == '\r' && n > 4 && s[4] == '\n')))) {
    diag_error(path, 1, 1, "%s", msg(MSG_FM_MISSING));
    return -1;
  }
  size_t yaml_start = s[3] == '\r' ? 5 : 4;
  long close = find_close(s, n, yaml_start);
  if (close < 0) {
    diag_error(path, 1, 1, "%s", msg(MSG_FM_NOT_CLOSED));
    return -1;
  }
  const char *nl = memchr(s + close, '\n', n - (size_t)close);
  size_t body = nl ? (size_t)(nl - s) + 1 : n;
  out->body = s + body;
  out->body_len = n - body;
  int line = 1;
  for (size_t i = 0; i < body; i++) line += s[i] == '\n';
  out->body_line = line;
  Ctx c = {.arena = arena, .path = path, .yaml = s + yaml_start, .len = (size_t)close - yaml_start,
           .line_offset = 1};
  YNode *root = parse_yaml(&c, s + yaml_start, (size_t)close - yaml_start);
  if (c.failed) return -1;
  if (!root || root->kind != YN_MAP) {
    diag_error(path, 2, 1, "%s", msg(MSG_FM_NOT_MAP));
    return -1;
  }
  out->root = root;
  return 0;
}

YNode *ynode_get(const YNode *map, const char *key) {
  if (!map || map->kind != YN_MAP) return NULL;
  for (size_t i = 0; i < map->n; i++)
    if (!strcmp(map->keys[i]->str, key)) return map->items[i];
  return NULL;
}
