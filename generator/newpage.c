#include "newpage.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "messages.h"
#include "fsutil.h"
#include "sandbox.h"
#include "text.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The skeleton's comments come from the string table (keys new_*), so an
 * editor reads them in the site's language. */
typedef struct {
  const Config *cfg;
  lua_State *L;
} Words;

static const char *w(const Words *ws, const char *key, const char *fallback) {
  return config_string(ws->cfg, ws->L, key, fallback);
}

static void describe(Buf *b, const Words *ws, const Field *f) {
  const Field *e = f->kind == F_LIST ? f->of : f;
  buf_puts(b, "  # ");
  if (f->required) buf_printf(b, "%s; ", w(ws, "new_required", "required"));
  if (f->kind == F_LIST) buf_printf(b, "%s; ", w(ws, "new_list", "list"));
  switch (e->kind) {
  case F_ENUM:
    buf_printf(b, "%s ", w(ws, "new_one_of", "one of:"));
    for (size_t i = 0; i < e->n_values && i < 8; i++)
      buf_printf(b, "%s%s", i ? ", " : "", e->values[i]);
    if (e->n_values > 8) buf_printf(b, ", … (%s)", w(ws, "new_see_site", "see site.lua"));
    break;
  case F_REF:
    buf_printf(b, "%s ", w(ws, "new_ref", "slug of a"));
    for (size_t i = 0; i < e->n_to; i++) buf_printf(b, "%s%s", i ? "/" : "", e->to[i]);
    break;
  case F_DATE: buf_puts(b, w(ws, "new_date", "date, YYYY-MM-DD")); break;
  case F_URL: buf_puts(b, w(ws, "new_url", "web address, https://…")); break;
  case F_INTEGER: buf_puts(b, w(ws, "new_integer", "whole number")); break;
  case F_BOOL: buf_puts(b, w(ws, "new_bool", "true or false")); break;
  case F_OBJECT:
    /* what an entry needs: "dokument eller tittel; side eller url" */
    for (size_t g = 0; g < e->n_one_of; g++)
      for (size_t k = 0; k < e->one_of[g].n; k++)
        buf_printf(b, "%s%s", k ? msg(MSG_R_OR) : g ? "; " : "", e->one_of[g].names[k]);
    for (size_t k = 0; !e->n_one_of && k < e->n_fields; k++)
      buf_printf(b, "%s%s", k ? ", " : "", e->fields[k].name);
    break;
  default: buf_puts(b, w(ws, "new_text", "text")); break;
  }
  buf_putc(b, '\n');
}

static void skeleton(Buf *b, const Words *ws, const ContentType *t, const char *title) {
  buf_puts(b, "---\n");
  for (size_t i = 0; i < t->n_fields; i++) {
    const Field *f = &t->fields[i];
    if (t->roles.title && !strcmp(f->name, t->roles.title)) {
      buf_printf(b, "%s: \"", f->name);
      for (const char *p = title; *p; p++) {
        if (*p == '"' || *p == '\\') buf_putc(b, '\\');
        buf_putc(b, *p);
      }
      buf_puts(b, "\"\n");
    } else if (t->roles.draft && !strcmp(f->name, t->roles.draft)) {
      buf_printf(b, "%s: true  # %s\n", f->name, w(ws, "new_draft", "remove this line to publish the page"));
    } else if (f->kind == F_LIST && f->of->kind == F_OBJECT) {
      buf_printf(b, "%s:", f->name);
      describe(b, ws, f);
      for (size_t k = 0; k < f->of->n_fields; k++)
        buf_printf(b, "  %s %s:\n", k ? " " : "-", f->of->fields[k].name);
    } else {
      buf_printf(b, "%s:", f->name);
      describe(b, ws, f);
    }
  }
  buf_puts(b, "---\n\n");
}

int new_page(const char *root, const char *type, const char *title) {
  Arena arena = {0};
  Sandbox *sb = sandbox_new(64u << 20, 10 * 1000 * 1000);
  Config cfg;
  int rc = 1;
  if (!sb || config_load(&cfg, &arena, sb, root) != 0) goto done;
  const ContentType *t = config_type(&cfg, type);
  if (!t) {
    Buf names = BUF_INIT;
    for (size_t i = 0; i < cfg.n_types; i++) buf_printf(&names, "%s%s", i ? ", " : "", cfg.types[i].name);
    diag_error(NULL, 0, 0, msg(MSG_N_UNKNOWN_TYPE), type, names.data);
    buf_free(&names);
    goto done;
  }
  Buf slug = BUF_INIT, path = BUF_INIT, text = BUF_INIT;
  slugify(&slug, title);
  if (!slug.len) {
    diag_error(NULL, 0, 0, "%s", msg(MSG_N_EMPTY_SLUG));
  } else {
    buf_printf(&path, "%s/content/%s/%s.md", root, t->folder, slug.data);
    if (fs_exists(path.data)) {
      diag_error(path.data, 0, 0, "%s", msg(MSG_N_EXISTS));
    } else {
      Words ws = {&cfg, sb->L};
      skeleton(&text, &ws, t, title);
      if (fs_write(path.data, text.data, text.len) != 0)
        diag_error(path.data, 0, 0, "cannot write: %s", strerror(errno));
      else {
        printf("%s\n", path.data);
        rc = 0;
      }
    }
  }
  buf_free(&slug);
  buf_free(&path);
  buf_free(&text);
done:
  sandbox_free(sb);
  arena_free(&arena);
  return rc;
}
