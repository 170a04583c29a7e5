/* SPDX-License-Identifier: ISC */
/* Laying out and drawing a page. One walk over the fields both measures
 * (collecting the focus stops and their rows) and draws; the rows are
 * content rows, shown through the body's scroll offset.
 *
 *   row 0            title bar
 *   row 1            page title, step
 *   rows 3..LINES-4  the body: intro, then the fields
 *   row LINES-3      rule ("more" marks when the body scrolls)
 *   row LINES-2      status line, buttons
 *   row LINES-1      key hint */
#include "config.h"

#include "tui/page.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui/utf8.h"
#include "xalloc.h"

#define LX 3      /* labels and check boxes */
#define LABEL_MAX 30

static const char *const btn_names[TB_COUNT] = {
	[TB_BACK] = N_("Back"), [TB_NEXT] = N_("Next"), [TB_FINISH] = N_("Finish"),
	[TB_OK] = N_("OK"), [TB_CANCEL] = N_("Cancel"), [TB_SAVE] = N_("Save"),
	[TB_QUIT] = N_("Quit"),
};

int tpage_body_y(void)
{
	return 3;
}

int tpage_body_h(void)
{
	return LINES - 6;
}

bool tpage_has(const struct tpage *p, enum tbtn b)
{
	return (p->o->buttons & (1u << b)) != 0;
}

static int width(void)
{
	return COLS;
}

static bool in_view(const struct tpage *p, int y)
{
	return y >= p->scroll && y < p->scroll + tpage_body_h();
}

static bool vis(const struct tpage *p, int y)
{
	return p->drawing && in_view(p, y);
}

static int wy(const struct tpage *p, int y)
{
	return tpage_body_y() + y - p->scroll;
}

static void put(struct tpage *p, int y, int x, enum tattr a, const char *s, int cells)
{
	if (!vis(p, y))
		return;
	tattr_set(p->l.win, a);
	tui_put(p->l.win, wy(p, y), x, s, cells);
	tattr_set(p->l.win, TA_NORMAL);
}

static void add_stop(struct tpage *p, int f, long sub, int y, int x)
{
	struct tstop *s;

	p->stops = xgrow(p->stops, &p->capstops, p->nstops + 1, sizeof *p->stops);
	s = &p->stops[p->nstops++];
	s->f = f;
	s->sub = sub;
	s->y = s->y2 = y;
	s->x = x;
}

/* Extends the stops of field f (added since first) down to row y. */
static void stretch(struct tpage *p, size_t first, int y)
{
	for (size_t i = first; i < p->nstops; i++)
		if (p->stops[i].y2 < y)
			p->stops[i].y2 = y;
}

static bool focused(const struct tpage *p, int f, long sub)
{
	return p->focus_f == f && p->focus_sub == sub;
}

/* Wrapped text from column x; returns the next row. */
static int para(struct tpage *p, int y, int x, enum tattr a, const char *text)
{
	struct strlist lines = {0};

	tui_wrap(text, width() - x - 1, &lines);
	for (size_t i = 0; i < lines.n; i++)
		put(p, y++, x, a, lines.v[i], width() - x - 1);
	strlist_free(&lines);
	return y;
}

static int diag_lines(struct tpage *p, const struct wfield *f, long item, int y, int x)
{
	const struct diag *g = wfield_diag(f, &p->dg, item);
	char *s;

	if (!g)
		return y;
	s = wdiag_text(g);
	y = para(p, y, x, g->sev == DIAG_ERROR ? TA_ERROR : TA_WARN, s);
	free(s);
	return y;
}

/* The field's extra text (text() on a kind other than NOTE/VIEWER). An
 * error beside the field takes its place: the hint says what the error
 * says ("Next refuses an unexportable key"), and one sentence is enough. */
static int extra_lines(struct tpage *p, const struct wfield *f, int y, int x)
{
	const struct diag *g = wfield_diag(f, &p->dg, -1);
	char *s;

	if (!f->text || f->kind == WF_NOTE || f->kind == WF_VIEWER ||
	    (g && g->sev == DIAG_ERROR))
		return y;
	s = f->text(p->c);
	if (s && *s)
		y = para(p, y, x, TA_WARN, s);
	free(s);
	return y;
}

