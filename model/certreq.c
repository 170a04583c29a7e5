/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "certreq.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/err.h>

#include "csr.h"
#include "i18n.h"
#include "san.h"
#include "xalloc.h"

/* More than anyone makes in a day; past it something else is wrong. */
#define FRESH_MAX 999

static bool set(const char *s)
{
	return s && *s;
}

bool certreq_key_in_use(const struct deployment *d)
{
	const struct certreq *c = &d->cert;

	return set(c->generated.key_file) || set(c->issued.thumbprint) ||
	       set(c->issued.key_file);
}

const char *certreq_key_in_use_name(const struct deployment *d)
{
	const struct certreq *c = &d->cert;

	if (set(c->generated.key_file))
		return c->generated.key_file;
	return set(c->issued.key_file) ? c->issued.key_file : NULL;
}

/* Where the extension of path starts (its end when there is none). A dot
 * that starts the last component is no extension. */
static size_t ext_at(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');

	return dot && dot != base ? (size_t)(dot - path) : strlen(path);
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The length of stem without a -YYYYMMDD or -YYYYMMDD-N suffix. */
static size_t undated(const char *stem, size_t n)
{
	size_t m = n;

	while (m > 0 && stem[m - 1] >= '0' && stem[m - 1] <= '9')
		m--;
	if (m > 0 && m < n && stem[m - 1] == '-' && n - m < 4 && m >= 10 &&
	    stem[m - 10] == '-' && all_digits(stem + m - 9, 8))
		return m - 10;
	if (n >= 9 && stem[n - 9] == '-' && all_digits(stem + n - 8, 8))
		return n - 9;
	return n;
}

static char *dated(const char *path, const char *suffix)
{
	size_t e = ext_at(path);

	return xasprintf("%.*s%s%s", (int)undated(path, e), path, suffix, path + e);
}

static bool taken(const char *base_dir, const char *name)
{
	struct stat st;
	char *path = name[0] == '/' || !set(base_dir) || strcmp(base_dir, ".") == 0
			     ? xstrdup(name)
			     : xasprintf("%s/%s", base_dir, name);
	bool there = lstat(path, &st) == 0 || errno != ENOENT;

	free(path);
	return there;
}

int certreq_fresh_names(const struct deployment *d, const char *base_dir, time_t now,
			char **req, char **key, char **err)
{
	char day[16];
	struct tm tm;

	*req = *key = NULL;
	if (!set(d->cert.request_file) || !set(d->cert.key_file)) {
		*err = xstrdup(_("certificate.request_file and certificate.key_file are needed to "
				 "name a new request and key"));
		return -1;
	}
	if (!gmtime_r(&now, &tm) || !strftime(day, sizeof day, "%Y%m%d", &tm))
		snprintf(day, sizeof day, "%s", "19700101");
	for (int n = 1; n <= FRESH_MAX; n++) {
		char *suffix = n == 1 ? xasprintf("-%s", day) : xasprintf("-%s-%d", day, n);

		*req = dated(d->cert.request_file, suffix);
		*key = dated(d->cert.key_file, suffix);
		free(suffix);
		if (!taken(base_dir, *req) && !taken(base_dir, *key))
			return 0;
		free(*req);
		free(*key);
		*req = *key = NULL;
	}
	*err = xasprintf(ngettext("%d request was already made today under the names of %s; "
				  "remove it, or choose other file names",
				  "%d requests were already made today under the names of %s; "
				  "remove some, or choose other file names", FRESH_MAX),
			 FRESH_MAX, d->cert.key_file);
	return -1;
}

char *certreq_subject(const struct deployment *d)
{
	/* RFC 2253 escapes, but keeps UTF-8 readable rather than \XX. */
	const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
	X509_NAME *name = set(d->topo.access_edge_fqdn) ? csr_subject_name(d) : NULL;
	BIO *b = name ? BIO_new(BIO_s_mem()) : NULL;
	char *out = NULL, *buf;
	long len;

	if (b && X509_NAME_print_ex(b, name, 0, flags) >= 0) {
		len = BIO_get_mem_data(b, &buf);
		out = xstrndup(buf, len > 0 ? (size_t)len : 0);
	}
	ERR_clear_error();
	BIO_free(b);
	X509_NAME_free(name);
	return out;
}

void certreq_record_names(const struct deployment *d, struct cert_record *g)
{
	free(g->subject);
	g->subject = certreq_subject(d);
	san_derive(d, &g->sans);
}

static bool same_names(const struct strlist *a, const struct strlist *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (strlist_find_ci(b, a->v[i]) < 0)
			return false;
	for (size_t i = 0; i < b->n; i++)
		if (strlist_find_ci(a, b->v[i]) < 0)
			return false;
	return true;
}

bool certreq_changed_since_request(const struct deployment *d)
{
	const struct cert_record *g = &d->cert.generated;
	struct strlist now = {0};
	char *subject;
	bool changed;

	if (!set(g->subject) && g->sans.n == 0)
		return false;
	subject = certreq_subject(d);
	changed = !subject || !set(g->subject) || strcmp(subject, g->subject) != 0;
	san_derive(d, &now);
	changed = changed || !same_names(&now, &g->sans);
	strlist_free(&now);
	free(subject);
	return changed;
}
