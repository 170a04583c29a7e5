/* SPDX-License-Identifier: ISC */
/* Benchmark: load a deployment file, save it elsewhere, and read the copy
 * back, several times; prints the best time of each step and the peak RSS
 * of the first load + save.
 * Usage: loadsave IN OUT [ROUNDS] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "depfile.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static struct deployment *load(const char *path)
{
	struct diags dg = {0};
	struct deployment *d = NULL;

	if (depfile_load(path, &d, &dg) == DEPFILE_UNREADABLE || !d) {
		fprintf(stderr, "loadsave: %s: %zu problems\n", path, dg.n);
		exit(2);
	}
	diags_free(&dg);
	return d;
}

static void keep_best(double *best, double t)
{
	if (*best < 0 || t < *best)
		*best = t;
}

int main(int argc, char **argv)
{
	double best_load = -1, best_save = -1, t;
	int rounds = argc > 3 ? atoi(argv[3]) : 5;
	struct rusage ru;
	size_t partners = 0;

	if (argc < 3 || rounds < 1) {
		fputs("usage: loadsave IN OUT [ROUNDS]\n", stderr);
		return 2;
	}
	for (int i = 0; i < rounds; i++) {
		struct deployment *d, *back;
		char *err = NULL;

		t = now_ms();
		d = load(argv[1]);
		keep_best(&best_load, now_ms() - t);
		t = now_ms();
		if (depfile_save(argv[2], d, &err) != 0) {
			fprintf(stderr, "loadsave: %s\n", err);
			return 2;
		}
		keep_best(&best_save, now_ms() - t);
		/* The peak of one load + save, before the check below loads a
		 * second model. */
		if (i == 0)
			getrusage(RUSAGE_SELF, &ru);
		back = load(argv[2]);
		if (!deployment_equal(d, back)) {
			fputs("loadsave: the saved copy differs\n", stderr);
			return 1;
		}
		partners = d->npartners;
		deployment_free(back);
		deployment_free(d);
	}
	printf("load + save of %zu partners, best of %d: load %.1f ms, save %.1f ms, "
	       "total %.1f ms; peak RSS %.1f MiB\n",
	       partners, rounds, best_load, best_save, best_load + best_save,
	       (double)ru.ru_maxrss / 1024.0);
	return 0;
}
