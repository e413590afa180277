#include "text.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t utf8_invalid_at(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80) { i++; continue; }
    else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return (size_t)-1;
}

void text_line_col(const char *s, size_t off, int *line, int *col) {
  int l = 1, c = 1;
  for (size_t i = 0; i < off && s[i]; i++) {
    if (s[i] == '\n') { l++; c = 1; }
    else if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
  }
  *line = l;
  *col = c;
}

/* Latin-1 supplement letters (U+00C0..U+00FF) mapped to ASCII for slugs. */
static const char *latin1_ascii(unsigned cp) {
  static const char *map[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y"};
  if (cp >= 0xC0 && cp <= 0xFF) return map[cp - 0xC0];
  return NULL;
}

void slugify(Buf *out, const char *str) {
  const unsigned char *s = (const unsigned char *)str;
  size_t start = out->len;
  int dash = 0;
  while (*s) {
    const char *rep = NULL;
    char one[2] = {0, 0};
    if (*s < 0x80) {
      if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) one[0] = (char)*s;
      else if (*s >= 'A' && *s <= 'Z') one[0] = (char)(*s - 'A' + 'a');
      if (one[0]) rep = one;
      s++;
    } else {
      unsigned cp = 0;
      int len = (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : (*s & 0xF8) == 0xF0 ? 4 : 1;
      if (len == 2 && s[1]) cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
      rep = latin1_ascii(cp);
      for (int k = 0; k < len && *s; k++) s++;
    }
    if (rep) {
      if (dash && out->len > start) buf_putc(out, '-');
      dash = 0;
      buf_puts(out, rep);
    } else {
      dash = 1;
    }
  }
}

static unsigned lower_latin(unsigned cp) {
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) return cp + 0x20;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp & 1 ? cp + 1 : cp;
  if (cp == 0x178) return 0xFF;
  return cp;
}

/* Punctuation and symbols GitHub drops from heading ids. */
static int gh_dropped(unsigned cp) {
  if (cp >= 0xA0 && cp <= 0xBF)
    return !(cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 || cp == 0xBA || cp >= 0xBC);
  return cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
         (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || cp >= 0x1F000;
}

void slugify_github(Buf *out, const char *str) {
  const unsigned char *s = (const unsigned char *)str;
  while (*s) {
    if (*s < 0x80) {
      unsigned char c = *s++;
      if (c >= 'A' && c <= 'Z') buf_putc(out, (char)(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') buf_putc(out, (char)c);
      else if (c == ' ') buf_putc(out, '-');
      continue;
    }
    int len = (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : (*s & 0xF8) == 0xF0 ? 4 : 1;
    unsigned cp = len == 2 ? (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu)
                : len == 3 ? (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu)
                : len == 4 ? 0x1F000 : 0;
    int k = 0;
    while (k < len && s[k]) k++;
    if (k < len) break; /* cut short: invalid, and never in a checked file */
    /* a stray or broken sequence (never in a checked file, but markdown_render
     * takes any bytes): dropped, so an id holds only whole characters */
    int whole = len > 1;
    for (k = 1; k < len; k++) whole &= (s[k] & 0xC0) == 0x80;
    if (!whole) { s++; continue; }
    if (!gh_dropped(cp)) {
      unsigned lc = len == 2 ? lower_latin(cp) : cp;
      if (lc == cp) buf_put(out, (const char *)s, (size_t)len);
      else if (lc < 0x800) {
        buf_putc(out, (char)(0xC0 | lc >> 6));
        buf_putc(out, (char)(0x80 | (lc & 0x3F)));
      }
    }
    s += len;
  }
}

int edit_distance(const char *a, const char *b, int cap) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return cap;
  int prev[65], cur[65];
  for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = (int)i;
    int best = cur[0];
    for (size_t j = 1; j <= lb; j++) {
      int d = prev[j - 1] + (a[i - 1] != b[j - 1]);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best >= cap) return cap;
    memcpy(prev, cur, sizeof(int) * (lb + 1));
  }
  return prev[lb] < cap ? prev[lb] : cap;
}

int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Weight of the next character; advances *s. Letters sort a..z, æ, ø, å;
 * accented letters sort with their base letter; digits before letters. */
static int nb_weight(const unsigned char **s) {
  const unsigned char *p = *s;
  unsigned cp = *p;
  int len = 1;
  if (cp >= 0x80) {
    len = (cp & 0xE0) == 0xC0 ? 2 : (cp & 0xF0) == 0xE0 ? 3 : (cp & 0xF8) == 0xF0 ? 4 : 1;
    if (len == 2 && p[1]) cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    else cp = 0x10000;
  }
  for (int k = 0; k < len && **s; k++) (*s)++;
  if (cp >= 'A' && cp <= 'Z') cp += 32;
  if (cp >= 'a' && cp <= 'z') return 1000 + (int)(cp - 'a') * 10;
  if (cp >= '0' && cp <= '9') return 500 + (int)(cp - '0');
  switch (cp) {
  case 0xE6: case 0xC6: return 1000 + 26 * 10;     /* æ */
  case 0xF8: case 0xD8: case 0xF6: case 0xD6: return 1000 + 27 * 10; /* ø ö */
  case 0xE5: case 0xC5: return 1000 + 28 * 10;     /* å */
  case 0xE4: case 0xC4: return 1000 + 26 * 10;     /* ä with æ */
  }
  const char *base = latin1_ascii(cp);
  if (base && base[0] >= 'a' && base[0] <= 'z') return 1000 + (base[0] - 'a') * 10 + 1;
  if (cp == ' ' || cp == '-' || cp == '_') return 100;
  return cp < 0x80 ? 200 + (int)cp : 5000 + (int)(cp & 0xFFFF);
}

int nb_collate(const char *a, const char *b) {
  const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
  while (*p && *q) {
    int wa = nb_weight(&p), wb = nb_weight(&q);
    if (wa != wb) return wa < wb ? -1 : 1;
  }
  if (*p || *q) return *p ? 1 : -1;
  return strcmp(a, b);
}

int number_compare(const char *a, const char *b) {
  while (*a && *b) {
    char *ea, *eb;
    long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
    if (ea == a || eb == b) return strcmp(a, b);
    if (x != y) return x < y ? -1 : 1;
    a = ea;
    b = eb;
    if (*a == '.') a++;
    if (*b == '.') b++;
  }
  return *a ? 1 : *b ? -1 : 0;
}
