/* SPDX-License-Identifier: ISC */
/* keys: every key the program knows, in one table (keys.c) mapping key
 * codes to named actions. The help overlay and the key hint line are
 * generated from it, so what the screen says is what the keys do. */
#ifndef XMPPGW_TUI_KEYS_H
#define XMPPGW_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "strlist.h"
#include "wizards/keyact.h"


struct tkey {
	enum tact act;
	wchar_t ch;
};

/* The action of a key read by wget_wch (is_code: it returned KEY_CODE_YES). */
struct tkey keys_lookup(bool is_code, unsigned long c);
/* Teaches curses the other form (CSI or SS3) of the arrow, Home, End and
 * F1-F4 keys, and the forms PuTTY and rxvt send. Call after keypad(). */
void keys_define_alternates(void);
/* The KEY_* code keys_define_alternates teaches for the escape sequence
 * seq, or -1 when it teaches none (curses' terminal description decides). */
int keys_alternate(const char *seq);
/* The help text's key section: one line per action, "keys  meaning". */
void keys_help(struct strlist *out);
/* The name of the key bound to a, as sentences and the help show it
 * ("Ctrl-O"): the first of its keys in the table; "" when none is. */
const char *keys_name(enum tact a);
/* The same key as the hint line shows it: "^O", "Del", "Esc". */
const char *keys_brief(enum tact a);
/* fmt (translated) with each %s replaced by the name of the next action
 * of acts (TK_NONE-ended, or NULL), %N$s by the Nth's, %% by %; a
 * placeholder without an action is dropped. The caller frees it. */
char *keys_fill(const char *fmt, const enum tact *acts);
/* The one-line hint for a screen's bottom row: its parts in order, each
 * left out when the width (in cells) has no room for it. Translated; the
 * caller frees it. */
enum keys_hint_set {
	KEYS_HINT_PAGE,        /* a wizard page */
	KEYS_HINT_FORM,        /* a one-page form, where ^N means OK */
	KEYS_HINT_HOME,        /* a menu */
	KEYS_HINT_PARTNERS,    /* the Partners list */
	KEYS_HINT_DNS_RUNNING, /* the live DNS check while it runs */
	KEYS_HINT_DNS_DONE,    /* ... and once it is over */
	KEYS_HINT_COUNT
};
char *keys_hint(enum keys_hint_set set, int width);

#endif
