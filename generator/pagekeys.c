#include "pagekeys.h"
#include <string.h>

static const char *const names[PK_COUNT] = {
    [PK_INDEX] = "_i",      [PK_URL] = "url",         [PK_TYPE] = "type",
    [PK_SLUG] = "slug",     [PK_PATH] = "path",       [PK_TITLE] = "title",
    [PK_SUMMARY] = "summary", [PK_IS_HOME] = "is_home", [PK_TOC] = "toc",
    [PK_CONTENT] = "content", [PK_REFERENCED_BY] = "referenced_by",
    [PK_INCOMING] = "incoming", [PK_GIT] = "git",     [PK_LANG] = "lang",
    [PK_TRANSLATIONS] = "translations", [PK_ORIGINAL] = "original",
};

const char *pagekeys_name(PageKey k) { return k < PK_COUNT ? names[k] : NULL; }

PageKey pagekeys_find(const char *name) {
  for (int k = 0; k < PK_COUNT; k++)
    if (!strcmp(names[k], name)) return (PageKey)k;
  return PK_COUNT;
}
