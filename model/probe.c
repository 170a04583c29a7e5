/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "probe_int.h"
#include "validate.h"
#include "xalloc.h"

long long probe_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* --- endpoints from DNS --------------------------------------------------- */

static int target_cmp(const void *a, const void *b)
{
	const struct dns_target *x = a, *y = b;

	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	return x->weight == y->weight ? 0 : x->weight > y->weight ? -1 : 1;
}

static void endpoint_add(struct pitem *it, const struct dns_target *t, int family,
			 const char *addr)
{
	struct endpoint *e;

	it->eps = xrealloc(it->eps, (it->neps + 1) * sizeof *it->eps);
	e = &it->eps[it->neps];
	memset(e, 0, sizeof *e);
	if (family == AF_INET) {
		struct sockaddr_in *s = (struct sockaddr_in *)&e->sa;

		s->sin_family = AF_INET;
		s->sin_port = htons(t->port);
		if (inet_pton(AF_INET, addr, &s->sin_addr) != 1)
			return;
		e->len = sizeof *s;
	} else {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&e->sa;

		s->sin6_family = AF_INET6;
		s->sin6_port = htons(t->port);
		if (inet_pton(AF_INET6, addr, &s->sin6_addr) != 1)
			return;
		e->len = sizeof *s;
	}
	e->label = xasprintf("%s [%s]:%u", t->name, addr, t->port);
	it->neps++;
}

/* The targets in priority order (heavier first within one), each
 * target's IPv4 addresses before its IPv6 ones: the addresses DNS gave. */
static void endpoints_build(struct probe *p, size_t i)
{
	struct pitem *it = &p->items[i];
	struct dns_target *ts = NULL, t;
	size_t n = 0;

	while (dnscheck_target(p->dns, i, n, &t)) {
		ts = xrealloc(ts, (n + 1) * sizeof *ts);
		ts[n++] = t;
	}
	if (n)
		qsort(ts, n, sizeof *ts, target_cmp);
	for (size_t j = 0; j < n; j++)
		for (int k = 0; k < 2; k++)
			for (size_t a = 0; a < ts[j].addrs[k]->n; a++)
				endpoint_add(it, &ts[j], k == 0 ? AF_INET : AF_INET6,
					     ts[j].addrs[k]->v[a]);
	if (n && ts[0].fallback)
		strlist_pushf(&it->r.notes,
			      _("No SRV record for _xmpp-server._tcp.%s: the domain itself on "
				"port %d was asked (RFC 6120 3.2.1)."),
			      it->r.domain, XMPP_SERVER_PORT);
	free(ts);
}

/* --- items ---------------------------------------------------------------- */

static bool item_open(const struct pitem *it)
{
	for (int v = 0; v < PROBE_NTLS; v++)
		if (it->c[v].stage != CS_DONE)
			return true;
	return false;
}

/* A connection that got furthest speaks for the server when none
 * reached the features; TLS 1.2's first, the usual version. */
static const struct pconn *first_failure(const struct pitem *it)
{
	static const enum probe_tls order[] = {PROBE_TLS12, PROBE_TLS13, PROBE_TLS10};

	for (size_t i = 0; i < PROBE_NTLS; i++)
		if (it->c[order[i]].fail)
			return &it->c[order[i]];
	return NULL;
}

static void merge_tls(struct pitem *it)
{
	struct probe_offer *o = &it->r.offer;

	for (int v = 0; v < PROBE_NTLS; v++) {
		const struct pconn *c = &it->c[v];

		if (!o->starttls || !c->reached)
			continue;
		if (c->fail && (c->fail_stage == CS_HANDSHAKE || c->fail_stage == CS_PROCEED))
			o->tls_error[v] = xstrdup(c->fail);
		else if (c->fail && c->fail_stage == CS_FEATURES_TLS && !o->after_tls_error &&
			 !o->refused)
			o->after_tls_error = xstrdup(c->fail);
	}
}

