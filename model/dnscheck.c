/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "dnscheck.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dnscheck_int.h"
#include "i18n.h"
#include "san.h"
#include "xalloc.h"

#define DC_PREFIX "_xmpp-server._tcp."
#define DC_DEFAULT_TIMEOUT_MS 5000
#define DC_TRIES 2
/* Queries out at once: enough to hide a slow network, few enough that the
 * burst fits a server's socket buffer. On UDP an overflow drops queries
 * silently, and each costs a retry; dnsmasq with Linux's default buffer
 * dropped some at 256 and none at 128. */
#define DC_WINDOW 128

static void pump(struct dnscheck *c);

/* --- address lookups, shared and found by name --------------------------- */

static size_t name_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 16777619u;
	return h;
}

/* A copy of name without its trailing dot. */
static char *name_norm(const char *name)
{
	size_t len = strlen(name);

	if (len > 1 && name[len - 1] == '.')
		len--;
	return xstrndup(name, len);
}

static void fifo_push(struct dc_fifo *f, struct dc_qent e)
{
	f->v = xgrow(f->v, &f->cap, f->len + 1, sizeof *f->v);
	f->v[f->len++] = e;
}

static void enqueue(struct dnscheck *c, enum dc_kind kind, size_t idx)
{
	struct dc_qent e = {.kind = kind, .idx = idx, .retry = false};

	fifo_push(kind == DC_SRV ? &c->srv_q : &c->addr_q, e);
}

static bool dequeue(struct dc_fifo *f, struct dc_qent *e)
{
	if (f->head == f->len)
		return false;
	*e = f->v[f->head++];
	if (f->head == f->len)
		f->head = f->len = 0;
	return true;
}

/* The lookup of name, created (and its queries queued) when new. */
static size_t lookup_get(struct dnscheck *c, const char *name)
{
	size_t b = name_hash(name) & (c->nbuckets - 1);
	struct dc_lookup *l;

	for (size_t i = c->buckets[b]; i != DC_NONE; i = c->lookups[i].next)
		if (strcasecmp(c->lookups[i].name, name) == 0)
			return i;
	c->lookups = xgrow(c->lookups, &c->lcap, c->nlookups + 1, sizeof *c->lookups);
	l = &c->lookups[c->nlookups];
	memset(l, 0, sizeof *l);
	l->name = xstrdup(name);
	l->pending = 2;
	l->next = c->buckets[b];
	c->buckets[b] = c->nlookups;
	enqueue(c, DC_A, c->nlookups);
	enqueue(c, DC_AAAA, c->nlookups);
	return c->nlookups++;
}

static void lookup_wait(struct dnscheck *c, size_t li, size_t item)
{
	struct dc_lookup *l = &c->lookups[li];

	if (l->pending == 0)
		return;
	l->waiters = xgrow(l->waiters, &l->wcap, l->nwaiters + 1, sizeof *l->waiters);
	l->waiters[l->nwaiters++] = item;
	c->items[item].waiting++;
}

/* --- results ------------------------------------------------------------- */

static void finish(struct dnscheck *c, size_t i)
{
	dnscheck_judge(c, i);
	c->nfinal++;
}

/* One thing item i waited for is in. */
static void settle(struct dnscheck *c, size_t i)
{
	struct dc_item *it = &c->items[i];

	it->waiting--;
	if (it->r.verdict == DNSV_PENDING && it->waiting == 0)
		finish(c, i);
}

static void fail_now(struct dnscheck *c, size_t i, enum dns_verdict v, const char *why)
{
	struct dc_item *it = &c->items[i];

	it->r.verdict = v;
	it->r.detail = xstrdup(why);
	c->nfinal++;
}

/* Letters, digits, hyphens (and the underscores some zones use) in
 * labels of 1 to 63 bytes, 253 in all. c-ares hands control bytes, NUL
 * and dots inside a label over escaped ("\\007"), so the backslash is
 * refused with them; a space comes through as is. */
static bool host_name(const char *name)
{
	size_t label = 0, len = strlen(name);

	if (len == 0 || len > 253)
		return false;
	for (const char *p = name; *p; p++) {
		if (*p == '.') {
			if (label == 0)
				return false;
			label = 0;
		} else if (isalnum((unsigned char)*p) || *p == '-' || *p == '_') {
			if (++label > 63)
				return false;
		} else {
			return false;
		}
	}
	return label > 0;
}

