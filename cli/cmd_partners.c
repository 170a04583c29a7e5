/* SPDX-License-Identifier: ISC */
/* xmppgw partners list|add|remove: the XMPP federated partners in batch,
 * through the same validation as the partner form. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "depfile.h"
#include "fsafe.h"
#include "i18n.h"
#include "xalloc.h"

enum {
	OPT_DOMAIN = 256,
	OPT_TYPE,
	OPT_TLS,
	OPT_SASL,
	OPT_DIALBACK,
	OPT_ADDITIONAL,
	OPT_DESCRIPTION,
	OPT_KEEP_ALIVE,
	OPT_PROXY_FQDN,
	OPT_HEADER,
};

static int usage(void)
{
	cli_error("%s", _("usage: xmppgw partners list FILE [--header]\n"
			  "       xmppgw partners add FILE --domain D [--type T] [--tls V] "
			  "[--sasl V]\n"
			  "                 [--dialback true|false] [--additional D1,D2] "
			  "[--description S]\n"
			  "                 [--keep-alive true|false] [--proxy-fqdn F]\n"
			  "       xmppgw partners remove FILE DOMAIN"));
	return CLI_USAGE;
}

/* After getopt_long returned '?': names what it did not take. */
static int bad_option(char **argv)
{
	cli_error(_("unknown option or missing value: %s"), argv[optind - 1]);
	return usage();
}

/* The field as one TSV cell: tabs and line breaks would split the record. */
static void put_cell(const char *s, bool last)
{
	for (; s && *s; s++)
		putchar((unsigned char)*s < 0x20 ? ' ' : *s);
	putchar(last ? '\n' : '\t');
}

static void list_partner(const struct partner *p)
{
	char *additional = strlist_join(&p->additional_domains, ",");

	put_cell(p->domain, false);
	put_cell(partner_type_name(p->type), false);
	put_cell(neg_name(p->tls), false);
	put_cell(neg_name(p->sasl), false);
	put_cell(p->dialback ? "true" : "false", false);
	put_cell(p->keep_alive ? "true" : "false", false);
	put_cell(additional, false);
	put_cell(p->description, false);
	put_cell(p->proxy_fqdn, true);
	free(additional);
}

/* One partner a line, tab-separated, in the file's order; no header unless
 * asked, so that cut and awk read it as is. */
static int partners_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{"header", no_argument, NULL, OPT_HEADER},
		{NULL, 0, NULL, 0},
	};
	struct deployment *d;
	bool header = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != OPT_HEADER)
			return bad_option(argv);
		header = true;
	}
	if (argc - optind != 1)
		return usage();
	rc = cli_load(argv[optind], &d);
	if (rc != CLI_OK)
		return rc;
	if (header)
		fputs("domain\ttype\ttls\tsasl\tdialback\tkeep_alive\tadditional_domains\t"
		      "description\tproxy_fqdn\n", stdout);
	for (size_t i = 0; i < d->npartners; i++)
		list_partner(d->partners[i]);
	deployment_free(d);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("%s", _("cannot write to standard output"));
		return CLI_USAGE;
	}
	return CLI_OK;
}

static int bad_value(const char *option, const char *value, const char *allowed)
{
	cli_error(_("%s: \"%s\" is not one of: %s"), option, value, allowed);
	return CLI_USAGE;
}

static int bool_parse(const char *s)
{
	if (strcasecmp(s, "true") == 0)
		return 1;
	return strcasecmp(s, "false") == 0 ? 0 : -1;
}

/* Sets one field of p from an option; CLI_USAGE for a value the field
 * cannot take (the reason printed). */
static int apply(struct partner *p, int opt, const char *arg)
{
	int v;

	switch (opt) {
	case OPT_DOMAIN:
		xstrset(&p->domain, arg);
		return CLI_OK;
	case OPT_TYPE:
		if ((v = partner_type_parse(arg)) < 0)
			return bad_value("--type", arg, "Federated, PublicVerified, PublicUnverified");
		p->type = (enum partner_type)v;
		return CLI_OK;
	case OPT_TLS:
	case OPT_SASL:
		if ((v = neg_parse(arg)) < 0)
			return bad_value(opt == OPT_TLS ? "--tls" : "--sasl", arg,
					 "Required, Optional, NotSupported");
		*(opt == OPT_TLS ? &p->tls : &p->sasl) = (enum neg)v;
		return CLI_OK;
	case OPT_DIALBACK:
	case OPT_KEEP_ALIVE:
		if ((v = bool_parse(arg)) < 0)
			return bad_value(opt == OPT_DIALBACK ? "--dialback" : "--keep-alive", arg,
					 "true, false");
		*(opt == OPT_DIALBACK ? &p->dialback : &p->keep_alive) = v;
		return CLI_OK;
	case OPT_ADDITIONAL:
		strlist_split(&p->additional_domains, arg);
		return CLI_OK;
	case OPT_DESCRIPTION:
		xstrset(&p->description, arg);
		return CLI_OK;
	case OPT_PROXY_FQDN:
		xstrset(&p->proxy_fqdn, arg);
		return CLI_OK;
	}
	return usage();
}

