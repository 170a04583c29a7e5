/* SPDX-License-Identifier: ISC */
/* What Lync 2013's Edge needs of its external certificate (lync-facts.md
 * section 4), judged on the leaf and its chain; and what `check` says of
 * the chain recorded earlier. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "certimport.h"
#include "certimport_int.h"
#include "i18n.h"
#include "san.h"
#include "xalloc.h"

#define CERT_MIN_RSA_BITS 2048

static bool set(const char *s)
{
	return s && *s;
}

int cert_validity(const X509 *x, time_t now, int *days_left)
{
	ASN1_TIME *t;
	int days = 0, secs = 0;

	if (X509_cmp_time(X509_get0_notBefore(x), &now) > 0)
		return -1;
	if (X509_cmp_time(X509_get0_notAfter(x), &now) <= 0)
		return 1;
	t = ASN1_TIME_set(NULL, now);
	if (days_left && t && ASN1_TIME_diff(&days, &secs, t, X509_get0_notAfter(x)))
		*days_left = days;
	ASN1_TIME_free(t);
	return 0;
}

static char *subject_of(const X509 *x)
{
	return cert_name_text(X509_get_subject_name(x));
}

/* The Edge certificate's dates; an intermediate out of its dates breaks
 * the chain the same way. */
static void check_dates(const X509 *x, bool leaf, time_t now, struct strlist *refusals,
			struct strlist *warnings)
{
	int days = CERT_WARN_DAYS, v = cert_validity(x, now, &days);
	char *when = cert_time_text(v < 0 ? X509_get0_notBefore(x) : X509_get0_notAfter(x));
	char *name = subject_of(x);

	if (v < 0 && leaf)
		strlist_pushf(refusals, _("The certificate is not valid yet: not before %s."), when);
	else if (v > 0 && leaf)
		strlist_pushf(refusals, _("The certificate expired on %s."), when);
	else if (v < 0)
		strlist_pushf(refusals, _("The intermediate certificate %s is not valid yet: not "
					  "before %s."), name, when);
	else if (v > 0)
		strlist_pushf(refusals, _("The intermediate certificate %s expired on %s."), name,
			      when);
	else if (leaf && days < CERT_WARN_DAYS)
		strlist_pushf(warnings, ngettext("The certificate expires in %d day, on %s: renew "
						 "it soon.",
						 "The certificate expires in %d days, on %s: renew "
						 "it soon.", days),
			      days, when);
	free(name);
	free(when);
}

