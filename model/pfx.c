/* SPDX-License-Identifier: ISC */
/* The PFX for the Edge. OpenSSL 3's PKCS#12 defaults (PBES2, AES-256,
 * HMAC-SHA256) are what Windows Server 2008 R2 and 2012 R2 reject with a
 * misleading "wrong password"; every algorithm is therefore named here and
 * checked again in the file written. */
#include "config.h"

#include "pfx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "atomic.h"
#include "certimport.h"
#include "csr.h"
#include "i18n.h"
#include "xalloc.h"

#define PFX_PBE NID_pbe_WithSHA1And3_Key_TripleDES_CBC

#define LOG(o, ...) \
	do { \
		if ((o)->log) \
			applog_add((o)->log, __VA_ARGS__); \
	} while (0)

static bool set(const char *s)
{
	return s && *s;
}

char *pfx_default_name(const struct deployment *d)
{
	const char *chain = d->cert.issued.chain_file;
	const char *tail = "-chain.pem";
	size_t n, t = strlen(tail);

	if (!set(chain))
		return NULL;
	n = strlen(chain);
	if (n > t && strcmp(chain + n - t, tail) == 0)
		return xasprintf("%.*s.pfx", (int)(n - t), chain);
	return xasprintf("%s.pfx", chain);
}

/* ---- building ---------------------------------------------------------------- */

static PKCS12 *build(const struct deployment *d, const char *password, EVP_PKEY *key,
		     STACK_OF(X509) *chain)
{
	STACK_OF(X509) *ca = sk_X509_new_null();
	const char *name = set(d->cert.friendly_name) ? d->cert.friendly_name : NULL;
	PKCS12 *p12 = NULL;

	/* A root is already trusted by Windows and stays out, whatever the
	 * chain file was edited to hold. */
	for (int i = 1; ca && i < sk_X509_num(chain); i++)
		if (X509_self_signed(sk_X509_value(chain, i), 0) != 1)
			sk_X509_push(ca, sk_X509_value(chain, i));
	if (ca)
		p12 = PKCS12_create(password, name, key, sk_X509_value(chain, 0), ca, PFX_PBE,
				    PFX_PBE, PFX_ITERATIONS, -1, 0);
	/* -1 above: no MAC yet; PKCS12_create's own would be HMAC-SHA256. */
	if (p12 && !PKCS12_set_mac(p12, password, -1, NULL, 0, PFX_ITERATIONS, EVP_sha1())) {
		PKCS12_free(p12);
		p12 = NULL;
	}
	sk_X509_free(ca);
	return p12;
}

/* ---- verifying what was written ------------------------------------------ */

struct bag_count {
	int keys, certs, key_ids;
	bool ok;
};

static bool pbe_ok(const X509_ALGOR *alg)
{
	const ASN1_OBJECT *obj;
	const void *pval;
	PBEPARAM *pbe;
	int ptype;
	bool ok;

	X509_ALGOR_get0(&obj, &ptype, &pval, alg);
	if (OBJ_obj2nid(obj) != PFX_PBE || ptype != V_ASN1_SEQUENCE)
		return false;
	pbe = ASN1_item_unpack(pval, ASN1_ITEM_rptr(PBEPARAM));
	ok = pbe && ASN1_INTEGER_get(pbe->iter) == PFX_ITERATIONS;
	PBEPARAM_free(pbe);
	return ok;
}

static void count_bags(const STACK_OF(PKCS12_SAFEBAG) *bags, bool encrypted,
		       struct bag_count *bc)
{
	for (int i = 0; i < sk_PKCS12_SAFEBAG_num(bags); i++) {
		const PKCS12_SAFEBAG *bag = sk_PKCS12_SAFEBAG_value(bags, i);
		const X509_ALGOR *alg = NULL;
		bool has_id = PKCS12_SAFEBAG_get0_attr(bag, NID_localKeyID) != NULL;

		switch (PKCS12_SAFEBAG_get_nid(bag)) {
		case NID_pkcs8ShroudedKeyBag:
			X509_SIG_get0(PKCS12_SAFEBAG_get0_pkcs8(bag), &alg, NULL);
			bc->ok = bc->ok && pbe_ok(alg) && has_id;
			bc->keys++;
			break;
		case NID_certBag:
			bc->ok = bc->ok && encrypted;
			bc->certs++;
			bc->key_ids += has_id;
			break;
		default:
			bc->ok = false;
		}
	}
}

