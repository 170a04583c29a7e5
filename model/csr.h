/* SPDX-License-Identifier: ISC */
/* csr: the Edge external certificate's private key and PKCS#10 request.
 * Keys are RSA; the request is SHA-256 with PKCS#1 v1.5. */
#ifndef XMPPGW_CSR_H
#define XMPPGW_CSR_H

#include <stdbool.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "applog.h"
#include "deployment.h"

/* Called during key generation (from OpenSSL's BN_GENCB); return false to
 * cancel. phase and count are OpenSSL's: phase 0 candidates tested, 1 a
 * Miller-Rabin round, 2 a prime found, 3 p or q accepted. */
typedef bool (*csr_progress_fn)(void *arg, int phase, int count);

struct csr_options {
	const char *base_dir;        /* paths in d are relative to it */
	const char *passphrase;      /* NULL or "": key not encrypted */
	const char *existing_key;    /* reuse this key instead of generating (relative
	                              * to base_dir unless absolute; recorded as given) */
	bool force;                  /* overwrite an existing key file */
	csr_progress_fn progress;    /* may be NULL */
	void *progress_arg;
	struct applog *log;          /* may be NULL */
	const char *deployment_file; /* NULL, or the deployment file: the request and
	                              * a new key are never written over it */
};

/* Everything Finish does: checks d, generates (or loads) the key, writes it
 * (PKCS#8 PEM, mode 0600 from creation, O_EXCL|O_NOFOLLOW, never over an
 * existing file unless force), builds the request from d, writes it, reads
 * it back and verifies it, and records paths, time, subject and DNS names in
 * d->cert.generated. When d records a key in use (certreq_key_in_use) and
 * neither existing_key nor force is given, the new key and request get new
 * dated names (certreq_fresh_names), which also become
 * certificate.request_file and key_file: the key in use is never touched.
 * Returns 0; -1 with *err (caller frees), CSR_KEY_LOCKED when existing_key
 * is encrypted and the passphrase missing or wrong; 1 when cancelled by
 * progress. */
int csr_run(struct deployment *d, const struct csr_options *o, char **err);

/* The pieces csr_run is made of, for tests and the View page. Each returns
 * 0, or -1 with *err (caller frees); csr_generate_key returns 1 when the
 * progress callback cancelled. csr_load_key refuses keys that are not RSA
 * or smaller than 2048 bits. */
int csr_generate_key(int bits, csr_progress_fn progress, void *arg, EVP_PKEY **out, char **err);
int csr_write_key(const char *path, EVP_PKEY *key, const char *passphrase, bool force,
		  char **err);
int csr_load_key(const char *path, const char *passphrase, EVP_PKEY **out, char **err);
/* csr_load_key without the refusals: any key type and size, for those who
 * judge the key themselves (cert_import names a short key as a refusal).
 * Both return CSR_KEY_LOCKED (with *err) when the key is encrypted and the
 * passphrase is missing or wrong, so a caller can say how to give one. */
#define CSR_KEY_LOCKED (-2)
int csr_read_key(const char *path, const char *passphrase, EVP_PKEY **out, char **err);
int csr_build(const struct deployment *d, EVP_PKEY *key, X509_REQ **out, char **err);
/* The request's subject as csr_build writes it: subject_attrs (subject.h),
 * CN, O, OU, L, ST, C, empty values left out. NULL when it cannot be encoded;
 * the caller frees it with X509_NAME_free. */
X509_NAME *csr_subject_name(const struct deployment *d);
int csr_write_request(const char *path, X509_REQ *req, char **err);
/* The request at path decoded for people (subject, SANs, key size,
 * extensions, signature check), then its PEM. NULL with *err on failure. */
char *csr_describe_file(const char *path, char **err);

#endif
