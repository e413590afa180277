/* config.h: the site's configuration and content model, read from site.lua.
 * site.lua runs once in the sandbox; its returned table stays in the Lua
 * registry (templates see it as `site`) and is also copied into the C
 * structures below, which the loaders check pages against. */
#ifndef VARDE_CONFIG_H
#define VARDE_CONFIG_H
#include "arena.h"
#include "sandbox.h"
#include <stddef.h>

typedef enum {
  F_STRING, F_TEXT, F_INTEGER, F_DATE, F_URL, F_ENUM, F_BOOL, F_REF, F_OBJECT, F_LIST
} FieldKind;

typedef struct ContentType ContentType;

/* Where something is written in site.lua, for messages about it. */
typedef struct {
  int line, col;
} SrcPos;

/* An object's fields of which at least one must be filled (site.lua:
 * required_one_of = { { "dokument", "tittel" }, { "side", "url" } }). */
typedef struct {
  const char **names; size_t n;
} FieldGroup;

/* Which field of a page plays which part (site.lua's `roles`, per type or
 * for the whole site); NULL: the type has no such field. The engine knows
 * fields by role only, never by name. */
typedef struct {
  const char *title;        /* the page's title (default "title") */
  const char *summary;      /* one-paragraph summary (default "summary") */
  const char *draft;        /* bool: left out unless --drafts (default "draft") */
  const char *number;       /* string/integer or a list of them: sort key, searched as a number */
  const char *abbreviation; /* searched with the title */
  const char *language;     /* a written form the page is in (languages.h) */
} FieldRoles;

/* Folders (first URL segments) of what the build writes itself; site.lua's
 * `paths`. A page may not take a URL inside them. */
typedef struct {
  const char *changes;      /* /<page>/<changes>/, /<changes>/, /<changes>.xml ("changes") */
  const char *files;        /* files beside the pages in content/ ("files") */
  const char *search;       /* the search index ("search") */
  const char *data;         /* open data per type, .json and .csv ("data") */
} Namespaces;

/* Words the engine writes into pages and files itself: the theme's string
 * table (themes/<theme>/strings/<language>.lua), overridden key by key by
 * site.lua's `strings`. Templates see the whole table as `strings`. */
typedef struct {
  const char *table;        /* "table": names a table's scroll region ("Table 2: <heading>") */
  const char *content_type; /* "content_type": title of the search's type facet */
  const char *yes, *no;     /* "yes", "no": booleans in CSV */
  const char *section;      /* "section": id of a heading without letters or digits */
  const char *changes;      /* "changes": the change feed's title, "<changes> – <site title>" */
  const char *change_anchor; /* "change_anchor": id prefix of one change, "#<change_anchor>-<commit>" */
  const char *footnote_back; /* "footnote_back": a footnote's link back to where it is cited */
} EngineStrings;

typedef struct Field {
  const char *name;
  const char *label;                /* shown to readers; default: name capitalised */
  const char *plural;               /* label for more than one value (default: label) */
  FieldKind kind;
  int required;
  struct Field *of;                 /* F_LIST: element */
  const char **values; size_t n_values; /* F_ENUM */
  const char **to; size_t n_to;     /* F_REF: target type names */
  ContentType **to_types;
  struct Field *fields; size_t n_fields; /* F_OBJECT */
  FieldGroup *one_of; size_t n_one_of;   /* F_OBJECT: required_one_of */
  const char *taxonomy;             /* taxonomy name, or NULL */
} Field;

struct ContentType {
  const char *name, *title, *singular, *folder, *url;
  Field *fields; size_t n_fields;   /* own fields followed by the common ones */
  FieldRoles roles;                 /* the site's roles, overridden by the type's */
  int index;
  SrcPos pos;                       /* its url (or name) in site.lua */
};

typedef struct {
  const char *name, *title, *path;
  SrcPos pos;                       /* its path (or name) in site.lua */
} Taxonomy;

/* An entry of site.lua's `pages`: a page made by a template alone. */
typedef struct {
  const char *url;                  /* as written: "/sok/" (without the base path) */
  const char *template;
  const char *lang;                 /* `language`: rendered in that language's words, or NULL */
  int index;                        /* 1-based index in site.lua's pages */
  SrcPos pos;                       /* its url in site.lua */
} ExtraPage;

/* search.synonyms in site.lua: words that name the same thing. A query
 * with one also finds the others; one_way: only the first leads to the rest. */
