/* SPDX-License-Identifier: ISC */
/* SAN derivation: order, case, duplicates, the XMPP proxy switch; the
 * domains given an SRV record, and that each of them is a SAN. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "san.h"
#include "xalloc.h"

static struct deployment *contoso(void)
{
	struct deployment *d = deployment_new();

	strlist_push(&d->topo.sip_domains, "contoso.com");
	strlist_push(&d->topo.sip_domains, "fabrikam.com");
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	xstrset(&d->topo.webconf_edge_fqdn, "webcon.contoso.com");
	xstrset(&d->topo.av_edge_fqdn, "av.contoso.com");
	d->topo.xmpp_proxy = true;
	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	strlist_push(&d->cert.sip_domain_sans, "contoso.com");
	strlist_push(&d->cert.sip_domain_sans, "fabrikam.com");
	return d;
}

static char *sans_of(const struct deployment *d)
{
	struct strlist l = {0};
	char *s;

	san_derive(d, &l);
	s = strlist_join(&l, " ");
	strlist_free(&l);
	return s;
}

#define ck_sans(d, want)                                                                   \
	do {                                                                               \
		char *got_ = sans_of(d);                                                   \
		ck_assert_str_eq(got_, want);                                              \
		free(got_);                                                                \
	} while (0)

START_TEST(t_order)
{
	struct deployment *d = contoso();

	/* CN first; the A/V Edge is not a SAN. */
	ck_sans(d, "sip.contoso.com webcon.contoso.com sip.fabrikam.com contoso.com");
	strlist_push(&d->cert.additional_sans, "xmpp.contoso.com");
	ck_sans(d, "sip.contoso.com webcon.contoso.com sip.fabrikam.com contoso.com "
		   "xmpp.contoso.com");
	deployment_free(d);
}
END_TEST

START_TEST(t_lower_and_dedup)
{
	struct deployment *d = contoso();

	xstrset(&d->topo.access_edge_fqdn, "SIP.Contoso.COM");
	strlist_clear(&d->cert.sip_domain_sans);
	strlist_push(&d->cert.sip_domain_sans, "Contoso.com");
	strlist_push(&d->cert.sip_domain_sans, "Fabrikam.COM");
	/* contoso.com is already an XMPP domain, webcon is the Web
	 * Conferencing Edge; only the first of each stays. */
	strlist_push(&d->cert.additional_sans, "CONTOSO.COM");
	strlist_push(&d->cert.additional_sans, "webcon.contoso.com");
	strlist_push(&d->cert.additional_sans, "chat.contoso.com");
	strlist_push(&d->cert.additional_sans, "Chat.Contoso.com");
	ck_sans(d, "sip.contoso.com webcon.contoso.com sip.fabrikam.com contoso.com "
		   "chat.contoso.com");
	deployment_free(d);
}
END_TEST

START_TEST(t_proxy_off)
{
	struct deployment *d = contoso();

	strlist_push(&d->topo.xmpp_domains, "corp.contoso.com");
	d->topo.xmpp_proxy = false;
	/* Without the proxy every SIP domain has an SRV record, so each is
	 * a name of the certificate (lync-facts.md section 6). */
	ck_sans(d, "sip.contoso.com webcon.contoso.com sip.fabrikam.com contoso.com "
		   "fabrikam.com");
	d->topo.xmpp_proxy = true;
	ck_sans(d, "sip.contoso.com webcon.contoso.com sip.fabrikam.com contoso.com "
		   "corp.contoso.com");
	deployment_free(d);
}
END_TEST

