/* SPDX-License-Identifier: ISC */
/* The key table without a terminal: which action a key code has (in the
 * forms PuTTY, the Linux console and xterm send), the names sentences and
 * hint lines give keys, and each screen's hint line cut to a width. */
#include "config.h"

#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"
#include "wizards/certtasks.h"
#include "wizards/certwizard.h"
#include "wizards/dns.h"
#include "wizards/exports.h"
#include "wizards/partners.h"
#include "wizards/policy.h"
#include "wizards/topology.h"

#define CTRL(c) ((c) & 0x1f)

static const struct {
	bool is_code;
	unsigned long key;
	enum tact act;
} codes[] = {
	{false, '\t', TK_NEXT_FIELD}, {true, KEY_BTAB, TK_PREV_FIELD},
	{true, KEY_DOWN, TK_DOWN}, {true, KEY_UP, TK_UP},
	{false, '\r', TK_ENTER}, {false, '\n', TK_ENTER}, {true, KEY_ENTER, TK_ENTER},
	{false, CTRL('N'), TK_NEXT_PAGE}, {true, KEY_NPAGE, TK_PGDN},
	{false, CTRL('P'), TK_PREV_PAGE}, {true, KEY_PPAGE, TK_PGUP},
	{false, 27, TK_CANCEL}, {false, CTRL('C'), TK_CANCEL},
	{false, CTRL('O'), TK_SAVE}, {true, KEY_F(2), TK_SAVE},
	{false, CTRL('X'), TK_QUIT}, {true, KEY_F(10), TK_QUIT},
	{false, CTRL('G'), TK_HELP}, {true, KEY_F(1), TK_HELP},
	{false, CTRL('L'), TK_REPAINT}, {false, CTRL('Z'), TK_SUSPEND},
	{true, KEY_LEFT, TK_LEFT}, {true, KEY_RIGHT, TK_RIGHT},
	{true, KEY_HOME, TK_HOME}, {true, KEY_END, TK_END},
	/* Backspace: curses' code, DEL (PuTTY, the Linux console, xterm) and ^H. */
	{true, KEY_BACKSPACE, TK_BACKSPACE}, {false, 127, TK_BACKSPACE},
	{false, CTRL('H'), TK_BACKSPACE},
	{true, KEY_DC, TK_DELETE}, {false, CTRL('U'), TK_KILL},
	{true, KEY_RESIZE, TK_RESIZE},
	/* The tmux and screen prefixes stay free. */
	{false, CTRL('A'), TK_NONE}, {false, CTRL('B'), TK_NONE},
	/* A function key the table does not bind. */
	{true, KEY_F(5), TK_NONE},
};

START_TEST(t_lookup)
{
	struct tkey k = keys_lookup(codes[_i].is_code, codes[_i].key);

	ck_assert_msg(k.act == codes[_i].act, "code %lu (is_code %d): action %d, not %d",
		      codes[_i].key, codes[_i].is_code, k.act, codes[_i].act);
	ck_assert_int_eq(k.ch, 0);
}
END_TEST

START_TEST(t_lookup_chars)
{
	struct tkey k = keys_lookup(false, ' ');

	ck_assert_int_eq(k.act, TK_TOGGLE);
	ck_assert_int_eq(k.ch, L' ');
	k = keys_lookup(false, 'a');
	ck_assert_int_eq(k.act, TK_CHAR);
	ck_assert_int_eq(k.ch, L'a');
	/* A code is never a character, even with a printable value. */
	ck_assert_int_eq(keys_lookup(true, 'a').act, TK_NONE);
	ck_assert_int_eq(keys_lookup(false, 0x7).act, TK_HELP);
	ck_assert_int_eq(keys_lookup(false, 0x1e).act, TK_NONE);
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8")) {
		k = keys_lookup(false, 0xe9);
		ck_assert_int_eq(k.act, TK_CHAR);
		ck_assert_int_eq(k.ch, 0xe9);
		ck_assert_int_eq(keys_lookup(false, 0x1f600).act, TK_CHAR);
		/* C1 controls are not typed text. */
		ck_assert_int_eq(keys_lookup(false, 0x85).act, TK_NONE);
		setlocale(LC_CTYPE, "C");
	}
}
END_TEST

