/* SPDX-License-Identifier: ISC */
/* The probe as the partner form runs it: every domain of the partner at
 * once, the progress box between rounds of the poll loop, the verdict in
 * the viewer, and the row to apply when the partner's does not work. */
#include "config.h"

#include "wizards/partnerprobe.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "negotiation.h"
#include "probe.h"
#include "xalloc.h"

/* A progress round: short enough for Esc to feel immediate. */
#define ROUND_MS 100

static struct {
	struct strlist domains;
	unsigned *rows;
	size_t cap;
	char *server, *ca_file;
} session;

enum pprobe_state pprobe_state_of(const struct partner *p)
{
	long i = p->domain ? strlist_find_ci(&session.domains, p->domain) : -1;
	const struct neg_row *r = negotiation_lookup(p->tls, p->sasl, p->dialback);

	if (i < 0 || !r)
		return PPROBE_NONE;
	return session.rows[i] & (1u << (r->row - 1)) ? PPROBE_WORKS : PPROBE_FAILS;
}

const char *pprobe_label(enum pprobe_state s)
{
	switch (s) {
	case PPROBE_WORKS:
		return _("works");
	case PPROBE_FAILS:
		return _("fails");
	default:
		return _("not probed");
	}
}

void pprobe_remember(const char *domain, unsigned rows)
{
	long i;

	if (!domain || !*domain)
		return;
	i = strlist_find_ci(&session.domains, domain);
	if (i < 0) {
		session.rows = xgrow(session.rows, &session.cap, session.domains.n + 1,
				     sizeof *session.rows);
		i = (long)session.domains.n;
		strlist_push(&session.domains, domain);
	}
	session.rows[i] = rows;
}

void pprobe_forget_all(void)
{
	strlist_free(&session.domains);
	free(session.rows);
	free(session.server);
	free(session.ca_file);
	memset(&session, 0, sizeof session);
}

const char *pprobe_server(void)
{
	return session.server ? session.server : "";
}

void pprobe_set_server(const char *s)
{
	xstrset(&session.server, s);
}

const char *pprobe_ca_file(void)
{
	return session.ca_file ? session.ca_file : "";
}

void pprobe_set_ca_file(const char *s)
{
	xstrset(&session.ca_file, s);
}

/* --- the run --- */

static char *progress_text(const struct probe *p, const char *domain)
{
	size_t n = probe_count(p), done = 0;

	for (size_t i = 0; i < n; i++)
		done += probe_result(p, i)->done;
	/* The progress box says under it which key cancels (tui/dialog.c). */
	return xasprintf(ngettext("Probing %s: %zu of %zu domain done.",
				  "Probing %s: %zu of %zu domains done.", n),
			 domain, done, n);
}

/* Runs the loop; false when the user cancelled. */
static bool drive(struct wctx *c, struct probe *p, const char *domain)
{
	bool go = true;

	while (go && !probe_done(p)) {
		char *text;

		probe_process(p, ROUND_MS);
		text = progress_text(p, domain);
		go = c->ui->progress(c->ui_arg, text);
		free(text);
	}
	if (!go)
		probe_cancel(p);
	c->ui->progress(c->ui_arg, NULL);
	return go;
}

/* The rows that work with every domain (bit n - 1 for row n), and the
 * best of them (0 when none). */
static unsigned common_rows(const struct probe *p, int *best)
{
	bool works[18];
	unsigned mask = 0;

	for (int k = 0; k < 18; k++) {
		works[k] = probe_count(p) > 0;
		for (size_t i = 0; i < probe_count(p); i++)
			works[k] = works[k] && probe_result(p, i)->works[k];
		mask |= works[k] ? 1u << k : 0;
	}
	*best = probe_count(p) ? probe_best_row(works, &probe_result(p, 0)->offer) : 0;
	return mask;
}

static char *verdict_text(const struct probe *p, bool all_ok, int best)
{
	struct strlist parts = {0};
	char *s;

	for (size_t i = 0; i < probe_count(p); i++)
		strlist_push_owned(&parts, probe_result_text(probe_result(p, i)));
	if (all_ok)
		strlist_push(&parts, _("The partner's settings work with every domain probed."));
	else if (best)
		strlist_pushf(&parts, _("Row %d works with every domain probed."), best);
	else
		strlist_push(&parts, _("No row works with every domain probed."));
	s = strlist_join(&parts, "\n\n");
	strlist_free(&parts);
	return s;
}

static void offer_row(struct wctx *c, struct partner *pt, int best)
{
	const struct neg_row *r = negotiation_row(best);
	char *q = xasprintf(_("Apply row %d: TLS %s, SASL %s, dialback %s (%s)?"), best,
			    neg_name(r->tls), neg_name(r->sasl), r->dialback ? "True" : "False",
			    _(r->method));

	if (c->ui->confirm(c->ui_arg, _("Probe"), q)) {
		pt->tls = r->tls;
		pt->sasl = r->sasl;
		pt->dialback = r->dialback;
	}
	free(q);
}

static void options_fill(const struct partner *pt, struct strlist *doms,
			 struct probe_options *o)
{
	memset(o, 0, sizeof *o);
	strlist_push(doms, pt->domain ? pt->domain : "");
	for (size_t i = 0; i < pt->additional_domains.n; i++)
		strlist_push(doms, pt->additional_domains.v[i]);
	o->domains = doms;
	o->server = *pprobe_server() ? pprobe_server() : NULL;
	o->ca_file = *pprobe_ca_file() ? pprobe_ca_file() : NULL;
}

static bool all_ok(const struct probe *p)
{
	for (size_t i = 0; i < probe_count(p); i++)
		if (!probe_result(p, i)->ok)
			return false;
	return probe_count(p) > 0;
}

int pprobe_run(struct wctx *c, size_t pi)
{
	struct partner *pt = c->d->partners[pi];
	struct strlist doms = {0};
	struct probe_options o;
	struct probe *p = NULL;
	char *err = NULL, *text;
	int best, rc = -1;
	bool ok;

	if (!pt->domain || !*pt->domain) {
		c->ui->message(c->ui_arg, _("Probe"),
			       _("Type the partner's primary domain before probing its server."));
		return -1;
	}
	options_fill(pt, &doms, &o);
	if (probe_start(c->d, &o, &p, &err) < 0) {
		c->ui->message(c->ui_arg, _("Probe"), err);
		goto out;
	}
	if (!drive(c, p, pt->domain)) {
		c->ui->message(c->ui_arg, _("Probe"), _("The probe was cancelled; nothing changed."));
		goto out;
	}
	ok = all_ok(p);
	pprobe_remember(pt->domain, common_rows(p, &best));
	text = verdict_text(p, ok, best);
	c->ui->view(c->ui_arg, _("Probe"), text);
	free(text);
	if (!ok && best)
		offer_row(c, pt, best);
	rc = 0;
out:
	free(err);
	probe_free(p);
	strlist_free(&doms);
	return rc;
}
