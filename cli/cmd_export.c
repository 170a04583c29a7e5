/* SPDX-License-Identifier: ISC */
/* xmppgw export frontend-ps1|edge-ps1|inf|zone FILE [-o OUT] */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "cli/cli.h"
#include "cli/table.h"
#include "diag.h"
#include "export.h"
#include "i18n.h"
#include "san.h"

static const struct format {
	const char *name;
	char *(*run)(const struct deployment *d);
} formats[] = {
	{"frontend-ps1", export_frontend_ps1},
	{"edge-ps1", export_edge_ps1},
	{"inf", export_inf},
	{"zone", export_zone},
};

static bool set(const char *s)
{
	return s && *s;
}

/* SHA-1 in hex, as `cert import` records it and Set-CsCertificate takes it. */
static bool is_thumbprint(const char *s)
{
	return strlen(s) == 40 && strspn(s, "0123456789ABCDEFabcdef") == 40;
}

/* The Edge's script assigns the issued certificate, or has the Edge make
 * its own request. */
static const char *edge_missing(const struct deployment *d)
{
	const char *tp = d->cert.issued.thumbprint;

	if (d->cert.request_on_edge)
		return NULL;
	if (!set(tp))
		return _("no issued certificate is recorded (certificate.issued.thumbprint): run "
			 "`xmppgw cert import` with the CA's answer first, then `xmppgw cert pfx`");
	if (!is_thumbprint(tp))
		return _("certificate.issued.thumbprint is not 40 hexadecimal digits: run "
			 "`xmppgw cert import` with the CA's answer again");
	return NULL;
}

/* What the format cannot do without, said as the reason to refuse; NULL
 * when the deployment has it. The exports themselves never fail: they
 * write a comment instead, which is no use as a command's output. */
static const char *missing(const struct format *f, const struct deployment *d)
{
	const char *target = set(d->dns.srv_target) ? d->dns.srv_target
						     : d->topo.access_edge_fqdn;

	if (strcmp(f->name, "edge-ps1") == 0)
		return edge_missing(d);
	if (strcmp(f->name, "inf") == 0 && !set(d->topo.access_edge_fqdn))
		return _("no Access Edge FQDN (topology.access_edge_fqdn), the certificate's "
			 "subject");
	if (strcmp(f->name, "zone") == 0 && san_srv_domain_count(d) == 0)
		return _("no SIP domain (topology.sip_domains) to publish an SRV record for");
	if (strcmp(f->name, "zone") == 0 && !set(target))
		return _("no SRV target: set topology.access_edge_fqdn (or dns.srv_target)");
	return NULL;
}

static int write_out(const char *out, const char *text)
{
	size_t len = strlen(text);
	char *err = NULL;

	if (out && strcmp(out, "-") != 0) {
		if (atomic_write(out, text, len, 0644, &err) == 0)
			return CLI_OK;
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	/* The export's bytes as written to a file, whatever the terminal. */
	if (fwrite(text, 1, len, cli_raw_stdout()) != len || fflush(cli_raw_stdout()) != 0) {
		cli_error("%s", _("cannot write to standard output"));
		return CLI_USAGE;
	}
	return CLI_OK;
}

/* -o naming the deployment file itself (under any name) would replace
 * the deployment with the export. */
static bool is_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

int cmd_export(const struct cli_args *a)
{
	const struct format *f = NULL;
	struct deployment *d = NULL;
	const char *out = cli_arg(a, "--output"), *why, *path;
	char *text;
	int rc;

	if (a->noperands != 2)
		return cli_usage("export", NULL);
	if (strcmp(a->operand[0], "ps1") == 0) {
		cli_error("%s", _("export ps1 is gone: its cmdlets run on different servers. Use "
				  "export frontend-ps1 (runs on a Front End Server) and export "
				  "edge-ps1 (runs on each Edge Server)."));
		return CLI_USAGE;
	}
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(a->operand[0], formats[i].name) == 0)
			f = &formats[i];
	if (!f) {
		char *shown = diag_escape(a->operand[0]);

		cli_error(_("unknown export format: %s"), shown);
		free(shown);
		return cli_usage("export", NULL);
	}
	path = a->operand[1];
	if (out && strcmp(out, "-") != 0 && strcmp(path, "-") != 0 && is_same_file(out, path)) {
		cli_error(_("%s: -o names the deployment file itself; choose another output file"),
			  out);
		return CLI_USAGE;
	}
	rc = cli_load(path, &d);
	if (rc != CLI_OK)
		return rc;
	why = missing(f, d);
	if (why) {
		cli_error(_("%s: nothing to export as %s: %s"), cli_shown(path), f->name, why);
		deployment_free(d);
		return CLI_PROBLEMS;
	}
	text = f->run(d);
	rc = write_out(out, text);
	free(text);
	deployment_free(d);
	return rc;
}
