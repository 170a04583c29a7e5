/* SPDX-License-Identifier: ISC */
/* One subject, four spellings: the request's subject read back with
 * OpenSSL, the certreq INF's Subject line, the certificate wizard's
 * summary (and its subject page) and the Edge's Request-CsCertificate
 * table, each parsed back by its own rules, give the same attributes in
 * the same order, values with commas, quotes, percent signs and edge
 * spaces included. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "csr.h"
#include "deployment.h"
#include "export.h"
#include "strlist.h"
#include "subject.h"
#include "wizards/certwizard.h"
#include "xalloc.h"

static EVP_PKEY *key;

static void key_setup(void)
{
	key = EVP_RSA_gen(2048);
	ck_assert_ptr_nonnull(key);
}

static void key_teardown(void)
{
	EVP_PKEY_free(key);
}

static struct deployment *base(void)
{
	struct deployment *d = deployment_new();

	strlist_push(&d->topo.sip_domains, "contoso.com");
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	xstrset(&d->topo.webconf_edge_fqdn, "webcon.contoso.com");
	xstrset(&d->cert.request_file, "edge.req");
	xstrset(&d->cert.key_file, "edge.key");
	xstrset(&d->cert.organization, "Contoso Ltd");
	xstrset(&d->cert.country, "US");
	d->cert.request_on_edge = true;
	return d;
}

/* Every attribute set, O and OU with what each spelling must quote. */
static struct deployment *hostile(void)
{
	struct deployment *d = base();

	xstrset(&d->cert.organization, "Contoso \"Big\", Ltd; O'Brien \xE2\x80\x99s =+#<>");
	xstrset(&d->cert.organizational_unit, " R&D, \"Lab\" 100% ");
	xstrset(&d->cert.city, "S\xC3\xA3o Paulo");
	xstrset(&d->cert.state, "S\xC3\xA3o Paulo, \"SP\"");
	xstrset(&d->cert.country, "BR");
	return d;
}

/* Some left empty: they are left out everywhere. */
static struct deployment *sparse(void)
{
	struct deployment *d = base();

	xstrset(&d->cert.organizational_unit, "");
	xstrset(&d->cert.state, "Washington");
	return d;
}

static struct deployment *(*const cases[])(void) = {base, hostile, sparse};

/* "NAME=value" entries, one per attribute, in order. */
static void push(struct strlist *l, const char *name, const char *value, size_t n)
{
	strlist_push_owned(l, xasprintf("%s=%.*s", name, (int)n, value));
}

static void from_request(const struct deployment *d, struct strlist *out)
{
	X509_REQ *req = NULL;
	char *err = NULL;
	X509_NAME *n;

	ck_assert_msg(csr_build(d, key, &req, &err) == 0, "%s", err ? err : "");
	n = X509_REQ_get_subject_name(req);
	for (int i = 0; i < X509_NAME_entry_count(n); i++) {
		X509_NAME_ENTRY *e = X509_NAME_get_entry(n, i);
		unsigned char *utf8 = NULL;
		int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));

		ck_assert_int_ge(len, 0);
		push(out, OBJ_nid2sn(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e))), (char *)utf8,
		     (size_t)len);
		OPENSSL_free(utf8);
	}
	X509_REQ_free(req);
}

