/* SPDX-License-Identifier: ISC */
/* Dialogs: a question with buttons, the scrollable viewer (also the help
 * overlay), and the progress box. Each is a layer with its own window in a
 * panel over the page; closing it lets the panel library show what was
 * underneath without drawing the page again. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "i18n.h"
#include "strlist.h"
#include "tui/tui_int.h"
#include "tui/utf8.h"
#include "xalloc.h"

#define DIALOG_MAX_W 72

static void frame(WINDOW *w, const char *title)
{
	int cols = getmaxx(w);

	werase(w);
	wattrset(w, (int)tattr(TA_FRAME));
	box(w, 0, 0);
	if (title && *title) {
		tattr_set(w, TA_HEAD);
		mvwaddch(w, 0, 2, ' ');
		tui_put(w, 0, 3, title, cols - 6);
		waddch(w, ' ');
	}
	tattr_set(w, TA_NORMAL);
}

/* --- question with buttons --- */

struct dlg {
	struct tlayer l;
	const char *title;
	const char *text;
	const char *const *buttons;
	int nbuttons;
	int focus;
	bool error;
};

static int buttons_width(const struct dlg *d)
{
	int w = 0;

	/* "< Yes >" and room for the brackets that mark the focused one */
	for (int i = 0; i < d->nbuttons; i++)
		w += tui_width(d->buttons[i]) + 6 + (i ? 1 : 0);
	return w;
}

static void dlg_paint(struct tlayer *l, struct tui *t)
{
	struct dlg *d = (struct dlg *)l;
	struct strlist lines = {0};
	int w = COLS - 4 < DIALOG_MAX_W ? COLS - 4 : DIALOG_MAX_W, h, x, bw = buttons_width(d);
	int want = 36;

	tui_wrap(d->text, w - 4, &lines);
	for (size_t i = 0; i < lines.n; i++)
		if (tui_width(lines.v[i]) + 4 > want)
			want = tui_width(lines.v[i]) + 4;
	if (bw + 4 > want)
		want = bw + 4;
	if (want < w)
		w = want;
	h = (int)lines.n + 4;
	if (h > LINES - 2)
		h = LINES - 2;
	tui_layer_place(l, h, w, (LINES - h) / 2, (COLS - w) / 2);
	frame(l->win, d->title);
	tattr_set(l->win, d->error ? TA_ERROR : TA_NORMAL);
	for (int i = 0; i < (int)lines.n && i < h - 4; i++)
		tui_put(l->win, 1 + i, 2, lines.v[i], w - 4);
	tattr_set(l->win, TA_NORMAL);
	x = (w - bw) / 2;
	/* The focused button is bracketed, "[< No >]", so that it reads
	 * without colour or reverse video (a monochrome terminal, a screen
	 * reader, a copy of the screen). */
	for (int i = 0; i < d->nbuttons; i++) {
		bool on = i == d->focus;
		int cx = x;

		x += tui_put(l->win, h - 2, x, on ? "[" : " ", 1);
		tattr_set(l->win, on ? TA_FOCUS : TA_NORMAL);
		x += tui_put(l->win, h - 2, x, "< ", 2);
		x += tui_put(l->win, h - 2, x, d->buttons[i], w - x);
		x += tui_put(l->win, h - 2, x, " >", 2);
		tattr_set(l->win, TA_NORMAL);
		x += tui_put(l->win, h - 2, x, on ? "]" : " ", 1) + 1;
		if (on)
			wmove(l->win, h - 2, cx + 3);
	}
	strlist_free(&lines);
	(void)t;
}

/* The button whose first letter is c (case-insensitive), or -1. */
static int hotkey(const struct dlg *d, wchar_t c)
{
	for (int i = 0; i < d->nbuttons; i++) {
		wchar_t first;

		utf8_next(d->buttons[i], &first);
		if (towlower((wint_t)first) == towlower((wint_t)c))
			return i;
	}
	return -1;
}

static int dlg_key(struct dlg *d, struct tkey k)
{
	switch (k.act) {
	case TK_NEXT_FIELD: case TK_RIGHT: case TK_DOWN:
		d->focus = (d->focus + 1) % d->nbuttons;
		return -2;
	case TK_PREV_FIELD: case TK_LEFT: case TK_UP:
		d->focus = (d->focus + d->nbuttons - 1) % d->nbuttons;
		return -2;
	case TK_ENTER: case TK_TOGGLE:
		return d->focus;
	case TK_CANCEL:
		return -1;
	case TK_CHAR:
		return hotkey(d, k.ch) >= 0 ? hotkey(d, k.ch) : -2;
	default:
		return -2;
	}
}

