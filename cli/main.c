/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "i18n.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"cert", cmd_cert},
	{"check", cmd_check},
	{"csr", cmd_csr},
	{"dns", cmd_dns},
	{"export", cmd_export},
	{"partners", cmd_partners},
	{"probe", cmd_probe},
};

static void usage(FILE *out)
{
	fputs(_("Usage: xmppgw [FILE]                 full-screen wizard on FILE (default ./xmppgw.yaml)\n"
		"       xmppgw check FILE             validate; errors as FILE:LINE:COL: error: text\n"
		"       xmppgw csr FILE [--force] [--key EXISTING.key] [--passphrase-fd N]\n"
		"                                     private key + request from the certificate section\n"
		"       xmppgw cert import FILE CERT [CERT...] [--passphrase-fd N]\n"
		"                                     the CA's answer, checked against the key and the file\n"
		"       xmppgw cert pfx FILE [-o OUT] [--force] [--passphrase-fd N]\n"
		"                           [--pfx-passphrase-fd M]\n"
		"                                     PFX for the Edge (3DES, HMAC-SHA1: Windows 2008 R2)\n"
		"       xmppgw dns FILE [--server ADDR[:PORT]] [--timeout MS] [--own|--partners]\n"
		"                                     live DNS check of the SRV records\n"
		"       xmppgw export frontend-ps1|edge-ps1|inf|zone FILE [-o OUT]\n"
		"                                     frontend-ps1: partners and policy, on a Front End;\n"
		"                                     edge-ps1: the certificate, on each Edge Server\n"
		"       xmppgw partners list FILE [--header]\n"
		"       xmppgw partners add FILE --domain D [--type T] [--tls V] [--sasl V]\n"
		"                               [--dialback true|false] [--additional D1,D2]\n"
		"                               [--description S] [--keep-alive true|false]\n"
		"                               [--proxy-fqdn F]\n"
		"       xmppgw partners remove FILE DOMAIN\n"
		"       xmppgw probe FILE [DOMAIN...] [--server ADDR[:PORT]] [--timeout MS]\n"
		"                               [--ca-file FILE]\n"
		"                                     ask XMPP servers which negotiation settings work\n"
		"       xmppgw --help | --version\n"
		"\n"
		"Exit status: 0 done or valid, 1 problems found, 2 usage, I/O or unreadable input.\n"
		"See xmppgw(1) and xmppgw.yaml(5).\n"), out);
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
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return CLI_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return CLI_OK;
	}
	for (size_t i = 0; argc >= 2 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (argc > 2 || (argc == 2 && argv[1][0] == '-' && strcmp(argv[1], "-") != 0)) {
		usage(stderr);
		return CLI_USAGE;
	}
	/* The screens work in UTF-8 and convert at the terminal; the commands
	 * print in the locale's own character set. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	return tui_main(argc == 2 ? argv[1] : "xmppgw.yaml");
}
