/* languages.h: the languages a site publishes in (site.lua's `languages`).
 *
 * A page is in the site's language unless its language field (roles.language,
 * for example `språk: nn`) names another written form that is published in
 * place. A translation (x.en.md beside x.md) is in a language with a URL
 * prefix; languages_resolve pairs it with its original, lets it inherit every
 * field it leaves out and checks that the facts it repeats (numbers, dates,
 * choices, references, links) are the original's.
 *
 * languages_share counts the published words per language, for the share
 * report of `varde check` and the minimum site.lua may set (språklova asks a
 * state body for at least 25 % of each written form). */
#ifndef VARDE_LANGUAGES_H
#define VARDE_LANGUAGES_H
#include "content.h"
#include <stdio.h>

/* Sets every page's language, pairs translations with their originals and
 * checks them; errors go to diag. Call after content_load, before
 * relations_resolve. */
void languages_resolve(Site *s);

typedef struct {
  const Language *lang;
  size_t words;
} LanguageShare;

/* Words per language of the published pages in the site's own tree (title,
 * summary and text; translations are counted apart, in their own tree).
 * Fills shares[0..cfg.n_languages) and returns the total. Needs the pages'
 * text, so call it once Markdown is rendered. */
size_t languages_share(const Site *s, LanguageShare *shares);
/* Prints the shares ("nb 73.0 %, nn 27.0 % of 63 361 words") and warns, at
 * the language in site.lua, about each language below its min_share. */
void languages_report(const Site *s, FILE *out);

#endif
