/* SPDX-License-Identifier: ISC */
/* partnerlist: the partners screen's list without curses. Which partners
 * match the filter (indices into d->partners, in file order), the selected
 * row and the first row shown (moved on keys by tui/listview.c, kept on
 * the same partner here as the filter changes), and each row's cells. The filter is a
 * case-insensitive substring of the primary domain, an additional domain or
 * the description; appending to it tests only the previous matches, so
 * typing stays quick on 10,000 partners. The struct owns idx and filter;
 * it keeps no pointer to the deployment. */
#ifndef XMPPGW_PARTNERLIST_H
#define XMPPGW_PARTNERLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "deployment.h"

struct plist {
	size_t *idx;  /* matching partners: indices into d->partners */
	size_t n, cap;
	char *filter; /* as typed; never NULL after init */
	char *needle; /* filter lower-cased (ASCII), what rows are tested with */
	size_t sel;   /* selected row (index into idx); 0 when n == 0 */
	size_t top;   /* first row shown */
	bool scanned; /* idx holds a scan of a deployment (narrowing allowed) */
};

void plist_init(struct plist *l);
void plist_free(struct plist *l);
/* Tests every partner of d against the filter again: call it after d
 * changed (a partner added, edited or removed). The selection is kept on
 * the same row number, clamped. */
void plist_rebuild(struct plist *l, const struct deployment *d);
/* Replaces the filter. When the new one extends the old (a character
 * appended), only the rows shown so far are tested; otherwise all of d.
 * The selection stays on the same partner when it still matches. */
void plist_set_filter(struct plist *l, const struct deployment *d, const char *filter);
/* The filter with its last UTF-8 character removed (rescans d). */
void plist_filter_backspace(struct plist *l, const struct deployment *d);
/* True when p matches needle, lower-cased (empty matches everything). */
bool plist_match(const struct partner *p, const char *needle);

/* The selected partner's index in d->partners, or -1 when no row shows. */
long plist_selected(const struct plist *l);
/* Selects the row of partner pi; false (selection unchanged) when the
 * filter hides it. */
bool plist_select_partner(struct plist *l, size_t pi);

/* The cells of one row, borrowed from p or static (translated); a partner
 * without a primary domain says so. */
struct plist_cells {
	const char *domain;
	const char *type;
	const char *tls;
	const char *sasl;
	const char *dialback;
	const char *probe;       /* the last probe's verdict: works, fails, not probed */
	const char *description; /* "" when none */
};
void plist_cells(const struct partner *p, struct plist_cells *out);
/* The partner type as the list shows it (translated, static). */
const char *plist_type_label(enum partner_type t);
/* Column headings, in the same order (translated). */
void plist_headings(struct plist_cells *out);

#endif
