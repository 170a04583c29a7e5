/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "probe.h"
#include "xalloc.h"

/* "  LABEL TEXT" with what the server may have sent escaped. */
static void add_line(struct strlist *out, const char *label, const char *text)
{
	char *e = diag_escape(text);

	strlist_push_owned(out, xasprintf("  %s%s%s", label, *label ? " " : "", e));
	free(e);
}

static char *rows_line(const struct probe_result *r)
{
	struct strlist rows = {0};
	char *list, *s;

	for (int row = 1; row <= 18; row++)
		if (r->works[row - 1])
			strlist_pushf(&rows, "%d", row);
	list = strlist_join(&rows, " ");
	s = xasprintf(_("  rows that work: %s"), rows.n ? list : _("none"));
	free(list);
	strlist_free(&rows);
	return s;
}

const char *probe_status_text(const struct probe_result *r)
{
	if (r->ok)
		return r->current ? _("works with its settings") : _("works");
	return r->current ? _("FAILS with its settings") : _("FAILS");
}

char *probe_result_text(const struct probe_result *r)
{
	const char *kind = r->own ? _("our domain") : r->partner >= 0 ? _("partner")
								       : _("not in the file");
	struct strlist out = {0};
	char *dom = diag_escape(r->domain), *s;

	/* TRANSLATORS: "jabber.example (partner): works with its settings":
	 * the domain, what it is to the file, the verdict. */
	strlist_push_owned(&out, xasprintf(_("%s (%s): %s"), dom, kind, probe_status_text(r)));
	free(dom);
	if (r->address)
		add_line(&out, _("server:"), r->address);
	if (r->failure)
		add_line(&out, _("failure:"), r->failure);
	for (size_t i = 0; i < r->notes.n; i++)
		add_line(&out, "-", r->notes.v[i]);
	strlist_push_owned(&out, rows_line(r));
	if (r->best) {
		const struct neg_row *b = negotiation_row(r->best);

		strlist_push_owned(&out, xasprintf(_("  best row: %d (TLS %s, SASL %s, dialback "
						     "%s: %s)"),
						   r->best, neg_name(b->tls), neg_name(b->sasl),
						   b->dialback ? "True" : "False", _(b->method)));
	}
	s = strlist_join(&out, "\n");
	strlist_free(&out);
	return s;
}