/* The leaf's DNS names, lower-cased. */
static void dns_names(X509 *x, struct strlist *out)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);

	for (int i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		const ASN1_IA5STRING *s;
		char *v;

		if (g->type != GEN_DNS)
			continue;
		s = g->d.dNSName;
		v = xstrndup((const char *)ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
		for (char *p = v; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		strlist_push_owned(out, v);
	}
	GENERAL_NAMES_free(gens);
}

static void check_names(const struct deployment *d, X509 *leaf, struct strlist *refusals)
{
	struct strlist have = {0}, want = {0};

	dns_names(leaf, &have);
	san_derive(d, &want);
	for (size_t i = 0; i < want.n; i++)
		if (strlist_find_ci(&have, want.v[i]) < 0)
			strlist_pushf(refusals, _("The subject alternative name %s is missing; the "
						  "deployment needs it."), want.v[i]);
	for (size_t i = 0; i < have.n; i++)
		if (strchr(have.v[i], '*'))
			strlist_pushf(refusals, _("The subject alternative name %s is a wildcard, "
						  "which the Edge cannot use."), have.v[i]);
	strlist_free(&want);
	strlist_free(&have);
}

static void check_usage(const struct deployment *d, X509 *leaf, struct strlist *refusals)
{
	bool has_eku = (X509_get_extension_flags(leaf) & EXFLAG_XKUSAGE) != 0;
	uint32_t eku = X509_get_extended_key_usage(leaf), ku = X509_get_key_usage(leaf);

	if (!has_eku || !(eku & XKU_SSL_SERVER))
		strlist_push(refusals, _("The certificate has no Server Authentication "
					 "(serverAuth) extended key usage."));
	if (d->cert.client_eku && (!has_eku || !(eku & XKU_SSL_CLIENT)))
		strlist_push(refusals, _("The certificate has no Client Authentication "
					 "(clientAuth) extended key usage, which "
					 "certificate.client_eku asks for."));
	if (!(ku & KU_DIGITAL_SIGNATURE))
		strlist_push(refusals, _("The key usage lacks digitalSignature, which the Edge "
					 "needs."));
	if (!(ku & KU_KEY_ENCIPHERMENT))
		strlist_push(refusals, _("The key usage lacks keyEncipherment, which the Edge "
					 "needs."));
}

static void check_key(X509 *leaf, struct strlist *refusals)
{
	EVP_PKEY *pub = X509_get0_pubkey(leaf);
	int bits = pub ? EVP_PKEY_get_bits(pub) : 0;

	if (!pub || EVP_PKEY_get_base_id(pub) != EVP_PKEY_RSA)
		strlist_pushf(refusals, _("The certificate's key is %s; Lync 2013 needs RSA."),
			      pub ? EVP_PKEY_get0_type_name(pub) : "?");
	else if (bits < CERT_MIN_RSA_BITS)
		strlist_pushf(refusals, _("The certificate's key is %d-bit RSA; Lync 2013 needs at "
					  "least %d bits."), bits, CERT_MIN_RSA_BITS);
}

static void check_leaf_warnings(const struct deployment *d, X509 *leaf,
				struct strlist *warnings)
{
	X509_NAME *subj = X509_get_subject_name(leaf);
	int i = X509_NAME_get_index_by_NID(subj, NID_commonName, -1);
	const ASN1_STRING *cn = i >= 0 ? X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, i))
				       : NULL;
	char *cn_text = cn ? xstrndup((const char *)ASN1_STRING_get0_data(cn),
				      (size_t)ASN1_STRING_length(cn))
			   : xstrdup("");
	const char *fqdn = d->topo.access_edge_fqdn ? d->topo.access_edge_fqdn : "";

	if (X509_get_ext_by_NID(leaf, NID_crl_distribution_points, -1) < 0)
		strlist_push(warnings, _("The certificate has no CRL distribution point; Microsoft "
					 "requires one on server certificates."));
	if (X509_get_ext_by_NID(leaf, NID_info_access, -1) < 0)
		strlist_push(warnings, _("The certificate has no Authority Information Access "
					 "(AIA); clients must find its issuer on their own."));
	if (strcasecmp(cn_text, fqdn) != 0)
		strlist_pushf(warnings, _("The subject CN is \"%s\", not the Access Edge FQDN %s."),
			      cn_text, fqdn);
	free(cn_text);
}

/* Every link: signature algorithm, the issuer's signature, the dates of
 * the intermediates; and whether the leaf's issuer was given at all. */
static void check_links(const struct cert_chain *c, time_t now, struct strlist *refusals,
			struct strlist *warnings)
{
	int n = sk_X509_num(c->path);

	for (int i = 0; i < n; i++) {
		X509 *x = sk_X509_value(c->path, i);
		X509 *up = i + 1 < n ? sk_X509_value(c->path, i + 1) : c->root;
		char *name = subject_of(x), *up_name = up ? subject_of(up) : NULL;

		if (i > 0)
			check_dates(x, false, now, refusals, warnings);
		if (X509_get_signature_nid(x) == NID_rsassaPss)
			strlist_pushf(refusals, _("The certificate %s is signed with RSASSA-PSS, which Lync 2013 "
						  "cannot use."), name);
		if (up && X509_verify(x, X509_get0_pubkey(up)) != 1)
			strlist_pushf(refusals, _("The signature on the certificate %s does not verify with the key "
						  "of its issuer %s."), name, up_name);
		free(up_name);
		free(name);
	}
	ERR_clear_error();
	if (n == 1 && !c->root && X509_self_signed(sk_X509_value(c->path, 0), 0) != 1) {
		char *issuer = cert_name_text(X509_get_issuer_name(sk_X509_value(c->path, 0)));

		strlist_pushf(warnings, _("No intermediate certificate was given: the issuer %s is "
					  "not among the files, and the PFX will lack it."), issuer);
		free(issuer);
	}
}

void cert_check_chain(const struct deployment *d, const struct cert_chain *c, time_t now,
		      struct strlist *refusals, struct strlist *warnings)
{
	X509 *leaf = sk_X509_value(c->path, 0);

	check_dates(leaf, true, now, refusals, warnings);
	check_names(d, leaf, refusals);
	check_usage(d, leaf, refusals);
	check_key(leaf, refusals);
	check_links(c, now, refusals, warnings);
	check_leaf_warnings(d, leaf, warnings);
	ERR_clear_error();
}

