/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "csr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "atomic.h"
#include "certreq.h"
#include "csr_int.h"
#include "fsafe.h"
#include "i18n.h"
#include "validate.h"
#include "xalloc.h"

#define CSR_MIN_BITS 2048

#define LOG(o, ...) \
	do { \
		if ((o)->log) \
			applog_add((o)->log, __VA_ARGS__); \
	} while (0)

static bool set(const char *s)
{
	return s && *s;
}

char *csr_ossl_error(const char *what)
{
	unsigned long e = ERR_peek_last_error();
	const char *why = e ? ERR_reason_error_string(e) : NULL;
	char *s = why ? xasprintf("%s: %s", what, why) : xstrdup(what);

	ERR_clear_error();
	return s;
}

static char *resolve(const char *base, const char *path)
{
	if (path[0] == '/' || !set(base) || strcmp(base, ".") == 0)
		return xstrdup(path);
	return xasprintf("%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/", path);
}

/* ---- the key ----------------------------------------------------------- */

struct keygen_state {
	csr_progress_fn fn;
	void *arg;
	bool cancelled;
};

static int keygen_cb(EVP_PKEY_CTX *ctx)
{
	struct keygen_state *st = EVP_PKEY_CTX_get_app_data(ctx);

	if (!st->fn || st->fn(st->arg, EVP_PKEY_CTX_get_keygen_info(ctx, 0),
			      EVP_PKEY_CTX_get_keygen_info(ctx, 1)))
		return 1;
	st->cancelled = true;
	return 0;
}

int csr_generate_key(int bits, csr_progress_fn progress, void *arg, EVP_PKEY **out, char **err)
{
	struct keygen_state st = {progress, arg, false};
	EVP_PKEY_CTX *ctx = NULL;
	char *msg = NULL;
	int rc = -1;

	*out = NULL;
	if (validate_key_bits(bits, &msg) != VALID_OK) {
		*err = msg;
		return -1;
	}
	ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, NULL);
	if (!ctx || EVP_PKEY_keygen_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) <= 0) {
		*err = csr_ossl_error(_("cannot set up RSA key generation"));
		goto out;
	}
	EVP_PKEY_CTX_set_app_data(ctx, &st);
	EVP_PKEY_CTX_set_cb(ctx, keygen_cb);
	if (EVP_PKEY_keygen(ctx, out) > 0) {
		rc = 0;
	} else if (st.cancelled) {
		ERR_clear_error();
		rc = 1;
	} else {
		*err = csr_ossl_error(_("RSA key generation failed"));
	}
out:
	EVP_PKEY_CTX_free(ctx);
	return rc;
}

/* 0: nothing at path; 1: a regular file that force allows to replace;
 * -1 with *err otherwise. A symbolic link is refused even with force: the
 * key must land where the name says, not wherever the link points. */
static int key_path_check(const char *path, bool force, char **err)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		*err = xasprintf(_("cannot examine the key file %s: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		*err = xasprintf(_("the key file %s is a symbolic link; a private key is never "
				   "written through one"), path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = xasprintf(_("the key file %s exists and is not a regular file"), path);
		return -1;
	}
	if (!force) {
		*err = xasprintf(_("the key file %s already exists; a private key is not "
				   "replaced unless asked to"), path);
		return -1;
	}
	return 1;
}

/* The key as PKCS#8 PEM in memory that is wiped when freed. */
static BIO *key_pem(EVP_PKEY *key, const char *passphrase, char **err)
{
	const EVP_CIPHER *cipher = set(passphrase) ? EVP_aes_256_cbc() : NULL;
	BIO *b = BIO_new(BIO_s_secmem());

	if (!b || !PEM_write_bio_PKCS8PrivateKey(b, key, cipher, cipher ? passphrase : NULL,
						 cipher ? (int)strlen(passphrase) : 0, NULL,
						 NULL)) {
		*err = csr_ossl_error(_("cannot encode the private key"));
		BIO_free(b);
		return NULL;
	}
	return b;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Creates path with mode 0600 and writes buf; on failure nothing is left. */
static int key_create(const char *path, const char *buf, size_t len, char **err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0) {
		*err = errno == EEXIST
			       ? xasprintf(_("the key file %s appeared while it was being "
					     "written; not touching it"), path)
			       : xasprintf(_("cannot create the key file %s: %s"), path,
					   strerror(errno));
		return -1;
	}
	/* The umask may have taken bits the owner needs; 0600 whatever it is. */
	if (fchmod(fd, 0600) != 0 || write_all(fd, buf, len) != 0 || fsync(fd) != 0) {
		int e = errno;

		close(fd);
		fd = -1;
		errno = e;
	}
	if (fd < 0 || close(fd) != 0) {
		int e = errno;

		unlink(path);
		*err = xasprintf(_("cannot write the key file %s: %s"), path, strerror(e));
		return -1;
	}
	atomic_sync_parent(path);
	return 0;
}

