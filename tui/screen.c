/* SPDX-License-Identifier: ISC */
/* The layer stack, the key loop every screen reads through, and text
 * output in display cells. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strlist.h"
#include "tui/term.h"
#include "tui/utf8.h"
#include "xalloc.h"

/* The key loop wakes this often to notice signals even when no key comes. */
#define TERM_POLL_MS 200

void tui_layer_place(struct tlayer *l, int rows, int cols, int y, int x)
{
	WINDOW *w;

	if (l->win && getmaxy(l->win) == rows && getmaxx(l->win) == cols &&
	    getbegy(l->win) == y && getbegx(l->win) == x)
		return;
	w = newwin(rows, cols, y, x);
	if (!w)
		return;
	if (l->panel) {
		replace_panel(l->panel, w);
		delwin(l->win);
	} else {
		l->panel = new_panel(w);
	}
	l->win = w;
}

void tui_layer_drop(struct tlayer *l)
{
	if (l->panel)
		del_panel(l->panel);
	if (l->win)
		delwin(l->win);
	l->panel = NULL;
	l->win = NULL;
}

static void small_show(struct tui *t)
{
	char *msg = xasprintf(_("terminal too small (need %dx%d)"), TUI_MIN_COLS, TUI_MIN_ROWS);

	if (t->small_panel) {
		del_panel(t->small_panel);
		delwin(t->small);
	}
	t->small = newwin(LINES, COLS, 0, 0);
	t->small_panel = new_panel(t->small);
	werase(t->small);
	tattr_set(t->small, TA_ERROR);
	tui_put(t->small, LINES / 2, COLS > tui_width(msg) ? (COLS - tui_width(msg)) / 2 : 0, msg,
		COLS);
	tattr_set(t->small, TA_NORMAL);
	wmove(t->small, 0, 0);
	free(msg);
}

static void small_hide(struct tui *t)
{
	if (!t->small_panel)
		return;
	del_panel(t->small_panel);
	delwin(t->small);
	t->small_panel = NULL;
	t->small = NULL;
}

static void paint_from_bottom(struct tui *t, struct tlayer *l)
{
	if (!l)
		return;
	paint_from_bottom(t, l->below);
	l->paint(l, t);
	/* Keep the panels in the order of the layers whatever happened to
	 * the windows underneath. */
	if (l->panel)
		top_panel(l->panel);
}

void tui_repaint_all(struct tui *t)
{
	if (term_too_small()) {
		small_show(t);
		return;
	}
	small_hide(t);
	paint_from_bottom(t, t->top);
}

void tui_push(struct tui *t, struct tlayer *l)
{
	l->below = t->top;
	t->top = l;
	if (!term_too_small())
		l->paint(l, t);
}

void tui_pop(struct tui *t, struct tlayer *l)
{
	if (t->top == l)
		t->top = l->below;
	tui_layer_drop(l);
}

void tui_flush(struct tui *t)
{
	update_panels();
	if (!t->small && t->top && t->top->win) {
		/* The cursor goes where the top layer left it. */
		wnoutrefresh(t->top->win);
	}
	doupdate();
}

/* The next key: a function key from ncurses, else a character decoded
 * from the terminal's bytes in the locale's encoding (tui/input.h). */
static bool read_key(struct tui *t, int wait_ms, struct tkey *k)
{
	wchar_t wc;
	int r;

	while (!tinput_next(&t->in, &wc, false)) {
		wtimeout(t->keys, wait_ms);
		r = wgetch(t->keys);
		if (r == ERR) {
			if (!tinput_next(&t->in, &wc, true))
				return false;
			break;
		}
		if (r >= KEY_MIN) {
			*k = keys_lookup(true, (unsigned long)r);
			return true;
		}
		tinput_push(&t->in, (unsigned char)r);
	}
	/* Not printable in the locale, yet a field must say it was refused. */
	*k = wc == TINPUT_BAD ? (struct tkey){TK_CHAR, TINPUT_BAD}
			      : keys_lookup(false, (unsigned long)wc);
	return true;
}

struct tkey tui_getkey(struct tui *t, int wait_ms)
{
	int waited = 0;

