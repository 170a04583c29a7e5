/* SPDX-License-Identifier: ISC */
/* cert_import, cert_issued_check and pfx_write on certificates made here
 * with OpenSSL, around a fixed clock: every date is known to the second. */
#include "config.h"

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "certimport.h"
#include "csr.h"
#include "deployment.h"
#include "pfx.h"
#include "strlist.h"
#include "xalloc.h"

#define NOW ((time_t)1798761600) /* 2027-01-01T00:00:00Z */
#define DAY 86400L
#define SANS "sip.contoso.com,webcon.contoso.com,sip.fabrikam.com,contoso.com"
#define KU_OK "critical,digitalSignature,keyEncipherment"

/* Keys made once before the tests fork: the Edge's, the CA's, a stranger's;
 * the CA's certificates, made for each test. */
static EVP_PKEY *edge_key, *root_key, *int_key, *other_key;
static X509 *root, *inter;
static char dir[64];

struct spec {
	const char *cn;
	const char *sans;
	const char *ku;
	const char *eku;
	bool cdp;
	long from, to; /* seconds from NOW */
	bool pss;
	bool ca;
};

static const struct spec good = {"sip.contoso.com", SANS, KU_OK, "serverAuth", true,
				 -DAY, 365 * DAY, false, false};

#define add_ext(x, i, n, v) add_ext_(x, i, n, v, __LINE__)
static void add_ext_(X509 *x, X509 *issuer, int nid, const char *value, int line)
{
	X509V3_CTX ctx;
	X509_EXTENSION *ext;

	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	ck_assert_msg(ext != NULL, "line %d: %s", line, value);
	ck_assert(X509_add_ext(x, ext, -1));
	X509_EXTENSION_free(ext);
}

static void add_exts(X509 *x, X509 *issuer, const struct spec *s)
{
	struct strlist names = {0};
	char *sans = xstrdup(""), *next;

	if (s->sans) {
		strlist_split(&names, s->sans);
		for (size_t i = 0; i < names.n; i++) {
			next = xasprintf("%s%sDNS:%s", sans, *sans ? "," : "", names.v[i]);
			free(sans);
			sans = next;
		}
		add_ext(x, issuer, NID_subject_alt_name, sans);
	}
	free(sans);
	strlist_free(&names);
	if (s->ca)
		add_ext(x, issuer, NID_basic_constraints, "critical,CA:TRUE");
	if (s->ku)
		add_ext(x, issuer, NID_key_usage, s->ku);
	if (s->eku)
		add_ext(x, issuer, NID_ext_key_usage, s->eku);
	if (s->cdp) {
		add_ext(x, issuer, NID_crl_distribution_points, "URI:http://crl.test.invalid/i.crl");
		add_ext(x, issuer, NID_info_access, "caIssuers;URI:http://aia.test.invalid/i.cer");
	}
}

static void sign(X509 *x, EVP_PKEY *key, bool pss)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;

	ck_assert(EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL, key) > 0);
	if (pss)
		ck_assert(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0);
	ck_assert(X509_sign_ctx(x, md) > 0);
	EVP_MD_CTX_free(md);
}

static X509 *make(const struct spec *s, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key)
{
	static long serial = 0x1000;
	X509 *x = X509_new();
	X509_NAME *n = X509_NAME_new();
	time_t now = NOW;

	ck_assert(X509_set_version(x, X509_VERSION_3));
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)s->cn, -1, -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	X509_NAME_free(n);
	X509_time_adj_ex(X509_getm_notBefore(x), 0, s->from, &now);
	X509_time_adj_ex(X509_getm_notAfter(x), 0, s->to, &now);
	X509_set_pubkey(x, key);
	add_ext(x, issuer, NID_subject_key_identifier, "hash");
	if (issuer)
		add_ext(x, issuer, NID_authority_key_identifier, "keyid");
	add_exts(x, issuer, s);
	sign(x, issuer_key, s->pss);
	return x;
}

