/* SPDX-License-Identifier: ISC */
/* listview: the one list widget of the canvas screens (the Partners list,
 * the live DNS check), as tmux's mode-tree serves its modes. A const
 * descriptor says what a list shows: its columns, how many rows, each
 * row's cells and look, what an empty list says. The state says where the
 * list is: the first row shown and the selected row, two numbers its owner
 * keeps (the Partners filter moves them too) and the widget moves on keys.
 * Only the rows in view are ever asked for, whatever the count. */
#ifndef XMPPGW_TUI_LISTVIEW_H
#define XMPPGW_TUI_LISTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "tui/canvas.h"
#include "tui/keys.h"

#define TLV_MAX_COLS 8

/* One row as the descriptor gives it; texts are borrowed until the next
 * call. A cell whose look is TL_NORMAL takes the row's. */
struct tlv_row {
	enum tlook look;
	const char *cell[TLV_MAX_COLS];
	enum tlook cell_look[TLV_MAX_COLS];
};

struct tlv_desc {
	int ncols;           /* at most TLV_MAX_COLS */
	int x;               /* the first column's x */
	int gap;             /* cells between columns */
	bool mark;           /* a '>' two cells left of the selected row */
	bool fill;           /* the row's look covers the whole line */
	enum tlook head_look;
	/* The columns' widths for LINES x COLS (and, when they fit the
	 * content, for the rows); the last column takes the rest of the line. */
	void (*widths)(void *arg, int *w);
	/* The headings, translated, into out[0..ncols-1]. */
	void (*headings)(void *arg, const char **out);
	size_t (*count)(void *arg);
	/* Row r (< count), which is the selected one when sel; out is zeroed. */
	void (*row)(void *arg, size_t r, bool sel, struct tlv_row *out);
	/* What an empty list says, the caller frees it; NULL: nothing. */
	char *(*empty)(void *arg);
};

struct tlistview {
	const struct tlv_desc *desc;
	void *arg;
	size_t *top, *sel;   /* the owner's: first row shown, selected row */
	int y, h;            /* the rows' place on the screen (tlv_place) */
	int w[TLV_MAX_COLS]; /* the columns' widths, from desc->widths */
};

/* Puts the rows at y..y+h-1 (h at least 1) and asks for the widths
 * again: on every paint, the terminal's size may have changed. */
void tlv_place(struct tlistview *lv, int y, int h);

/* Moving: the selection stays within the rows, the window follows it. */
void tlv_move(struct tlistview *lv, long delta);
/* PgDn (dir 1) / PgUp (dir -1): the selection and the window move
 * together by a page. */
void tlv_page(struct tlistview *lv, int dir);
void tlv_home(struct tlistview *lv);
void tlv_end(struct tlistview *lv);
/* Clamps the selection to the rows and moves the first row shown so that
 * the selection is in view and no row is left empty below while rows lie
 * above. */
void tlv_follow(struct tlistview *lv);
/* Up, Down, PgUp, PgDn, Home, End; false for any other key. */
bool tlv_key(struct tlistview *lv, struct tkey k);
/* Rows lie above / below the window (the frame's scroll marks). */
bool tlv_more_above(const struct tlistview *lv);
bool tlv_more_below(const struct tlistview *lv);

/* Drawing into w: the headings at row y; every row in view (after
 * tlv_follow), or the empty list's message; one row r, when it is in
 * view; the cursor on the selected row. */
void tlv_draw_heads(const struct tlistview *lv, WINDOW *w, int y);
void tlv_draw(struct tlistview *lv, WINDOW *w);
void tlv_draw_row(const struct tlistview *lv, WINDOW *w, size_t r);
void tlv_cursor(const struct tlistview *lv, WINDOW *w);

#endif
