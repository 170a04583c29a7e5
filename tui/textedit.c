/* SPDX-License-Identifier: ISC */
/* The one-line editor: cursor keys, Home/End, Backspace/Delete, Ctrl-U,
 * UTF-8 text, a maximum length in characters. */
#include "config.h"

#include "tui/textedit.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui/input.h"
#include "tui/term.h"
#include "tui/utf8.h"
#include "xalloc.h"

#define TEDIT_DEFAULT_MAX 4096

static void wipe(wchar_t *p, size_t n)
{
	volatile wchar_t *v = p;

	while (n--)
		*v++ = 0;
}

static void reserve(struct tedit *e, size_t need)
{
	wchar_t *nb;
	size_t cap = e->cap ? e->cap : 32;

	if (need <= e->cap)
		return;
	while (cap < need)
		cap *= 2;
	/* Not realloc: the old buffer is wiped before it goes back. */
	nb = xcalloc(cap, sizeof *nb);
	if (e->buf) {
		memcpy(nb, e->buf, e->n * sizeof *nb);
		wipe(e->buf, e->cap);
		free(e->buf);
	}
	e->buf = nb;
	e->cap = cap;
}

void tedit_set(struct tedit *e, const char *utf8)
{
	e->n = 0;
	while (utf8 && *utf8) {
		wchar_t c;

		utf8 += utf8_next(utf8, &c);
		reserve(e, e->n + 1);
		e->buf[e->n++] = c;
	}
	e->cur = e->n;
	e->scroll = 0;
	e->over = 0;
	e->bad = 0;
}

char *tedit_over_text(const struct tedit *e)
{
	size_t max = e->maxlen ? e->maxlen : TEDIT_DEFAULT_MAX, typed = e->n + e->over;

	if (!e->over)
		return NULL;
	return xasprintf(ngettext("at most %zu character, you typed %zu: the rest was not taken",
				  "at most %zu characters, you typed %zu: the rest was not taken",
				  max), max, typed);
}

char *tedit_unreadable_text(const char *label, size_t n)
{
	char *name = xstrdup(label ? _(label) : ""), *s;
	size_t len = strlen(name);

	while (len && (name[len - 1] == ':' || name[len - 1] == ' '))
		name[--len] = '\0';
	/* TRANSLATORS: the first %s is a field's label ("City"), the last
	 * the terminal's character set ("ANSI_X3.4-1968", "ISO-8859-1"). */
	s = xasprintf(ngettext("%s: %zu byte typed was not taken: this terminal's character set "
			       "(%s) has no character for it; the rest of the text was. A UTF-8 "
			       "locale (LANG=C.UTF-8) has one for every character.",
			       "%s: %zu bytes typed were not taken: this terminal's character set "
			       "(%s) has no character for them; the rest of the text was. A UTF-8 "
			       "locale (LANG=C.UTF-8) has one for every character.",
			       n),
		      name, n, nl_langinfo(CODESET));
	free(name);
	return s;
}

char *tedit_bad_text(const struct tedit *e, const char *label)
{
	return e->bad ? tedit_unreadable_text(label, e->bad) : NULL;
}

char *tedit_get(const struct tedit *e)
{
	char *s = xmalloc(e->n * 4 + 1);
	size_t len = 0;

	for (size_t i = 0; i < e->n; i++)
		len += utf8_put(s + len, e->buf[i]);
	s[len] = '\0';
	return s;
}

bool tedit_same(const struct tedit *e, const char *utf8)
{
	size_t i = 0;

	while (utf8 && *utf8) {
		wchar_t c;

		utf8 += utf8_next(utf8, &c);
		if (i >= e->n || e->buf[i] != c)
			return false;
		i++;
	}
	return i == e->n;
}

static int insert(struct tedit *e, wchar_t c)
{
	size_t max = e->maxlen ? e->maxlen : TEDIT_DEFAULT_MAX;

	if (c == TINPUT_BAD) {
		e->bad++;
		return TE_REFUSED;
	}
	if (e->n >= max) {
		e->over++;
		return TE_REFUSED;
	}
	if (e->upper && c >= 'a' && c <= 'z')
		c = c - 'a' + 'A';
	reserve(e, e->n + 1);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->n - e->cur) * sizeof *e->buf);
	e->buf[e->cur++] = c;
	e->n++;
	return TE_CHANGED;
}

static int erase_at(struct tedit *e, size_t i)
{
	memmove(e->buf + i, e->buf + i + 1, (e->n - i - 1) * sizeof *e->buf);
	e->n--;
	e->buf[e->n] = 0;
	return TE_CHANGED;
}

static int edit_key(struct tedit *e, struct tkey k)
{
	switch (k.act) {
	case TK_CHAR:
	case TK_TOGGLE:
		return insert(e, k.ch ? k.ch : L' ');
	case TK_LEFT:
		if (e->cur == 0)
			return TE_IGNORED;
		e->cur--;
		return TE_MOVED;
	case TK_RIGHT:
		if (e->cur >= e->n)
			return TE_IGNORED;
		e->cur++;
		return TE_MOVED;
	case TK_HOME:
		e->cur = 0;
		return TE_MOVED;
	case TK_END:
		e->cur = e->n;
		return TE_MOVED;
	case TK_BACKSPACE:
		if (e->cur == 0)
			return TE_IGNORED;
		return erase_at(e, --e->cur);
	case TK_DELETE:
		return e->cur < e->n ? erase_at(e, e->cur) : TE_IGNORED;
	case TK_KILL:
		wipe(e->buf, e->n);
		e->n = e->cur = e->scroll = 0;
		e->bad = 0;
		return TE_CHANGED;
	default:
		return TE_IGNORED;
	}
}

static int cells_between(const struct tedit *e, size_t a, size_t b)
{
	int cells = 0;

	for (size_t i = a; i < b; i++)
		cells += e->secret ? 1 : wc_cells(e->buf[i]);
	return cells;
}

/* Keeps the cursor inside the box, with one cell for it at the end. */
static void follow(struct tedit *e, int width)
{
	if (e->scroll > e->cur)
		e->scroll = e->cur;
	while (e->scroll < e->cur && cells_between(e, e->scroll, e->cur) >= width)
		e->scroll++;
	while (e->scroll > 0 && cells_between(e, e->scroll - 1, e->n) < width)
		e->scroll--;
}

int tedit_key(struct tedit *e, struct tkey k)
{
	int r = edit_key(e, k);

	if (r == TE_CHANGED)
		e->over = 0;
	return r;
}

int tedit_draw(struct tedit *e, WINDOW *w, int y, int x, int width)
{
	int used = 0;

	if (width < 1)
		return x;
	follow(e, width);
	wmove(w, y, x);
	wattr_on(w, tattr(TA_FIELD), NULL);
	for (size_t i = e->scroll; i < e->n; i++) {
		wchar_t c[2] = {e->secret ? L'*' : wc_shown(e->buf[i]), 0};
		int cw = e->secret ? 1 : wc_cells(e->buf[i]);

		if (used + cw > width)
			break;
		waddnwstr(w, c, 1);
		used += cw;
	}
	for (; used < width; used++)
		waddch(w, ' ');
	wattr_off(w, tattr(TA_FIELD), NULL);
	return x + cells_between(e, e->scroll, e->cur);
}

void tedit_free(struct tedit *e)
{
	if (e->buf) {
		wipe(e->buf, e->cap);
		free(e->buf);
	}
	e->buf = NULL;
	e->n = e->cap = e->cur = e->scroll = 0;
}
