/* SPDX-License-Identifier: ISC */
/* dnscheck internals shared by dnscheck.c (the c-ares engine) and
 * dnscheck_judge.c (verdicts and their wording). Not for other modules. */
#ifndef XMPPGW_DNSCHECK_INT_H
#define XMPPGW_DNSCHECK_INT_H

#include <ares.h>
#include <poll.h>
#include <stdint.h>

#include "dnscheck.h"

#define DC_NONE SIZE_MAX

/* One SRV record as received; lookup is the index of its target's address
 * lookup, DC_NONE for the "." target (service decidedly not offered). */
struct dc_srv {
	unsigned short prio, weight, port;
	bool fallback;        /* the domain's own name, RFC 6120 fallback */
	bool bad;             /* the target is not a host name: not looked up */
	char *target;
	size_t lookup;
};

/* A and AAAA of one name, shared by every result that needs it. */
struct dc_lookup {
	char *name;
	int pending;          /* queries still out: 2, 1, 0 */
	int status[2];        /* ares status of the A and the AAAA query */
	struct strlist addrs[2];
	size_t *waiters;      /* results to settle once both are in */
	size_t nwaiters, wcap;
	size_t next;          /* hash chain */
};

struct dc_item {
	struct dns_result r;
	struct dc_srv *srv;
	size_t nsrv;
	int srv_status;
	int waiting;          /* the SRV answer and address lookups still out */
};

enum dc_kind { DC_SRV, DC_A, DC_AAAA };

struct dc_qent {
	enum dc_kind kind;
	size_t idx;           /* item for DC_SRV, lookup otherwise */
	bool retry;           /* the second and last sending */
};

/* Queries waiting for room in the window, first in first out. */
struct dc_fifo {
	struct dc_qent *v;
	size_t head, len, cap;
};

struct dnscheck {
	ares_channel ch;
	bool have_channel;
	int timeout_ms;
	bool fallback;
	struct dc_item *items;
	size_t n, nfinal;
	struct dc_lookup *lookups;
	size_t nlookups, lcap;
	size_t *buckets;
	size_t nbuckets;
	size_t edge;          /* lookup of the expected own target (our Access
	                       * Edge), or DC_NONE; partners are compared with it */
	char *edge_name;
	/* Address queries go before SRV queries still waiting, so results
	 * are completed (and shown) from the start rather than at the end. */
	struct dc_fifo addr_q, srv_q;
	/* Queries that died with a TCP connection another query's server
	 * closed: sent again one at a time, with nothing else in flight. */
	struct dc_fifo retry_q;
	bool retry_out;       /* a retry is in flight */
	size_t inflight;
	bool pumping, cancelled, destroying;
	struct pollfd *socks; /* what c-ares wants watched */
	size_t nsocks, scap;
};

/* Computes the final verdict, detail, records and addresses of item i. */
void dnscheck_judge(struct dnscheck *c, size_t i);
/* Final verdict for a failed query status (ARES_E...), with its wording
 * in *why (static, translated). */
enum dns_verdict dnscheck_status_verdict(int status, const char **why);

#endif
