#include "history_text.h"
#include "markdown.h"
#include "test.h"
#include <stdlib.h>

void suite_history_text(void) {
  markdown_init();
  TEST("history text: front matter without YAML marks, body without Markdown") {
    char *t = history_text("---\ntittel: \"Menn i helse\"\ntema: [Rekruttering, Utdanning]\n"
                           "sammendrag: >-\n  Et prosjekt.\nkilder:\n  - dokument: IS-2684\n    side: \"10\"\n---\n\n"
                           "## Hva tiltaket er\n\nEt **viktig** tiltak, se [Jobbvinner](1-2-jobbvinner.md).\n\n"
                           "| Fylke | Fagbrev |\n|---|---:|\n| Buskerud | 9 |\n| **Til sammen** | **77** |\n");
    CHECK_CONTAINS(t, "tittel: Menn i helse\n");
    CHECK_CONTAINS(t, "tema: Rekruttering, Utdanning\n");
    CHECK_CONTAINS(t, "sammendrag:\nEt prosjekt.\n");
    CHECK_CONTAINS(t, "dokument: IS-2684\nside: 10\n");
    CHECK_CONTAINS(t, "Hva tiltaket er\n");
    CHECK_CONTAINS(t, "Et viktig tiltak, se Jobbvinner.");
    CHECK_CONTAINS(t, "Buskerud: 9\n");
    CHECK_CONTAINS(t, "Til sammen: 77\n");
    CHECK(!strstr(t, "**"));
    CHECK(!strstr(t, "##"));
    CHECK(!strstr(t, "|"));
    CHECK(!strstr(t, ".md"));
    CHECK(!strstr(t, "---"));
    free(t);
  }
  TEST("history text: a file without front matter, and an empty one") {
    char *t = history_text("Bare *tekst*.\n");
    CHECK_STR(t, "Bare tekst.\n");
    free(t);
    t = history_text("");
    CHECK_STR(t, "");
    free(t);
  }
  markdown_shutdown();
}
