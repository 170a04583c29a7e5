/* SPDX-License-Identifier: ISC */
/* Decoding with the C library's mbrtowc, in the locale the user set: the
 * characters come out as code points (glibc's wchar_t is UCS-4 in every
 * locale), which the text fields store as UTF-8. */
#include "config.h"

#include "tui/input.h"

#include <string.h>

void tinput_push(struct tinput *in, unsigned char byte)
{
	wchar_t drop;

	/* Longer than any character: the oldest byte is damage. */
	while (in->npend >= sizeof in->pend)
		(void)tinput_next(in, &drop, true);
	in->pend[in->npend++] = (char)byte;
}

static void shift(struct tinput *in, size_t n)
{
	memmove(in->pend, in->pend + n, in->npend - n);
	in->npend -= n;
}

bool tinput_next(struct tinput *in, wchar_t *out, bool flush)
{
	mbstate_t st;
	size_t r;

	if (in->npend == 0)
		return false;
	memset(&st, 0, sizeof st);
	r = mbrtowc(out, in->pend, in->npend, &st);
	if (r == (size_t)-2 && !flush && in->npend < sizeof in->pend)
		return false;
	if (r == (size_t)-1 || r == (size_t)-2) {
		/* One byte at a time: what follows it may be whole. */
		*out = TINPUT_BAD;
		r = 1;
	} else if (r == 0) {
		r = 1;
	}
	shift(in, r);
	return true;
}