START_TEST(t_empty_fields)
{
	struct deployment *d = contoso();
	struct strlist l = {0};

	xstrset(&d->topo.webconf_edge_fqdn, "");
	strlist_clear(&d->cert.sip_domain_sans);
	ck_sans(d, "sip.contoso.com contoso.com");
	xstrset(&d->topo.access_edge_fqdn, NULL);
	xstrset(&d->topo.webconf_edge_fqdn, NULL);
	strlist_push(&d->cert.additional_sans, "");
	ck_sans(d, "contoso.com");
	deployment_free(d);
	/* Nothing known: nothing derived, and the list is cleared first. */
	d = deployment_new();
	strlist_push(&l, "stale.example.com");
	san_derive(d, &l);
	ck_assert_uint_eq(l.n, 0);
	strlist_free(&l);
	deployment_free(d);
}
END_TEST

static char *srv_of(const struct deployment *d)
{
	struct strlist l = {0};
	char *s;

	san_srv_domains(d, &l);
	s = strlist_join(&l, " ");
	ck_assert_uint_eq(san_srv_domain_count(d), l.n);
	strlist_free(&l);
	return s;
}

/* Every SRV domain is among the derived SANs: a partner checks the
 * certificate against the domain it dialled. */
static void ck_srv_are_sans(const struct deployment *d)
{
	struct strlist srv = {0}, sans = {0};

	san_srv_domains(d, &srv);
	san_derive(d, &sans);
	for (size_t i = 0; i < srv.n; i++)
		ck_assert_msg(strlist_find_ci(&sans, srv.v[i]) >= 0, "%s is not a SAN", srv.v[i]);
	strlist_free(&sans);
	strlist_free(&srv);
}

#define ck_srv(d, want)                                                                    \
	do {                                                                               \
		char *got_ = srv_of(d);                                                    \
		ck_assert_str_eq(got_, want);                                              \
		free(got_);                                                                \
		ck_srv_are_sans(d);                                                        \
	} while (0)

/* lync-facts.md section 6: the XMPP domains when the proxy is installed
 * and the list is set, else one record per SIP domain. */
START_TEST(t_srv_proxy_and_list)
{
	struct deployment *d = contoso();

	ck_srv(d, "contoso.com");
	ck_assert(san_srv_from_xmpp(d));
	d->topo.xmpp_proxy = false;
	ck_srv(d, "contoso.com fabrikam.com");
	ck_assert(!san_srv_from_xmpp(d));
	d->topo.xmpp_proxy = true;
	strlist_clear(&d->topo.xmpp_domains);
	ck_srv(d, "contoso.com fabrikam.com");
	ck_assert(!san_srv_from_xmpp(d));
	/* An empty entry is no XMPP domain. */
	strlist_push(&d->topo.xmpp_domains, "");
	ck_srv(d, "contoso.com fabrikam.com");
	deployment_free(d);
}
END_TEST

/* Section 3: the XMPP domains may be child domains (corp.contoso.com),
 * and a child domain is its own record, not its parent's. */
START_TEST(t_srv_child_domains)
{
	struct deployment *d = contoso();

	strlist_clear(&d->topo.xmpp_domains);
	strlist_push(&d->topo.xmpp_domains, "corp.contoso.com");
	ck_srv(d, "corp.contoso.com");
	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	strlist_push(&d->topo.xmpp_domains, "eu.fabrikam.com");
	ck_srv(d, "corp.contoso.com contoso.com eu.fabrikam.com");
	ck_sans(d, "sip.contoso.com webcon.contoso.com sip.fabrikam.com corp.contoso.com "
		   "contoso.com eu.fabrikam.com");
	deployment_free(d);
}
END_TEST

/* Section 3: names compare without case, and a trailing dot names the
 * same domain; the first spelling stays. */
START_TEST(t_srv_duplicates)
{
	struct deployment *d = contoso();

	strlist_clear(&d->topo.xmpp_domains);
	strlist_push(&d->topo.xmpp_domains, "Contoso.com");
	strlist_push(&d->topo.xmpp_domains, "CONTOSO.COM.");
	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	ck_srv(d, "Contoso.com");
	d->topo.xmpp_proxy = false;
	strlist_push(&d->topo.sip_domains, "Fabrikam.COM");
	strlist_push(&d->topo.sip_domains, "fabrikam.com.");
	ck_srv(d, "contoso.com fabrikam.com");
	deployment_free(d);
}
END_TEST

