/* SPDX-License-Identifier: ISC */
/* Windows PowerShell reads a script without a byte order mark in the ANSI
 * code page, where bytes 0x91-0x92 are quote characters: a script is UTF-8
 * with a BOM so that it is read as written, and has CRLF line ends so that
 * Notepad on Windows Server 2008 R2 to 2012 R2 shows it as lines. */
#include "config.h"

#include "pstext.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* Control characters and the Unicode line and paragraph separators. */
static bool breaks_line(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

/* ' and the four characters PowerShell takes for it (U+2018 to U+201B). */
static bool single_quote(unsigned cp)
{
	return cp == '\'' || (cp >= 0x2018 && cp <= 0x201B);
}

/* In a single-quoted literal the only special characters are its quotes,
 * each doubled. A literal may span lines, but every value stays on the line
 * of its parameter, and a comment cannot be ended early. */
static char *inert(const char *s, bool quoted)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	char *out = xmalloc(2 * strlen((const char *)p) + 3), *o = out;

	if (quoted)
		*o++ = '\'';
	while (*p) {
		unsigned cp;
		size_t n = utf8_decode((const char *)p, &cp);

		if (n == 0) {
			*o++ = '?';
			p++;
			continue;
		}
		if (breaks_line(cp)) {
			*o++ = ' ';
		} else {
			memcpy(o, p, n);
			o += n;
			if (quoted && single_quote(cp)) {
				memcpy(o, p, n);
				o += n;
			}
		}
		p += n;
	}
	if (quoted)
		*o++ = '\'';
	*o = '\0';
	return out;
}

char *pstext_literal(const char *s)
{
	return inert(s, true);
}

char *pstext_comment(const char *s)
{
	return inert(s, false);
}

char *pstext_array(const struct strlist *items)
{
	struct strlist quoted = {0};
	char *joined, *out;

	for (size_t i = 0; i < items->n; i++)
		strlist_push_owned(&quoted, inert(items->v[i], true));
	joined = strlist_join(&quoted, ", ");
	out = xasprintf("@(%s)", joined);
	free(joined);
	strlist_free(&quoted);
	return out;
}

char *pstext_script(const struct strlist *lines)
{
	struct strlist all = {0};
	char *body, *out;

	strlist_copy(&all, lines);
	strlist_push(&all, ""); /* the last line ends too */
	body = strlist_join(&all, "\r\n");
	out = xasprintf("\xEF\xBB\xBF%s", body);
	free(body);
	strlist_free(&all);
	return out;
}
