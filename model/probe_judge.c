/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "probe_int.h"
#include "xalloc.h"

enum { PATH_SASL = 1, PATH_TLS_DB = 2, PATH_TCP_DB = 4 };

/* The ways a row lets the Edge authenticate, as the table's "negotiation
 * that results" column has them (lync-facts.md 5): SASL EXTERNAL over TLS
 * when neither SASL nor TLS is NotSupported; dialback over TLS when
 * dialback is on and TLS allowed, except with TLS and SASL both Required
 * (W1: dialback does not operate then); dialback on plain TCP when
 * dialback is on and TLS is not Required. */
static unsigned row_paths(const struct neg_row *r)
{
	unsigned p = 0;

	if (r->sasl != NEG_NOTSUPPORTED && r->tls != NEG_NOTSUPPORTED)
		p |= PATH_SASL;
	if (r->dialback && r->tls != NEG_NOTSUPPORTED &&
	    !(r->tls == NEG_REQUIRED && r->sasl == NEG_REQUIRED))
		p |= PATH_TLS_DB;
	if (r->dialback && r->tls != NEG_REQUIRED)
		p |= PATH_TCP_DB;
	return p;
}

static bool tls_usable(const struct probe_offer *o, const char **why)
{
	if (!o->starttls) {
		*why = _("the server does not offer STARTTLS");
		return false;
	}
	for (int v = 0; v < PROBE_NTLS; v++)
		if (o->tls_ok[v])
			return true;
	*why = _("no TLS handshake succeeded (TLS 1.0, 1.2 and 1.3 were tried)");
	return false;
}

/* A server that admits a peer without a certificate by no means at all:
 * it closed the stream after TLS because the probe showed none (Prosody's
 * s2s_secure_auth), or it offered neither dialback nor EXTERNAL to it. It
 * authenticates servers by certificate only, and then offers EXTERNAL to a
 * peer whose certificate it trusts: the probe, showing none, cannot see
 * that offer, so SASL EXTERNAL with our Edge certificate counts as the way
 * in. Otherwise only seen offers count. */
static bool cert_auth_only(const struct probe_offer *o)
{
	return o->refused || (o->features_tls && !o->dialback_tls && !o->sasl_external);
}

static bool path_sasl(const struct probe_offer *o, const char **why)
{
	if (!o->refused && !o->features_tls)
		*why = _("the stream after TLS failed");
	else if (!o->sasl_external && !cert_auth_only(o))
		*why = _("the server did not offer SASL EXTERNAL to the probe (it may offer it to an "
			 "Edge whose certificate it trusts; the probe shows none)");
	else if (!o->cert_trusted)
		*why = _("SASL EXTERNAL needs a trusted certificate and the server's is not trusted");
	else if (!o->cert_name_ok)
		*why = _("SASL EXTERNAL needs the server's certificate to name the domain, and it "
			 "does not");
	else
		return true;
	return false;
}

/* Whether the server lets path through, from what it offered. */
static bool path_ok(unsigned path, const struct probe_offer *o, const char **why)
{
	if (!o->reached) {
		*why = _("the server could not be asked");
		return false;
	}
	if (path == PATH_TCP_DB) {
		if (o->tls_required)
			*why = _("the server requires TLS");
		else if (!o->dialback_plain)
			*why = _("the server does not offer dialback without TLS");
		return !o->tls_required && o->dialback_plain;
	}
	if (!tls_usable(o, why))
		return false;
	if (path == PATH_SASL)
		return path_sasl(o, why);
	if (o->refused)
		*why = _("the server refuses a peer without a trusted certificate, so dialback "
			 "alone does not get in");
	else if (!o->features_tls)
		*why = _("the stream after TLS failed");
	else if (!o->dialback_tls)
		*why = _("the server does not offer dialback after TLS");
	return !o->refused && o->features_tls && o->dialback_tls;
}

static unsigned feasible(const struct neg_row *r, const struct probe_offer *o, char **why)
{
	static const unsigned order[] = {PATH_SASL, PATH_TLS_DB, PATH_TCP_DB};
	unsigned paths = row_paths(r), good = 0;
	struct strlist reasons = {0};

	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *w = NULL;

		if (!(paths & order[i]))
			continue;
		if (path_ok(order[i], o, &w))
			good |= order[i];
		else if (w && strlist_find_ci(&reasons, w) < 0)
			strlist_push(&reasons, w);
	}
	if (why) {
		*why = NULL;
		if (!good && !paths)
			*why = xstrdup(_("these settings leave no negotiation at all"));
		else if (!good)
			*why = strlist_join(&reasons, "; ");
	}
	strlist_free(&reasons);
	return good;
}

bool probe_row_works(const struct neg_row *r, const struct probe_offer *o, char **why)
{
	return feasible(r, o, why) != 0;
}

static int path_count(unsigned good)
{
	return (good & PATH_SASL ? 1 : 0) + (good & PATH_TLS_DB ? 1 : 0) +
	       (good & PATH_TCP_DB ? 1 : 0);
}