int dialog_run(struct tui *t, const char *title, const char *text, const char *const *buttons,
	       int initial, bool error)
{
	struct dlg d = {.title = title, .text = text, .buttons = buttons, .error = error};
	int r = -2;

	d.l.paint = dlg_paint;
	while (buttons[d.nbuttons])
		d.nbuttons++;
	d.focus = initial >= 0 && initial < d.nbuttons ? initial : 0;
	tui_push(t, &d.l);
	while (r == -2) {
		r = dlg_key(&d, tui_getkey(t, -1));
		if (!term_too_small())
			dlg_paint(&d.l, t);
	}
	tui_pop(t, &d.l);
	return r;
}

/* --- viewer --- */

struct viewer {
	struct tlayer l;
	const char *title;
	const char *text;
	struct strlist lines;
	size_t top;
	int rows;
};

/* Where a line's continuation starts: under its text after a column of
 * names ("  Ctrl-O, F2         save ..."), else under its first letter. */
static size_t hang_of(const char *line)
{
	const char *p = line, *gap;

	while (*p == ' ')
		p++;
	gap = strstr(p, "   ");
	if (gap && gap - line < 32) {
		while (*gap == ' ')
			gap++;
		return (size_t)(gap - line);
	}
	return (size_t)(p - line);
}

/* Wraps each line of text at cells, continuation lines hanging. */
static void wrap_hanging(const char *text, int cells, struct strlist *out)
{
	struct strlist src = {0}, part = {0};

	strlist_clear(out);
	tui_wrap(text, 1 << 20, &src);
	for (size_t i = 0; i < src.n; i++) {
		size_t hang = hang_of(src.v[i]);

		if ((int)hang > cells / 2)
			hang = 0;
		tui_wrap(src.v[i], cells, &part);
		if (part.n > 1 && hang) {
			char *rest = xstrdup(src.v[i] + strlen(part.v[0]));

			strlist_push(out, part.v[0]);
			tui_wrap(rest + strspn(rest, " "), cells - (int)hang, &part);
			for (size_t j = 0; j < part.n; j++)
				strlist_push_owned(out, xasprintf("%*s%s", (int)hang, "", part.v[j]));
			free(rest);
		} else {
			for (size_t j = 0; j < part.n; j++)
				strlist_push(out, part.v[j]);
			if (part.n == 0)
				strlist_push(out, "");
		}
	}
	strlist_free(&src);
	strlist_free(&part);
}

static void viewer_paint(struct tlayer *l, struct tui *t)
{
	struct viewer *v = (struct viewer *)l;
	int h = LINES - 2, w = COLS - 4;
	char *pos;

	tui_layer_place(l, h, w, 1, 2);
	wrap_hanging(v->text, w - 4, &v->lines);
	v->rows = h - 4;
	if (v->top + (size_t)v->rows > v->lines.n)
		v->top = v->lines.n > (size_t)v->rows ? v->lines.n - (size_t)v->rows : 0;
	frame(l->win, v->title);
	for (int r = 0; r < v->rows && v->top + (size_t)r < v->lines.n; r++)
		tui_put(l->win, 1 + r, 2, v->lines.v[v->top + (size_t)r], w - 4);
	pos = xasprintf(_("lines %zu-%zu of %zu"), v->lines.n ? v->top + 1 : 0,
			v->top + (size_t)v->rows < v->lines.n ? v->top + (size_t)v->rows
							       : v->lines.n, v->lines.n);
	tattr_set(l->win, TA_DIM);
	tui_put(l->win, h - 2, w - tui_width(pos) - 2, pos, tui_width(pos));
	tattr_set(l->win, TA_FOCUS);
	tui_put(l->win, h - 2, 2, _("< Close >"), w - 4);
	tattr_set(l->win, TA_NORMAL);
	wmove(l->win, h - 2, 4);
	free(pos);
	(void)t;
}

