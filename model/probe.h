/* SPDX-License-Identifier: ISC */
/* probe: asks XMPP servers what they offer on server-to-server links
 * (RFC 6120, XEP-0220) and says which rows of the negotiation table can
 * work against each: SRV through the DNS check (c-ares), then for every
 * domain three connections at once (TLS pinned to 1.0, 1.2 and 1.3), each
 * doing TCP, the stream header, STARTTLS, the handshake and the features
 * after TLS, in one poll() loop with a bound per stage, per connection and
 * per run. Only the addresses DNS returned are contacted. Everything the
 * server sent is kept raw here; callers escape it for display.
 * The caller drives it (probe_process) so a screen stays responsive. */
#ifndef XMPPGW_PROBE_H
#define XMPPGW_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "deployment.h"
#include "negotiation.h"
#include "strlist.h"

/* Reads per connection stop here: a 10 MB stanza costs 256 KiB. */
#define PROBE_MAX_BYTES (256 * 1024)
#define PROBE_DEFAULT_TIMEOUT_MS 5000

enum probe_tls { PROBE_TLS10, PROBE_TLS12, PROBE_TLS13, PROBE_NTLS };

/* What the server showed, merged over the connections. */
struct probe_offer {
	bool reached;          /* a stream with its features came back */
	bool starttls;         /* offered before TLS */
	bool tls_required;     /* <required/> inside <starttls/> */
	bool dialback_plain;   /* dialback feature or namespace before TLS */
	bool tls_ok[PROBE_NTLS];     /* the handshake pinned to that version worked */
	char *tls_error[PROBE_NTLS]; /* why it did not (raw), or NULL */
	bool features_tls;     /* the features after TLS were read */
	bool dialback_tls;
	bool sasl_external;    /* EXTERNAL among the mechanisms after TLS */
	struct strlist mechanisms;   /* as sent (raw) */
	char *after_tls_error; /* the stream after TLS failed: why (raw), or NULL */
	char *refused;         /* <stream:error/> after TLS: condition and text (raw) */
	bool cert_seen, cert_trusted, cert_name_ok;
	char *cert_error;      /* why the chain is not trusted, or NULL */
	char *cert_subject, *cert_issuer, *cert_thumbprint;
	struct strlist cert_names;   /* dNSName and SRV-ID entries, raw */
};

struct probe_result {
	char *domain;
	bool own;              /* one of our XMPP domains, probed at our Edge */
	long partner;          /* index in the deployment's partners, or -1 */
	bool done;
	char *failure;         /* the server could not be asked: why, or NULL */
	char *address;         /* "target [addr]:port" that answered, or NULL */
	struct probe_offer offer;
	bool works[18];        /* row n works: works[n - 1] */
	char *why[18];         /* why row n does not work, or NULL */
	int best;              /* the row to choose, 0 when none works */
	int current;           /* the partner's row, 0 when not a partner */
	bool ok;               /* works with its settings (own: the checks pass) */
	struct strlist notes;  /* remarks, whole sentences; may hold raw server text */
};

struct probe_options {
	const char *server;       /* DNS server, as `xmppgw dns --server` */
	int timeout_ms;           /* per stage; 0: PROBE_DEFAULT_TIMEOUT_MS */
	const char *ca_file;      /* extra trust anchors, PEM; NULL: system store only */
	const struct strlist *domains; /* NULL or empty: every partner and our domains */
	const char *resolv_conf;  /* NULL: /etc/resolv.conf */
};

struct probe;

/* Starts DNS for every domain. Returns 0, or -1 with *err (caller frees)
 * for a bad DNS server, an unreadable --ca-file, or no domain of ours to
 * send the stream from. */
int probe_start(const struct deployment *d, const struct probe_options *o, struct probe **out,
		char **err);
/* Waits up to timeout_ms and handles what arrived; returns the number of
 * results that are final (done). Results keep their index. */
size_t probe_process(struct probe *p, int timeout_ms);
bool probe_done(const struct probe *p);
size_t probe_count(const struct probe *p);
const struct probe_result *probe_result(const struct probe *p, size_t i);
/* Closes every connection; pending results end as "cancelled". */
void probe_cancel(struct probe *p);
void probe_free(struct probe *p);

/* The rule: row r can negotiate with a server offering o. false with *why
 * (caller frees) when it cannot. */
bool probe_row_works(const struct neg_row *r, const struct probe_offer *o, char **why);
/* The best of the rows that work (2, 7 and 13 first), 0 when none does. */
int probe_best_row(const bool works[18], const struct probe_offer *o);
const char *probe_tls_name(enum probe_tls v);
/* The verdict for people, lines joined by newlines, with everything the
 * server sent escaped (control characters as \xNN / \uNNNN); the caller
 * frees it. First line "DOMAIN (partner): works with its settings". */
char *probe_result_text(const struct probe_result *r);
/* "works with its settings", "FAILS", ...; translated, static. */
const char *probe_status_text(const struct probe_result *r);

#endif
