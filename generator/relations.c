/* relations.c: ref fields point at pages; each ref also becomes a backref
 * on its target, so a strategy knows its tiltak without anyone listing them
 * twice. */
#include "buf.h"
#include "xalloc.h"
#include "content.h"
#include "diag.h"
#include "messages.h"
#include <stdlib.h>
#include <string.h>

static void add_backref(Page *to, Page *from, const Field *f) {
  for (size_t i = 0; i < to->n_incoming; i++)
    if (to->incoming[i].from == from && to->incoming[i].field == f) return;
  if (to->n_incoming == to->cap_incoming) {
    to->cap_incoming = to->cap_incoming ? to->cap_incoming * 2 : 4;
    to->incoming = xrealloc(to->incoming, to->cap_incoming * sizeof *to->incoming);
  }
  to->incoming[to->n_incoming++] = (Backref){from, f};
}

static void resolve_ref(Site *s, Page *p, Value *v, const Field *top) {
  const Field *f = v->field;
  const char *slug = v->str;
  const char *slash = strchr(slug, '/');
  Buf key = BUF_INIT;
  for (size_t i = 0; i < f->n_to && !v->ref; i++) {
    if (!f->to_types[i]) continue;
    size_t tn = strlen(f->to_types[i]->name);
    const char *own = slug;
    /* "tiltak/slug" picks the type explicitly; a bare slug tries each target */
    if (slash) {
      if ((size_t)(slash - slug) != tn || strncmp(slug, f->to_types[i]->name, tn)) continue;
      own = slash + 1;
    }
    buf_clear(&key);
    buf_printf(&key, "%s/%s", f->to_types[i]->name, own);
    v->ref = strmap_get(&s->by_key, key.data);
  }
  buf_free(&key);
  if (!v->ref) {
    Buf types = BUF_INIT;
    for (size_t i = 0; i < f->n_to; i++) buf_printf(&types, "%s%s", i ? msg(MSG_R_OR) : "", f->to[i]);
    diag_error(p->path, v->line, v->col, msg(MSG_R_NO_TARGET), top->name, slug, types.data);
    buf_free(&types);
    return;
  }
  if (v->ref == p) {
    diag_error(p->path, v->line, v->col, msg(MSG_R_SELF), top->name);
    v->ref = NULL;
    return;
  }
  add_backref(v->ref, p, top);
}

static void walk(Site *s, Page *p, Value *v, const Field *top) {
  if (!v) return;
  if (v->kind == VAL_REF) resolve_ref(s, p, v, top);
  if (v->kind == VAL_LIST || v->kind == VAL_OBJECT)
    for (size_t i = 0; i < v->n; i++) walk(s, p, &v->items[i], top);
}

void relations_resolve(Site *s) {
  for (size_t i = 0; i < s->n_pages; i++) {
    Page *p = s->pages[i];
    /* a translation's references are its original's (languages.c) */
    if (page_is_translation(p)) continue;
    for (size_t j = 0; j < p->type->n_fields; j++) walk(s, p, p->fields[j], &p->type->fields[j]);
  }
}