static X509 *make_ca(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key)
{
	struct spec s = {cn, NULL, "critical,keyCertSign,cRLSign", NULL, false,
			 -3650 * DAY, 3650 * DAY, false, true};

	return make(&s, key, issuer, issuer_key);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static char *in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void write_key(const char *name, EVP_PKEY *key, const char *pass)
{
	char *path = in_dir(name), *err = NULL;

	ck_assert_msg(csr_write_key(path, key, pass, true, &err) == 0, "%s", err);
	free(path);
}

static void setup(void)
{
	strcpy(dir, "/tmp/xmppgw-cert.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_key("edge.key", edge_key, NULL);
	/* Here, not in main: Check's assertions work only inside a test. */
	root = make_ca("Test Root", root_key, NULL, root_key);
	inter = make_ca("Test Intermediate", int_key, root, root_key);
}

static void teardown(void)
{
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	X509_free(inter);
	X509_free(root);
}

/* Writes the certificates, in the order given, to one PEM file. */
static void write_pem(const char *name, X509 *a, X509 *b, X509 *c)
{
	char *path = in_dir(name);
	FILE *f = fopen(path, "w");
	X509 *v[] = {a, b, c};

	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < 3; i++)
		if (v[i])
			ck_assert(PEM_write_X509(f, v[i]));
	ck_assert_int_eq(fclose(f), 0);
	free(path);
}

static struct deployment *contoso(void)
{
	struct deployment *d = deployment_new();

	strlist_push(&d->topo.sip_domains, "contoso.com");
	strlist_push(&d->topo.sip_domains, "fabrikam.com");
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	xstrset(&d->topo.webconf_edge_fqdn, "webcon.contoso.com");
	d->topo.xmpp_proxy = true;
	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	strlist_push(&d->cert.sip_domain_sans, "contoso.com");
	strlist_push(&d->cert.sip_domain_sans, "fabrikam.com");
	xstrset(&d->cert.key_file, "edge.key");
	xstrset(&d->cert.friendly_name, "Edge External");
	return d;
}

/* cert_import of the named files in dir at NOW; returns its status. */
static int import(struct deployment *d, struct cert_import_result *r, char **err,
		  const char *f1, const char *f2)
{
	const char *files[] = {f1, f2};
	struct cert_import_options o = {.base_dir = dir, .now = NOW};

	*err = NULL;
	return cert_import(d, files, f2 ? 2 : 1, &o, r, err);
}

static bool has(const struct strlist *l, const char *text)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->v[i], text))
			return true;
	return false;
}

static bool exists(const char *name)
{
	char *path = in_dir(name);
	struct stat st;
	bool yes = lstat(path, &st) == 0;

	free(path);
	return yes;
}

START_TEST(t_accept)
{
	struct deployment *d = contoso();
	struct cert_import_result r;
	X509 *leaf = make(&good, edge_key, inter, int_key);
	STACK_OF(X509) *chain = sk_X509_new_null();
	unsigned char md[20];
	char thumb[41], *err, *path = in_dir("edge-chain.pem");
	unsigned int n;

	write_pem("bundle.pem", root, leaf, inter);
	ck_assert_int_eq(import(d, &r, &err, "bundle.pem", NULL), 0);
	ck_assert_uint_eq(r.refusals.n, 0);
	ck_assert_uint_eq(r.warnings.n, 0);
	X509_digest(leaf, EVP_sha1(), md, &n);
	for (unsigned int i = 0; i < n; i++)
		sprintf(thumb + 2 * i, "%02X", md[i]);
	ck_assert_str_eq(d->cert.issued.thumbprint, thumb);
	ck_assert_str_eq(d->cert.issued.serial, "1002");
	ck_assert_str_eq(d->cert.issued.subject, "CN=sip.contoso.com");
	ck_assert_str_eq(d->cert.issued.issuer, "CN=Test Intermediate");
	ck_assert_str_eq(d->cert.issued.not_before, "2026-12-31T00:00:00Z");
	ck_assert_str_eq(d->cert.issued.not_after, "2028-01-01T00:00:00Z");
	ck_assert_str_eq(d->cert.issued.imported_at, "2027-01-01T00:00:00Z");
	ck_assert_str_eq(d->cert.issued.chain_file, "edge-chain.pem");
	ck_assert_str_eq(d->cert.issued.key_file, "edge.key");
	ck_assert_int_eq(cert_read_file(path, chain, &err), 0);
	ck_assert_int_eq(sk_X509_num(chain), 2);
	ck_assert_int_eq(X509_cmp(sk_X509_value(chain, 0), leaf), 0);
	ck_assert_int_eq(X509_cmp(sk_X509_value(chain, 1), inter), 0);
	sk_X509_pop_free(chain, X509_free);
	cert_import_result_free(&r);
	X509_free(leaf);
	free(path);
	deployment_free(d);
}
END_TEST

