/* The Lync Management Shell script. Windows PowerShell reads a script without
 * a byte order mark in the ANSI code page, where bytes 0x91-0x92 are quote
 * characters: the script is UTF-8 with a BOM so that it is read as written,
 * and has CRLF line ends so that Notepad on Windows Server 2008 R2 to 2012 R2
 * shows it as lines. */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "psquote.h"
#include "san.h"
#include "validate.h"
#include "xalloc.h"

static bool set(const char *s)
{
	return s && *s;
}

/* "    key = 'value'", or $null when the deployment leaves it empty. */
static void put_string(struct strlist *l, const char *key, const char *value)
{
	char *q;

	if (!set(value)) {
		strlist_pushf(l, "    %s = $null", key);
		return;
	}
	q = psquote_text(value, true);
	strlist_pushf(l, "    %s = %s", key, q);
	free(q);
}

static void put_bool(struct strlist *l, const char *key, bool v)
{
	strlist_pushf(l, "    %s = %s", key, v ? "$true" : "$false");
}

static void put_header(struct strlist *l, const struct deployment *d)
{
	char *joined = strlist_join(&d->topo.sip_domains, ", ");
	char *edge = psquote_text(set(d->topo.access_edge_fqdn) ? d->topo.access_edge_fqdn
								: _("(none)"), false);
	char *sip = psquote_text(d->topo.sip_domains.n ? joined : _("(none)"), false);
	char *text = xasprintf(_("Lync Server 2013 XMPP gateway: federated partners, access "
				 "policy, Edge certificate.\n"
				 "Written by xmppgw from the deployment with Access Edge %s,\n"
				 "SIP domains %s, and %zu XMPP federated partner(s).\n"
				 "\n"
				 "Run it in the Lync Server Management Shell. It can be run "
				 "again: a partner\n"
				 "that exists is updated to match the deployment, a missing one "
				 "is created.\n"
				 "Values the deployment leaves empty are passed as $null, the "
				 "cmdlets' way\n"
				 "to empty them, so that Set-CsXmppAllowedPartner also clears "
				 "what an earlier\n"
				 "run set."), edge, sip, d->npartners);

	strlist_push_lines(l, "#", text);
	strlist_push(l, "");
	strlist_push(l, "$ErrorActionPreference = 'Stop'");
	free(text);
	free(sip);
	free(edge);
	free(joined);
}

/* One splatted parameter set serves both cmdlets, so New and Set cannot
 * drift apart; the additional domains replace the whole list. */
static void put_partner(struct strlist *l, const struct partner *p)
{
	char *name = psquote_text(p->domain, false);
	char *title = xasprintf(_("XMPP federated partner %s"), name);

	strlist_push(l, "");
	strlist_push_lines(l, "#", title);
	strlist_push(l, "$partner = @{");
	put_string(l, "Identity", p->domain);
	put_string(l, "Description", p->description);
	if (p->additional_domains.n) {
		char *domains = psquote_array(&p->additional_domains);

		strlist_pushf(l, "    AdditionalDomains = %s", domains);
		free(domains);
	} else {
		strlist_push(l, "    AdditionalDomains = $null");
	}
	strlist_pushf(l, "    PartnerType = '%s'", partner_type_name(p->type));
	strlist_pushf(l, "    TlsNegotiation = '%s'", neg_name(p->tls));
	strlist_pushf(l, "    SaslNegotiation = '%s'", neg_name(p->sasl));
	put_bool(l, "SupportDialbackNegotiation", p->dialback);
	put_bool(l, "EnableKeepAlive", p->keep_alive);
	put_string(l, "ProxyFqdn", p->proxy_fqdn);
	strlist_push(l, "}");
	strlist_push(l, "if (Get-CsXmppAllowedPartner -Identity $partner.Identity "
		     "-ErrorAction SilentlyContinue) {");
	strlist_push(l, "    Set-CsXmppAllowedPartner @partner");
	strlist_push(l, "} else {");
	strlist_push(l, "    New-CsXmppAllowedPartner @partner");
	strlist_push(l, "}");
	free(title);
	free(name);
}

static void put_partners(struct strlist *l, const struct deployment *d)
{
	if (d->npartners == 0) {
		strlist_push(l, "");
		strlist_push_lines(l, "#", _("The deployment has no XMPP federated partners."));
	}
	for (size_t i = 0; i < d->npartners; i++)
		put_partner(l, d->partners[i]);
}

static void put_policies(struct strlist *l, const struct deployment *d)
{
	strlist_push(l, "");
	if (d->policy.enable_xmpp_access) {
		strlist_push_lines(l, "#", _("Users need an external access policy that allows XMPP: the "
					     "global one will."));
		strlist_push(l, "Set-CsExternalAccessPolicy -Identity global -EnableXmppAccess $true");
	} else {
		strlist_push_lines(l, "#", _("The deployment leaves XMPP access off in the global external "
					     "access policy:\n"
					     "users need a policy with -EnableXmppAccess $true to reach XMPP "
					     "contacts."));
	}
	strlist_push(l, "");
	strlist_push_lines(l, "#", _("XMPP partners reach Lync as federated traffic through the Access "
				     "Edge: unless\n"
				     "the Edge allows federated users, it refuses them even with the "
				     "partners defined."));
	strlist_push(l, "Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true");
}