static void srv_add(struct dnscheck *c, size_t i, const struct ares_srv_reply *s)
{
	struct dc_item *it = &c->items[i];
	struct dc_srv *rec;

	it->srv = xrealloc(it->srv, (it->nsrv + 1) * sizeof *it->srv);
	rec = &it->srv[it->nsrv++];
	rec->fallback = false;
	rec->prio = s->priority;
	rec->weight = s->weight;
	rec->port = s->port;
	rec->target = name_norm(s->host[0] ? s->host : ".");
	rec->lookup = DC_NONE;
	rec->bad = strcmp(rec->target, ".") != 0 && !host_name(rec->target);
	if (strcmp(rec->target, ".") != 0 && !rec->bad) {
		rec->lookup = lookup_get(c, rec->target);
		lookup_wait(c, rec->lookup, i);
	}
}

/* No SRV record: the domain itself on the default port (RFC 6120 3.2.1). */
static void fallback_add(struct dnscheck *c, size_t i)
{
	struct dc_item *it = &c->items[i];
	struct dc_srv *rec;

	it->srv = xrealloc(it->srv, (it->nsrv + 1) * sizeof *it->srv);
	rec = &it->srv[it->nsrv++];
	memset(rec, 0, sizeof *rec);
	rec->port = XMPP_SERVER_PORT;
	rec->fallback = true;
	rec->target = name_norm(it->r.domain);
	rec->lookup = lookup_get(c, rec->target);
	lookup_wait(c, rec->lookup, i);
}

static void srv_answer(struct dnscheck *c, size_t i, int status,
		       const unsigned char *abuf, int alen)
{
	struct dc_item *it = &c->items[i];
	struct ares_srv_reply *srv = NULL;

	if (status == ARES_SUCCESS)
		status = ares_parse_srv_reply(abuf, alen, &srv);
	it->srv_status = status;
	if (status == ARES_SUCCESS) {
		for (const struct ares_srv_reply *s = srv; s; s = s->next)
			srv_add(c, i, s);
		ares_free_data(srv);
	} else if (c->fallback && (status == ARES_ENOTFOUND || status == ARES_ENODATA)) {
		fallback_add(c, i);
	} else if (it->r.verdict == DNSV_PENDING) {
		/* Nothing else can change a failed SRV query's verdict. */
		finish(c, i);
	}
	settle(c, i);
}

static void addr_collect(struct dc_lookup *l, int k, const unsigned char *abuf, int alen)
{
	struct hostent *h = NULL;
	char buf[INET6_ADDRSTRLEN];
	int family = k == 0 ? AF_INET : AF_INET6;
	int st = k == 0 ? ares_parse_a_reply(abuf, alen, &h, NULL, NULL)
			: ares_parse_aaaa_reply(abuf, alen, &h, NULL, NULL);

	l->status[k] = st;
	if (st != ARES_SUCCESS)
		return;
	for (char **a = h->h_addr_list; *a; a++)
		if (inet_ntop(family, *a, buf, sizeof buf) &&
		    strlist_find_ci(&l->addrs[k], buf) < 0)
			strlist_push(&l->addrs[k], buf);
	ares_free_hostent(h);
}

static void addr_answer(struct dnscheck *c, size_t li, int k, int status,
			const unsigned char *abuf, int alen)
{
	struct dc_lookup *l = &c->lookups[li];

	l->status[k] = status;
	if (status == ARES_SUCCESS)
		addr_collect(l, k, abuf, alen);
	if (--l->pending > 0)
		return;
	for (size_t w = 0; w < l->nwaiters; w++)
		settle(c, l->waiters[w]);
	free(l->waiters);
	l->waiters = NULL;
	l->nwaiters = l->wcap = 0;
}

/* --- queries and the window ---------------------------------------------- */

struct dc_query {
	struct dnscheck *c;
	struct dc_qent e;
};