static int widget_x(const struct tpage *p)
{
	return LX + p->labelw + 2;
}

/* The label left of a widget; returns the widget's row. */
static int label_row(struct tpage *p, const struct wfield *f, int y)
{
	const char *l = _(f->label);

	put(p, y, LX, TA_NORMAL, l, width() - LX - 1);
	return tui_width(l) > p->labelw ? y + 1 : y;
}

/* Under a field that refused characters: how many it takes, and what the
 * terminal's character set could not carry. */
static int over_line(struct tpage *p, const struct tedit *e, const struct wfield *f, int y,
		     int x)
{
	char *s = tedit_over_text(e), *bad = tedit_bad_text(e, f->label);

	if (s)
		y = para(p, y, x, TA_ERROR, s);
	if (bad)
		y = para(p, y, x, TA_ERROR, bad);
	free(bad);
	free(s);
	return y;
}

static int lay_text(struct tpage *p, int fi, const struct wfield *f, int y)
{
	struct tedit *e = &p->ed[fi];
	int x = widget_x(p), avail = width() - x - 2, w;
	char *aside = f->aside ? f->aside(p->c) : NULL;

	y = label_row(p, f, y);
	w = f->width ? f->width : (f->maxlen && f->maxlen < avail ? f->maxlen + 1 : avail);
	if (w > avail)
		w = avail;
	add_stop(p, fi, -1, y, x);
	if (vis(p, y)) {
		int cx = tedit_draw(e, p->l.win, wy(p, y), x, w);

		if (focused(p, fi, -1)) {
			p->cur_y = wy(p, y);
			p->cur_x = cx;
		}
	}
	if (aside)
		put(p, y, x + w + 1, TA_NORMAL, aside, width() - x - w - 2);
	free(aside);
	return over_line(p, e, f, y + 1, x);
}

static void checkbox(struct tpage *p, int y, int x, bool on, bool radio)
{
	char s[4] = {radio ? '(' : '[', on ? (radio ? '*' : 'x') : ' ', radio ? ')' : ']', 0};

	put(p, y, x, TA_NORMAL, s, 3);
}

static int lay_check(struct tpage *p, int fi, const struct wfield *f, int y)
{
	struct strlist lines = {0};

	checkbox(p, y, LX, wfield_get_bool(f, p->c), false);
	add_stop(p, fi, -1, y, LX + 1);
	tui_wrap(_(f->label), width() - LX - 5, &lines);
	for (size_t i = 0; i < lines.n; i++)
		put(p, y + (int)i, LX + 4, TA_NORMAL, lines.v[i], width() - LX - 5);
	y += lines.n ? (int)lines.n : 1;
	strlist_free(&lines);
	return y;
}

static int choices_width(const struct wfield *f)
{
	int w = 0;

	for (size_t i = 0; f->choices[i]; i++)
		w += 4 + tui_width(_(f->choices[i])) + 2;
	return w;
}

static int lay_radio(struct tpage *p, int fi, const struct wfield *f, int y)
{
	int x = widget_x(p), cur = wfield_get_choice(f, p->c);
	bool row = x + choices_width(f) <= width() - 1;

	y = label_row(p, f, y);
	for (int i = 0; f->choices[i]; i++) {
		const char *l = _(f->choices[i]);

		checkbox(p, y, x, i == cur, true);
		add_stop(p, fi, i, y, x + 1);
		put(p, y, x + 4, TA_NORMAL, l, width() - x - 5);
		if (row)
			x += 4 + tui_width(l) + 2;
		else
			y++;
	}
	return row ? y + 1 : y;
}

static int block_label(struct tpage *p, const struct wfield *f, int y)
{
	if ((f->flags & WFF_NOLABEL) || !f->label || !*f->label)
		return y;
	put(p, y, LX, TA_HEAD, _(f->label), width() - LX - 1);
	return y + 1;
}

static void items_of(const struct tpage *p, const struct wfield *f, struct strlist *out)
{
	strlist_clear(out);
	if (f->items)
		f->items(p->c, out);
}

static int lay_entry_edit(struct tpage *p, int fi, long i, int y)
{
	int x = LX + 2;

	add_stop(p, fi, i, y, x);
	if (vis(p, y)) {
		int cx = tedit_draw(&p->edit, p->l.win, wy(p, y), x, width() - x - 2);

		p->cur_y = wy(p, y);
		p->cur_x = cx;
	}
	return over_line(p, &p->edit, &p->pg->fields[fi], y + 1, x + 2);
}

