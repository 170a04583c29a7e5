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

#include "i18n.h"
#include "probe_int.h"
#include "xalloc.h"

/* A connection gets this many stage bounds in all; the run gets DNS (SRV
 * then addresses: two) plus one connection's, and a margin of one. */
#define CONN_STAGES 5
#define RUN_STAGES (2 + CONN_STAGES + 1)
#define READ_CHUNK 4096

enum cstage { CS_IDLE, CS_CONNECT, CS_FEATURES, CS_PROCEED, CS_HANDSHAKE, CS_FEATURES_TLS,
	      CS_DONE };

struct endpoint {
	struct sockaddr_storage sa;
	socklen_t len;
	char *label;           /* "target [addr]:port" */
};

struct pitem;

struct pconn {
	struct probe *p;
	struct pitem *it;
	enum probe_tls v;
	enum cstage stage;
	int fd;
	SSL *ssl;
	bool ssl_wants_write;
	size_t ep;             /* endpoint in use */
	long long stage_end, end;
	size_t bytes;
	struct px x;
	char out[512];
	size_t outlen, outoff;
	char *fail;            /* why it stopped short (raw), NULL when it finished */
	enum cstage fail_stage;
	bool reached;
};

struct pitem {
	struct probe_result r;
	struct partner *partner; /* a copy: the caller's file may change meanwhile */
	struct endpoint *eps;
	size_t neps;
	bool started;
	struct pconn c[PROBE_NTLS];
};

struct probe {
	struct dnscheck *dns;
	struct ptls tls;
	char *from;
	char *want_thumbprint;
	int stage_ms;
	long long end;
	struct pitem *items;
	size_t n, nfinal;
	bool cancelled;
	struct pollfd *fds;
	struct pconn **fdconn;
	size_t fcap;
};

static long long now_ms(void)
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

/* --- connections ---------------------------------------------------------- */

static void conn_close(struct pconn *c)
{
	if (c->ssl) {
		SSL_free(c->ssl);
		c->ssl = NULL;
	}
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
	px_free(&c->x);
	ERR_clear_error();
}

static void conn_stage(struct pconn *c, enum cstage s)
{
	c->stage = s;
	c->stage_end = now_ms() + c->p->stage_ms;
}

static void conn_finish(struct pconn *c, enum cstage at, char *why)
{
	conn_close(c);
	c->fail = why;
	c->fail_stage = at;
	c->stage = CS_DONE;
}

static const char *stage_waiting(enum cstage s)
{
	switch (s) {
	case CS_CONNECT:
		return _("the TCP connection");
	case CS_FEATURES:
		return _("the stream features");
	case CS_PROCEED:
		return _("the answer to STARTTLS");
	case CS_HANDSHAKE:
		return _("the TLS handshake");
	default:
		return _("the stream features after TLS");
	}
}

static void conn_connect(struct pconn *c);

/* The next address, or the end with why (owned). */
static void conn_next(struct pconn *c, char *why)
{
	conn_close(c);
	c->ep++;
	if (c->ep < c->it->neps && now_ms() < c->end) {
		free(why);
		conn_connect(c);
	} else {
		conn_finish(c, CS_CONNECT, why);
	}
}

