/* SPDX-License-Identifier: ISC */
/* Benchmark: cert_import on certificates it must refuse, RUNS times each,
 * and, as the baseline in the same run, what every call must do before
 * judging anything: read the key and the certificate files. Prints the
 * time per check of both and their difference (the checks themselves).
 * Usage: certcheck RUNS DEPLOYMENT CERT [CERT...]
 * Each CERT is one bad answer; a file may hold its intermediate too. */
#include "config.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/x509.h>

#include "certimport.h"
#include "csr.h"
#include "depfile.h"
#include "xalloc.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void die(const char *what, char *err)
{
	fprintf(stderr, "certcheck: %s: %s\n", what, err ? err : "failed");
	exit(2);
}

/* The reading every import does: key and file, nothing judged. */
static double read_only(int runs, const char *key, const char *file)
{
	double t = now_us();

	for (int i = 0; i < runs; i++) {
		STACK_OF(X509) *certs = sk_X509_new_null();
		EVP_PKEY *k = NULL;
		char *err = NULL;

		if (csr_read_key(key, NULL, &k, &err) != 0 || cert_read_file(file, certs, &err) != 0)
			die(file, err);
		EVP_PKEY_free(k);
		sk_X509_pop_free(certs, X509_free);
	}
	return (now_us() - t) / runs;
}

static double imports(int runs, struct deployment *d, const char *base, const char *file,
		      char **first_refusal)
{
	struct cert_import_options o = {.base_dir = base};
	double t = now_us();

	for (int i = 0; i < runs; i++) {
		struct cert_import_result r;
		char *err = NULL;

		if (cert_import(d, &file, 1, &o, &r, &err) != 1)
			die(file, err ? err : xstrdup("accepted, but it is meant to be refused"));
		if (i == 0)
			*first_refusal = xstrdup(r.refusals.v[0]);
		cert_import_result_free(&r);
	}
	return (now_us() - t) / runs;
}

/* The first measurement is not to pay for cold caches. */
static void warm_up(int runs, struct deployment *d, const char *base, const char *key,
		    const char *file)
{
	char *why = NULL;

	imports(runs, d, base, file, &why);
	read_only(runs, key, file);
	free(why);
}

int main(int argc, char **argv)
{
	struct deployment *d = NULL;
	struct diags dg = {0};
	int runs = argc > 3 ? atoi(argv[1]) : 0;
	double sum_import = 0, sum_read = 0;
	char *copy, *base, *key;

	if (runs < 1) {
		fputs("usage: certcheck RUNS DEPLOYMENT CERT [CERT...]\n", stderr);
		return 2;
	}
	if (depfile_load(argv[2], &d, &dg) != DEPFILE_OK)
		die(argv[2], xstrdup("cannot load"));
	diags_free(&dg);
	copy = xstrdup(argv[2]);
	base = dirname(copy);
	key = cert_resolve(base, cert_current_key(d));
	warm_up(runs / 10 + 1, d, base, key, argv[3]);
	printf("%-28s %12s %12s %12s  %s\n", "certificate", "import us", "read us", "checks us",
	       "first refusal");
	for (int i = 3; i < argc; i++) {
		char *why = NULL, *name = strrchr(argv[i], '/');
		double ti = imports(runs, d, base, argv[i], &why);
		double tr = read_only(runs, key, argv[i]);

		printf("%-28s %12.1f %12.1f %12.1f  %.60s\n", name ? name + 1 : argv[i], ti, tr,
		       ti - tr, why);
		sum_import += ti;
		sum_read += tr;
		free(why);
	}
	printf("mean of %d certificates x %d runs: %.1f us per import, of which %.1f us reading "
	       "key and files (baseline) and %.1f us the checks\n",
	       argc - 3, runs, sum_import / (argc - 3), sum_read / (argc - 3),
	       (sum_import - sum_read) / (argc - 3));
	free(key);
	free(copy);
	deployment_free(d);
	return 0;
}
