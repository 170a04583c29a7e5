/* SPDX-License-Identifier: ISC */
/* The key and request engine, read back with OpenSSL as a CA would. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "applog.h"
#include "csr.h"
#include "deployment.h"
#include "xalloc.h"

#define PASS "correct horse battery staple"

/* One 2048-bit key made before the tests fork, for every test that is not
 * about generating one: keeps the suite fast under the sanitizers. */
static EVP_PKEY *shared_key;
static char dir[64];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void setup(void)
{
	strcpy(dir, "/tmp/xmppgw-csr.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static char *in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static struct deployment *contoso(void)
{
	struct deployment *d = deployment_new();

	strlist_push(&d->topo.sip_domains, "contoso.com");
	strlist_push(&d->topo.sip_domains, "fabrikam.com");
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	xstrset(&d->topo.webconf_edge_fqdn, "webcon.contoso.com");
	xstrset(&d->topo.av_edge_fqdn, "av.contoso.com");
	d->topo.xmpp_proxy = true;
	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	xstrset(&d->cert.template_name, "WebServer");
	xstrset(&d->cert.organization, "Contoso Ltd");
	xstrset(&d->cert.organizational_unit, "IT");
	xstrset(&d->cert.country, "BR");
	xstrset(&d->cert.state, "São Paulo");
	xstrset(&d->cert.city, "São Paulo");
	strlist_push(&d->cert.sip_domain_sans, "contoso.com");
	strlist_push(&d->cert.sip_domain_sans, "fabrikam.com");
	return d;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = xcalloc(1, 65536);

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_lt(fread(buf, 1, 65535, f), 65535);
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static X509_REQ *read_req(const char *path)
{
	FILE *f = fopen(path, "r");
	X509_REQ *req;

	ck_assert_ptr_nonnull(f);
	req = PEM_read_X509_REQ(f, NULL, NULL, NULL);
	fclose(f);
	ck_assert_ptr_nonnull(req);
	return req;
}

/* Writes the shared key as old.key (or a given name) for reuse. */
static char *write_shared(const char *name, const char *pass)
{
	char *path = in_dir(name), *err = NULL;

	ck_assert_int_eq(csr_write_key(path, shared_key, pass, false, &err), 0);
	return path;
}

/* csr_run on contoso() with the shared key reused; returns the request. */
static X509_REQ *run_reusing(struct deployment *d, struct applog *log)
{
	struct csr_options o = {.base_dir = dir, .existing_key = "old.key", .log = log};
	char *key = write_shared("old.key", NULL), *err = NULL, *req_path;
	X509_REQ *req;
	int rc = csr_run(d, &o, &err);

	ck_assert_msg(rc == 0, "csr_run: %s", err ? err : "?");
	req_path = in_dir("edge-external.csr");
	req = read_req(req_path);
	free(req_path);
	free(key);
	return req;
}

static char *entry_text(X509_NAME *n, int i, int *nid, int *type)
{
	X509_NAME_ENTRY *e = X509_NAME_get_entry(n, i);
	ASN1_STRING *s = X509_NAME_ENTRY_get_data(e);
	unsigned char *utf8 = NULL;
	char *copy;

	*nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
	*type = ASN1_STRING_type(s);
	ck_assert_int_ge(ASN1_STRING_to_UTF8(&utf8, s), 0);
	copy = xstrdup((char *)utf8);
	OPENSSL_free(utf8);
	return copy;
}

static X509_EXTENSION *find_ext(STACK_OF(X509_EXTENSION) *exts, const char *oid)
{
	ASN1_OBJECT *obj = OBJ_txt2obj(oid, 1);
	int i = X509v3_get_ext_by_OBJ(exts, obj, -1);

	ASN1_OBJECT_free(obj);
	return i < 0 ? NULL : sk_X509_EXTENSION_value(exts, i);
}

START_TEST(t_subject)
{
	static const struct { int nid; const char *value; } want[] = {
		{NID_commonName, "sip.contoso.com"}, {NID_organizationName, "Contoso Ltd"},
		{NID_organizationalUnitName, "IT"},  {NID_localityName, "São Paulo"},
		{NID_stateOrProvinceName, "São Paulo"}, {NID_countryName, "BR"},
	};
	struct deployment *d = contoso();
	X509_REQ *req = run_reusing(d, NULL);
	X509_NAME *n = X509_REQ_get_subject_name(req);

	ck_assert_int_eq(X509_NAME_entry_count(n), 6);
	for (int i = 0; i < 6; i++) {
		int nid, type;
		char *v = entry_text(n, i, &nid, &type);

		ck_assert_int_eq(nid, want[i].nid);
		ck_assert_str_eq(v, want[i].value);
		ck_assert_int_eq(type, nid == NID_countryName ? V_ASN1_PRINTABLESTRING
							      : V_ASN1_UTF8STRING);
		free(v);
	}
	ck_assert_int_eq(X509_REQ_verify(req, X509_REQ_get0_pubkey(req)), 1);
	ck_assert_int_eq(X509_REQ_get_signature_nid(req), NID_sha256WithRSAEncryption);
	ck_assert_int_eq(X509_REQ_get_version(req), 0);
	X509_REQ_free(req);
	deployment_free(d);
}
END_TEST

START_TEST(t_sans)
{
	static const char *const want[] = {"sip.contoso.com", "webcon.contoso.com",
					   "sip.fabrikam.com", "contoso.com"};
	struct deployment *d = contoso();
	X509_REQ *req = run_reusing(d, NULL);
	STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
	GENERAL_NAMES *gens = X509V3_get_d2i(exts, NID_subject_alt_name, NULL, NULL);

	ck_assert_ptr_nonnull(gens);
	ck_assert_int_eq(sk_GENERAL_NAME_num(gens), 4);
	for (int i = 0; i < 4; i++) {
		int type;
		ASN1_IA5STRING *s = GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(gens, i), &type);

		ck_assert_int_eq(type, GEN_DNS);
		ck_assert_int_eq(ASN1_STRING_length(s), (int)strlen(want[i]));
		ck_assert(memcmp(ASN1_STRING_get0_data(s), want[i], strlen(want[i])) == 0);
	}
	ck_assert_int_eq(X509_EXTENSION_get_critical(find_ext(exts, "2.5.29.17")), 0);
	GENERAL_NAMES_free(gens);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	X509_REQ_free(req);
	deployment_free(d);
}
END_TEST

static void check_eku(X509_REQ *req, bool client)
{
	STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
	int crit = -1;
	ASN1_BIT_STRING *ku = X509V3_get_d2i(exts, NID_key_usage, &crit, NULL);
	EXTENDED_KEY_USAGE *eku;

	ck_assert_ptr_nonnull(ku);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(ASN1_BIT_STRING_get_bit(ku, 0), 1); /* digitalSignature */
	ck_assert_int_eq(ASN1_BIT_STRING_get_bit(ku, 1), 0);
	ck_assert_int_eq(ASN1_BIT_STRING_get_bit(ku, 2), 1); /* keyEncipherment */
	for (int bit = 3; bit < 9; bit++)
		ck_assert_int_eq(ASN1_BIT_STRING_get_bit(ku, bit), 0);
	eku = X509V3_get_d2i(exts, NID_ext_key_usage, &crit, NULL);
	ck_assert_ptr_nonnull(eku);
	ck_assert_int_eq(crit, 0);
	ck_assert_int_eq(sk_ASN1_OBJECT_num(eku), client ? 2 : 1);
	ck_assert_int_eq(OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 0)), NID_server_auth);
	if (client)
		ck_assert_int_eq(OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 1)), NID_client_auth);
	ASN1_BIT_STRING_free(ku);
	EXTENDED_KEY_USAGE_free(eku);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
}