static int lay_list(struct tpage *p, int fi, const struct wfield *f, int y)
{
	struct strlist fixed = {0};
	struct strlist *l = wfield_list(f, p->c);
	size_t n = l ? l->n : 0;

	y = block_label(p, f, y);
	items_of(p, f, &fixed);
	for (size_t i = 0; i < fixed.n; i++)
		put(p, y++, LX + 2, TA_DIM, fixed.v[i], width() - LX - 3);
	strlist_free(&fixed);
	for (size_t i = 0; i < n; i++) {
		size_t first = p->nstops;

		if (p->edit_f == fi && p->edit_i == (long)i) {
			y = lay_entry_edit(p, fi, (long)i, y);
		} else {
			add_stop(p, fi, (long)i, y, LX + 2);
			put(p, y++, LX + 2, TA_NORMAL, l->v[i], width() - LX - 3);
		}
		y = diag_lines(p, f, (long)i, y, LX + 4);
		stretch(p, first, y - 1);
	}
	add_stop(p, fi, (long)n, y, LX + 4);
	put(p, y++, LX + 2, focused(p, fi, (long)n) ? TA_FOCUS : TA_NORMAL, _("< Add >"), width() - LX - 3);
	return y;
}

static int lay_checklist(struct tpage *p, int fi, const struct wfield *f, int y)
{
	struct strlist items = {0};

	y = block_label(p, f, y);
	items_of(p, f, &items);
	for (size_t i = 0; i < items.n; i++) {
		size_t first = p->nstops;

		checkbox(p, y, LX + 2, f->get_item && f->get_item(p->c, i), false);
		add_stop(p, fi, (long)i, y, LX + 3);
		put(p, y++, LX + 6, TA_NORMAL, items.v[i], width() - LX - 7);
		y = diag_lines(p, f, (long)i, y, LX + 6);
		stretch(p, first, y - 1);
	}
	strlist_free(&items);
	return y;
}

/* A row's text; a part after a tab is its button, right-aligned. */
static void row_text(struct tpage *p, int fi, long i, int y, const char *s)
{
	const char *tab = strchr(s, '\t');
	char *head = tab ? xstrndup(s, (size_t)(tab - s)) : xstrdup(s);
	int x = LX + 2, room = width() - x - 1;

	if (tab) {
		char *b = xasprintf("< %s >", tab + 1);
		int bw = tui_width(b), bx = width() - bw - 2;

		put(p, y, bx, focused(p, fi, i) ? TA_FOCUS : TA_NORMAL, b, bw);
		room = bx - x - 1;
		free(b);
	}
	put(p, y, x, TA_NORMAL, head, room);
	free(head);
}

static int lay_rows(struct tpage *p, int fi, const struct wfield *f, int y)
{
	struct strlist items = {0};

	y = block_label(p, f, y);
	items_of(p, f, &items);
	for (size_t i = 0; i < items.n; i++) {
		size_t first = p->nstops;

		add_stop(p, fi, (long)i, y, LX + 2);
		row_text(p, fi, (long)i, y++, items.v[i]);
		y = diag_lines(p, f, (long)i, y, LX + 4);
		stretch(p, first, y - 1);
	}
	if (items.n == 0)
		put(p, y++, LX + 2, TA_DIM, _("(none)"), width() - LX - 3);
	strlist_free(&items);
	return y;
}

static int lay_note(struct tpage *p, const struct wfield *f, int y)
{
	char *s = f->text ? f->text(p->c) : NULL;
	int x = (f->flags & WFF_NOLABEL) || !f->label ? LX : LX + 2;

	y = block_label(p, f, y);
	if (s)
		y = para(p, y, x, TA_NORMAL, s);
	free(s);
	return y;
}

static void viewer_marks(struct tpage *p, int y, size_t top, size_t n, int h)
{
	char *s;

	if (n <= (size_t)h)
		return;
	s = xasprintf(_("lines %zu-%zu of %zu"), top + 1,
		      top + (size_t)h < n ? top + (size_t)h : n, n);
	put(p, y, width() - tui_width(s) - 2, TA_DIM, s, tui_width(s));
	free(s);
}

