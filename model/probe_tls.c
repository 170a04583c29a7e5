/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "i18n.h"
#include "probe_int.h"
#include "xalloc.h"

/* id-on-dnsSRV (RFC 4985), the XMPP SRV-ID of RFC 6120 13.7.1.2. */
#define OID_DNS_SRV "1.3.6.1.5.5.7.8.7"
#define SRV_PREFIX "_xmpp-server."

static const int versions[PROBE_NTLS] = {
	[PROBE_TLS10] = TLS1_VERSION,
	[PROBE_TLS12] = TLS1_2_VERSION,
	[PROBE_TLS13] = TLS1_3_VERSION,
};

static int ctx_new(struct ptls *t, enum probe_tls v, char **err)
{
	SSL_CTX *c = SSL_CTX_new(TLS_client_method());

	if (!c) {
		*err = xstrdup(_("cannot set up TLS (OpenSSL failed to make a context)"));
		return -1;
	}
	SSL_CTX_set_min_proto_version(c, versions[v]);
	SSL_CTX_set_max_proto_version(c, versions[v]);
	/* OpenSSL 3 refuses TLS 1.0 below security level 0 (SHA-1 in the
	 * handshake): only the probe that asks for it lowers the level. */
	if (v == PROBE_TLS10) {
		SSL_CTX_set_security_level(c, 0);
		SSL_CTX_set_cipher_list(c, "DEFAULT:@SECLEVEL=0");
	}
	/* Trust is judged after the handshake, so an untrusted server still
	 * shows its features. */
	SSL_CTX_set_verify(c, SSL_VERIFY_NONE, NULL);
	/* The probe judges what a fresh handshake offers; a server asking to
	 * renegotiate mid-stream only adds round trips it could stall in. */
	SSL_CTX_set_options(c, SSL_OP_NO_RENEGOTIATION);
	t->ctx[v] = c;
	return 0;
}

const char *ptls_reason(unsigned long e)
{
	const char *why = e ? ERR_reason_error_string(e) : NULL;

	/* OpenSSL 3 keeps errno in the code of a failed system call and has
	 * no reason text for it: "No such file or directory" is the answer. */
	if (!why && e && ERR_SYSTEM_ERROR(e))
		why = strerror(ERR_GET_REASON(e));
	return why ? why : _("no reason given");
}

int ptls_init(struct ptls *t, const char *ca_file, char **err)
{
	memset(t, 0, sizeof *t);
	for (int v = 0; v < PROBE_NTLS; v++)
		if (ctx_new(t, (enum probe_tls)v, err) < 0)
			return -1;
	t->store = X509_STORE_new();
	if (!t->store || X509_STORE_set_default_paths(t->store) != 1) {
		*err = xstrdup(_("cannot read the system's trusted certificates"));
		return -1;
	}
	if (ca_file && X509_STORE_load_file(t->store, ca_file) != 1) {
		unsigned long e = ERR_peek_error();
		char *name = diag_escape(ca_file);

		*err = xasprintf(_("--ca-file %s: cannot read trusted certificates from it (%s)"),
				 name, e ? ptls_reason(e) : _("no certificate"));
		free(name);
		ERR_clear_error();
		return -1;
	}
	ERR_clear_error();
	return 0;
}

void ptls_free(struct ptls *t)
{
	for (int v = 0; v < PROBE_NTLS; v++)
		SSL_CTX_free(t->ctx[v]);
	X509_STORE_free(t->store);
	memset(t, 0, sizeof *t);
}

static char *name_text(const X509_NAME *n)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *s;
	long len;

	X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	len = BIO_get_mem_data(b, &data);
	s = xstrndup(data, (size_t)len);
	BIO_free(b);
	return s;
}

static char *thumbprint(X509 *x)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *s;

	if (X509_digest(x, EVP_sha1(), md, &n) != 1)
		return NULL;
	s = xmalloc(2 * n + 1);
	for (unsigned int i = 0; i < n; i++)
		sprintf(s + 2 * i, "%02X", md[i]);
	return s;
}

