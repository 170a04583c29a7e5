/* SPDX-License-Identifier: ISC */
/* The list widget: scrolling and selection over a count, drawing of the
 * rows in view. */
#include "config.h"

#include "tui/listview.h"

#include <stdlib.h>
#include <string.h>

static size_t count(const struct tlistview *lv)
{
	return lv->desc->count(lv->arg);
}

static size_t rows(const struct tlistview *lv)
{
	return lv->h > 1 ? (size_t)lv->h : 1;
}

void tlv_place(struct tlistview *lv, int y, int h)
{
	lv->y = y;
	lv->h = h > 1 ? h : 1;
	memset(lv->w, 0, sizeof lv->w);
	lv->desc->widths(lv->arg, lv->w);
}

void tlv_follow(struct tlistview *lv)
{
	size_t n = count(lv), h = rows(lv);

	if (*lv->sel >= n)
		*lv->sel = n ? n - 1 : 0;
	if (*lv->sel < *lv->top)
		*lv->top = *lv->sel;
	else if (*lv->sel >= *lv->top + h)
		*lv->top = *lv->sel - h + 1;
	if (*lv->top + h > n)
		*lv->top = n > h ? n - h : 0;
}

void tlv_move(struct tlistview *lv, long delta)
{
	if (delta >= 0)
		*lv->sel += (size_t)delta;
	else if ((size_t)-delta > *lv->sel)
		*lv->sel = 0;
	else
		*lv->sel -= (size_t)-delta;
	tlv_follow(lv);
}

void tlv_page(struct tlistview *lv, int dir)
{
	size_t h = rows(lv);

	if (dir > 0) {
		*lv->top += h;
		*lv->sel += h;
	} else {
		*lv->top = *lv->top > h ? *lv->top - h : 0;
		*lv->sel = *lv->sel > h ? *lv->sel - h : 0;
	}
	tlv_follow(lv);
}

void tlv_home(struct tlistview *lv)
{
	*lv->sel = 0;
	*lv->top = 0;
}

void tlv_end(struct tlistview *lv)
{
	size_t n = count(lv);

	*lv->sel = n ? n - 1 : 0;
	tlv_follow(lv);
}

bool tlv_key(struct tlistview *lv, struct tkey k)
{
	switch (k.act) {
	case TK_UP: tlv_move(lv, -1); return true;
	case TK_DOWN: tlv_move(lv, 1); return true;
	case TK_PGUP: tlv_page(lv, -1); return true;
	case TK_PGDN: tlv_page(lv, 1); return true;
	case TK_HOME: tlv_home(lv); return true;
	case TK_END: tlv_end(lv); return true;
	default: return false;
	}
}

bool tlv_more_above(const struct tlistview *lv)
{
	return *lv->top > 0;
}

bool tlv_more_below(const struct tlistview *lv)
{
	return *lv->top + rows(lv) < count(lv);
}

/* The cells of a row (or the headings) from desc->x, each in its look;
 * the look is set only where it changes, as this runs for every row in
 * view on every key. */
static void draw_cells(const struct tlistview *lv, WINDOW *w, int y, const char *const *cell,
		       const enum tlook *looks, enum tlook row_look)
{
	const int cols = COLS, last = lv->desc->ncols - 1, gap = lv->desc->gap;
	int x = lv->desc->x, set = -1;

	for (int c = 0; c <= last && x < cols - 1; x += lv->w[c] + gap, c++) {
		int cw = c == last ? cols - x - 1 : lv->w[c];
		enum tlook look = looks && looks[c] != TL_NORMAL ? looks[c] : row_look;

		if (!cell[c] || cw <= 0)
			continue;
		if ((int)look != set)
			tcanvas_look(w, look);
		set = (int)look;
		tcanvas_put(w, y, x, cell[c], cw);
	}
	if (set != TL_NORMAL)
		tcanvas_look(w, TL_NORMAL);
}

void tlv_draw_heads(const struct tlistview *lv, WINDOW *w, int y)
{
	const char *head[TLV_MAX_COLS] = {0};

	lv->desc->headings(lv->arg, head);
	draw_cells(lv, w, y, head, NULL, lv->desc->head_look);
}

/* Row r at screen row y; r is in view and below the count. */
static void paint_row(const struct tlistview *lv, WINDOW *w, size_t r, int y)
{
	const struct tlv_desc *d = lv->desc;
	bool sel = r == *lv->sel;
	struct tlv_row row;

	memset(&row, 0, sizeof row);
	d->row(lv->arg, r, sel, &row);
	tcanvas_look(w, d->fill ? row.look : TL_NORMAL);
	mvwhline(w, y, 0, ' ', COLS);
	if (d->mark) {
		tcanvas_look(w, TL_MARK);
		tcanvas_put(w, y, d->x - 2, sel ? ">" : " ", 1);
		tcanvas_look(w, TL_NORMAL);
	}
	draw_cells(lv, w, y, row.cell, row.cell_look, row.look);
}

void tlv_draw_row(const struct tlistview *lv, WINDOW *w, size_t r)
{
	if (r < *lv->top || r >= *lv->top + rows(lv) || r >= count(lv))
		return;
	paint_row(lv, w, r, lv->y + (int)(r - *lv->top));
}

static void draw_empty(const struct tlistview *lv, WINDOW *w)
{
	char *why = lv->desc->empty ? lv->desc->empty(lv->arg) : NULL;

	if (!why)
		return;
	tcanvas_look(w, TL_DIM);
	tcanvas_put(w, lv->y, lv->desc->x, why, COLS - lv->desc->x - 1);
	tcanvas_look(w, TL_NORMAL);
	free(why);
}

/* The rows in view and nothing else: this is all a key costs. */
void tlv_draw(struct tlistview *lv, WINDOW *w)
{
	size_t n = count(lv);

	tlv_follow(lv);
	for (int i = 0; i < lv->h; i++) {
		wmove(w, lv->y + i, 0);
		wclrtoeol(w);
	}
	if (n == 0) {
		draw_empty(lv, w);
		return;
	}
	for (int i = 0; i < lv->h && *lv->top + (size_t)i < n; i++)
		paint_row(lv, w, *lv->top + (size_t)i, lv->y + i);
}

void tlv_cursor(const struct tlistview *lv, WINDOW *w)
{
	if (count(lv))
		wmove(w, lv->y + (int)(*lv->sel - *lv->top),
		      lv->desc->mark ? lv->desc->x - 2 : lv->desc->x);
}
