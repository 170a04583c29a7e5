/* SPDX-License-Identifier: ISC */
/* certimport_int: what certimport.c (reading, the chain, writing) and
 * certimport_check.c (what Lync 2013 needs of it) share. */
#ifndef XMPPGW_CERTIMPORT_INT_H
#define XMPPGW_CERTIMPORT_INT_H

#include <stdbool.h>
#include <time.h>

#include <openssl/x509.h>

#include "deployment.h"
#include "strlist.h"

/* The certificates read, and the leaf's chain among them. path and root
 * point into all (no references of their own). */
struct cert_chain {
	STACK_OF(X509) *all;  /* every certificate read, duplicates dropped */
	STACK_OF(X509) *path; /* leaf first, then intermediates upward */
	X509 *root;           /* the self-signed top, when it was given */
};

/* The refusals and warnings of issue and chain, in the order people read
 * them: the leaf's dates, names, usages and key, then the chain. */
void cert_check_chain(const struct deployment *d, const struct cert_chain *c, time_t now,
		      struct strlist *refusals, struct strlist *warnings);
/* -1 not yet valid at now, 1 expired, 0 valid (*days_left set, may be NULL). */
int cert_validity(const X509 *x, time_t now, int *days_left);
/* The public key of the PEM key at path without its passphrase: NULL when
 * it is encrypted (*encrypted true) or unreadable (*err set). */
EVP_PKEY *cert_public_of_key(const char *path, bool *encrypted, char **err);

#endif
