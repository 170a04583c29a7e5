/* SPDX-License-Identifier: ISC */
/* canvas: a full-screen layer its screen module draws itself, for what a
 * page cannot show: rows that change while nothing is typed (the live DNS
 * check). It sits in the engine's layer stack like a page, so dialogs open
 * over it and a resize or Ctrl-L calls its paint again; between those the
 * module draws only what changed and tcanvas_key sends it to the terminal.
 *
 *   row 0            title bar (the screen's title, the deployment file)
 *   rows 1..LINES-4  the module's
 *   row LINES-3      rule
 *   rows LINES-2..   the module's status line, the key hint */
#ifndef XMPPGW_TUI_CANVAS_H
#define XMPPGW_TUI_CANVAS_H

#include <curses.h>

#include "tui/keys.h"

struct tui;
struct wpage;
struct tcanvas;

/* Pushes the layer and calls paint(cv, w, arg): lay out for LINES x COLS
 * and draw all of w (tcanvas_frame included); it is called again after a
 * resize or Ctrl-L, and may be called before tcanvas_open returns. page
 * (kept, not copied) gives the title bar and the help overlay its title,
 * help and help_keys; its fields are not used. Never NULL. */
struct tcanvas *tcanvas_open(struct tui *t, const struct wpage *page,
			     void (*paint)(struct tcanvas *cv, WINDOW *w, void *arg), void *arg);
void tcanvas_close(struct tcanvas *cv);
/* The window to draw into between paints; NULL while the terminal is too
 * small (paint comes again when it grows). */
WINDOW *tcanvas_window(struct tcanvas *cv);
/* Sends what was drawn, then returns the next key as an action; after
 * wait_ms (< 0: no limit) without one, or after a repaint, TK_NONE. The
 * keys every screen shares are handled here: resize, Ctrl-L, suspend,
 * signals, Ctrl-G (help), Ctrl-O (save). Ctrl-X asks about unsaved
 * changes and comes back as TK_QUIT only when the user chose to quit. */
struct tkey tcanvas_key(struct tcanvas *cv, int wait_ms);

/* Drawing in the engine's look. */
enum tlook { TL_NORMAL, TL_HEAD, TL_FOCUS, TL_ERROR, TL_WARN, TL_DIM, TL_MARK };
void tcanvas_look(WINDOW *w, enum tlook look);
/* At most cells display cells of UTF-8 s at (y, x), control characters
 * shown as spaces; returns the cells written. */
int tcanvas_put(WINDOW *w, int y, int x, const char *s, int cells);
int tcanvas_width(const char *s);
/* The title bar, the rule (with marks when rows lie above or below) and
 * the key hint, as pages draw them. */
void tcanvas_frame(struct tcanvas *cv, WINDOW *w, const char *hint, bool above, bool below);

#endif
