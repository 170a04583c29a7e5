/* probe internals shared by probe.c (the poll loop and the connections),
 * probe_xml.c (the stream parser), probe_tls.c (OpenSSL) and
 * probe_judge.c (rows and the verdict). Not for other modules. */
#ifndef XMPPGW_PROBE_INT_H
#define XMPPGW_PROBE_INT_H

#include <expat.h>
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
/* Chain, trust and names of the server's certificate into o (first
 * handshake that gets there). */
void ptls_examine(const struct ptls *t, SSL *ssl, const char *domain, struct probe_offer *o);

/* --- the verdict (probe_judge.c) -------------------------------------- */

/* Rows, best row, the partner's row, ok and the notes of a finished
 * result. want_thumbprint: the imported certificate's, for our domains. */
void probe_conclude(struct probe_result *r, const struct partner *p,
		    const char *want_thumbprint);

#endif
