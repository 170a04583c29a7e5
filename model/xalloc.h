/* SPDX-License-Identifier: ISC */
/* xalloc: allocation that never returns NULL. On exhaustion the registered
 * fatal hook runs first (the TUI restores the terminal there), then the
 * process exits with status 2. */
#ifndef XMPPGW_XALLOC_H
#define XMPPGW_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void xalloc_set_fatal_hook(void (*hook)(void));
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (an array of *cap elements of size elem) to hold at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
/* xstrdup, but NULL stays NULL. */
char *xstrdup0(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Replaces *dst with a copy of src (NULL allowed), freeing the old value. */
void xstrset(char **dst, const char *src);

#endif
