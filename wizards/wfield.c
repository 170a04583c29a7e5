/* SPDX-License-Identifier: ISC */
/* A field's value: its own getter and setter, its place in the wizard's
 * state, or the deployment file key it names, found in the file's schema
 * (model/depfile_schema.c), so that a plain field is one line of its
 * page's table and nothing else. */
#include "config.h"

#include "wizards/wizard.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "depfile_schema.h"
#include "xalloc.h"

#define PARTNER_KEY "partner."

/* The key's schema entry and the address of its value in c (NULL when
 * there is no value: no key, no partner). */
static const struct dfield *keyed(const struct wfield *f, const struct wctx *c, void **at)
{
	const size_t n = sizeof PARTNER_KEY - 1;
	const struct dfield *k;
	size_t off = 0;
	char *base;

	*at = NULL;
	if (!f->key)
		return NULL;
	if (strncmp(f->key, PARTNER_KEY, n) == 0) {
		k = dsection_find(&depfile_partner, f->key + n, &off);
		base = c && c->d && c->partner >= 0 && (size_t)c->partner < c->d->npartners
			       ? (char *)c->d->partners[c->partner]
			       : NULL;
	} else {
		k = dsection_find(&depfile_top, f->key, &off);
		base = c ? (char *)c->d : NULL;
	}
	if (k && base)
		*at = base + off;
	return k;
}

/* The field's string in the wizard's state, or NULL. */
static char **in_state(const struct wfield *f, const struct wctx *c)
{
	if (!f->in_state || !c || !c->state)
		return NULL;
	return (char **)((char *)c->state + f->in_state - 1);
}

static bool is_text(enum dkind k)
{
	return k == DK_STR || k == DK_OPTSTR || k == DK_NULLSTR;
}

/* How many choices a RADIO offers. */
static int nchoices(const struct wfield *f)
{
	int n = 0;

	while (f->choices && f->choices[n])
		n++;
	return n;
}

/* How many values the key's enumeration has; a number has no such limit. */
static int enum_count(enum dkind k)
{
	return k == DK_NEG ? NEG_COUNT : k == DK_PTYPE ? PARTNER_TYPE_COUNT : INT_MAX;
}

bool wfield_bound(const struct wfield *f)
{
	const struct dfield *k;
	void *at;

	switch (f->kind) {
	case WF_TEXT:
	case WF_SECRET:
		if ((f->get_text && f->set_text) || f->in_state)
			return true;
		return f->kind == WF_TEXT && (k = keyed(f, NULL, &at)) && is_text(k->kind);
	case WF_CHECK:
		return (f->get_bool && f->set_bool) ||
		       ((k = keyed(f, NULL, &at)) && k->kind == DK_BOOL);
	case WF_RADIO:
		if (f->get_choice && f->set_choice)
			return true;
		k = keyed(f, NULL, &at);
		return k && (k->kind == DK_NEG || k->kind == DK_PTYPE ||
			     (k->kind == DK_INT && f->values));
	case WF_LIST:
		return f->list || ((k = keyed(f, NULL, &at)) &&
				   (k->kind == DK_LIST || k->kind == DK_OPTLIST));
	default:
		return true;
	}
}

const char *wfield_get_text(const struct wfield *f, const struct wctx *c)
{
	void *at;
	const struct dfield *k;

	if (f->get_text)
		return f->get_text(c);
	if (f->in_state)
		return in_state(f, c) ? *in_state(f, c) : NULL;
	k = keyed(f, c, &at);
	return k && at && is_text(k->kind) && f->kind != WF_SECRET ? *(char **)at : NULL;
}

/* A secret is replaced, never reallocated in place: the old text is
 * wiped first, and it is never NULL once typed. */
static void set_state_text(const struct wfield *f, char **at, const char *utf8)
{
	if (!at)
		return;
	if (f->kind != WF_SECRET) {
		xstrset(at, utf8);
		return;
	}
	if (*at) {
		explicit_bzero(*at, strlen(*at));
		free(*at);
	}
	*at = xstrdup(utf8 ? utf8 : "");
}

void wfield_set_text(const struct wfield *f, struct wctx *c, const char *utf8)
{
	void *at;
	const struct dfield *k;

	if (f->set_text) {
		f->set_text(c, utf8);
		return;
	}
	if (f->in_state) {
		set_state_text(f, in_state(f, c), utf8);
		return;
	}
	k = keyed(f, c, &at);
	/* A secret never goes into the file, whatever its table says. */
	if (!k || !at || f->kind == WF_SECRET)
		return;
	if (k->kind == DK_OPTSTR)
		xstrset(at, utf8 && *utf8 ? utf8 : NULL);
	else if (k->kind == DK_STR)
		xstrset(at, utf8 ? utf8 : "");
	else if (k->kind == DK_NULLSTR)
		xstrset(at, utf8);
}

bool wfield_get_bool(const struct wfield *f, const struct wctx *c)
{
	void *at;
	const struct dfield *k;

	if (f->get_bool)
		return f->get_bool(c);
	k = keyed(f, c, &at);
	return k && at && k->kind == DK_BOOL && *(bool *)at;
}

void wfield_set_bool(const struct wfield *f, struct wctx *c, bool v)
{
	void *at;
	const struct dfield *k;

	if (f->set_bool) {
		f->set_bool(c, v);
		return;
	}
	k = keyed(f, c, &at);
	if (k && at && k->kind == DK_BOOL)
		*(bool *)at = v;
}

int wfield_get_choice(const struct wfield *f, const struct wctx *c)
{
	void *at;
	const struct dfield *k;

	if (f->get_choice)
		return f->get_choice(c);
	k = keyed(f, c, &at);
	if (!k || !at)
		return -1;
	if (k->kind == DK_NEG)
		return (int)*(enum neg *)at;
	if (k->kind == DK_PTYPE)
		return (int)*(enum partner_type *)at;
	for (int i = 0; k->kind == DK_INT && f->values && i < nchoices(f); i++)
		if (f->values[i] == *(int *)at)
			return i;
	return -1;
}

void wfield_set_choice(const struct wfield *f, struct wctx *c, int i)
{
	void *at;
	const struct dfield *k;

	if (f->set_choice) {
		f->set_choice(c, i);
		return;
	}
	k = keyed(f, c, &at);
	if (!k || !at || i < 0 || i >= nchoices(f) || i >= enum_count(k->kind))
		return;
	if (k->kind == DK_NEG)
		*(enum neg *)at = (enum neg)i;
	else if (k->kind == DK_PTYPE)
		*(enum partner_type *)at = (enum partner_type)i;
	else if (k->kind == DK_INT && f->values)
		*(int *)at = f->values[i];
}

struct strlist *wfield_list(const struct wfield *f, struct wctx *c)
{
	void *at;
	const struct dfield *k;

	if (f->list)
		return f->list(c);
	k = keyed(f, c, &at);
	return k && at && (k->kind == DK_LIST || k->kind == DK_OPTLIST) ? at : NULL;
}