/* One way wrong each, and the refusal that names it. */
static const struct refusal_case {
	struct spec s;
	const char *want;
} refusal_cases[] = {
	{{"sip.contoso.com", SANS, KU_OK, "serverAuth", true, -400 * DAY, -DAY, false, false},
	 "The certificate expired on 2026-12-31T00:00:00Z."},
	{{"sip.contoso.com", SANS, KU_OK, "serverAuth", true, DAY, 400 * DAY, false, false},
	 "not valid yet: not before 2027-01-02T00:00:00Z"},
	{{"sip.contoso.com", "sip.contoso.com,webcon.contoso.com,contoso.com", KU_OK, "serverAuth",
	  true, -DAY, 365 * DAY, false, false},
	 "The subject alternative name sip.fabrikam.com is missing"},
	{{"sip.contoso.com", SANS ",*.contoso.com", KU_OK, "serverAuth", true, -DAY, 365 * DAY,
	  false, false},
	 "*.contoso.com is a wildcard"},
	{{"sip.contoso.com", SANS, KU_OK, "clientAuth", true, -DAY, 365 * DAY, false, false},
	 "no Server Authentication (serverAuth)"},
	{{"sip.contoso.com", SANS, KU_OK, NULL, true, -DAY, 365 * DAY, false, false},
	 "no Server Authentication (serverAuth)"},
	{{"sip.contoso.com", SANS, "critical,digitalSignature", "serverAuth", true, -DAY,
	  365 * DAY, false, false},
	 "The key usage lacks keyEncipherment"},
	{{"sip.contoso.com", SANS, "critical,keyEncipherment", "serverAuth", true, -DAY,
	  365 * DAY, false, false},
	 "The key usage lacks digitalSignature"},
	{{"sip.contoso.com", SANS, KU_OK, "serverAuth", true, -DAY, 365 * DAY, true, false},
	 "is signed with RSASSA-PSS"},
};

START_TEST(t_refused)
{
	const struct refusal_case *c = &refusal_cases[_i];
	struct deployment *d = contoso(), *before = deployment_clone(d);
	struct cert_import_result r;
	X509 *leaf = make(&c->s, edge_key, inter, int_key);
	char *err;

	write_pem("answer.pem", leaf, inter, NULL);
	ck_assert_int_eq(import(d, &r, &err, "answer.pem", NULL), 1);
	ck_assert_msg(has(&r.refusals, c->want), "no refusal with \"%s\" (first: %s)", c->want,
		      r.refusals.n ? r.refusals.v[0] : "none");
	ck_assert(deployment_equal(d, before));
	ck_assert(!exists("edge-chain.pem"));
	cert_import_result_free(&r);
	X509_free(leaf);
	deployment_free(before);
	deployment_free(d);
}
END_TEST

START_TEST(t_refused_other)
{
	struct deployment *d = contoso();
	struct cert_import_result r;
	X509 *theirs = make(&good, other_key, inter, int_key);
	X509 *leaf = make(&good, edge_key, inter, int_key);
	X509 *fake = make_ca("Test Intermediate", other_key, root, root_key);
	char *err;

	write_pem("theirs.pem", theirs, inter, NULL);
	ck_assert_int_eq(import(d, &r, &err, "theirs.pem", NULL), 1);
	ck_assert(has(&r.refusals, "None of the certificates given matches the key"));
	cert_import_result_free(&r);
	/* The intermediate's name, another key: found by name, caught by signature. */
	write_pem("fake.pem", leaf, fake, root);
	ck_assert_int_eq(import(d, &r, &err, "fake.pem", NULL), 1);
	ck_assert(has(&r.refusals, "The signature on the certificate CN=sip.contoso.com does "
				   "not verify with the key of its issuer CN=Test Intermediate."));
	cert_import_result_free(&r);
	d->cert.client_eku = true;
	write_pem("answer.pem", leaf, inter, NULL);
	ck_assert_int_eq(import(d, &r, &err, "answer.pem", NULL), 1);
	ck_assert(has(&r.refusals, "no Client Authentication (clientAuth)"));
	ck_assert_uint_eq(r.refusals.n, 1);
	cert_import_result_free(&r);
	X509_free(fake);
	X509_free(leaf);
	X509_free(theirs);
	deployment_free(d);
}
END_TEST

