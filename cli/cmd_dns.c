/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "dnscheck.h"
#include "i18n.h"
#include "xalloc.h"

#define DNS_MAX_TIMEOUT_MS 600000

struct dns_args {
	const char *path;
	struct dnscheck_options o;
};

static int parse_args(const struct cli_args *c, struct dns_args *a)
{
	const char *timeout = cli_arg(c, "--timeout");

	a->o.own = cli_arg(c, "--own") != NULL;
	a->o.partners = cli_arg(c, "--partners") != NULL;
	a->o.server = cli_arg(c, "--server");
	if (timeout &&
	    cli_parse_ms("--timeout", timeout, DNS_MAX_TIMEOUT_MS, &a->o.timeout_ms) < 0)
		return -1;
	if (c->noperands != 1)
		return -1;
	a->path = c->operand[0];
	if (!a->o.own && !a->o.partners)
		a->o.own = a->o.partners = true;
	return 0;
}

static void print_result(const struct dns_result *r)
{
	printf("%s\t%s\t%s\t%s\t%s\n", r->subject == DNS_OWN ? "own" : "partner", r->domain,
	       r->query, dns_verdict_name(r->verdict), r->detail ? r->detail : "");
}

/* Prints the results that became final since the last call. */
static void print_new(const struct dnscheck *c, bool *printed)
{
	for (size_t i = 0; i < dnscheck_count(c); i++) {
		const struct dns_result *r = dnscheck_result(c, i);

		if (!printed[i] && r->verdict != DNSV_PENDING) {
			print_result(r);
			printed[i] = true;
		}
	}
	fflush(stdout);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* "N checked in S s: N OK, N with problems (2 NXDOMAIN, 1 WRONG_PORT)". */
static size_t print_summary(const struct dnscheck *c, double secs)
{
	size_t count[DNSV_ERROR + 1] = {0}, n = dnscheck_count(c), bad;

	for (size_t i = 0; i < n; i++)
		count[dnscheck_result(c, i)->verdict]++;
	bad = n - count[DNSV_OK];
	/* TRANSLATORS: the first %zu counts the domains checked. */
	printf(ngettext("%zu checked in %.3f s: %zu OK, %zu with problems",
			"%zu checked in %.3f s: %zu OK, %zu with problems", n),
	       n, secs, count[DNSV_OK], bad);
	for (int v = DNSV_NXDOMAIN, first = 1; bad && v <= DNSV_ERROR; v++) {
		if (!count[v])
			continue;
		printf("%s%zu %s", first ? " (" : ", ", count[v], dns_verdict_name(v));
		first = 0;
	}
	printf("%s\n", bad ? ")" : "");
	return bad;
}

static int run_check(const struct deployment *d, const struct dnscheck_options *o)
{
	struct dnscheck *c;
	struct timespec t0;
	char *err = NULL;
	bool *printed;
	size_t bad;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (dnscheck_start(d, o, &c, &err) < 0) {
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	if (dnscheck_count(c) == 0) {
		cli_error("%s", _("nothing to check: no SIP domains and no partners"));
		dnscheck_free(c);
		return CLI_PROBLEMS;
	}
	printed = xcalloc(dnscheck_count(c), sizeof *printed);
	print_new(c, printed);
	while (!dnscheck_done(c)) {
		dnscheck_process(c, 1000);
		print_new(c, printed);
	}
	bad = print_summary(c, seconds_since(&t0));
	free(printed);
	dnscheck_free(c);
	return bad ? CLI_PROBLEMS : CLI_OK;
}

int cmd_dns(const struct cli_args *c)
{
	struct dns_args a;
	struct deployment *d;
	int rc;

	memset(&a, 0, sizeof a);
	if (parse_args(c, &a) < 0)
		return cli_usage("dns", NULL);
	rc = cli_load(a.path, &d);
	if (rc != CLI_OK)
		return rc;
	rc = run_check(d, &a.o);
	deployment_free(d);
	return rc;
}