static int lay_viewer(struct tpage *p, int fi, const struct wfield *f, int y)
{
	struct strlist lines = {0};
	char *s = f->text ? f->text(p->c) : NULL;
	int h = f->height ? f->height : p->viewer_h, x = LX + 2;
	size_t first;

	if (!(f->flags & WFF_NOLABEL) && f->label)
		put(p, y, LX, TA_HEAD, _(f->label), width() - LX - 1);
	tui_wrap(s, width() - x - 2, &lines);
	if (p->vtop[fi] + (size_t)h > lines.n)
		p->vtop[fi] = lines.n > (size_t)h ? lines.n - (size_t)h : 0;
	p->vlines[fi] = lines.n;
	viewer_marks(p, y, p->vtop[fi], lines.n, h);
	y++;
	first = p->nstops;
	add_stop(p, fi, -1, y, x);
	for (int r = 0; r < h; r++) {
		size_t li = p->vtop[fi] + (size_t)r;

		if (li < lines.n)
			put(p, y + r, x, TA_NORMAL, lines.v[li], width() - x - 2);
	}
	stretch(p, first, y + h - 1);
	strlist_free(&lines);
	free(s);
	return y + h;
}

static const char *button_caption(const struct tpage *p, const struct wfield *f)
{
	const char *c = f->caption_fn ? f->caption_fn(p->c) : f->caption;

	return c ? _(c) : "";
}

static int lay_button(struct tpage *p, int fi, const struct wfield *f, int y)
{
	char *b = xasprintf("< %s >", button_caption(p, f));
	int bw = tui_width(b), bx = LX;
	enum tattr a = focused(p, fi, -1) ? TA_FOCUS : TA_NORMAL;

	if (f->label && *f->label) {
		const char *l = _(f->label);

		put(p, y, LX, TA_NORMAL, l, width() - LX - 1);
		bx = width() - bw - 2;
		if (LX + tui_width(l) + 2 > bx)
			y++;
	}
	add_stop(p, fi, -1, y, bx + 2);
	put(p, y, bx, a, b, bw);
	free(b);
	return y + 1;
}

static int lay_field(struct tpage *p, int fi, const struct wfield *f, int y)
{
	switch (f->kind) {
	case WF_TEXT:
	case WF_SECRET:
		return lay_text(p, fi, f, y);
	case WF_CHECK:
		return lay_check(p, fi, f, y);
	case WF_RADIO:
		return lay_radio(p, fi, f, y);
	case WF_LIST:
		return lay_list(p, fi, f, y);
	case WF_CHECKLIST:
		return lay_checklist(p, fi, f, y);
	case WF_ROWS:
		return lay_rows(p, fi, f, y);
	case WF_NOTE:
		return lay_note(p, f, y);
	case WF_VIEWER:
		return lay_viewer(p, fi, f, y);
	case WF_BUTTON:
		return lay_button(p, fi, f, y);
	}
	return y;
}

static bool is_block(const struct wfield *f)
{
	return f->kind == WF_LIST || f->kind == WF_CHECKLIST || f->kind == WF_ROWS ||
	       f->kind == WF_NOTE || f->kind == WF_VIEWER;
}

/* The whole body; returns the content height. */
static int walk(struct tpage *p)
{
	int y = 0, x_note;
	const struct wfield *prev = NULL;

	p->nstops = 0;
	if (p->pg->intro)
		y = para(p, y, LX - 2, TA_NORMAL, _(p->pg->intro)) + 1;
	for (size_t i = 0; i < p->pg->nfields; i++) {
		const struct wfield *f = &p->pg->fields[i];
		size_t first = p->nstops;

		if (!wfield_is_visible(f, p->c))
			continue;
		if (prev && (is_block(f) || is_block(prev)))
			y++;
		y = lay_field(p, (int)i, f, y);
		x_note = f->kind == WF_CHECK ? LX + 4 : f->kind == WF_TEXT || f->kind == WF_SECRET ||
				f->kind == WF_RADIO ? widget_x(p) : LX + 2;
		y = extra_lines(p, f, y, x_note);
		y = diag_lines(p, f, -1, y, x_note);
		/* The field's notes go with its last stop: a long list's first
		 * entry must not drag the view to the list's end. */
		if (p->nstops > first)
			stretch(p, p->nstops - 1, y - 1);
		prev = f;
	}
	return y;
}