START_TEST(t_usage_and_template)
{
	struct deployment *d = contoso();
	X509_REQ *req = run_reusing(d, NULL);
	STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
	X509_EXTENSION *ext = find_ext(exts, "1.3.6.1.4.1.311.20.2");
	const ASN1_OCTET_STRING *data;
	const unsigned char *p;
	ASN1_BMPSTRING *bmp;
	static const unsigned char der[] = {0x1e, 0x12, 0, 'W', 0, 'e', 0, 'b', 0, 'S', 0, 'e',
					    0, 'r', 0, 'v', 0, 'e', 0, 'r'};

	check_eku(req, false);
	ck_assert_int_eq(sk_X509_EXTENSION_num(exts), 4);
	ck_assert_ptr_nonnull(ext);
	ck_assert_int_eq(X509_EXTENSION_get_critical(ext), 0);
	data = X509_EXTENSION_get_data(ext);
	ck_assert_int_eq(ASN1_STRING_length(data), (int)sizeof der);
	ck_assert(memcmp(ASN1_STRING_get0_data(data), der, sizeof der) == 0);
	p = ASN1_STRING_get0_data(data);
	bmp = d2i_ASN1_BMPSTRING(NULL, &p, ASN1_STRING_length(data));
	ck_assert_ptr_nonnull(bmp);
	ck_assert_int_eq(ASN1_STRING_type(bmp), V_ASN1_BMPSTRING);
	ASN1_BMPSTRING_free(bmp);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	X509_REQ_free(req);
	deployment_free(d);
}
END_TEST

