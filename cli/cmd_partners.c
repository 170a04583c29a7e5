/* SPDX-License-Identifier: ISC */
/* xmppgw partners list|add|remove: the XMPP federated partners in batch,
 * through the same validation as the partner form. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/table.h"
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
};

/* The usage of the subcommand given, not of all three. */
static int usage(const struct cli_args *a)
{
	return cli_usage(a->cmd->name, a->cmd->sub);
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
int cmd_partners_list(const struct cli_args *a)
{
	struct deployment *d;
	int rc;

	if (a->noperands != 1)
		return usage(a);
	rc = cli_load(a->operand[0], &d);
	if (rc != CLI_OK)
		return rc;
	if (cli_arg(a, "--header"))
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
	return cli_usage("partners", "add");
}

/* The partner the options describe, from partner_new's defaults (row 7 of
 * the negotiation table); NULL on bad usage (already reported). */
static struct partner *parse_partner(const struct cli_args *a)
{
	static const struct {
		const char *name;
		int opt;
	} fields[] = {
		{"--domain", OPT_DOMAIN},
		{"--type", OPT_TYPE},
		{"--tls", OPT_TLS},
		{"--sasl", OPT_SASL},
		{"--dialback", OPT_DIALBACK},
		{"--additional", OPT_ADDITIONAL},
		{"--description", OPT_DESCRIPTION},
		{"--keep-alive", OPT_KEEP_ALIVE},
		{"--proxy-fqdn", OPT_PROXY_FQDN},
	};
	struct partner *p;

	if (!cli_arg(a, "--domain") || a->noperands != 1) {
		usage(a);
		return NULL;
	}
	p = partner_new(NULL);
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		const char *v = cli_arg(a, fields[i].name);

		if (v && apply(p, fields[i].opt, v) != CLI_OK) {
			partner_free(p);
			return NULL;
		}
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

int cmd_partners_add(const struct cli_args *a)
{
	struct partner *p = parse_partner(a);
	struct diags diags = {0};
	struct deployment *d = NULL;
	const char *path;
	int rc, lock = -1;

	if (!p)
		return CLI_USAGE;
	path = a->operand[0];
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

int cmd_partners_remove(const struct cli_args *a)
{
	struct deployment *d;
	const char *path, *name;
	long other;
	int rc, lock;

	if (a->noperands != 2)
		return usage(a);
	path = a->operand[0];
	name = a->operand[1];
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
