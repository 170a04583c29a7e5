/* SPDX-License-Identifier: ISC */
/* A layer drawn by its screen module, on the engine's stack and key loop.
 * The keys only the session can answer go to its hooks (tui/term.h). */
#include "config.h"

#include "tui/canvas.h"
#include "wizards/wizard.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui/term.h"
#include "xalloc.h"

struct tcanvas {
	struct tlayer l; /* first: the engine sees a layer */
	struct tui *t;
	const struct wpage *page; /* its title and help */
	void (*paint)(struct tcanvas *cv, WINDOW *w, void *arg);
	void *arg;
	bool status_shown; /* the engine's status line replaces the hint */
};

static void canvas_paint(struct tlayer *l, struct tui *t)
{
	struct tcanvas *cv = (struct tcanvas *)l;

	(void)t;
	tui_layer_place(l, LINES, COLS, 0, 0);
	if (l->win)
		cv->paint(cv, l->win, cv->arg);
}

struct tcanvas *tcanvas_open(struct tui *t, const struct wpage *page,
			     void (*paint)(struct tcanvas *cv, WINDOW *w, void *arg), void *arg)
{
	struct tcanvas *cv = xcalloc(1, sizeof *cv);

	cv->t = t;
	cv->page = page;
	cv->paint = paint;
	cv->arg = arg;
	cv->l.paint = canvas_paint;
	tui_push(t, &cv->l);
	return cv;
}

void tcanvas_close(struct tcanvas *cv)
{
	if (!cv)
		return;
	tui_pop(cv->t, &cv->l);
	free(cv);
}

WINDOW *tcanvas_window(struct tcanvas *cv)
{
	return term_too_small() ? NULL : cv->l.win;
}

static void repaint(struct tcanvas *cv)
{
	if (!term_too_small())
		canvas_paint(&cv->l, cv->t);
}

struct tkey tcanvas_key(struct tcanvas *cv, int wait_ms)
{
	struct tkey k = tui_getkey(cv->t, wait_ms);

	if (k.act != TK_NONE && cv->status_shown) {
		tui_clear_status(cv->t);
		cv->status_shown = false;
		repaint(cv);
	}
	switch (k.act) {
	case TK_HELP:
		cv->t->hooks->help(cv->t, cv->page);
		return (struct tkey){TK_NONE, 0};
	case TK_SAVE:
		cv->t->hooks->save(cv->t);
		cv->status_shown = cv->t->status != NULL;
		repaint(cv);
		return (struct tkey){TK_NONE, 0};
	case TK_QUIT:
		return cv->t->hooks->quit(cv->t) ? k : (struct tkey){TK_NONE, 0};
	default:
		return k;
	}
}

static const enum tattr looks[] = {
	[TL_NORMAL] = TA_NORMAL, [TL_HEAD] = TA_HEAD, [TL_FOCUS] = TA_FOCUS,
	[TL_ERROR] = TA_ERROR, [TL_WARN] = TA_WARN, [TL_DIM] = TA_DIM, [TL_MARK] = TA_MARK,
};

void tcanvas_look(WINDOW *w, enum tlook look)
{
	tattr_set(w, (unsigned)look < sizeof looks / sizeof *looks ? looks[look] : TA_NORMAL);
}

int tcanvas_put(WINDOW *w, int y, int x, const char *s, int cells)
{
	return tui_put(w, y, x, s, cells);
}

int tcanvas_width(const char *s)
{
	return tui_width(s);
}


static void rule(WINDOW *w, bool above, bool below)
{
	const char *more = above && below ? _(" more above and below ")
			   : above	  ? _(" more above ")
			   : below	  ? _(" more below ")
					  : NULL;

	wattrset(w, (int)tattr(TA_FRAME));
	mvwhline(w, LINES - 3, 0, ACS_HLINE, COLS);
	if (more)
		tui_put(w, LINES - 3, COLS - tui_width(more) - 2, more, tui_width(more));
	tattr_set(w, TA_NORMAL);
}

void tcanvas_frame(struct tcanvas *cv, WINDOW *w, const char *hint, bool above, bool below)
{
	tui_title_bar(cv->t, w, _(cv->page->title));
	rule(w, above, below);
	wmove(w, LINES - 1, 0);
	wclrtoeol(w);
	if (cv->status_shown && cv->t->status) {
		tattr_set(w, cv->t->status_error ? TA_ERROR : TA_HEAD);
		tui_put(w, LINES - 1, 1, cv->t->status, COLS - 2);
		tattr_set(w, TA_NORMAL);
	} else {
		tui_put(w, LINES - 1, 1, hint, COLS - 2);
	}
}