static void item_merge(struct probe *p, struct pitem *it)
{
	const struct pconn *f = first_failure(it);

	for (int v = 0; v < PROBE_NTLS; v++)
		if (it->c[v].reached && !it->r.address)
			it->r.address = xstrdup(it->eps[it->c[v].ep].label);
	if (!it->r.offer.reached)
		it->r.failure = xstrdup(f ? f->fail : _("no answer"));
	else
		merge_tls(it);
	probe_conclude(&it->r, it->partner, it->r.own ? p->want_thumbprint : NULL);
	it->r.done = true;
	p->nfinal++;
}

static void item_fail(struct probe *p, struct pitem *it, char *why)
{
	it->r.failure = why;
	probe_conclude(&it->r, it->partner, it->r.own ? p->want_thumbprint : NULL);
	it->r.done = true;
	p->nfinal++;
}

static void item_start(struct probe *p, size_t i)
{
	struct pitem *it = &p->items[i];
	const struct dns_result *dr = dnscheck_result(p->dns, i);

	it->started = true;
	endpoints_build(p, i);
	if (!it->neps) {
		item_fail(p, it, xasprintf(_("DNS gave no address to ask: %s"),
					   dr->detail ? dr->detail : dns_verdict_name(dr->verdict)));
		return;
	}
	it->queued = true;
}

/* Opens the connections that wait, a domain's three together, while the
 * window has room; their time starts now. */
static void pump(struct probe *p)
{
	for (size_t i = 0; i < p->n && p->open + PROBE_NTLS <= PROBE_WINDOW; i++) {
		struct pitem *it = &p->items[i];
		long long end = probe_now_ms() + (long long)p->stage_ms * CONN_STAGES;

		if (!it->queued || it->r.done)
			continue;
		it->queued = false;
		for (int v = 0; v < PROBE_NTLS; v++) {
			it->c[v].end = end;
			it->c[v].opened = true;
			p->open++;
			pconn_connect(&it->c[v]);
		}
	}
}

/* --- the loop --------------------------------------------------------------- */

static size_t fds_build(struct probe *p, size_t *ndns, long long *soonest)
{
	size_t want = dnscheck_pollfds(p->dns, NULL, 0), n;

	for (size_t i = 0; i < p->n; i++)
		want += PROBE_NTLS;
	p->fds = xgrow(p->fds, &p->fcap, want + 1, sizeof *p->fds);
	p->fdconn = xrealloc(p->fdconn, p->fcap * sizeof *p->fdconn);
	n = *ndns = dnscheck_pollfds(p->dns, p->fds, p->fcap);
	for (size_t i = 0; i < p->n; i++)
		for (int v = 0; v < PROBE_NTLS; v++) {
			struct pconn *c = &p->items[i].c[v];

			if (c->fd < 0 || c->stage == CS_DONE || c->stage == CS_IDLE)
				continue;
			p->fds[n].fd = c->fd;
			p->fds[n].events = pconn_events(c);
			p->fds[n].revents = 0;
			p->fdconn[n++] = c;
			if (c->stage_end < *soonest)
				*soonest = c->stage_end;
			if (c->end < *soonest)
				*soonest = c->end;
		}
	return n;
}

static void items_settle(struct probe *p, long long now)
{
	for (size_t i = 0; i < p->n; i++)
		if (!p->items[i].r.done && !p->items[i].started &&
		    dnscheck_result(p->dns, i)->verdict != DNSV_PENDING)
			item_start(p, i);
	pump(p);
	for (size_t i = 0; i < p->n; i++) {
		struct pitem *it = &p->items[i];

		if (it->r.done || !it->started || it->queued)
			continue;
		for (int v = 0; v < PROBE_NTLS; v++)
			pconn_deadline(&it->c[v], now);
		if (!item_open(it))
			item_merge(p, it);
	}
}

/* DNS's time is up: a domain still without its answer ends here. One
 * already answered is left to its connections, each bounded from when it
 * opens: those waiting for room in the window have not been asked yet. */
static void dns_out(struct probe *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct pitem *it = &p->items[i];

		if (!it->r.done && !it->started)
			item_fail(p, it, xasprintf(_("no DNS answer within %d ms"),
						   (int)(p->end - p->start)));
	}
	p->dns_over = true;
}