START_TEST(t_warnings)
{
	struct deployment *d = contoso();
	struct cert_import_result r;
	struct spec s = good;
	X509 *leaf, *stranger = make(&good, other_key, inter, int_key);
	char *err;

	s.to = 20 * DAY;
	s.cdp = false;
	s.cn = "edge.contoso.com";
	leaf = make(&s, edge_key, inter, int_key);
	write_pem("leaf.pem", leaf, NULL, NULL);
	write_pem("other.pem", stranger, NULL, NULL);
	ck_assert_int_eq(import(d, &r, &err, "leaf.pem", "other.pem"), 0);
	ck_assert(has(&r.warnings, "The certificate expires in 20 days, on 2027-01-21T00:00:00Z"));
	ck_assert(has(&r.warnings, "no CRL distribution point"));
	ck_assert(has(&r.warnings, "no Authority Information Access"));
	ck_assert(has(&r.warnings, "The subject CN is \"edge.contoso.com\", not the Access Edge "
				   "FQDN sip.contoso.com."));
	ck_assert(has(&r.warnings, "No intermediate certificate was given: the issuer "
				   "CN=Test Intermediate is not among the files"));
	ck_assert(has(&r.warnings, "The certificate CN=sip.contoso.com is not in the chain"));
	ck_assert_uint_eq(r.warnings.n, 6);
	cert_import_result_free(&r);
	X509_free(stranger);
	X509_free(leaf);
	deployment_free(d);
}
END_TEST

START_TEST(t_der_and_pkcs7)
{
	struct deployment *d = contoso();
	struct cert_import_result r;
	X509 *leaf = make(&good, edge_key, inter, int_key);
	PKCS7 *p7 = PKCS7_new();
	char *path = in_dir("leaf.cer"), *p7path = in_dir("chain.p7b"), *err;
	FILE *f = fopen(path, "wb");

	ck_assert(i2d_X509_fp(f, leaf));
	fclose(f);
	ck_assert(PKCS7_set_type(p7, NID_pkcs7_signed));
	ck_assert(PKCS7_content_new(p7, NID_pkcs7_data));
	ck_assert(PKCS7_add_certificate(p7, inter) && PKCS7_add_certificate(p7, root));
	f = fopen(p7path, "wb");
	ck_assert(i2d_PKCS7_fp(f, p7));
	fclose(f);
	ck_assert_int_eq(import(d, &r, &err, "leaf.cer", "chain.p7b"), 0);
	ck_assert_uint_eq(r.warnings.n, 0);
	cert_import_result_free(&r);
	PKCS7_free(p7);
	X509_free(leaf);
	free(p7path);
	free(path);
	deployment_free(d);
}
END_TEST

START_TEST(t_errors)
{
	struct deployment *d = contoso(), *before = deployment_clone(d);
	struct cert_import_result r;
	X509 *leaf = make(&good, edge_key, inter, int_key);
	char *junk = in_dir("junk.cer"), *err;
	FILE *f = fopen(junk, "w");

	fputs("hello\n", f);
	fclose(f);
	ck_assert_int_eq(import(d, &r, &err, "junk.cer", NULL), -1);
	ck_assert_ptr_nonnull(strstr(err, "junk.cer holds no certificate"));
	free(err);
	cert_import_result_free(&r);
	ck_assert_int_eq(import(d, &r, &err, "missing.pem", NULL), -1);
	ck_assert_ptr_nonnull(strstr(err, "missing.pem"));
	free(err);
	cert_import_result_free(&r);
	write_key("edge.key", edge_key, "secret");
	write_pem("answer.pem", leaf, inter, NULL);
	ck_assert_int_eq(import(d, &r, &err, "answer.pem", NULL), CSR_KEY_LOCKED);
	ck_assert_ptr_nonnull(strstr(err, "its passphrase is needed"));
	free(err);
	cert_import_result_free(&r);
	ck_assert(deployment_equal(d, before));
	X509_free(leaf);
	free(junk);
	deployment_free(before);
	deployment_free(d);
}
END_TEST