/* ---- the recorded chain, for `check` and the home screen ---------------- */

#define ISSUED "certificate.issued."

/* The public key to compare with: the key's own, or, for an encrypted
 * key, the one in the request made with it. NULL when neither can be read
 * (an error added when the key file itself is missing). */
static EVP_PKEY *recorded_public(const struct deployment *d, const char *base,
				 const char *key_name, struct diags *out)
{
	char *path = cert_resolve(base, key_name), *err = NULL;
	bool encrypted = false;
	EVP_PKEY *key = cert_public_of_key(path, &encrypted, &err);
	const struct cert_record *g = &d->cert.generated;
	BIO *b;
	X509_REQ *req;

	if (!key && !encrypted)
		diags_add_owned(out, DIAG_ERROR, 0, 0, ISSUED "key_file", err);
	free(path);
	if (key || !encrypted || !set(g->request_file) || !set(g->key_file) ||
	    strcmp(g->key_file, key_name) != 0)
		return key;
	path = cert_resolve(base, g->request_file);
	b = BIO_new_file(path, "r");
	req = b ? PEM_read_bio_X509_REQ(b, NULL, NULL, NULL) : NULL;
	key = req ? X509_REQ_get_pubkey(req) : NULL;
	X509_REQ_free(req);
	BIO_free(b);
	free(path);
	ERR_clear_error();
	return key;
}

static void issued_dates(const X509 *leaf, time_t now, struct diags *out)
{
	int days = CERT_WARN_DAYS, v = cert_validity(leaf, now, &days);
	char *when = cert_time_text(v < 0 ? X509_get0_notBefore(leaf) : X509_get0_notAfter(leaf));

	if (v < 0)
		diags_add(out, DIAG_ERROR, 0, 0, ISSUED "not_before",
			  _("the certificate is not valid before %s."), when);
	else if (v > 0)
		diags_add(out, DIAG_ERROR, 0, 0, ISSUED "not_after",
			  _("the certificate expired on %s; renew it and import the new one."),
			  when);
	else if (days < CERT_WARN_DAYS)
		diags_add_owned(out, DIAG_WARNING, 0, 0, ISSUED "not_after",
				xasprintf(ngettext("the certificate expires in %d day, on %s.",
						   "the certificate expires in %d days, on %s.",
						   days),
					  days, when));
	free(when);
}

static void issued_key(const struct deployment *d, const char *base, X509 *leaf,
		       struct diags *out)
{
	const struct cert_issued *is = &d->cert.issued;
	const char *current = cert_current_key(d);
	const char *key_name = set(is->key_file) ? is->key_file : current;
	EVP_PKEY *pub;

	if (set(is->key_file) && current && strcmp(is->key_file, current) != 0)
		diags_add(out, DIAG_WARNING, 0, 0, ISSUED "key_file",
			  _("the certificate was issued for the key %s, but the current key is "
			    "%s; import the certificate issued for the new request."),
			  is->key_file, current);
	if (!key_name)
		return;
	pub = recorded_public(d, base, key_name, out);
	if (pub && EVP_PKEY_eq(pub, X509_get0_pubkey(leaf)) != 1)
		diags_add(out, DIAG_ERROR, 0, 0, ISSUED "chain_file",
			  _("the certificate in %s no longer matches the key %s: the key was "
			    "replaced after the certificate was issued."),
			  is->chain_file, key_name);
	EVP_PKEY_free(pub);
	ERR_clear_error();
}

void cert_issued_check(const struct deployment *d, const char *base_dir, time_t now,
		       struct diags *out)
{
	const struct cert_issued *is = &d->cert.issued;
	STACK_OF(X509) *chain;
	char *path, *err = NULL;

	if (!set(is->chain_file))
		return;
	chain = sk_X509_new_null();
	path = cert_resolve(base_dir, is->chain_file);
	if (cert_read_file(path, chain, &err) != 0) {
		diags_add_owned(out, DIAG_ERROR, 0, 0, ISSUED "chain_file", err);
	} else {
		issued_dates(sk_X509_value(chain, 0), now ? now : time(NULL), out);
		issued_key(d, base_dir, sk_X509_value(chain, 0), out);
	}
	free(path);
	sk_X509_pop_free(chain, X509_free);
}
