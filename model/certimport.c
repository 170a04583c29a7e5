/* SPDX-License-Identifier: ISC */
/* The CA's answer: reading whatever form it came in, finding the leaf of
 * our key and its chain, writing the chain, recording it. The checks of
 * what Lync needs are in certimport_check.c. */
#include "config.h"

#include "certimport.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

#include "atomic.h"
#include "certimport_int.h"
#include "csr.h"
#include "fsafe.h"
#include "i18n.h"
#include "xalloc.h"

#define CERT_CHAIN_MAX 10

#define LOG(o, ...) \
	do { \
		if ((o)->log) \
			applog_add((o)->log, __VA_ARGS__); \
	} while (0)

static bool set(const char *s)
{
	return s && *s;
}

char *cert_resolve(const char *base, const char *path)
{
	if (path[0] == '/' || !set(base) || strcmp(base, ".") == 0)
		return xstrdup(path);
	return xasprintf("%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/", path);
}

const char *cert_current_key(const struct deployment *d)
{
	if (set(d->cert.generated.key_file))
		return d->cert.generated.key_file;
	return set(d->cert.key_file) ? d->cert.key_file : NULL;
}

char *cert_name_text(const X509_NAME *n)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *s;
	long len;

	if (!b || X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
		BIO_free(b);
		ERR_clear_error();
		return xstrdup("");
	}
	len = BIO_get_mem_data(b, &data);
	s = xstrndup(data ? data : "", len > 0 ? (size_t)len : 0);
	BIO_free(b);
	return s;
}

char *cert_time_text(const ASN1_TIME *t)
{
	struct tm tm;
	char buf[32];

	if (!t || !ASN1_TIME_to_tm(t, &tm) ||
	    !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		ERR_clear_error();
		return xstrdup("?");
	}
	return xstrdup(buf);
}

/* ---- reading ------------------------------------------------------------- */

static int slurp(const char *path, char **buf, long *len, char **err)
{
	char *why = NULL;
	int fd = fsafe_open_input(path, &why);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	long n = 0;

	*buf = NULL;
	if (fd < 0) {
		*err = xasprintf(_("cannot read %s: %s"), path, why);
		free(why);
		goto out;
	}
	if (!f) {
		close(fd);
		*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
		goto out;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
		goto out;
	}
	if (n > CERT_FILE_MAX) {
		*err = xasprintf(ngettext("%s is %ld byte, too large to be a certificate file",
					  "%s is %ld bytes, too large to be a certificate file", n),
				 path, n);
		goto out;
	}
	*buf = xmalloc((size_t)n + 1);
	if (n > 0 && fread(*buf, 1, (size_t)n, f) != (size_t)n) {
		*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno ? errno : EIO));
		free(*buf);
		*buf = NULL;
		goto out;
	}
	(*buf)[n] = '\0';
	*len = n;
out:
	if (f)
		fclose(f);
	return *buf ? 0 : -1;
}

static void push_p7(PKCS7 *p7, STACK_OF(X509) *out)
{
	STACK_OF(X509) *certs = NULL;

	if (p7 && OBJ_obj2nid(p7->type) == NID_pkcs7_signed && p7->d.sign)
		certs = p7->d.sign->cert;
	for (int i = 0; i < sk_X509_num(certs); i++) {
		X509 *x = sk_X509_value(certs, i);

		if (X509_up_ref(x) && !sk_X509_push(out, x))
			X509_free(x);
	}
}

static void read_pem(const char *buf, long len, STACK_OF(X509) *out)
{
	BIO *b = BIO_new_mem_buf(buf, (int)len);
	STACK_OF(X509_INFO) *infos = b ? PEM_X509_INFO_read_bio(b, NULL, NULL, NULL) : NULL;
	PKCS7 *p7;

	for (int i = 0; i < sk_X509_INFO_num(infos); i++) {
		X509_INFO *xi = sk_X509_INFO_value(infos, i);

		if (xi->x509 && sk_X509_push(out, xi->x509))
			xi->x509 = NULL;
	}
	sk_X509_INFO_pop_free(infos, X509_INFO_free);
	BIO_free(b);
	/* "Microsoft IIS / PKCS7" saved as text: certificates inside. */
	if (!memmem(buf, (size_t)len, "-----BEGIN PKCS7-----", 21))
		return;
	b = BIO_new_mem_buf(buf, (int)len);
	while (b && (p7 = PEM_read_bio_PKCS7(b, NULL, NULL, NULL))) {
		push_p7(p7, out);
		PKCS7_free(p7);
	}
	BIO_free(b);
}

