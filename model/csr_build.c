/* SPDX-License-Identifier: ISC */
/* The request's subject, extensions and signature, from the deployment. */
#include "config.h"

#include "csr.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "csr_int.h"
#include "i18n.h"
#include "san.h"
#include "subject.h"
#include "xalloc.h"

/* What Windows' certreq writes for "CertificateTemplate = ...". */
#define CSR_TEMPLATE_OID "1.3.6.1.4.1.311.20.2"

static bool set(const char *s)
{
	return s && *s;
}

/* UTF-8 in, and OpenSSL's string table picks the type: UTF8String, but
 * PrintableString for the country as RFC 5280 requires. The attributes'
 * short names are OpenSSL's own. */
X509_NAME *csr_subject_name(const struct deployment *d)
{
	struct subject_attr a[SUBJECT_MAX];
	size_t n = subject_attrs(d, a);
	X509_NAME *name = X509_NAME_new();

	for (size_t i = 0; name && i < n; i++)
		if (!X509_NAME_add_entry_by_txt(name, a[i].name, MBSTRING_UTF8,
						(const unsigned char *)a[i].value, -1, -1, 0)) {
			X509_NAME_free(name);
			name = NULL;
		}
	if (!name)
		ERR_clear_error();
	return name;
}

static X509_EXTENSION *san_ext(const struct strlist *names)
{
	GENERAL_NAMES *gens = GENERAL_NAMES_new();
	X509_EXTENSION *ext = NULL;

	for (size_t i = 0; gens && i < names->n; i++) {
		GENERAL_NAME *g = GENERAL_NAME_new();
		ASN1_IA5STRING *s = ASN1_IA5STRING_new();

		if (!g || !s || !ASN1_STRING_set(s, names->v[i], -1)) {
			GENERAL_NAME_free(g);
			ASN1_IA5STRING_free(s);
			goto out;
		}
		GENERAL_NAME_set0_value(g, GEN_DNS, s);
		if (!sk_GENERAL_NAME_push(gens, g)) {
			GENERAL_NAME_free(g);
			goto out;
		}
	}
	if (gens)
		ext = X509V3_EXT_i2d(NID_subject_alt_name, 0, gens);
out:
	GENERAL_NAMES_free(gens);
	return ext;
}

static X509_EXTENSION *key_usage_ext(void)
{
	ASN1_BIT_STRING *ku = ASN1_BIT_STRING_new();
	X509_EXTENSION *ext = NULL;

	/* bit 0 digitalSignature, bit 2 keyEncipherment (RFC 5280 4.2.1.3) */
	if (ku && ASN1_BIT_STRING_set_bit(ku, 0, 1) && ASN1_BIT_STRING_set_bit(ku, 2, 1))
		ext = X509V3_EXT_i2d(NID_key_usage, 1, ku);
	ASN1_BIT_STRING_free(ku);
	return ext;
}

static X509_EXTENSION *eku_ext(bool client)
{
	EXTENDED_KEY_USAGE *eku = sk_ASN1_OBJECT_new_null();
	X509_EXTENSION *ext = NULL;

	/* OBJ_nid2obj's objects are static: only the stack is freed below. */
	if (eku && sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_server_auth)) &&
	    (!client || sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_client_auth))))
		ext = X509V3_EXT_i2d(NID_ext_key_usage, 0, eku);
	sk_ASN1_OBJECT_free(eku);
	return ext;
}

static X509_EXTENSION *template_ext(const char *name)
{
	ASN1_OBJECT *oid = OBJ_txt2obj(CSR_TEMPLATE_OID, 1);
	ASN1_OCTET_STRING *value = ASN1_OCTET_STRING_new();
	ASN1_STRING *bmp = NULL;
	unsigned char *der = NULL;
	X509_EXTENSION *ext = NULL;
	int len;

	if (!oid || !value ||
	    ASN1_mbstring_copy(&bmp, (const unsigned char *)name, -1, MBSTRING_UTF8,
			       B_ASN1_BMPSTRING) < 0)
		goto out;
	len = i2d_ASN1_BMPSTRING(bmp, &der);
	if (len > 0 && ASN1_OCTET_STRING_set(value, der, len))
		ext = X509_EXTENSION_create_by_OBJ(NULL, oid, 0, value);
out:
	OPENSSL_free(der);
	ASN1_STRING_free(bmp);
	ASN1_OCTET_STRING_free(value);
	ASN1_OBJECT_free(oid);
	return ext;
}

static bool push_ext(STACK_OF(X509_EXTENSION) *exts, X509_EXTENSION *ext)
{
	if (ext && sk_X509_EXTENSION_push(exts, ext))
		return true;
	X509_EXTENSION_free(ext);
	return false;
}

static const char *exts_fill(STACK_OF(X509_EXTENSION) *exts, const struct deployment *d,
			     const struct strlist *sans)
{
	if (!push_ext(exts, san_ext(sans)))
		return _("cannot encode the subject alternative names");
	if (!push_ext(exts, key_usage_ext()) || !push_ext(exts, eku_ext(d->cert.client_eku)))
		return _("cannot encode the key usage extensions");
	if (set(d->cert.template_name) && !push_ext(exts, template_ext(d->cert.template_name)))
		return _("cannot encode the certificate template name as a BMPString");
	return NULL;
}

/* SHA-256 with PKCS#1 v1.5 padding, said explicitly so that no default
 * could turn it into PSS, which Lync's Edge does not take. */
static bool req_sign(X509_REQ *req, EVP_PKEY *key)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	bool ok = md && EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL, key) > 0 &&
		  EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) > 0 &&
		  X509_REQ_sign_ctx(req, md) > 0;

	EVP_MD_CTX_free(md);
	return ok;
}

static const char *req_fill(X509_REQ *req, const struct deployment *d, EVP_PKEY *key,
			    const struct strlist *sans)
{
	X509_NAME *name = csr_subject_name(d);
	STACK_OF(X509_EXTENSION) *exts = sk_X509_EXTENSION_new_null();
	const char *fail = NULL;

	if (!name || !exts || !X509_REQ_set_subject_name(req, name))
		fail = _("cannot encode the subject name");
	else if (!X509_REQ_set_version(req, X509_REQ_VERSION_1) || !X509_REQ_set_pubkey(req, key))
		fail = _("cannot set the request's public key");
	else
		fail = exts_fill(exts, d, sans);
	if (!fail && !X509_REQ_add_extensions(req, exts))
		fail = _("cannot add the extensions to the request");
	if (!fail && !req_sign(req, key))
		fail = _("cannot sign the request");
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	X509_NAME_free(name);
	return fail;
}

int csr_build(const struct deployment *d, EVP_PKEY *key, X509_REQ **out, char **err)
{
	struct strlist sans = {0};
	X509_REQ *req = NULL;
	const char *fail;

	*out = NULL;
	if (!set(d->topo.access_edge_fqdn)) {
		*err = xstrdup(_("topology.access_edge_fqdn is required: it is the request's "
				 "subject name (CN)"));
		return -1;
	}
	san_derive(d, &sans);
	req = X509_REQ_new();
	fail = req ? req_fill(req, d, key, &sans) : _("out of memory");
	strlist_free(&sans);
	if (fail) {
		*err = csr_ossl_error(fail);
		X509_REQ_free(req);
		return -1;
	}
	ERR_clear_error();
	*out = req;
	return 0;
}