/* Lower is better: OK before WARN; rows 2, 7 and 13 (lync-facts.md's
 * common strict choices) before the rest; more ways in before fewer; then
 * 13 (works most widely), 2, 7, 17, and the table's order. */
static long rank(int row, const struct probe_offer *o)
{
	static const int pref[] = {13, 2, 7, 17};
	const struct neg_row *r = negotiation_row(row);
	long k = 100 + row;

	for (size_t i = 0; i < sizeof pref / sizeof *pref; i++)
		if (pref[i] == row)
			k = (long)i;
	k += (3 - path_count(feasible(r, o, NULL))) * 1000L;
	if (row != 2 && row != 7 && row != 13)
		k += 10000;
	if (r->status != NEG_STATUS_OK)
		k += 100000;
	return k;
}

int probe_best_row(const bool works[18], const struct probe_offer *o)
{
	int best = 0;
	long bk = 0;

	for (int row = 1; row <= 18; row++) {
		long k;

		if (!works[row - 1])
			continue;
		k = rank(row, o);
		if (!best || k < bk) {
			best = row;
			bk = k;
		}
	}
	return best;
}

const char *probe_tls_name(enum probe_tls v)
{
	switch (v) {
	case PROBE_TLS10:
		return "TLS 1.0";
	case PROBE_TLS12:
		return "TLS 1.2";
	case PROBE_TLS13:
		return "TLS 1.3";
	default:
		return "?";
	}
}

/* --- the verdict ------------------------------------------------------------ */

static const char *yes_no(bool b)
{
	return b ? _("yes") : _("no");
}

static void describe_offer(struct probe_result *r)
{
	const struct probe_offer *o = &r->offer;
	struct strlist v = {0};
	char *list;

	strlist_pushf(&r->notes, _("Before TLS: STARTTLS offered: %s; required: %s; dialback "
				   "offered: %s."),
		      yes_no(o->starttls), yes_no(o->tls_required), yes_no(o->dialback_plain));
	if (!o->starttls)
		return;
	for (int k = PROBE_TLS10; k < PROBE_NTLS; k++)
		/* TRANSLATORS: %s is a TLS version ("TLSv1.2"). */
		strlist_pushf(&v, o->tls_ok[k] ? _("%s accepted") : _("%s refused"),
			      probe_tls_name((enum probe_tls)k));
	list = strlist_join(&v, ", ");
	strlist_pushf(&r->notes, _("TLS versions: %s."), list);
	free(list);
	strlist_free(&v);
	for (int k = PROBE_TLS10; k < PROBE_NTLS; k++)
		if (o->tls_error[k])
			strlist_pushf(&r->notes, _("%s: %s."), probe_tls_name((enum probe_tls)k),
				      o->tls_error[k]);
	if (o->features_tls) {
		list = strlist_join(&o->mechanisms, " ");
		strlist_pushf(&r->notes, _("After TLS: SASL mechanisms: %s; dialback offered: %s."),
			      o->mechanisms.n ? list : _("none"), yes_no(o->dialback_tls));
		free(list);
	}
	if (o->features_tls && !o->dialback_tls && !o->sasl_external && !o->refused)
		strlist_push(&r->notes, _("After TLS the server offered the probe no way to "
					  "authenticate (no dialback, no EXTERNAL): it admits servers "
					  "by certificate only, with SASL EXTERNAL for an Edge "
					  "certificate it trusts."));
	if (o->after_tls_error)
		strlist_pushf(&r->notes, _("After TLS: %s."), o->after_tls_error);
	if (o->refused)
		strlist_pushf(&r->notes, _("After TLS the server closed the stream with %s: it "
					   "refuses a peer that shows no trusted certificate "
					   "(the probe shows none), so it authenticates servers by "
					   "certificate (as Prosody's s2s_secure_auth does)."),
			      o->refused);
}

static void describe_cert(struct probe_result *r)
{
	const struct probe_offer *o = &r->offer;
	char *names;

	if (!o->cert_seen)
		return;
	names = strlist_join(&o->cert_names, ", ");
	strlist_pushf(&r->notes, _("Certificate: subject %s, issuer %s, SHA-1 thumbprint %s; "
				   "names: %s."),
		      o->cert_subject, o->cert_issuer, o->cert_thumbprint ? o->cert_thumbprint : "?",
		      o->cert_names.n ? names : _("none"));
	free(names);
	if (o->cert_trusted && o->cert_name_ok) {
		strlist_pushf(&r->notes, _("Certificate: trusted, and valid for %s."), r->domain);
		return;
	}
	if (!o->cert_trusted)
		strlist_pushf(&r->notes, _("Warning: the certificate is not trusted (%s)."),
			      o->cert_error ? o->cert_error : _("unknown reason"));
	if (!o->cert_name_ok)
		strlist_pushf(&r->notes, _("Warning: the certificate does not name %s."), r->domain);
	strlist_push(&r->notes, _("Rows that authenticate by SASL EXTERNAL fail with this "
				  "certificate; rows that use dialback still work (the dialback "
				  "round proves the domain), but the link is not authenticated by "
				  "the certificate."));
}

