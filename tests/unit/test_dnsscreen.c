/* SPDX-License-Identifier: ISC */
/* The DNS records screen without curses: the records it lists, the words of
 * the live check's rows and summary, and the options read from its fields. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "wizards/dns.h"
#include "xalloc.h"

static struct deployment *contoso(void)
{
	struct deployment *d = deployment_new();

	strlist_push(&d->topo.sip_domains, "contoso.com");
	strlist_push(&d->topo.sip_domains, "fabrikam.com");
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	d->dns.ttl = 3600;
	d->dns.priority = 10;
	d->dns.weight = 20;
	return d;
}

START_TEST(test_plan_contoso)
{
	struct deployment *d = contoso();
	struct wdns_plan p = {0};

	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_uint_eq(p.notes.n, 0);
	ck_assert_int_eq(p.v[0].kind, WDNS_SRV);
	ck_assert_str_eq(p.v[0].name, "_xmpp-server._tcp.contoso.com");
	ck_assert_str_eq(p.v[0].target, "sip.contoso.com");
	ck_assert_int_eq(p.v[0].port, 5269);
	ck_assert_int_eq(p.v[0].ttl, 3600);
	ck_assert_int_eq(p.v[0].priority, 10);
	ck_assert_int_eq(p.v[0].weight, 20);
	ck_assert_str_eq(p.v[1].name, "_xmpp-server._tcp.fabrikam.com");
	ck_assert_str_eq(p.v[1].target, "sip.contoso.com");
	ck_assert_int_eq(p.v[2].kind, WDNS_ADDRESS);
	ck_assert_str_eq(p.v[2].name, "sip.contoso.com");
	ck_assert_ptr_null(p.v[2].target);
	wdns_plan_free(&p);
	deployment_free(d);
}
END_TEST

/* lync-facts.md section 6: with the XMPP proxy and XMPP domains, the
 * records are the XMPP domains' (a child domain included), not every SIP
 * domain's; without the proxy, every SIP domain's. */
START_TEST(test_plan_xmpp_domains)
{
	struct deployment *d = contoso();
	struct wdns_plan p = {0};
	char *text;

	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	strlist_push(&d->topo.xmpp_domains, "corp.contoso.com");
	strlist_push(&d->topo.xmpp_domains, "CORP.contoso.com.");
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_uint_eq(p.notes.n, 0);
	ck_assert_str_eq(p.v[0].name, "_xmpp-server._tcp.contoso.com");
	ck_assert_str_eq(p.v[1].name, "_xmpp-server._tcp.corp.contoso.com");
	ck_assert_int_eq(p.v[2].kind, WDNS_ADDRESS);
	wdns_plan_free(&p);
	text = wdns_plan_text(d);
	ck_assert_ptr_null(strstr(text, "fabrikam"));
	ck_assert_ptr_nonnull(strstr(text, "\nOne per XMPP domain; each is also on the Edge "
					   "certificate."));
	free(text);
	d->topo.xmpp_proxy = false;
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_str_eq(p.v[0].name, "_xmpp-server._tcp.contoso.com");
	ck_assert_str_eq(p.v[1].name, "_xmpp-server._tcp.fabrikam.com");
	wdns_plan_free(&p);
	text = wdns_plan_text(d);
	ck_assert_ptr_nonnull(strstr(text, "\nOne per SIP domain (no XMPP proxy); each is also "
					   "on the Edge certificate."));
	free(text);
	/* XMPP domains with no SIP domain: still records, and no note. */
	d->topo.xmpp_proxy = true;
	strlist_clear(&d->topo.sip_domains);
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_uint_eq(p.notes.n, 0);
	wdns_plan_free(&p);
	deployment_free(d);
}
END_TEST

START_TEST(test_plan_srv_target)
{
	struct deployment *d = contoso();
	struct wdns_plan p = {0};
	char *text;

	xstrset(&d->dns.srv_target, "xmpp.contoso.com.");
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_str_eq(p.v[0].target, "xmpp.contoso.com");
	ck_assert_str_eq(p.v[2].name, "xmpp.contoso.com");
	wdns_plan_free(&p);
	text = wdns_plan_text(d);
	ck_assert_ptr_nonnull(strstr(text, "xmpp.contoso.com is the SRV target instead of the "
					   "Access Edge FQDN sip.contoso.com"));
	free(text);
	deployment_free(d);
}
END_TEST

/* Domains differing in case or a trailing dot are one record; a name that
 * is not a DNS name would make a broken record and is named instead. */