/* Every safe: the key shrouded, the certificates in an encrypted safe,
 * both with the PBE and iterations Windows 2008 R2 reads. */
static bool bags_ok(PKCS12 *p12, const char *password, int ncerts)
{
	STACK_OF(PKCS7) *safes = PKCS12_unpack_authsafes(p12);
	struct bag_count bc = {0, 0, 0, safes != NULL};

	for (int i = 0; bc.ok && i < sk_PKCS7_num(safes); i++) {
		PKCS7 *p7 = sk_PKCS7_value(safes, i);
		STACK_OF(PKCS12_SAFEBAG) *bags = NULL;
		int nid = OBJ_obj2nid(p7->type);

		if (nid == NID_pkcs7_data) {
			bags = PKCS12_unpack_p7data(p7);
		} else if (nid == NID_pkcs7_encrypted) {
			bc.ok = pbe_ok(p7->d.encrypted->enc_data->algorithm);
			bags = PKCS12_unpack_p7encdata(p7, password, -1);
		}
		bc.ok = bc.ok && bags;
		count_bags(bags, nid == NID_pkcs7_encrypted, &bc);
		sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
	}
	sk_PKCS7_pop_free(safes, PKCS7_free);
	return bc.ok && bc.keys == 1 && bc.certs == ncerts && bc.key_ids == 1;
}

static bool mac_ok(const PKCS12 *p12)
{
	const ASN1_OCTET_STRING *mac = NULL, *salt = NULL;
	const X509_ALGOR *alg = NULL;
	const ASN1_INTEGER *iter = NULL;
	const ASN1_OBJECT *obj = NULL;

	PKCS12_get0_mac(&mac, &alg, &salt, &iter, p12);
	if (!mac || !alg || !iter)
		return false;
	X509_ALGOR_get0(&obj, NULL, NULL, alg);
	return OBJ_obj2nid(obj) == NID_sha1 && ASN1_INTEGER_get(iter) == PFX_ITERATIONS;
}

/* What the Edge will open: the key and leaf back out with the password. */
static bool content_ok(PKCS12 *p12, const char *password, EVP_PKEY *key, X509 *leaf,
		       int ncerts)
{
	EVP_PKEY *pk = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	bool ok = PKCS12_parse(p12, password, &pk, &cert, &ca) == 1 && pk && cert &&
		  EVP_PKEY_eq(pk, key) == 1 && X509_cmp(cert, leaf) == 0 &&
		  sk_X509_num(ca) == ncerts - 1;

	sk_X509_pop_free(ca, X509_free);
	X509_free(cert);
	EVP_PKEY_free(pk);
	return ok;
}

static int verify_file(const char *path, const char *password, EVP_PKEY *key, X509 *leaf,
		       int ncerts, char **err)
{
	BIO *b = BIO_new_file(path, "rb");
	PKCS12 *p12 = b ? d2i_PKCS12_bio(b, NULL) : NULL;

	if (!p12)
		*err = xasprintf(_("the PFX written to %s cannot be read back"), path);
	else if (PKCS12_verify_mac(p12, password, -1) != 1)
		*err = xasprintf(_("the MAC of the PFX written to %s does not verify with the "
				   "password"), path);
	else if (!mac_ok(p12))
		*err = xasprintf(_("the MAC of the PFX written to %s is not HMAC-SHA1 with %d "
				   "iterations"), path, PFX_ITERATIONS);
	else if (!bags_ok(p12, password, ncerts))
		*err = xasprintf(_("the PFX written to %s does not hold one key and %d "
				   "certificates encrypted with pbeWithSHA1And3-KeyTripleDES-CBC "
				   "(%d iterations)"), path, ncerts, PFX_ITERATIONS);
	else if (!content_ok(p12, password, key, leaf, ncerts))
		*err = xasprintf(_("the key and certificate read back from %s are not the ones "
				   "written"), path);
	PKCS12_free(p12);
	BIO_free(b);
	ERR_clear_error();
	return *err ? -1 : 0;
}

