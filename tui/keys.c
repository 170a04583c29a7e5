/* SPDX-License-Identifier: ISC */
/* The key table. Every key works without function keys (over any SSH
 * client), and each function key has a Ctrl form; Ctrl-A and Ctrl-B stay
 * free for tmux and screen. */
#include "config.h"

#include "tui/keys.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "i18n.h"
#include "xalloc.h"

#define CTRL(c) ((c) & 0x1f)

struct keybind {
	bool is_code;      /* a curses KEY_* code, not a character */
	unsigned long key;
	enum tact act;
	const char *name;  /* as the help shows it */
};

static const struct keybind bindings[] = {
	{false, '\t', TK_NEXT_FIELD, "Tab"},
	{true, KEY_BTAB, TK_PREV_FIELD, "Shift-Tab"},
	{true, KEY_DOWN, TK_DOWN, "Down"},
	{true, KEY_UP, TK_UP, "Up"},
	{false, '\r', TK_ENTER, "Enter"},
	{false, '\n', TK_ENTER, NULL},
	{true, KEY_ENTER, TK_ENTER, NULL},
	{false, ' ', TK_TOGGLE, "Space"},
	{false, CTRL('N'), TK_NEXT_PAGE, "Ctrl-N"},
	{true, KEY_NPAGE, TK_PGDN, "PgDn"},
	{false, CTRL('P'), TK_PREV_PAGE, "Ctrl-P"},
	{true, KEY_PPAGE, TK_PGUP, "PgUp"},
	{false, 27, TK_CANCEL, "Esc"},
	{false, CTRL('C'), TK_CANCEL, "Ctrl-C"},
	{false, CTRL('O'), TK_SAVE, "Ctrl-O"},
	{true, KEY_F(2), TK_SAVE, "F2"},
	{false, CTRL('X'), TK_QUIT, "Ctrl-X"},
	{true, KEY_F(10), TK_QUIT, "F10"},
	{false, CTRL('G'), TK_HELP, "Ctrl-G"},
	{true, KEY_F(1), TK_HELP, "F1"},
	{false, CTRL('L'), TK_REPAINT, "Ctrl-L"},
	{false, CTRL('Z'), TK_SUSPEND, "Ctrl-Z"},
	{true, KEY_LEFT, TK_LEFT, "Left"},
	{true, KEY_RIGHT, TK_RIGHT, "Right"},
	{true, KEY_HOME, TK_HOME, "Home"},
	{true, KEY_END, TK_END, "End"},
	{true, KEY_BACKSPACE, TK_BACKSPACE, "Backspace"},
	{false, 127, TK_BACKSPACE, NULL},
	{false, CTRL('H'), TK_BACKSPACE, NULL},
	{true, KEY_DC, TK_DELETE, "Delete"},
	{false, CTRL('U'), TK_KILL, "Ctrl-U"},
	{true, KEY_RESIZE, TK_RESIZE, NULL},
};

struct actinfo {
	const char *what; /* N_(): the help's description */
	const char *hint; /* N_(): the hint line's short form, or NULL */
	unsigned where;   /* KEYS_HINT_* where the hint applies */
};

static const struct actinfo actions[TK_COUNT] = {
	[TK_NEXT_FIELD] = {N_("next field or button; a radio group is one field"),
			   N_("Tab move"), KEYS_HINT_PAGE | KEYS_HINT_HOME},
	[TK_PREV_FIELD] = {N_("previous field or button"), NULL, 0},
	[TK_DOWN] = {N_("next radio button, list item, field or button; scrolls a viewer"),
		     NULL, 0},
	[TK_UP] = {N_("previous radio button, list item, field or button; scrolls a "
		      "viewer"), NULL, 0},
	[TK_ENTER] = {N_("next field; presses a button; edits a list entry"),
		      N_("Enter select"), KEYS_HINT_HOME},
	[TK_TOGGLE] = {N_("toggle a check box, choose a radio button"), N_("Space toggle"),
		       KEYS_HINT_PAGE},
	[TK_NEXT_PAGE] = {N_("Next page (checks this page first)"), N_("^N next"),
			  KEYS_HINT_PAGE},
	[TK_PGDN] = {N_("Next page; scrolls a viewer by a page"), NULL, 0},
	[TK_PREV_PAGE] = {N_("Back to the previous page"), N_("^P back"), KEYS_HINT_PAGE},
	[TK_PGUP] = {N_("Back; scrolls a viewer by a page"), NULL, 0},
	[TK_CANCEL] = {N_("cancel, asking first if anything changed; closes a dialog"),
		       N_("Esc cancel"), KEYS_HINT_PAGE},
	[TK_SAVE] = {N_("save the deployment file"), N_("^O save"),
		     KEYS_HINT_PAGE | KEYS_HINT_HOME},
	[TK_QUIT] = {N_("quit (asks first if anything is unsaved)"), N_("^X quit"),
		     KEYS_HINT_PAGE | KEYS_HINT_HOME},
	[TK_HELP] = {N_("help for the focused field and the page"), N_("^G help"),
		     KEYS_HINT_PAGE | KEYS_HINT_HOME},
	[TK_REPAINT] = {N_("repaint the screen"), NULL, 0},
	[TK_SUSPEND] = {N_("suspend (fg in the shell comes back)"), NULL, 0},
	[TK_LEFT] = {N_("move in a text field; previous button"), NULL, 0},
	[TK_RIGHT] = {N_("move in a text field; next button"), NULL, 0},
	[TK_HOME] = {N_("start of the text; top of a viewer"), NULL, 0},
	[TK_END] = {N_("end of the text; bottom of a viewer"), NULL, 0},
	[TK_BACKSPACE] = {N_("delete the character before the cursor"), NULL, 0},
	[TK_DELETE] = {N_("delete under the cursor; remove a list entry"), NULL, 0},
	[TK_KILL] = {N_("empty the text field"), NULL, 0},
};