size_t probe_process(struct probe *p, int timeout_ms)
{
	long long now = probe_now_ms(), soonest = now + timeout_ms;
	size_t ndns, n;
	int wait, ready;

	if (probe_done(p))
		return p->nfinal;
	if (!p->dns_over && p->end < soonest)
		soonest = p->end;
	n = fds_build(p, &ndns, &soonest);
	wait = soonest > now ? (int)(soonest - now) : 0;
	wait = dnscheck_wait_ms(p->dns, wait);
	ready = poll(p->fds, n, wait);
	dnscheck_dispatch(p->dns, p->fds, ndns, ready);
	for (size_t i = ndns; ready > 0 && i < n; i++)
		if (p->fds[i].revents && p->fdconn[i]->stage != CS_DONE)
			pconn_step(p->fdconn[i], p->fds[i].revents);
	now = probe_now_ms();
	items_settle(p, now);
	if (!p->dns_over && now >= p->end)
		dns_out(p);
	return p->nfinal;
}

/* --- set-up ----------------------------------------------------------------- */

static void item_add(struct probe *p, const struct deployment *d, const char *domain, bool own)
{
	struct pitem *it = &p->items[p->n++];
	long pi = own ? -1 : deployment_find_domain(d, domain, -1);

	memset(it, 0, sizeof *it);
	it->r.domain = xstrdup(domain);
	it->r.own = own;
	it->r.partner = pi;
	if (pi >= 0)
		it->partner = partner_clone(d->partners[pi]);
	for (int v = 0; v < PROBE_NTLS; v++) {
		it->c[v].p = p;
		it->c[v].it = it;
		it->c[v].v = (enum probe_tls)v;
		it->c[v].fd = -1;
	}
}

static const struct strlist *own_domains(const struct deployment *d)
{
	return d->topo.xmpp_domains.n ? &d->topo.xmpp_domains : &d->topo.sip_domains;
}

/* The domains asked for, or every partner's and ours; each once. */
static void domains_pick(const struct deployment *d, const struct probe_options *o,
			 struct strlist *names)
{
	if (o->domains && o->domains->n) {
		for (size_t i = 0; i < o->domains->n; i++)
			if (strlist_find_ci(names, o->domains->v[i]) < 0)
				strlist_push(names, o->domains->v[i]);
		return;
	}
	for (size_t i = 0; i < d->npartners; i++) {
		const struct partner *pt = d->partners[i];

		if (pt->domain && pt->domain[0] && strlist_find_ci(names, pt->domain) < 0)
			strlist_push(names, pt->domain);
		for (size_t j = 0; j < pt->additional_domains.n; j++)
			if (strlist_find_ci(names, pt->additional_domains.v[j]) < 0)
				strlist_push(names, pt->additional_domains.v[j]);
	}
	for (size_t i = 0; i < own_domains(d)->n; i++)
		if (strlist_find_ci(names, own_domains(d)->v[i]) < 0)
			strlist_push(names, own_domains(d)->v[i]);
}

static int from_pick(struct probe *p, const struct deployment *d, char **err)
{
	const struct strlist *own = own_domains(d);

	if (!own->n || !own->v[0][0] || strpbrk(own->v[0], "'<>&\"")) {
		*err = xstrdup(_("no XMPP or SIP domain of ours in the file to open the stream "
				 "from: add one to the topology"));
		return -1;
	}
	p->from = xstrdup(own->v[0]);
	return 0;
}

static void items_build(struct probe *p, const struct deployment *d, const struct strlist *names)
{
	p->items = xcalloc(names->n ? names->n : 1, sizeof *p->items);
	for (size_t i = 0; i < names->n; i++)
		item_add(p, d, names->v[i], strlist_find_ci(own_domains(d), names->v[i]) >= 0);
	if (d->cert.issued.thumbprint && d->cert.issued.thumbprint[0])
		p->want_thumbprint = xstrdup(d->cert.issued.thumbprint);
}