/* What the TLS versions mean for a Lync 2013 Edge on Windows Server 2008 R2,
 * which speaks TLS 1.0 unless TLS 1.2 is enabled in SChannel. */
static void describe_versions(struct probe_result *r)
{
	const struct probe_offer *o = &r->offer;

	if (!o->starttls)
		return;
	if (o->tls_ok[PROBE_TLS10] && !o->tls_ok[PROBE_TLS12] && !o->tls_ok[PROBE_TLS13])
		strlist_push(&r->notes,
			     _("TLS 1.0 only: a Lync 2013 Edge on an unpatched Windows Server 2008 "
			       "R2 can connect, but TLS 1.0 is obsolete; an Edge with TLS 1.0 "
			       "disabled cannot. Ask the partner to enable TLS 1.2."));
	else if (!o->tls_ok[PROBE_TLS10] && (o->tls_ok[PROBE_TLS12] || o->tls_ok[PROBE_TLS13]))
		strlist_push(&r->notes,
			     _("TLS 1.2 or later only: a Lync 2013 Edge on an unpatched Windows "
			       "Server 2008 R2 speaks TLS 1.0 only and cannot use TLS with this "
			       "server; enable TLS 1.2 in SChannel on the Edge (with the updates "
			       "that add it) before choosing a row with TLS."));
}

static char *row_text(int row)
{
	const struct neg_row *r = negotiation_row(row);

	return xasprintf(_("row %d (TLS %s, SASL %s, dialback %s: %s)"), row, neg_name(r->tls),
			 neg_name(r->sasl), r->dialback ? "True" : "False", _(r->method));
}

static void describe_choice(struct probe_result *r)
{
	char *cur, *best;

	if (!r->current)
		return;
	cur = row_text(r->current);
	if (r->works[r->current - 1]) {
		strlist_pushf(&r->notes, _("The partner's settings, %s, work with this server."),
			      cur);
	} else if (r->best) {
		best = row_text(r->best);
		strlist_pushf(&r->notes, _("The partner's settings, %s, cannot work: %s. Choose "
					   "%s instead: it is the best of the rows that work."),
			      cur, r->why[r->current - 1], best);
		free(best);
	} else {
		strlist_pushf(&r->notes, _("The partner's settings, %s, cannot work: %s. No row "
					   "works with this server."),
			      cur, r->why[r->current - 1]);
	}
	free(cur);
}

/* Whether two thumbprints are the same hex digits: one copied from
 * Windows' certificate dialog comes with spaces (and often an invisible
 * U+200E first), one from certutil with none, one from openssl with
 * colons. */
static bool thumbprint_eq(const char *a, const char *b)
{
	size_t n = 0;

	for (;; a++, b++, n++) {
		while (*a && !isxdigit((unsigned char)*a))
			a++;
		while (*b && !isxdigit((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b && n > 0;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	}
}

/* Our own domain: the Edge must show the imported certificate and it must
 * cover the domain, or partners will refuse us. */
static bool own_checks(struct probe_result *r, const char *want)
{
	const struct probe_offer *o = &r->offer;
	bool ok = o->cert_seen && o->cert_name_ok;

	if (!o->cert_seen) {
		strlist_push(&r->notes, _("Our Edge showed no certificate."));
		return false;
	}
	if (!o->cert_name_ok)
		strlist_pushf(&r->notes, _("Our Edge's certificate does not cover %s: partners "
					   "dialling it will refuse the certificate."),
			      r->domain);
	if (!want) {
		strlist_push(&r->notes, _("No issued certificate is imported in the file, so "
					  "the thumbprint was not compared."));
	} else if (o->cert_thumbprint && thumbprint_eq(want, o->cert_thumbprint)) {
		strlist_pushf(&r->notes, _("Our Edge presents the imported certificate "
					   "(thumbprint %s)."), want);
	} else {
		strlist_pushf(&r->notes, _("Our Edge presents thumbprint %s, not the imported "
					   "certificate's %s: assign the new certificate on the "
					   "Edge."),
			      o->cert_thumbprint ? o->cert_thumbprint : "?", want);
		ok = false;
	}
	return ok;
}

void probe_conclude(struct probe_result *r, const struct partner *p, const char *want)
{
	int nworks = 0;

	for (int row = 1; row <= 18; row++) {
		r->works[row - 1] = probe_row_works(negotiation_row(row), &r->offer,
						    &r->why[row - 1]);
		nworks += r->works[row - 1];
	}
	r->best = probe_best_row(r->works, &r->offer);
	r->current = p ? negotiation_lookup(p->tls, p->sasl, p->dialback)->row : 0;
	if (!r->failure) {
		describe_offer(r);
		describe_cert(r);
		describe_versions(r);
		describe_choice(r);
	}
	if (r->current)
		r->ok = r->works[r->current - 1];
	else
		r->ok = nworks > 0;
	if (r->own && !r->failure)
		r->ok = own_checks(r, want) && r->ok;
}
