/* SPDX-License-Identifier: ISC */
/* dnscheck without a real DNS server: option handling, and the engine
 * against a tiny responder in this process that answers every query with
 * a chosen response code (or not at all). The verdicts on real records are
 * tested against dnsmasq in tests/dns/. */
#include "config.h"

#include <check.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dnscheck.h"
#include "xalloc.h"

#define RC_SILENT -1

struct responder {
	int fd;
	char server[32];
	int rcode;          /* answer with this code, or RC_SILENT */
	const char *only;   /* answer queries whose name holds this, or all */
};

static void responder_open(struct responder *r, int rcode, const char *only)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof a;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	ck_assert_int_ge(r->fd, 0);
	ck_assert_int_eq(bind(r->fd, (struct sockaddr *)&a, sizeof a), 0);
	ck_assert_int_eq(getsockname(r->fd, (struct sockaddr *)&a, &len), 0);
	snprintf(r->server, sizeof r->server, "127.0.0.1:%u", ntohs(a.sin_port));
	r->rcode = rcode;
	r->only = only;
}

/* The query's name, dotted, from the question section. */
static void qname(const unsigned char *q, ssize_t n, char *out, size_t size)
{
	size_t o = 0;

	for (ssize_t i = 12; i < n && q[i] && o + q[i] + 2 < size; i += q[i] + 1) {
		memcpy(out + o, q + i + 1, q[i]);
		o += q[i];
		out[o++] = '.';
	}
	out[o] = '\0';
}

static void responder_serve(struct responder *r)
{
	unsigned char q[512];
	char name[300];
	struct sockaddr_storage from;
	socklen_t flen = sizeof from;
	ssize_t n;

	while ((n = recvfrom(r->fd, q, sizeof q, 0, (struct sockaddr *)&from, &flen)) >= 12) {
		qname(q, n, name, sizeof name);
		if (r->rcode == RC_SILENT || (r->only && !strstr(name, r->only)))
			continue;
		q[2] |= 0x80; /* a response */
		q[3] = (unsigned char)(0x80 | r->rcode);
		sendto(r->fd, q, (size_t)n, 0, (struct sockaddr *)&from, flen);
		flen = sizeof from;
	}
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* Runs the check, serving queries between rounds, until done or limit. */
static void run(struct dnscheck *c, struct responder *r, long limit_ms)
{
	long end = now_ms() + limit_ms;

	while (!dnscheck_done(c) && now_ms() < end) {
		dnscheck_process(c, 5);
		responder_serve(r);
	}
}

static struct deployment *with_partners(int n)
{
	struct deployment *d = deployment_new();

	for (int i = 0; i < n; i++) {
		char *name = xasprintf("p%d.xg.test", i);

		deployment_add_partner(d, partner_new(name));
		free(name);
	}
	return d;
}

static struct dnscheck *start_ok(const struct deployment *d, const char *server, int timeout_ms)
{
	struct dnscheck_options o = {.server = server, .timeout_ms = timeout_ms,
				     .own = true, .partners = true};
	struct dnscheck *c = NULL;
	char *err = NULL;

	if (dnscheck_start(d, &o, &c, &err) < 0)
		ck_abort_msg("dnscheck_start: %s", err);
	return c;
}

START_TEST(test_server_syntax)
{
	static const char *const good[] = {"127.0.0.1", "127.0.0.1:5353", "[::1]:5353", "::1",
					   "[::1]", "2001:db8::53"};
	static const char *const bad[] = {"", "1.2.3", "localhost", "127.0.0.1:", "127.0.0.1:0",
					  "127.0.0.1:65536", "127.0.0.1:53x", "[::1", "[::1]:",
					  "[::1]x", "::1]:53", "127.0.0.1:+53", " 127.0.0.1"};
	struct deployment *d = deployment_new();

	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		struct dnscheck *c = start_ok(d, good[i], 0);

		ck_assert(dnscheck_done(c));
		ck_assert_uint_eq(dnscheck_count(c), 0);
		dnscheck_free(c);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct dnscheck_options o = {.server = bad[i], .own = true};
		struct dnscheck *c = (struct dnscheck *)1;
		char *err = NULL;

		ck_assert_msg(dnscheck_start(d, &o, &c, &err) == -1, "accepted \"%s\"", bad[i]);
		ck_assert_ptr_null(c);
		ck_assert_ptr_nonnull(strstr(err, "bad DNS server"));
		free(err);
	}
	deployment_free(d);
}
END_TEST