/* ---- writing --------------------------------------------------------------- */

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Mode 0600 from the first byte; on failure nothing is left. */
static int create_private(const char *path, const unsigned char *buf, size_t len, char **err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int e = 0;

	if (fd < 0) {
		*err = errno == EEXIST ? xasprintf(_("%s appeared while the PFX was being written; "
						     "not touching it"), path)
				       : xasprintf(_("cannot create %s: %s"), path,
						   strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0600) != 0 || write_all(fd, buf, len) != 0 || fsync(fd) != 0)
		e = errno ? errno : EIO;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0)
		return 0;
	unlink(path);
	*err = xasprintf(_("cannot write %s: %s"), path, strerror(e));
	return -1;
}

/* 0: nothing at path; 1: a regular file force allows to replace;
 * PFX_EXISTS: a regular file and no force; -1 with
 * *err otherwise. A link is refused even with force: the PFX holds the
 * private key and lands where its name says or nowhere. */
static int out_check(const char *path, bool force, char **err)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		*err = xasprintf(_("cannot examine %s: %s"), path, strerror(errno));
	} else if (S_ISLNK(st.st_mode)) {
		*err = xasprintf(_("%s is a symbolic link; a PFX is never written through one"),
				 path);
	} else if (!S_ISREG(st.st_mode)) {
		*err = xasprintf(_("%s exists and is not a regular file"), path);
	} else if (!force) {
		*err = xasprintf(_("%s already exists; a PFX is not replaced unless asked to"),
				 path);
		return PFX_EXISTS;
	} else {
		return 1;
	}
	return -1;
}

static char *staged_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xasprintf(".%s.new", path);
	return xasprintf("%.*s/.%s.new", (int)(slash - path), path, slash + 1);
}

/* ---- the whole export ------------------------------------------------------ */

struct job {
	char *out_name, *out_path, *key_path, *chain_path, *staged;
	EVP_PKEY *key;
	STACK_OF(X509) *chain;
	unsigned char *der;
	int der_len;
};

