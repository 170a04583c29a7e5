#include "config.h"

#include <string.h>

#include "cli/cli.h"
#include "i18n.h"

int cmd_check(int argc, char **argv)
{
	struct deployment *d;
	int rc;

	if (argc != 2 || argv[1][0] == '-') {
		cli_error("%s", _("usage: xmppgw check FILE"));
		return CLI_USAGE;
	}
	rc = cli_load(argv[1], &d);
	deployment_free(d);
	return rc;
}
