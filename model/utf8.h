/* SPDX-License-Identifier: ISC */
/* utf8: the one decoder of UTF-8 text. The deployment is UTF-8 whatever the
 * locale, so the model, the exports and the screen all read it here. */
#ifndef XMPPGW_UTF8_H
#define XMPPGW_UTF8_H

#include <stddef.h>

/* Length of the well-formed sequence at s (1-4), its code point in *cp;
 * 0 when s starts no well-formed sequence (a stray continuation byte, an
 * overlong form, a surrogate, past U+10FFFF, or cut short). s[0] != 0. */
size_t utf8_decode(const char *s, unsigned *cp);

#endif
