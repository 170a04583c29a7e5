/* SPDX-License-Identifier: ISC */
/* dnscheck: the live DNS check of the gateway's records with c-ares, every
 * query in flight at once. Own domains (san_srv_domains: the XMPP domains,
 * else every SIP domain): _xmpp-server._tcp.<domain> SRV,
 * target the Access Edge FQDN (or a name with the same addresses), port
 * 5269, target with A/AAAA. Partners: their SRV records and the targets'
 * addresses; a target that is our own Access Edge (by name or addresses)
 * is flagged, and port 5222 (XMPP's client port) is a wrong port whatever
 * its target. A target that is not a host name is a verdict of its own. The caller drives it (dnscheck_process) so a screen stays
 * responsive and results appear as they arrive. */
#ifndef XMPPGW_DNSCHECK_H
#define XMPPGW_DNSCHECK_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "deployment.h"
#include "strlist.h"

enum dns_verdict {
	DNSV_PENDING,
	DNSV_OK,
	DNSV_NXDOMAIN,     /* no such domain */
	DNSV_NORECORD,     /* the name exists, but no SRV record */
	DNSV_SERVFAIL,     /* the server failed or refused */
	DNSV_TIMEOUT,
	DNSV_WRONG_TARGET, /* SRV target is not the Access Edge (nor resolves like it) */
	DNSV_WRONG_PORT,
	DNSV_NO_ADDRESS,   /* the SRV target has no A/AAAA record */
	DNSV_BAD_TARGET,   /* the SRV target is not a host name (control bytes, spaces) */
	DNSV_OWN_EDGE,     /* a partner's SRV target is our own Access Edge */
	DNSV_ERROR,        /* anything else; see detail */
};

enum dns_subject { DNS_OWN, DNS_PARTNER };

struct dns_result {
	enum dns_subject subject;
	char *domain;          /* our SRV domain or the partner's domain */
	char *query;           /* _xmpp-server._tcp.<domain> */
	enum dns_verdict verdict;
	char *detail;          /* what was found, for people */
	struct strlist records; /* "prio weight port target" of each SRV */
	struct strlist addresses; /* the targets' addresses */
};

struct dnscheck_options {
	const char *server;  /* "ADDR", "ADDR:PORT" or "[V6]:PORT"; NULL: /etc/resolv.conf */
	int timeout_ms;      /* per query, whole tries included; 0: 5000 */
	bool own;            /* check our SRV domains (san_srv_domains) */
	bool partners;       /* check every partner's domains */
	const char *resolv_conf; /* NULL: /etc/resolv.conf; used without server */
	/* Non-NULL: exactly these domains, checked as partners (own and
	 * partners are then ignored). */
	const struct strlist *domains;
	/* RFC 6120 3.2.1: with no SRV record (NXDOMAIN or no data), look up
	 * the domain's own addresses, as a target on port 5269. */
	bool fallback;
};

/* One SRV target of a result with its addresses, in the order received. */
struct dns_target {
	const char *name;
	unsigned short prio, weight, port;
	bool fallback;                    /* the domain itself, no SRV record */
	const struct strlist *addrs[2];   /* A and AAAA; borrowed from the check */
};

struct dnscheck;

/* Sends every query. Returns 0, or -1 with *err (caller frees) when no
 * resolver could be set up (bad server address, no resolv.conf). */
int dnscheck_start(const struct deployment *d, const struct dnscheck_options *o,
		   struct dnscheck **out, char **err);
/* Waits up to timeout_ms for answers and handles what arrived; 0 polls.
 * Returns the number of results that are final. It returns early when
 * something arrived, so a screen can call it with a short wait between key
 * reads and redraw; results keep their index and are final once their
 * verdict is not DNSV_PENDING. A partner or own domain needs its SRV answer
 * and then its targets' addresses, so it can take up to twice timeout_ms. */
size_t dnscheck_process(struct dnscheck *c, int timeout_ms);
bool dnscheck_done(const struct dnscheck *c);
size_t dnscheck_count(const struct dnscheck *c);
const struct dns_result *dnscheck_result(const struct dnscheck *c, size_t i);
/* Result i's SRV targets ("." excluded) with their addresses; false past
 * the last. Valid until dnscheck_free. */
bool dnscheck_target(const struct dnscheck *c, size_t i, size_t j, struct dns_target *t);

/* For a caller that polls other sockets too: the sockets c-ares wants
 * watched are copied into fds (room for max; returns how many it wants),
 * dnscheck_wait_ms bounds the wait by c-ares's own timers, and
 * dnscheck_dispatch hands over poll's results for those fds (ready <= 0:
 * the wait ran out). Returns the number of final results. */
size_t dnscheck_pollfds(const struct dnscheck *c, struct pollfd *fds, size_t max);
int dnscheck_wait_ms(struct dnscheck *c, int max_ms);
size_t dnscheck_dispatch(struct dnscheck *c, const struct pollfd *fds, size_t n, int ready);
/* Stops what is in flight; pending results become DNSV_ERROR "cancelled". */
void dnscheck_cancel(struct dnscheck *c);
void dnscheck_free(struct dnscheck *c);
const char *dns_verdict_name(enum dns_verdict v);

#endif