START_TEST(t_client_eku_no_template)
{
	struct deployment *d = contoso();
	X509_REQ *req;
	STACK_OF(X509_EXTENSION) *exts;

	d->cert.client_eku = true;
	xstrset(&d->cert.template_name, NULL);
	req = run_reusing(d, NULL);
	exts = X509_REQ_get_extensions(req);
	check_eku(req, true);
	ck_assert_ptr_null(find_ext(exts, "1.3.6.1.4.1.311.20.2"));
	ck_assert_int_eq(sk_X509_EXTENSION_num(exts), 3);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	X509_REQ_free(req);
	deployment_free(d);
}
END_TEST

START_TEST(t_reuse_records)
{
	struct deployment *d = contoso();
	struct applog log;
	char *err = NULL, *key_path = in_dir("edge-external.key");
	X509_REQ *req;

	applog_open(&log, NULL, &err);
	req = run_reusing(d, &log);
	ck_assert_int_eq(EVP_PKEY_eq(X509_REQ_get0_pubkey(req), shared_key), 1);
	ck_assert(!exists(key_path)); /* reusing writes no key */
	ck_assert_str_eq(d->cert.generated.request_file, "edge-external.csr");
	ck_assert_str_eq(d->cert.generated.key_file, "old.key");
	ck_assert_int_eq((int)strlen(d->cert.generated.at), 20);
	ck_assert(d->cert.generated.at[10] == 'T' && d->cert.generated.at[19] == 'Z');
	ck_assert_uint_ge(log.lines.n, 3);
	ck_assert_ptr_nonnull(strstr(log.lines.v[log.lines.n - 1],
				     "request verified: signature OK, 4 SANs"));
	applog_close(&log);
	X509_REQ_free(req);
	free(key_path);
	deployment_free(d);
}
END_TEST

/* Index of the first log line holding text, or -1. */
static long log_find(const struct applog *log, const char *text)
{
	for (size_t i = 0; i < log->lines.n; i++)
		if (strstr(log->lines.v[i], text))
			return (long)i;
	return -1;
}

static int progress_calls;

static bool count_progress(void *arg, int phase, int count)
{
	(void)arg, (void)phase, (void)count;
	progress_calls++;
	return true;
}

static bool cancel_progress(void *arg, int phase, int count)
{
	(void)arg, (void)phase, (void)count;
	return false;
}

/* The one generation through csr_run: replaces a stale file (force), with
 * umask 0, and the progress callback sees the work. */
