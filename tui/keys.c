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
#include "tui/utf8.h"
#include "xalloc.h"

#define CTRL(c) ((c) & 0x1f)

struct keybind {
	bool is_code;      /* a curses KEY_* code, not a character */
	unsigned long key;
	enum tact act;
	const char *name;  /* as the help and sentences show it; the first
			    * named binding of an action is its keys_name */
	const char *brief; /* the hint line's form; NULL: ^X for Ctrl-X, else name */
};

static const struct keybind bindings[] = {
	{false, '\t', TK_NEXT_FIELD, "Tab", NULL},
	{true, KEY_BTAB, TK_PREV_FIELD, "Shift-Tab", NULL},
	{true, KEY_DOWN, TK_DOWN, "Down", NULL},
	{true, KEY_UP, TK_UP, "Up", NULL},
	{false, '\r', TK_ENTER, "Enter", NULL},
	{false, '\n', TK_ENTER, NULL, NULL},
	{true, KEY_ENTER, TK_ENTER, NULL, NULL},
	{false, ' ', TK_TOGGLE, "Space", NULL},
	{false, CTRL('N'), TK_NEXT_PAGE, "Ctrl-N", NULL},
	{true, KEY_NPAGE, TK_PGDN, "PgDn", NULL},
	{false, CTRL('P'), TK_PREV_PAGE, "Ctrl-P", NULL},
	{true, KEY_PPAGE, TK_PGUP, "PgUp", NULL},
	{false, 27, TK_CANCEL, "Esc", NULL},
	{false, CTRL('C'), TK_CANCEL, "Ctrl-C", NULL},
	{false, CTRL('O'), TK_SAVE, "Ctrl-O", NULL},
	{true, KEY_F(2), TK_SAVE, "F2", NULL},
	{false, CTRL('X'), TK_QUIT, "Ctrl-X", NULL},
	{true, KEY_F(10), TK_QUIT, "F10", NULL},
	{false, CTRL('G'), TK_HELP, "Ctrl-G", NULL},
	{true, KEY_F(1), TK_HELP, "F1", NULL},
	{false, CTRL('L'), TK_REPAINT, "Ctrl-L", NULL},
	{false, CTRL('Z'), TK_SUSPEND, "Ctrl-Z", NULL},
	{true, KEY_LEFT, TK_LEFT, "Left", NULL},
	{true, KEY_RIGHT, TK_RIGHT, "Right", NULL},
	{true, KEY_HOME, TK_HOME, "Home", NULL},
	{true, KEY_END, TK_END, "End", NULL},
	{true, KEY_BACKSPACE, TK_BACKSPACE, "Backspace", NULL},
	{false, 127, TK_BACKSPACE, NULL, NULL},
	{false, CTRL('H'), TK_BACKSPACE, NULL, NULL},
	{true, KEY_DC, TK_DELETE, "Delete", "Del"},
	{false, CTRL('U'), TK_KILL, "Ctrl-U", NULL},
	{true, KEY_RESIZE, TK_RESIZE, NULL, NULL},
};

/* The help's description of each action (N_()). */
static const char *const actions[TK_COUNT] = {
	[TK_NEXT_FIELD] = N_("next field or button; a radio group is one field"),
	[TK_PREV_FIELD] = N_("previous field or button"),
	[TK_DOWN] = N_("next radio button, list item, field or button; scrolls a viewer"),
	[TK_UP] = N_("previous radio button, list item, field or button; scrolls a "
		     "viewer"),
	[TK_ENTER] = N_("next field; presses a button; edits a list entry"),
	[TK_TOGGLE] = N_("toggle a check box, choose a radio button"),
	[TK_NEXT_PAGE] = N_("Next page (checks this page first)"),
	[TK_PGDN] = N_("Next page; scrolls a viewer by a page"),
	[TK_PREV_PAGE] = N_("Back to the previous page"),
	[TK_PGUP] = N_("Back; scrolls a viewer by a page"),
	[TK_CANCEL] = N_("cancel, asking first if anything changed; closes a dialog"),
	[TK_SAVE] = N_("save the deployment file"),
	[TK_QUIT] = N_("quit (asks first if anything is unsaved)"),
	[TK_HELP] = N_("help for the focused field and the page"),
	[TK_REPAINT] = N_("repaint the screen"),
	[TK_SUSPEND] = N_("suspend (fg in the shell comes back)"),
	[TK_LEFT] = N_("move in a text field; previous button"),
	[TK_RIGHT] = N_("move in a text field; next button"),
	[TK_HOME] = N_("start of the text; top of a viewer"),
	[TK_END] = N_("end of the text; bottom of a viewer"),
	[TK_BACKSPACE] = N_("delete the character before the cursor"),
	[TK_DELETE] = N_("delete under the cursor; remove a list entry"),
	[TK_KILL] = N_("empty the text field"),
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
int keys_alternate(const char *seq)
{
	for (size_t i = 0; i < sizeof alternates / sizeof *alternates; i++)
		if (strcmp(alternates[i].seq, seq) == 0)
			return alternates[i].code;
	return -1;
}

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

		if (!actions[a])
			continue;
		names = names_of((enum tact)a);
		strlist_push_owned(out, xasprintf("  %-18s %s", names, _(actions[a])));
		free(names);
	}
}

