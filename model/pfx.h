/* SPDX-License-Identifier: ISC */
/* pfx: the PKCS#12 file that carries the Edge external certificate and its
 * private key to the Windows hosts of Lync 2013. */
#ifndef XMPPGW_PFX_H
#define XMPPGW_PFX_H

#include <stdbool.h>

#include "applog.h"
#include "deployment.h"

#define PFX_ITERATIONS 2048

struct pfx_options {
	const char *base_dir;        /* paths in d, and out, are relative to it unless absolute */
	const char *out;             /* NULL: d->cert.issued.chain_file with ".pfx" for "-chain.pem" */
	const char *key_passphrase;  /* for an encrypted key */
	const char *password;        /* the PFX's, not empty */
	bool force;                  /* replace an existing file */
	const char *deployment_file; /* never written over */
	struct applog *log;          /* may be NULL; never given a secret */
};

/* PKCS#12 for Windows Server 2008 R2 / 2012 R2: key and certificate bags
 * pbeWithSHA1And3-KeyTripleDES-CBC, MAC HMAC-SHA1, 2048 iterations; leaf +
 * intermediates, no root; friendlyName d->cert.friendly_name; localKeyId
 * on key and leaf. Mode 0600 from creation (O_CREAT|O_EXCL|O_NOFOLLOW; with
 * force a staged temporary renamed over; a symbolic link at out refused
 * even then), read back and verified (MAC with the password, key matches
 * leaf, algorithms as above) before success; records d->cert.issued.pfx_file
 * (as out was given, or the derived name). 0, or -1 with *err (caller
 * frees); PFX_EXISTS when out exists and force is false, CSR_KEY_LOCKED
 * (csr.h) when the key is encrypted and the passphrase missing or wrong, with
 * *err and nothing written. *written (may be NULL) gets the path written
 * (caller frees). */
#define PFX_EXISTS (-3)
int pfx_write(struct deployment *d, const struct pfx_options *o, char **written, char **err);

/* The name pfx_write uses when out is NULL: chain_file with ".pfx" for
 * "-chain.pem" (or ".pfx" added). NULL when no chain is recorded. */
char *pfx_default_name(const struct deployment *d);

#endif