START_TEST(t_generate)
{
	struct deployment *d = contoso();
	struct applog log;
	struct csr_options o = {.base_dir = dir, .force = true, .progress = count_progress};
	char *key_path = in_dir("edge-external.key"), *req_path = in_dir("edge-external.csr");
	char *err = NULL, *pem;
	EVP_PKEY *key = NULL;
	X509_REQ *req;
	struct stat st;

	umask(0);
	spit(key_path, "stale\n");
	ck_assert_int_eq(chmod(key_path, 0666), 0);
	applog_open(&log, NULL, &err);
	o.log = &log;
	ck_assert_msg(csr_run(d, &o, &err) == 0, "%s", err ? err : "");
	ck_assert_int_gt(progress_calls, 0);
	ck_assert_int_eq(lstat(key_path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(stat(req_path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0644);
	pem = slurp(key_path);
	ck_assert_msg(strncmp(pem, "-----BEGIN PRIVATE KEY-----\n", 28) == 0, "%s", pem);
	ck_assert_int_eq(csr_load_key(key_path, NULL, &key, &err), 0);
	ck_assert_int_eq(EVP_PKEY_get_bits(key), 2048);
	req = read_req(req_path);
	ck_assert_int_eq(EVP_PKEY_eq(X509_REQ_get0_pubkey(req), key), 1);
	ck_assert_str_eq(d->cert.generated.key_file, "edge-external.key");
	ck_assert_int_ge(log_find(&log, "warning: certificate.organizational_unit"), 0);
	ck_assert_int_ge(log_find(&log, "generating a 2048-bit RSA key"), 0);
	ck_assert_int_gt(log_find(&log, "key written to "), log_find(&log, "generating a"));
	ck_assert_int_gt(log_find(&log, ".key (mode 0600)"), 0);
	ck_assert_int_gt(log_find(&log, "request written to "), log_find(&log, "key written"));
	ck_assert_int_gt(log_find(&log, "request verified: signature OK, 4 SANs"),
			 log_find(&log, "request written"));
	applog_close(&log);
	X509_REQ_free(req);
	EVP_PKEY_free(key);
	free(pem);
	free(key_path);
	free(req_path);
	deployment_free(d);
}
END_TEST

START_TEST(t_cancel)
{
	struct deployment *d = contoso();
	struct csr_options o = {.base_dir = dir, .progress = cancel_progress};
	char *key_path = in_dir("edge-external.key"), *req_path = in_dir("edge-external.csr");
	char *err = NULL;

	ck_assert_int_eq(csr_run(d, &o, &err), 1);
	ck_assert_ptr_null(err);
	ck_assert(!exists(key_path));
	ck_assert(!exists(req_path));
	ck_assert_ptr_null(d->cert.generated.at);
	free(key_path);
	free(req_path);
	deployment_free(d);
}
END_TEST

START_TEST(t_key_mode_umask0)
{
	char *path, *pem;
	struct stat st;

	umask(0);
	path = write_shared("k.key", NULL);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	pem = slurp(path);
	ck_assert(strncmp(pem, "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
	ck_assert_ptr_nonnull(strstr(pem, "\n-----END PRIVATE KEY-----\n"));
	free(pem);
	free(path);
}
END_TEST

START_TEST(t_encrypted_key)
{
	char *path = write_shared("enc.key", PASS), *pem = slurp(path), *err = NULL;
	EVP_PKEY *key = NULL;

	ck_assert(strncmp(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n", 38) == 0);
	ck_assert_ptr_null(strstr(pem, PASS));
	ck_assert_int_eq(csr_load_key(path, "wrong", &key, &err), CSR_KEY_LOCKED);
	ck_assert_ptr_nonnull(strstr(err, "wrong passphrase"));
	free(err);
	err = NULL;
	ck_assert_int_eq(csr_load_key(path, NULL, &key, &err), CSR_KEY_LOCKED);
	ck_assert_ptr_nonnull(strstr(err, "encrypted"));
	free(err);
	err = NULL;
	ck_assert_int_eq(csr_load_key(path, PASS, &key, &err), 0);
	ck_assert_int_eq(EVP_PKEY_eq(key, shared_key), 1);
	EVP_PKEY_free(key);
	free(pem);
	free(path);
}
END_TEST

/* An encrypted key reused through csr_run: the passphrase reaches neither
 * the log nor any error. */
START_TEST(t_passphrase_not_logged)
{
	struct deployment *d = contoso();
	struct applog log;
	char *key = write_shared("enc.key", PASS), *log_path = in_dir("run.log"), *err = NULL;
	struct csr_options o = {.base_dir = dir, .existing_key = "enc.key", .passphrase = PASS};
	char *text;

	ck_assert_int_eq(applog_open(&log, log_path, &err), 0);
	o.log = &log;
	ck_assert_msg(csr_run(d, &o, &err) == 0, "%s", err ? err : "");
	o.passphrase = "not it";
	ck_assert_int_eq(csr_run(d, &o, &err), CSR_KEY_LOCKED);
	ck_assert_ptr_null(strstr(err, "not it"));
	applog_close(&log);
	text = slurp(log_path);
	ck_assert_ptr_nonnull(strstr(text, "reusing the 2048-bit RSA key in"));
	ck_assert_ptr_nonnull(strstr(text, "wrong passphrase"));
	ck_assert_ptr_null(strstr(text, PASS));
	ck_assert_ptr_null(strstr(text, "not it"));
	free(text);
	free(err);
	free(log_path);
	free(key);
	deployment_free(d);
}
END_TEST

START_TEST(t_existing_refused)
{
	struct deployment *d = contoso();
	struct csr_options o = {.base_dir = dir, .progress = cancel_progress};
	char *key_path = in_dir("edge-external.key"), *req_path = in_dir("edge-external.csr");
	char *err = NULL, *text;

	spit(key_path, "precious\n");
	ck_assert_int_eq(csr_write_key(key_path, shared_key, NULL, false, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "already exists"));
	free(err);
	err = NULL;
	/* csr_run refuses before generating (cancel_progress would say 1). */
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, key_path));
	ck_assert_ptr_nonnull(strstr(err, "already exists"));
	text = slurp(key_path);
	ck_assert_str_eq(text, "precious\n");
	ck_assert(!exists(req_path));
	free(text);
	free(err);
	free(key_path);
	free(req_path);
	deployment_free(d);
}
END_TEST

START_TEST(t_force_replaces)
{
	char *path = in_dir("k.key"), *err = NULL, *text;
	EVP_PKEY *key = NULL;
	struct stat st;

	spit(path, "old\n");
	ck_assert_int_eq(chmod(path, 0644), 0);
	ck_assert_int_eq(csr_write_key(path, shared_key, NULL, true, &err), 0);
	text = slurp(path);
	ck_assert(strncmp(text, "-----BEGIN PRIVATE KEY-----", 27) == 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(csr_load_key(path, NULL, &key, &err), 0);
	ck_assert_int_eq(EVP_PKEY_eq(key, shared_key), 1);
	EVP_PKEY_free(key);
	free(text);
	free(path);
}
END_TEST

START_TEST(t_symlink_refused)
{
	struct deployment *d = contoso();
	struct csr_options o = {.base_dir = dir, .force = true, .progress = cancel_progress};
	char *key_path = in_dir("edge-external.key"), *target = in_dir("target");
	char *err = NULL, *text;
	struct stat st;

	spit(target, "target\n");
	ck_assert_int_eq(symlink(target, key_path), 0);
	ck_assert_int_eq(csr_write_key(key_path, shared_key, NULL, true, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "symbolic link"));
	free(err);
	err = NULL;
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "symbolic link"));
	/* A dangling link is no different. */
	ck_assert_int_eq(unlink(target), 0);
	free(err);
	err = NULL;
	ck_assert_int_eq(csr_write_key(key_path, shared_key, NULL, true, &err), -1);
	ck_assert(!exists(target));
	spit(target, "target\n");
	text = slurp(target);
	ck_assert_str_eq(text, "target\n");
	ck_assert_int_eq(lstat(key_path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	free(text);
	free(err);
	free(target);
	free(key_path);
	deployment_free(d);
}
END_TEST

/* A write that fails midway (the file size limit) leaves no partial key.
 * In a child of its own, so that the limit cannot touch Check's files. */
START_TEST(t_partial_key_removed)
{
	char *path = in_dir("k.key");
	pid_t pid = fork();
	int status = 0;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit lim = {.rlim_cur = 100, .rlim_max = RLIM_INFINITY};
		char *err = NULL;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
			_exit(3);
		if (csr_write_key(path, shared_key, NULL, false, &err) != -1)
			_exit(4);
		_exit(strstr(err, "cannot write the key file") ? 0 : 5);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert(!exists(path));
	free(path);
}
END_TEST

/* A forced replacement that fails leaves the old key as it was: the new
 * one is written beside it and renamed over it only when complete. */
START_TEST(t_force_failure_keeps_old)
{
	char *path = in_dir("k.key"), *text;
	pid_t pid;
	int status = 0;

	spit(path, "old\n");
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit lim = {.rlim_cur = 100, .rlim_max = RLIM_INFINITY};
		char *err = NULL;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
			_exit(3);
		_exit(csr_write_key(path, shared_key, NULL, true, &err) == -1 ? 0 : 4);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	text = slurp(path);
	ck_assert_str_eq(text, "old\n");
	free(text);
	free(path);
}
END_TEST

/* The request cannot be written (its name is a folder): a forced run
 * keeps the key it was to replace, and leaves no new one. */
START_TEST(t_force_request_failure_keeps_old)
{
	struct deployment *d = contoso();
	struct csr_options o = {.base_dir = dir, .force = true};
	char *key_path = in_dir("edge-external.key"), *req_path = in_dir("edge-external.csr");
	char *err = NULL, *text;

	spit(key_path, "precious\n");
	ck_assert_int_eq(mkdir(req_path, 0700), 0);
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(err);
	text = slurp(key_path);
	ck_assert_str_eq(text, "precious\n");
	ck_assert_ptr_null(d->cert.generated.at);
	free(text);
	free(err);
	free(key_path);
	free(req_path);
	deployment_free(d);
}
END_TEST

/* The request's name reaching the key by another spelling or through a
 * link: the request would be renamed over the key. */
START_TEST(t_request_not_over_key)
{
	static const char *const names[] = {"./old.key", "link.csr"};
	struct deployment *d = contoso();
	struct csr_options o = {.base_dir = dir, .existing_key = "old.key"};
	char *key_path = write_shared("old.key", NULL), *link = in_dir("link.csr");

	ck_assert_int_eq(symlink("old.key", link), 0);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		EVP_PKEY *key = NULL;
		char *err = NULL;

		xstrset(&d->cert.request_file, names[i]);
		ck_assert_int_eq(csr_run(d, &o, &err), -1);
		ck_assert_msg(strstr(err, "key") != NULL, "%s", err);
		free(err);
		err = NULL;
		ck_assert_msg(csr_load_key(key_path, NULL, &key, &err) == 0, "%s: %s", names[i],
			      err ? err : "");
		ck_assert_int_eq(EVP_PKEY_eq(key, shared_key), 1);
		EVP_PKEY_free(key);
	}
	free(link);
	free(key_path);
	deployment_free(d);
}
END_TEST

/* The request or a forced key named as the deployment file (here by
 * another spelling) would be overwritten by the save that follows. */
START_TEST(t_not_over_deployment_file)
{
	struct deployment *d = contoso();
	char *dep = in_dir("xmppgw.yaml"), *text, *err = NULL;
	struct csr_options o = {.base_dir = dir, .existing_key = "old.key", .deployment_file = dep};
	char *key_path = write_shared("old.key", NULL);

	spit(dep, "version: 1\n");
	xstrset(&d->cert.request_file, "./xmppgw.yaml");
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_msg(strstr(err, "deployment file") != NULL, "%s", err);
	free(err);
	err = NULL;
	xstrset(&d->cert.request_file, "edge.csr");
	xstrset(&d->cert.key_file, "xmppgw.yaml");
	o.existing_key = NULL;
	o.force = true;
	o.progress = cancel_progress;
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_msg(strstr(err, "deployment file") != NULL, "%s", err);
	text = slurp(dep);
	ck_assert_str_eq(text, "version: 1\n");
	ck_assert_ptr_null(d->cert.generated.at);
	free(text);
	free(err);
	free(key_path);
	free(dep);
	deployment_free(d);
}
END_TEST

/* --force never writes a new key over the one an issued certificate was
 * made for: the certificate would be left without its key. */
START_TEST(t_force_spares_issued_key)
{
	struct deployment *d = contoso();
	char *key_path = write_shared("issued.key", NULL), *before = slurp(key_path), *after;
	char *err = NULL;
	struct csr_options o = {.base_dir = dir, .force = true, .progress = cancel_progress};

	xstrset(&d->cert.key_file, "issued.key");
	xstrset(&d->cert.request_file, "edge.csr");
	xstrset(&d->cert.issued.key_file, "./issued.key");
	xstrset(&d->cert.issued.thumbprint, "0123456789ABCDEF0123456789ABCDEF01234567");
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_msg(strstr(err, "issued certificate") != NULL, "%s", err);
	after = slurp(key_path);
	ck_assert_str_eq(after, before);
	ck_assert_ptr_null(d->cert.generated.at);
	free(err);
	free(after);
	free(before);
	free(key_path);
	deployment_free(d);
}
END_TEST

static char *write_raw_key(const char *name, EVP_PKEY *key)
{
	char *path = in_dir(name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert(PEM_write_PKCS8PrivateKey(f, key, NULL, NULL, 0, NULL, NULL));
	fclose(f);
	return path;
}

START_TEST(t_weak_or_foreign_key_refused)
{
	struct deployment *d = contoso();
	EVP_PKEY *small = EVP_RSA_gen(1024), *ec = EVP_EC_gen("P-256"), *key = NULL;
	char *small_path = write_raw_key("small.key", small);
	char *ec_path = write_raw_key("ec.key", ec), *err = NULL;
	struct csr_options o = {.base_dir = dir, .existing_key = "small.key"};

	ck_assert_int_eq(csr_load_key(small_path, NULL, &key, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "1024-bit"));
	free(err);
	err = NULL;
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "at least 2048"));
	free(err);
	err = NULL;
	ck_assert_int_eq(csr_load_key(ec_path, NULL, &key, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "needs RSA"));
	ck_assert_ptr_null(key);
	free(err);
	free(ec_path);
	free(small_path);
	EVP_PKEY_free(ec);
	EVP_PKEY_free(small);
	deployment_free(d);
}
END_TEST

START_TEST(t_checks_deployment)
{
	struct deployment *d = contoso();
	struct csr_options o = {.base_dir = dir, .progress = cancel_progress};
	char *err = NULL;

	xstrset(&d->topo.access_edge_fqdn, NULL);
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "topology.access_edge_fqdn"));
	free(err);
	err = NULL;
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	d->cert.key_bits = 1024;
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "certificate.key_bits"));
	free(err);
	err = NULL;
	d->cert.key_bits = 2048;
	strlist_push(&d->cert.additional_sans, "*.contoso.com");
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "certificate.additional_sans[0]"));
	free(err);
	err = NULL;
	strlist_clear(&d->cert.additional_sans);
	xstrset(&d->cert.request_file, "edge-external.key");
	ck_assert_int_eq(csr_run(d, &o, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "certificate.request_file: names the key file"));
	free(err);
	deployment_free(d);
}
END_TEST