/* The partner the options describe, from partner_new's defaults (row 7 of
 * the negotiation table); NULL on bad usage (already reported). */
static struct partner *parse_partner(int argc, char **argv)
{
	static const struct option opts[] = {
		{"domain", required_argument, NULL, OPT_DOMAIN},
		{"type", required_argument, NULL, OPT_TYPE},
		{"tls", required_argument, NULL, OPT_TLS},
		{"sasl", required_argument, NULL, OPT_SASL},
		{"dialback", required_argument, NULL, OPT_DIALBACK},
		{"additional", required_argument, NULL, OPT_ADDITIONAL},
		{"description", required_argument, NULL, OPT_DESCRIPTION},
		{"keep-alive", required_argument, NULL, OPT_KEEP_ALIVE},
		{"proxy-fqdn", required_argument, NULL, OPT_PROXY_FQDN},
		{NULL, 0, NULL, 0},
	};
	struct partner *p = partner_new(NULL);
	bool domain = false;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?' || apply(p, c, optarg) != CLI_OK) {
			if (c == '?')
				bad_option(argv);
			partner_free(p);
			return NULL;
		}
		domain |= c == OPT_DOMAIN;
	}
	if (!domain || argc - optind != 1) {
		usage();
		partner_free(p);
		return NULL;
	}
	return p;
}

/* Prints every diagnostic; true when one of them is an error. */
static bool report(const char *path, const struct diags *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *line = diag_format(path, &diags->v[i]);

		cli_error("%s", line);
		free(line);
	}
	return diags->errors > 0;
}

static int save(const char *path, const struct deployment *d)
{
	char *err = NULL;

	if (depfile_save(path, d, &err) == 0)
		return CLI_OK;
	cli_error("%s", err);
	free(err);
	return CLI_USAGE;
}

static int partners_add(int argc, char **argv)
{
	struct partner *p = parse_partner(argc, argv);
	struct diags diags = {0};
	struct deployment *d = NULL;
	const char *path;
	int rc, lock = -1;

	if (!p)
		return CLI_USAGE;
	path = argv[optind];
	rc = cli_load_locked(path, &d, &lock);
	if (rc != CLI_OK)
		goto out;
	partner_validate(d, p, -1, "partner", NULL, &diags);
	if (report(path, &diags)) {
		rc = CLI_PROBLEMS;
		goto out;
	}
	deployment_add_partner(d, p);
	p = NULL;
	rc = save(path, d);
out:
	fsafe_unlock(lock);
	diags_free(&diags);
	deployment_free(d);
	partner_free(p);
	return rc;
}

static int partners_remove(int argc, char **argv)
{
	static const struct option none[] = {{NULL, 0, NULL, 0}};
	struct deployment *d;
	const char *path, *name;
	long other;
	int rc, lock;

	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return bad_option(argv);
	if (argc - optind != 2)
		return usage();
	path = argv[optind];
	name = argv[optind + 1];
	rc = cli_load_locked(path, &d, &lock);
	if (rc != CLI_OK)
		return rc;
	for (size_t i = 0; i < d->npartners; i++)
		if (strcasecmp(d->partners[i]->domain, name) == 0) {
			deployment_remove_partner(d, i);
			rc = save(path, d);
			fsafe_unlock(lock);
			deployment_free(d);
			return rc;
		}
	fsafe_unlock(lock);
	other = deployment_find_domain(d, name, -1);
	if (other >= 0)
		cli_error(_("%s: %s is an additional domain of partner %s; remove that partner or "
			    "edit its additional domains"), path, name, d->partners[other]->domain);
	else
		cli_error(_("%s: no partner has the primary domain %s"), path, name);
	deployment_free(d);
	return CLI_PROBLEMS;
}

int cmd_partners(int argc, char **argv)
{
	opterr = 0;
	optind = 1;
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "list") == 0)
		return partners_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "add") == 0)
		return partners_add(argc - 1, argv + 1);
	if (strcmp(argv[1], "remove") == 0)
		return partners_remove(argc - 1, argv + 1);
	return usage();
}
