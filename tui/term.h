/* SPDX-License-Identifier: ISC */
/* term: the base of the full-screen program (libxgtuibase.a: term.c,
 * screen.c, textedit.c, keys.c, canvas.c, utf8.c). It owns the terminal, the
 * layer stack and the key loop, and calls nothing above it: what only the
 * session can decide (a signal's draft, Ctrl-O, Ctrl-X, Ctrl-G on a canvas)
 * goes through the struct tui_hooks the session gives term_open, as tmux's
 * tty layer only hands events back to its server. Resize, Ctrl-L and a
 * return from Ctrl-Z are handled here: every layer is painted again.
 *
 * The screen is a stack of layers: the page at the bottom, dialogs above
 * it, each with its curses window in a panel. Only the top layer reads
 * keys; a resize or Ctrl-L lays every layer out again from the bottom up.
 * Drawing is always "draw the layer's window in full, then doupdate": curses
 * sends only the cells that changed, which keeps a keystroke to a few bytes
 * without bookkeeping of our own. */
#ifndef XMPPGW_TUI_TERM_H
#define XMPPGW_TUI_TERM_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>

#include <curses.h>
#include <panel.h>

#include "tui/input.h"
#include "tui/keys.h"

/* The smallest terminal the pages are laid out for; below it the screen
 * says "terminal too small (need WxH)" until it grows again. */
#define TUI_MIN_COLS 60
#define TUI_MIN_ROWS 18

struct tui;
struct wpage;

struct tlayer {
	struct tlayer *below;
	/* Lays out for the current LINES x COLS and draws into its window(s).
	 * Called on push, after a resize and on Ctrl-L. */
	void (*paint)(struct tlayer *l, struct tui *t);
	WINDOW *win;
	PANEL *panel;
};

/* What the base reports to the session above it. Every member is set. */
struct tui_hooks {
	/* SIGHUP, SIGTERM, SIGINT or SIGQUIT arrived: keep what must not be
	 * lost (the draft), writing nothing to the terminal, which may be
	 * gone. The program then leaves with status 128 + sig. */
	void (*signalled)(struct tui *t, int sig);
	/* Ctrl-O on a canvas: save; the status line says how it went. */
	void (*save)(struct tui *t);
	/* Ctrl-X on a canvas: true to quit now (the user was asked). */
	bool (*quit)(struct tui *t);
	/* Ctrl-G on a canvas: the help overlay for the screen's page (its
	 * title, help text and the keys the help names). */
	void (*help)(struct tui *t, const struct wpage *page);
};

/* The program's terminal state. The base owns every member but s, which
 * belongs to the session (tui/tui_int.h) and is never read here. */
struct tui {
	struct tsession *s;
	const struct tui_hooks *hooks; /* from term_open */
	const char *file;  /* the path shown at the right of every title bar */
	SCREEN *screen;
	bool curses_on;
	bool colors;
	WINDOW *keys;      /* never drawn: reading from it refreshes nothing */
	struct tinput in;  /* bytes read from it, not yet a character */
	struct tlayer *top;
	WINDOW *small;     /* "terminal too small", when shown */
	PANEL *small_panel;
	char *status;      /* status line text, or NULL */
	bool status_error;
};

/* --- term.c --- */
/* NULL when the terminal can be used; else why not (static text). */
const char *term_unusable(void);
/* Sets up curses on stdin/stdout and the signals, and installs hooks
 * (kept, not copied) for the life of the screen. 0 or -1. */
int term_open(struct tui *t, const struct tui_hooks *hooks);
void term_close(struct tui *t);
/* SIGHUP / SIGTERM / SIGINT / SIGQUIT seen (0 if none). */
extern volatile sig_atomic_t term_signal;
/* Acts on a pending signal: calls hooks->signalled and exits (never
 * returns when a signal is pending). */
void term_check_signal(struct tui *t);
/* Ctrl-Z: stops the process until fg; the caller paints again. */
void term_suspend(void);
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
 * the file's name (t->file) on the right. Leaves w's attribute normal. */
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

#endif