START_TEST(t_key_encrypted)
{
	char *plain = in_dir("edge.key"), *enc = in_dir("enc.key"), *err = NULL;

	write_key("enc.key", edge_key, "secret");
	ck_assert_int_eq(cert_key_encrypted(plain, &err), 0);
	ck_assert_int_eq(cert_key_encrypted(enc, &err), 1);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(cert_key_encrypted("/nonexistent/x.key", &err), -1);
	ck_assert_ptr_nonnull(err);
	free(err);
	free(enc);
	free(plain);
}
END_TEST

static const struct diag *find(const struct diags *dg, enum diag_sev sev, const char *field,
			       const char *text)
{
	for (size_t i = 0; i < dg->n; i++)
		if (dg->v[i].sev == sev && strcmp(dg->v[i].field, field) == 0 &&
		    strstr(dg->v[i].msg, text))
			return &dg->v[i];
	return NULL;
}

START_TEST(t_issued_check)
{
	struct deployment *d = contoso();
	struct cert_import_result r;
	struct diags dg = {0};
	X509 *leaf = make(&good, edge_key, inter, int_key);
	char *err, *chain = in_dir("edge-chain.pem");

	write_pem("answer.pem", leaf, inter, NULL);
	ck_assert_int_eq(import(d, &r, &err, "answer.pem", NULL), 0);
	cert_issued_check(d, dir, NOW, &dg);
	ck_assert_uint_eq(dg.n, 0);
	cert_issued_check(d, dir, NOW + 350 * DAY, &dg);
	ck_assert_ptr_nonnull(find(&dg, DIAG_WARNING, "certificate.issued.not_after",
				   "expires in 15 days"));
	cert_issued_check(d, dir, NOW + 400 * DAY, &dg);
	ck_assert_ptr_nonnull(find(&dg, DIAG_ERROR, "certificate.issued.not_after",
				   "expired on 2028-01-01T00:00:00Z"));
	cert_issued_check(d, dir, NOW - 2 * DAY, &dg);
	ck_assert_ptr_nonnull(find(&dg, DIAG_ERROR, "certificate.issued.not_before",
				   "not valid before 2026-12-31T00:00:00Z"));
	diags_free(&dg);
	write_key("edge.key", other_key, NULL);
	cert_issued_check(d, dir, NOW, &dg);
	ck_assert_ptr_nonnull(find(&dg, DIAG_ERROR, "certificate.issued.chain_file",
				   "no longer matches the key edge.key"));
	diags_free(&dg);
	xstrset(&d->cert.generated.key_file, "edge-2027.key");
	cert_issued_check(d, dir, NOW, &dg);
	ck_assert_ptr_nonnull(find(&dg, DIAG_WARNING, "certificate.issued.key_file",
				   "but the current key is edge-2027.key"));
	diags_free(&dg);
	unlink(chain);
	cert_issued_check(d, dir, NOW, &dg);
	ck_assert_ptr_nonnull(find(&dg, DIAG_ERROR, "certificate.issued.chain_file", "cannot read"));
	diags_free(&dg);
	cert_import_result_free(&r);
	X509_free(leaf);
	free(chain);
	deployment_free(d);
}
END_TEST

static struct deployment *imported(void)
{
	struct deployment *d = contoso();
	struct cert_import_result r;
	X509 *leaf = make(&good, edge_key, inter, int_key);
	char *err;

	write_pem("answer.pem", leaf, inter, root);
	ck_assert_int_eq(import(d, &r, &err, "answer.pem", NULL), 0);
	cert_import_result_free(&r);
	X509_free(leaf);
	return d;
}