/* A key that replaces another goes to a new name beside it first, so that
 * a failure at any point leaves the old key as it was. */
static char *key_temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xasprintf(".%s.new", path);
	return xasprintf("%.*s/.%s.new", (int)(slash - path), path, slash + 1);
}

/* Writes the key: at path when nothing is there, else (force) at a new
 * name returned in *staged, for key_commit to rename over path. */
static int key_stage(const char *path, EVP_PKEY *key, const char *passphrase, bool force,
		     char **staged, char **err)
{
	BIO *pem;
	char *buf = NULL, *tmp = NULL;
	long len;
	int rc = -1, state;

	*staged = NULL;
	pem = key_pem(key, passphrase, err);
	if (!pem)
		return -1;
	state = key_path_check(path, force, err);
	if (state < 0)
		goto out;
	if (state == 1) {
		/* A leftover of an earlier failed run; ours, never a link. */
		tmp = key_temp_name(path);
		if (unlink(tmp) != 0 && errno != ENOENT) {
			*err = xasprintf(_("cannot remove %s: %s"), tmp, strerror(errno));
			goto out;
		}
	}
	len = BIO_get_mem_data(pem, &buf);
	rc = key_create(tmp ? tmp : path, buf, len > 0 ? (size_t)len : 0, err);
	if (rc == 0)
		*staged = tmp;
	else
		free(tmp);
out:
	BIO_free(pem);
	return rc;
}

/* Puts a staged key in place (a rename replaces a link, never follows
 * it); on failure the staged key is removed and the old one stays. */
static int key_commit(const char *staged, const char *path, char **err)
{
	if (rename(staged, path) != 0) {
		*err = xasprintf(_("cannot replace the key file %s: %s"), path, strerror(errno));
		unlink(staged);
		return -1;
	}
	atomic_sync_parent(path);
	return 0;
}

int csr_write_key(const char *path, EVP_PKEY *key, const char *passphrase, bool force,
		  char **err)
{
	char *staged = NULL;
	int rc = key_stage(path, key, passphrase, force, &staged, err);

	if (rc == 0 && staged)
		rc = key_commit(staged, path, err);
	free(staged);
	return rc;
}

struct pass_state {
	const char *pass;
	bool asked;
};

static int pass_cb(char *buf, int size, int rwflag, void *u)
{
	struct pass_state *ps = u;
	size_t len;

	(void)rwflag;
	ps->asked = true;
	if (!set(ps->pass))
		return -1;
	len = strlen(ps->pass);
	if (size < 0 || len > (size_t)size)
		return -1;
	memcpy(buf, ps->pass, len);
	return (int)len;
}

static int key_usable(const char *path, EVP_PKEY *key, char **err)
{
	int bits = EVP_PKEY_get_bits(key);

	if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
		*err = xasprintf(_("%s holds a %s key; the Edge certificate request needs RSA"),
				 path, EVP_PKEY_get0_type_name(key));
		return -1;
	}
	if (bits < CSR_MIN_BITS) {
		*err = xasprintf(_("%s holds a %d-bit RSA key; public CAs require at least %d "
				   "bits"), path, bits, CSR_MIN_BITS);
		return -1;
	}
	return 0;
}

