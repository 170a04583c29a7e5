/* SPDX-License-Identifier: ISC */
/* The one-line editor without a terminal: editing keys, cursor moves,
 * UTF-8 text, and the maximum length (typing or pasting past it takes what
 * fits and says how much was typed). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tui/textedit.h"

static struct tkey act(enum tact a)
{
	return (struct tkey){a, 0};
}

static struct tkey ch(wchar_t c)
{
	return (struct tkey){TK_CHAR, c};
}

/* Types the UTF-8 text s key by key, as a paste arrives; returns how many
 * keys were refused. */
static size_t type(struct tedit *e, const char *s)
{
	size_t refused = 0;
	struct tedit tmp = {0};

	tedit_set(&tmp, s);
	for (size_t i = 0; i < tmp.n; i++)
		refused += tedit_key(e, ch(tmp.buf[i])) == TE_REFUSED;
	tedit_free(&tmp);
	return refused;
}

static void assert_text(const struct tedit *e, const char *want)
{
	char *got = tedit_get(e);

	ck_assert_str_eq(got, want);
	ck_assert(tedit_same(e, want));
	free(got);
}

START_TEST(t_insert_delete)
{
	struct tedit e = {0};

	ck_assert_int_eq(tedit_key(&e, ch(L'a')), TE_CHANGED);
	type(&e, "cd");
	assert_text(&e, "acd");
	ck_assert_uint_eq(e.cur, 3);
	ck_assert_int_eq(tedit_key(&e, act(TK_LEFT)), TE_MOVED);
	ck_assert_int_eq(tedit_key(&e, act(TK_LEFT)), TE_MOVED);
	ck_assert_int_eq(tedit_key(&e, ch(L'b')), TE_CHANGED);
	assert_text(&e, "abcd");
	ck_assert_uint_eq(e.cur, 2);
	/* Space types a space in a text field. */
	ck_assert_int_eq(tedit_key(&e, (struct tkey){TK_TOGGLE, L' '}), TE_CHANGED);
	assert_text(&e, "ab cd");
	ck_assert_int_eq(tedit_key(&e, act(TK_BACKSPACE)), TE_CHANGED);
	assert_text(&e, "abcd");
	ck_assert_int_eq(tedit_key(&e, act(TK_DELETE)), TE_CHANGED);
	assert_text(&e, "abd");
	ck_assert_uint_eq(e.cur, 2);
	ck_assert_int_eq(tedit_key(&e, act(TK_KILL)), TE_CHANGED);
	assert_text(&e, "");
	ck_assert_uint_eq(e.cur, 0);
	/* Keys the editor does not take. */
	ck_assert_int_eq(tedit_key(&e, act(TK_ENTER)), TE_IGNORED);
	ck_assert_int_eq(tedit_key(&e, act(TK_SAVE)), TE_IGNORED);
	tedit_free(&e);
	ck_assert_ptr_null(e.buf);
	ck_assert_uint_eq(e.n, 0);
}
END_TEST

START_TEST(t_moves)
{
	struct tedit e = {0};

	tedit_set(&e, "hello");
	ck_assert_uint_eq(e.cur, 5);
	ck_assert_int_eq(tedit_key(&e, act(TK_RIGHT)), TE_IGNORED);
	ck_assert_int_eq(tedit_key(&e, act(TK_DELETE)), TE_IGNORED);
	ck_assert_int_eq(tedit_key(&e, act(TK_HOME)), TE_MOVED);
	ck_assert_uint_eq(e.cur, 0);
	ck_assert_int_eq(tedit_key(&e, act(TK_LEFT)), TE_IGNORED);
	ck_assert_int_eq(tedit_key(&e, act(TK_BACKSPACE)), TE_IGNORED);
	assert_text(&e, "hello");
	ck_assert_int_eq(tedit_key(&e, act(TK_RIGHT)), TE_MOVED);
	ck_assert_uint_eq(e.cur, 1);
	ck_assert_int_eq(tedit_key(&e, act(TK_DELETE)), TE_CHANGED);
	assert_text(&e, "hllo");
	ck_assert_int_eq(tedit_key(&e, act(TK_END)), TE_MOVED);
	ck_assert_uint_eq(e.cur, 4);
	tedit_free(&e);
}
END_TEST

START_TEST(t_utf8)
{
	struct tedit e = {0};

	tedit_set(&e, "S\xc3\xa3o Paulo");
	ck_assert_uint_eq(e.n, 9); /* characters, not bytes */
	assert_text(&e, "S\xc3\xa3o Paulo");
	/* Backspace takes the whole character before the cursor. */
	tedit_key(&e, act(TK_HOME));
	tedit_key(&e, act(TK_RIGHT));
	tedit_key(&e, act(TK_RIGHT));
	ck_assert_int_eq(tedit_key(&e, act(TK_BACKSPACE)), TE_CHANGED);
	assert_text(&e, "So Paulo");
	/* Two-, three- and four-byte characters typed. */
	type(&e, "\xc3\xa7\xe2\x82\xac\xf0\x9f\x98\x80");
	assert_text(&e, "S\xc3\xa7\xe2\x82\xac\xf0\x9f\x98\x80o Paulo");
	ck_assert_uint_eq(e.cur, 4);
	tedit_key(&e, act(TK_LEFT));
	ck_assert_int_eq(tedit_key(&e, act(TK_DELETE)), TE_CHANGED);
	assert_text(&e, "S\xc3\xa7\xe2\x82\xaco Paulo");
	ck_assert(!tedit_same(&e, "S\xc3\xa7\xe2\x82\xaco Paul"));
	ck_assert(!tedit_same(&e, "S\xc3\xa7\xe2\x82\xaco Paulo!"));
	/* A broken byte survives as U+FFFD, the rest of the text with it. */
	tedit_set(&e, "a\xff" "b");
	ck_assert_uint_eq(e.n, 3);
	assert_text(&e, "a\xef\xbf\xbd" "b");
	tedit_free(&e);
}
END_TEST