typedef struct {
  const char **words; size_t n;
  int one_way;
} SynonymGroup;

/* How search reads a language: the theme's search/<code>.lua, overridden
 * key by key by the language's `search` in site.lua (docs/search.md). */
typedef struct {
  const char *stemmer;              /* Snowball's algorithm ("norwegian"); default: the code */
  const char *stopwords;            /* words left out of the index and queries, space-separated */
  int compounds;                    /* split compounds against the site's words */
  const char *path;                 /* a parallel language's search folder under its prefix
                                     * (default: paths.search) */
  const char *dir;                  /* where its index goes: "sok", "en/sok" (filled in) */
  const char *page_url;             /* its search page, "/en/sok/", when site.lua's pages
                                     * has one there in the language; else NULL */
  const char **variants; size_t n_variants; /* pairs of the same word in two written forms:
                                     * variants[2k] and variants[2k + 1] */
  /* words of the language the index writes itself */
  const char *content_type;         /* the type facet's title (its strings' content_type) */
  const char **type_names;          /* by type: its labels.types singular, else the type's */
  const char **result_labels;       /* by search.result_fields: its labels.fields, or NULL */
} SearchAnalysis;

/* site.lua's `languages`: the languages and written forms the site publishes
 * in. The site's own language (`language`) is always one of them. One with a
 * prefix is a parallel tree of translations beside their originals (x.en.md
 * at /en/...); one without is a written form a page may be written in where
 * it stands (språk: nn on a nb site), and counts towards its share. */
typedef struct {
  const char *code, *name;          /* "nn", "Nynorsk" */
  const char *prefix;               /* URL folder of the translations, or NULL */
  const char *title, *description;  /* the site's title and description in it, or NULL */
  double min_share;                 /* share of the published words it must have, 0..1 */
  SrcPos pos;                       /* its code in site.lua */
  int strings_ref;                  /* registry: its string table (the site's for languages[0]) */
  int entry_ref;                    /* registry: its table in site.lua, or LUA_NOREF */
  int labels_ref;                   /* registry: its `labels` (types' and fields' names in
                                     * the language, checked at load), or LUA_NOREF */
  SearchAnalysis search;
} Language;

typedef struct {
  const char *title, *description, *base_url, *language, *theme;
  const char *base_path;            /* path part of base_url, without trailing '/' ("" at root) */
  int raw_html;
  int active_files;   /* .html/.svg/.xml/.js files beside pages are published (trusted content) */
  FieldRoles roles;                 /* site-wide roles; each type's are in ContentType */
  Namespaces paths;
  EngineStrings strings;
  const char *change_note;          /* git commit trailer shown as a change note ("Change-note") */
  const char *home_type;            /* type that content/_index.md follows (default: the last type) */
  char csv_separator;               /* open data CSV: ',' unless site.lua says csv_separator */
  int csv_bom;                      /* start CSV files with a UTF-8 byte order mark */
  ContentType *types; size_t n_types;
  Taxonomy *taxonomies; size_t n_taxonomies;
  ExtraPage *pages; size_t n_pages; /* site.lua's `pages` */
  SynonymGroup *synonyms; size_t n_synonyms;
  const char **result_fields; size_t n_result_fields; /* search.result_fields: shown with each hit */
  Language *languages; size_t n_languages; /* languages[0] is the site's own */
  int site_ref;                     /* registry reference to site.lua's table */
  const struct Components *components; /* the theme's and site.lua's (components.h) */
  int strings_ref;                  /* registry reference to the merged string table */
} Config;

/* Runs root/site.lua in sb and fills cfg (allocated in arena). Reports
 * errors through diag; returns 0 or -1. */
int config_load(Config *cfg, Arena *arena, Sandbox *sb, const char *root);
const ContentType *config_type(const Config *cfg, const char *name);
/* The language with this code, or NULL. */
const Language *config_language(const Config *cfg, const char *code);
const Field *type_field(const ContentType *t, const char *name);
const Taxonomy *config_taxonomy(const Config *cfg, const char *name);
const char *field_kind_name(FieldKind k);
/* The string table's text for key (interned by Lua while the state
 * lives), or fallback when neither the theme nor site.lua has it. */
const char *config_string(const Config *cfg, lua_State *L, const char *key, const char *fallback);
/* The same from the string table at registry reference ref (a language's). */
const char *config_string_in(lua_State *L, int ref, const char *key, const char *fallback);

#endif