static char *write_temp(const char *text)
{
	char *path = xstrdup("/tmp/xg-resolv.XXXXXX");
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static int start_with_conf(const char *conf, char **err)
{
	struct deployment *d = deployment_new();
	struct dnscheck_options o = {.resolv_conf = conf, .own = true, .partners = true};
	struct dnscheck *c = NULL;
	int rc = dnscheck_start(d, &o, &c, err);

	dnscheck_free(c);
	deployment_free(d);
	return rc;
}

START_TEST(test_no_resolver)
{
	char *empty = write_temp("# nothing\nsearch example.com\n");
	char *one = write_temp("domain example.com\n  nameserver\t192.0.2.53\n");
	char *err = NULL;

	ck_assert_int_eq(start_with_conf(empty, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "names none"));
	free(err);
	err = NULL;
	ck_assert_int_eq(start_with_conf("/nonexistent/resolv.conf", &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "cannot read /nonexistent/resolv.conf"));
	free(err);
	err = NULL;
	ck_assert_int_eq(start_with_conf(one, &err), 0);
	ck_assert_ptr_null(err);
	unlink(empty);
	unlink(one);
	free(empty);
	free(one);
}
END_TEST

static void check_rcode(int rcode, enum dns_verdict want, const char *words)
{
	struct deployment *d = with_partners(3);
	struct responder r;
	struct dnscheck *c;

	responder_open(&r, rcode, NULL);
	c = start_ok(d, r.server, 2000);
	run(c, &r, 3000);
	ck_assert(dnscheck_done(c));
	for (size_t i = 0; i < dnscheck_count(c); i++) {
		const struct dns_result *res = dnscheck_result(c, i);

		ck_assert_str_eq(dns_verdict_name(res->verdict), dns_verdict_name(want));
		ck_assert_msg(strstr(res->detail, words), "detail: %s", res->detail);
		ck_assert_uint_eq(res->records.n, 0);
	}
	dnscheck_free(c);
	close(r.fd);
	deployment_free(d);
}

START_TEST(test_rcodes)
{
	check_rcode(2, DNSV_SERVFAIL, "SRV: server failure");
	check_rcode(5, DNSV_SERVFAIL, "refused");
	check_rcode(3, DNSV_NXDOMAIN, "no such domain");
	check_rcode(0, DNSV_NORECORD, "no record");
}
END_TEST

/* The probe's options: exactly the domains given, and with no SRV record
 * the domain itself on 5269 (RFC 6120), looked up before the verdict. */
START_TEST(test_domains_fallback)
{
	struct deployment *d = with_partners(3);
	struct strlist doms = {0};
	struct responder r;
	struct dnscheck *c = NULL;
	struct dns_target t;
	char *err = NULL;

	strlist_push(&doms, "a.xg.test");
	strlist_push(&doms, "b.xg.test");
	responder_open(&r, 3, NULL);
	{
		struct dnscheck_options o = {.server = r.server, .timeout_ms = 2000,
					     .domains = &doms, .fallback = true};

		if (dnscheck_start(d, &o, &c, &err) < 0)
			ck_abort_msg("dnscheck_start: %s", err);
	}
	ck_assert_uint_eq(dnscheck_count(c), 2);
	run(c, &r, 3000);
	ck_assert(dnscheck_done(c));
	for (size_t i = 0; i < 2; i++) {
		ck_assert_str_eq(dnscheck_result(c, i)->domain, doms.v[i]);
		ck_assert(dnscheck_target(c, i, 0, &t));
		ck_assert(t.fallback);
		ck_assert_str_eq(t.name, doms.v[i]);
		ck_assert_uint_eq(t.port, XMPP_SERVER_PORT);
		ck_assert_uint_eq(t.addrs[0]->n + t.addrs[1]->n, 0);
		ck_assert(!dnscheck_target(c, i, 1, &t));
		ck_assert_str_eq(dns_verdict_name(dnscheck_result(c, i)->verdict), "NXDOMAIN");
	}
	dnscheck_free(c);
	close(r.fd);
	strlist_free(&doms);
	deployment_free(d);
}
END_TEST

START_TEST(test_timeout)
{
	struct deployment *d = with_partners(2);
	struct responder r;
	struct dnscheck *c;
	long t0 = now_ms(), took;

	responder_open(&r, RC_SILENT, NULL);
	c = start_ok(d, r.server, 300);
	run(c, &r, 5000);
	took = now_ms() - t0;
	ck_assert(dnscheck_done(c));
	ck_assert_int_eq(dnscheck_result(c, 1)->verdict, DNSV_TIMEOUT);
	ck_assert_str_eq(dnscheck_result(c, 0)->detail,
			 "_xmpp-server._tcp.p0.xg.test SRV: no answer within 300 ms");
	ck_assert_msg(took >= 280 && took < 1500, "took %ld ms", took);
	dnscheck_free(c);
	close(r.fd);
	deployment_free(d);
}
END_TEST

/* Results come in one by one; what is still out can be cancelled. */
START_TEST(test_partial_and_cancel)
{
	struct deployment *d = with_partners(3);
	struct responder r;
	struct dnscheck *c;

	responder_open(&r, 3, "p1.xg.test");
	c = start_ok(d, r.server, 10000);
	ck_assert_uint_eq(dnscheck_process(c, 0), 0);
	for (long end = now_ms() + 3000; dnscheck_result(c, 1)->verdict == DNSV_PENDING &&
	     now_ms() < end;) {
		dnscheck_process(c, 5);
		responder_serve(&r);
	}
	ck_assert_int_eq(dnscheck_result(c, 1)->verdict, DNSV_NXDOMAIN);
	ck_assert_int_eq(dnscheck_result(c, 0)->verdict, DNSV_PENDING);
	ck_assert(!dnscheck_done(c));
	ck_assert_uint_eq(dnscheck_process(c, 0), 1);
	dnscheck_cancel(c);
	ck_assert(dnscheck_done(c));
	ck_assert_uint_eq(dnscheck_process(c, 100), 3);
	ck_assert_int_eq(dnscheck_result(c, 0)->verdict, DNSV_ERROR);
	ck_assert_str_eq(dnscheck_result(c, 2)->detail, "cancelled");
	ck_assert_int_eq(dnscheck_result(c, 1)->verdict, DNSV_NXDOMAIN);
	ck_assert_ptr_null(dnscheck_result(c, 3));
	dnscheck_cancel(c);
	dnscheck_free(c);
	close(r.fd);
	deployment_free(d);
}
END_TEST

/* Freeing while queries are out must not call back into freed memory. */
START_TEST(test_free_in_flight)
{
	struct deployment *d = with_partners(50);
	struct responder r;
	struct dnscheck *c;

	responder_open(&r, RC_SILENT, NULL);
	c = start_ok(d, r.server, 10000);
	dnscheck_process(c, 10);
	dnscheck_free(c);
	close(r.fd);
	deployment_free(d);
}
END_TEST

START_TEST(test_own_without_edge)
{
	struct deployment *d = with_partners(1);
	struct responder r;
	struct dnscheck *c;
	const struct dns_result *res;

	strlist_push(&d->topo.sip_domains, "contoso.xg.test");
	responder_open(&r, 3, NULL);
	c = start_ok(d, r.server, 2000);
	res = dnscheck_result(c, 0);
	ck_assert_int_eq(res->subject, DNS_OWN);
	ck_assert_str_eq(res->domain, "contoso.xg.test");
	ck_assert_str_eq(res->query, "_xmpp-server._tcp.contoso.xg.test");
	ck_assert_int_eq(res->verdict, DNSV_ERROR);
	ck_assert_ptr_nonnull(strstr(res->detail, "no Access Edge FQDN"));
	run(c, &r, 3000);
	ck_assert_int_eq(dnscheck_result(c, 1)->subject, DNS_PARTNER);
	ck_assert_int_eq(dnscheck_result(c, 1)->verdict, DNSV_NXDOMAIN);
	dnscheck_free(c);
	close(r.fd);
	deployment_free(d);
}
END_TEST

/* Own domains, every partner domain (primary and additional), in order;
 * --own and --partners choose. */
START_TEST(test_subjects)
{
	struct deployment *d = with_partners(2);
	struct dnscheck_options o = {.server = "127.0.0.1", .partners = true};
	struct dnscheck *c;
	char *err = NULL;

	strlist_push(&d->topo.sip_domains, "a.xg.test");
	strlist_push(&d->topo.sip_domains, "b.xg.test.");
	xstrset(&d->topo.access_edge_fqdn, "edge.xg.test");
	strlist_push(&d->partners[1]->additional_domains, "extra.xg.test");
	ck_assert_int_eq(dnscheck_start(d, &o, &c, &err), 0);
	ck_assert_uint_eq(dnscheck_count(c), 3);
	ck_assert_str_eq(dnscheck_result(c, 2)->query, "_xmpp-server._tcp.extra.xg.test");
	dnscheck_free(c);
	o.own = true;
	o.partners = false;
	ck_assert_int_eq(dnscheck_start(d, &o, &c, &err), 0);
	ck_assert_uint_eq(dnscheck_count(c), 2);
	ck_assert_str_eq(dnscheck_result(c, 1)->query, "_xmpp-server._tcp.b.xg.test");
	dnscheck_cancel(c);
	dnscheck_free(c);
	deployment_free(d);
}
END_TEST

/* More queries than the window holds: all get their answer. */
START_TEST(test_many)
{
	struct deployment *d = with_partners(3000);
	struct responder r;
	struct dnscheck *c;

	responder_open(&r, 3, NULL);
	c = start_ok(d, r.server, 5000);
	run(c, &r, 20000);
	ck_assert(dnscheck_done(c));
	for (size_t i = 0; i < dnscheck_count(c); i++)
		ck_assert_int_eq(dnscheck_result(c, i)->verdict, DNSV_NXDOMAIN);
	dnscheck_free(c);
	close(r.fd);
	deployment_free(d);
}
END_TEST

START_TEST(test_verdict_names)
{
	ck_assert_str_eq(dns_verdict_name(DNSV_OK), "OK");
	ck_assert_str_eq(dns_verdict_name(DNSV_WRONG_TARGET), "WRONG_TARGET");
	ck_assert_str_eq(dns_verdict_name(DNSV_NO_ADDRESS), "NO_ADDRESS");
	ck_assert_str_eq(dns_verdict_name(DNSV_ERROR), "ERROR");
	ck_assert_str_eq(dns_verdict_name((enum dns_verdict)99), "?");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dnscheck");
	TCase *tc = tcase_create("dnscheck");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_server_syntax);
	tcase_add_test(tc, test_no_resolver);
	tcase_add_test(tc, test_rcodes);
	tcase_add_test(tc, test_timeout);
	tcase_add_test(tc, test_domains_fallback);
	tcase_add_test(tc, test_partial_and_cancel);
	tcase_add_test(tc, test_free_in_flight);
	tcase_add_test(tc, test_own_without_edge);
	tcase_add_test(tc, test_subjects);
	tcase_add_test(tc, test_many);
	tcase_add_test(tc, test_verdict_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
