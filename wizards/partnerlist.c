/* SPDX-License-Identifier: ISC */
/* The partners list: filter, selection and cells, without curses. */
#include "config.h"

#include "wizards/partnerlist.h"
#include "wizards/partnerprobe.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"

void plist_init(struct plist *l)
{
	memset(l, 0, sizeof *l);
	l->filter = xstrdup("");
	l->needle = xstrdup("");
}

void plist_free(struct plist *l)
{
	free(l->idx);
	free(l->filter);
	free(l->needle);
	memset(l, 0, sizeof *l);
}

/* ASCII only: the filter must not depend on the locale, and domains are
 * ASCII (IDNs as A-labels). Other bytes compare as they are. */
static unsigned char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : (unsigned char)c;
}

static char *fold_dup(const char *s)
{
	char *r = xstrdup(s ? s : "");

	for (char *c = r; *c; c++)
		*c = (char)fold(*c);
	return r;
}

static bool contains(const char *hay, const char *needle, size_t nlen)
{
	unsigned char first = (unsigned char)needle[0];

	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t k = 1;

		if (fold(*hay) != first)
			continue;
		while (k < nlen && hay[k] && fold(hay[k]) == (unsigned char)needle[k])
			k++;
		if (k == nlen)
			return true;
	}
	return false;
}

bool plist_match(const struct partner *p, const char *needle)
{
	size_t nlen = strlen(needle);

	if (nlen == 0)
		return true;
	if (contains(p->domain, needle, nlen) || contains(p->description, needle, nlen))
		return true;
	for (size_t i = 0; i < p->additional_domains.n; i++)
		if (contains(p->additional_domains.v[i], needle, nlen))
			return true;
	return false;
}

static void clamp(struct plist *l)
{
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	if (l->top > l->sel)
		l->top = l->sel;
}

static void scan_all(struct plist *l, const struct deployment *d)
{
	l->n = 0;
	l->scanned = true;
	l->idx = xgrow(l->idx, &l->cap, d->npartners + 1, sizeof *l->idx);
	for (size_t i = 0; i < d->npartners; i++)
		if (plist_match(d->partners[i], l->needle))
			l->idx[l->n++] = i;
}

/* Keeps the rows that still match, in place: the list only shrinks. */
static void narrow(struct plist *l, const struct deployment *d)
{
	size_t kept = 0;

	for (size_t r = 0; r < l->n; r++)
		if (l->idx[r] < d->npartners && plist_match(d->partners[l->idx[r]], l->needle))
			l->idx[kept++] = l->idx[r];
	l->n = kept;
}

void plist_rebuild(struct plist *l, const struct deployment *d)
{
	scan_all(l, d);
	clamp(l);
}

/* The first row whose partner index is at least pi (idx is ascending). */
static size_t lower_bound(const struct plist *l, size_t pi)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->idx[mid] < pi)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void plist_set_filter(struct plist *l, const struct deployment *d, const char *filter)
{
	char *f = fold_dup(filter);
	long was = plist_selected(l);
	bool extends = l->scanned && strncmp(f, l->needle, strlen(l->needle)) == 0;

	free(l->needle);
	l->needle = f;
	xstrset(&l->filter, filter ? filter : "");
	if (extends)
		narrow(l, d);
	else
		scan_all(l, d);
	l->sel = was >= 0 ? lower_bound(l, (size_t)was) : 0;
	l->top = 0;
	clamp(l);
}

void plist_filter_backspace(struct plist *l, const struct deployment *d)
{
	size_t n = strlen(l->filter);
	char *shorter;

	if (n == 0)
		return;
	/* Back over UTF-8 continuation bytes to the character's first byte. */
	while (n > 0 && ((unsigned char)l->filter[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0)
		n--;
	shorter = xstrndup(l->filter, n);
	plist_set_filter(l, d, shorter);
	free(shorter);
}

long plist_selected(const struct plist *l)
{
	return l->n ? (long)l->idx[l->sel] : -1;
}

bool plist_select_partner(struct plist *l, size_t pi)
{
	size_t r = lower_bound(l, pi);

	if (r >= l->n || l->idx[r] != pi)
		return false;
	l->sel = r;
	return true;
}

static const char *neg_short(enum neg v)
{
	switch (v) {
	case NEG_REQUIRED:
		/* TRANSLATORS: a list column of 4 cells: TLS or SASL
		 * Required (the file keeps Required). */
		return _("Req");
	case NEG_OPTIONAL:
		/* TRANSLATORS: a list column of 4 cells: Optional. */
		return _("Opt");
	default:
		/* TRANSLATORS: a list column of 4 cells: Not supported
		 * (the file keeps NotSupported). */
		return _("No");
	}
}

const char *plist_type_label(enum partner_type t)
{
	/* TRANSLATORS: the partner types as shown; the file keeps Lync's
	 * Federated, PublicVerified and PublicUnverified. */
	static const char *const types[PARTNER_TYPE_COUNT] = {
		N_("Federated"),
		N_("Public verified"),
		N_("Public unverified"),
	};

	return (unsigned)t < PARTNER_TYPE_COUNT ? _(types[t]) : "";
}

void plist_cells(const struct partner *p, struct plist_cells *out)
{
	out->domain = p->domain && *p->domain ? p->domain : _("(no domain)");
	out->type = plist_type_label(p->type);
	out->tls = neg_short(p->tls);
	out->sasl = neg_short(p->sasl);
	/* TRANSLATORS: the dialback column: on or off. */
	out->dialback = p->dialback ? _("yes") : _("no");
	out->probe = pprobe_label(pprobe_state_of(p));
	out->description = p->description ? p->description : "";
}

void plist_headings(struct plist_cells *out)
{
	out->domain = _("Primary domain");
	out->type = _("Type");
	out->tls = _("TLS");
	out->sasl = _("SASL");
	out->dialback = _("Dialback");
	out->probe = _("Probe");
	out->description = _("Description");
}
