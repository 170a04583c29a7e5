/* SPDX-License-Identifier: ISC */
/* probe internals shared by probe.c (the poll loop and the connections),
 * probe_xml.c (the stream parser), probe_tls.c (OpenSSL) and
 * probe_judge.c (rows and the verdict). Not for other modules. */
#ifndef XMPPGW_PROBE_INT_H
#define XMPPGW_PROBE_INT_H

#include <expat.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <openssl/ssl.h>

#include "dnscheck.h"
#include "probe.h"

/* --- the stream parser (probe_xml.c) ---------------------------------- */

enum px_event { PX_NONE, PX_FEATURES, PX_PROCEED, PX_TLS_FAILURE, PX_STREAM_ERROR };

struct px {
	XML_Parser xp;
	int depth;
	int in2, in3;          /* what the elements at depth 2 and 3 are */
	bool root_ok;          /* the root was <stream:stream> */
	bool db_ns;            /* the dialback namespace was declared */
	enum px_event event;   /* what the last chunk completed */
	char *error;           /* why the stream is unusable (raw), or NULL */
	/* features, as they arrive */
	bool starttls, required, dialback, in_mechanism, in_error_text;
	struct strlist mechs;
	char *cond;            /* stream error condition */
	char *text;            /* stream error text */
	size_t textlen;
	long long fed;         /* bytes given to the parser */
};

void px_init(struct px *x);
void px_free(struct px *x);
/* Feeds bytes; stops at the first event or error (x->event, x->error). */
void px_feed(struct px *x, const char *buf, size_t len);

/* --- TLS (probe_tls.c) ------------------------------------------------ */

/* The client contexts pinned to each version, and the trust store. */
struct ptls {
	SSL_CTX *ctx[PROBE_NTLS];
	X509_STORE *store;
};

int ptls_init(struct ptls *t, const char *ca_file, char **err);
void ptls_free(struct ptls *t);
/* OpenSSL's reason for error code e, errno's text for a system call's;
 * static. */
const char *ptls_reason(unsigned long e);
/* Chain, trust and names of the server's certificate into o (first
 * handshake that gets there). */
void ptls_examine(const struct ptls *t, SSL *ssl, const char *domain, struct probe_offer *o);

/* --- the engine (probe.c) and the connections (probe_conn.c) ---------- */

/* A connection gets this many stage bounds in all, from when it opens;
 * DNS (SRV then addresses: two, and a margin of one) gets these from the
 * start. A run ends within DNS's bound plus one connection's bound for
 * each time the window fills. */
#define CONN_STAGES 5
#define DNS_STAGES 3
/* Domains whose queries (SRV, A, AAAA) fit in the DNS check's window at
 * once, with room to spare. */
#define DNS_WAVE 32
/* Connections open at once. Every domain's DNS goes out at once, but a
 * burst of hundreds of connections to one server overflows its listen
 * queue (Prosody's holds 128), and each dropped SYN costs a second: 300 at
 * once took 4.4 s against Prosody on loopback where 96 at a time take less. */
#define PROBE_WINDOW 96

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
	bool opened;           /* counted in the probe's open connections */
};

struct pitem {
	struct probe_result r;
	struct partner *partner; /* a copy: the caller's file may change meanwhile */
	struct endpoint *eps;
	size_t neps;
	bool started;
	bool queued;           /* its connections wait for room in the window */
	struct pconn c[PROBE_NTLS];
};

struct probe {
	struct dnscheck *dns;
	struct ptls tls;
	char *from;
	char *want_thumbprint;
	int stage_ms;
	long long start, end;  /* end: DNS's bound */
	bool dns_over;
	struct pitem *items;
	size_t n, nfinal;
	size_t open;           /* connections open, at most PROBE_WINDOW */
	bool cancelled;
	struct pollfd *fds;
	struct pconn **fdconn;
	size_t fcap;
};

long long probe_now_ms(void);
/* Connects to the connection's current endpoint (its item's eps[c->ep]). */
void pconn_connect(struct pconn *c);
/* Ends the connection: why NULL when it finished, else why it stopped at
 * stage at (owned). */
void pconn_finish(struct pconn *c, enum cstage at, char *why);
void pconn_close(struct pconn *c);
/* What poll() should watch for it. */
short pconn_events(const struct pconn *c);
/* Acts on poll()'s revents for it. */
void pconn_step(struct pconn *c, short revents);
/* Ends a stage or a connection whose time is up. */
void pconn_deadline(struct pconn *c, long long now);

/* --- the verdict (probe_judge.c) -------------------------------------- */

/* Rows, best row, the partner's row, ok and the notes of a finished
 * result. want_thumbprint: the imported certificate's, for our domains. */
void probe_conclude(struct probe_result *r, const struct partner *p,
		    const char *want_thumbprint);

#endif