static void conn_connect(struct pconn *c)
{
	const struct endpoint *e = &c->it->eps[c->ep];
	int fd = socket(e->sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	c->fd = fd;
	conn_stage(c, CS_CONNECT);
	if (fd < 0 ||
	    (connect(fd, (const struct sockaddr *)&e->sa, e->len) < 0 && errno != EINPROGRESS))
		conn_next(c, xasprintf(_("cannot connect to %s: %s"), e->label, strerror(errno)));
}

static void queue_out(struct pconn *c, const char *s)
{
	size_t n = strlen(s);

	if (c->outlen - c->outoff + n > sizeof c->out)
		return;
	memmove(c->out, c->out + c->outoff, c->outlen - c->outoff);
	c->outlen -= c->outoff;
	c->outoff = 0;
	memcpy(c->out + c->outlen, s, n);
	c->outlen += n;
}

/* To our own Edge the stream goes without a from: a server refuses a
 * stream from a domain it serves itself, and the probe is not a server of
 * some other domain (RFC 6120 4.7.1 lets an initiator leave it out). */
static void queue_header(struct pconn *c)
{
	char hdr[sizeof c->out], from[300] = "";

	if (!c->it->r.own)
		snprintf(from, sizeof from, "from='%s' ", c->p->from);
	snprintf(hdr, sizeof hdr,
		 "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
		 "xmlns:stream='http://etherx.jabber.org/streams' "
		 "xmlns:db='jabber:server:dialback' %sto='%s' version='1.0'>",
		 from, c->it->r.domain);
	queue_out(c, hdr);
}

/* Sends what waits; false when the connection ended. */
static bool conn_flush(struct pconn *c)
{
	while (c->outoff < c->outlen) {
		size_t n = c->outlen - c->outoff;
		ssize_t w;

		if (c->ssl) {
			int r = SSL_write(c->ssl, c->out + c->outoff, (int)n);

			c->ssl_wants_write = r <= 0 && SSL_get_error(c->ssl, r) == SSL_ERROR_WANT_WRITE;
			if (r <= 0 && !c->ssl_wants_write && SSL_get_error(c->ssl, r) != SSL_ERROR_WANT_READ)
				goto lost;
			if (r <= 0)
				return true;
			w = r;
		} else {
			w = send(c->fd, c->out + c->outoff, n, MSG_NOSIGNAL);
			if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
				return true;
			if (w < 0)
				goto lost;
		}
		c->outoff += (size_t)w;
	}
	c->outoff = c->outlen = 0;
	return true;
lost:
	conn_finish(c, c->stage, xasprintf(_("the server closed the connection while we sent "
					     "(waiting for %s)"), stage_waiting(c->stage)));
	return false;
}

static void start_stream(struct pconn *c, enum cstage s)
{
	px_free(&c->x);
	px_init(&c->x);
	queue_header(c);
	conn_stage(c, s);
	conn_flush(c);
}

static void on_connected(struct pconn *c)
{
	int err = 0;
	socklen_t len = sizeof err;

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err) {
		conn_next(c, xasprintf(_("cannot connect to %s: %s"), c->it->eps[c->ep].label,
				       strerror(err)));
		return;
	}
	start_stream(c, CS_FEATURES);
}

static void handshake(struct pconn *c)
{
	int r = SSL_connect(c->ssl), e;
	unsigned long code;

	if (r == 1) {
		c->it->r.offer.tls_ok[c->v] = true;
		ptls_examine(&c->p->tls, c->ssl, c->it->r.domain, &c->it->r.offer);
		start_stream(c, CS_FEATURES_TLS);
		return;
	}
	e = SSL_get_error(c->ssl, r);
	c->ssl_wants_write = e == SSL_ERROR_WANT_WRITE;
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
		return;
	code = ERR_peek_last_error();
	conn_finish(c, CS_HANDSHAKE,
		    code ? xasprintf(_("handshake refused: %s"),
				     ERR_reason_error_string(code))
			 : xstrdup(_("handshake refused: the server closed the connection")));
}

static void start_tls(struct pconn *c)
{
	c->ssl = SSL_new(c->p->tls.ctx[c->v]);
	if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1) {
		conn_finish(c, CS_HANDSHAKE, xstrdup(_("cannot set up TLS (out of memory)")));
		return;
	}
	SSL_set_tlsext_host_name(c->ssl, c->it->r.domain);
	SSL_set_connect_state(c->ssl);
	px_free(&c->x);
	conn_stage(c, CS_HANDSHAKE);
	handshake(c);
}