START_TEST(t_describe)
{
	struct deployment *d = contoso();
	X509_REQ *req;
	char *path = in_dir("edge-external.csr"), *err = NULL, *text;

	d->cert.client_eku = true;
	req = run_reusing(d, NULL);
	text = csr_describe_file(path, &err);
	ck_assert_msg(text != NULL, "%s", err);
	ck_assert_ptr_nonnull(strstr(text, "  CN = sip.contoso.com\n"));
	ck_assert_ptr_nonnull(strstr(text, "  L = São Paulo\n"));
	ck_assert_ptr_nonnull(strstr(text, "  C = BR\n"));
	ck_assert_ptr_nonnull(strstr(text, "Public key: RSA, 2048 bits\n"));
	ck_assert_ptr_nonnull(strstr(text, "  DNS:sip.contoso.com\n  DNS:webcon.contoso.com\n"
					   "  DNS:sip.fabrikam.com\n  DNS:contoso.com\n"));
	ck_assert_ptr_nonnull(strstr(text, "Digital Signature, Key Encipherment (critical)"));
	ck_assert_ptr_nonnull(strstr(text, "TLS Web Server Authentication, TLS Web Client"));
	ck_assert_ptr_nonnull(strstr(text, "Certificate template: WebServer\n"));
	ck_assert_ptr_nonnull(strstr(text, "Signature algorithm: sha256WithRSAEncryption\n"));
	ck_assert_ptr_nonnull(strstr(text, "signature verified"));
	ck_assert_ptr_nonnull(strstr(text, "\n-----BEGIN CERTIFICATE REQUEST-----\n"));
	free(text);
	X509_REQ_free(req);
	free(path);
	deployment_free(d);
}
END_TEST

