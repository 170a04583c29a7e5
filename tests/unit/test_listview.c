/* SPDX-License-Identifier: ISC */
/* The list widget without a terminal: selection and scrolling over a
 * count, and what it draws (recorded by tui_fakes.c): the headings, the
 * rows in view with their looks, the selected row's mark, the empty
 * list's message. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/tui_fakes.h"
#include "tui/listview.h"

struct fixture {
	size_t n, top, sel;
	size_t rows_asked; /* how many rows the widget asked for */
	char cell[3][32];
	bool empty_asked;
};

static void widths(void *arg, int *w)
{
	(void)arg;
	w[0] = 10;
	w[1] = 6;
}

static void headings(void *arg, const char **out)
{
	(void)arg;
	out[0] = "Domain";
	out[1] = "Type";
	out[2] = "Description";
}

static size_t count(void *arg)
{
	return ((struct fixture *)arg)->n;
}

static void row(void *arg, size_t r, bool sel, struct tlv_row *out)
{
	struct fixture *f = arg;

	f->rows_asked++;
	snprintf(f->cell[0], sizeof f->cell[0], "row%zu", r);
	snprintf(f->cell[1], sizeof f->cell[1], "%s", r % 2 ? "odd" : "even");
	snprintf(f->cell[2], sizeof f->cell[2], "text of %zu", r);
	for (int c = 0; c < 3; c++)
		out->cell[c] = f->cell[c];
	out->look = sel ? TL_FOCUS : r == 3 ? TL_ERROR : TL_NORMAL;
	out->cell_look[1] = TL_DIM;
}

static char *empty(void *arg)
{
	((struct fixture *)arg)->empty_asked = true;
	return strdup("Nothing here.");
}

static const struct tlv_desc desc = {
	.ncols = 3, .x = 3, .gap = 2, .mark = true, .head_look = TL_HEAD,
	.widths = widths, .headings = headings, .count = count, .row = row, .empty = empty,
};

static struct tlistview view(struct fixture *f, int h)
{
	struct tlistview lv = {.desc = &desc, .arg = f, .top = &f->top, .sel = &f->sel};

	tlv_place(&lv, 3, h);
	return lv;
}

static struct tkey key(enum tact a)
{
	return (struct tkey){a, 0};
}

START_TEST(t_moves)
{
	struct fixture f = {.n = 100};
	struct tlistview lv = view(&f, 10);

	tlv_follow(&lv);
	ck_assert_uint_eq(f.top, 0);
	tlv_move(&lv, 25);
	ck_assert_uint_eq(f.sel, 25);
	ck_assert_uint_eq(f.top, 16);
	tlv_move(&lv, -100);
	ck_assert_uint_eq(f.sel, 0);
	ck_assert_uint_eq(f.top, 0);
	tlv_end(&lv);
	ck_assert_uint_eq(f.sel, 99);
	ck_assert_uint_eq(f.top, 90);
	tlv_move(&lv, 5);
	ck_assert_uint_eq(f.sel, 99);
	ck_assert(tlv_more_above(&lv));
	ck_assert(!tlv_more_below(&lv));
	tlv_home(&lv);
	ck_assert_uint_eq(f.sel, 0);
	ck_assert_uint_eq(f.top, 0);
	ck_assert(!tlv_more_above(&lv));
	ck_assert(tlv_more_below(&lv));
}
END_TEST

/* PgUp / PgDn move the window with the selection, as less does. */
START_TEST(t_pages)
{
	struct fixture f = {.n = 100};
	struct tlistview lv = view(&f, 10);

	tlv_move(&lv, 3);
	tlv_page(&lv, 1);
	ck_assert_uint_eq(f.sel, 13);
	ck_assert_uint_eq(f.top, 10);
	tlv_page(&lv, 1);
	ck_assert_uint_eq(f.top, 20);
	tlv_page(&lv, -1);
	ck_assert_uint_eq(f.sel, 13);
	ck_assert_uint_eq(f.top, 10);
	tlv_page(&lv, -1);
	tlv_page(&lv, -1);
	ck_assert_uint_eq(f.sel, 0);
	ck_assert_uint_eq(f.top, 0);
	tlv_end(&lv);
	tlv_page(&lv, 1);
	ck_assert_uint_eq(f.sel, 99);
	ck_assert_uint_eq(f.top, 90);
	tlv_page(&lv, -1);
	ck_assert_uint_eq(f.sel, 89);
	ck_assert_uint_eq(f.top, 80);
}
END_TEST

START_TEST(t_keys)
{
	struct fixture f = {.n = 30};
	struct tlistview lv = view(&f, 10);

	ck_assert(tlv_key(&lv, key(TK_DOWN)));
	ck_assert_uint_eq(f.sel, 1);
	ck_assert(tlv_key(&lv, key(TK_PGDN)));
	ck_assert_uint_eq(f.sel, 11);
	ck_assert(tlv_key(&lv, key(TK_END)));
	ck_assert_uint_eq(f.sel, 29);
	ck_assert(tlv_key(&lv, key(TK_UP)));
	ck_assert_uint_eq(f.sel, 28);
	ck_assert(tlv_key(&lv, key(TK_PGUP)));
	ck_assert_uint_eq(f.sel, 18);
	ck_assert(tlv_key(&lv, key(TK_HOME)));
	ck_assert_uint_eq(f.sel, 0);
	/* The screen's own keys are left to it. */
	ck_assert(!tlv_key(&lv, key(TK_ENTER)));
	ck_assert(!tlv_key(&lv, key(TK_NEXT_FIELD)));
	ck_assert(!tlv_key(&lv, key(TK_DELETE)));
	ck_assert(!tlv_key(&lv, (struct tkey){TK_CHAR, L'a'}));
	ck_assert_uint_eq(f.sel, 0);
}
END_TEST

