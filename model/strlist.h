/* SPDX-License-Identifier: ISC */
/* strlist: a growable list of owned strings. The list owns every element;
 * strlist_free releases them and leaves an empty, reusable list. */
#ifndef XMPPGW_STRLIST_H
#define XMPPGW_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct strlist {
	char **v;
	size_t n, cap;
};

void strlist_push(struct strlist *l, const char *s);
/* Takes ownership of s. */
void strlist_push_owned(struct strlist *l, char *s);
/* Appends each line of text behind mark and a space ("# text"); an empty
 * line becomes the mark alone, so no line ends in a blank. */
void strlist_push_lines(struct strlist *l, const char *mark, const char *text);
/* Appends the formatted text. */
void strlist_pushf(struct strlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strlist_remove(struct strlist *l, size_t i);
void strlist_clear(struct strlist *l);
void strlist_free(struct strlist *l);
void strlist_copy(struct strlist *dst, const struct strlist *src);
/* Index of s compared ASCII case-insensitively, or -1. */
long strlist_find_ci(const struct strlist *l, const char *s);
bool strlist_equal(const struct strlist *a, const struct strlist *b);
/* Joins with sep; the caller frees the result. */
char *strlist_join(const struct strlist *l, const char *sep);
/* Splits s on commas and white space, skipping empty items. */
void strlist_split(struct strlist *l, const char *s);

#endif
