/* SPDX-License-Identifier: ISC */
/* UTF-8 by hand: the locale may not be UTF-8 (LANG=C over SSH) while the
 * file still is. */
#include "config.h"

#include "tui/utf8.h"

#include "model/utf8.h"

#include <wctype.h>

size_t utf8_next(const char *s, wchar_t *out)
{
	unsigned cp;
	size_t n = utf8_decode(s, &cp);

	/* One byte at a time past damage, so the rest of the text survives. */
	*out = n ? (wchar_t)cp : 0xfffd;
	return n ? n : 1;
}

size_t utf8_put(char *buf, wchar_t c)
{
	unsigned long u = (unsigned long)c;

	if (u < 0x80) {
		buf[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		buf[0] = (char)(0xc0 | (u >> 6));
		buf[1] = (char)(0x80 | (u & 0x3f));
		return 2;
	}
	if (u < 0x10000) {
		buf[0] = (char)(0xe0 | (u >> 12));
		buf[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (u & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | (u >> 18));
	buf[1] = (char)(0x80 | ((u >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((u >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (u & 0x3f));
	return 4;
}

int wc_cells(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

wchar_t wc_shown(wchar_t c)
{
	return wcwidth(c) < 0 ? L'?' : c;
}
