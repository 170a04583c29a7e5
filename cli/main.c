/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "diag.h"
#include "i18n.h"
#include "tui/tui.h"

/* A word after xmppgw that is no command names the deployment file when
 * it looks like one: it exists, holds a '/', or ends in .yaml or .yml.
 * Anything else is a mistyped command, not a file to offer creating. */
static bool names_file(const char *word)
{
	size_t n = strlen(word);
	struct stat st;

	return lstat(word, &st) == 0 || strchr(word, '/') ||
	       (n > 5 && strcasecmp(word + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcasecmp(word + n - 4, ".yml") == 0);
}

/* The full-screen program on path, which it writes: never standard input. */
static int open_screen(const char *path)
{
	int rc;

	if (strcmp(path, "-") == 0) {
		cli_error("%s", _("the full-screen program writes the deployment file: '-' "
				  "(standard input) cannot stand for it; name the file"));
		return CLI_USAGE;
	}
	/* The screens work in UTF-8 and convert at the terminal. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	/* As long as `xmppgw partners add` and the others wait; read before
	 * the screen opens, so a bad value is said on the terminal. */
	rc = tui_main(path, cli_lock_wait_ms());
	if (rc != TUI_NO_TERMINAL)
		return rc;
	fputs(_("The same work without the screen (see xmppgw --help):\n"), stderr);
	cli_help_synopses(stderr);
	return CLI_USAGE;
}

static int top_option(int argc, char **argv)
{
	char *shown = NULL;

	if (strcmp(argv[1], "--") != 0)
		cli_charset_streams(true);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_help_all(stdout);
		return fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return CLI_OK;
	}
	/* Not in --help: the table for the tests and the completion check. */
	if (strcmp(argv[1], "--dump-commands") == 0) {
		cli_dump(stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--") == 0 && argc == 3)
		return open_screen(argv[2]);
	if (strcmp(argv[1], "--") == 0)
		cli_error("%s", _("one deployment file at most after --; see 'xmppgw --help'."));
	else
		cli_error(_("'%s' is not an option; see 'xmppgw --help'."), shown = diag_escape(argv[1]));
	free(shown);
	return CLI_USAGE;
}

/* The user's locale is kept as it is: the screen takes what the terminal's
 * character set carries and converts it to UTF-8 for the file, refuses with
 * a message what it cannot carry, and shows '?' for what it cannot show
 * (xmppgw(1), LOCALE). Messages come from the catalogs under LOCALEDIR, or
 * XMPPGW_LOCALEDIR when set (an uninstalled build, the tests). */
static void locale_init(void)
{
	const char *dir = getenv("XMPPGW_LOCALEDIR");

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	textdomain(PACKAGE);
}

int main(int argc, char **argv)
{
	locale_init();
	/* Past `ulimit -f` a write then fails with EFBIG and the save says
	 * "File too large" with the file's name, instead of the process
	 * dying with the temporary half-written. */
	signal(SIGXFSZ, SIG_IGN);
	/* stdout too once no screen is opened: the screen writes the terminal
	 * through curses. */
	cli_charset_streams(false);
	if (argc < 2)
		return open_screen("xmppgw.yaml");
	if (argv[1][0] == '-' && argv[1][1])
		return top_option(argc, argv);
	if (!cli_find(argv[1], NULL) && (strcmp(argv[1], "-") == 0 || names_file(argv[1]))) {
		if (argc == 2)
			return open_screen(argv[1]);
		char *shown = diag_escape(argv[1]);

		cli_error(_("%s is not a command, and the full-screen program takes one file; see "
			    "'xmppgw --help'."), shown);
		free(shown);
		return CLI_USAGE;
	}
	cli_charset_streams(true);
	return cli_dispatch(argc, argv);
}
