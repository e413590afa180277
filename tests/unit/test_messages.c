#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "messages.h"
#include "nfc.h"
#include "text.h"
#include "test.h"

/* The conversions of a printf format ("%s%d%.*s%.1f" → "s d .*s .1f"), so that the
 * two languages of a message are known to take the same arguments. */
static void conversions(Buf *b, const char *fmt) {
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') continue;
    p++;
    if (*p == '%') continue;
    while (*p && !strchr("sdcxuzlfg", *p)) buf_putc(b, *p++);
    while (*p == 'z' || *p == 'l') buf_putc(b, *p++);
    buf_putc(b, *p);
    buf_putc(b, ' ');
    if (!*p) break;
  }
}

/* Parses a front matter in bokmål and returns what was reported. */
static const char *nb(const char *src) {
  static Buf out;
  Arena a = {0};
  FrontMatter fm;
  diag_reset();
  messages_set_language("nb");
  int rc = frontmatter_parse(&a, "x.md", src, strlen(src), &fm);
  messages_set_language("en");
  buf_clear(&out);
  buf_puts(&out, rc ? diag_captured() : "(parsed)\n");
  diag_reset();
  arena_free(&a);
  return buf_str(&out);
}

void suite_messages(void) {
  TEST("every message takes the same arguments in English and bokmål") {
    for (int i = 0; i < MSG_COUNT; i++) {
      Buf en = BUF_INIT, no = BUF_INIT;
      conversions(&en, msg_in((MsgId)i, 0));
      conversions(&no, msg_in((MsgId)i, 1));
      if (strcmp(buf_str(&en), buf_str(&no))) printf("  message %d: '%s' vs '%s'\n", i, msg_in((MsgId)i, 0), msg_in((MsgId)i, 1));
      CHECK_STR(buf_str(&no), buf_str(&en));
      buf_free(&en);
      buf_free(&no);
    }
  }
  TEST("the site's language chooses bokmål: nb, no, nn and nb-NO; others English") {
    const char *yes[] = {"nb", "no", "nn", "nb-NO", "nb_NO"}, *no[] = {"en", "sv", "nbx", "", NULL};
    for (size_t i = 0; i < 5; i++) {
      messages_set_language(yes[i]);
      CHECK(messages_norwegian());
      messages_set_language(no[i]);
      CHECK(!messages_norwegian());
    }
    messages_set_language("en");
  }
  TEST("an unclosed quotation mark is reported where it opens, not where YAML gives up") {
    CHECK_STR(nb("---\ntittel: \"Mitt utkast\nplan: a\nstatus: pågår\nsammendrag: \"x\"\nkilder: [a]\n---\n"),
              "x.md:2:9: error: anførselstegnet som starter her blir aldri lukket; avslutt teksten med \" på samme linje\n");
    CHECK_CONTAINS(nb("---\ntittel: 'Mitt utkast\nplan: a\n---\n"), "x.md:2:9: error: anførselstegnet som starter her");
  }
  TEST("an unclosed bracket is reported where it opens; a list over several lines is fine") {
    CHECK_CONTAINS(nb("---\ntittel: x\ntema: [Demens, Eldre\nstatus: pågår\n---\n"),
                   "x.md:3:7: error: parentesen '[' som starter her blir aldri lukket");
    CHECK_STR(nb("---\ntittel: x\ntema: [Demens,\n  Eldre]\nstatus: pågår\n---\n"), "(parsed)\n");
  }
  TEST("a tab in the indentation: use spaces") {
    CHECK_STR(nb("---\nkilder:\n\t- dokument: IS\n---\n"),
              "x.md:3:1: error: tabulator i innrykket: bruk mellomrom, ikke tabulator\n");
  }
  TEST("status:pågår is a missing space after the colon") {
    CHECK_STR(nb("---\ntittel: x\nstatus:pågår\nplan: a\n---\n"),
              "x.md:3:7: error: mangler mellomrom etter kolon: skriv 'status: pågår'\n");
  }
  TEST("': ' in an unquoted text: put the text in quotation marks") {
    CHECK_STR(nb("---\ntittel: Tiltak: en \"god\" oversikt\nplan: a\n---\n"),
              "x.md:2:9: error: teksten inneholder kolon: sett teksten i anførselstegn, slik: "
              "tittel: \"Tiltak: en \\\"god\\\" oversikt\"\n");
  }
  TEST("a line indented wrongly is reported on that line, measured against its neighbour") {
    CHECK_STR(nb("---\ntittel: x\ntema: Demens\n status: pågår\n---\n"),
              "x.md:4:2: error: feil innrykk: 'status' skal stå rett under 'tema' på linje 3 (0 mellomrom foran)\n");
    CHECK_STR(nb("---\nkilder:\n  - dokument: IS\n     side: \"17\"\n---\n"),
              "x.md:4:6: error: feil innrykk: 'side' skal stå rett under 'dokument' på linje 3 (4 mellomrom foran)\n");
    CHECK_STR(nb("---\nkilder:\n  - dokument: IS\n   side: \"17\"\n---\n"),
              "x.md:4:4: error: feil innrykk: 'side' skal stå rett under 'dokument' på linje 3 (4 mellomrom foran)\n");
    /* a list at its field's own indentation and a folded text are right */
    CHECK_STR(nb("---\nkilder:\n- dokument: IS\n  side: \"17\"\nsammendrag: >-\n  Lang: tekst\n    mer\ntittel: x\n---\n"),
              "(parsed)\n");
  }
  TEST("text after a closing quotation mark, and a text starting with '*'") {
    CHECK_CONTAINS(nb("---\ntittel: \"Demens\" og eldre\n---\n"), "x.md:2:18: error: tekst etter anførselstegnet");
    CHECK_CONTAINS(nb("---\nsammendrag: *viktig* sak\n---\n"),
                   "x.md:2:13: error: teksten begynner med '*', som betyr noe annet i YAML");
  }
  TEST("columns are counted in characters") {
    CHECK_CONTAINS(nb("---\nmålgrupper: Æøå: x\n---\n"), "x.md:2:13: error: teksten inneholder kolon");
  }
}

void suite_editor_text(void) {
  TEST("NFC: decomposed letters are composed, other text is left alone") {
    char nfd[] = "P\x61\xcc\x8ar\xc3\xb8rende og e\xcc\x81n caf\x65\xcc\x81 \xcc\x81x";
    size_t n = utf8_nfc(nfd, strlen(nfd));
    CHECK_STR(nfd, "Pårørende og én café \xcc\x81x");
    CHECK(n == strlen("Pårørende og én café \xcc\x81x"));
    char plain[] = "Pårørende";
    CHECK(utf8_nfc(plain, strlen(plain)) == strlen("Pårørende"));
    /* two marks on one letter: ệ from e + dot below + circumflex */
    char two[] = "e\xcc\xa3\xcc\x82";
    utf8_nfc(two, strlen(two));
    CHECK_STR(two, "ệ");
  }
  TEST("GitHub's heading ids: letters kept, spaces to '-', punctuation dropped") {
    Buf b = BUF_INIT;
    slugify_github(&b, "Pårørende (2016)");
    CHECK_STR(buf_str(&b), "pårørende-2016");
    buf_clear(&b);
    slugify_github(&b, "3.2 Demens – ABC");
    CHECK_STR(buf_str(&b), "32-demens--abc");
    buf_clear(&b);
    slugify_github(&b, "ÆØÅ og «sitat»: snake_case");
    CHECK_STR(buf_str(&b), "æøå-og-sitat-snake_case");
    buf_free(&b);
  }
}