/* Every SIP domain of the topology has its sip.<domain> name chosen. */
static bool all_sip_domains(const struct deployment *d)
{
	const struct strlist *all = &d->topo.sip_domains;

	for (size_t i = 0; i < all->n; i++)
		if (strlist_find_ci(&d->cert.sip_domain_sans, all->v[i]) < 0)
			return false;
	return all->n > 0;
}

/* The SANs Request-CsCertificate must be told: all but the subject, and
 * without the sip.<domain> names when -AllSipDomain adds them. A name that
 * is not a DNS name is left out: a comma in it would add a name nobody
 * chose. */
static void request_domains(const struct deployment *d, bool all_sip, struct strlist *out)
{
	struct strlist sans = {0};

	san_derive(d, &sans);
	for (size_t i = 0; i < sans.n; i++) {
		const char *name = sans.v[i];
		bool sip = false;

		for (size_t j = 0; all_sip && j < d->cert.sip_domain_sans.n; j++)
			sip |= strncasecmp(name, "sip.", 4) == 0 &&
			       strcasecmp(name + 4, d->cert.sip_domain_sans.v[j]) == 0;
		if (!sip && strcasecmp(name, d->topo.access_edge_fqdn) != 0 &&
		    validate_dns_name(name, NULL) != VALID_ERR)
			strlist_push(out, name);
	}
	strlist_free(&sans);
}

static void put_request_names(struct strlist *l, const struct deployment *d)
{
	const struct certreq *c = &d->cert;
	bool all_sip = all_sip_domains(d);
	struct strlist names = {0};

	if (all_sip)
		put_bool(l, "AllSipDomain", true);
	request_domains(d, all_sip, &names);
	if (names.n) {
		char *joined = strlist_join(&names, ",");

		put_string(l, "DomainName", joined);
		free(joined);
	}
	strlist_free(&names);
	if (set(c->template_name))
		put_string(l, "Template", c->template_name);
	if (c->client_eku)
		put_bool(l, "ClientEku", true);
	put_string(l, "Output", c->request_file);
}

static void put_if_set(struct strlist *l, const char *key, const char *value)
{
	if (set(value))
		put_string(l, key, value);
}

static void put_request(struct strlist *l, const struct deployment *d)
{
	const struct certreq *c = &d->cert;

	strlist_push(l, "");
	if (!set(d->topo.access_edge_fqdn) || !set(c->request_file)) {
		strlist_push_lines(l, "#", _("No certificate request: the deployment has no Access Edge "
					     "FQDN or no request file."));
		return;
	}
	strlist_push_lines(l, "#", _("The Edge external certificate (Access Edge, Web Conferencing Edge "
				     "and A/V\n"
				     "authentication in one), requested as the Deployment Wizard does. "
				     "Send the\n"
				     "request file to the CA."));
	strlist_push(l, "$request = @{");
	put_bool(l, "New", true);
	strlist_push(l, "    Type = 'AccessEdgeExternal', 'DataEdgeExternal', "
		     "'AudioVideoAuthentication'");
	put_if_set(l, "FriendlyName", c->friendly_name);
	strlist_pushf(l, "    KeySize = %d", c->key_bits);
	put_bool(l, "PrivateKeyExportable", true);
	put_if_set(l, "Organization", c->organization);
	put_if_set(l, "OU", c->organizational_unit);
	put_if_set(l, "Country", c->country);
	put_if_set(l, "State", c->state);
	put_if_set(l, "City", c->city);
	put_request_names(l, d);
	strlist_push(l, "}");
	strlist_push(l, "Request-CsCertificate @request");
}

static void put_restart(struct strlist *l)
{
	strlist_push(l, "");
	strlist_push_lines(l, "#", _("Once the CA has issued the certificate and it is imported and "
				     "assigned on the\n"
				     "Edge, restart the Edge services so that they use it. Federation "
				     "drops while\n"
				     "they restart: run these two on the Edge Server in a maintenance "
				     "window."));
	strlist_push(l, "# Stop-CsWindowsService");
	strlist_push(l, "# Start-CsWindowsService");
}

char *export_ps1(const struct deployment *d)
{
	struct strlist lines = {0};
	char *body, *out;

	put_header(&lines, d);
	put_partners(&lines, d);
	put_policies(&lines, d);
	put_request(&lines, d);
	put_restart(&lines);
	strlist_push(&lines, ""); /* the last line ends too */
	body = strlist_join(&lines, "\r\n");
	out = xasprintf("\xEF\xBB\xBF%s", body);
	free(body);
	strlist_free(&lines);
	return out;
}
