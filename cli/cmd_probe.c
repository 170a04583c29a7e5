/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "i18n.h"
#include "probe.h"
#include "xalloc.h"

#define PROBE_MAX_TIMEOUT_MS 600000

struct probe_args {
	const char *path;
	struct strlist domains;
	struct probe_options o;
};

static int parse_args(const struct cli_args *c, struct probe_args *a)
{
	const char *timeout = cli_arg(c, "--timeout");

	a->o.server = cli_arg(c, "--server");
	a->o.ca_file = cli_arg(c, "--ca-file");
	if (timeout &&
	    cli_parse_ms("--timeout", timeout, PROBE_MAX_TIMEOUT_MS, &a->o.timeout_ms) < 0)
		return -1;
	for (int i = 1; i < c->noperands; i++)
		strlist_push(&a->domains, c->operand[i]);
	a->o.domains = &a->domains;
	if (c->noperands < 1)
		return -1;
	a->path = c->operand[0];
	return 0;
}

static void print_result(const struct probe_result *r)
{
	char *text = probe_result_text(r);

	puts(text);
	free(text);
	fflush(stdout);
}

static int run(const struct deployment *d, const struct probe_options *o)
{
	struct probe *p;
	struct timespec t0, t1;
	char *err = NULL;
	bool *printed;
	size_t bad = 0, n, done = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (probe_start(d, o, &p, &err) < 0) {
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	n = probe_count(p);
	if (n == 0) {
		cli_error("%s", _("nothing to probe: no partners and no XMPP domains"));
		probe_free(p);
		return CLI_PROBLEMS;
	}
	printed = xcalloc(n, sizeof *printed);
	while (done < n) {
		probe_process(p, 1000);
		for (size_t i = 0; i < n; i++) {
			const struct probe_result *r = probe_result(p, i);

			if (!printed[i] && r->done) {
				print_result(r);
				printed[i] = true;
				done++;
				bad += !r->ok;
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf(ngettext("%zu domain probed in %.3f s: %zu works, %zu does not\n",
			"%zu domains probed in %.3f s: %zu work, %zu do not\n", n),
	       n, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       n - bad, bad);
	free(printed);
	probe_free(p);
	return bad ? CLI_PROBLEMS : CLI_OK;
}

int cmd_probe(const struct cli_args *c)
{
	struct probe_args a;
	struct deployment *d;
	int rc;

	memset(&a, 0, sizeof a);
	if (parse_args(c, &a) < 0) {
		strlist_free(&a.domains);
		return cli_usage("probe", NULL);
	}
	rc = cli_load(a.path, &d);
	if (rc == CLI_OK) {
		rc = run(d, &a.o);
		deployment_free(d);
	}
	strlist_free(&a.domains);
	return rc;
}