static void on_answer(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dc_query *q = arg;
	struct dnscheck *c = q->c;
	struct dc_qent e = q->e;

	(void)timeouts;
	free(q);
	c->inflight--;
	if (e.retry)
		c->retry_out = false;
	if (c->destroying || c->cancelled)
		return;
	/* c-ares ends every query on a TCP connection when the server closes
	 * it, whichever query made it do so, and its own retries go out
	 * together again: one hostile name would fail all of them. */
	if (status == ARES_ECONNREFUSED && !e.retry) {
		e.retry = true;
		fifo_push(&c->retry_q, e);
		pump(c);
		return;
	}
	if (e.kind == DC_SRV)
		srv_answer(c, e.idx, status, abuf, alen);
	else
		addr_answer(c, e.idx, e.kind == DC_A ? 0 : 1, status, abuf, alen);
	pump(c);
}

static void send_query(struct dnscheck *c, struct dc_qent e)
{
	struct dc_query *q = xmalloc(sizeof *q);
	const char *name;
	int type;

	q->c = c;
	q->e = e;
	if (e.kind == DC_SRV) {
		name = c->items[e.idx].r.query;
		type = ns_t_srv;
	} else {
		name = c->lookups[e.idx].name;
		type = e.kind == DC_A ? ns_t_a : ns_t_aaaa;
	}
	c->inflight++;
	ares_query(c->ch, name, ns_c_in, type, on_answer, q);
}

/* Sends what waits while the window has room. Answers that come back at
 * once (inside ares_query) land here again; the flag keeps one loop. */
static void pump(struct dnscheck *c)
{
	struct dc_qent e;

	if (c->pumping)
		return;
	c->pumping = true;
	while (!c->cancelled && !c->retry_out && c->inflight < DC_WINDOW &&
	       (dequeue(&c->addr_q, &e) || dequeue(&c->srv_q, &e)))
		send_query(c, e);
	if (!c->cancelled && !c->retry_out && c->inflight == 0 && dequeue(&c->retry_q, &e)) {
		c->retry_out = true;
		send_query(c, e);
	}
	c->pumping = false;
}

/* --- sockets ------------------------------------------------------------- */

static void on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct dnscheck *c = data;
	size_t i = 0;

	while (i < c->nsocks && c->socks[i].fd != fd)
		i++;
	if (!readable && !writable) {
		if (i < c->nsocks)
			c->socks[i] = c->socks[--c->nsocks];
		return;
	}
	if (i == c->nsocks) {
		c->socks = xgrow(c->socks, &c->scap, c->nsocks + 1, sizeof *c->socks);
		c->nsocks++;
	}
	c->socks[i].fd = fd;
	c->socks[i].events = (short)((readable ? POLLIN : 0) | (writable ? POLLOUT : 0));
	c->socks[i].revents = 0;
}

static int poll_wait(struct dnscheck *c, int timeout_ms)
{
	struct timeval max, tv, *t;

	max.tv_sec = timeout_ms / 1000;
	max.tv_usec = (timeout_ms % 1000) * 1000;
	t = ares_timeout(c->ch, timeout_ms < 0 ? NULL : &max, &tv);
	/* Round up, or a sub-millisecond wait would spin. */
	return t ? (int)(t->tv_sec * 1000 + (t->tv_usec + 999) / 1000) : timeout_ms;
}

size_t dnscheck_pollfds(const struct dnscheck *c, struct pollfd *fds, size_t max)
{
	if (fds && c->nsocks && c->nsocks <= max)
		memcpy(fds, c->socks, c->nsocks * sizeof *fds);
	return c->nsocks;
}

int dnscheck_wait_ms(struct dnscheck *c, int max_ms)
{
	return dnscheck_done(c) ? max_ms : poll_wait(c, max_ms);
}