/* What the terminals send, through the forms the table teaches curses to
 * the action: xterm's two cursor modes (CSI and SS3), PuTTY's and rxvt's
 * VT220 keys, the Linux console's. */
static const struct {
	const char *who, *seq;
	enum tact act;
} sent[] = {
	{"xterm normal", "\033[A", TK_UP}, {"xterm application", "\033OA", TK_UP},
	{"xterm normal", "\033[B", TK_DOWN}, {"xterm application", "\033OB", TK_DOWN},
	{"xterm normal", "\033[C", TK_RIGHT}, {"xterm application", "\033OD", TK_LEFT},
	{"xterm normal", "\033[H", TK_HOME}, {"xterm application", "\033OF", TK_END},
	{"xterm", "\033OP", TK_HELP}, {"xterm", "\033OQ", TK_SAVE},
	{"xterm", "\033[Z", TK_PREV_FIELD},
	{"PuTTY", "\033[A", TK_UP}, {"PuTTY", "\033[D", TK_LEFT},
	{"PuTTY", "\033[1~", TK_HOME}, {"PuTTY", "\033[4~", TK_END},
	{"PuTTY", "\033[11~", TK_HELP}, {"PuTTY", "\033[12~", TK_SAVE},
	{"PuTTY", "\033[21~", TK_QUIT}, {"PuTTY", "\033[3~", TK_DELETE},
	{"PuTTY", "\033[5~", TK_PGUP}, {"PuTTY", "\033[6~", TK_PGDN},
	{"PuTTY", "\033[Z", TK_PREV_FIELD},
	{"rxvt", "\033[7~", TK_HOME}, {"rxvt", "\033[8~", TK_END},
	{"Linux console", "\033[1~", TK_HOME}, {"Linux console", "\033[4~", TK_END},
	{"Linux console", "\033[3~", TK_DELETE}, {"Linux console", "\033[Z", TK_PREV_FIELD},
	{"Linux console", "\033[5~", TK_PGUP}, {"Linux console", "\033[6~", TK_PGDN},
};

START_TEST(t_sequences)
{
	int code = keys_alternate(sent[_i].seq);

	ck_assert_msg(code >= 0, "%s: \\033%s is not taught", sent[_i].who, sent[_i].seq + 1);
	ck_assert_msg(keys_lookup(true, (unsigned long)code).act == sent[_i].act,
		      "%s: \\033%s gives action %d, not %d", sent[_i].who, sent[_i].seq + 1,
		      keys_lookup(true, (unsigned long)code).act, sent[_i].act);
}
END_TEST

START_TEST(t_sequences_unknown)
{
	ck_assert_int_eq(keys_alternate("\033[99~"), -1);
	ck_assert_int_eq(keys_alternate(""), -1);
	/* A prefix of a taught sequence is not one. */
	ck_assert_int_eq(keys_alternate("\033["), -1);
}
END_TEST

