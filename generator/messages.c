#include "messages.h"
#include <string.h>

static const char *const texts[MSG_COUNT][2] = {
#define VARDE_MSG_TEXT(id, en, nb) [MSG_##id] = {en, nb},
    VARDE_MESSAGES(VARDE_MSG_TEXT)
#undef VARDE_MSG_TEXT
};

/* Read by the render workers and the search thread, written once after
 * site.lua is loaded and before any of them starts. */
static int norwegian;

void messages_set_language(const char *lang) {
  norwegian = lang && (!strncmp(lang, "nb", 2) || !strncmp(lang, "no", 2) || !strncmp(lang, "nn", 2)) &&
              (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

int messages_norwegian(void) { return norwegian; }

const char *msg(MsgId id) { return texts[id][norwegian]; }

const char *msg_in(MsgId id, int nb) { return texts[id][nb ? 1 : 0]; }
