/* content.h: the pages of a site. content_load walks content/, splits and
 * checks every file against its type (validate.c), and indexes the pages by
 * source path, URL and type/slug; relations.c then resolves refs.
 * Ownership: a Site owns its arena (pages, values, strings) and the file
 * buffers; site_free releases everything. */
#ifndef VARDE_CONTENT_H
#define VARDE_CONTENT_H
#include "arena.h"
#include "config.h"
#include "strmap.h"
#include <stddef.h>

typedef struct Page Page;

typedef enum { VAL_STR, VAL_INT, VAL_BOOL, VAL_LIST, VAL_OBJECT, VAL_REF } ValKind;

typedef struct Value {
  ValKind kind;
  const Field *field;
  int line, col;
  const char *str;          /* VAL_STR text; VAL_REF as written */
  long long num;            /* VAL_INT, VAL_BOOL */
  size_t n;                 /* VAL_LIST items, VAL_OBJECT pairs */
  struct Value *items;
  const char **keys;        /* VAL_OBJECT */
  Page *ref;                /* VAL_REF once resolved */
} Value;

typedef struct {
  int level;
  const char *id, *text;
} Heading;

typedef struct {
  Page *from;
  const Field *field;
} Backref;

struct Page {
  int index;
  const ContentType *type;
  const char *path;         /* as shown in messages: content/tiltak/x.md */
  const char *rel;          /* relative to content/: tiltak/x.md */
  const char *slug, *url;   /* url includes the base path */
  const char *out;          /* output file relative to the output folder */
  const char *title, *summary;
  int is_home, draft;
  const char *sort_number;  /* first "nummer" as text, for reading order */
  long long sort_int; int has_sort_int;
  Value **fields;           /* indexed like type->fields; NULL when absent */
  const char *body; size_t body_len; int body_line;
  /* filled by markdown rendering */
  char *html;               /* malloc'd */
  char *text;               /* malloc'd plain text of the body */
  Heading *toc; size_t n_toc;
  StrMap anchors;           /* heading ids */
  /* languages (languages.c) */
  const char *lang;         /* its language's code */
  const char *translation_of; /* a translation (x.en.md): its original's rel, x.md */
  Page *original;           /* a translation: the page it translates */
  Page **translations; size_t n_translations; /* an original: its translations */
  /* filled by relations */
  Backref *incoming; size_t n_incoming, cap_incoming;
};

typedef struct {
  const char *rel;          /* relative to content/ */
  const char *url;          /* /filer/<rel> with base path */
} StaticFile;

typedef struct Site {
  Arena arena;
  Config cfg;
  const char *root, *content_dir;
  int drafts;
  int preview;              /* a page whose front matter cannot be read is still a page */
  Page **pages; size_t n_pages, cap_pages;
  Page *home;
  StaticFile *files; size_t n_files, cap_files;
  StrMap by_rel, by_url, by_key; /* by_key: "type/slug" */
  /* links to addresses of the site that are not pages (lists, terms, the
   * search page...): checked once every output is planned (links.h) */
  struct RootLink *root_links; size_t n_root_links, cap_root_links;
  char **buffers; size_t n_buffers, cap_buffers;
  Arena scratch;            /* one page's YAML tree, reset after each page */
} Site;

/* The length of a page file's extension (".md" or ".markdown", in any
 * case), or 0 when `name` is not a page. */
size_t content_page_ext(const char *name);
/* Editors' backup and lock files and operating system files, which are never
 * content: x.md~, #x.md#, x.orig, x.bak, x.rej, x.swp, x.tmp, ~$x.docx,
 * Thumbs.db, desktop.ini (dot files such as .DS_Store are skipped anyway). */
int content_ignored(const char *name);

/* A translation: a page in a language with a URL prefix (x.en.md). It is
 * rendered at its own URL but stays out of lists, terms, relations, open
 * data and the site language's search index. */
static inline int page_is_translation(const Page *p) { return p->translation_of != NULL; }

/* Walks content/ and loads every page; errors go to diag. */
void content_load(Site *site);
/* Resolves ref fields to pages and records the reverse relations. */
void relations_resolve(Site *site);
/* Reads an already loaded page's file again, for `varde serve`. 0: *fresh
 * is the new page, with the same front matter as old (only the body may
 * differ; not registered, the caller takes what it needs); -1: the front
 * matter changed or the page became a draft (the site must be rebuilt);
 * 1: the file has errors (reported). */
int content_reparse(Site *site, const Page *old, Page **fresh);
/* Frees the files' text once their Markdown is rendered (bodies become NULL). */
void site_drop_sources(Site *site);
Page *site_page_by_rel(const Site *site, const char *rel);
const StaticFile *site_file_by_rel(const Site *site, const char *rel);
/* Whether two values are the same (kind, text, numbers, items). */
int value_equal(const Value *a, const Value *b);
/* The value of a field by name, or NULL. */
const Value *page_value(const Page *p, const char *field);
void site_free(Site *site);

/* validate.c: checks a YAML map against a type and builds the field values. */
struct YNode;
/* check_required 0: a translation, whose missing fields come from its original. */
Value **validate_fields(Arena *a, const char *path, const ContentType *type, const struct YNode *map,
                        int check_required);

#endif