	for (;;) {
		int step = wait_ms >= 0 && wait_ms - waited < TERM_POLL_MS ? wait_ms - waited
									   : TERM_POLL_MS;
		struct tkey k;

		term_check_signal(t);
		tui_flush(t);
		if (!read_key(t, step, &k)) {
			term_check_signal(t);
			waited += step;
			if (wait_ms >= 0 && waited >= wait_ms)
				return (struct tkey){TK_NONE, 0};
			continue;
		}
		term_check_signal(t);
		if (k.act == TK_RESIZE || k.act == TK_REPAINT) {
			/* ncurses grows a window that spans the screen when the
			 * screen grows: the 1x1 key window does after a terminal
			 * one column wide, and reading keys through it would then
			 * paint it, blank, over every layer. */
			if (getmaxy(t->keys) != 1 || getmaxx(t->keys) != 1)
				wresize(t->keys, 1, 1);
			if (k.act == TK_REPAINT)
				clearok(curscr, TRUE);
			tui_repaint_all(t);
			if (wait_ms >= 0)
				return (struct tkey){TK_NONE, 0};
			continue;
		}
		if (k.act == TK_SUSPEND) {
			term_suspend();
			tui_repaint_all(t);
			continue;
		}
		if (t->small || k.act == TK_NONE)
			continue;
		return k;
	}
}

int tui_width(const char *s)
{
	int cells = 0;

	while (s && *s) {
		wchar_t c;

		s += utf8_next(s, &c);
		cells += wc_cells(c);
	}
	return cells;
}

void tui_title_bar(const struct tui *t, WINDOW *w, const char *title)
{
	const char *path = t->file ? t->file : "", *file = strrchr(path, '/');
	int fw;

	file = file ? file + 1 : path;
	fw = tui_width(file);
	tattr_set(w, TA_TITLE);
	mvwhline(w, 0, 0, ' ', COLS);
	tui_put(w, 0, 1, title, COLS - fw - 4);
	tui_put(w, 0, COLS - fw - 1, file, fw);
	tattr_set(w, TA_NORMAL);
}

int tui_put(WINDOW *w, int y, int x, const char *s, int cells)
{
	int used = 0;

	if (!s || cells <= 0)
		return 0;
	wmove(w, y, x);
	while (*s) {
		wchar_t c, shown[2] = {0, 0};
		size_t n = utf8_next(s, &c);
		int cw = wc_cells(c);

		if (c == '\t' || c == '\n')
			c = ' ';
		if (used + cw > cells)
			break;
		shown[0] = wc_shown(c);
		waddnwstr(w, shown, 1);
		used += cw;
		s += n;
	}
	return used;
}

/* Bytes of s that fit in cells, breaking at the last space if any. */
static size_t fit(const char *s, int cells, bool *at_space)
{
	size_t i = 0, last_space = 0;
	int used = 0;

	*at_space = false;
	while (s[i] && s[i] != '\n') {
		wchar_t c;
		size_t n = utf8_next(s + i, &c);

		if (used + wc_cells(c) > cells)
			break;
		used += wc_cells(c);
		if (c == ' ')
			last_space = i;
		i += n;
	}
	if (s[i] == ' ') {
		*at_space = true;
		return i;
	}
	if (s[i] && s[i] != '\n' && last_space > 0) {
		*at_space = true;
		return last_space;
	}
	return i ? i : (s[0] && s[0] != '\n' ? utf8_next(s, &(wchar_t){0}) : 0);
}

void tui_wrap(const char *s, int cells, struct strlist *out)
{
	strlist_clear(out);
	if (!s)
		return;
	if (cells < 1)
		cells = 1;
	while (*s) {
		bool at_space;
		size_t n = fit(s, cells, &at_space);

		strlist_push_owned(out, xstrndup(s, n));
		s += n;
		if (*s == '\n')
			s++;
		else if (at_space)
			while (*s == ' ')
				s++;
	}
}

void tui_vset_status(struct tui *t, bool error, const char *fmt, va_list ap)
{
	free(t->status);
	t->status = xvasprintf(fmt, ap);
	t->status_error = error;
}

void tui_set_status(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tui_vset_status(t, error, fmt, ap);
	va_end(ap);
}

void tui_clear_status(struct tui *t)
{
	free(t->status);
	t->status = NULL;
}

void tui_draw_status(struct tui *t, WINDOW *w, int y, int width)
{
	wmove(w, y, 0);
	wclrtoeol(w);
	if (!t->status)
		return;
	tattr_set(w, t->status_error ? TA_ERROR : TA_HEAD);
	tui_put(w, y, 1, t->status, width - 1);
	tattr_set(w, TA_NORMAL);
}
