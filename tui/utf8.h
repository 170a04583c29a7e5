/* SPDX-License-Identifier: ISC */
/* utf8: the model keeps text as UTF-8 whatever the locale; the screen
 * works in code points and display cells. */
#ifndef XMPPGW_TUI_UTF8_H
#define XMPPGW_TUI_UTF8_H

#include <stddef.h>
#include <wchar.h>

/* Decodes one character at s (not at its end) into *out; returns the bytes
 * used (at least 1). Invalid input gives U+FFFD for one byte. */
size_t utf8_next(const char *s, wchar_t *out);
/* Encodes c into buf (room for 4); returns the bytes written. */
size_t utf8_put(char *buf, wchar_t c);
/* Display cells of c: 0 for combining marks, 2 for wide ones; anything
 * the screen cannot show counts 1 (it is drawn as '?'). */
int wc_cells(wchar_t c);
/* What to draw for c: itself, or '?' when it cannot be shown. */
wchar_t wc_shown(wchar_t c);

#endif