START_TEST(t_upper)
{
	struct tedit e = {.upper = true};

	type(&e, "us-\xc3\xa9");
	assert_text(&e, "US-\xc3\xa9");
	tedit_free(&e);
}
END_TEST

/* Typing past the maximum: what fits is taken, the rest counted. */
START_TEST(t_maxlen_typing)
{
	struct tedit e = {.maxlen = 5};
	char *msg;

	ck_assert_ptr_null(tedit_over_text(&e));
	ck_assert_uint_eq(type(&e, "abcdefgh"), 3);
	assert_text(&e, "abcde");
	ck_assert_uint_eq(e.over, 3);
	ck_assert_int_eq(tedit_key(&e, ch(L'z')), TE_REFUSED);
	msg = tedit_over_text(&e);
	ck_assert_str_eq(msg, "at most 5 characters, you typed 9: the rest was not taken");
	free(msg);
	/* Moving keeps the refusal shown; a change ends it. */
	ck_assert_int_eq(tedit_key(&e, act(TK_LEFT)), TE_MOVED);
	ck_assert_uint_eq(e.over, 4);
	ck_assert_int_eq(tedit_key(&e, act(TK_BACKSPACE)), TE_CHANGED);
	ck_assert_uint_eq(e.over, 0);
	ck_assert_ptr_null(tedit_over_text(&e));
	assert_text(&e, "abce");
	/* Room for one again, at the cursor. */
	ck_assert_int_eq(tedit_key(&e, ch(L'D')), TE_CHANGED);
	assert_text(&e, "abcDe");
	ck_assert_int_eq(tedit_key(&e, ch(L'x')), TE_REFUSED);
	/* Replacing the text forgets the refusal. */
	tedit_set(&e, "ab");
	ck_assert_uint_eq(e.over, 0);
	tedit_free(&e);
}
END_TEST

/* A paste into the middle of a field: the first characters that fit go in
 * at the cursor, in order; the count says how long the text would be. */
START_TEST(t_maxlen_paste)
{
	struct tedit e = {.maxlen = 6};
	char *msg;

	tedit_set(&e, "abc");
	tedit_key(&e, act(TK_HOME));
	tedit_key(&e, act(TK_RIGHT));
	ck_assert_uint_eq(type(&e, "XYZW"), 1);
	assert_text(&e, "aXYZbc");
	ck_assert_uint_eq(e.cur, 4);
	msg = tedit_over_text(&e);
	ck_assert_str_eq(msg, "at most 6 characters, you typed 7: the rest was not taken");
	free(msg);
	tedit_free(&e);
}
END_TEST

/* The maximum counts characters (RFC 5280 does), not bytes or cells. */
START_TEST(t_maxlen_characters)
{
	struct tedit e = {.maxlen = 3};
	char *msg;

	ck_assert_uint_eq(type(&e, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xc3\xa9"), 1);
	assert_text(&e, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	tedit_free(&e);
	e = (struct tedit){.maxlen = 1};
	ck_assert_uint_eq(type(&e, "ab"), 1);
	msg = tedit_over_text(&e);
	ck_assert_str_eq(msg, "at most 1 character, you typed 2: the rest was not taken");
	free(msg);
	tedit_free(&e);
}
END_TEST

/* No maximum given: 4096 characters. */
START_TEST(t_maxlen_default)
{
	struct tedit e = {0};
	char *big = malloc(4097 + 1), *msg;

	memset(big, 'x', 4097);
	big[4097] = '\0';
	ck_assert_uint_eq(type(&e, big), 1);
	ck_assert_uint_eq(e.n, 4096);
	msg = tedit_over_text(&e);
	ck_assert_str_eq(msg, "at most 4096 characters, you typed 4097: the rest was not taken");
	free(msg);
	free(big);
	tedit_free(&e);
}
END_TEST

static Suite *textedit_suite(void)
{
	Suite *s = suite_create("textedit");
	TCase *edit = tcase_create("edit"), *max = tcase_create("maxlen");

	tcase_add_test(edit, t_insert_delete);
	tcase_add_test(edit, t_moves);
	tcase_add_test(edit, t_utf8);
	tcase_add_test(edit, t_upper);
	tcase_add_test(max, t_maxlen_typing);
	tcase_add_test(max, t_maxlen_paste);
	tcase_add_test(max, t_maxlen_characters);
	tcase_add_test(max, t_maxlen_default);
	suite_add_tcase(s, edit);
	suite_add_tcase(s, max);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(textedit_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