static void labels_width(struct tpage *p)
{
	int w = 0, cap = width() / 2 - LX;

	for (size_t i = 0; i < p->pg->nfields; i++) {
		const struct wfield *f = &p->pg->fields[i];
		int lw;

		if (f->kind != WF_TEXT && f->kind != WF_SECRET && f->kind != WF_RADIO)
			continue;
		lw = tui_width(_(f->label));
		if (lw > w && lw <= LABEL_MAX)
			w = lw;
	}
	p->labelw = w < cap ? w : cap;
}

static void nav_stops(struct tpage *p)
{
	for (int b = 0; b < TB_COUNT; b++)
		if (tpage_has(p, (enum tbtn)b))
			add_stop(p, -1, b, -1, 0);
}

static void resolve_focus(struct tpage *p)
{
	size_t best = p->nstops;

	for (size_t i = 0; i < p->nstops; i++) {
		if (p->stops[i].f == p->focus_f && p->stops[i].sub == p->focus_sub) {
			best = i;
			break;
		}
		if (best == p->nstops && p->stops[i].f == p->focus_f)
			best = i;
	}
	if (best == p->nstops)
		best = 0;
	p->focus = best;
	p->focus_f = p->stops[best].f;
	p->focus_sub = p->stops[best].sub;
}

static void follow_focus(struct tpage *p)
{
	const struct tstop *s = &p->stops[p->focus];
	int h = tpage_body_h(), max = p->content_h - h;

	if (s->f >= 0) {
		if (s->y2 >= p->scroll + h)
			p->scroll = s->y2 - h + 1;
		/* Scrolling up, one row more shows the label above. */
		if (s->y < p->scroll)
			p->scroll = s->y > 0 && s->y2 - s->y + 2 <= h ? s->y - 1 : s->y;
		/* The first stop shows the page from its top, unless the
		 * notes above it fill the screen (a summary on 60x18): it
		 * stays in view then. */
		if (p->focus == 0 && s->y2 < h)
			p->scroll = 0;
	}
	if (p->scroll > max)
		p->scroll = max;
	if (p->scroll < 0)
		p->scroll = 0;
}

void tpage_layout(struct tpage *p)
{
	p->drawing = false;
	labels_width(p);
	p->viewer_h = 0;
	p->content_h = walk(p);
	p->viewer_h = tpage_body_h() - p->content_h;
	if (p->viewer_h < 3)
		p->viewer_h = 3;
	p->content_h = walk(p);
	nav_stops(p);
	resolve_focus(p);
	follow_focus(p);
}

static void title_rows(struct tpage *p)
{
	WINDOW *w = p->l.win;

	tui_title_bar(p->t, w, p->o->title);
	tattr_set(w, TA_HEAD);
	tui_put(w, 1, 1, _(p->pg->title), COLS - 2);
	tattr_set(w, TA_NORMAL);
	if (p->o->step) {
		int sw = tui_width(p->o->step);

		tui_put(w, 1, COLS - sw - 1, p->o->step, sw);
	}
}

static void rule_row(struct tpage *p)
{
	WINDOW *w = p->l.win;
	int y = LINES - 3;
	const char *more = NULL;

	wattrset(w, (int)tattr(TA_FRAME));
	mvwhline(w, y, 0, ACS_HLINE, COLS);
	if (p->scroll > 0 && p->scroll + tpage_body_h() < p->content_h)
		more = _(" more above and below ");
	else if (p->scroll > 0)
		more = _(" more above ");
	else if (p->content_h > tpage_body_h())
		more = _(" more below ");
	if (more)
		tui_put(w, y, COLS - tui_width(more) - 2, more, tui_width(more));
	tattr_set(w, TA_NORMAL);
}

/* Draws the bottom-row buttons right-aligned, recording their columns in
 * their stops; returns the column left of the first. */