size_t dnscheck_dispatch(struct dnscheck *c, const struct pollfd *fds, size_t n, int ready)
{
	for (size_t i = 0; ready > 0 && i < n; i++) {
		short r = fds[i].revents;

		if (!r)
			continue;
		ares_process_fd(c->ch, r & (POLLIN | POLLERR | POLLHUP) ? fds[i].fd : ARES_SOCKET_BAD,
				r & POLLOUT ? fds[i].fd : ARES_SOCKET_BAD);
	}
	/* c-ares's timers run on a call with no socket. */
	ares_process_fd(c->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	return c->nfinal;
}

size_t dnscheck_process(struct dnscheck *c, int timeout_ms)
{
	struct pollfd *fds;
	size_t n;
	int ready;

	if (dnscheck_done(c))
		return c->nfinal;
	n = c->nsocks;
	fds = xmalloc((n ? n : 1) * sizeof *fds);
	dnscheck_pollfds(c, fds, n);
	ready = poll(fds, n, poll_wait(c, timeout_ms));
	dnscheck_dispatch(c, fds, n, ready);
	free(fds);
	return c->nfinal;
}

/* --- set-up -------------------------------------------------------------- */

/* A port from 1 to 65535 in plain digits, or -1. */
static long port_parse(const char *s)
{
	char *stop;
	long p;

	errno = 0;
	p = strtol(s, &stop, 10);
	if (!isdigit((unsigned char)s[0]) || *stop || errno || p < 1 || p > 65535)
		return -1;
	return p;
}

/* Parses "ADDR", "ADDR:PORT", "V6", "[V6]" or "[V6]:PORT". */
static int server_parse(const char *arg, struct ares_addr_port_node *node, char **err)
{
	const char *s = arg;
	char addr[INET6_ADDRSTRLEN + 1];
	const char *end, *port = NULL;
	long p;

	memset(node, 0, sizeof *node);
	if (s[0] == '[') {
		end = strchr(s, ']');
		if (!end || (end[1] && end[1] != ':'))
			goto bad;
		port = end[1] ? end + 2 : NULL;
		s++;
	} else {
		end = strchr(s, ':');
		if (end && strchr(end + 1, ':'))
			end = s + strlen(s); /* a bare IPv6 address */
		else if (end)
			port = end + 1;
		else
			end = s + strlen(s);
	}
	if ((size_t)(end - s) >= sizeof addr)
		goto bad;
	memcpy(addr, s, (size_t)(end - s));
	addr[end - s] = '\0';
	p = port ? port_parse(port) : 53;
	if (p < 0)
		goto bad;
	if (inet_pton(AF_INET, addr, &node->addr.addr4) == 1)
		node->family = AF_INET;
	else if (inet_pton(AF_INET6, addr, &node->addr.addr6) == 1)
		node->family = AF_INET6;
	else
		goto bad;
	node->udp_port = node->tcp_port = (int)p;
	return 0;
bad:
	*err = xasprintf(_("bad DNS server \"%s\": give an IP address, ADDR:PORT or [IPV6]:PORT"),
			 arg);
	return -1;
}

/* c-ares falls back to 127.0.0.1 when resolv.conf names no server; a
 * check against that would only report timeouts, so say it instead. */
static int resolv_conf_check(const char *path, char **err)
{
	FILE *f = fopen(path, "r");
	char line[512];
	bool found = false;

	if (!f) {
		*err = xasprintf(_("no DNS server: cannot read %s (%s); give one with --server"),
				 path, strerror(errno));
		return -1;
	}
	while (!found && fgets(line, sizeof line, f)) {
		const char *p = line + strspn(line, " \t");

		found = strncmp(p, "nameserver", 10) == 0 && isspace((unsigned char)p[10]);
	}
	fclose(f);
	if (!found)
		*err = xasprintf(_("no DNS server: %s names none; give one with --server"), path);
	return found ? 0 : -1;
}

static int channel_open(struct dnscheck *c, const struct dnscheck_options *o,
			int try_ms, char **err)
{
	struct ares_options opts;
	struct ares_addr_port_node node;
	int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_FLAGS, rc;

	memset(&opts, 0, sizeof opts);
	/* Without it c-ares turns SERVFAIL and REFUSED from the last server
	 * into "connection refused", and those are verdicts of their own. */
	opts.flags = ARES_FLAG_NOCHECKRESP;
	opts.sock_state_cb = on_sock_state;
	opts.sock_state_cb_data = c;
	if (try_ms > 0) {
		mask |= ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES;
		opts.timeout = try_ms;
		opts.tries = DC_TRIES;
	}
	if (!o->server && o->resolv_conf) {
		mask |= ARES_OPT_RESOLVCONF;
		opts.resolvconf_path = xstrdup(o->resolv_conf);
	}
	rc = ares_init_options(&c->ch, &opts, mask);
	free(opts.resolvconf_path);
	if (rc != ARES_SUCCESS) {
		*err = xasprintf(_("cannot set up the resolver: %s"), ares_strerror(rc));
		return -1;
	}
	c->have_channel = true;
	if (o->server && server_parse(o->server, &node, err) < 0)
		return -1;
	if (o->server && (rc = ares_set_servers_ports(c->ch, &node)) != ARES_SUCCESS) {
		*err = xasprintf(_("cannot use DNS server %s: %s"), o->server, ares_strerror(rc));
		return -1;
	}
	return 0;
}

static int channel_servers(struct dnscheck *c)
{
	struct ares_addr_port_node *list = NULL;
	int n = 0;

	if (ares_get_servers_ports(c->ch, &list) == ARES_SUCCESS)
		for (const struct ares_addr_port_node *s = list; s; s = s->next)
			n++;
	ares_free_data(list);
	return n > 0 ? n : 1;
}

/* c-ares 1.18 sends tries x servers attempts, the timeout doubling after
 * each round over the servers: with 2 tries a silent set of n servers takes
 * 3 n times the first timeout. Sized so the whole query takes timeout_ms. */
static int setup(struct dnscheck *c, const struct dnscheck_options *o, char **err)
{
	int nserv, try_ms;

	if (!o->server && resolv_conf_check(o->resolv_conf ? o->resolv_conf : "/etc/resolv.conf",
					    err) < 0)
		return -1;
	if (channel_open(c, o, 0, err) < 0)
		return -1;
	nserv = channel_servers(c);
	ares_destroy(c->ch);
	c->have_channel = false;
	c->nsocks = 0;
	try_ms = c->timeout_ms / (((1 << DC_TRIES) - 1) * nserv);
	return channel_open(c, o, try_ms > 0 ? try_ms : 1, err);
}

/* --- the items ----------------------------------------------------------- */

static void item_add(struct dnscheck *c, enum dns_subject subject, const char *domain)
{
	struct dc_item *it = &c->items[c->n++];
	char *d = name_norm(domain);

	memset(it, 0, sizeof *it);
	it->r.subject = subject;
	it->r.domain = xstrdup(domain);
	it->r.query = xasprintf("%s%s", DC_PREFIX, d);
	it->r.verdict = DNSV_PENDING;
	it->waiting = 1;
	free(d);
}

static size_t items_needed(const struct deployment *d, const struct dnscheck_options *o,
			   const struct strlist *own)
{
	size_t n = o->own ? own->n : 0;

	if (o->domains)
		return o->domains->n;

	for (size_t i = 0; o->partners && i < d->npartners; i++)
		n += 1 + d->partners[i]->additional_domains.n;
	return n;
}

static void items_build(struct dnscheck *c, const struct deployment *d,
			const struct dnscheck_options *o, const struct strlist *own)
{
	if (o->domains) {
		for (size_t i = 0; i < o->domains->n; i++)
			item_add(c, DNS_PARTNER, o->domains->v[i]);
		return;
	}
	for (size_t i = 0; o->own && i < own->n; i++)
		item_add(c, DNS_OWN, own->v[i]);
	for (size_t i = 0; o->partners && i < d->npartners; i++) {
		const struct partner *p = d->partners[i];

		item_add(c, DNS_PARTNER, p->domain ? p->domain : "");
		for (size_t j = 0; j < p->additional_domains.n; j++)
			item_add(c, DNS_PARTNER, p->additional_domains.v[j]);
	}
}

static const char *expected_target(const struct deployment *d)
{
	if (d->dns.srv_target && d->dns.srv_target[0])
		return d->dns.srv_target;
	if (d->topo.access_edge_fqdn && d->topo.access_edge_fqdn[0])
		return d->topo.access_edge_fqdn;
	return NULL;
}

/* Every SRV query, and the expected target's addresses the own domains are
 * compared with, go into the queue here. */
static void queue_all(struct dnscheck *c, const struct deployment *d)
{
	const char *want = expected_target(d);

	c->edge = DC_NONE;
	if (want && c->n) {
		c->edge_name = name_norm(want);
		c->edge = lookup_get(c, c->edge_name);
	}
	for (size_t i = 0; i < c->n; i++) {
		struct dc_item *it = &c->items[i];

		if (!it->r.domain[0]) {
			fail_now(c, i, DNSV_ERROR, _("no domain name"));
		} else if (it->r.subject == DNS_OWN && c->edge == DC_NONE) {
			fail_now(c, i, DNSV_ERROR,
				 _("no Access Edge FQDN in the topology to compare the target with"));
		} else {
			if (c->edge != DC_NONE)
				lookup_wait(c, c->edge, i);
			enqueue(c, DC_SRV, i);
		}
	}
}

int dnscheck_start(const struct deployment *d, const struct dnscheck_options *o,
		   struct dnscheck **out, char **err)
{
	struct dnscheck *c = xcalloc(1, sizeof *c);
	struct strlist own = {0};
	size_t n;

	san_srv_domains(d, &own);
	n = items_needed(d, o, &own);
	*out = NULL;
	c->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : DC_DEFAULT_TIMEOUT_MS;
	c->fallback = o->fallback;
	ares_library_init(ARES_LIB_INIT_ALL);
	if (setup(c, o, err) < 0) {
		strlist_free(&own);
		dnscheck_free(c);
		return -1;
	}
	c->items = xcalloc(n ? n : 1, sizeof *c->items);
	for (c->nbuckets = 16; c->nbuckets < 2 * n; c->nbuckets *= 2)
		;
	c->buckets = xmalloc(c->nbuckets * sizeof *c->buckets);
	for (size_t b = 0; b < c->nbuckets; b++)
		c->buckets[b] = DC_NONE;
	items_build(c, d, o, &own);
	strlist_free(&own);
	queue_all(c, d);
	pump(c);
	*out = c;
	return 0;
}

/* --- the rest of the interface ------------------------------------------- */

bool dnscheck_done(const struct dnscheck *c)
{
	return c->nfinal >= c->n;
}

size_t dnscheck_count(const struct dnscheck *c)
{
	return c->n;
}

const struct dns_result *dnscheck_result(const struct dnscheck *c, size_t i)
{
	return i < c->n ? &c->items[i].r : NULL;
}

bool dnscheck_target(const struct dnscheck *c, size_t i, size_t j, struct dns_target *t)
{
	const struct dc_item *it;
	const struct dc_lookup *l;

	if (i >= c->n)
		return false;
	it = &c->items[i];
	/* Skip the "." targets, which have no lookup. */
	for (size_t k = 0; k < it->nsrv; k++) {
		if (it->srv[k].lookup == DC_NONE || j-- > 0)
			continue;
		l = &c->lookups[it->srv[k].lookup];
		t->name = it->srv[k].target;
		t->prio = it->srv[k].prio;
		t->weight = it->srv[k].weight;
		t->port = it->srv[k].port;
		t->fallback = it->srv[k].fallback;
		t->addrs[0] = &l->addrs[0];
		t->addrs[1] = &l->addrs[1];
		return true;
	}
	return false;
}

void dnscheck_cancel(struct dnscheck *c)
{
	if (dnscheck_done(c) || c->cancelled)
		return;
	c->cancelled = true;
	c->addr_q.head = c->addr_q.len = 0;
	c->srv_q.head = c->srv_q.len = 0;
	c->retry_q.head = c->retry_q.len = 0;
	ares_cancel(c->ch);
	for (size_t i = 0; i < c->n; i++)
		if (c->items[i].r.verdict == DNSV_PENDING)
			fail_now(c, i, DNSV_ERROR, _("cancelled"));
}

static void item_free(struct dc_item *it)
{
	free(it->r.domain);
	free(it->r.query);
	free(it->r.detail);
	strlist_free(&it->r.records);
	strlist_free(&it->r.addresses);
	for (size_t j = 0; j < it->nsrv; j++)
		free(it->srv[j].target);
	free(it->srv);
}

void dnscheck_free(struct dnscheck *c)
{
	if (!c)
		return;
	c->destroying = true;
	if (c->have_channel)
		ares_destroy(c->ch);
	ares_library_cleanup();
	for (size_t i = 0; i < c->n; i++)
		item_free(&c->items[i]);
	free(c->items);
	for (size_t i = 0; i < c->nlookups; i++) {
		free(c->lookups[i].name);
		strlist_free(&c->lookups[i].addrs[0]);
		strlist_free(&c->lookups[i].addrs[1]);
		free(c->lookups[i].waiters);
	}
	free(c->lookups);
	free(c->buckets);
	free(c->edge_name);
	free(c->addr_q.v);
	free(c->srv_q.v);
	free(c->retry_q.v);
	free(c->socks);
	free(c);
}
