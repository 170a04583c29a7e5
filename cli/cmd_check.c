/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certimport.h"
#include "cli/cli.h"
#include "cli/table.h"
#include "i18n.h"
#include "xalloc.h"

/* What the file itself cannot show: the chain recorded by `cert import`
 * against the files and the clock of today. */
static int check_issued(const char *path, const struct deployment *d)
{
	bool in = strcmp(path, "-") == 0;
	struct diags dg = {0};
	/* From standard input, the chain's files are looked for from the
	 * current folder, as a file's are from its own. */
	char *copy = xstrdup(in ? "./-" : path);
	int rc;

	cert_issued_check(d, dirname(copy), time(NULL), &dg);
	for (size_t i = 0; i < dg.n; i++) {
		char *line = diag_format(in ? CLI_STDIN_NAME : path, &dg.v[i]);

		cli_error("%s", line);
		free(line);
	}
	rc = dg.errors ? CLI_PROBLEMS : CLI_OK;
	diags_free(&dg);
	free(copy);
	return rc;
}

int cmd_check(const struct cli_args *a)
{
	struct deployment *d;
	const char *path;
	int rc;

	if (a->noperands != 1)
		return cli_usage("check", NULL);
	path = a->operand[0];
	rc = cli_load(path, &d);
	if (rc == CLI_OK)
		rc = check_issued(path, d);
	deployment_free(d);
	return rc;
}