START_TEST(t_names)
{
	ck_assert_str_eq(keys_name(TK_SAVE), "Ctrl-O");
	ck_assert_str_eq(keys_name(TK_QUIT), "Ctrl-X");
	ck_assert_str_eq(keys_name(TK_HELP), "Ctrl-G");
	ck_assert_str_eq(keys_name(TK_NEXT_PAGE), "Ctrl-N");
	ck_assert_str_eq(keys_name(TK_CANCEL), "Esc");
	ck_assert_str_eq(keys_name(TK_KILL), "Ctrl-U");
	ck_assert_str_eq(keys_name(TK_NEXT_FIELD), "Tab");
	ck_assert_str_eq(keys_name(TK_PREV_FIELD), "Shift-Tab");
	ck_assert_str_eq(keys_name(TK_DELETE), "Delete");
	ck_assert_str_eq(keys_name(TK_ENTER), "Enter");
	ck_assert_str_eq(keys_name(TK_PGDN), "PgDn");
	/* Not keys a sentence can name. */
	ck_assert_str_eq(keys_name(TK_NONE), "");
	ck_assert_str_eq(keys_name(TK_CHAR), "");
	ck_assert_str_eq(keys_name(TK_RESIZE), "");

	ck_assert_str_eq(keys_brief(TK_SAVE), "^O");
	ck_assert_str_eq(keys_brief(TK_HELP), "^G");
	ck_assert_str_eq(keys_brief(TK_DELETE), "Del");
	ck_assert_str_eq(keys_brief(TK_CANCEL), "Esc");
	ck_assert_str_eq(keys_brief(TK_NEXT_FIELD), "Tab");
	ck_assert_str_eq(keys_brief(TK_PREV_FIELD), "Shift-Tab");
	ck_assert_str_eq(keys_brief(TK_RESIZE), "");
}
END_TEST

