#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"

void diags_add_owned(struct diags *d, enum diag_sev sev, int line, int col, const char *field,
		     char *msg)
{
	struct diag *g;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	g = &d->v[d->n++];
	g->sev = sev;
	g->line = line;
	g->col = col;
	g->field = xstrdup(field ? field : "");
	g->msg = msg;
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void diags_add(struct diags *d, enum diag_sev sev, int line, int col, const char *field,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_add_owned(d, sev, line, col, field, xvasprintf(fmt, ap));
	va_end(ap);
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].field);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* Messages quote the file's values, and a quoted YAML string can hold any
 * control character ("\e[2J"): written to a terminal as they are, they would
 * act on it. Each is shown as \xHH (C1 controls as \uHHHH) instead. */
static char *escape_controls(char *s)
{
	/* At most four bytes for one: "\x1b" for a byte, "\u0085" for two. */
	char *out = xmalloc(4 * strlen(s) + 1), *p = out;

	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		if (*q < 0x20 || *q == 0x7f) {
			p += sprintf(p, "\\x%02x", *q);
		} else if (*q == 0xc2 && q[1] >= 0x80 && q[1] <= 0x9f) {
			p += sprintf(p, "\\u%04x", q[1]);
			q++;
		} else {
			*p++ = (char)*q;
		}
	}
	*p = '\0';
	free(s);
	return out;
}

char *diag_format(const char *file, const struct diag *g)
{
	const char *sev = g->sev == DIAG_ERROR ? _("error") : _("warning");
	const char *sep = *g->field ? ": " : "";

	if (g->line > 0)
		return escape_controls(xasprintf("%s:%d:%d: %s: %s%s%s", file, g->line, g->col,
						 sev, g->field, sep, g->msg));
	return escape_controls(xasprintf("%s: %s: %s%s%s", file, sev, g->field, sep, g->msg));
}

const struct diag *diags_find(const struct diags *d, const char *field)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].field, field) == 0)
			return &d->v[i];
	return NULL;
}
