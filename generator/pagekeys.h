/* pagekeys.h: the keys varde itself puts on every page table (page.url,
 * page.title...). luadata.c fills page tables from this list and config.c
 * refuses a field with one of these names, so a field can never be
 * silently replaced by the engine's value. */
#ifndef VARDE_PAGEKEYS_H
#define VARDE_PAGEKEYS_H

typedef enum {
  PK_INDEX,          /* _i: the page's index + 1, for C to find the page */
  PK_URL,
  PK_TYPE,
  PK_SLUG,
  PK_PATH,           /* relative to content/ */
  PK_TITLE,          /* the title field's text */
  PK_SUMMARY,        /* the summary field's text */
  PK_IS_HOME,
  PK_TOC,
  PK_CONTENT,        /* the rendered body, fetched on demand */
  PK_REFERENCED_BY,
  PK_INCOMING,
  PK_GIT,            /* dates and commits, in git */
  PK_LANG,           /* the page's language code */
  PK_TRANSLATIONS,   /* the page in the site's other languages (original included) */
  PK_ORIGINAL,       /* a translation: the page it translates */
  PK_COUNT
} PageKey;

/* The key's name in a page table. */
const char *pagekeys_name(PageKey k);
/* The key called name, or PK_COUNT when it is not one. */
PageKey pagekeys_find(const char *name);

#endif