START_TEST(test_plan_duplicates_and_bad_names)
{
	struct deployment *d = contoso();
	struct wdns_plan p = {0};

	strlist_push(&d->topo.sip_domains, "Contoso.COM.");
	strlist_push(&d->topo.sip_domains, "bad domain");
	strlist_push(&d->topo.sip_domains, "*.wild.com");
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_uint_eq(p.notes.n, 1);
	ck_assert_str_eq(p.notes.v[0], "Left out, not DNS names: bad domain, *.wild.com.");
	wdns_plan_free(&p);
	deployment_free(d);
}
END_TEST

START_TEST(test_plan_missing)
{
	struct deployment *d = contoso();
	struct wdns_plan p = {0};

	xstrset(&d->topo.access_edge_fqdn, NULL);
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_uint_eq(p.notes.n, 1);
	ck_assert_ptr_nonnull(strstr(p.notes.v[0], "fill in the Access Edge FQDN"));
	wdns_plan_free(&p);

	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	strlist_clear(&d->topo.sip_domains);
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_uint_eq(p.notes.n, 1);
	ck_assert_ptr_nonnull(strstr(p.notes.v[0], "fill in the SIP domains"));
	wdns_plan_free(&p);

	xstrset(&d->topo.access_edge_fqdn, "not a name");
	wdns_plan(d, &p);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_uint_eq(p.notes.n, 2);
	ck_assert_ptr_nonnull(strstr(p.notes.v[0], "not a valid DNS name"));
	wdns_plan_free(&p);
	deployment_free(d);
}
END_TEST

START_TEST(test_record_text)
{
	struct deployment *d = contoso();
	struct wdns_plan p = {0};
	char *s;

	wdns_plan(d, &p);
	s = wdns_record_text(&p.v[0]);
	ck_assert_str_eq(s, "SRV     _xmpp-server._tcp.contoso.com  10 20 5269 sip.contoso.com");
	free(s);
	s = wdns_record_text(&p.v[2]);
	ck_assert_str_eq(s, "A/AAAA  sip.contoso.com  <the Access Edge's external IP>");
	free(s);
	wdns_plan_free(&p);
	/* On the screen the SRV names are padded to line up. */
	strlist_push(&d->topo.sip_domains, "eu.fabrikam.com");
	s = wdns_plan_text(d);
	ck_assert_str_eq(s, "SRV     _xmpp-server._tcp.contoso.com      10 20 5269 sip.contoso.com\n"
			    "SRV     _xmpp-server._tcp.fabrikam.com     10 20 5269 sip.contoso.com\n"
			    "SRV     _xmpp-server._tcp.eu.fabrikam.com  10 20 5269 sip.contoso.com\n"
			    "A/AAAA  sip.contoso.com  <the Access Edge's external IP>\n"
			    "TTL 3600 seconds on each; SRV values: priority weight port target.\n"
			    "One per SIP domain (no XMPP domain set); each is also on the "
			    "certificate.");
	free(s);
	deployment_free(d);
}
END_TEST

START_TEST(test_verdict_labels)
{
	ck_assert_str_eq(wdns_verdict_label(DNSV_OK), "OK");
	ck_assert_str_eq(wdns_verdict_label(DNSV_WRONG_PORT), "wrong port");
	ck_assert_str_eq(wdns_verdict_label(DNSV_NORECORD), "no record");
	ck_assert_str_eq(wdns_verdict_label(DNSV_NXDOMAIN), "no such domain");
	ck_assert_str_eq(wdns_verdict_label((enum dns_verdict)99), "?");
	for (int a = DNSV_PENDING; a <= DNSV_ERROR; a++)
		for (int b = a + 1; b <= DNSV_ERROR; b++)
			ck_assert_str_ne(wdns_verdict_label(a), wdns_verdict_label(b));
}
END_TEST

START_TEST(test_summary)
{
	struct wdns_tally t = {0};
	char *s;

	s = wdns_summary(&t);
	ck_assert_str_eq(s, "0 OK, 0 problems, 0 pending");
	free(s);
	wdns_tally_add(&t, DNSV_OK, false);
	wdns_tally_add(&t, DNSV_OK, false);
	wdns_tally_add(&t, DNSV_WRONG_PORT, false);
	wdns_tally_add(&t, DNSV_PENDING, false);
	s = wdns_summary(&t);
	ck_assert_str_eq(s, "2 OK, 1 problem, 1 pending");
	free(s);
	/* Cancelled rows hold DNSV_ERROR, yet are no problem of the records. */
	wdns_tally_add(&t, DNSV_ERROR, true);
	wdns_tally_add(&t, DNSV_ERROR, true);
	s = wdns_summary(&t);
	ck_assert_str_eq(s, "2 OK, 1 problem, 1 pending, 2 cancelled");
	free(s);
}
END_TEST

