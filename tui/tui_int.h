/* SPDX-License-Identifier: ISC */
/* tui_int: what the engine's own files share (never included by screen
 * modules, which use tui/engine.h). The screen is a stack of layers: the
 * page at the bottom, dialogs above it, each with its curses window in a
 * panel. Only the top layer reads keys; a resize or Ctrl-L lays every layer
 * out again from the bottom up. Drawing is always "draw the layer's window
 * in full, then doupdate": curses sends only the cells that changed, which
 * keeps a keystroke to a few bytes without bookkeeping of our own. */
#ifndef XMPPGW_TUI_INT_H
#define XMPPGW_TUI_INT_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <wchar.h>

#include <curses.h>
#include <panel.h>

#include "deployment.h"
#include "tui/engine.h"
#include "tui/input.h"
#include "tui/keys.h"

struct tlayer {
	struct tlayer *below;
	/* Lays out for the current LINES x COLS and draws into its window(s).
	 * Called on push, after a resize and on Ctrl-L. */
	void (*paint)(struct tlayer *l, struct tui *t);
	WINDOW *win;
	PANEL *panel;
};

/* One working copy per open wizard, innermost last. */
struct twork {
	struct twork *outer;
	struct deployment *copy; /* what the wizard edits */
	struct deployment *base; /* what it started from (outer's copy or t->d) */
};

struct tui {
	char *path;
	char *base_dir;
	struct deployment *d;     /* the deployment as committed */
	struct deployment *saved; /* as in the file; NULL when there is no file */
	size_t file_errors;       /* errors the file had when loaded */
	struct stat disk;         /* the file as last read or written here */
	bool disk_known;          /* false: there was no file */
	struct twork *work;       /* innermost open wizard, or NULL */
	bool no_draft;            /* start-up questions open: nothing typed yet, and a
	                           * draft on disk is still to be restored or discarded */
	char *draft_of;           /* the name the draft is kept for: the path, or the
	                           * path and our PID when another session has it open */
	int session;              /* the session's mark on the lock file, or -1 */
	int lock_wait_ms;         /* how long a save waits for another writer */

	SCREEN *screen;
	bool curses_on;
	bool colors;
	WINDOW *keys;      /* never drawn: reading from it refreshes nothing */
	struct tinput in;  /* bytes read from it, not yet a character */
	struct tlayer *top;
	WINDOW *small;     /* "terminal too small", when shown */
	PANEL *small_panel;
	struct tprogress *prog; /* the progress box while one is open */
	char *status;      /* status line text, or NULL */
	bool status_error;
};

/* --- app.c --- */
/* The deployment a save or a draft would write: the innermost working copy
 * if a wizard is open, else the committed one. */
const struct deployment *tui_current(const struct tui *t);
/* Ctrl-O: commits every open working copy down to t->d, then saves; refuses
 * (keeping the draft) while the working copy has errors t->d had not.
 * Returns 0 or -1 (the user was told). */
int tui_save_all(struct tui *t);
/* Ctrl-X: asks when unsaved (Save / Discard / Cancel). true: quit now. */
bool tui_quit_asked(struct tui *t);
/* Writes the draft of the current deployment when it differs from the
 * file; a failure goes to the status line. */
void tui_draft(struct tui *t);

/* --- term.c --- */
/* NULL when the terminal can be used; else why not (static text). */
const char *term_unusable(void);
int term_open(struct tui *t);
void term_close(struct tui *t);
/* SIGHUP / SIGTERM / SIGINT / SIGQUIT seen (0 if none). */
extern volatile sig_atomic_t term_signal;
/* Acts on a pending signal: writes the draft and exits (never returns
 * when a signal is pending). */
void term_check_signal(struct tui *t);
void term_suspend(struct tui *t);
bool term_too_small(void);

/* --- theme (term.c) --- */
enum tattr { TA_NORMAL, TA_TITLE, TA_HEAD, TA_FIELD, TA_FOCUS, TA_ERROR, TA_WARN, TA_DIM,
	     TA_MARK, TA_FRAME, TA_COUNT };
attr_t tattr(enum tattr a);
void tattr_set(WINDOW *w, enum tattr a);

/* --- screen.c: layers, reading keys, text output --- */
void tui_push(struct tui *t, struct tlayer *l);
void tui_pop(struct tui *t, struct tlayer *l);
/* Lays out every layer again (resize, Ctrl-L, after a suspend). */
void tui_repaint_all(struct tui *t);
/* Sends what changed to the terminal. */
void tui_flush(struct tui *t);
/* Waits for the next key as an action (tui/keys.h), handling resize,
 * repaint, suspend and signals itself. wait_ms < 0 waits for a key;
 * otherwise returns TK_NONE after wait_ms without one. */
struct tkey tui_getkey(struct tui *t, int wait_ms);
/* Creates or moves l's window to the given place (with its panel). */
void tui_layer_place(struct tlayer *l, int rows, int cols, int y, int x);
void tui_layer_drop(struct tlayer *l);
/* Display cells of a UTF-8 string. */
int tui_width(const char *s);
/* Writes at most cells display cells of UTF-8 s at (y, x); returns the
 * cells written. */
int tui_put(WINDOW *w, int y, int x, const char *s, int cells);
/* The top row of every full-screen layer: title (translated) on the left,
 * the deployment file's name on the right. Leaves w's attribute normal. */
void tui_title_bar(const struct tui *t, WINDOW *w, const char *title);
/* Wraps UTF-8 text at cells per line into out (cleared first); '\n' breaks
 * lines, runs of spaces at a break are dropped. */
struct strlist;
void tui_wrap(const char *s, int cells, struct strlist *out);
/* Draws the status line and key hint of the bottom rows into w. */
void tui_draw_status(struct tui *t, WINDOW *w, int y, int width);
void tui_set_status(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with a va_list. */
void tui_vset_status(struct tui *t, bool error, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void tui_clear_status(struct tui *t);

/* --- dialog.c --- */
/* A text box with a row of buttons; returns the button chosen or -1. */
int dialog_run(struct tui *t, const char *title, const char *text, const char *const *labels,
	       int initial, bool error);
/* The modal viewer: arrows, PgUp/PgDn, Home/End; Esc, Enter or q close. */
void viewer_run(struct tui *t, const char *title, const char *text);
/* The help overlay for a page (NULL outside one) and its focused field. */
void help_run(struct tui *t, const struct wpage *pg, const struct wfield *f);
/* Progress: open, update (returns false when cancelled), close. */
struct tprogress;
struct tprogress *progress_open(struct tui *t, const char *title);
bool progress_update(struct tprogress *p, const char *text);
void progress_close(struct tprogress *p);

#endif
