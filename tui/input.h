/* SPDX-License-Identifier: ISC */
/* input: the terminal's bytes to characters, in the locale's encoding.
 * ncurses' get_wch waits forever on a byte the locale cannot decode and
 * takes what follows with it; the screen reads bytes instead and decodes
 * them here, so that such a byte becomes one TINPUT_BAD (which a field
 * refuses with a message) and the rest of a paste is kept. */
#ifndef XMPPGW_TUI_INPUT_H
#define XMPPGW_TUI_INPUT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* What a byte that begins no character of the locale's encoding gives. */
#define TINPUT_BAD ((wchar_t)0xfffd)

struct tinput {
	char pend[MB_LEN_MAX]; /* bytes read, not yet a whole character */
	size_t npend;
};

/* Adds a byte read from the terminal. */
void tinput_push(struct tinput *in, unsigned char byte);
/* The next whole character into *out; false when none is complete. With
 * flush (no byte came in time), a sequence cut short gives TINPUT_BAD. */
bool tinput_next(struct tinput *in, wchar_t *out, bool flush);

#endif