static int button_row(struct tpage *p)
{
	WINDOW *w = p->l.win;
	int x = COLS - 1, y = LINES - 2;

	for (size_t i = p->nstops; i-- > 0;) {
		struct tstop *s = &p->stops[i];
		char *b;
		int bw;
		bool off;

		if (s->f >= 0)
			break;
		b = xasprintf("< %s >", _(btn_names[s->sub]));
		bw = tui_width(b);
		x -= bw;
		off = s->sub == TB_BACK && p->o->back_disabled;
		tattr_set(w, off ? TA_DIM : i == p->focus ? TA_FOCUS : TA_NORMAL);
		tui_put(w, y, x, b, bw);
		tattr_set(w, TA_NORMAL);
		/* Brackets in the gaps mark the focus without colour or reverse. */
		if (i == p->focus && !off) {
			mvwaddch(w, y, x - 1, '[');
			mvwaddch(w, y, x + bw, ']');
		}
		s->x = x + 2;
		x -= 2;
		free(b);
	}
	tattr_set(w, TA_NORMAL);
	return x;
}

static void bottom_rows(struct tpage *p)
{
	WINDOW *w = p->l.win;
	int bx = button_row(p);
	char *hint = keys_hint(p->o->hint, COLS - 1);

	if (p->t->status) {
		tattr_set(w, p->t->status_error ? TA_ERROR : TA_HEAD);
		tui_put(w, LINES - 2, 1, p->t->status, bx - 1);
		tattr_set(w, TA_NORMAL);
	}
	tui_put(w, LINES - 1, 0, hint, COLS - 1);
	free(hint);
}

static void place_cursor(struct tpage *p)
{
	const struct tstop *s = &p->stops[p->focus];
	WINDOW *w = p->l.win;

	if (s->f < 0) {
		wmove(w, LINES - 2, s->x);
		return;
	}
	if (in_view(p, s->y)) {
		tattr_set(w, TA_MARK);
		mvwaddch(w, wy(p, s->y), 1, '>');
		tattr_set(w, TA_NORMAL);
	}
	if (p->cur_y >= 0)
		wmove(w, p->cur_y, p->cur_x);
	else if (in_view(p, s->y))
		wmove(w, wy(p, s->y), s->x);
}

void tpage_sync(struct tpage *p)
{
	for (size_t i = 0; i < p->pg->nfields; i++) {
		const struct wfield *f = &p->pg->fields[i];
		const char *v;

		if ((f->kind != WF_TEXT && f->kind != WF_SECRET) || focused(p, (int)i, -1))
			continue;
		v = wfield_get_text(f, p->c);
		if (!tedit_same(&p->ed[i], v))
			tedit_set(&p->ed[i], v);
	}
}

void tpage_draw(struct tpage *p)
{
	if (!p->l.win || term_too_small())
		return;
	tpage_sync(p);
	tpage_layout(p);
	werase(p->l.win);
	title_rows(p);
	p->cur_y = -1;
	p->drawing = true;
	walk(p);
	p->drawing = false;
	nav_stops(p);
	resolve_focus(p);
	rule_row(p);
	bottom_rows(p);
	place_cursor(p);
}

void tpage_paint(struct tlayer *l, struct tui *t)
{
	struct tpage *p = (struct tpage *)l;

	tui_layer_place(l, LINES, COLS, 0, 0);
	tpage_draw(p);
}

const struct tstop *tpage_focused(const struct tpage *p)
{
	return p->nstops ? &p->stops[p->focus] : NULL;
}

const struct wfield *tpage_field(const struct tpage *p)
{
	const struct tstop *s = tpage_focused(p);

	return s && s->f >= 0 ? &p->pg->fields[s->f] : NULL;
}

void tpage_focus_to(struct tpage *p, size_t i)
{
	if (i >= p->nstops)
		return;
	p->focus = i;
	p->focus_f = p->stops[i].f;
	p->focus_sub = p->stops[i].sub;
}

static bool disabled(const struct tpage *p, const struct tstop *s)
{
	return s->f < 0 && s->sub == TB_BACK && p->o->back_disabled;
}

void tpage_move(struct tpage *p, int dir)
{
	size_t i = p->focus;

	if (!p->nstops)
		return;
	do
		i = dir > 0 ? (i + 1) % p->nstops : (i + p->nstops - 1) % p->nstops;
	while (disabled(p, &p->stops[i]) && i != p->focus);
	tpage_focus_to(p, i);
}
