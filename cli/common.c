#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "depfile.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("xmppgw: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_load(const char *path, struct deployment **out)
{
	struct diags diags = {0};
	struct deployment *d = NULL;
	int rc = depfile_load(path, &d, &diags);

	for (size_t i = 0; i < diags.n; i++) {
		char *line = diag_format(path, &diags.v[i]);

		cli_error("%s", line);
		free(line);
	}
	diags_free(&diags);
	if (rc != DEPFILE_OK) {
		deployment_free(d);
		*out = NULL;
		return rc == DEPFILE_UNREADABLE ? CLI_USAGE : CLI_PROBLEMS;
	}
	*out = d;
	return CLI_OK;
}
