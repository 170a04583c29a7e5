/* SPDX-License-Identifier: ISC */
/* Recording stand-ins for term.c's attributes and canvas.c's drawing. */
#include "config.h"

#include "tests/unit/tui_fakes.h"

#include <stdio.h>
#include <string.h>

#include "tui/tui_int.h"

struct fake_put fake_puts[FAKE_PUTS_MAX];
int fake_nputs;
static enum tlook fake_look;

void fake_reset(void)
{
	fake_nputs = 0;
	fake_look = TL_NORMAL;
}

const struct fake_put *fake_at(int y, int x)
{
	for (int i = fake_nputs - 1; i >= 0; i--)
		if (fake_puts[i].y == y && fake_puts[i].x == x)
			return &fake_puts[i];
	return NULL;
}

attr_t tattr(enum tattr a)
{
	(void)a;
	return A_NORMAL;
}

void tattr_set(WINDOW *w, enum tattr a)
{
	(void)w;
	(void)a;
}

void tcanvas_look(WINDOW *w, enum tlook look)
{
	(void)w;
	fake_look = look;
}

int tcanvas_put(WINDOW *w, int y, int x, const char *s, int cells)
{
	struct fake_put *p;

	(void)w;
	if (fake_nputs >= FAKE_PUTS_MAX)
		return 0;
	p = &fake_puts[fake_nputs++];
	p->y = y;
	p->x = x;
	p->cells = cells;
	p->look = fake_look;
	snprintf(p->text, sizeof p->text, "%s", s);
	return (int)strlen(p->text) < cells ? (int)strlen(p->text) : cells;
}