/* The INF string without its quotes: "" is ", %% is %. */
static char *inf_unquote(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	ck_assert(n >= 2 && s[0] == '"' && s[n - 1] == '"');
	for (size_t i = 1; i + 1 < n; i++) {
		if ((s[i] == '"' || s[i] == '%') && s[i + 1] == s[i])
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/* An X.500 name as certreq reads it: NAME=value, comma-separated; a value
 * in double quotes may hold anything, "" being one quote. */
static void x500_parse(const char *dn, struct strlist *out)
{
	const char *p = dn;

	while (*p) {
		size_t kn = strcspn(p, "=");
		char *name = xstrndup(p, kn), *v = xmalloc(strlen(p) + 1), *o = v;

		ck_assert_int_eq(p[kn], '=');
		p += kn + 1;
		if (*p == '"') {
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
				if (*p == '"')
					p++;
				*o++ = *p;
			}
			ck_assert_int_eq(*p, '"');
			p++;
		} else {
			while (*p && *p != ',')
				*o++ = *p++;
		}
		*o = '\0';
		push(out, strcmp(name, "S") == 0 ? "ST" : name, v, strlen(v));
		free(name);
		free(v);
		ck_assert(*p == ',' || *p == '\0');
		if (*p)
			p++;
	}
}

static void from_inf(const struct deployment *d, struct strlist *out)
{
	char *inf = export_inf(d), *dn;
	const char *line = strstr(inf, "\r\nSubject = ");

	ck_assert_ptr_nonnull(line);
	line += strlen("\r\nSubject = ");
	dn = inf_unquote(line, strcspn(line, "\r"));
	x500_parse(dn, out);
	free(dn);
	free(inf);
}

static const struct wfield *wizard_field(const char *page, const char *id)
{
	for (size_t i = 0; i < certwizard.npages; i++)
		for (size_t j = 0; j < certwizard.pages[i].nfields; j++)
			if (strcmp(certwizard.pages[i].id, page) == 0 &&
			    strcmp(certwizard.pages[i].fields[j].id, id) == 0)
				return &certwizard.pages[i].fields[j];
	ck_abort_msg("no field %s on %s", id, page);
	return NULL;
}

/* "NAME=value" lines from text, from the line after head to an empty one. */
static void lines_after(const char *text, const char *head, struct strlist *out)
{
	const char *p = head ? strstr(text, head) : text;

	ck_assert_ptr_nonnull(p);
	p += head ? strlen(head) : 0;
	while (*p && *p != '\n') {
		size_t n = strcspn(p, "\n"), eq = strcspn(p, "=");

		ck_assert(eq < n);
		strlist_push_owned(out, xstrndup(p, n));
		p += n + (p[n] == '\n');
	}
}

static void from_wizard(struct deployment *d, const char *page, const char *field,
			const char *head, struct strlist *out)
{
	struct wctx c = {.d = d, .path = "contoso.yaml", .base_dir = "."};
	char *text;

	certwizard.begin(&c);
	text = wizard_field(page, field)->text(&c);
	lines_after(text, head, out);
	free(text);
	certwizard.end(&c);
}

/* PowerShell's single-quoted string: any of its quote characters doubled
 * is one. */
static size_t ps_quote_len(const char *p)
{
	static const char *const quotes[] = {"'", "\xE2\x80\x98", "\xE2\x80\x99",
					     "\xE2\x80\x9A", "\xE2\x80\x9B"};

	for (size_t i = 0; i < sizeof quotes / sizeof *quotes; i++)
		if (strncmp(p, quotes[i], strlen(quotes[i])) == 0)
			return strlen(quotes[i]);
	return 0;
}

static char *ps_unquote(const char *s)
{
	size_t q = ps_quote_len(s), n = strlen(s);
	char *out = xmalloc(n + 1), *o = out;
	const char *p = s + q;

	ck_assert_uint_gt(q, 0);
	while (*p) {
		size_t k = ps_quote_len(p);

		if (k && ps_quote_len(p + k)) {
			memcpy(o, p, k);
			o += k;
			p += k + ps_quote_len(p + k);
		} else if (k) {
			ck_assert_msg(p[k] == '\0', "text after the closing quote: %s", s);
			break;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

static void from_edge_script(const struct deployment *d, struct strlist *out)
{
	static const char *const params[][2] = {
		{"Organization", "O"}, {"OU", "OU"}, {"City", "L"}, {"State", "ST"}, {"Country", "C"},
	};
	char *ps1 = export_edge_ps1(d);
	const char *p = strstr(ps1, "$request = @{\r\n");

	ck_assert_ptr_nonnull(p);
	for (p = strchr(p, '\n') + 1; strncmp(p, "}", 1) != 0; p = strchr(p, '\n') + 1) {
		size_t n = strcspn(p, "\r");
		char *line = xstrndup(p, n), *eq = strstr(line, " = ");

		for (size_t i = 0; eq && i < sizeof params / sizeof *params; i++) {
			*eq = '\0';
			if (strcmp(line + 4, params[i][0]) == 0) {
				char *v = ps_unquote(eq + 3);

				push(out, params[i][1], v, strlen(v));
				free(v);
			}
			*eq = ' ';
		}
		free(line);
	}
	free(ps1);
}

static void assert_same(const struct strlist *want, const struct strlist *got, const char *what)
{
	ck_assert_msg(want->n == got->n, "%s: %zu attributes where %zu are expected", what,
		      got->n, want->n);
	for (size_t i = 0; i < want->n; i++)
		ck_assert_msg(strcmp(want->v[i], got->v[i]) == 0, "%s, attribute %zu: %s, not %s",
			      what, i, got->v[i], want->v[i]);
}

START_TEST(t_four_agree)
{
	struct deployment *d = cases[_i]();
	struct strlist req = {0}, inf = {0}, summary = {0}, page = {0}, ps = {0}, model = {0};
	struct subject_attr a[SUBJECT_MAX];
	size_t n = subject_attrs(d, a);

	for (size_t i = 0; i < n; i++)
		push(&model, a[i].name, a[i].value, strlen(a[i].value));
	from_request(d, &req);
	from_inf(d, &inf);
	from_wizard(d, "summary", "summary", "\n\nSubject:\n", &summary);
	from_wizard(d, "subject", "subject", NULL, &page);
	from_edge_script(d, &ps);
	assert_same(&model, &req, "the request");
	assert_same(&req, &inf, "the INF");
	assert_same(&req, &summary, "the summary");
	assert_same(&req, &page, "the subject page");
	/* Request-CsCertificate takes the CN from the topology. */
	ck_assert_str_eq(req.v[0], "CN=sip.contoso.com");
	strlist_remove(&req, 0);
	assert_same(&req, &ps, "the Edge's script");
	strlist_free(&model);
	strlist_free(&req);
	strlist_free(&inf);
	strlist_free(&summary);
	strlist_free(&page);
	strlist_free(&ps);
	deployment_free(d);
}
END_TEST

/* The order and the names: CN first, empty ones left out; values are the
 * deployment's own strings. */
START_TEST(t_attrs)
{
	struct deployment *d = hostile();
	struct subject_attr a[SUBJECT_MAX];
	static const char *const names[] = {"CN", "O", "OU", "L", "ST", "C"};

	ck_assert_uint_eq(subject_attrs(d, a), 6);
	for (size_t i = 0; i < 6; i++) {
		ck_assert_str_eq(a[i].name, names[i]);
		ck_assert_int_eq(a[i].field, (int)i);
	}
	ck_assert_ptr_eq(a[1].value, d->cert.organization);
	ck_assert_str_eq(a[2].key, "certificate.organizational_unit");
	xstrset(&d->topo.access_edge_fqdn, "");
	xstrset(&d->cert.organizational_unit, NULL);
	ck_assert_uint_eq(subject_attrs(d, a), 4);
	ck_assert_str_eq(a[0].name, "O");
	ck_assert_str_eq(a[1].name, "L");
	deployment_free(d);
}
END_TEST

static Suite *subject_suite(void)
{
	Suite *s = suite_create("subject");
	TCase *tc = tcase_create("spellings");

	tcase_add_checked_fixture(tc, key_setup, key_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, t_four_agree, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, t_attrs);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(subject_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
