/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnscheck_int.h"
#include "i18n.h"
#include "xalloc.h"

static const char *const verdict_names[] = {
	[DNSV_PENDING] = "PENDING",
	[DNSV_OK] = "OK",
	[DNSV_NXDOMAIN] = "NXDOMAIN",
	[DNSV_NORECORD] = "NORECORD",
	[DNSV_SERVFAIL] = "SERVFAIL",
	[DNSV_TIMEOUT] = "TIMEOUT",
	[DNSV_WRONG_TARGET] = "WRONG_TARGET",
	[DNSV_WRONG_PORT] = "WRONG_PORT",
	[DNSV_NO_ADDRESS] = "NO_ADDRESS",
	[DNSV_BAD_TARGET] = "BAD_TARGET",
	[DNSV_OWN_EDGE] = "OWN_EDGE",
	[DNSV_ERROR] = "ERROR",
};

/* With several SRV records the one closest to working speaks for the
 * domain: lower is closer. A partner record that sends federation back to
 * our own Access Edge speaks first: whatever else works, that one loops. */
static const int verdict_rank[] = {
	[DNSV_OWN_EDGE] = 0,
	[DNSV_OK] = 1,
	[DNSV_WRONG_PORT] = 2,
	[DNSV_NO_ADDRESS] = 3,
	[DNSV_WRONG_TARGET] = 4,
	[DNSV_BAD_TARGET] = 5,
	[DNSV_TIMEOUT] = 6,
	[DNSV_SERVFAIL] = 7,
	[DNSV_ERROR] = 8,
	[DNSV_NORECORD] = 9,
	[DNSV_NXDOMAIN] = 10,
	[DNSV_PENDING] = 11,
};

const char *dns_verdict_name(enum dns_verdict v)
{
	if ((size_t)v >= sizeof verdict_names / sizeof *verdict_names)
		return "?";
	return verdict_names[v];
}

enum dns_verdict dnscheck_status_verdict(int status, const char **why)
{
	switch (status) {
	case ARES_ENOTFOUND:
		*why = _("no such domain");
		return DNSV_NXDOMAIN;
	case ARES_ENODATA:
		*why = _("the name exists but has no record of this type");
		return DNSV_NORECORD;
	case ARES_ESERVFAIL:
		*why = _("server failure");
		return DNSV_SERVFAIL;
	case ARES_EREFUSED:
		*why = _("refused");
		return DNSV_SERVFAIL;
	case ARES_ETIMEOUT:
		*why = _("no answer in time");
		return DNSV_TIMEOUT;
	case ARES_ECONNREFUSED:
		*why = _("connection refused: nothing answers on the server's port");
		return DNSV_ERROR;
	case ARES_ECANCELLED:
	case ARES_EDESTRUCTION:
		*why = _("cancelled");
		return DNSV_ERROR;
	default:
		*why = ares_strerror(status);
		return DNSV_ERROR;
	}
}

static bool has_addr(const struct dc_lookup *l)
{
	return l->addrs[0].n || l->addrs[1].n;
}

/* Why a lookup found no address: none published, or the queries failed. */
static enum dns_verdict noaddr_verdict(const struct dc_lookup *l, const char **why)
{
	*why = NULL;
	for (int k = 0; k < 2; k++) {
		int st = l->status[k];

		if (st != ARES_SUCCESS && st != ARES_ENOTFOUND && st != ARES_ENODATA)
			return dnscheck_status_verdict(st, why);
	}
	return DNSV_NO_ADDRESS;
}

/* The target reaches the same host as the expected target: each of its
 * addresses is one of the expected target's. */
static bool same_host(const struct dnscheck *c, const struct dc_lookup *l)
{
	const struct dc_lookup *e = &c->lookups[c->edge];

	if (!has_addr(l) || !has_addr(e))
		return false;
	for (int k = 0; k < 2; k++)
		for (size_t j = 0; j < l->addrs[k].n; j++)
			if (strlist_find_ci(&e->addrs[k], l->addrs[k].v[j]) < 0)
				return false;
	return true;
}

static enum dns_verdict record_verdict(const struct dnscheck *c, const struct dc_item *it,
				       const struct dc_srv *s)
{
	const struct dc_lookup *l;
	const char *why;

	if (s->bad)
		return DNSV_BAD_TARGET;
	if (s->lookup == DC_NONE)
		return DNSV_NORECORD;
	l = &c->lookups[s->lookup];
	if (it->r.subject == DNS_PARTNER && c->edge != DC_NONE && !s->fallback &&
	    (s->lookup == c->edge || same_host(c, l)))
		return DNSV_OWN_EDGE;
	/* Whether or not the target has an address, a server record on the
	 * client port is the thing to fix first. */
	if (s->port == XMPP_CLIENT_PORT)
		return DNSV_WRONG_PORT;
	if (!has_addr(l))
		return noaddr_verdict(l, &why);
	if (it->r.subject == DNS_OWN && s->lookup != c->edge && !same_host(c, l))
		return DNSV_WRONG_TARGET;
	return s->port == XMPP_SERVER_PORT ? DNSV_OK : DNSV_WRONG_PORT;
}

/* "name A 192.0.2.1, 192.0.2.2 AAAA 2001:db8::1", or why there is none. */
static char *lookup_text(const struct dc_lookup *l)
{
	static const char *const rr[2] = {"A", "AAAA"};
	const char *why;
	char *s;

	if (!has_addr(l)) {
		if (noaddr_verdict(l, &why) == DNSV_NO_ADDRESS)
			return xasprintf(_("%s: no A/AAAA record"), l->name);
		return xasprintf("%s A/AAAA: %s", l->name, why);
	}
	s = xstrdup(l->name);
	for (int k = 0; k < 2; k++) {
		char *list, *t;

		if (!l->addrs[k].n)
			continue;
		list = strlist_join(&l->addrs[k], ", ");
		t = xasprintf("%s %s %s", s, rr[k], list);
		free(list);
		free(s);
		s = t;
	}
	return s;
}

