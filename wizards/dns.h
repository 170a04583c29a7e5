/* SPDX-License-Identifier: ISC */
/* dns (screen data): what the DNS records screen shows and does, without
 * curses. The records the gateway needs (lync-facts.md section 6), the
 * options of the live check as typed on the screen, the words of its result
 * rows, and the screen's form (wdns_wizard). The live check itself is run by
 * the screen (tui/dns.c) through the hook in struct wdns_state. */
#ifndef XMPPGW_WIZARDS_DNS_H
#define XMPPGW_WIZARDS_DNS_H

#include <stddef.h>

#include "deployment.h"
#include "dnscheck.h"
#include "strlist.h"
#include "wizards/wizard.h"

#define WDNS_DEFAULT_TIMEOUT_MS 5000
#define WDNS_MAX_TIMEOUT_MS 600000

enum wdns_kind { WDNS_SRV, WDNS_ADDRESS };

/* One record to publish. Strings are owned by the record. */
struct wdns_record {
	enum wdns_kind kind;
	char *name;    /* owner name, no trailing dot */
	char *target;  /* SRV: its target, no trailing dot; ADDRESS: NULL */
	int ttl, priority, weight, port;
};

/* The records, and what kept others out (translated sentences). */
struct wdns_plan {
	struct wdns_record *v;
	size_t n, cap;
	struct strlist notes;
};

/* Fills out (which must be zeroed or freed) from d: an SRV record per
 * domain of san_srv_domains (names that are not DNS names left out, with a
 * note), targeting dns.srv_target or else the Access Edge FQDN, then the
 * address record that target needs. */
void wdns_plan(const struct deployment *d, struct wdns_plan *out);
void wdns_plan_free(struct wdns_plan *p);
/* The record as a line for people (type, name, values; the TTL is said
 * once for all); the caller frees it. */
char *wdns_record_text(const struct wdns_record *r);
/* The records, notes, firewall ports and several-pools advice as the
 * screen shows them; the caller frees it. */
char *wdns_plan_text(const struct deployment *d);

/* The verdict of a result row in words ("OK", "wrong port"); translated. */
const char *wdns_verdict_label(enum dns_verdict v);
/* "own" or "partner"; translated. */
const char *wdns_subject_label(enum dns_subject s);
/* The detail for a row: without the query name it starts with (the row
 * names the domain); the query itself while there is no detail. Borrowed. */
const char *wdns_detail_short(const struct dns_result *r);
/* Everything known about one result, for the details view; cancelled: the
 * user stopped the check before it was final. The caller frees it. */
char *wdns_result_text(const struct dns_result *r, bool cancelled);
/* Rows that are not final are "pending"; rows the user cancelled are
 * counted apart from the problems. */
struct wdns_tally {
	size_t ok, problems, pending, cancelled;
};
void wdns_tally_add(struct wdns_tally *t, enum dns_verdict v, bool cancelled);
/* "3 OK, 2 problems, 1 pending" (", 4 cancelled" when some were); the
 * caller frees it. */
char *wdns_summary(const struct wdns_tally *t);

/* The screen's own state: the live check's options as typed, and the hook
 * that runs the check on the screen. The caller of tui_run_wizard owns the
 * struct; the wizard owns the strings (end frees them). */
/* The deployment's numeric DNS settings, edited as text on the screen. */
enum wdns_setting { WDNS_TTL, WDNS_PRIORITY, WDNS_WEIGHT, WDNS_NSETTINGS };

struct wdns_state {
	char *server;   /* "" or NULL: the system resolver */
	char *timeout;  /* milliseconds as typed */
	char *setting[WDNS_NSETTINGS]; /* TTL, priority, weight as typed */
	/* Runs the live check of d with o and shows its results; returns 0,
	 * 1 when the user chose there to quit the program, or -1 after
	 * telling the user. */
	int (*check)(void *arg, const struct deployment *d, const struct dnscheck_options *o);
	void *check_arg;
};

/* The check's options from the typed fields (o->server borrows
 * s->server). Returns 0, or -1 with *err (caller frees). */
int wdns_options(const struct wdns_state *s, struct dnscheck_options *o, char **err);

extern const struct wizard wdns_wizard;

#endif
