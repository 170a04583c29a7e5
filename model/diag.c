/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "diag.h"

#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"
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

/* The code points that reorder or break the text around them without
 * showing: the bidi embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), the marks (U+200E, U+200F, U+061C) and the line and
 * paragraph separators. A name quoted with U+202E would read backwards. */
static bool invisible_control(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0x2028 || cp == 0x2029;
}

/* Messages quote the file's values, and a quoted YAML string can hold any
 * control character ("\e[2J"): written to a terminal as they are, they would
 * act on it. Each is shown as \xHH (C1 controls and the invisible ones above
 * as \uHHHH) instead, and so is a byte that starts no UTF-8 sequence (a
 * lone 0x9b is an 8-bit CSI to some terminals). */
static char *escape_controls(char *s)
{
	/* At most four bytes for one: "\x1b" for a byte, "\u0085" for two,
	 * "\u202e" for three. */
	char *out = xmalloc(4 * strlen(s) + 1), *p = out;

	for (const char *q = s; *q;) {
		unsigned cp;
		size_t n = utf8_decode(q, &cp);

		if (n == 0 || cp < 0x20 || cp == 0x7f) {
			p += sprintf(p, "\\x%02x", (unsigned char)*q);
			n = 1;
		} else if ((cp >= 0x80 && cp <= 0x9f) || invisible_control(cp)) {
			p += sprintf(p, "\\u%04x", cp);
		} else {
			memcpy(p, q, n);
			p += n;
		}
		q += n;
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