static void assert_fill(const char *fmt, const enum tact *acts, const char *want)
{
	char *got = keys_fill(fmt, acts);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(t_fill)
{
	assert_fill("%s saves the file.", KEYACTS(TK_SAVE), "Ctrl-O saves the file.");
	assert_fill("%s or %s empties it.", KEYACTS(TK_KILL, TK_CANCEL),
		    "Ctrl-U or Esc empties it.");
	/* Positions: a translation may reorder the keys and name one twice. */
	assert_fill("%2$s quits; %1$s saves; %2$s again.", KEYACTS(TK_SAVE, TK_QUIT),
		    "Ctrl-X quits; Ctrl-O saves; Ctrl-X again.");
	assert_fill("%1$s %2$s %3$s %4$s %5$s %6$s %7$s %8$s %9$s %10$s %11$s",
		    KEYACTS(TK_UP, TK_DOWN, TK_PGUP, TK_PGDN, TK_HOME, TK_END, TK_ENTER,
			    TK_DELETE, TK_NEXT_FIELD, TK_SAVE, TK_CANCEL),
		    "Up Down PgUp PgDn Home End Enter Delete Tab Ctrl-O Esc");
	assert_fill("100%% done; %s closes.", KEYACTS(TK_CANCEL), "100% done; Esc closes.");
	/* No action for a placeholder: it is left out, never read past the list. */
	assert_fill("%s and %s.", KEYACTS(TK_SAVE), "Ctrl-O and .");
	assert_fill("%3$s.", KEYACTS(TK_SAVE), ".");
	assert_fill("%s saves.", NULL, " saves.");
	/* What is not a placeholder of ours stays as it is. */
	assert_fill("50% of %d, %1$d, %", KEYACTS(TK_SAVE), "50% of %d, %1$d, %");
	assert_fill("", NULL, "");
}
END_TEST

static void assert_hint(enum keys_hint_set set, int width, const char *want)
{
	char *got = keys_hint(set, width);

	ck_assert_str_eq(got, want);
	ck_assert_int_le((int)strlen(got), width);
	free(got);
}

START_TEST(t_hints)
{
	assert_hint(KEYS_HINT_PAGE, 200,
		    " ^G help  ^N next  ^P back  Esc cancel  ^O save  ^X quit  Tab move  "
		    "Space toggle");
	/* A one-page form: ^N is OK, and there is no Back. */
	assert_hint(KEYS_HINT_FORM, 200,
		    " ^G help  ^N OK  Esc cancel  ^O save  ^X quit  Tab move  Space toggle");
	assert_hint(KEYS_HINT_HOME, 200, " ^G help  ^O save  ^X quit  Enter select  Tab move");
	assert_hint(KEYS_HINT_PARTNERS, 200,
		    " type to filter  Enter edit  Del delete  ^G help  Tab buttons  Esc back");
	assert_hint(KEYS_HINT_DNS_RUNNING, 200,
		    " Esc cancel  Up/Down move  Enter details  ^G help");
	assert_hint(KEYS_HINT_DNS_DONE, 200, " Esc close  Up/Down move  Enter details  ^G help");
}
END_TEST

/* A narrow terminal drops what does not fit and keeps trying the parts
 * after it, so the line is as full as the width allows. */
START_TEST(t_hint_width)
{
	assert_hint(KEYS_HINT_PARTNERS, 78,
		    " type to filter  Enter edit  Del delete  ^G help  Tab buttons  Esc back");
	assert_hint(KEYS_HINT_PARTNERS, 48, " type to filter  Enter edit  Del delete  ^G help");
	assert_hint(KEYS_HINT_PARTNERS, 47, " type to filter  Enter edit  Del delete");
	assert_hint(KEYS_HINT_PAGE, 35, " ^G help  ^N next  ^P back  ^O save");
	assert_hint(KEYS_HINT_PAGE, 26, " ^G help  ^N next  ^P back");
	assert_hint(KEYS_HINT_DNS_DONE, 30, " Esc close  Up/Down move");
	assert_hint(KEYS_HINT_HOME, 8, " ^G help");
	assert_hint(KEYS_HINT_HOME, 7, "");
	assert_hint(KEYS_HINT_HOME, 0, "");
	assert_hint(KEYS_HINT_COUNT, 80, "");
}
END_TEST

static void check_help(const char *where, const char *help, const enum tact *keys)
{
	char *text;
	size_t n = 0;

	if (!help)
		return;
	while (keys && keys[n] != TK_NONE) {
		ck_assert_msg(*keys_name(keys[n]), "%s: help key %zu has no name", where, n);
		n++;
	}
	text = keys_fill(help, keys);
	/* Every placeholder had its key: nothing was dropped. */
	ck_assert_msg(strstr(help, "%") == NULL || n > 0, "%s: a %%s without help_keys", where);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(strstr(text, keys_name(keys[i])), "%s: %s is not named", where,
			      keys_name(keys[i]));
	ck_assert_msg(strstr(text, "%s") == NULL && strstr(text, "$s") == NULL,
		      "%s: a placeholder is left: %s", where, text);
	free(text);
}

static void check_page(const struct wpage *pg)
{
	check_help(pg->id, pg->help, pg->help_keys);
	for (size_t i = 0; i < pg->nfields; i++)
		check_help(pg->fields[i].id, pg->fields[i].help, pg->fields[i].help_keys);
}

/* Every help text of every wizard names its keys through the table. */
START_TEST(t_wizard_helps)
{
	const struct wizard *const all[] = {
		&certwizard, &certimport_wizard, &certpfx_wizard, &certassign_wizard,
		&wdns_wizard, &wexport_wizard, &partner_form, &wpolicy_form, &topology_form,
	};

	for (size_t w = 0; w < sizeof all / sizeof *all; w++)
		for (size_t p = 0; p < all[w]->npages; p++)
			check_page(&all[w]->pages[p]);
	check_page(&partner_list_page);
	check_page(&topology_page);
}
END_TEST

static Suite *keys_suite(void)
{
	Suite *s = suite_create("keys");
	TCase *lookup = tcase_create("lookup"), *names = tcase_create("names");

	tcase_add_loop_test(lookup, t_lookup, 0, sizeof codes / sizeof *codes);
	tcase_add_test(lookup, t_lookup_chars);
	tcase_add_loop_test(lookup, t_sequences, 0, sizeof sent / sizeof *sent);
	tcase_add_test(lookup, t_sequences_unknown);
	tcase_add_test(names, t_names);
	tcase_add_test(names, t_fill);
	tcase_add_test(names, t_hints);
	tcase_add_test(names, t_hint_width);
	tcase_add_test(names, t_wizard_helps);
	suite_add_tcase(s, lookup);
	suite_add_tcase(s, names);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(keys_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
