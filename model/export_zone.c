/* SPDX-License-Identifier: ISC */
/* BIND zone-file lines. Every name is absolute and every record carries its
 * TTL, so the lines mean the same pasted into any zone file, whatever its
 * $ORIGIN and $TTL. */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "san.h"
#include "validate.h"
#include "xalloc.h"

/* name with exactly one trailing dot, or NULL when it is not a DNS name (a
 * line break or a space would make a record of its own). */
static char *absolute(const char *name)
{
	size_t n;

	if (!name || !*name || validate_dns_name(name, NULL) == VALID_ERR)
		return NULL;
	n = strlen(name);
	return name[n - 1] == '.' ? xstrdup(name) : xasprintf("%s.", name);
}

static void put_srv(struct strlist *l, const struct deployment *d,
		    const struct strlist *domains, const char *target)
{
	bool skipped = false;

	for (size_t i = 0; i < domains->n; i++) {
		char *owner = absolute(domains->v[i]);

		if (!owner) {
			skipped = true;
			continue;
		}
		strlist_pushf(l, "_xmpp-server._tcp.%s %d IN SRV %d %d %d %s", owner, d->dns.ttl,
		    d->dns.priority, d->dns.weight, XMPP_SERVER_PORT, target);
		free(owner);
	}
	if (skipped)
		strlist_push_lines(l, ";", _("Domains that are not valid DNS names were left out."));
}

static void put_address(struct strlist *l, const struct deployment *d, const char *target)
{
	char *a = xasprintf(_("%s %d IN A <the Access Edge's external IPv4 address>"), target,
			    d->dns.ttl);
	char *aaaa = xasprintf(_("%s %d IN AAAA <its IPv6 address, if it has one>"), target,
			       d->dns.ttl);

	strlist_push(l, "");
	strlist_push_lines(l, ";", _("The SRV target needs an address record, in the zone that holds "
				     "its name:"));
	strlist_push_lines(l, ";", a);
	strlist_push_lines(l, ";", aaaa);
	free(aaaa);
	free(a);
}

/* Which domains get a record: a partner checks the certificate against
 * the domain it dialled, so each one must be on it too. */
static const char *srv_source(const struct deployment *d)
{
	if (san_srv_from_xmpp(d))
		return _("One SRV record per XMPP domain (topology.xmpp_domains).\n"
			 "Partners check the Edge certificate against the domain they dial: each "
			 "domain here is on it.");
	return _("One SRV record per SIP domain (topology.sip_domains; no XMPP domain applies).\n"
		 "Partners check the Edge certificate against the domain they dial: each "
		 "domain here is on it.");
}

char *export_zone(const struct deployment *d)
{
	struct strlist lines = {0};
	const char *name = d->dns.srv_target && *d->dns.srv_target ? d->dns.srv_target
								    : d->topo.access_edge_fqdn;
	char *target = absolute(name), *out;
	struct strlist domains = {0};
	char *internal;

	san_srv_domains(d, &domains);
	strlist_push_lines(&lines, ";", _("DNS records for the Lync Server 2013 XMPP gateway, written by "
					  "xmppgw.\n"
					  "Each SRV line belongs in the external zone of its domain."));
	strlist_push_lines(&lines, ";", srv_source(d));
	internal = san_internal_note(d);
	if (internal) {
		char *w = xasprintf(_("Warning: %s"), internal);

		strlist_push_lines(&lines, ";", w);
		free(w);
		free(internal);
	}
	if (!target)
		strlist_push_lines(&lines, ";", _("Nothing to publish: the deployment has no valid Access "
						  "Edge FQDN (or dns.srv_target)."));
	else if (domains.n == 0)
		strlist_push_lines(&lines, ";", _("Nothing to publish: the deployment has no SIP domain."));
	else
		put_srv(&lines, d, &domains, target);
	strlist_free(&domains);
	if (target)
		put_address(&lines, d, target);
	strlist_push(&lines, "");
	strlist_push_lines(&lines, ";", _("Firewall:\n"
					  "TCP 5269 in and out on the Access Edge external interface (XMPP "
					  "partners).\n"
					  "MTLS 23456 from the Front End's XMPP gateway to the Edge internal "
					  "interface."));
	strlist_push(&lines, ""); /* the last line ends too */
	out = strlist_join(&lines, "\n");
	strlist_free(&lines);
	free(target);
	return out;
}