static bool viewer_key(struct viewer *v, struct tkey k)
{
	size_t page = v->rows > 1 ? (size_t)v->rows - 1 : 1;
	size_t max = v->lines.n > (size_t)v->rows ? v->lines.n - (size_t)v->rows : 0;

	switch (k.act) {
	case TK_DOWN: case TK_NEXT_FIELD:
		v->top += v->top < max;
		break;
	case TK_UP: case TK_PREV_FIELD:
		v->top -= v->top > 0;
		break;
	case TK_PGDN: case TK_NEXT_PAGE: case TK_TOGGLE:
		v->top = v->top + page < max ? v->top + page : max;
		break;
	case TK_PGUP: case TK_PREV_PAGE:
		v->top = v->top > page ? v->top - page : 0;
		break;
	case TK_HOME:
		v->top = 0;
		break;
	case TK_END:
		v->top = max;
		break;
	case TK_ENTER: case TK_CANCEL: case TK_QUIT: case TK_HELP:
		return false;
	case TK_CHAR:
		return k.ch != 'q' && k.ch != 'Q';
	default:
		break;
	}
	return true;
}

void viewer_run(struct tui *t, const char *title, const char *text)
{
	struct viewer v = {.title = title, .text = text};

	v.l.paint = viewer_paint;
	tui_push(t, &v.l);
	while (viewer_key(&v, tui_getkey(t, -1)))
		if (!term_too_small())
			viewer_paint(&v.l, t);
	tui_pop(t, &v.l);
	strlist_free(&v.lines);
}

void help_run(struct tui *t, const struct wpage *pg, const struct wfield *f)
{
	struct strlist out = {0};
	char *text;

	if (f && f->help) {
		strlist_push_owned(&out, xasprintf("%s", f->label ? _(f->label) : ""));
		strlist_push_owned(&out, keys_fill(_(f->help), f->help_keys));
		strlist_push(&out, "");
	}
	if (pg) {
		strlist_push_owned(&out, xasprintf(_("Page: %s"), _(pg->title)));
		if (pg->help)
			strlist_push_owned(&out, keys_fill(_(pg->help), pg->help_keys));
		strlist_push(&out, "");
	}
	strlist_push(&out, _("Keys:"));
	keys_help(&out);
	text = strlist_join(&out, "\n");
	viewer_run(t, _("Help"), text);
	free(text);
	strlist_free(&out);
}

/* --- progress --- */

struct tprogress {
	struct tlayer l;
	struct tui *t;
	const char *title;
	char *text;
	unsigned spin;
	struct timespec last;
};

static void progress_paint(struct tlayer *l, struct tui *t)
{
	struct tprogress *p = (struct tprogress *)l;
	static const char spinner[] = "|/-\\";
	int w = COLS - 4 < 72 ? COLS - 4 : 72;
	char mark[2] = {spinner[p->spin % 4], 0};
	char *cancels;

	tui_layer_place(l, 6, w, (LINES - 6) / 2, (COLS - w) / 2);
	frame(l->win, p->title);
	tattr_set(l->win, TA_HEAD);
	tui_put(l->win, 2, 2, mark, 1);
	tattr_set(l->win, TA_NORMAL);
	tui_put(l->win, 2, 4, p->text ? p->text : "", w - 6);
	tattr_set(l->win, TA_DIM);
	/* TRANSLATORS: %s is a key name such as Esc */
	cancels = keys_fill(_("%s cancels"), KEYACTS(TK_CANCEL));
	tui_put(l->win, 4, 2, cancels, w - 4);
	free(cancels);
	tattr_set(l->win, TA_NORMAL);
	wmove(l->win, 2, 2);
	(void)t;
}

struct tprogress *progress_open(struct tui *t, const char *title)
{
	struct tprogress *p = xcalloc(1, sizeof *p);

	p->t = t;
	p->title = title;
	p->l.paint = progress_paint;
	tui_push(t, &p->l);
	tui_flush(t);
	return p;
}

static long ms_since(const struct timespec *a)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - a->tv_sec) * 1000 + (now.tv_nsec - a->tv_nsec) / 1000000;
}

/* Redrawn and the keyboard polled at most every 80 ms: key generation
 * calls back thousands of times, and a slow link must not be flooded. */
bool progress_update(struct tprogress *p, const char *text)
{
	struct tkey k;

	xstrset(&p->text, text);
	if (p->spin && ms_since(&p->last) < 80)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	p->spin++;
	if (!term_too_small())
		progress_paint(&p->l, p->t);
	k = tui_getkey(p->t, 1);
	return k.act != TK_CANCEL;
}

void progress_close(struct tprogress *p)
{
	tui_pop(p->t, &p->l);
	free(p->text);
	free(p);
}
