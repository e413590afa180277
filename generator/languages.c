#include "languages.h"
#include "buf.h"
#include "diag.h"
#include "messages.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Facts a translation shares with its original: what it says in words may
 * differ, numbers, dates, choices, references and links may not. */
static int is_fact(const Field *f) {
  while (f->kind == F_LIST && f->of) f = f->of;
  switch (f->kind) {
  case F_INTEGER: case F_DATE: case F_URL: case F_ENUM: case F_BOOL: case F_REF: return 1;
  default: return 0;
  }
}

static const char *codes(const Site *s, Buf *b) {
  buf_clear(b);
  for (size_t i = 0; i < s->cfg.n_languages; i++)
    buf_printf(b, "%s%s", i ? ", " : "", s->cfg.languages[i].code);
  return b->data;
}

/* The language field of a page in the site's own tree. */
static void set_in_place(Site *s, Page *p, Buf *scratch) {
  const char *field = p->type->roles.language;
  const Value *v = field ? page_value(p, field) : NULL;
  if (!v || v->kind != VAL_STR) return;
  const Language *l = config_language(&s->cfg, v->str);
  if (!l) {
    diag_error(p->path, v->line, v->col, msg(MSG_LANG_UNKNOWN), v->str, codes(s, scratch));
    return;
  }
  if (l->prefix) {
    const char *dot = strrchr(p->rel, '.');
    diag_error(p->path, v->line, v->col, msg(MSG_LANG_PARALLEL), l->code,
               arena_printf(&s->arena, "%.*s", (int)(dot - p->rel), p->rel), l->code);
    return;
  }
  p->lang = l->code;
}

static void add_translation(Page *o, Page *t) {
  o->translations = xrealloc(o->translations, (o->n_translations + 1) * sizeof *o->translations);
  o->translations[o->n_translations++] = t;
}

/* A translation takes what it leaves out from its original and must repeat
 * the original's facts exactly. */
static void inherit(Page *t, Page *o) {
  const ContentType *type = t->type;
  for (size_t j = 0; j < type->n_fields; j++) {
    const Field *f = &type->fields[j];
    Value *mine = t->fields[j], *theirs = o->fields[j];
    if (type->roles.language && !strcmp(f->name, type->roles.language) && mine) {
      diag_error(t->path, mine->line, mine->col, msg(MSG_LANG_FROM_NAME), f->name);
      t->fields[j] = theirs;
      continue;
    }
    if (!mine) { t->fields[j] = theirs; continue; }
    if (is_fact(f) && !value_equal(mine, theirs)) {
      diag_error(t->path, mine->line, mine->col, msg(MSG_LANG_FACT_DIFFERS), f->name, o->path,
                 theirs ? theirs->line : 1);
      t->fields[j] = theirs;
    }
  }
  const Value *title = type->roles.title ? page_value(t, type->roles.title) : NULL;
  const Value *sum = type->roles.summary ? page_value(t, type->roles.summary) : NULL;
  t->title = title && title->kind == VAL_STR ? title->str : o->title;
  t->summary = sum && sum->kind == VAL_STR ? sum->str : o->summary;
  t->sort_number = o->sort_number;
  t->sort_int = o->sort_int;
  t->has_sort_int = o->has_sort_int;
}

void languages_resolve(Site *s) {
  Buf scratch = BUF_INIT;
  for (size_t i = 0; i < s->n_pages; i++) {
    Page *p = s->pages[i];
    if (!page_is_translation(p)) { set_in_place(s, p, &scratch); continue; }
    Page *o = site_page_by_rel(s, p->translation_of);
    if (!o || page_is_translation(o) || o->type != p->type) {
      diag_error(p->path, 1, 1, msg(MSG_LANG_NO_ORIGINAL),
                 arena_printf(&s->arena, "content/%s", p->translation_of));
      continue;
    }
    p->original = o;
    add_translation(o, p);
    inherit(p, o);
  }
  buf_free(&scratch);
}

static size_t count_words(const char *t) {
  size_t n = 0;
  int in = 0;
  for (; t && *t; t++) {
    int space = *t == ' ' || *t == '\n' || *t == '\t' || *t == '\r';
    if (!space && !in) n++;
    in = !space;
  }
  return n;
}

size_t languages_share(const Site *s, LanguageShare *shares) {
  size_t total = 0;
  for (size_t i = 0; i < s->cfg.n_languages; i++)
    shares[i] = (LanguageShare){&s->cfg.languages[i], 0};
  for (size_t i = 0; i < s->n_pages; i++) {
    const Page *p = s->pages[i];
    if (page_is_translation(p)) continue;
    size_t w = count_words(p->title) + count_words(p->summary) + count_words(p->text);
    for (size_t k = 0; k < s->cfg.n_languages; k++)
      if (!strcmp(shares[k].lang->code, p->lang)) { shares[k].words += w; break; }
    total += w;
  }
  return total;
}

void languages_report(const Site *s, FILE *out) {
  if (s->cfg.n_languages < 2) return;
  LanguageShare *sh = xcalloc(s->cfg.n_languages, sizeof *sh);
  size_t total = languages_share(s, sh);
  for (size_t i = 0; out && i < s->cfg.n_languages; i++) {
    if (sh[i].lang->prefix) continue;
    double pct = total ? 100.0 * (double)sh[i].words / (double)total : 0;
    fprintf(out, "%s%s %.1f %%", i ? ", " : msg(MSG_LANG_SHARES), sh[i].lang->code, pct);
  }
  if (out) fprintf(out, " (%zu)\n", total);
  for (size_t i = 0; i < s->cfg.n_languages; i++) {
    const Language *l = sh[i].lang;
    double share = total ? (double)sh[i].words / (double)total : 0;
    if (l->prefix || l->min_share <= 0 || share >= l->min_share) continue;
    diag_warning("site.lua", l->pos.line, l->pos.col, msg(MSG_LANG_SHARE_LOW), l->name, 100 * share,
                 100 * l->min_share);
  }
  free(sh);
}
