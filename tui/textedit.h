/* SPDX-License-Identifier: ISC */
/* textedit: the one-line text field. It is our own rather than the form
 * library's: a page mixes text fields with check boxes, lists and buttons
 * under one focus order, which form's own field navigation and posting
 * fight (and form must be unposted and rebuilt on every resize); form's
 * buffers pad with blanks, so trailing spaces are lost, and its limits
 * count cells, not the characters RFC 5280 counts. This editor keeps code
 * points, counts characters for maxlen and cells for display, and scrolls
 * horizontally. */
#ifndef XMPPGW_TUI_TEXTEDIT_H
#define XMPPGW_TUI_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

#include "tui/keys.h"

struct tedit {
	wchar_t *buf;
	size_t n, cap;
	size_t cur;    /* cursor, in characters */
	size_t scroll; /* first character shown */
	size_t maxlen; /* characters */
	bool upper;    /* ASCII letters upper-cased as typed */
	bool secret;   /* drawn as '*' */
	/* Characters refused since the text last changed: the field was
	 * full. The page shows "at most N characters, you typed M" from it,
	 * so a paste that does not fit is never cut without a word. */
	size_t over;
	/* Characters typed that the terminal's character set could not
	 * carry (TINPUT_BAD), refused since the text was last replaced or
	 * emptied: the page says so, naming the field. */
	size_t bad;
};

enum { TE_IGNORED, TE_MOVED, TE_CHANGED, TE_REFUSED };

/* Replaces the text (cursor at the end). */
void tedit_set(struct tedit *e, const char *utf8);
/* The text as UTF-8; the caller frees it. */
char *tedit_get(const struct tedit *e);
bool tedit_same(const struct tedit *e, const char *utf8);
/* Applies an editing key; returns TE_*. TE_REFUSED: the field is full
 * (over counts it) or the character could not be read (bad counts it). */
int tedit_key(struct tedit *e, struct tkey k);
/* The refusal of a full field ("at most 64 characters, you typed 300"), or
 * NULL when nothing was refused; the caller frees it. */
char *tedit_over_text(const struct tedit *e);
/* The refusal of characters the terminal's character set cannot carry,
 * naming the field by its label (N_() text, translated here), or NULL
 * when there was none; the caller frees it. */
char *tedit_bad_text(const struct tedit *e, const char *label);
/* The same for n bytes refused by a field other than a text box. */
char *tedit_unreadable_text(const char *label, size_t n);
/* Draws the box of width cells at (y, x); returns the cursor's column. */
int tedit_draw(struct tedit *e, WINDOW *w, int y, int x, int width);
/* Frees the buffer, wiping it first (it may hold a passphrase). */
void tedit_free(struct tedit *e);

#endif