struct tkey keys_lookup(bool is_code, unsigned long c)
{
	struct tkey k = {TK_NONE, 0};

	for (size_t i = 0; i < sizeof bindings / sizeof *bindings; i++)
		if (bindings[i].is_code == is_code && bindings[i].key == c) {
			k.act = bindings[i].act;
			k.ch = c == ' ' ? L' ' : 0;
			return k;
		}
	if (!is_code && c >= 0x20 && iswprint((wint_t)c)) {
		k.act = TK_CHAR;
		k.ch = (wchar_t)c;
	}
	return k;
}

/* Both forms of each key: terminfo names one (xterm's application mode
 * sends SS3, normal mode CSI); PuTTY and rxvt send the VT220 forms. */
static const struct {
	const char *seq;
	int code;
} alternates[] = {
	{"\033[A", KEY_UP}, {"\033OA", KEY_UP},
	{"\033[B", KEY_DOWN}, {"\033OB", KEY_DOWN},
	{"\033[C", KEY_RIGHT}, {"\033OC", KEY_RIGHT},
	{"\033[D", KEY_LEFT}, {"\033OD", KEY_LEFT},
	{"\033[H", KEY_HOME}, {"\033OH", KEY_HOME}, {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME},
	{"\033[F", KEY_END}, {"\033OF", KEY_END}, {"\033[4~", KEY_END}, {"\033[8~", KEY_END},
	{"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033OR", KEY_F(3)}, {"\033OS", KEY_F(4)},
	{"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)},
	{"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)},
	{"\033[1P", KEY_F(1)}, {"\033[1Q", KEY_F(2)},
	{"\033[21~", KEY_F(10)},
	{"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
	{"\033[3~", KEY_DC}, {"\033[Z", KEY_BTAB},
};

/* Every form xmppgw(1) promises wins over the terminal description: PuTTY's
 * binds ESC [ A to kri (a scroll key) and the Linux console's names ESC Tab
 * as Shift-Tab, yet the terminals send ESC [ A and ESC [ Z for these keys
 * in their other modes, and a key that does nothing is worse than a scroll
 * key we do not use. define_key replaces the string's old binding. A
 * sequence that is the prefix of a longer one (key_defined -1) is left. */
void keys_define_alternates(void)
{
	for (size_t i = 0; i < sizeof alternates / sizeof *alternates; i++) {
		int now = key_defined(alternates[i].seq);

		if (now >= 0 && now != alternates[i].code)
			define_key(alternates[i].seq, alternates[i].code);
	}
}

static char *names_of(enum tact a)
{
	struct strlist names = {0};
	char *s;

	for (size_t i = 0; i < sizeof bindings / sizeof *bindings; i++)
		if (bindings[i].act == a && bindings[i].name)
			strlist_push(&names, bindings[i].name);
	s = strlist_join(&names, ", ");
	strlist_free(&names);
	return s;
}

void keys_help(struct strlist *out)
{
	for (int a = TK_NEXT_FIELD; a < TK_COUNT; a++) {
		char *names;

		if (!actions[a].what)
			continue;
		names = names_of((enum tact)a);
		strlist_push_owned(out, xasprintf("  %-18s %s", names, _(actions[a].what)));
		free(names);
	}
}

/* The hint line's order: what is hardest to guess first, so a narrow
 * terminal drops the obvious. */
static const enum tact hint_order[] = {
	TK_HELP, TK_NEXT_PAGE, TK_PREV_PAGE, TK_CANCEL, TK_SAVE, TK_QUIT, TK_ENTER,
	TK_NEXT_FIELD, TK_TOGGLE,
};

char *keys_hint(unsigned where, int width)
{
	char *line = xstrdup("");

	for (size_t i = 0; i < sizeof hint_order / sizeof *hint_order; i++) {
		enum tact a = hint_order[i];
		const char *h = actions[a].hint;
		char *next;

		if (!h || !(actions[a].where & where))
			continue;
		/* A form has one page: ^N presses OK and there is no Back. */
		if (where & KEYS_HINT_FORM) {
			if (a == TK_PREV_PAGE)
				continue;
			if (a == TK_NEXT_PAGE)
				h = N_("^N OK");
		}
		next = xasprintf("%s%s%s", line, *line ? "  " : " ", _(h));
		if ((int)strlen(next) > width) {
			free(next);
			continue;
		}
		free(line);
		line = next;
	}
	return line;
}