START_TEST(t_describe_tampered)
{
	struct deployment *d = contoso();
	X509_REQ *req = run_reusing(d, NULL);
	X509_NAME *other = X509_NAME_new();
	char *path = in_dir("tampered.csr"), *err = NULL, *text;
	FILE *f;

	X509_NAME_add_entry_by_NID(other, NID_commonName, MBSTRING_UTF8,
				   (const unsigned char *)"evil.example", -1, -1, 0);
	X509_REQ_set_subject_name(req, other);
	f = fopen(path, "w");
	ck_assert(PEM_write_X509_REQ(f, req));
	fclose(f);
	text = csr_describe_file(path, &err);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "signature INVALID"));
	free(text);
	text = csr_describe_file(dir, &err);
	ck_assert_ptr_null(text);
	ck_assert_ptr_nonnull(err);
	free(err);
	X509_NAME_free(other);
	X509_REQ_free(req);
	free(path);
	deployment_free(d);
}
END_TEST

START_TEST(t_applog)
{
	struct applog log;
	char *path = in_dir("x.log"), *link = in_dir("link.log"), *err = NULL, *text;
	struct stat st;

	umask(0);
	ck_assert_int_eq(applog_open(&log, path, &err), 0);
	applog_add(&log, "first %d", 1);
	applog_close(&log);
	ck_assert_int_eq(applog_open(&log, path, &err), 0);
	applog_add(&log, "second");
	ck_assert_uint_eq(log.lines.n, 1);
	ck_assert_ptr_nonnull(strstr(log.lines.v[0], "Z second"));
	applog_close(&log);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	text = slurp(path);
	ck_assert_int_eq((int)strlen(text), 2 * 21 + (int)strlen("first 1\nsecond\n"));
	ck_assert_ptr_nonnull(strstr(text, "Z first 1\n"));
	ck_assert_ptr_nonnull(strstr(text, "Z second\n"));
	ck_assert_int_eq(symlink(path, link), 0);
	ck_assert_int_eq(applog_open(&log, link, &err), -1);
	ck_assert_ptr_nonnull(err);
	applog_add(&log, "memory only");
	ck_assert_uint_eq(log.lines.n, 1);
	applog_close(&log);
	free(err);
	free(text);
	free(link);
	free(path);
}
END_TEST

