/* SPDX-License-Identifier: ISC */
/* The partners screen's steps on a large file, without a terminal: open
 * the file, build the list, filter as a user types, edit one partner the
 * way the form does (working copy, bindings, the checks OK runs against
 * every other partner, the copy made the deployment), save. Prints the
 * median and the worst time of each step over RUNS runs.
 *
 * usage: partners_bench FILE [RUNS] [FILTER...]
 * The default filters are typed one character at a time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "depfile.h"
#include "wizards/partnerlist.h"
#include "wizards/partners.h"
#include "xalloc.h"

#define MAX_STEPS 64
#define MAX_RUNS 50

struct step {
	char name[64];
	double ms[MAX_RUNS];
	int n;
};

static struct step steps[MAX_STEPS];
static int nsteps;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void record(const char *name, double ms)
{
	int i;

	for (i = 0; i < nsteps; i++)
		if (strcmp(steps[i].name, name) == 0)
			break;
	if (i == nsteps) {
		if (nsteps == MAX_STEPS)
			return;
		snprintf(steps[nsteps++].name, sizeof steps[0].name, "%s", name);
	}
	if (steps[i].n < MAX_RUNS)
		steps[i].ms[steps[i].n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static const struct wfield *form_field(const char *id)
{
	const struct wpage *pg = &partner_form.pages[0];

	for (size_t i = 0; i < pg->nfields; i++)
		if (strcmp(pg->fields[i].id, id) == 0)
			return &pg->fields[i];
	return NULL;
}

static void no_message(void *arg, const char *title, const char *text)
{
	(void)arg;
	fprintf(stderr, "partners_bench: %s: %s\n", title, text);
}

static const struct wui quiet_ui = {.message = no_message};

static void type_filter(struct plist *l, const struct deployment *d, const char *filter)
{
	char label[64];

	for (size_t n = 1; n <= strlen(filter); n++) {
		char *prefix = xstrndup(filter, n);
		double t = now_ms();

		plist_set_filter(l, d, prefix);
		snprintf(label, sizeof label, "filter \"%s\" (%zu rows)", prefix, l->n);
		record(label, now_ms() - t);
		free(prefix);
	}
	for (size_t n = strlen(filter); n > 0; n--) {
		double t = now_ms();

		plist_filter_backspace(l, d);
		snprintf(label, sizeof label, "backspace to \"%s\" (%zu rows)", l->filter, l->n);
		record(label, now_ms() - t);
	}
}

/* One partner through the form, as tui_run_wizard runs it. Returns 0 when
 * OK was accepted. */
static int edit_one(struct deployment *d, long index, int run)
{
	const struct wfield *desc_field = form_field("description");
	struct partner_form_arg arg = {.index = index, .result = -1};
	struct wctx c = {.state = &arg, .ui = &quiet_ui};
	struct diags dg = {0};
	struct deployment *copy, tmp;
	char desc[64];
	double t = now_ms();
	int rc;

	if (!desc_field || !wfield_bound(desc_field))
		return -1;
	copy = deployment_clone(d);
	c.d = copy;
	partner_form.begin(&c);
	record("edit: working copy + open form", now_ms() - t);
	snprintf(desc, sizeof desc, "Edited in run %d", run);
	wfield_set_text(desc_field, &c, desc);
	t = now_ms();
	partner_form.pages[0].validate(&c, &dg);
	rc = dg.errors ? -1 : partner_form.finish(&c);
	record("edit: OK (checks against all)", now_ms() - t);
	t = now_ms();
	if (rc == 0) {
		tmp = *d;
		*d = *copy;
		*copy = tmp;
	}
	partner_form.end(&c);
	deployment_free(copy);
	record("edit: copy becomes the deployment", now_ms() - t);
	diags_free(&dg);
	return rc;
}

static int one_run(const char *path, const char *out, const char *const *filters,
		   int nfilters, int run)
{
	struct deployment *d = NULL;
	struct diags dg = {0};
	struct plist l;
	char *err = NULL;
	double t = now_ms();
	int rc = 1;

	depfile_load(path, &d, &dg);
	record("open (load + check the file)", now_ms() - t);
	diags_free(&dg);
	if (!d) {
		fprintf(stderr, "partners_bench: %s could not be read\n", path);
		return 1;
	}
	plist_init(&l);
	t = now_ms();
	plist_rebuild(&l, d);
	record("list: every partner", now_ms() - t);
	for (int i = 0; i < nfilters; i++)
		type_filter(&l, d, filters[i]);
	if (edit_one(d, (long)(d->npartners / 2), run) != 0)
		goto out;
	t = now_ms();
	plist_rebuild(&l, d);
	record("list: again after the edit", now_ms() - t);
	t = now_ms();
	if (depfile_save(out, d, &err) != 0) {
		fprintf(stderr, "partners_bench: %s\n", err);
		goto out;
	}
	record("save (atomic)", now_ms() - t);
	rc = 0;
out:
	free(err);
	plist_free(&l);
	deployment_free(d);
	return rc;
}

int main(int argc, char **argv)
{
	static const char *const defaults[] = {"p0123", "chat.", "LONDON"};
	const char *const *filters = defaults;
	int nfilters = 3, runs = 5;
	char *out;

	if (argc < 2) {
		fprintf(stderr, "usage: partners_bench FILE [RUNS] [FILTER...]\n");
		return 2;
	}
	if (argc > 2)
		runs = atoi(argv[2]);
	if (runs < 1 || runs > MAX_RUNS)
		runs = 5;
	if (argc > 3) {
		filters = (const char *const *)(argv + 3);
		nfilters = argc - 3;
	}
	out = xasprintf("%s.saved", argv[1]);
	for (int r = 0; r < runs; r++)
		if (one_run(argv[1], out, filters, nfilters, r) != 0)
			return 1;
	printf("%-44s %10s %10s\n", "step", "median ms", "worst ms");
	for (int i = 0; i < nsteps; i++) {
		struct step *s = &steps[i];

		qsort(s->ms, (size_t)s->n, sizeof *s->ms, cmp_double);
		printf("%-44s %10.3f %10.3f\n", s->name, s->ms[s->n / 2], s->ms[s->n - 1]);
	}
	remove(out);
	free(out);
	return 0;
}