/* An IA5String's text, a NUL byte in it written "\x00": "good.test",
 * NUL, ".evil.test" names neither, and cut at the NUL it would read as
 * the first. */
static char *ia5_text(const ASN1_STRING *v)
{
	const unsigned char *d = ASN1_STRING_get0_data(v);
	size_t n = (size_t)ASN1_STRING_length(v), k = 0;
	char *s = xmalloc(4 * n + 1);

	for (size_t i = 0; i < n; i++) {
		if (d[i]) {
			s[k++] = (char)d[i];
		} else {
			memcpy(s + k, "\\x00", 4);
			k += 4;
		}
	}
	s[k] = '\0';
	return s;
}

/* The SRV-ID _xmpp-server.DOMAIN in an otherName, if gn is one. */
static char *srv_id(const GENERAL_NAME *gn)
{
	ASN1_OBJECT *want = OBJ_txt2obj(OID_DNS_SRV, 1);
	const OTHERNAME *on = gn->d.otherName;
	char *s = NULL;

	if (want && gn->type == GEN_OTHERNAME && OBJ_cmp(on->type_id, want) == 0 &&
	    on->value->type == V_ASN1_IA5STRING) {
		const ASN1_STRING *v = on->value->value.ia5string;

		s = ia5_text(v);
	}
	ASN1_OBJECT_free(want);
	return s;
}

/* Lists the dNSName and SRV-ID entries; true when an SRV-ID names domain. */
static bool names_collect(X509 *leaf, const char *domain, struct strlist *out)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(leaf, NID_subject_alt_name, NULL, NULL);
	bool srv_match = false;

	for (int i = 0; gens && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *gn = sk_GENERAL_NAME_value(gens, i);
		char *s;

		if (gn->type == GEN_DNS) {
			strlist_push_owned(out, ia5_text(gn->d.dNSName));
		} else if ((s = srv_id(gn))) {
			srv_match = srv_match ||
				    (strncasecmp(s, SRV_PREFIX, strlen(SRV_PREFIX)) == 0 &&
				     strcasecmp(s + strlen(SRV_PREFIX), domain) == 0);
			strlist_push_owned(out, xasprintf("SRV-ID %s", s));
			free(s);
		}
	}
	GENERAL_NAMES_free(gens);
	return srv_match;
}

static void verify(const struct ptls *t, X509 *leaf, STACK_OF(X509) *chain,
		   struct probe_offer *o)
{
	X509_STORE_CTX *vc = X509_STORE_CTX_new();
	int rc;

	if (!vc || X509_STORE_CTX_init(vc, t->store, leaf, chain) != 1) {
		o->cert_error = xstrdup(_("cannot check the chain (out of memory)"));
		X509_STORE_CTX_free(vc);
		return;
	}
	/* The Edge connects to the partner as a TLS client: Schannel wants
	 * a server certificate (serverAuth in its extended key usage). */
	X509_STORE_CTX_set_purpose(vc, X509_PURPOSE_SSL_SERVER);
	rc = X509_verify_cert(vc);
	o->cert_trusted = rc == 1;
	if (rc != 1)
		o->cert_error = xstrdup(
			X509_verify_cert_error_string(X509_STORE_CTX_get_error(vc)));
	X509_STORE_CTX_free(vc);
	ERR_clear_error();
}

void ptls_examine(const struct ptls *t, SSL *ssl, const char *domain, struct probe_offer *o)
{
	X509 *leaf;
	bool srv;

	if (o->cert_seen || !(leaf = SSL_get1_peer_certificate(ssl)))
		return;
	o->cert_seen = true;
	o->cert_subject = name_text(X509_get_subject_name(leaf));
	o->cert_issuer = name_text(X509_get_issuer_name(leaf));
	o->cert_thumbprint = thumbprint(leaf);
	srv = names_collect(leaf, domain, &o->cert_names);
	/* RFC 6125: dNSName (the subject's CN only when there is none). */
	o->cert_name_ok = srv || X509_check_host(leaf, domain, 0,
						 X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL) == 1;
	verify(t, leaf, SSL_get_peer_cert_chain(ssl), o);
	X509_free(leaf);
}
