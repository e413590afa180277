/* text.h: UTF-8 and text helpers shared by every module. */
#ifndef VARDE_TEXT_H
#define VARDE_TEXT_H
#include "buf.h"
#include <stddef.h>

/* Returns the byte offset of the first invalid UTF-8 sequence, or (size_t)-1. */
size_t utf8_invalid_at(const char *s, size_t n);
/* 1-based line and column (in characters) of byte offset `off` in s. */
void text_line_col(const char *s, size_t off, int *line, int *col);
/* Appends a URL/anchor slug of s: lower case, æ→ae ø→o å→a, accents dropped,
 * runs of anything else become one '-', no leading or trailing '-'. */
void slugify(Buf *out, const char *s);
/* Appends the id GitHub gives a heading with text s (github-slugger):
 * lower case, letters kept as they are (å stays å), spaces become '-',
 * punctuation and symbols are dropped ("3.2 Demens – ABC" → "32-demens--abc"). */
void slugify_github(Buf *out, const char *s);
/* Levenshtein distance in bytes, capped at `cap` (returns cap when above). */
int edit_distance(const char *a, const char *b, int cap);
int ends_with(const char *s, const char *suffix);
int starts_with(const char *s, const char *prefix);



/* Norwegian alphabetical order (… z æ ø å), case-insensitive, then bytewise. */
int nb_collate(const char *a, const char *b);
/* Compares "3.14" and "3.2" part by part as numbers (3.2 < 3.14). */
int number_compare(const char *a, const char *b);
#endif
