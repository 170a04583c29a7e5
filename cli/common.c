#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "depfile.h"
#include "i18n.h"

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

const char *cli_option_value(int argc, char **argv, int *i, const char *name)
{
	size_t len = strlen(name);

	if (strncmp(argv[*i], name, len) != 0)
		return NULL;
	if (argv[*i][len] == '=')
		return argv[*i] + len + 1;
	if (argv[*i][len] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

int cli_parse_ms(const char *option, const char *s, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max) {
		cli_error(_("%s: \"%s\" is not a number of milliseconds from 1 to %d"), option, s,
			  max);
		return -1;
	}
	*out = (int)v;
	return 0;
}