static void features_plain(struct pconn *c)
{
	struct probe_offer *o = &c->it->r.offer;

	c->reached = true;
	o->reached = true;
	o->starttls = o->starttls || c->x.starttls;
	o->tls_required = o->tls_required || (c->x.starttls && c->x.required);
	o->dialback_plain = o->dialback_plain || c->x.dialback || c->x.db_ns;
	if (!c->x.starttls) {
		conn_finish(c, CS_FEATURES, NULL);
		return;
	}
	queue_out(c, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
	conn_stage(c, CS_PROCEED);
	conn_flush(c);
}

static void features_tls(struct pconn *c)
{
	struct probe_offer *o = &c->it->r.offer;

	o->features_tls = true;
	o->dialback_tls = o->dialback_tls || c->x.dialback || c->x.db_ns;
	for (size_t i = 0; i < c->x.mechs.n; i++) {
		if (strlist_find_ci(&o->mechanisms, c->x.mechs.v[i]) < 0)
			strlist_push(&o->mechanisms, c->x.mechs.v[i]);
		if (strcmp(c->x.mechs.v[i], "EXTERNAL") == 0)
			o->sasl_external = true;
	}
	queue_out(c, "</stream:stream>");
	conn_flush(c);
	conn_finish(c, CS_FEATURES_TLS, NULL);
}

static void stream_error(struct pconn *c)
{
	char *what = xasprintf("<%s/>%s%s", c->x.cond ? c->x.cond : "undefined-condition",
			       c->x.text ? " " : "", c->x.text ? c->x.text : "");

	if (c->stage == CS_FEATURES_TLS && !c->it->r.offer.refused)
		c->it->r.offer.refused = xstrdup(what);
	conn_finish(c, c->stage, xasprintf(_("the server closed the stream with %s"), what));
	free(what);
}

/* Acts on what the parser completed. */
static void xml_event(struct pconn *c)
{
	if (c->x.error) {
		conn_finish(c, c->stage, xstrdup(c->x.error));
		return;
	}
	switch (c->x.event) {
	case PX_FEATURES:
		if (c->stage == CS_FEATURES)
			features_plain(c);
		else if (c->stage == CS_FEATURES_TLS)
			features_tls(c);
		break;
	case PX_PROCEED:
		if (c->stage == CS_PROCEED)
			start_tls(c);
		break;
	case PX_TLS_FAILURE:
		conn_finish(c, c->stage, xstrdup(_("the server answered STARTTLS with <failure/>")));
		break;
	case PX_STREAM_ERROR:
		stream_error(c);
		break;
	default:
		break;
	}
}

/* Reads one chunk; <= 0 like recv, with -2 for "try later". */
static ssize_t conn_read(struct pconn *c, char *buf, size_t len)
{
	ssize_t n;
	int r, e;

	if (!c->ssl) {
		n = recv(c->fd, buf, len, 0);
		return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? -2 : n;
	}
	r = SSL_read(c->ssl, buf, (int)len);
	if (r > 0)
		return r;
	e = SSL_get_error(c->ssl, r);
	c->ssl_wants_write = e == SSL_ERROR_WANT_WRITE;
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
		return -2;
	return e == SSL_ERROR_ZERO_RETURN ? 0 : -1;
}

static void conn_input(struct pconn *c)
{
	char buf[READ_CHUNK];

	while (c->stage == CS_FEATURES || c->stage == CS_PROCEED || c->stage == CS_FEATURES_TLS) {
		enum cstage at = c->stage;
		ssize_t n = conn_read(c, buf, sizeof buf);

		if (n == -2)
			return;
		if (n <= 0) {
			conn_finish(c, at, xasprintf(_("the server closed the connection while we "
						       "waited for %s"), stage_waiting(at)));
			return;
		}
		c->bytes += (size_t)n;
		if (c->bytes > PROBE_MAX_BYTES) {
			conn_finish(c, at, xasprintf(_("the server sent more than %d KiB while we "
						       "waited for %s: stopped reading"),
						     PROBE_MAX_BYTES / 1024, stage_waiting(at)));
			return;
		}
		px_feed(&c->x, buf, (size_t)n);
		xml_event(c);
	}
}

static void conn_step(struct pconn *c, short revents)
{
	if (c->stage == CS_CONNECT) {
		if (revents & (POLLOUT | POLLERR | POLLHUP))
			on_connected(c);
		return;
	}
	if ((revents & POLLOUT) && c->outoff < c->outlen && !conn_flush(c))
		return;
	if (c->stage == CS_HANDSHAKE)
		handshake(c);
	else if (revents & (POLLIN | POLLERR | POLLHUP))
		conn_input(c);
}

static void conn_deadline(struct pconn *c, long long now)
{
	if (c->stage == CS_DONE || c->stage == CS_IDLE)
		return;
	if (now >= c->end || now >= c->stage_end) {
		char *why = now >= c->end
				    ? xasprintf(_("no verdict within %lld ms (the server answers "
						  "too slowly) while waiting for %s"),
						(long long)c->p->stage_ms * CONN_STAGES,
						stage_waiting(c->stage))
				    : xasprintf(_("no answer within %d ms while waiting for %s"),
						c->p->stage_ms, stage_waiting(c->stage));

		if (c->stage == CS_CONNECT)
			conn_next(c, why);
		else
			conn_finish(c, c->stage, why);
	}
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
	long long end = now_ms() + (long long)p->stage_ms * CONN_STAGES;

	it->started = true;
	endpoints_build(p, i);
	if (!it->neps) {
		item_fail(p, it, xasprintf(_("DNS gave no address to ask: %s"),
					   dr->detail ? dr->detail : dns_verdict_name(dr->verdict)));
		return;
	}
	for (int v = 0; v < PROBE_NTLS; v++) {
		struct pconn *c = &it->c[v];

		c->end = end;
		conn_connect(c);
	}
}

/* --- the loop --------------------------------------------------------------- */

static short conn_events(const struct pconn *c)
{
	short ev = 0;

	if (c->stage == CS_CONNECT)
		return POLLOUT;
	if (c->outoff < c->outlen || c->ssl_wants_write)
		ev |= POLLOUT;
	if (!c->ssl_wants_write)
		ev |= POLLIN;
	return ev;
}

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
			p->fds[n].events = conn_events(c);
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
	for (size_t i = 0; i < p->n; i++) {
		struct pitem *it = &p->items[i];

		if (it->r.done)
			continue;
		if (!it->started && dnscheck_result(p->dns, i)->verdict != DNSV_PENDING)
			item_start(p, i);
		if (!it->started || it->r.done)
			continue;
		for (int v = 0; v < PROBE_NTLS; v++)
			conn_deadline(&it->c[v], now);
		if (!item_open(it))
			item_merge(p, it);
	}
}