static Suite *csr_suite(void)
{
	Suite *s = suite_create("csr");
	TCase *req = tcase_create("request"), *key = tcase_create("key");

	tcase_add_checked_fixture(req, setup, teardown);
	tcase_add_checked_fixture(key, setup, teardown);
	tcase_add_test(req, t_subject);
	tcase_add_test(req, t_sans);
	tcase_add_test(req, t_usage_and_template);
	tcase_add_test(req, t_client_eku_no_template);
	tcase_add_test(req, t_reuse_records);
	tcase_add_test(req, t_checks_deployment);
	tcase_add_test(req, t_describe);
	tcase_add_test(req, t_describe_tampered);
	tcase_add_test(key, t_generate);
	tcase_add_test(key, t_cancel);
	tcase_add_test(key, t_key_mode_umask0);
	tcase_add_test(key, t_encrypted_key);
	tcase_add_test(key, t_passphrase_not_logged);
	tcase_add_test(key, t_existing_refused);
	tcase_add_test(key, t_force_replaces);
	tcase_add_test(key, t_symlink_refused);
	tcase_add_test(key, t_partial_key_removed);
	tcase_add_test(key, t_force_failure_keeps_old);
	tcase_add_test(key, t_force_request_failure_keeps_old);
	tcase_add_test(key, t_request_not_over_key);
	tcase_add_test(key, t_not_over_deployment_file);
	tcase_add_test(key, t_force_spares_issued_key);
	tcase_add_test(key, t_weak_or_foreign_key_refused);
	tcase_add_test(key, t_applog);
	suite_add_tcase(s, req);
	suite_add_tcase(s, key);
	return s;
}

int main(void)
{
	SRunner *sr;
	char *err = NULL;
	int failures;

	if (csr_generate_key(2048, NULL, NULL, &shared_key, &err) != 0) {
		fprintf(stderr, "key generation: %s\n", err);
		return 1;
	}
	sr = srunner_create(csr_suite());
	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	EVP_PKEY_free(shared_key);
	return failures != 0;
}