static void read_der(const char *buf, long len, STACK_OF(X509) *out)
{
	const unsigned char *p = (const unsigned char *)buf;
	X509 *x = d2i_X509(NULL, &p, len);
	PKCS7 *p7;

	if (x) {
		if (!sk_X509_push(out, x))
			X509_free(x);
		return;
	}
	p = (const unsigned char *)buf;
	p7 = d2i_PKCS7(NULL, &p, len);
	push_p7(p7, out);
	PKCS7_free(p7);
}

int cert_read_buffer(const char *name, const char *buf, size_t len, STACK_OF(X509) *out,
		     char **err)
{
	int before = sk_X509_num(out);

	if (len > (size_t)CERT_FILE_MAX) {
		*err = xasprintf(_("%s is %zu bytes, too large to be a certificate file"), name, len);
		return -1;
	}
	if (memmem(buf, len, "-----BEGIN ", 11))
		read_pem(buf, (long)len, out);
	else
		read_der(buf, (long)len, out);
	ERR_clear_error();
	if (sk_X509_num(out) > before)
		return 0;
	*err = xasprintf(_("%s holds no certificate (PEM, DER or PKCS#7 expected)"), name);
	return -1;
}

int cert_read_file(const char *path, STACK_OF(X509) *out, char **err)
{
	char *buf;
	long len = 0;
	int rc;

	if (slurp(path, &buf, &len, err) != 0)
		return -1;
	rc = cert_read_buffer(path, buf, (size_t)len, out, err);
	free(buf);
	return rc;
}

static bool chain_has(STACK_OF(X509) *s, const X509 *x)
{
	for (int i = 0; i < sk_X509_num(s); i++)
		if (X509_cmp(sk_X509_value(s, i), x) == 0)
			return true;
	return false;
}

/* Every file's certificates into c->all, each certificate once. */
static int read_all(const char *const *files, size_t n, const struct cert_import_options *o,
		    struct cert_chain *c, char **err)
{
	STACK_OF(X509) *tmp = sk_X509_new_null();
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *path = cert_resolve(o->base_dir, files[i]);

		rc = cert_read_file(path, tmp, err);
		free(path);
	}
	if (rc == 0 && o->data)
		rc = cert_read_buffer(o->data_name ? o->data_name : "-", o->data, o->data_len, tmp,
				      err);
	while (sk_X509_num(tmp) > 0) {
		X509 *x = sk_X509_shift(tmp);

		if (chain_has(c->all, x) || !sk_X509_push(c->all, x))
			X509_free(x);
	}
	sk_X509_free(tmp);
	return rc;
}

/* ---- the leaf and its chain ---------------------------------------------- */

/* Of the certificates for our key, the one valid longest: a bundle may
 * hold the one it renews. NULL when none is. */
static X509 *find_leaf(STACK_OF(X509) *all, EVP_PKEY *key, int *count)
{
	X509 *best = NULL;

	*count = 0;
	for (int i = 0; i < sk_X509_num(all); i++) {
		X509 *x = sk_X509_value(all, i);
		EVP_PKEY *pub = X509_get0_pubkey(x);

		if (!pub || EVP_PKEY_eq(pub, key) != 1)
			continue;
		++*count;
		if (!best || ASN1_TIME_compare(X509_get0_notAfter(x), X509_get0_notAfter(best)) > 0)
			best = x;
	}
	ERR_clear_error();
	return best;
}

/* The issuer of x among all: by name and key identifiers first (a CA
 * re-keyed under the same name), else by name alone, so that a wrong
 * certificate of that name is caught by its signature, not skipped. */
static X509 *find_issuer(STACK_OF(X509) *all, X509 *x)
{
	const X509_NAME *want = X509_get_issuer_name(x);
	X509 *by_name = NULL;

	for (int i = 0; i < sk_X509_num(all); i++) {
		X509 *c = sk_X509_value(all, i);

		if (c == x || X509_NAME_cmp(X509_get_subject_name(c), want) != 0)
			continue;
		if (X509_check_issued(c, x) == X509_V_OK)
			return c;
		if (!by_name)
			by_name = c;
	}
	return by_name;
}

static void build_chain(struct cert_chain *c, X509 *leaf)
{
	X509 *cur = leaf;

	sk_X509_push(c->path, leaf);
	while (sk_X509_num(c->path) < CERT_CHAIN_MAX && X509_self_signed(cur, 0) != 1) {
		X509 *up = find_issuer(c->all, cur);

		if (!up || chain_has(c->path, up))
			break;
		if (X509_self_signed(up, 0) == 1) {
			c->root = up;
			break;
		}
		sk_X509_push(c->path, up);
		cur = up;
	}
	ERR_clear_error();
}

