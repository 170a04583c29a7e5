/* SPDX-License-Identifier: ISC */
/* What the tui's lower files call of the screen, recorded instead of
 * drawn, so that their logic runs without a terminal (no initscr, no
 * newterm): tests link these in place of term.c's attributes and
 * canvas.c's drawing. Curses calls on a NULL window return ERR. */
#ifndef XMPPGW_TESTS_TUI_FAKES_H
#define XMPPGW_TESTS_TUI_FAKES_H

#include "tui/canvas.h"

#define FAKE_PUTS_MAX 256

struct fake_put {
	int y, x, cells;
	enum tlook look; /* the look set when it was written */
	char text[128];
};

extern struct fake_put fake_puts[FAKE_PUTS_MAX];
extern int fake_nputs;

/* Forgets what was recorded. */
void fake_reset(void);
/* The text written at (y, x), or NULL. */
const struct fake_put *fake_at(int y, int x);

#endif