static bool lookup_seen(const struct dc_item *it, size_t upto, size_t li)
{
	for (size_t j = 0; j < upto; j++)
		if (it->srv[j].lookup == li)
			return true;
	return false;
}

/* The records, then each target's addresses, as found. */
static void describe_found(const struct dnscheck *c, struct dc_item *it, struct strlist *parts)
{
	for (size_t j = 0; j < it->nsrv; j++) {
		const struct dc_srv *s = &it->srv[j];

		strlist_push_owned(&it->r.records,
				   xasprintf("%u %u %u %s", s->prio, s->weight, s->port, s->target));
		strlist_push_owned(parts, xasprintf("%s SRV %u %u %u %s", it->r.query, s->prio,
						    s->weight, s->port, s->target));
	}
	for (size_t j = 0; j < it->nsrv; j++) {
		const struct dc_lookup *l;

		if (it->srv[j].lookup == DC_NONE || lookup_seen(it, j, it->srv[j].lookup))
			continue;
		l = &c->lookups[it->srv[j].lookup];
		strlist_push_owned(parts, lookup_text(l));
		for (int k = 0; k < 2; k++)
			for (size_t a = 0; a < l->addrs[k].n; a++)
				if (strlist_find_ci(&it->r.addresses, l->addrs[k].v[a]) < 0)
					strlist_push(&it->r.addresses, l->addrs[k].v[a]);
	}
}

static char *expected_text(const struct dnscheck *c)
{
	const struct dc_lookup *e = &c->lookups[c->edge];
	struct strlist all = {0};
	const char *why;
	char *list, *s;

	if (!has_addr(e) && noaddr_verdict(e, &why) == DNSV_NO_ADDRESS)
		return xasprintf(_("expected %s (which has no address)"), c->edge_name);
	if (!has_addr(e))
		return xasprintf(_("expected %s (its addresses: %s)"), c->edge_name, why);
	for (int k = 0; k < 2; k++)
		for (size_t a = 0; a < e->addrs[k].n; a++)
			strlist_push(&all, e->addrs[k].v[a]);
	list = strlist_join(&all, ", ");
	s = xasprintf(_("expected %s or a name with its addresses (%s)"), c->edge_name, list);
	free(list);
	strlist_free(&all);
	return s;
}

/* What the administrator should look at, after the facts. */
static void describe_verdict(const struct dnscheck *c, enum dns_verdict v,
			     const struct dc_srv *best, struct strlist *parts)
{
	switch (v) {
	case DNSV_WRONG_PORT:
		if (best->port == XMPP_CLIENT_PORT)
			strlist_push_owned(parts, xasprintf(_("port %u, expected %d: %u is XMPP's "
							      "client port, servers federate on %d"),
							    best->port, XMPP_SERVER_PORT,
							    best->port, XMPP_SERVER_PORT));
		else
			strlist_push_owned(parts, xasprintf(_("port %u, expected %d"), best->port,
							    XMPP_SERVER_PORT));
		break;
	case DNSV_BAD_TARGET:
		strlist_push_owned(parts, xasprintf(_("the target \"%s\" is not a host name "
						      "(letters, digits, hyphens and dots only); "
						      "it was not looked up"), best->target));
		break;
	case DNSV_OWN_EDGE:
		strlist_push_owned(parts, xasprintf(_("the target %s is our own Access Edge "
						      "(%s): the partner's record sends federation "
						      "back to us"), best->target, c->edge_name));
		break;
	case DNSV_WRONG_TARGET:
		strlist_push_owned(parts, expected_text(c));
		break;
	case DNSV_NORECORD:
		strlist_push(parts, _("the target \".\" says the domain offers no XMPP federation"));
		break;
	default:
		break;
	}
}

static void judge_failed(const struct dnscheck *c, struct dc_item *it)
{
	const char *why;

	it->r.verdict = dnscheck_status_verdict(it->srv_status, &why);
	if (it->r.verdict == DNSV_TIMEOUT)
		it->r.detail = xasprintf(_("%s SRV: no answer within %d ms"), it->r.query,
					 c->timeout_ms);
	else
		it->r.detail = xasprintf("%s SRV: %s", it->r.query, why);
}

void dnscheck_judge(struct dnscheck *c, size_t i)
{
	struct dc_item *it = &c->items[i];
	struct strlist parts = {0};
	enum dns_verdict v = DNSV_NORECORD;
	const struct dc_srv *best = NULL;

	if (it->srv_status == ARES_SUCCESS && it->nsrv == 0)
		it->srv_status = ARES_ENODATA;
	if (it->srv_status != ARES_SUCCESS) {
		judge_failed(c, it);
		return;
	}
	for (size_t j = 0; j < it->nsrv; j++) {
		enum dns_verdict rv = record_verdict(c, it, &it->srv[j]);

		if (!best || verdict_rank[rv] < verdict_rank[v]) {
			v = rv;
			best = &it->srv[j];
		}
	}
	describe_found(c, it, &parts);
	describe_verdict(c, v, best, &parts);
	it->r.verdict = v;
	it->r.detail = strlist_join(&parts, "; ");
	strlist_free(&parts);
}
