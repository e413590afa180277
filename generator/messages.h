/* messages.h: the catalogue of messages an editor can cause, in English and
 * Norwegian bokmål. A site whose site.lua says language = "nb" (or "no",
 * "nn") gets them in bokmål; every other site in English. Errors only a
 * developer causes (templates, site.lua, the file system) stay English and
 * are written where they are raised.
 *
 * Each entry: id, English, bokmål. Both texts are printf formats taking the
 * same arguments in the same order (a unit test checks this), used as
 *   diag_error(path, line, col, msg(MSG_UNKNOWN_FIELD), name, guess);
 */
#ifndef VARDE_MESSAGES_H
#define VARDE_MESSAGES_H

#define VARDE_MESSAGES(X)                                                                          \
  /* any file */                                                                                   \
  X(DIAG_TOO_MANY, "too many errors in this file: only the first %d are shown; fix them and run "  \
    "again", "for mange feil i denne filen: bare de %d første er vist; rett dem og kjør på nytt")   \
  /* front matter: the frame */                                                                    \
  X(FM_MISSING, "missing front matter: the file must start with a line '---'",                     \
    "hodet mangler: filen må begynne med en linje '---'")                                          \
  X(FM_NOT_CLOSED, "front matter is not closed: add a line '---' after it",                        \
    "hodet er ikke avsluttet: legg til en linje '---' etter det")                                  \
  X(FM_NOT_MAP, "front matter must be a set of 'field: value' lines",                              \
    "hodet må bestå av linjer på formen 'felt: verdi'")                                            \
  X(FM_MULTI_DOC, "front matter holds more than one YAML document",                                \
    "hodet inneholder mer enn ett YAML-dokument (en linje '---' for mye?)")                        \
  X(FM_TOO_DEEP, "front matter is nested too deeply", "hodet har for mange nivåer inni hverandre") \
  X(FM_ALIAS, "a value cannot start with '*' (a YAML alias): put the text in quotation marks",     \
    "en verdi kan ikke begynne med '*' (et YAML-alias): sett teksten i anførselstegn")                                           \
  X(FM_KEY_NOT_WORD, "a field name must be a plain word", "et feltnavn må være et vanlig ord")     \
  X(FM_DUP_FIELD, "duplicate field '%s' (first at line %d); remove one of them",                   \
    "feltet '%s' står to ganger (første gang på linje %d); fjern det ene")                         \
  X(FM_UNEXPECTED, "unexpected YAML content", "uventet innhold i hodet")                            \
  X(FM_CONTROL, "the text contains the control character %s, which cannot be shown or published; "\
    "remove it", "teksten inneholder kontrolltegnet %s, som ikke kan vises eller publiseres; "     \
    "fjern det")                                                                                   \
  /* front matter: YAML mistakes, found where they are made */                                     \
  X(FM_YAML, "malformed YAML front matter: %s", "feil i hodet: %s")                                \
  X(FM_UNCLOSED_QUOTE,                                                                             \
    "the quotation mark that starts here is never closed; end the text with %s on the same line",  \
    "anførselstegnet som starter her blir aldri lukket; avslutt teksten med %s på samme linje")    \
  X(FM_UNCLOSED_BRACKET,                                                                           \
    "the bracket '%s' that starts here is never closed; end the list with '%s' on the same line",  \
    "parentesen '%s' som starter her blir aldri lukket; avslutt listen med '%s' på samme linje")   \
  X(FM_TEXT_AFTER_QUOTE,                                                                           \
    "text after the closing quotation mark; put the whole value in quotation marks (write \\\" "   \
    "for a quotation mark inside it)",                                                             \
    "tekst etter anførselstegnet som avslutter verdien; sett hele teksten i anførselstegn "        \
    "(skriv \\\" for et anførselstegn inni teksten)")                                              \
  X(FM_TAB, "a tab in the indentation: use spaces, not tabs",                                      \
    "tabulator i innrykket: bruk mellomrom, ikke tabulator")                                       \
  X(FM_NO_SPACE, "missing space after the colon: write '%.*s: %.*s'",                              \
    "mangler mellomrom etter kolon: skriv '%.*s: %.*s'")                                           \
  X(FM_COLON_IN_VALUE, "the text contains a colon: put the text in quotation marks, like this: %s",\
    "teksten inneholder kolon: sett teksten i anførselstegn, slik: %s")                            \
  X(FM_RESERVED_START,                                                                             \
    "the text starts with '%s', which means something else in YAML: put the text in quotation "    \
    "marks, like this: %s",                                                                        \
    "teksten begynner med '%s', som betyr noe annet i YAML: sett teksten i anførselstegn, "         \
    "slik: %s")                                                                                    \
  X(FM_INDENT, "wrong indentation: '%.*s' must line up with '%s' on line %d (%d spaces in front)", \
    "feil innrykk: '%.*s' skal stå rett under '%s' på linje %d (%d mellomrom foran)")              \
  X(FM_INDENT_TOP, "wrong indentation: '%.*s' must start at the beginning of the line",            \
    "feil innrykk: '%.*s' skal stå helt først på linjen")                                          \
  X(FM_NO_COLON, "'%.*s' is not written 'field: value'; is a colon missing?",                      \
    "'%.*s' er ikke skrevet 'felt: verdi'; mangler det et kolon?")                                 \
  X(FM_LIST_IN_VALUE, "'- ' starts a list item only on a line of its own, under the field",        \
    "'- ' starter et listepunkt bare på en egen linje, under feltet")                              \
  /* field values */                                                                               \
  X(V_A_LIST, "a list", "en liste")                                                                \
  X(V_A_MAP, "a set of fields", "en gruppe felt")                                                  \
  X(V_A_VALUE, "a single value", "én enkelt verdi")                                                \
  X(V_KIND_STRING, "a line of text", "en tekstlinje")                                              \
  X(V_KIND_TEXT, "a text", "en tekst")                                                             \
  X(V_KIND_INTEGER, "a whole number", "et heltall")                                                \
  X(V_KIND_DATE, "a date", "en dato")                                                              \
  X(V_KIND_URL, "a URL", "en nettadresse")                                                         \
  X(V_KIND_ENUM, "one of the allowed values", "en av de lovlige verdiene")                         \
  X(V_KIND_BOOL, "true or false", "true eller false")                                              \
  X(V_KIND_REF, "the slug of a page", "sluggen til en side")                                       \
  X(TAX_SAME_ADDRESS, "'%s' gets the same address %s as '%s' (%s, line %d): write the value the "\
    "same way in both places", "'%s' får samme adresse %s som '%s' (%s, linje %d): skriv verdien " \
    "likt begge steder")                                                                           \
  X(V_NOT_OBJECT, "'%s' must be a set of fields (%s), not %s",                                     \
    "'%s' må være en gruppe felt (%s), ikke %s")                                                   \
  X(V_UNKNOWN_IN_GUESS, "unknown field '%s' in '%s' (did you mean '%s'?)",                         \
    "ukjent felt '%s' i '%s' (mente du '%s'?)")                                                    \
  X(V_UNKNOWN_IN, "unknown field '%s' in '%s' (its fields: %s)",                                   \
    "ukjent felt '%s' i '%s' (feltene er: %s)")                                                    \
  X(V_MISSING_IN, "missing required field '%s' in '%s'", "mangler påkrevd felt '%s' i '%s'")       \
  X(V_WRONG_SHAPE, "'%s' must be %s, not %s", "'%s' må være %s, ikke %s")                          \
  X(V_ONE_LINE, "'%s' must be one line", "'%s' må stå på én linje")                                \
  X(V_INTEGER, "'%s' must be a whole number, not '%s'", "'%s' må være et heltall, ikke '%s'")      \
  X(V_INTEGER_QUOTED, "'%s' must be a whole number: write %s without quotation marks",             \
    "'%s' må være et heltall: skriv %s uten anførselstegn")                                        \
  X(V_BOOL, "'%s' must be true or false, not '%s'", "'%s' må være true eller false, ikke '%s'")    \
  X(V_DATE, "'%s' must be a date written YYYY-MM-DD, not '%s'",                                    \
    "'%s' må være en dato skrevet ÅÅÅÅ-MM-DD, ikke '%s'")                                          \
  X(V_URL, "'%s' must be a URL starting with https://, http:// or /, not '%s'",                    \
    "'%s' må være en nettadresse som begynner med https://, http:// eller /, ikke '%s'")           \
  X(V_ENUM_GUESS, "'%s' is not an allowed value of '%s' (did you mean '%s'?)",                     \
    "'%s' er ikke en lovlig verdi for '%s' (mente du '%s'?)")                                      \
  X(V_ENUM, "'%s' is not an allowed value of '%s' (allowed: %s)",                                  \
    "'%s' er ikke en lovlig verdi for '%s' (lovlige verdier: %s); nye verdier legges til i "       \
    "site.lua")                                                                                    \
  X(V_UNKNOWN_GUESS, "unknown field '%s' (did you mean '%s'?)",                                    \
    "ukjent felt '%s' (mente du '%s'?)")                                                           \
  X(V_UNKNOWN, "unknown field '%s' for type '%s'", "ukjent felt '%s' for typen '%s'")              \
  X(V_MISSING, "missing required field '%s' for type '%s'",                                        \
    "mangler påkrevd felt '%s' for typen '%s'")                                                    \
  X(V_ONE_OF, "an entry of '%s' needs %s filled in", "en oppføring i '%s' må ha %s fylt ut")         \
  X(V_EMPTY_ENTRY, "'%s' has an empty entry: fill in its fields (%s) or remove it",     \
    "'%s' har en tom oppføring: fyll ut feltene (%s) eller fjern den")          \
  /* pages and files */                                                                            \
  X(C_URL_TAKEN, "URL %s is already used by %s", "adressen %s er allerede brukt av %s")            \
  /* the build's plan: two outputs on one path (plan.c) */                                         \
  X(P_URL_TAKEN_OF, "URL %s of %s is already used by %s", "adressen %s til %s er allerede brukt av %s") \
  X(P_IN_FOLDER, "URL %s is inside %s, which varde writes itself (%s)",                            \
    "adressen %s ligger i %s, som varde skriver selv (%s)")                                        \
  X(P_IN_FOLDER_OF, "URL %s of %s is inside %s, which varde writes itself (%s)",                   \
    "adressen %s til %s ligger i %s, som varde skriver selv (%s)")                                 \
  X(P_RENAME, "; rename the file to give the page another URL",                                    \
    "; gi filen et annet navn, så får siden en annen adresse")                                      \
  X(W_HOME, "the home page", "forsiden")                                                           \
  X(W_LIST, "the list of %s", "listen over %s")                                                    \
  X(W_TAXONOMY, "the taxonomy %s", "oversikten over %s")                                           \
  X(W_TERM, "the page of %s '%s'", "siden for %s «%s»")                                            \
  X(W_NOT_FOUND, "the page for addresses not found", "siden for adresser som ikke finnes")         \
  X(W_EXTRA, "site.lua's pages[%d] (%s)", "pages[%d] i site.lua (%s)")                             \
  X(W_PAGE_HISTORY, "the change history of %s", "endringshistorikken til %s")                     \
  X(W_SITE_HISTORY, "the site's change list", "endringslisten for nettstedet")                     \
  X(W_FEED, "the site's change feed", "endringsstrømmen for nettstedet")                           \
  X(W_SITEMAP, "the sitemap", "nettstedskartet")                                                   \
  X(W_DATA, "the open data of %s", "de åpne dataene for %s")                                       \
  X(W_ASSET, "the asset %s", "temafilen %s")                                                       \
  X(W_PAGE_FILE, "%s of %s", "%s til %s")                                                          \
  X(W_F_ASSETS, "the theme's assets", "temaets filer")                                             \
  X(W_F_FILES, "the files beside the pages", "filene ved siden av sidene")                         \
  X(W_F_DATA, "the open data", "de åpne dataene")                                                  \
  X(W_F_SEARCH, "the search index", "søkeindeksen")                                                \
  X(C_DUP_SLUG, "duplicate slug '%s': %s has the same; rename one of the files",                   \
    "sluggen '%s' er brukt av %s også; gi en av filene et annet navn")                             \
  X(C_CANNOT_READ, "cannot read file: %s", "kan ikke lese filen: %s")                              \
  X(C_BAD_UTF8, "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",                             \
    "ugyldig UTF-8 (byte 0x%02x); lagre filen som UTF-8")                                          \
  X(C_NUL, "file contains NUL bytes; is it a binary file?",                                        \
    "filen inneholder NUL-byte; er det en binærfil?")                                              \
  X(C_NO_TYPE,                                                                                     \
    "no content type has this folder; move the file into one of the folders site.lua declares",   \
    "ingen innholdstype har denne mappen; flytt filen til en av mappene som site.lua oppgir")      \
  X(C_NESTED, "pages of type '%s' must sit directly in content/%s/",                               \
    "sider av typen '%s' må ligge rett i content/%s/")                                             \
  X(C_BAD_SLUG, "file name must use only a-z, 0-9 and '-' (it becomes the URL); rename it to '%s'", \
    "filnavnet kan bare ha a-z, 0-9 og '-' (det blir adressen); gi filen navnet '%s'")            \
  X(C_ACTIVE_FILE,                                                                                 \
    "a file of this type can run script on the site's address, so it is not published; use "     \
    "another format (PNG, PDF, CSV), or a maintainer sets active_files = true in site.lua",        \
    "en fil av denne typen kan kjøre skript på nettstedets adresse, og publiseres derfor ikke; "   \
    "bruk et annet format (PNG, PDF, CSV), eller be en vedlikeholder sette active_files = true i site.lua") \
  X(C_NO_CONTENT, "folder content/ is missing", "mappen content/ mangler")                         \
  X(C_NAME_SPACE, "the file name starts or ends with a space, so it is not read as it was meant; "\
    "rename it to '%.*s'", "filnavnet begynner eller slutter med mellomrom, og leses derfor ikke "  \
    "slik det var ment; gi filen navnet '%.*s'")                                                   \
  X(C_NO_EXT_PAGE, "this file has no extension but starts with front matter: if it is a page, "    \
    "rename it to '%s.md'; as it is, it is published as a file", "filen har ingen filendelse, men " \
    "begynner med et hode: er det en side, gi den navnet '%s.md'; slik den er, publiseres den som "\
    "en fil")                                                                                      \
  X(C_NO_EXT, "this file has no extension, so a reader's browser cannot tell what it is: give "    \
    "'%s' the extension of its format (.pdf, .png, .csv …), or .md if it is a page",              \
    "filen har ingen filendelse, så nettleseren kan ikke vite hva den er: gi '%s' endelsen til "   \
    "formatet (.pdf, .png, .csv …), eller .md hvis det er en side")                               \
  X(C_NOT_A_PAGE,                                                                                  \
    "this file looks like a page but is not read as one (pages end in .md or .markdown); it is "   \
    "published as a file under /filer/",                                                          \
    "filen ser ut som en side, men leses ikke som en (sider slutter på .md eller .markdown); den "  \
    "publiseres som en fil under /filer/")                                                         \
  /* Markdown shapes refused before they are parsed (mdlimits.h) */                                   \
  X(MD_TOO_BIG, "the page is %ld KB; a page may hold at most %ld KB of text: split it into several pages", \
    "siden er på %ld kB; en side kan ha høyst %ld kB tekst: del den opp i flere sider")          \
  X(MD_TOO_DEEP, "lists and block quotes are nested %ld levels deep here; at most %ld are allowed", \
    "lister og sitater ligger %ld nivåer inni hverandre her; høyst %ld er tillatt")              \
  X(MD_TOO_WIDE, "this table has %ld columns; a table may have at most %ld",                       \
    "tabellen har %ld kolonner; en tabell kan ha høyst %ld")                                       \
  X(MD_TOO_MANY_CELLS,                                                                             \
    "the tables of this page have %ld cells (columns x rows) by here, more than %ld; split the page", \
    "tabellene på siden har %ld celler (kolonner x rader) her, mer enn %ld; del opp siden")       \
  X(MD_TOO_MANY_MARKS,                                                                             \
    "this paragraph has %ld emphasis and link marks (* _ ~ [ ] ! <), more than %ld; split it with blank lines", \
    "avsnittet har %ld tegn for utheving og lenker (* _ ~ [ ] ! <), mer enn %ld; del det opp med tomme linjer") \
  /* links and references */                                                                       \
  X(L_OUTSIDE, "link '%s' points outside content/", "lenken '%s' peker ut av content/")            \
  X(L_NO_PAGE, "broken link: there is no page content/%s", "brutt lenke: det finnes ingen side content/%s") \
  X(L_NO_FILE, "broken link: there is no file content/%s", "brutt lenke: det finnes ingen fil content/%s") \
  X(L_NO_FILE_DIR, "broken link: there is no file content/%s (link pages by their .md file)",      \
    "brutt lenke: det finnes ingen fil content/%s (lenk til sider med .md-filen deres)")           \
  X(L_NO_URL, "broken link: no page or file of this site has the address %s",                      \
    "brutt lenke: ingen side eller fil på nettstedet har adressen %s")                             \
  X(L_NO_URL_GUESS,                                                                                \
    "broken link: no page or file of this site has the address %s (did you mean %s?)",             \
    "brutt lenke: ingen side eller fil på nettstedet har adressen %s (mente du %s?)")              \
  X(L_ANCHOR_GUESS, "broken anchor: %s has no heading '#%s' (did you mean '#%s'?)",                \
    "brutt anker: %s har ingen overskrift '#%s' (mente du '#%s'?)")                                \
  X(L_ANCHOR, "broken anchor: %s has no heading '#%s'",                                            \
    "brutt anker: %s har ingen overskrift '#%s'")                                                  \
  X(R_NO_TARGET, "'%s' refers to '%s', but there is no %s page with that slug",                    \
    "'%s' viser til '%s', men det finnes ingen side av typen %s med den sluggen")                  \
  X(R_OR, " or ", " eller ")                                                                       \
  X(R_SELF, "'%s' refers to the page itself", "'%s' viser til siden selv")                         \
  /* varde serve: what a preview adds to a page */                                                  \
  X(S_DRAFT, "Draft – not published", "Utkast – ikke publisert")                                   \
  X(S_PAGE_ERRORS, "This page has %d problem(s)", "Denne siden har %d feil")                       \
  X(S_PAGE_ERRORS_HINT,                                                                            \
    "It is shown as far as it can be. Fix the problems and save: the page reloads by itself.",     \
    "Den vises så langt det går. Rett feilene og lagre, så lastes siden inn på nytt av seg selv.") \
  X(S_OTHER_ERRORS, "Problems in other files", "Feil i andre filer")                               \
  /* languages and translations */                                                              \
  X(LANG_UNKNOWN, "unknown language '%s' (this site's languages: %s)",                                \
    "ukjent språk '%s' (nettstedets språk er: %s)")                                                \
  X(LANG_IN_PLACE, "pages in '%s' are written where they stand: set '%s: %s' in the front matter "    \
    "and name the file %s", "sider på '%s' skrives der de står: skriv '%s: %s' i hodet og kall "   \
    "filen %s")                                                                                    \
  X(LANG_PARALLEL, "pages in '%s' are translations beside their original: name the file %s.%s.md",   \
    "sider på '%s' er oversettelser ved siden av originalen: kall filen %s.%s.md")                 \
  X(LANG_NO_ORIGINAL, "translation of a page that does not exist: there is no %s",                    \
    "oversettelse av en side som ikke finnes: %s finnes ikke")                                     \
  X(LANG_FROM_NAME, "a translation's language comes from its file name; remove '%s'",                \
    "språket til en oversettelse kommer av filnavnet; fjern '%s'")                                 \
  X(LANG_FACT_DIFFERS, "'%s' differs from the original (%s:%d): a translation shares the facts of "   \
    "its original; remove the field or make it the same", "'%s' er ikke det samme som i "          \
    "originalen (%s:%d): en oversettelse har de samme faktaene som originalen; fjern feltet "      \
    "eller gjør det likt")                                                                         \
  X(LANG_SHARES, "words by language: ", "ord per språk: ")                                           \
  X(LANG_SHARE_LOW, "'%s' has %.1f per cent of the published words, below the minimum of %.0f "   \
    "per cent set in site.lua; write more pages in it", "'%s' har %.1f prosent av de publiserte "  \
    "ordene, under minimum på %.0f prosent i site.lua; skriv flere sider på den målformen")         \
  /* varde new */                                                                                  \
  X(N_UNKNOWN_TYPE, "unknown type '%s' (types: %s)", "ukjent type '%s' (typene er: %s)")           \
  X(N_EMPTY_SLUG, "the title gives an empty file name; use letters or digits",                     \
    "tittelen gir et tomt filnavn; bruk bokstaver eller tall")                                     \
  X(N_EXISTS, "already exists; not overwritten", "finnes allerede; ikke overskrevet")             \
  /* components in Markdown */                                                                     \
  X(C_UNKNOWN_GUESS, "unknown component '{%s}' (did you mean '{%s}'?)",                            \
    "ukjent komponent '{%s}' (mente du '{%s}'?)")                                                  \
  X(C_UNKNOWN, "unknown component '{%s}' (to show code, leave out the braces; components: %s)",     \
    "ukjent komponent '{%s}' (for å vise kode, ta bort klammeparentesene; komponentene er: %s)")   \
  X(C_LINE, "component '%s': write each parameter on its own line as 'name: value'",               \
    "komponenten '%s': skriv hver parameter på en egen linje som 'navn: verdi'")                   \
  X(C_PARAM_GUESS, "component '%s' has no parameter '%s' (did you mean '%s'?)",                    \
    "komponenten '%s' har ingen parameter '%s' (mente du '%s'?)")                                  \
  X(C_PARAM, "component '%s' has no parameter '%s' (it has: %s)",                                  \
    "komponenten '%s' har ingen parameter '%s' (den har: %s)")                                     \
  X(C_PARAM_BODY, "component '%s' has no parameter '%s'; to begin its text with '%s:', put an "    \
    "empty line first", "komponenten '%s' har ingen parameter '%s'; for å begynne teksten med "    \
    "'%s:', sett inn en tom linje først")                                                          \
  X(C_TWICE, "component '%s': '%s' is given twice", "komponenten '%s': '%s' står to ganger")       \
  X(C_EMPTY, "component '%s': '%s' is empty", "komponenten '%s': '%s' er tom")                     \
  X(C_VALUE_GUESS, "component '%s': '%s' is not a value of '%s' (did you mean '%s'?)",             \
    "komponenten '%s': '%s' er ikke en gyldig verdi for '%s' (mente du '%s'?)")                    \
  X(C_VALUE, "component '%s': '%s' is not a value of '%s' (use %s)",                               \
    "komponenten '%s': '%s' er ikke en gyldig verdi for '%s' (bruk %s)")                           \
  X(C_NEEDS, "component '%s' needs '%s' (add a line '%s: …')",                                     \
    "komponenten '%s' mangler '%s' (legg til en linje '%s: …')")                                  \
  X(C_NOT_PAGE, "component '%s': '%s' must be a page's .md file",                                  \
    "komponenten '%s': '%s' må være filen til en side (.md)")                                      \
  X(C_PATH, "'%s' must be the path of a file from this page, such as ../tiltak/1-1-menn-i-helse.md",\
    "'%s' må være stien til en fil sett fra denne siden, for eksempel ../tiltak/1-1-menn-i-helse.md")\
  X(C_CSV_FILE, "'%s: %s' must name a CSV file beside the page",                                   \
    "'%s: %s' må være en CSV-fil ved siden av siden")                                              \
  X(C_CSV_READ, "cannot read the chart's numbers", "kan ikke lese tallene til grafen")              \
  X(C_NO_TABLE, "component '%s' draws the table right below it: put a Markdown table straight "    \
    "after the block, or name a CSV file with '%s: fil.csv'", "komponenten '%s' tegner tabellen "  \
    "rett under seg: sett en Markdown-tabell rett etter blokken, eller oppgi en CSV-fil med "      \
    "'%s: fil.csv'")                                                                               \
  X(C_TEMPLATE, "component '%s': %s", "komponenten '%s': %s")                                      \
  /* charts */                                                                                     \
  X(CH_SHAPE, "the table needs a header row, at least one row of numbers and a column of labels",  \
    "tabellen trenger en overskriftsrad, minst én rad med tall og en kolonne med navn")            \
  X(CH_NO_COLUMN, "the table has no column '%s'", "tabellen har ingen kolonne '%s'")               \
  X(CH_NO_ROW, "the table has no row '%s'", "tabellen har ingen rad '%s'")                         \
  X(CH_NO_EXCLUDE, "the table has no row '%s' to leave out", "tabellen har ingen rad '%s' å utelate")\
  X(CH_EMPTY, "nothing left to draw: no column or no row is chosen",                               \
    "ingenting å tegne: ingen kolonne eller rad er valgt")                                         \
  X(CH_NOT_NUMBER, "'%s' in column '%s' is not a number (write numbers like 1 234, 2,5 or 12 %%; " \
    "leave the cell empty or write – when there is no number)", "'%s' i kolonnen '%s' er ikke et " \
    "tall (skriv tall som 1 234, 2,5 eller 12 %%; la cellen stå tom eller skriv – når det ikke "   \
    "finnes noe tall)")                                                                            \
  X(CH_CSV_ROW, "this CSV row has %zu cells, the header has %zu",                                  \
    "denne CSV-raden har %zu celler, overskriftsraden har %zu")

typedef enum {
#define VARDE_MSG_ID(id, en, nb) MSG_##id,
  VARDE_MESSAGES(VARDE_MSG_ID)
#undef VARDE_MSG_ID
  MSG_COUNT
} MsgId;

/* "nb", "no", "nn" (and "nb-NO" …) choose bokmål; anything else English. */
void messages_set_language(const char *lang);
/* 1 while messages are in bokmål. */
int messages_norwegian(void);
/* The message's printf format in the current language. */
const char *msg(MsgId id);
/* The format in a given language (0 English, 1 bokmål), for tests. */
const char *msg_in(MsgId id, int norwegian);

#endif
