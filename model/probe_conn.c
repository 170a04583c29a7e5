/* SPDX-License-Identifier: ISC */
/* The connections of the probe: one per TLS version for each domain,
 * non-blocking, driven by probe.c's poll loop through pconn_step and
 * pconn_deadline. Each goes TCP, stream header, features, STARTTLS,
 * handshake, features after TLS, and records what it saw in its item's
 * offer. */
#include "config.h"

#include <errno.h>
#include <openssl/err.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "i18n.h"
#include "probe_int.h"
#include "xalloc.h"

#define READ_CHUNK 4096

/* --- connections ---------------------------------------------------------- */

void pconn_close(struct pconn *c)
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
	c->stage_end = probe_now_ms() + c->p->stage_ms;
}

void pconn_finish(struct pconn *c, enum cstage at, char *why)
{
	pconn_close(c);
	if (c->opened)
		c->p->open--;
	c->opened = false;
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

/* The next address, or the end with why (owned). */
static void conn_next(struct pconn *c, char *why)
{
	pconn_close(c);
	c->ep++;
	if (c->ep < c->it->neps && probe_now_ms() < c->end) {
		free(why);
		pconn_connect(c);
	} else {
		pconn_finish(c, CS_CONNECT, why);
	}
}

void pconn_connect(struct pconn *c)
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
	pconn_finish(c, c->stage, xasprintf(_("the server closed the connection while we sent "
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
	pconn_finish(c, CS_HANDSHAKE,
		    code ? xasprintf(_("handshake refused: %s"),
				     ptls_reason(code))
			 : xstrdup(_("handshake refused: the server closed the connection")));
}

static void start_tls(struct pconn *c)
{
	c->ssl = SSL_new(c->p->tls.ctx[c->v]);
	if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1) {
		pconn_finish(c, CS_HANDSHAKE, xstrdup(_("cannot set up TLS (out of memory)")));
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
		pconn_finish(c, CS_FEATURES, NULL);
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
	pconn_finish(c, CS_FEATURES_TLS, NULL);
}

static void stream_error(struct pconn *c)
{
	char *what = xasprintf("<%s/>%s%s", c->x.cond ? c->x.cond : "undefined-condition",
			       c->x.text ? " " : "", c->x.text ? c->x.text : "");

	if (c->stage == CS_FEATURES_TLS && !c->it->r.offer.refused)
		c->it->r.offer.refused = xstrdup(what);
	pconn_finish(c, c->stage, xasprintf(_("the server closed the stream with %s"), what));
	free(what);
}

/* Acts on what the parser completed. */
static void xml_event(struct pconn *c)
{
	if (c->x.error) {
		pconn_finish(c, c->stage, xstrdup(c->x.error));
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
		pconn_finish(c, c->stage, xstrdup(_("the server answered STARTTLS with <failure/>")));
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
			pconn_finish(c, at, xasprintf(_("the server closed the connection while we "
						       "waited for %s"), stage_waiting(at)));
			return;
		}
		c->bytes += (size_t)n;
		if (c->bytes > PROBE_MAX_BYTES) {
			pconn_finish(c, at, xasprintf(_("the server sent more than %d KiB while we "
						       "waited for %s: stopped reading"),
						     PROBE_MAX_BYTES / 1024, stage_waiting(at)));
			return;
		}
		px_feed(&c->x, buf, (size_t)n);
		xml_event(c);
	}
}

void pconn_step(struct pconn *c, short revents)
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

void pconn_deadline(struct pconn *c, long long now)
{
	char *why;

	if (c->stage == CS_DONE || c->stage == CS_IDLE ||
	    (now < c->end && now < c->stage_end))
		return;
	if (now >= c->end)
		why = xasprintf(_("no verdict within %lld ms (the server answers too slowly) "
				  "while waiting for %s"),
				(long long)c->p->stage_ms * CONN_STAGES, stage_waiting(c->stage));
	else if (c->stage == CS_CONNECT)
		why = xasprintf(_("no answer from %s within %d ms (the TCP connection)"),
				c->it->eps[c->ep].label, c->p->stage_ms);
	else
		why = xasprintf(_("no answer within %d ms while waiting for %s"), c->p->stage_ms,
				stage_waiting(c->stage));
	if (c->stage == CS_CONNECT)
		conn_next(c, why);
	else
		pconn_finish(c, c->stage, why);
}

short pconn_events(const struct pconn *c)
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
