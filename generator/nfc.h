/* nfc.h: Unicode NFC for the letters editors type. macOS and some editors
 * save "å" as "a" + a combining ring (NFD); the site compares values, makes
 * slugs and anchors and searches in NFC, so a file is composed when read.
 * Covers every canonical pair that makes a Latin letter (U+00C0-U+024F,
 * U+1E00-U+1EFF), in the order the marks come; other text is left as it is. */
#ifndef VARDE_NFC_H
#define VARDE_NFC_H
#include <stddef.h>

/* Composes valid UTF-8 in place; returns the new length (<= len), and puts
 * a NUL after the text when it became shorter. */
size_t utf8_nfc(char *text, size_t len);

#endif
