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

enum tact {
	TK_NONE,       /* no key (timeout) or a key without a meaning */
	TK_CHAR,       /* a printable character: tkey.ch */
	TK_NEXT_FIELD, /* Tab */
	TK_PREV_FIELD, /* Shift-Tab */
	TK_DOWN,       /* next field; scrolls a viewer */
	TK_UP,
	TK_ENTER,
	TK_TOGGLE,     /* Space: tkey.ch is ' ' for text fields */
	TK_NEXT_PAGE,  /* Ctrl-N */
	TK_PREV_PAGE,  /* Ctrl-P */
	TK_PGDN,       /* Next page; scrolls a viewer by a page */
	TK_PGUP,
	TK_CANCEL,     /* Esc, Ctrl-C */
	TK_SAVE,
	TK_QUIT,
	TK_HELP,
	TK_REPAINT,
	TK_SUSPEND,
	TK_LEFT,
	TK_RIGHT,
	TK_HOME,
	TK_END,
	TK_BACKSPACE,
	TK_DELETE,
	TK_KILL,       /* Ctrl-U: empties the text field */
	TK_RESIZE,     /* internal: the terminal changed size */
	TK_COUNT
};

struct tkey {
	enum tact act;
	wchar_t ch;
};

/* The action of a key read by wget_wch (is_code: it returned KEY_CODE_YES). */
struct tkey keys_lookup(bool is_code, unsigned long c);
/* Teaches curses the other form (CSI or SS3) of the arrow, Home, End and
 * F1-F4 keys, and the forms PuTTY and rxvt send. Call after keypad(). */
void keys_define_alternates(void);
/* The help text's key section: one line per action, "keys  meaning". */
void keys_help(struct strlist *out);
/* The one-line hint for the bottom row; where says which actions apply
 * (KEYS_HINT_*). Translated; the caller frees it. */
#define KEYS_HINT_PAGE 0x1u
#define KEYS_HINT_HOME 0x2u
#define KEYS_HINT_FORM 0x4u /* with PAGE: a one-page form, where ^N means OK */
char *keys_hint(unsigned where, int width);

#endif
