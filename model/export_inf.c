/* SPDX-License-Identifier: ISC */
/* The certreq INF. certreq is a Windows tool and INF files are Windows text,
 * so lines end in CRLF. Every value is a quoted INF string: a double quote
 * inside is doubled, and so is % (INF string substitution). Its comments
 * stay English and ASCII whatever the locale: certreq and Notepad read an
 * INF as the Windows ANSI code page, where translated UTF-8 would show
 * garbled, and the file must not turn non-ASCII by its comments alone. */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "san.h"
#include "subject.h"
#include "validate.h"
#include "xalloc.h"

#define OID_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define OID_CLIENT_AUTH "1.3.6.1.5.5.7.3.2"

static bool set(const char *s)
{
	return s && *s;
}

/* s as a quoted INF string; control characters (a line break would end
 * the entry) become spaces. */
static char *inf_quote(const char *s)
{
	char *out = xmalloc(2 * strlen(s) + 3), *o = out;

	*o++ = '"';
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7F)
			c = ' ';
		if (c == '"' || c == '%')
			*o++ = (char)c;
		*o++ = (char)c;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* One value of an X.500 name string as certreq reads it: quoted when it
 * holds a character with a meaning there (or edge spaces), with a double
 * quote doubled. Backslash escapes are not understood. */
static char *dn_value(const char *v)
{
	size_t len = strlen(v);
	bool quote = len == 0 || v[0] == ' ' || v[len - 1] == ' ' ||
		     strpbrk(v, ",+=\"\n<>#;'") != NULL;
	char *out, *o;

	if (!quote)
		return xstrdup(v);
	o = out = xmalloc(2 * len + 3);
	*o++ = '"';
	for (; *v; v++) {
		if (*v == '"')
			*o++ = '"';
		*o++ = *v;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* The subject in the request's order; certreq spells the state S, as
 * Windows shows it. */
static char *subject(const struct deployment *d)
{
	struct subject_attr a[SUBJECT_MAX];
	size_t n = subject_attrs(d, a);
	struct strlist rdns = {0};
	char *dn, *quoted;

	for (size_t i = 0; i < n; i++) {
		char *v = dn_value(a[i].value);

		strlist_push_owned(&rdns, xasprintf("%s=%s", a[i].field == SUBJ_ST ? "S" : a[i].name,
						    v));
		free(v);
	}
	dn = strlist_join(&rdns, ",");
	quoted = inf_quote(dn);
	free(dn);
	strlist_free(&rdns);
	return quoted;
}

static bool ascii(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static void put_header(struct strlist *l, const struct deployment *d)
{
	struct subject_attr a[SUBJECT_MAX];
	size_t n = subject_attrs(d, a);
	bool plain = ascii(d->cert.friendly_name) && ascii(d->cert.template_name);

	strlist_push_lines(l, ";", "certreq request for the Lync Server 2013 Edge external certificate "
				     "(Access Edge,\n"
				     "Web Conferencing Edge and A/V authentication in one), written by "
				     "xmppgw.\n"
				     "On the Edge Server: certreq -new THIS.inf REQUEST.csr");
	for (size_t i = 0; i < n; i++)
		plain &= ascii(a[i].value);
	if (!plain)
		strlist_push_lines(l, ";", "Some values are not ASCII: certreq reads an INF file as ANSI "
					     "unless it is\n"
					     "UTF-16, so save this file as Unicode (Notepad: Save As, "
					     "Encoding) first.");
}

static void put_request(struct strlist *l, const struct deployment *d)
{
	const struct certreq *c = &d->cert;
	char *s = subject(d);

	strlist_push(l, "");
	strlist_push(l, "[NewRequest]");
	strlist_pushf(l, "Subject = %s", s);
	strlist_pushf(l, "KeyLength = %d", c->key_bits);
	strlist_push(l, "Exportable = TRUE");
	strlist_push(l, "MachineKeySet = TRUE");
	strlist_push(l, "RequestType = PKCS10");
	strlist_push(l, "KeySpec = 1");
	strlist_push(l, "KeyUsage = 0xa0");
	strlist_push(l, "HashAlgorithm = sha256");
	strlist_push(l, "ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"");
	free(s);
	if (set(c->friendly_name)) {
		s = inf_quote(c->friendly_name);
		strlist_pushf(l, "FriendlyName = %s", s);
		free(s);
	}
	strlist_push(l, "");
	strlist_push(l, "[EnhancedKeyUsageExtension]");
	strlist_push(l, "OID=" OID_SERVER_AUTH);
	if (c->client_eku)
		strlist_push(l, "OID=" OID_CLIENT_AUTH);
}

/* Names that are not DNS names are left out: in the {text} form a & or a
 * quote would add a name nobody chose. */
static void put_sans(struct strlist *l, const struct deployment *d)
{
	struct strlist sans = {0};
	bool skipped = false;

	san_derive(d, &sans);
	strlist_push(l, "");
	strlist_push(l, "[Extensions]");
	strlist_push(l, "2.5.29.17 = \"{text}\"");
	for (size_t i = 0; i < sans.n; i++) {
		if (validate_dns_name(sans.v[i], NULL) == VALID_ERR)
			skipped = true;
		else
			strlist_pushf(l, "_continue_ = \"DNS=%s&\"", sans.v[i]);
	}
	if (skipped)
		strlist_push_lines(l, ";", "Names that are not valid DNS names were left out.");
	strlist_free(&sans);
}

char *export_inf(const struct deployment *d)
{
	struct strlist lines = {0};
	char *out;

	put_header(&lines, d);
	strlist_push(&lines, "");
	strlist_push(&lines, "[Version]");
	strlist_push(&lines, "Signature=\"$Windows NT$\"");
	if (set(d->topo.access_edge_fqdn)) {
		put_request(&lines, d);
		put_sans(&lines, d);
		if (set(d->cert.template_name)) {
			char *t = inf_quote(d->cert.template_name);

			strlist_push(&lines, "");
			strlist_push(&lines, "[RequestAttributes]");
			strlist_pushf(&lines, "CertificateTemplate = %s", t);
			free(t);
		}
	} else {
		strlist_push(&lines, "");
		strlist_push_lines(&lines, ";", "Nothing to request: the deployment has no Access Edge "
						  "FQDN, the certificate's subject.");
	}
	strlist_push(&lines, ""); /* the last line ends too */
	out = strlist_join(&lines, "\r\n");
	strlist_free(&lines);
	return out;
}
