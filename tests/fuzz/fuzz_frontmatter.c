/* fuzz_frontmatter: a content file's front matter split (frontmatter.c) and
 * its YAML checked against the content types of a fixed site.lua schema
 * (validate.c), the way content.c loads a page: against the type whose fields
 * fit the keys best (as if the file sat in that type's folder) and against
 * one more type chosen by the input's size, for the error paths.
 *
 * Invariants checked beyond the sanitizers: a parsed file's body lies inside
 * the input and ends with it; every url value validate.c accepts starts with
 * http://, https:// or a single '/' (also as a browser reads it: without
 * tabs and newlines, '\' as '/'); string values are one line. */
#include "config.h"
#include "content.h"
#include "frontmatter.h"
#include "fuzz.h"
#include "sandbox.h"
#include "text.h"

static Config cfg;
static Arena cfg_arena;
static Sandbox *sb;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  diag_capture(1);
  sb = sandbox_new(64u << 20, 20 * 1000 * 1000);
  if (!sb || config_load(&cfg, &cfg_arena, sb, fuzz_path("tests/fuzz/schema")) != 0) {
    fprintf(stderr, "fuzz_frontmatter: cannot load tests/fuzz/schema/site.lua:\n%s",
            diag_captured());
    abort();
  }
  return 0;
}

static void check_value(const Value *v) {
  const Field *f = v->field;
  FUZZ_ASSERT(f != NULL, "value without field");
  switch (v->kind) {
  case VAL_STR:
    FUZZ_ASSERT(v->str != NULL, "string value without text");
    if (f->kind == F_URL) {
      const char *s = v->str;
      FUZZ_ASSERT(starts_with(s, "https://") || starts_with(s, "http://") ||
                      (s[0] == '/' && s[1] != '/'),
                  "url field '%s' accepted '%s'", f->name, s);
      /* Browsers drop tabs and newlines from URLs and read '\' as '/':
       * "/\host" and "/<tab>/host" are //host, off the site. */
      if (s[0] == '/') {
        char b[3] = {0};
        size_t k = 0;
        for (const char *c = s; *c && k < 2; c++)
          if (*c != '\t' && *c != '\n' && *c != '\r') b[k++] = *c == '\\' ? '/' : *c;
        FUZZ_ASSERT(strcmp(b, "//") != 0, "url field '%s' accepted '%s', which browsers read as //",
                    f->name, s);
      }
    }
    if (f->kind == F_STRING)
      FUZZ_ASSERT(!strchr(v->str, '\n'), "string field '%s' has a newline", f->name);
    break;
  case VAL_LIST:
    FUZZ_ASSERT(f->kind == F_LIST, "list value for a %s field", field_kind_name(f->kind));
    for (size_t i = 0; i < v->n; i++) check_value(&v->items[i]);
    break;
  case VAL_OBJECT:
    FUZZ_ASSERT(f->kind == F_OBJECT, "object value for a %s field", field_kind_name(f->kind));
    for (size_t i = 0; i < v->n; i++) {
      FUZZ_ASSERT(v->keys[i] != NULL, "object key missing");
      check_value(&v->items[i]);
    }
    break;
  case VAL_INT:
    FUZZ_ASSERT(f->kind == F_INTEGER, "integer value for a %s field", field_kind_name(f->kind));
    break;
  case VAL_BOOL:
    FUZZ_ASSERT(f->kind == F_BOOL && (v->num == 0 || v->num == 1), "bad bool");
    break;
  case VAL_REF:
    FUZZ_ASSERT(f->kind == F_REF, "ref value for a %s field", field_kind_name(f->kind));
    break;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_quiet();
  char *src = fuzz_copy(data, size);
  Arena a = {0};
  FrontMatter fm;
  const char *path = "content/tiltak/fuzz.md";
  if (frontmatter_parse(&a, path, src, size, &fm) == 0) {
    FUZZ_ASSERT(fm.root && fm.root->kind == YN_MAP, "parse succeeded without a map");
    FUZZ_ASSERT(fm.body >= src && fm.body <= src + size && fm.body + fm.body_len == src + size,
                "body outside the input");
    FUZZ_ASSERT(fm.body_line >= 3, "body_line %d", fm.body_line);
    if (cfg.roles.draft) (void)ynode_get(fm.root, cfg.roles.draft);
    /* The type the keys fit best (as the folder would choose it), and one
     * more picked by the size, for the error paths. */
    size_t best = 0, best_hits = 0;
    for (size_t t = 0; t < cfg.n_types; t++) {
      size_t hits = 0;
      for (size_t k = 0; k < fm.root->n; k++) hits += type_field(&cfg.types[t], fm.root->keys[k]->str) != NULL;
      if (hits > best_hits) { best = t; best_hits = hits; }
    }
    size_t pick[2] = {best, size % cfg.n_types};
    for (size_t i = 0; i < (pick[1] == best ? 1u : 2u); i++) {
      const ContentType *type = &cfg.types[pick[i]];
      Value **vals = validate_fields(&a, path, type, fm.root, 1);
      for (size_t j = 0; j < type->n_fields; j++) {
        if (!vals[j]) continue;
        FUZZ_ASSERT(vals[j]->field == &type->fields[j], "value attached to the wrong field");
        check_value(vals[j]);
      }
    }
  } else {
    FUZZ_ASSERT(diag_errors() > 0, "frontmatter_parse failed without reporting");
  }
  arena_free(&a);
  free(src);
  return 0;
}
