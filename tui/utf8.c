/* UTF-8 by hand: the locale may not be UTF-8 (LANG=C over SSH) while the
 * file still is. */
#include "config.h"

#include "tui/utf8.h"

#include <wctype.h>

static size_t seq_len(unsigned char b, wchar_t *min)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf) {
		*min = 0x80;
		return 2;
	}
	if (b >= 0xe0 && b <= 0xef) {
		*min = 0x800;
		return 3;
	}
	if (b >= 0xf0 && b <= 0xf4) {
		*min = 0x10000;
		return 4;
	}
	return 0;
}

size_t utf8_next(const char *s, wchar_t *out)
{
	const unsigned char *u = (const unsigned char *)s;
	wchar_t min = 0, c;
	size_t n = seq_len(u[0], &min);

	if (n == 1) {
		*out = u[0];
		return 1;
	}
	if (n == 0)
		goto bad;
	c = u[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*out = c;
	return n;
bad:
	*out = 0xfffd;
	return 1;
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
