/* SPDX-License-Identifier: ISC */
/* The rows of the command table; cli/args.c runs them. A new command or
 * option is added here, then to share/man/xmppgw.1, README.md and
 * share/completion/xmppgw (tests/cli/commands.sh compares them all). */
#include "config.h"

#include "cli/cli.h"
#include "cli/table.h"
#include "i18n.h"

#define PASSPHRASE_FD                                                                  \
	{"--passphrase-fd", NULL, "N", CLI_VALUE_TEXT, NULL,                           \
	 N_("read the key's passphrase from descriptor N (a terminal: asked there)")}
#define FORCE(what) {"--force", NULL, NULL, CLI_VALUE_TEXT, NULL, what}
#define SERVER                                                                         \
	{"--server", NULL, "ADDR[:PORT]", CLI_VALUE_TEXT, NULL,                        \
	 N_("ask this DNS server instead of the system's")}
#define TIMEOUT                                                                        \
	{"--timeout", NULL, "MS", CLI_VALUE_TEXT, NULL,                                \
	 N_("give up on an answer after MS milliseconds")}
#define OUTPUT(what) {"--output", "-o", "OUT", CLI_VALUE_FILE, NULL, what}
#define END {NULL, NULL, NULL, CLI_VALUE_TEXT, NULL, NULL}

static const struct cli_option no_opts[] = {END};

static const struct cli_option csr_opts[] = {
	FORCE(N_("replace the key the file names with a new one")),
	{"--key", NULL, "EXISTING.key", CLI_VALUE_FILE, NULL,
	 N_("reuse this key instead of generating one")},
	PASSPHRASE_FD,
	END,
};

static const struct cli_option import_opts[] = {PASSPHRASE_FD, END};

static const struct cli_option pfx_opts[] = {
	OUTPUT(N_("write the PFX to OUT (default: beside the key, .pfx)")),
	FORCE(N_("replace an existing PFX")),
	PASSPHRASE_FD,
	{"--pfx-passphrase-fd", NULL, "M", CLI_VALUE_TEXT, NULL,
	 N_("read the PFX password from descriptor M (default: typed twice)")},
	END,
};

static const struct cli_option dns_opts[] = {
	SERVER,
	TIMEOUT,
	{"--own", NULL, NULL, CLI_VALUE_TEXT, NULL, N_("check the own SIP domains' records only")},
	{"--partners", NULL, NULL, CLI_VALUE_TEXT, NULL, N_("check the partners' records only")},
	END,
};

static const struct cli_option export_opts[] = {
	OUTPUT(N_("write to OUT instead of standard output (- is standard output)")),
	END,
};

static const struct cli_option list_opts[] = {
	{"--header", NULL, NULL, CLI_VALUE_TEXT, NULL, N_("print the column names first")},
	END,
};

#define NEG_CHOICES "Required|Optional|NotSupported"
#define BOOL_CHOICES "true|false"

static const struct cli_option add_opts[] = {
	{"--domain", NULL, "D", CLI_VALUE_TEXT, NULL, N_("the partner's primary domain")},
	{"--type", NULL, "T", CLI_VALUE_CHOICE, "Federated|PublicVerified|PublicUnverified",
	 N_("the partner type (default Federated)")},
	{"--tls", NULL, "V", CLI_VALUE_CHOICE, NEG_CHOICES, N_("TLS negotiation")},
	{"--sasl", NULL, "V", CLI_VALUE_CHOICE, NEG_CHOICES, N_("SASL negotiation")},
	{"--dialback", NULL, BOOL_CHOICES, CLI_VALUE_CHOICE, BOOL_CHOICES,
	 N_("server dialback negotiation")},
	{"--additional", NULL, "D1,D2", CLI_VALUE_TEXT, NULL,
	 N_("additional domains, separated by commas")},
	{"--description", NULL, "S", CLI_VALUE_TEXT, NULL, N_("a description")},
	{"--keep-alive", NULL, BOOL_CHOICES, CLI_VALUE_CHOICE, BOOL_CHOICES,
	 N_("send keep-alive messages to the partner")},
	{"--proxy-fqdn", NULL, "F", CLI_VALUE_TEXT, NULL,
	 N_("the FQDN of the partner's XMPP proxy")},
	END,
};

static const struct cli_option probe_opts[] = {
	SERVER,
	TIMEOUT,
	{"--ca-file", NULL, "FILE", CLI_VALUE_FILE, NULL,
	 N_("trust the certificates in FILE instead of the system's")},
	END,
};

const struct cli_command cli_commands[] = {
	{"check", NULL, NULL, false, false, N_("xmppgw check FILE"),
	 N_("Validates the deployment file; problems as FILE:LINE:COL: error: field: text."),
	 no_opts, cmd_check},
	{"csr", NULL, NULL, false, true,
	 N_("xmppgw csr FILE [--force] [--key EXISTING.key] [--passphrase-fd N]"),
	 N_("Writes the private key and the certificate request from the certificate section."),
	 csr_opts, cmd_csr},
	{"cert", "import", NULL, true, true,
	 N_("xmppgw cert import FILE CERT [CERT...] [--passphrase-fd N]"),
	 N_("Checks the CA's answer against the key and the file, and records the chain."),
	 import_opts, cmd_cert_import},
	{"cert", "pfx", NULL, false, true,
	 N_("xmppgw cert pfx FILE [-o OUT] [--force] [--passphrase-fd N] "
	    "[--pfx-passphrase-fd M]"),
	 N_("Writes the PFX for the Edge (3DES and HMAC-SHA1, as Windows Server 2008 R2 "
	    "reads it)."),
	 pfx_opts, cmd_cert_pfx},
	{"dns", NULL, NULL, false, false,
	 N_("xmppgw dns FILE [--server ADDR[:PORT]] [--timeout MS] [--own] [--partners]"),
	 N_("Checks the SRV records in the live DNS."), dns_opts, cmd_dns},
	{"export", NULL, "frontend-ps1|edge-ps1|inf|zone", false, false,
	 N_("xmppgw export frontend-ps1|edge-ps1|inf|zone FILE [-o OUT]"),
	 N_("Writes the Front End's script (partners and policy), the Edge's script (the "
	    "certificate), the request's INF or the DNS zone lines."),
	 export_opts, cmd_export},
	{"partners", "list", NULL, false, false, N_("xmppgw partners list FILE [--header]"),
	 N_("Lists the partners, one a line, tab-separated."), list_opts, cmd_partners_list},
	{"partners", "add", NULL, false, true,
	 N_("xmppgw partners add FILE --domain D [--type T] [--tls V] [--sasl V] "
	    "[--dialback true|false] [--additional D1,D2] [--description S] "
	    "[--keep-alive true|false] [--proxy-fqdn F]"),
	 N_("Adds a partner, checked as the partner form checks it."), add_opts,
	 cmd_partners_add},
	{"partners", "remove", NULL, false, true, N_("xmppgw partners remove FILE DOMAIN"),
	 N_("Removes the partner with this primary domain."), no_opts, cmd_partners_remove},
	{"probe", NULL, NULL, false, false,
	 N_("xmppgw probe FILE [DOMAIN...] [--server ADDR[:PORT]] [--timeout MS] "
	    "[--ca-file FILE]"),
	 N_("Asks the partners' XMPP servers which negotiation settings work."), probe_opts,
	 cmd_probe},
};

const size_t cli_ncommands = sizeof cli_commands / sizeof *cli_commands;
