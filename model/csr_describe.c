/* SPDX-License-Identifier: ISC */
/* The View page of the certificate wizard: a request decoded for people. */
#include "config.h"

#include "csr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "i18n.h"
#include "xalloc.h"

#define TEMPLATE_OID "1.3.6.1.4.1.311.20.2"
/* A request is a few kilobytes; anything far larger is not one. */
#define REQUEST_MAX (1024 * 1024)

static int read_small_file(const char *path, char **out, size_t *len, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf;
	size_t got = 0, size;
	ssize_t n = 0;

	if (fd < 0) {
		*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > REQUEST_MAX) {
		*err = xasprintf(_("%s is not a certificate request file"), path);
		close(fd);
		return -1;
	}
	size = (size_t)st.st_size;
	buf = xmalloc(size + 1);
	while (got < size) {
		n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (n < 0)
		*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
	close(fd);
	if (n < 0) {
		free(buf);
		return -1;
	}
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}

static void describe_subject(BIO *out, X509_REQ *req)
{
	/* RFC 2253 escaping, but UTF-8 shown as is ("São Paulo"). */
	unsigned long flags = (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) |
			      XN_FLAG_SEP_MULTILINE | XN_FLAG_SPC_EQ | XN_FLAG_FN_SN;

	BIO_printf(out, "%s\n", _("Subject:"));
	X509_NAME_print_ex(out, X509_REQ_get_subject_name(req), 2, flags);
	BIO_puts(out, "\n");
}

static void describe_key(BIO *out, X509_REQ *req)
{
	EVP_PKEY *pub = X509_REQ_get0_pubkey(req);

	if (pub)
		BIO_printf(out, _("Public key: %s, %d bits\n"), EVP_PKEY_get0_type_name(pub),
			   EVP_PKEY_get_bits(pub));
	else
		BIO_printf(out, "%s\n", _("Public key: unreadable"));
}

static void describe_sans(BIO *out, X509_EXTENSION *ext)
{
	GENERAL_NAMES *gens = X509V3_EXT_d2i(ext);

	BIO_printf(out, "%s\n", _("Subject alternative names:"));
	for (int i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
		BIO_puts(out, "  ");
		GENERAL_NAME_print(out, sk_GENERAL_NAME_value(gens, i));
		BIO_puts(out, "\n");
	}
	GENERAL_NAMES_free(gens);
}

/* Windows writes the template name as a DER BMPString (UTF-16BE). */
static void describe_template(BIO *out, X509_EXTENSION *ext)
{
	const ASN1_OCTET_STRING *data = X509_EXTENSION_get_data(ext);
	const unsigned char *p = ASN1_STRING_get0_data(data);
	ASN1_BMPSTRING *bmp = d2i_ASN1_BMPSTRING(NULL, &p, ASN1_STRING_length(data));
	unsigned char *utf8 = NULL;

	if (bmp && ASN1_STRING_to_UTF8(&utf8, bmp) >= 0)
		BIO_printf(out, _("Certificate template: %s\n"), (const char *)utf8);
	else
		BIO_printf(out, "%s\n", _("Certificate template: (not a BMPString)"));
	OPENSSL_free(utf8);
	ASN1_BMPSTRING_free(bmp);
}

static void describe_other(BIO *out, X509_EXTENSION *ext, int nid)
{
	char name[80];

	if (nid == NID_key_usage)
		BIO_printf(out, "%s", _("Key usage:"));
	else if (nid == NID_ext_key_usage)
		BIO_printf(out, "%s", _("Extended key usage:"));
	else if (OBJ_obj2txt(name, sizeof name, X509_EXTENSION_get_object(ext), 0) > 0)
		BIO_printf(out, "%s:", name);
	BIO_puts(out, " ");
	if (!X509V3_EXT_print(out, ext, X509V3_EXT_DUMP_UNKNOWN, 0))
		ASN1_STRING_print(out, X509_EXTENSION_get_data(ext));
	if (X509_EXTENSION_get_critical(ext))
		BIO_printf(out, " %s", _("(critical)"));
	BIO_puts(out, "\n");
}

static void describe_exts(BIO *out, X509_REQ *req)
{
	STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
	ASN1_OBJECT *tmpl = OBJ_txt2obj(TEMPLATE_OID, 1);

	for (int i = 0; i < sk_X509_EXTENSION_num(exts); i++) {
		X509_EXTENSION *ext = sk_X509_EXTENSION_value(exts, i);
		const ASN1_OBJECT *obj = X509_EXTENSION_get_object(ext);
		int nid = OBJ_obj2nid(obj);

		if (nid == NID_subject_alt_name)
			describe_sans(out, ext);
		else if (tmpl && OBJ_cmp(obj, tmpl) == 0)
			describe_template(out, ext);
		else
			describe_other(out, ext, nid);
	}
	ASN1_OBJECT_free(tmpl);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
}

static void describe_signature(BIO *out, X509_REQ *req)
{
	const ASN1_BIT_STRING *sig = NULL;
	const X509_ALGOR *alg = NULL;
	const ASN1_OBJECT *obj = NULL;
	EVP_PKEY *pub = X509_REQ_get0_pubkey(req);
	char name[80] = "?";

	X509_REQ_get0_signature(req, &sig, &alg);
	if (alg)
		X509_ALGOR_get0(&obj, NULL, NULL, alg);
	if (obj)
		OBJ_obj2txt(name, sizeof name, obj, 0);
	BIO_printf(out, _("Signature algorithm: %s\n"), name);
	BIO_printf(out, "%s\n", pub && X509_REQ_verify(req, pub) == 1
					? _("Signature: signature verified")
					: _("Signature: signature INVALID"));
}

static char *bio_text(BIO *b)
{
	char *data = NULL;
	long len = BIO_get_mem_data(b, &data);

	return xstrndup(data ? data : "", len > 0 ? (size_t)len : 0);
}

char *csr_describe_file(const char *path, char **err)
{
	char *pem = NULL, *text = NULL;
	size_t len = 0;
	BIO *in = NULL, *out = NULL;
	X509_REQ *req = NULL;

	if (read_small_file(path, &pem, &len, err) != 0)
		return NULL;
	in = BIO_new_mem_buf(pem, (int)len);
	req = in ? PEM_read_bio_X509_REQ(in, NULL, NULL, NULL) : NULL;
	out = req ? BIO_new(BIO_s_mem()) : NULL;
	if (!out) {
		*err = xasprintf(_("%s does not hold a PEM certificate request"), path);
		goto out;
	}
	describe_subject(out, req);
	describe_key(out, req);
	describe_exts(out, req);
	describe_signature(out, req);
	BIO_printf(out, "\n%s", pem);
	text = bio_text(out);
out:
	ERR_clear_error();
	BIO_free(out);
	X509_REQ_free(req);
	BIO_free(in);
	free(pem);
	return text;
}