static void run_out(struct probe *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct pitem *it = &p->items[i];

		if (it->r.done)
			continue;
		if (!it->started) {
			item_fail(p, it, xasprintf(_("no DNS answer within %d ms"),
						   p->stage_ms * RUN_STAGES));
			continue;
		}
		for (int v = 0; v < PROBE_NTLS; v++)
			if (it->c[v].stage != CS_DONE)
				conn_finish(&it->c[v], it->c[v].stage,
					    xasprintf(_("no verdict within %d ms"),
						      p->stage_ms * RUN_STAGES));
		item_merge(p, it);
	}
}

size_t probe_process(struct probe *p, int timeout_ms)
{
	long long now = now_ms(), soonest = now + timeout_ms;
	size_t ndns, n;
	int wait, ready;

	if (probe_done(p))
		return p->nfinal;
	if (p->end < soonest)
		soonest = p->end;
	n = fds_build(p, &ndns, &soonest);
	wait = soonest > now ? (int)(soonest - now) : 0;
	wait = dnscheck_wait_ms(p->dns, wait);
	ready = poll(p->fds, n, wait);
	dnscheck_dispatch(p->dns, p->fds, ndns, ready);
	for (size_t i = ndns; ready > 0 && i < n; i++)
		if (p->fds[i].revents && p->fdconn[i]->stage != CS_DONE)
			conn_step(p->fdconn[i], p->fds[i].revents);
	now = now_ms();
	items_settle(p, now);
	if (now >= p->end)
		run_out(p);
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
	p->end = now_ms() + (long long)p->stage_ms * RUN_STAGES;
	domains_pick(d, o, &names);
	/* A name with a quote or an angle bracket would break the header. */
	for (size_t i = 0; i < names.n; i++)
		if (!names.v[i][0] || strpbrk(names.v[i], "'<>&\" \t")) {
			*err = xasprintf(_("\"%s\" is not a domain name"), names.v[i]);
			goto out;
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
				conn_finish(&it->c[v], it->c[v].stage, xstrdup(_("cancelled")));
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
		conn_close(&it->c[v]);
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