static const struct keybind *first_named(enum tact a)
{
	for (size_t i = 0; i < sizeof bindings / sizeof *bindings; i++)
		if (bindings[i].act == a && bindings[i].name)
			return &bindings[i];
	return NULL;
}

const char *keys_name(enum tact a)
{
	const struct keybind *b = first_named(a);

	return b ? b->name : "";
}

const char *keys_brief(enum tact a)
{
	/* "^X" for every "Ctrl-X", as nano and the terminal itself write it. */
	static char caret[TK_COUNT][3];
	const struct keybind *b = first_named(a);

	if (!b)
		return "";
	if (b->brief)
		return b->brief;
	if (strncmp(b->name, "Ctrl-", 5) != 0 || !b->name[5] || b->name[6])
		return b->name;
	caret[a][0] = '^';
	caret[a][1] = b->name[5];
	return caret[a];
}

/* The action a placeholder at fmt (just after its '%') stands for, with
 * *len set to the placeholder's length after the '%'; -1 when fmt does
 * not hold one of ours (the text is copied as it is). */
static long placeholder(const char *fmt, size_t nth, size_t *len)
{
	char *end;
	unsigned long pos;

	if (fmt[0] == 's') {
		*len = 1;
		return (long)nth;
	}
	if (fmt[0] < '1' || fmt[0] > '9')
		return -1;
	pos = strtoul(fmt, &end, 10);
	if (end[0] != '$' || end[1] != 's')
		return -1;
	*len = (size_t)(end + 2 - fmt);
	return (long)pos - 1;
}

static char *fill(const char *fmt, const enum tact *acts, const char *(*name)(enum tact))
{
	size_t nacts = 0, nth = 0, longest = 0, n = 0;
	char *out;

	while (acts && acts[nacts] != TK_NONE) {
		size_t l = strlen(name(acts[nacts++]));

		longest = l > longest ? l : longest;
	}
	/* Every placeholder is at least two bytes ("%s"). */
	out = xmalloc(strlen(fmt) + 1 + (strlen(fmt) / 2 + 1) * longest);
	for (const char *p = fmt; *p;) {
		size_t len = 0;
		long k = *p == '%' ? placeholder(p + 1, nth, &len) : -1;

		if (*p == '%' && p[1] == '%') {
			out[n++] = '%';
			p += 2;
			continue;
		}
		if (k < 0) {
			out[n++] = *p++;
			continue;
		}
		nth += p[1] == 's';
		if ((size_t)k < nacts) {
			const char *nm = name(acts[k]);

			memcpy(out + n, nm, strlen(nm));
			n += strlen(nm);
		}
		p += 1 + len;
	}
	out[n] = '\0';
	return out;
}

char *keys_fill(const char *fmt, const enum tact *acts)
{
	return fill(fmt, acts, keys_name);
}

/* Each screen's hint line, in the order a narrow terminal keeps them: what
 * is hardest to guess first, so that it drops the obvious. */
struct hint {
	enum tact keys[3]; /* the keys %s names, TK_NONE-ended */
	const char *text;  /* N_() */
};