static void warn_ignored(const struct cert_chain *c, struct strlist *warnings)
{
	for (int i = 0; i < sk_X509_num(c->all); i++) {
		X509 *x = sk_X509_value(c->all, i);
		char *name;

		if (x == c->root || chain_has(c->path, x))
			continue;
		name = cert_name_text(X509_get_subject_name(x));
		strlist_pushf(warnings, _("The certificate %s is not in the chain of the Edge "
					  "certificate and is ignored."), name);
		free(name);
	}
}

/* ---- writing and recording ----------------------------------------------- */

/* key.key -> key-chain.pem; any other name gets -chain.pem added. */
static char *chain_name(const char *key)
{
	size_t n = strlen(key);

	if (n > 4 && strcmp(key + n - 4, ".key") == 0)
		return xasprintf("%.*s-chain.pem", (int)(n - 4), key);
	return xasprintf("%s-chain.pem", key);
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static int write_chain(const char *path, const struct cert_chain *c, char **err)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *buf = NULL;
	long len;
	int rc;

	for (int i = 0; b && i < sk_X509_num(c->path); i++)
		if (!PEM_write_bio_X509(b, sk_X509_value(c->path, i))) {
			BIO_free(b);
			b = NULL;
		}
	if (!b) {
		ERR_clear_error();
		*err = xasprintf(_("cannot encode the chain for %s"), path);
		return -1;
	}
	len = BIO_get_mem_data(b, &buf);
	rc = atomic_write_nofollow(path, buf, len > 0 ? (size_t)len : 0, 0644, err);
	BIO_free(b);
	return rc;
}

static char *thumbprint(X509 *x)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *s;

	if (!X509_digest(x, EVP_sha1(), md, &n))
		return xstrdup("");
	s = xmalloc(2 * (size_t)n + 1);
	for (unsigned int i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02X", md[i]);
	s[2 * n] = '\0';
	return s;
}

static char *serial_hex(X509 *x)
{
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	char *hex = bn ? BN_bn2hex(bn) : NULL;
	char *s = xstrdup(hex ? hex : "");

	OPENSSL_free(hex);
	BN_free(bn);
	return s;
}

