/* Windows PowerShell takes U+2018 to U+201B for a single quote wherever it
 * takes ', so doubling ' alone would let a typographic quote end a literal
 * early. */
#include "config.h"

#include "psquote.h"

#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* Control characters and the Unicode line and paragraph separators. */
static bool breaks_line(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

/* ' and the four characters PowerShell takes for it (U+2018 to U+201B). */
static bool ps_single_quote(unsigned cp)
{
	return cp == '\'' || (cp >= 0x2018 && cp <= 0x201B);
}

char *psquote_text(const char *s, bool quoted)
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
			if (quoted && ps_single_quote(cp)) {
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

char *psquote_array(const struct strlist *items)
{
	struct strlist quoted = {0};
	char *joined;

	for (size_t i = 0; i < items->n; i++)
		strlist_push_owned(&quoted, psquote_text(items->v[i], true));
	joined = strlist_join(&quoted, ", ");
	strlist_free(&quoted);
	return joined;
}
