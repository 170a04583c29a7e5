/* SPDX-License-Identifier: ISC */
/* Run Again: the key in use, new dated names, and what changed since the
 * request was made. */
#include "config.h"

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "certreq.h"
#include "csr.h"
#include "deployment.h"
#include "san.h"
#include "wizards/certwizard.h"
#include "xalloc.h"

/* 2026-11-26T10:00:00Z */
#define DAY 1795687200

static char dir[64];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void setup(void)
{
	strcpy(dir, "/tmp/xmppgw-certreq.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void touch(const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs("x\n", f);
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
	xstrset(&d->cert.organization, "Contoso, Ltd");
	xstrset(&d->cert.country, "BR");
	xstrset(&d->cert.state, "São Paulo");
	xstrset(&d->cert.city, "São Paulo");
	strlist_push(&d->cert.sip_domain_sans, "contoso.com");
	strlist_push(&d->cert.sip_domain_sans, "fabrikam.com");
	return d;
}

START_TEST(t_subject_rfc2253)
{
	struct deployment *d = contoso();
	char *s = certreq_subject(d);

	/* The last RDN first; the comma escaped; UTF-8 as it is. */
	ck_assert_str_eq(s, "C=BR,ST=São Paulo,L=São Paulo,O=Contoso\\, Ltd,CN=sip.contoso.com");
	free(s);
	xstrset(&d->topo.access_edge_fqdn, "");
	ck_assert_ptr_null(certreq_subject(d));
	deployment_free(d);
}
END_TEST

START_TEST(t_changed_since_request)
{
	struct deployment *d = contoso();
	struct cert_record *g = &d->cert.generated;

	ck_assert(!certreq_changed_since_request(d)); /* nothing recorded */
	certreq_record_names(d, g);
	ck_assert_str_eq(g->subject, "C=BR,ST=São Paulo,L=São Paulo,O=Contoso\\, Ltd,"
				     "CN=sip.contoso.com");
	ck_assert_uint_eq(g->sans.n, 4);
	ck_assert_str_eq(g->sans.v[0], "sip.contoso.com");
	ck_assert_str_eq(g->sans.v[2], "sip.fabrikam.com");
	ck_assert(!certreq_changed_since_request(d));

	strlist_push(&d->cert.additional_sans, "chat.contoso.com");
	ck_assert(certreq_changed_since_request(d));
	strlist_remove(&d->cert.additional_sans, 0);
	ck_assert(!certreq_changed_since_request(d));

	strlist_remove(&d->cert.sip_domain_sans, 1); /* sip.fabrikam.com goes */
	ck_assert(certreq_changed_since_request(d));
	strlist_push(&d->cert.sip_domain_sans, "fabrikam.com");
	ck_assert(!certreq_changed_since_request(d));

	/* The same names in another order and case: the same certificate. */
	strlist_free(&g->sans);
	strlist_push(&g->sans, "CONTOSO.COM");
	strlist_push(&g->sans, "sip.fabrikam.com");
	strlist_push(&g->sans, "webcon.contoso.com");
	strlist_push(&g->sans, "sip.contoso.com");
	ck_assert(!certreq_changed_since_request(d));

	xstrset(&d->cert.organization, "Contoso Ltd");
	ck_assert(certreq_changed_since_request(d));
	deployment_free(d);
}
END_TEST

START_TEST(t_key_in_use)
{
	struct deployment *d = contoso();

	ck_assert(!certreq_key_in_use(d));
	xstrset(&d->cert.generated.key_file, "edge-external.key");
	ck_assert(certreq_key_in_use(d));
	xstrset(&d->cert.generated.key_file, NULL);
	xstrset(&d->cert.issued.thumbprint, "3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B");
	ck_assert(certreq_key_in_use(d));
	deployment_free(d);
}
END_TEST

static void fresh(const struct deployment *d, const char *want_req, const char *want_key)
{
	char *req = NULL, *key = NULL, *err = NULL;

	ck_assert_int_eq(certreq_fresh_names(d, dir, DAY, &req, &key, &err), 0);
	ck_assert_str_eq(req, want_req);
	ck_assert_str_eq(key, want_key);
	free(req);
	free(key);
}

START_TEST(t_fresh_names)
{
	struct deployment *d = contoso();
	char *link;

	fresh(d, "edge-external-20261126.csr", "edge-external-20261126.key");
	touch("edge-external-20261126.key");
	fresh(d, "edge-external-20261126-2.csr", "edge-external-20261126-2.key");
	/* Either name taken moves both on; a dangling link is taken too. */
	touch("edge-external-20261126-2.csr");
	link = xasprintf("%s/edge-external-20261126-3.key", dir);
	ck_assert_int_eq(symlink("/nonexistent/target", link), 0);
	fresh(d, "edge-external-20261126-4.csr", "edge-external-20261126-4.key");
	/* A date already in the name is replaced, not added to. */
	xstrset(&d->cert.request_file, "edge-external-20261126-4.csr");
	xstrset(&d->cert.key_file, "edge-external-20251101.key");
	fresh(d, "edge-external-20261126-4.csr", "edge-external-20261126-4.key");
	xstrset(&d->cert.request_file, "req");
	xstrset(&d->cert.key_file, ".hidden");
	fresh(d, "req-20261126", ".hidden-20261126");
	xstrset(&d->cert.key_file, "/abs/dir.d/k-2.pem");
	fresh(d, "req-20261126", "/abs/dir.d/k-2-20261126.pem");
	free(link);
	deployment_free(d);
}
END_TEST

static char *slurp(const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	char *buf = xcalloc(1, 65536);

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_lt(fread(buf, 1, 65535, f), 65535);
	fclose(f);
	free(path);
	return buf;
}

/* csr_run with a key in use writes beside it and records the new names. */
START_TEST(t_run_keeps_key_in_use)
{
	struct deployment *d = contoso();
	struct csr_options o = {.base_dir = dir};
	char *err = NULL, *before, *after, *day;
	time_t now = time(NULL);
	struct tm tm;
	char buf[16];

	touch("edge-external.key");
	touch("edge-external.csr");
	xstrset(&d->cert.generated.key_file, "edge-external.key");
	xstrset(&d->cert.generated.request_file, "edge-external.csr");
	before = slurp("edge-external.key");
	ck_assert_int_eq(csr_run(d, &o, &err), 0);
	ck_assert_ptr_nonnull(gmtime_r(&now, &tm));
	ck_assert_uint_gt(strftime(buf, sizeof buf, "%Y%m%d", &tm), 0);
	day = xasprintf("edge-external-%s.key", buf);
	/* A run across midnight takes the next day: compare the stems. */
	ck_assert_int_eq(strncmp(d->cert.generated.key_file, "edge-external-", 14), 0);
	ck_assert_uint_eq(strlen(d->cert.generated.key_file), strlen(day));
	ck_assert_str_eq(d->cert.key_file, d->cert.generated.key_file);
	ck_assert_ptr_nonnull(strstr(d->cert.generated.request_file, ".csr"));
	ck_assert_str_eq(d->cert.request_file, d->cert.generated.request_file);
	after = slurp("edge-external.key");
	ck_assert_str_eq(before, after);
	ck_assert_ptr_nonnull(d->cert.generated.subject);
	ck_assert(!certreq_changed_since_request(d));
	free(after);
	free(day);
	free(before);
	deployment_free(d);
}
END_TEST

/* The screen, as far as Executing Commands needs one: it must never be
 * asked whether to overwrite a key. */
static int confirms;

static bool ui_confirm(void *arg, const char *title, const char *question)
{
	(void)arg, (void)title, (void)question;
	confirms++;
	return true;
}

static bool ui_progress(void *arg, const char *text)
{
	(void)arg, (void)text;
	return true;
}

static int ui_commit(void *arg, char **err)
{
	(void)arg, (void)err;
	return 0;
}

static const struct wui ui = {.confirm = ui_confirm, .progress = ui_progress,
			      .commit = ui_commit};

/* The wizard's Run Again: the key in use reused on request, else a new
 * dated one beside it; never a question about overwriting. */
START_TEST(t_wizard_run_again)
{
	struct wctx c = {.d = contoso(), .base_dir = dir, .ui = &ui};
	char *path = xasprintf("%s/d.yaml", dir), *before, *after;

	c.path = path;
	certwizard.begin(&c);
	ck_assert_int_eq(certrun_run(&c), 0);
	ck_assert_str_eq(c.d->cert.generated.key_file, "edge-external.key");
	before = slurp("edge-external.key");
	certrun_set_reuse(&c, true);
	ck_assert_int_eq(certrun_run(&c), 0);
	ck_assert_str_eq(c.d->cert.generated.key_file, "edge-external.key");
	ck_assert_str_eq(c.d->cert.generated.request_file, "edge-external.csr");
	certrun_set_reuse(&c, false);
	ck_assert_int_eq(certrun_run(&c), 0);
	ck_assert_int_eq(strncmp(c.d->cert.generated.key_file, "edge-external-", 14), 0);
	after = slurp("edge-external.key");
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(confirms, 0);
	free(after);
	free(before);
	certwizard.end(&c);
	deployment_free(c.d);
	free(path);
}
END_TEST

static Suite *certreq_suite(void)
{
	Suite *s = suite_create("certreq");
	TCase *tc = tcase_create("certreq");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, t_subject_rfc2253);
	tcase_add_test(tc, t_changed_since_request);
	tcase_add_test(tc, t_key_in_use);
	tcase_add_test(tc, t_fresh_names);
	tcase_add_test(tc, t_run_keeps_key_in_use);
	tcase_add_test(tc, t_wizard_run_again);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(certreq_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