/* Rows removed under the selection (a filter, a delete): the selection
 * and the window come back onto the rows. */
START_TEST(t_shrink)
{
	struct fixture f = {.n = 100};
	struct tlistview lv = view(&f, 10);

	tlv_end(&lv);
	f.n = 95;
	tlv_follow(&lv);
	ck_assert_uint_eq(f.sel, 94);
	ck_assert_uint_eq(f.top, 85);
	f.n = 4;
	tlv_follow(&lv);
	ck_assert_uint_eq(f.sel, 3);
	ck_assert_uint_eq(f.top, 0);
	f.n = 0;
	tlv_follow(&lv);
	ck_assert_uint_eq(f.sel, 0);
	ck_assert_uint_eq(f.top, 0);
	tlv_move(&lv, 1);
	tlv_page(&lv, 1);
	tlv_end(&lv);
	ck_assert_uint_eq(f.sel, 0);
	ck_assert(!tlv_more_below(&lv));
}
END_TEST

/* A window of no rows still shows one. */
START_TEST(t_tiny)
{
	struct fixture f = {.n = 5};
	struct tlistview lv = view(&f, 0);

	ck_assert_int_eq(lv.h, 1);
	tlv_move(&lv, 2);
	ck_assert_uint_eq(f.top, 2);
	tlv_page(&lv, 1);
	ck_assert_uint_eq(f.sel, 3);
	ck_assert_uint_eq(f.top, 3);
}
END_TEST

START_TEST(t_draw)
{
	struct fixture f = {.n = 1000};
	struct tlistview lv;
	const struct fake_put *p;

	COLS = 80;
	lv = view(&f, 5);
	fake_reset();
	tlv_draw_heads(&lv, NULL, 2);
	p = fake_at(2, 3);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->text, "Domain");
	ck_assert_int_eq(p->look, TL_HEAD);
	ck_assert_int_eq(p->cells, 10);
	ck_assert_str_eq(fake_at(2, 15)->text, "Type");
	/* The last column takes the rest of the line. */
	ck_assert_str_eq(fake_at(2, 23)->text, "Description");
	ck_assert_int_eq(fake_at(2, 23)->cells, 80 - 23 - 1);

	tlv_move(&lv, 502);
	fake_reset();
	f.rows_asked = 0;
	tlv_draw(&lv, NULL);
	/* Only the rows in view are asked for, whatever the count. */
	ck_assert_uint_eq(f.rows_asked, 5);
	ck_assert_uint_eq(f.top, 498);
	ck_assert_str_eq(fake_at(3, 3)->text, "row498");
	ck_assert_str_eq(fake_at(7, 3)->text, "row502");
	ck_assert_int_eq(fake_at(7, 3)->look, TL_FOCUS);
	ck_assert_int_eq(fake_at(6, 3)->look, TL_NORMAL);
	/* A cell's own look wins over the row's. */
	ck_assert_str_eq(fake_at(7, 15)->text, "even");
	ck_assert_int_eq(fake_at(7, 15)->look, TL_DIM);
	ck_assert_str_eq(fake_at(7, 23)->text, "text of 502");
	ck_assert_int_eq(fake_at(7, 23)->look, TL_FOCUS);
	/* The mark, two cells left of the first column. */
	ck_assert_str_eq(fake_at(7, 1)->text, ">");
	ck_assert_int_eq(fake_at(7, 1)->look, TL_MARK);
	ck_assert_str_eq(fake_at(6, 1)->text, " ");
	ck_assert_ptr_null(fake_at(8, 3));
	ck_assert(!f.empty_asked);
}
END_TEST

START_TEST(t_draw_row)
{
	struct fixture f = {.n = 10};
	struct tlistview lv;

	COLS = 80;
	lv = view(&f, 5);
	tlv_move(&lv, 3);
	fake_reset();
	tlv_draw_row(&lv, NULL, 3);
	ck_assert_int_eq(fake_nputs, 4);
	ck_assert_str_eq(fake_at(6, 3)->text, "row3");
	ck_assert_int_eq(fake_at(6, 3)->look, TL_FOCUS);
	/* Out of view, or past the end: nothing. */
	fake_reset();
	tlv_draw_row(&lv, NULL, 5);
	tlv_draw_row(&lv, NULL, 10);
	ck_assert_int_eq(fake_nputs, 0);
	/* Not selected: row 3's own look. */
	tlv_move(&lv, -1);
	tlv_draw_row(&lv, NULL, 3);
	ck_assert_int_eq(fake_at(6, 3)->look, TL_ERROR);
}
END_TEST

START_TEST(t_draw_empty)
{
	struct fixture f = {0};
	struct tlistview lv;

	COLS = 80;
	lv = view(&f, 5);
	fake_reset();
	tlv_draw(&lv, NULL);
	ck_assert(f.empty_asked);
	ck_assert_uint_eq(f.rows_asked, 0);
	ck_assert_int_eq(fake_nputs, 1);
	ck_assert_str_eq(fake_at(3, 3)->text, "Nothing here.");
	ck_assert_int_eq(fake_at(3, 3)->look, TL_DIM);
}
END_TEST

static Suite *listview_suite(void)
{
	Suite *s = suite_create("listview");
	TCase *move = tcase_create("move"), *draw = tcase_create("draw");

	tcase_add_test(move, t_moves);
	tcase_add_test(move, t_pages);
	tcase_add_test(move, t_keys);
	tcase_add_test(move, t_shrink);
	tcase_add_test(move, t_tiny);
	tcase_add_test(draw, t_draw);
	tcase_add_test(draw, t_draw_row);
	tcase_add_test(draw, t_draw_empty);
	suite_add_tcase(s, move);
	suite_add_tcase(s, draw);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(listview_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