START_TEST(test_options)
{
	struct wdns_state s = {0};
	struct dnscheck_options o;
	char *err = NULL;

	ck_assert_int_eq(wdns_options(&s, &o, &err), 0);
	ck_assert_ptr_null(o.server);
	ck_assert_int_eq(o.timeout_ms, WDNS_DEFAULT_TIMEOUT_MS);
	ck_assert(o.own && o.partners);

	s.server = xstrdup("127.0.0.1:5353");
	s.timeout = xstrdup(" 250 ");
	ck_assert_int_eq(wdns_options(&s, &o, &err), 0);
	ck_assert_str_eq(o.server, "127.0.0.1:5353");
	ck_assert_int_eq(o.timeout_ms, 250);

	xstrset(&s.server, "");
	xstrset(&s.timeout, "");
	ck_assert_int_eq(wdns_options(&s, &o, &err), 0);
	ck_assert_ptr_null(o.server);
	ck_assert_int_eq(o.timeout_ms, WDNS_DEFAULT_TIMEOUT_MS);

	static const char *const bad[] = {"10s", "0", "-5", "600001", "99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		xstrset(&s.timeout, bad[i]);
		ck_assert_int_eq(wdns_options(&s, &o, &err), -1);
		ck_assert_ptr_nonnull(strstr(err, bad[i]));
		free(err);
		err = NULL;
	}
	free(s.server);
	free(s.timeout);
}
END_TEST

static struct dns_result result(const char *domain, const char *detail)
{
	struct dns_result r = {.subject = DNS_OWN, .verdict = DNSV_WRONG_PORT};

	r.domain = xstrdup(domain);
	r.query = xasprintf("_xmpp-server._tcp.%s", domain);
	r.detail = xstrdup0(detail);
	return r;
}

static void result_free(struct dns_result *r)
{
	free(r->domain);
	free(r->query);
	free(r->detail);
	strlist_free(&r->records);
	strlist_free(&r->addresses);
}

/* The row names the domain: the query name at the head of the detail is
 * dropped, anything else is kept. */
START_TEST(test_detail_short)
{
	struct dns_result r = result("a.test", "_xmpp-server._tcp.a.test SRV: no such domain");

	ck_assert_str_eq(wdns_detail_short(&r), "SRV: no such domain");
	xstrset(&r.detail, "_XMPP-server._tcp.A.test SRV 0 0 5270 x.a.test");
	ck_assert_str_eq(wdns_detail_short(&r), "SRV 0 0 5270 x.a.test");
	xstrset(&r.detail, "_xmpp-server._tcp.a.testing SRV");
	ck_assert_str_eq(wdns_detail_short(&r), "_xmpp-server._tcp.a.testing SRV");
	xstrset(&r.detail, "cancelled");
	ck_assert_str_eq(wdns_detail_short(&r), "cancelled");
	xstrset(&r.detail, NULL);
	ck_assert_str_eq(wdns_detail_short(&r), "_xmpp-server._tcp.a.test");
	result_free(&r);
}
END_TEST

START_TEST(test_result_text)
{
	struct dns_result r = result("a.test", "_xmpp-server._tcp.a.test SRV 0 0 5270 x.a.test");
	char *s;

	strlist_push(&r.records, "0 0 5270 x.a.test");
	strlist_push(&r.addresses, "192.0.2.1");
	s = wdns_result_text(&r, false);
	ck_assert_str_eq(s, "Own domain: a.test\n"
			    "Query: _xmpp-server._tcp.a.test SRV\n"
			    "Verdict: wrong port\n"
			    "Found: _xmpp-server._tcp.a.test SRV 0 0 5270 x.a.test\n"
			    "SRV records (priority weight port target):\n"
			    "  0 0 5270 x.a.test\n"
			    "Addresses of the targets:\n"
			    "  192.0.2.1");
	free(s);
	r.subject = DNS_PARTNER;
	s = wdns_result_text(&r, true);
	ck_assert_ptr_nonnull(strstr(s, "Partner domain: a.test\n"));
	ck_assert_ptr_nonnull(strstr(s, "Verdict: cancelled\n"));
	free(s);
	result_free(&r);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dnsscreen");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_plan_contoso);
	tcase_add_test(tc, test_plan_xmpp_domains);
	tcase_add_test(tc, test_plan_srv_target);
	tcase_add_test(tc, test_plan_duplicates_and_bad_names);
	tcase_add_test(tc, test_plan_missing);
	tcase_add_test(tc, test_record_text);
	tcase_add_test(tc, test_verdict_labels);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_options);
	tcase_add_test(tc, test_detail_short);
	tcase_add_test(tc, test_result_text);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