START_TEST(t_pfx)
{
	struct deployment *d = imported();
	struct pfx_options o = {.base_dir = dir, .password = "pfx pass"};
	char *written = NULL, *err = NULL, *link_path = in_dir("link.pfx");
	EVP_PKEY *pk = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	PKCS12 *p12;
	struct stat st;
	FILE *f;

	umask(0);
	ck_assert_msg(pfx_write(d, &o, &written, &err) == 0, "%s", err);
	ck_assert_str_eq(d->cert.issued.pfx_file, "edge.pfx");
	ck_assert_int_eq(stat(written, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	f = fopen(written, "rb");
	p12 = d2i_PKCS12_fp(f, NULL);
	fclose(f);
	ck_assert_int_eq(PKCS12_verify_mac(p12, "pfx pass", -1), 1);
	ck_assert_int_eq(PKCS12_parse(p12, "pfx pass", &pk, &cert, &ca), 1);
	ck_assert_int_eq(EVP_PKEY_eq(pk, edge_key), 1);
	ck_assert_int_eq(sk_X509_num(ca), 1);
	ck_assert_int_eq(X509_cmp(sk_X509_value(ca, 0), inter), 0);
	ck_assert_int_eq(pfx_write(d, &o, NULL, &err), PFX_EXISTS);
	ck_assert_ptr_nonnull(strstr(err, "not replaced unless asked to"));
	free(err);
	o.force = true;
	ck_assert_int_eq(pfx_write(d, &o, NULL, &err), 0);
	ck_assert_int_eq(symlink("/nonexistent/target", link_path), 0);
	o.out = "link.pfx";
	ck_assert_int_eq(pfx_write(d, &o, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "symbolic link"));
	free(err);
	o.out = NULL;
	o.password = "";
	ck_assert_int_eq(pfx_write(d, &o, NULL, &err), -1);
	free(err);
	sk_X509_pop_free(ca, X509_free);
	X509_free(cert);
	EVP_PKEY_free(pk);
	PKCS12_free(p12);
	free(link_path);
	free(written);
	deployment_free(d);
}
END_TEST

START_TEST(t_not_over_deployment)
{
	struct deployment *d = contoso();
	struct cert_import_result r;
	X509 *leaf = make(&good, edge_key, inter, int_key);
	char *dep = in_dir("contoso.yaml"), *err;
	const char *files[] = {"answer.pem"};
	struct cert_import_options o = {.base_dir = dir, .now = NOW, .chain_file = "contoso.yaml",
					.deployment_file = dep};
	FILE *f = fopen(dep, "w");

	fputs("version: 1\n", f);
	fclose(f);
	write_pem("answer.pem", leaf, inter, NULL);
	ck_assert_int_eq(cert_import(d, files, 1, &o, &r, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is the deployment file"));
	ck_assert_ptr_null(d->cert.issued.chain_file);
	free(err);
	cert_import_result_free(&r);
	X509_free(leaf);
	free(dep);
	deployment_free(d);
}
END_TEST

static Suite *cert_suite(void)
{
	Suite *s = suite_create("certimport");
	TCase *tc = tcase_create("import");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, t_accept);
	tcase_add_loop_test(tc, t_refused, 0, sizeof refusal_cases / sizeof *refusal_cases);
	tcase_add_test(tc, t_refused_other);
	tcase_add_test(tc, t_warnings);
	tcase_add_test(tc, t_der_and_pkcs7);
	tcase_add_test(tc, t_errors);
	tcase_add_test(tc, t_key_encrypted);
	tcase_add_test(tc, t_issued_check);
	tcase_add_test(tc, t_pfx);
	tcase_add_test(tc, t_not_over_deployment);
	suite_add_tcase(s, tc);
	return s;
}

static EVP_PKEY *key(void)
{
	EVP_PKEY *k = NULL;
	char *err = NULL;

	if (csr_generate_key(2048, NULL, NULL, &k, &err) != 0) {
		fprintf(stderr, "key generation: %s\n", err);
		exit(1);
	}
	return k;
}

int main(void)
{
	SRunner *sr;
	int failures;

	edge_key = key();
	root_key = key();
	int_key = key();
	other_key = key();
	sr = srunner_create(cert_suite());
	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	EVP_PKEY_free(other_key);
	EVP_PKEY_free(int_key);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(edge_key);
	return failures != 0;
}