static void job_free(struct job *j)
{
	OPENSSL_free(j->der);
	sk_X509_pop_free(j->chain, X509_free);
	EVP_PKEY_free(j->key);
	free(j->staged);
	free(j->chain_path);
	free(j->key_path);
	free(j->out_path);
	free(j->out_name);
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static int job_paths(const struct deployment *d, const struct pfx_options *o, struct job *j,
		     char **err)
{
	const struct cert_issued *is = &d->cert.issued;
	const char *key = set(is->key_file) ? is->key_file : cert_current_key(d);

	if (!set(is->chain_file) || !key) {
		*err = xstrdup(_("no issued certificate is recorded; import the CA's answer first"));
		return -1;
	}
	if (!set(o->password)) {
		*err = xstrdup(_("the PFX needs a password that is not empty"));
		return -1;
	}
	j->out_name = set(o->out) ? xstrdup(o->out) : pfx_default_name(d);
	j->out_path = cert_resolve(o->base_dir, j->out_name);
	j->key_path = cert_resolve(o->base_dir, key);
	j->chain_path = cert_resolve(o->base_dir, is->chain_file);
	if (same_file(j->out_path, o->deployment_file) || same_file(j->out_path, j->key_path) ||
	    same_file(j->out_path, j->chain_path))
		*err = xasprintf(_("%s is the deployment, key or chain file; the PFX needs a file "
				   "of its own"), j->out_path);
	return *err ? -1 : 0;
}

static int job_build(const struct deployment *d, const struct pfx_options *o, struct job *j,
		     char **err)
{
	PKCS12 *p12;
	int rc = csr_load_key(j->key_path, o->key_passphrase, &j->key, err);

	if (rc != 0)
		return rc;
	if (cert_read_file(j->chain_path, j->chain, err) != 0)
		return -1;
	if (X509_check_private_key(sk_X509_value(j->chain, 0), j->key) != 1) {
		ERR_clear_error();
		*err = xasprintf(_("the certificate in %s does not match the key %s; import the "
				   "certificate issued for this key first"), j->chain_path,
				 j->key_path);
		return -1;
	}
	p12 = build(d, o->password, j->key, j->chain);
	j->der_len = p12 ? i2d_PKCS12(p12, &j->der) : -1;
	PKCS12_free(p12);
	if (j->der_len <= 0) {
		ERR_clear_error();
		*err = xstrdup(_("cannot build the PKCS#12 file"));
		return -1;
	}
	return 0;
}

/* Written at its name, or (force, a file there) staged beside it; read
 * back and verified before the staged file replaces the old one. */
static int job_write(const struct pfx_options *o, struct job *j, int ncerts, char **err)
{
	int state = out_check(j->out_path, o->force, err);
	const char *target;

	if (state < 0)
		return state;
	if (state == 1) {
		j->staged = staged_name(j->out_path);
		if (unlink(j->staged) != 0 && errno != ENOENT) {
			*err = xasprintf(_("cannot remove %s: %s"), j->staged, strerror(errno));
			return -1;
		}
	}
	target = j->staged ? j->staged : j->out_path;
	if (create_private(target, j->der, (size_t)j->der_len, err) != 0)
		return -1;
	if (verify_file(target, o->password, j->key, sk_X509_value(j->chain, 0), ncerts,
			err) != 0) {
		unlink(target);
		return -1;
	}
	if (j->staged && rename(j->staged, j->out_path) != 0) {
		*err = xasprintf(_("cannot replace %s: %s"), j->out_path, strerror(errno));
		unlink(j->staged);
		return -1;
	}
	atomic_sync_parent(j->out_path);
	return 0;
}

static int count_ca(STACK_OF(X509) *chain)
{
	int n = 1;

	for (int i = 1; i < sk_X509_num(chain); i++)
		n += X509_self_signed(sk_X509_value(chain, i), 0) != 1;
	return n;
}

int pfx_write(struct deployment *d, const struct pfx_options *o, char **written, char **err)
{
	struct job j = {0};
	int rc, ncerts = 0;

	*err = NULL;
	if (written)
		*written = NULL;
	j.chain = sk_X509_new_null();
	rc = job_paths(d, o, &j, err);
	if (rc == 0)
		rc = job_build(d, o, &j, err);
	if (rc == 0) {
		ncerts = count_ca(j.chain);
		rc = job_write(o, &j, ncerts, err);
	}
	if (rc == 0) {
		xstrset(&d->cert.issued.pfx_file, j.out_name);
		LOG(o, ngettext("PFX written to %s (mode 0600; %d certificate; key and certificate "
				"pbeWithSHA1And3-KeyTripleDES-CBC, MAC HMAC-SHA1, %d iterations); "
				"verified",
				"PFX written to %s (mode 0600; %d certificates; key and certificates "
				"pbeWithSHA1And3-KeyTripleDES-CBC, MAC HMAC-SHA1, %d iterations); "
				"verified", ncerts), j.out_path, ncerts, PFX_ITERATIONS);
		if (written)
			*written = xstrdup(j.out_path);
	} else {
		LOG(o, _("PFX not written: %s"), *err);
	}
	job_free(&j);
	ERR_clear_error();
	return rc;
}
