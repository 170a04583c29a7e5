/* SPDX-License-Identifier: ISC */
/* keyact: what a key does, without curses, so that a wizard's text can
 * name a key by its action. Such a text says %s where the key goes (%1$s,
 * %2$s when it names several) and lists the actions beside it, in order
 * (help_keys in wizard.h); the screen fills in the key the key table binds
 * to each (tui/keys.c: keys_name, keys_fill). */
#ifndef XMPPGW_KEYACT_H
#define XMPPGW_KEYACT_H

enum tact {
	TK_NONE,       /* no key (timeout) or a key without a meaning; ends a list */
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

/* A list of actions for a text's placeholders, in a const table:
 * .help_keys = KEYACTS(TK_CANCEL, TK_SAVE). */
#define KEYACTS(...) ((const enum tact[]){__VA_ARGS__, TK_NONE})

#endif