static const struct hint hint_page[] = {
	/* TRANSLATORS: a key hint; %s is a key name such as ^G */
	{{TK_HELP}, N_("%s help")},
	/* TRANSLATORS: a key hint; %s is a key name such as ^N */
	{{TK_NEXT_PAGE}, N_("%s next")},
	/* TRANSLATORS: a key hint; %s is a key name such as ^P */
	{{TK_PREV_PAGE}, N_("%s back")},
	/* TRANSLATORS: a key hint; %s is a key name such as Esc */
	{{TK_CANCEL}, N_("%s cancel")},
	/* TRANSLATORS: a key hint; %s is a key name such as ^O */
	{{TK_SAVE}, N_("%s save")},
	/* TRANSLATORS: a key hint; %s is a key name such as ^X */
	{{TK_QUIT}, N_("%s quit")},
	/* TRANSLATORS: a key hint; %s is a key name such as Tab */
	{{TK_NEXT_FIELD}, N_("%s move")},
	/* TRANSLATORS: a key hint; %s is a key name such as Space */
	{{TK_TOGGLE}, N_("%s toggle")},
};

/* A one-page form: ^N presses OK and there is no Back. */
static const struct hint hint_form[] = {
	{{TK_HELP}, N_("%s help")},
	/* TRANSLATORS: a key hint; %s is a key name such as ^N */
	{{TK_NEXT_PAGE}, N_("%s OK")},
	{{TK_CANCEL}, N_("%s cancel")},
	{{TK_SAVE}, N_("%s save")},
	{{TK_QUIT}, N_("%s quit")},
	{{TK_NEXT_FIELD}, N_("%s move")},
	{{TK_TOGGLE}, N_("%s toggle")},
};

static const struct hint hint_home[] = {
	{{TK_HELP}, N_("%s help")},
	{{TK_SAVE}, N_("%s save")},
	{{TK_QUIT}, N_("%s quit")},
	/* TRANSLATORS: a key hint; %s is a key name such as Enter */
	{{TK_ENTER}, N_("%s select")},
	{{TK_NEXT_FIELD}, N_("%s move")},
};

static const struct hint hint_partners[] = {
	{{TK_NONE}, N_("type to filter")},
	/* TRANSLATORS: a key hint; %s is a key name such as Enter */
	{{TK_ENTER}, N_("%s edit")},
	/* TRANSLATORS: a key hint; %s is a key name such as Del */
	{{TK_DELETE}, N_("%s delete")},
	{{TK_HELP}, N_("%s help")},
	/* TRANSLATORS: a key hint; %s is a key name such as Tab */
	{{TK_NEXT_FIELD}, N_("%s buttons")},
	{{TK_CANCEL}, N_("%s back")},
};

static const struct hint hint_dns_running[] = {
	{{TK_CANCEL}, N_("%s cancel")},
	/* TRANSLATORS: a key hint; the two %s are key names such as Up and Down */
	{{TK_UP, TK_DOWN}, N_("%s/%s move")},
	/* TRANSLATORS: a key hint; %s is a key name such as Enter */
	{{TK_ENTER}, N_("%s details")},
	{{TK_HELP}, N_("%s help")},
};

static const struct hint hint_dns_done[] = {
	/* TRANSLATORS: a key hint; %s is a key name such as Esc */
	{{TK_CANCEL}, N_("%s close")},
	{{TK_UP, TK_DOWN}, N_("%s/%s move")},
	{{TK_ENTER}, N_("%s details")},
	{{TK_HELP}, N_("%s help")},
};

#define HINTS(v) {v, sizeof v / sizeof *v}
static const struct {
	const struct hint *v;
	size_t n;
} hint_sets[KEYS_HINT_COUNT] = {
	[KEYS_HINT_PAGE] = HINTS(hint_page),
	[KEYS_HINT_FORM] = HINTS(hint_form),
	[KEYS_HINT_HOME] = HINTS(hint_home),
	[KEYS_HINT_PARTNERS] = HINTS(hint_partners),
	[KEYS_HINT_DNS_RUNNING] = HINTS(hint_dns_running),
	[KEYS_HINT_DNS_DONE] = HINTS(hint_dns_done),
};

static int cells(const char *s)
{
	int n = 0;

	while (*s) {
		wchar_t c;

		s += utf8_next(s, &c);
		n += wc_cells(c);
	}
	return n;
}

char *keys_hint(enum keys_hint_set set, int width)
{
	char *line = xstrdup("");

	if ((unsigned)set >= KEYS_HINT_COUNT)
		return line;
	for (size_t i = 0; i < hint_sets[set].n; i++) {
		const struct hint *h = &hint_sets[set].v[i];
		char *part = fill(_(h->text), h->keys, keys_brief);
		char *next = xasprintf("%s%s%s", line, *line ? "  " : " ", part);

		free(part);
		if (cells(next) > width) {
			free(next);
			continue;
		}
		free(line);
		line = next;
	}
	return line;
}