int probe_start(const struct deployment *d, const struct probe_options *o, struct probe **out,
		char **err)
{
	struct probe *p = xcalloc(1, sizeof *p);
	struct dnscheck_options dopt;
	struct strlist names = {0};
	int rc = -1;

	*out = NULL;
	p->stage_ms = o->timeout_ms > 0 ? o->timeout_ms : PROBE_DEFAULT_TIMEOUT_MS;
	p->start = probe_now_ms();
	domains_pick(d, o, &names);
	/* Only a DNS name goes into the query and the stream header: a quote
	 * or an angle bracket would break the header, a control character
	 * the terminal that shows the error. */
	for (size_t i = 0; i < names.n; i++) {
		char *why = NULL;

		if (validate_dns_name(names.v[i], &why) == VALID_ERR) {
			*err = diag_escape(why);
			free(why);
			goto out;
		}
		free(why);
	}
	if (from_pick(p, d, err) < 0 || ptls_init(&p->tls, o->ca_file, err) < 0)
		goto out;
	memset(&dopt, 0, sizeof dopt);
	dopt.server = o->server;
	dopt.timeout_ms = p->stage_ms;
	dopt.resolv_conf = o->resolv_conf;
	dopt.domains = &names;
	dopt.fallback = true;
	if (dnscheck_start(d, &dopt, &p->dns, err) < 0)
		goto out;
	items_build(p, d, &names);
	/* The DNS check bounds each query itself and sends at most a window
	 * of them at once: its bound grows with the domains it queues. */
	p->end = probe_now_ms() +
		 (long long)p->stage_ms * DNS_STAGES * (1 + (long long)names.n / DNS_WAVE);
	rc = 0;
out:
	strlist_free(&names);
	if (rc < 0)
		probe_free(p);
	else
		*out = p;
	return rc;
}

/* --- the rest of the interface ---------------------------------------------- */

bool probe_done(const struct probe *p)
{
	return p->nfinal >= p->n;
}

size_t probe_count(const struct probe *p)
{
	return p->n;
}

const struct probe_result *probe_result(const struct probe *p, size_t i)
{
	return i < p->n ? &p->items[i].r : NULL;
}

void probe_cancel(struct probe *p)
{
	if (probe_done(p) || p->cancelled)
		return;
	p->cancelled = true;
	dnscheck_cancel(p->dns);
	for (size_t i = 0; i < p->n; i++) {
		struct pitem *it = &p->items[i];

		if (it->r.done)
			continue;
		for (int v = 0; v < PROBE_NTLS; v++)
			if (it->c[v].stage != CS_DONE)
				pconn_finish(&it->c[v], it->c[v].stage, xstrdup(_("cancelled")));
		if (it->r.offer.reached)
			item_merge(p, it);
		else
			item_fail(p, it, xstrdup(_("cancelled")));
	}
}

static void offer_free(struct probe_offer *o)
{
	strlist_free(&o->mechanisms);
	strlist_free(&o->cert_names);
	free(o->after_tls_error);
	free(o->refused);
	free(o->cert_error);
	free(o->cert_subject);
	free(o->cert_issuer);
	free(o->cert_thumbprint);
	for (int v = 0; v < PROBE_NTLS; v++)
		free(o->tls_error[v]);
}

static void item_free(struct pitem *it)
{
	for (int v = 0; v < PROBE_NTLS; v++) {
		pconn_close(&it->c[v]);
		free(it->c[v].fail);
	}
	for (size_t j = 0; j < it->neps; j++)
		free(it->eps[j].label);
	free(it->eps);
	partner_free(it->partner);
	free(it->r.domain);
	free(it->r.failure);
	free(it->r.address);
	offer_free(&it->r.offer);
	for (int k = 0; k < 18; k++)
		free(it->r.why[k]);
	strlist_free(&it->r.notes);
}

void probe_free(struct probe *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		item_free(&p->items[i]);
	free(p->items);
	dnscheck_free(p->dns);
	ptls_free(&p->tls);
	free(p->from);
	free(p->want_thumbprint);
	free(p->fds);
	free(p->fdconn);
	free(p);
}
