/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certimport.h"
#include "cli/cli.h"
#include "i18n.h"
#include "xalloc.h"

/* What the file itself cannot show: the chain recorded by `cert import`
 * against the files and the clock of today. */
static int check_issued(const char *path, const struct deployment *d)
{
	struct diags dg = {0};
	char *copy = xstrdup(path);
	int rc;

	cert_issued_check(d, dirname(copy), time(NULL), &dg);
	for (size_t i = 0; i < dg.n; i++) {
		char *line = diag_format(path, &dg.v[i]);

		cli_error("%s", line);
		free(line);
	}
	rc = dg.errors ? CLI_PROBLEMS : CLI_OK;
	diags_free(&dg);
	free(copy);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	struct deployment *d;
	int rc;

	if (argc != 2 || argv[1][0] == '-') {
		cli_error("%s", _("usage: xmppgw check FILE"));
		return CLI_USAGE;
	}
	rc = cli_load(argv[1], &d);
	if (rc == CLI_OK)
		rc = check_issued(argv[1], d);
	deployment_free(d);
	return rc;
}
