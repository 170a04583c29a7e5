/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "strlist.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

void strlist_push_owned(struct strlist *l, char *s)
{
	l->v = xgrow(l->v, &l->cap, l->n + 2, sizeof *l->v);
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

void strlist_pushf(struct strlist *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strlist_push_owned(l, xvasprintf(fmt, ap));
	va_end(ap);
}

void strlist_push_lines(struct strlist *l, const char *mark, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		if (n)
			strlist_pushf(l, "%s %.*s", mark, (int)n, text);
		else
			strlist_push(l, mark);
		text += n + (text[n] == '\n');
	}
}

void strlist_push(struct strlist *l, const char *s)
{
	strlist_push_owned(l, xstrdup(s));
}

void strlist_remove(struct strlist *l, size_t i)
{
	if (i >= l->n)
		return;
	free(l->v[i]);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i) * sizeof *l->v);
	l->n--;
}

void strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
	if (l->v)
		l->v[0] = NULL;
}

void strlist_free(struct strlist *l)
{
	strlist_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

void strlist_copy(struct strlist *dst, const struct strlist *src)
{
	strlist_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		strlist_push(dst, src->v[i]);
}

long strlist_find_ci(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], s) == 0)
			return (long)i;
	return -1;
}

bool strlist_equal(const struct strlist *a, const struct strlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

char *strlist_join(const struct strlist *l, const char *sep)
{
	size_t len = 1, seplen = strlen(sep);
	char *out, *p;

	for (size_t i = 0; i < l->n; i++)
		len += strlen(l->v[i]) + seplen;
	p = out = xmalloc(len);
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);

		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		memcpy(p, l->v[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

void strlist_split(struct strlist *l, const char *s)
{
	static const char seps[] = ", \t\r\n";

	while (*s) {
		size_t n;

		s += strspn(s, seps);
		n = strcspn(s, seps);
		if (n)
			strlist_push_owned(l, xstrndup(s, n));
		s += n;
	}
}