START_TEST(t_srv_nothing)
{
	struct deployment *d = deployment_new();
	struct strlist l = {0};

	strlist_push(&l, "stale.example.com");
	san_srv_domains(d, &l);
	ck_assert_uint_eq(l.n, 0);
	strlist_free(&l);
	/* XMPP domains alone still get their records. */
	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	ck_srv(d, "contoso.com");
	deployment_free(d);
}
END_TEST

/* `check` on d: every message as "SEV FIELD: MSG", one a line. */
static char *findings(const struct deployment *d)
{
	struct diags dg = {0};
	struct strlist l = {0};
	char *s;

	deployment_validate(d, NULL, &dg);
	for (size_t i = 0; i < dg.n; i++)
		strlist_pushf(&l, "%s %s: %s", dg.v[i].sev == DIAG_ERROR ? "error" : "warning",
			      dg.v[i].field, dg.v[i].msg);
	diags_free(&dg);
	s = strlist_join(&l, "\n");
	strlist_free(&l);
	return s;
}

#define ck_findings(d, want)                                                               \
	do {                                                                               \
		char *got_ = findings(d);                                                  \
		ck_assert_str_eq(got_, want);                                              \
		free(got_);                                                                \
	} while (0)

static void fill_subject(struct deployment *d)
{
	xstrset(&d->cert.organization, "Contoso Ltd");
	xstrset(&d->cert.country, "US");
	xstrset(&d->cert.state, "Washington");
	xstrset(&d->cert.city, "Redmond");
}

/* XMPP domains that are SIP domains or their children (lync-facts.md
 * section 3), in any case, with or without the trailing dot: nothing. */
START_TEST(t_check_agreeing)
{
	struct deployment *d = contoso();

	fill_subject(d);
	ck_findings(d, "");
	strlist_push(&d->topo.xmpp_domains, "corp.contoso.com");
	strlist_push(&d->topo.xmpp_domains, "Eu.Fabrikam.COM.");
	ck_findings(d, "");
	d->topo.xmpp_proxy = false;
	strlist_clear(&d->topo.xmpp_domains);
	strlist_push(&d->topo.xmpp_domains, "FABRIKAM.com");
	ck_findings(d, "");
	deployment_free(d);
}
END_TEST

START_TEST(t_check_outside_sip)
{
	struct deployment *d = contoso();

	fill_subject(d);
	strlist_push(&d->topo.xmpp_domains, "chat.example.org");
	/* It ends like contoso.com, but is no child of it. */
	strlist_push(&d->topo.xmpp_domains, "xcontoso.com");
	ck_findings(d, "warning topology.xmpp_domains[1]: \"chat.example.org\" is neither a SIP "
		       "domain nor a child of one: its SRV record and certificate name reach no "
		       "Lync user; add it to topology.sip_domains or correct it here\n"
		       "warning topology.xmpp_domains[2]: \"xcontoso.com\" is neither a SIP "
		       "domain nor a child of one: its SRV record and certificate name reach no "
		       "Lync user; add it to topology.sip_domains or correct it here");
	deployment_free(d);
}
END_TEST

/* Without the proxy the records and the certificate follow the SIP
 * domains: an XMPP domain that is not one drops out of both, or of the
 * records only when it is an additional SAN. */