static void record(struct cert_issued *is, X509 *leaf, const char *chain, const char *key,
		   time_t now)
{
	char stamp[32];
	struct tm tm;

	xstrset(&is->chain_file, chain);
	xstrset(&is->key_file, key);
	free(is->thumbprint);
	is->thumbprint = thumbprint(leaf);
	free(is->serial);
	is->serial = serial_hex(leaf);
	free(is->subject);
	is->subject = cert_name_text(X509_get_subject_name(leaf));
	free(is->issuer);
	is->issuer = cert_name_text(X509_get_issuer_name(leaf));
	free(is->not_before);
	is->not_before = cert_time_text(X509_get0_notBefore(leaf));
	free(is->not_after);
	is->not_after = cert_time_text(X509_get0_notAfter(leaf));
	if (!gmtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(stamp, "1970-01-01T00:00:00Z");
	xstrset(&is->imported_at, stamp);
	xstrset(&is->pfx_file, NULL);
}

/* ---- the whole import ------------------------------------------------------ */

struct import {
	const char *key_name; /* as recorded */
	char *key_path, *chain_name, *chain_path;
	EVP_PKEY *key;
	struct cert_chain c;
};

static void import_free(struct import *im)
{
	sk_X509_pop_free(im->c.all, X509_free);
	sk_X509_free(im->c.path);
	EVP_PKEY_free(im->key);
	free(im->chain_path);
	free(im->chain_name);
	free(im->key_path);
}

/* The leaf for the key, its chain and every check; 0 or 1 (refused). */
static int judge(const struct deployment *d, struct import *im, time_t now,
		 struct cert_import_result *r)
{
	int count = 0;
	X509 *leaf = find_leaf(im->c.all, im->key, &count);
	char *until;

	if (!leaf) {
		strlist_pushf(&r->refusals, _("None of the certificates given matches the key %s: "
					      "they were issued for another request."),
			      im->key_path);
		return 1;
	}
	if (count > 1) {
		until = cert_time_text(X509_get0_notAfter(leaf));
		strlist_pushf(&r->warnings, _("Several certificates match the key; the one valid "
					      "until %s is used."), until);
		free(until);
	}
	build_chain(&im->c, leaf);
	cert_check_chain(d, &im->c, now, &r->refusals, &r->warnings);
	warn_ignored(&im->c, &r->warnings);
	return r->refusals.n ? 1 : 0;
}

static int place_chain(const struct cert_import_options *o, struct import *im, char **err)
{
	im->chain_name = set(o->chain_file) ? xstrdup(o->chain_file) : chain_name(im->key_name);
	im->chain_path = cert_resolve(o->base_dir, im->chain_name);
	if (same_file(im->chain_path, o->deployment_file))
		*err = xasprintf(_("%s is the deployment file; the chain needs a file of its own"),
				 im->chain_path);
	else if (same_file(im->chain_path, im->key_path))
		*err = xasprintf(_("%s is the key file; the chain needs a file of its own"),
				 im->chain_path);
	else
		return write_chain(im->chain_path, &im->c, err);
	return -1;
}

static void log_result(const struct cert_import_options *o, const struct cert_import_result *r)
{
	for (size_t i = 0; i < r->warnings.n; i++)
		LOG(o, _("warning: %s"), r->warnings.v[i]);
	for (size_t i = 0; i < r->refusals.n; i++)
		LOG(o, _("refused: %s"), r->refusals.v[i]);
}

static int import_run(struct deployment *d, const char *const *files, size_t nfiles,
		      const struct cert_import_options *o, struct import *im,
		      struct cert_import_result *r, char **err)
{
	time_t now = o->now ? o->now : time(NULL);
	int rc;

	im->key_name = set(o->key_file) ? o->key_file : cert_current_key(d);
	if (!im->key_name) {
		*err = xstrdup(_("certificate.key_file is not set: there is no key to match the "
				 "certificate against"));
		return -1;
	}
	im->key_path = cert_resolve(o->base_dir, im->key_name);
	if (nfiles == 0 && !o->data) {
		*err = xstrdup(_("no certificate file was given"));
		return -1;
	}
	rc = csr_read_key(im->key_path, o->passphrase, &im->key, err);
	if (rc != 0)
		return rc;
	if (read_all(files, nfiles, o, &im->c, err) != 0)
		return -1;
	/* TRANSLATORS: the plural follows the certificates; the files'
	 * count is after "files:". */
	LOG(o, ngettext("importing the CA's answer: %d certificate (files: %zu), key %s",
			"importing the CA's answer: %d certificates (files: %zu), key %s",
			sk_X509_num(im->c.all)),
	    sk_X509_num(im->c.all), nfiles + (o->data != NULL), im->key_path);
	rc = judge(d, im, now, r);
	log_result(o, r);
	if (rc != 0 || place_chain(o, im, err) != 0)
		return rc ? rc : -1;
	record(&d->cert.issued, sk_X509_value(im->c.path, 0), im->chain_name, im->key_name, now);
	LOG(o, _("chain written to %s; thumbprint %s, valid until %s"), im->chain_path,
	    d->cert.issued.thumbprint, d->cert.issued.not_after);
	return 0;
}

int cert_import(struct deployment *d, const char *const *files, size_t nfiles,
		const struct cert_import_options *o, struct cert_import_result *r, char **err)
{
	struct import im = {0};
	int rc;

	*err = NULL;
	memset(r, 0, sizeof *r);
	im.c.all = sk_X509_new_null();
	im.c.path = sk_X509_new_null();
	rc = import_run(d, files, nfiles, o, &im, r, err);
	if (rc < 0)
		LOG(o, _("failed: %s"), *err);
	import_free(&im);
	ERR_clear_error();
	return rc;
}

void cert_import_result_free(struct cert_import_result *r)
{
	strlist_free(&r->refusals);
	strlist_free(&r->warnings);
}

/* ---- the key without its passphrase -------------------------------------- */

/* csr_read_key without a passphrase: an encrypted key is only reported. */
EVP_PKEY *cert_public_of_key(const char *path, bool *encrypted, char **err)
{
	EVP_PKEY *key = NULL;
	int rc = csr_read_key(path, NULL, &key, err);

	*encrypted = rc == CSR_KEY_LOCKED;
	if (*encrypted) {
		free(*err);
		*err = NULL;
	}
	return key;
}

int cert_key_encrypted(const char *path, char **err)
{
	bool encrypted;
	EVP_PKEY *key = cert_public_of_key(path, &encrypted, err);

	if (key) {
		EVP_PKEY_free(key);
		return 0;
	}
	return encrypted ? 1 : -1;
}
