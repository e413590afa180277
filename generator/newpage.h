/* newpage.h: `varde new TYPE "Tittel"`: a new page with the type's front
 * matter skeleton, written where the type's pages live. */
#ifndef VARDE_NEWPAGE_H
#define VARDE_NEWPAGE_H

/* Returns 0, or 1 after reporting why the page could not be created. */
int new_page(const char *root, const char *type, const char *title);

#endif