int csr_load_key(const char *path, const char *passphrase, EVP_PKEY **out, char **err)
{
	int rc = csr_read_key(path, passphrase, out, err);

	if (rc != 0)
		return rc;
	if (key_usable(path, *out, err) != 0) {
		EVP_PKEY_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* The key file as a BIO, opened without blocking on a FIFO and only if it
 * is a regular file; NULL with *err naming the file. */
static BIO *key_bio(const char *path, char **err)
{
	char *why = NULL;
	int fd = fsafe_open_input(path, &why);
	BIO *b;

	if (fd < 0) {
		*err = xasprintf(_("cannot read the key file %s: %s"), path, why);
		free(why);
		return NULL;
	}
	b = BIO_new_fd(fd, BIO_CLOSE);
	if (!b) {
		close(fd);
		*err = xasprintf(_("cannot read the key file %s: out of memory"), path);
	}
	return b;
}

int csr_read_key(const char *path, const char *passphrase, EVP_PKEY **out, char **err)
{
	struct pass_state ps = {passphrase, false};
	BIO *b = key_bio(path, err);
	EVP_PKEY *key = NULL;

	*out = NULL;
	if (!b) {
		ERR_clear_error();
		return -1;
	}
	key = PEM_read_bio_PrivateKey(b, NULL, pass_cb, &ps);
	BIO_free(b);
	ERR_clear_error();
	if (!key) {
		if (ps.asked && !set(passphrase)) {
			*err = xasprintf(_("%s is encrypted; its passphrase is needed"), path);
			return CSR_KEY_LOCKED;
		}
		if (ps.asked) {
			*err = xasprintf(_("cannot decrypt %s: wrong passphrase"), path);
			return CSR_KEY_LOCKED;
		}
		*err = xasprintf(_("%s holds no PEM private key"), path);
		return -1;
	}
	*out = key;
	return 0;
}

/* ---- the request (built in csr_build.c) ------------------------------- */

int csr_write_request(const char *path, X509_REQ *req, char **err)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *buf = NULL;
	long len;
	int rc;

	if (!b || !PEM_write_bio_X509_REQ(b, req)) {
		*err = csr_ossl_error(_("cannot encode the request"));
		BIO_free(b);
		return -1;
	}
	len = BIO_get_mem_data(b, &buf);
	rc = atomic_write(path, buf, len > 0 ? (size_t)len : 0, 0644, err);
	BIO_free(b);
	return rc;
}

/* ---- everything Finish does -------------------------------------------- */

struct run {
	char *req_name, *key_name; /* as the file will record them */
	bool fresh;                /* new names: a key is in use */
	char *req_path, *key_path;
	EVP_PKEY *key;
	X509_REQ *req;
	bool generated;
};

static size_t req_count_sans(X509_REQ *req)
{
	STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
	GENERAL_NAMES *gens = exts ? X509V3_get_d2i(exts, NID_subject_alt_name, NULL, NULL)
				   : NULL;
	size_t n = gens ? (size_t)sk_GENERAL_NAME_num(gens) : 0;

	GENERAL_NAMES_free(gens);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	return n;
}

/* Reads the request back from disk, as the CA will. */
static int verify_written(const char *path, EVP_PKEY *key, size_t *nsans, char **err)
{
	BIO *b = BIO_new_file(path, "r");
	X509_REQ *req = b ? PEM_read_bio_X509_REQ(b, NULL, NULL, NULL) : NULL;
	EVP_PKEY *pub = req ? X509_REQ_get0_pubkey(req) : NULL;
	int rc = -1;

	if (!req)
		*err = csr_ossl_error(_("the request written cannot be read back"));
	else if (!pub || X509_REQ_verify(req, pub) != 1)
		*err = csr_ossl_error(_("the request written does not verify against its own key"));
	else if (EVP_PKEY_eq(pub, key) != 1)
		*err = csr_ossl_error(_("the request's public key does not match the private key"));
	else
		rc = 0;
	if (rc == 0)
		*nsans = req_count_sans(req);
	ERR_clear_error();
	X509_REQ_free(req);
	BIO_free(b);
	return rc;
}

static char *now_rfc3339(void)
{
	char buf[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return xstrdup("1970-01-01T00:00:00Z");
	return xstrdup(buf);
}

static char *diags_join(const struct diags *dg)
{
	char *s = NULL;

	for (size_t i = 0; i < dg->n; i++) {
		char *next;

		if (dg->v[i].sev != DIAG_ERROR)
			continue;
		next = s ? xasprintf("%s; %s: %s", s, dg->v[i].field, dg->v[i].msg)
			 : xasprintf("%s: %s", dg->v[i].field, dg->v[i].msg);
		free(s);
		s = next;
	}
	return s;
}

/* The key the request goes with, as the caller named it. */
static const char *key_name(const struct deployment *d, const struct csr_options *o)
{
	if (set(o->existing_key))
		return o->existing_key;
	return d->cert.key_file ? d->cert.key_file : "";
}

static int run_check(const struct deployment *d, const struct csr_options *o, char **err)
{
	struct diags dg = {0};

	topology_validate(&d->topo, NULL, &dg);
	certreq_validate(&d->cert, &d->topo, NULL, &dg);
	if (!set(d->topo.access_edge_fqdn))
		diags_add(&dg, DIAG_ERROR, 0, 0, "topology.access_edge_fqdn", "%s",
			  _("is required: it is the request's subject name (CN)"));
	if (!set(d->cert.request_file))
		diags_add(&dg, DIAG_ERROR, 0, 0, "certificate.request_file", "%s",
			  _("is required"));
	if (!set(d->cert.key_file) && !set(o->existing_key))
		diags_add(&dg, DIAG_ERROR, 0, 0, "certificate.key_file", "%s", _("is required"));
	/* The request is replaced by renaming over it: it would take the key. */
	if (set(d->cert.request_file) && strcmp(d->cert.request_file, key_name(d, o)) == 0)
		diags_add(&dg, DIAG_ERROR, 0, 0, "certificate.request_file", "%s",
			  _("names the key file; the request needs a file of its own"));
	for (size_t i = 0; i < dg.n; i++)
		if (dg.v[i].sev == DIAG_WARNING)
			LOG(o, _("warning: %s: %s"), dg.v[i].field, dg.v[i].msg);
	if (dg.errors)
		*err = diags_join(&dg);
	diags_free(&dg);
	return *err ? -1 : 0;
}

static int run_key(const struct deployment *d, const struct csr_options *o, struct run *r,
		   char **err)
{
	int rc;

	if (set(o->existing_key)) {
		free(r->key_path);
		r->key_path = resolve(o->base_dir, o->existing_key);
		rc = csr_load_key(r->key_path, o->passphrase, &r->key, err);
		if (rc == 0)
			LOG(o, _("reusing the %d-bit RSA key in %s"), EVP_PKEY_get_bits(r->key),
			    r->key_path);
		return rc;
	}
	/* Refuse before spending seconds on a key that could not be written. */
	if (key_path_check(r->key_path, o->force, err) < 0)
		return -1;
	LOG(o, _("generating a %d-bit RSA key"), d->cert.key_bits);
	rc = csr_generate_key(d->cert.key_bits, o->progress, o->progress_arg, &r->key, err);
	if (rc == 1)
		LOG(o, "%s", _("key generation cancelled; nothing was written"));
	r->generated = rc == 0;
	return rc;
}

/* The request's name may reach the key by another spelling ("./x.key") or
 * through a link, which the request's rename would follow: refuse then. */
static int request_not_key(const struct run *r, char **err)
{
	struct stat rs, ks;

	if (stat(r->req_path, &rs) != 0 || stat(r->key_path, &ks) != 0 ||
	    rs.st_dev != ks.st_dev || rs.st_ino != ks.st_ino)
		return 0;
	*err = xasprintf(_("certificate.request_file: %s is the key file %s; the request needs a "
			   "file of its own"), r->req_path, r->key_path);
	return -1;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The request (or a forced new key) named as the deployment file, under
 * any spelling, would replace the file that is saved right after it. */
static int run_not_deployment(const struct csr_options *o, const struct run *r, char **err)
{
	const char *f = o->deployment_file;

	if (!f)
		return 0;
	if (same_file(r->req_path, f))
		*err = xasprintf(_("certificate.request_file: %s is the deployment file; the "
				   "request needs a file of its own"), r->req_path);
	else if (!set(o->existing_key) && same_file(r->key_path, f))
		*err = xasprintf(_("certificate.key_file: %s is the deployment file; the key "
				   "needs a file of its own"), r->key_path);
	return *err ? -1 : 0;
}

/* A forced new key over the key an issued certificate was made for would
 * leave that certificate (and the PFX to come) without its key; without
 * force the new key gets a name of its own beside it. */
static int run_not_issued_key(const struct deployment *d, const struct csr_options *o,
			      const struct run *r, char **err)
{
	const struct cert_issued *is = &d->cert.issued;
	char *issued_key;
	bool same;

	if (set(o->existing_key) || !set(is->thumbprint) || !set(is->key_file))
		return 0;
	issued_key = resolve(o->base_dir, is->key_file);
	same = same_file(r->key_path, issued_key);
	if (same)
		*err = xasprintf(_("certificate.key_file: %s is the key of the issued certificate "
				   "%s; a new key is not written over it: run again without "
				   "--force, and the new key and request get names of their own"),
				 r->key_path, is->thumbprint);
	free(issued_key);
	return same ? -1 : 0;
}

static int run_write(const struct csr_options *o, struct run *r, char **err)
{
	size_t nsans = 0;
	char *staged = NULL;
	int rc = -1;

	if (r->generated &&
	    key_stage(r->key_path, r->key, o->passphrase, o->force, &staged, err) != 0)
		return -1;
	if (request_not_key(r, err) != 0 || csr_write_request(r->req_path, r->req, err) != 0 ||
	    verify_written(r->req_path, r->key, &nsans, err) != 0) {
		/* A fresh key that no request goes with would only block the
		 * next run; a key it was to replace stays. */
		if (r->generated)
			unlink(staged ? staged : r->key_path);
		goto out;
	}
	if (staged && key_commit(staged, r->key_path, err) != 0)
		goto out;
	if (r->generated)
		LOG(o, set(o->passphrase) ? _("key written to %s (mode 0600, encrypted with AES-256)")
					  : _("key written to %s (mode 0600)"),
		    r->key_path);
	LOG(o, _("request written to %s"), r->req_path);
	LOG(o, ngettext("request verified: signature OK, %zu SAN",
			"request verified: signature OK, %zu SANs", nsans), nsans);
	rc = 0;
out:
	free(staged);
	return rc;
}

/* The file says which key is current: the new names become the request's
 * settings too, so that what the file names is what was written. */
static void run_record(struct deployment *d, const struct csr_options *o, const struct run *r)
{
	struct cert_record *g = &d->cert.generated;

	if (r->fresh) {
		xstrset(&d->cert.request_file, r->req_name);
		xstrset(&d->cert.key_file, r->key_name);
	}
	xstrset(&g->request_file, r->req_name);
	xstrset(&g->key_file, set(o->existing_key) ? o->existing_key : r->key_name);
	free(g->at);
	g->at = now_rfc3339();
	certreq_record_names(d, g);
}

/* A key in use (a request made, a certificate issued) is never replaced
 * unless asked to: a new key gets new names beside it. */
static int run_names(const struct deployment *d, const struct csr_options *o, struct run *r,
		     char **err)
{
	const struct certreq *c = &d->cert;

	r->fresh = !set(o->existing_key) && !o->force && certreq_key_in_use(d);
	if (!r->fresh) {
		r->req_name = xstrdup(c->request_file);
		r->key_name = xstrdup(set(c->key_file) ? c->key_file : "");
		return 0;
	}
	if (certreq_fresh_names(d, o->base_dir, time(NULL), &r->req_name, &r->key_name, err) != 0)
		return -1;
	LOG(o, _("the key %s is in use: the new key and request get new names, %s and %s"),
	    certreq_key_in_use_name(d) ? certreq_key_in_use_name(d) : c->issued.thumbprint,
	    r->key_name, r->req_name);
	return 0;
}

int csr_run(struct deployment *d, const struct csr_options *o, char **err)
{
	struct run r = {0};
	int rc;

	*err = NULL;
	rc = run_check(d, o, err);
	if (rc != 0)
		goto out;
	LOG(o, _("creating the Edge external certificate request for %s"),
	    d->topo.access_edge_fqdn);
	rc = run_names(d, o, &r, err);
	if (rc != 0)
		goto out;
	r.req_path = resolve(o->base_dir, r.req_name);
	r.key_path = resolve(o->base_dir, r.key_name);
	rc = run_not_deployment(o, &r, err);
	if (rc == 0)
		rc = run_not_issued_key(d, o, &r, err);
	if (rc == 0)
		rc = run_key(d, o, &r, err);
	if (rc == 0)
		rc = csr_build(d, r.key, &r.req, err);
	if (rc == 0)
		rc = run_write(o, &r, err);
	if (rc == 0)
		run_record(d, o, &r);
out:
	if (rc < 0)
		LOG(o, _("failed: %s"), *err);
	X509_REQ_free(r.req);
	EVP_PKEY_free(r.key);
	free(r.key_path);
	free(r.req_path);
	free(r.key_name);
	free(r.req_name);
	return rc;
}
