/* SPDX-License-Identifier: ISC */
/* certimport: the CA's answer to the Edge external certificate request,
 * checked against the key and the deployment, and the chain it leaves
 * beside the deployment file. Nothing here prints; messages come back as
 * strings the caller frees (or as lists the result owns). */
#ifndef XMPPGW_CERTIMPORT_H
#define XMPPGW_CERTIMPORT_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "applog.h"
#include "deployment.h"
#include "diag.h"
#include "strlist.h"

#define CERT_WARN_DAYS 30
/* A CA's answer is a few kilobytes; a bundle of every public root, a few
 * hundred. Anything larger is not a certificate file. */
#define CERT_FILE_MAX (16L * 1024 * 1024)

struct cert_import_options {
	const char *base_dir;        /* paths in d and files are relative to it unless absolute */
	const char *passphrase;      /* for an encrypted key; NULL or "" when not encrypted */
	const char *key_file;        /* NULL: d->cert.generated.key_file, else d->cert.key_file */
	const char *chain_file;      /* NULL: the key file's name with "-chain.pem" for ".key" */
	const char *deployment_file; /* never written over */
	time_t now;                  /* 0: time(NULL); tests pass a fixed clock */
	const char *data;            /* one more file's bytes, read by the caller (standard input), or NULL */
	size_t data_len;
	const char *data_name;       /* data's name in messages ("<stdin>") */
	struct applog *log;          /* may be NULL */
};

struct cert_import_result {
	struct strlist refusals;     /* one translated reason per entry; empty when accepted */
	struct strlist warnings;
};

/* Reads every file (PEM with one or several certificates in any order, DER
 * .cer/.crt, PKCS#7 .p7b/.p7c in DER or PEM), finds the leaf whose public
 * key is the key's, checks it and its chain.
 * 0: accepted: the chain written (PEM, leaf first, intermediates upward,
 *    root left out; atomic, mode 0644, a link at its name replaced, never
 *    followed) and d->cert.issued filled (pfx_file cleared: an older PFX
 *    holds an older certificate).
 * 1: refused: reasons in r->refusals, nothing written, d untouched.
 * -1: a file unreadable or not a certificate, the key unreadable or the
 *    passphrase wrong, the chain not writable: *err (caller frees).
 * CSR_KEY_LOCKED: the key is encrypted and o->passphrase missing or wrong.
 * r is initialised here; free it with cert_import_result_free either way. */
int cert_import(struct deployment *d, const char *const *files, size_t nfiles,
		const struct cert_import_options *o, struct cert_import_result *r, char **err);
void cert_import_result_free(struct cert_import_result *r);

/* 1 when the PEM key at path is encrypted, 0 when not, -1 unreadable (with *err). */
int cert_key_encrypted(const char *path, char **err);

/* What `check` and the home screen say of the recorded chain: errors and
 * warnings into out (fields "certificate.issued.*", unpositioned), reading
 * the chain and key files: missing files, the chain no longer matching the
 * key (or the current key_file), expired, not yet valid, under 30 days
 * left. An encrypted key is compared through the request made with it. */
void cert_issued_check(const struct deployment *d, const char *base_dir, time_t now,
		       struct diags *out);

/* Helpers shared with pfx and the screens. */

/* Every certificate in path (PEM, DER or PKCS#7 in DER or PEM), appended
 * to out, which takes ownership. 0, or -1 with *err naming the file. */
int cert_read_file(const char *path, STACK_OF(X509) *out, char **err);
/* The same from a file's bytes already read; name is for messages. */
int cert_read_buffer(const char *name, const char *buf, size_t len, STACK_OF(X509) *out,
		     char **err);
/* path as seen from base_dir (unchanged when absolute); the caller frees. */
char *cert_resolve(const char *base_dir, const char *path);
/* The key the certificate goes with, as recorded (relative to the
 * deployment's folder): generated.key_file, else key_file; NULL if neither. */
const char *cert_current_key(const struct deployment *d);
/* Names, RFC 2253 with UTF-8 kept; times, RFC 3339 UTC. The caller frees. */
char *cert_name_text(const X509_NAME *n);
char *cert_time_text(const ASN1_TIME *t);

#endif