START_TEST(t_check_proxy_off)
{
	struct deployment *d = contoso();
	char *f;

	fill_subject(d);
	d->topo.xmpp_proxy = false;
	strlist_push(&d->topo.xmpp_domains, "corp.contoso.com");
	ck_findings(d, "warning topology.xmpp_domains[1]: \"corp.contoso.com\" gets no SRV "
		       "record and is not a name of the certificate: topology.xmpp_proxy is "
		       "false, so both follow the SIP domains; set topology.xmpp_proxy to true or "
		       "remove it here");
	strlist_push(&d->cert.additional_sans, "Corp.Contoso.com");
	ck_findings(d, "warning topology.xmpp_domains[1]: \"corp.contoso.com\" gets no SRV "
		       "record: topology.xmpp_proxy is false, so the records follow the SIP "
		       "domains; set topology.xmpp_proxy to true or remove it here");
	/* A name that is not a DNS name has its own error, and only that. */
	strlist_clear(&d->topo.xmpp_domains);
	strlist_push(&d->topo.xmpp_domains, "bad name");
	f = findings(d);
	ck_assert_ptr_nonnull(strstr(f, "error topology.xmpp_domains[0]: \"bad name\""));
	ck_assert_ptr_null(strstr(f, "SRV"));
	free(f);
	deployment_free(d);
}
END_TEST

/* The request the file records must hold every SRV domain. */
START_TEST(t_check_generated)
{
	struct deployment *d = contoso();
	struct strlist *g = &d->cert.generated.sans;

	fill_subject(d);
	strlist_push(g, "sip.contoso.com");
	strlist_push(g, "webcon.contoso.com");
	strlist_push(g, "sip.fabrikam.com");
	xstrset(&d->cert.generated.at, "2026-11-20T10:00:00Z");
	ck_findings(d, "warning certificate.generated.sans: the request made at "
		       "2026-11-20T10:00:00Z lacks contoso.com, which has an SRV record: partners "
		       "dialling it would refuse a certificate issued from it; make the request "
		       "again (Step 3, Run Again, or xmppgw csr)");
	strlist_push(g, "CONTOSO.com");
	ck_findings(d, "");
	/* Without the proxy fabrikam.com gets a record too. */
	d->topo.xmpp_proxy = false;
	xstrset(&d->cert.generated.at, NULL);
	ck_findings(d, "warning certificate.generated.sans: the request lacks fabrikam.com, "
		       "which has an SRV record: partners dialling it would refuse a certificate "
		       "issued from it; make the request again (Step 3, Run Again, or xmppgw "
		       "csr)");
	/* No request recorded: nothing to compare. */
	strlist_clear(g);
	ck_findings(d, "");
	deployment_free(d);
}
END_TEST

START_TEST(t_internal_note)
{
	struct deployment *d = contoso();
	char *s;

	ck_assert_ptr_null(san_internal_note(d));
	xstrset(&d->topo.webconf_edge_fqdn, "webcon.contoso.local");
	xstrset(&d->dns.srv_target, "edge");
	strlist_push(&d->cert.additional_sans, "WEBCON.contoso.local");
	s = san_internal_note(d);
	ck_assert_ptr_nonnull(s);
	/* each name once, the certificate's first, then the SRV target */
	ck_assert_msg(strncmp(s, "Internal names: webcon.contoso.local, edge. Public CAs", 53) == 0,
		      "%s", s);
	free(s);
	deployment_free(d);
}
END_TEST

static Suite *san_suite(void)
{
	Suite *s = suite_create("san");
	TCase *tc = tcase_create("derive");

	tcase_add_test(tc, t_order);
	tcase_add_test(tc, t_lower_and_dedup);
	tcase_add_test(tc, t_proxy_off);
	tcase_add_test(tc, t_empty_fields);
	suite_add_tcase(s, tc);
	tc = tcase_create("srv");
	tcase_add_test(tc, t_srv_proxy_and_list);
	tcase_add_test(tc, t_srv_child_domains);
	tcase_add_test(tc, t_srv_duplicates);
	tcase_add_test(tc, t_srv_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("check");
	tcase_add_test(tc, t_check_agreeing);
	tcase_add_test(tc, t_check_outside_sip);
	tcase_add_test(tc, t_check_proxy_off);
	tcase_add_test(tc, t_check_generated);
	tcase_add_test(tc, t_internal_note);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(san_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
