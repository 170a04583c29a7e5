#include "config.h"

#include "diag.h"

#include <limits.h>
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

/* The bidirectional embedding, override and isolate controls (U+202A to
 * U+202E, U+2066 to U+2069) as UTF-8 (E2 80 AA-AE, E2 81 A6-A9): they
 * reorder what follows them on the screen, so a hostile value could make a
 * message read backwards. Returns the code point, or 0. */
static unsigned bidi_control(const unsigned char *q)
{
	if (q[0] != 0xe2)
		return 0;
	if (q[1] == 0x80 && q[2] >= 0xaa && q[2] <= 0xae)
		return 0x2000u + (q[2] - 0x80u);
	if (q[1] == 0x81 && q[2] >= 0xa6 && q[2] <= 0xa9)
		return 0x2040u + (q[2] - 0x80u);
	return 0;
}

/* Messages quote the file's values, and a quoted YAML string can hold any
 * control character ("\e[2J"): written to a terminal as they are, they would
 * act on it. Each is shown as \xHH (C1 and bidi controls as \uHHHH). */
static char *escape_controls(char *s)
{
	/* At most four bytes for one: "\x1b" for a byte, "\u0085" for two,
	 * "\u202e" for three. */
	char *out = xmalloc(4 * strlen(s) + 1), *p = out;

	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		unsigned bidi = bidi_control(q);

		if (*q < 0x20 || *q == 0x7f) {
			p += sprintf(p, "\\x%02x", *q);
		} else if (*q == 0xc2 && q[1] >= 0x80 && q[1] <= 0x9f) {
			p += sprintf(p, "\\u%04x", q[1]);
			q++;
		} else if (bidi) {
			p += sprintf(p, "\\u%04x", bidi);
			q += 2;
		} else {
			*p++ = (char)*q;
		}
	}
	*p = '\0';
	free(s);
	return out;
}

char *diag_escape(const char *s)
{
	return escape_controls(xstrdup(s));
}

char *diag_quote(const char *s)
{
	size_t chars = 0, cut = 0, more = 0;

	for (const char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xC0) == 0x80)
			continue;
		if (chars == DIAG_QUOTE_MAX)
			cut = (size_t)(p - s);
		chars++;
	}
	if (chars <= DIAG_QUOTE_MAX)
		return xasprintf("\"%s\"", s);
	more = chars - DIAG_QUOTE_MAX;
	return xasprintf(ngettext("\"%.*s...\" (%zu more character)",
				  "\"%.*s...\" (%zu more characters)", more),
			 (int)cut, s, more);
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

char *diag_format_field(const struct diag *g)
{
	return escape_controls(*g->field ? xasprintf("%s: %s", g->field, g->msg)
					 : xstrdup(g->msg));
}

void diags_keep_only(struct diags *d, size_t from, const char *field)
{
	size_t keep = from;

	for (size_t i = from; i < d->n; i++) {
		struct diag *g = &d->v[i];

		if (strcmp(g->field, field) == 0) {
			d->v[keep++] = *g;
			continue;
		}
		if (g->sev == DIAG_ERROR)
			d->errors--;
		else
			d->warnings--;
		free(g->field);
		free(g->msg);
	}
	d->n = keep;
}

/* Position order, unpositioned last. */
static int diag_cmp(const struct diag *x, const struct diag *y)
{
	long lx = x->line > 0 ? x->line : INT_MAX, ly = y->line > 0 ? y->line : INT_MAX;

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

void diags_sort(struct diags *d, size_t from)
{
	/* Insertion sort: stable, and the lists met here are nearly sorted. */
	for (size_t i = from + 1; i < d->n; i++) {
		struct diag g = d->v[i];
		size_t j = i;

		while (j > from && diag_cmp(&d->v[j - 1], &g) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = g;
	}
}

const struct diag *diags_find(const struct diags *d, const char *field)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].field, field) == 0)
			return &d->v[i];
	return NULL;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t diags_error_fields(const struct diags *d)
{
	const char **f;
	size_t n = 0, m = 0;

	if (!d->errors)
		return 0;
	f = xcalloc(d->errors, sizeof *f);
	for (size_t i = 0; i < d->n && m < d->errors; i++)
		if (d->v[i].sev == DIAG_ERROR)
			f[m++] = d->v[i].field;
	qsort(f, m, sizeof *f, str_cmp);
	for (size_t i = 0; i < m; i++)
		if (i == 0 || strcmp(f[i], f[i - 1]) != 0)
			n++;
	free(f);
	return n;
}
