/* diag.h: compiler-style diagnostics, "path:line:col: error: message".
 * Every loader reports through here and keeps going, so one run shows all
 * problems; the caller checks diag_errors() at the end of each phase.
 *
 * diag is one object per process (diag.c) with two settings and a stage:
 * the format (diag_set_format: compiler lines, GitHub workflow commands, or
 * compiler lines plus a GitLab report), the destination (printed, or
 * captured with diag_capture for tests and for serve), and, while render
 * workers run, holding (diag_hold ... diag_release). All of it is
 * thread-safe: the search index reports from its own thread. */
#ifndef VARDE_DIAG_H
#define VARDE_DIAG_H

/* At most this many messages are printed about one file; then one line says
 * the rest are left out (still counted), as compilers stop after a number of
 * errors: one broken file cannot flood the output. diag_reset starts over. */
enum { DIAG_MAX_PER_FILE = 20 };

void diag_error(const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warning(const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int diag_errors(void);
/* Of those, the errors about files in content/ (an editor's page): a
 * preview renders the site in spite of them, each shown on its page. */
int diag_content_errors(void);
/* How messages are written. DIAG_COMPILER (the default) prints
 * "path:line:col: error: message" on stderr. DIAG_GITHUB prints GitHub
 * Actions workflow commands on stdout ("::error file=path,line=L,col=C::message",
 * escaped as the runner expects), so a pull request shows each message on
 * its line; `prefix` (may be NULL) is put before every path so that paths are
 * relative to the repository when the site is a subfolder (--root). */
typedef enum { DIAG_COMPILER, DIAG_GITHUB, DIAG_GITLAB } DiagFormat;
/* DIAG_GITLAB prints the compiler format on stderr and, on stdout, a GitLab
 * Code Quality report (a JSON array of Code Climate issues) that
 * diag_finish() closes. */
void diag_set_format(DiagFormat format, const char *prefix);
void diag_finish(void);
void diag_reset(void);
/* Tests capture messages instead of printing them. */
void diag_capture(int on);
const char *diag_captured(void);
/* Rendering on several processes: each worker holds its messages
 * (diag_hold), hands them over (diag_take_held, a malloc'd string) and the
 * parent prints its own and theirs, each distinct message once
 * (diag_release), counting the workers' errors into diag_errors(). */
void diag_hold(void);
void diag_reset_count(void); /* a forked worker counts its own errors */
char *diag_take_held(void);
void diag_release(const char *workers, int worker_errors);

#endif
