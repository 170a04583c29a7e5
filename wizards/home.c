/* SPDX-License-Identifier: ISC */
/* The home screen's text. */
#include "config.h"

#include "wizards/home.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "san.h"
#include "strlist.h"
#include "wizards/certtasks.h"
#include "xalloc.h"

static bool set(const char *s)
{
	return s && *s;
}

char *home_name(const struct deployment *d, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (d->topo.sip_domains.n)
		return xstrdup(d->topo.sip_domains.v[0]);
	return xstrdup(slash ? slash + 1 : path);
}

bool home_topology_complete(const struct deployment *d)
{
	const struct topology *t = &d->topo;

	return t->sip_domains.n && set(t->access_edge_fqdn) && set(t->webconf_edge_fqdn) &&
	       (!t->xmpp_proxy || t->xmpp_domains.n);
}

static void missing_item(struct strlist *l, bool have, const char *name)
{
	if (!have)
		strlist_push(l, name);
}

static char *topology_line(const struct deployment *d)
{
	const struct topology *t = &d->topo;
	struct strlist miss = {0};
	char *s, *m;

	missing_item(&miss, t->sip_domains.n, _("SIP domains"));
	missing_item(&miss, set(t->access_edge_fqdn), _("Access Edge FQDN"));
	missing_item(&miss, set(t->webconf_edge_fqdn), _("Web Conferencing Edge FQDN"));
	missing_item(&miss, !t->xmpp_proxy || t->xmpp_domains.n, _("XMPP domains"));
	if (miss.n) {
		m = strlist_join(&miss, ", ");
		/* TRANSLATORS: %s lists what is missing, comma-separated:
		 * "SIP domains, Access Edge FQDN". */
		s = xasprintf(_("Topology: missing %s"), m);
		free(m);
	} else {
		m = strlist_join(&t->sip_domains, ", ");
		s = xasprintf(t->xmpp_proxy ? _("Topology: %s; Access Edge %s; XMPP proxy")
					    : _("Topology: %s; Access Edge %s"),
			      m, t->access_edge_fqdn);
		free(m);
	}
	strlist_free(&miss);
	return s;
}

static char *certificate_line(const struct deployment *d)
{
	const struct certreq *c = &d->cert;
	struct strlist miss = {0};
	char *s, *m;

	missing_item(&miss, set(c->organization), _("organization"));
	missing_item(&miss, set(c->country), _("country"));
	missing_item(&miss, set(c->state), _("state"));
	missing_item(&miss, set(c->city), _("city"));
	if (miss.n) {
		m = strlist_join(&miss, ", ");
		/* TRANSLATORS: %s lists the subject's empty fields,
		 * comma-separated: "country, city". */
		s = xasprintf(_("Certificate settings: missing %s"), m);
		free(m);
	} else {
		/* TRANSLATORS: the organization, the country code, the key
		 * size in bits. */
		s = c->template_name
			    /* TRANSLATORS: the same, then the certificate
			     * template's name ("WebServer"). */
			    ? xasprintf(_("Certificate settings: %s, %s, %d-bit key, template %s"),
					c->organization, c->country, c->key_bits,
					c->template_name)
			    : xasprintf(_("Certificate settings: %s, %s, %d-bit key"),
					c->organization, c->country, c->key_bits);
	}
	strlist_free(&miss);
	return s;
}

static char *dns_line(const struct deployment *d)
{
	const char *target = set(d->dns.srv_target) ? d->dns.srv_target : d->topo.access_edge_fqdn;
	struct strlist doms = {0};
	char *s;

	san_srv_domains(d, &doms);
	if (!doms.n || !set(target))
		s = xstrdup(_("DNS: needs the topology first"));
	else if (doms.n == 1)
		s = xasprintf(_("DNS: _xmpp-server._tcp.%s SRV -> %s:%d (TTL %d)"), doms.v[0],
			      target, XMPP_SERVER_PORT, d->dns.ttl);
	else
		s = xasprintf(ngettext("DNS: _xmpp-server._tcp.%s SRV and %zu other record "
				       "-> %s:%d (TTL %d)",
				       "DNS: _xmpp-server._tcp.%s SRV and %zu other records "
				       "-> %s:%d (TTL %d)", doms.n - 1),
			      doms.v[0], doms.n - 1, target, XMPP_SERVER_PORT, d->dns.ttl);
	strlist_free(&doms);
	return s;
}

static char *policy_line(const struct deployment *d)
{
	const char *id = set(d->policy.identity) ? d->policy.identity : "global";
	bool on = d->policy.enable_xmpp_access, edge = d->edge.allow_federated_users;

	/* TRANSLATORS: %s is the policy's identity ("global", "site:Redmond"). */
	if (on && edge)
		return xasprintf(_("Access policy %s: XMPP access enabled; the Access Edge "
				   "allows federated users"), id);
	if (on)
		return xasprintf(_("Access policy %s: XMPP access enabled; Access Edge left as "
				   "it is"), id);
	if (edge)
		return xasprintf(_("Access policy %s: XMPP access NOT enabled; the Access Edge "
				   "allows federated users"), id);
	return xasprintf(_("Access policy %s: XMPP access NOT enabled; Access Edge left as "
			   "it is"), id);
}

const char *home_builder_steps(void)
{
	return _("Topology Builder: the site's Edit Properties, tick XMPP federation, choose the "
		 "Edge pool; publish; run Setup again on the Front End and each Edge. Verify on "
		 "the Edge: netstat -ano | findstr 5269 (and 23456 from the Front End).");
}

char *home_summary(const struct deployment *d, const char *base_dir, size_t problems,
		   time_t now)
{
	struct strlist l = {0};
	char *s;

	if (problems)
		strlist_push_owned(&l, xasprintf(ngettext("Problems in the file: %zu (the wizard "
							  "pages show it beside its field)",
							  "Problems in the file: %zu (the wizard "
							  "pages show them beside their fields)",
							  problems), problems));
	strlist_push_owned(&l, topology_line(d));
	strlist_push(&l, d->topo.builder_done ? _("Topology Builder step: done")
					      : _("Topology Builder step: not done"));
	strlist_push_owned(&l, certificate_line(d));
	strlist_push_owned(&l, certtasks_state(d, base_dir, now));
	strlist_push_owned(&l, xasprintf(ngettext("XMPP federated partners: %zu",
						  "XMPP federated partners: %zu", d->npartners),
					 d->npartners));
	strlist_push_owned(&l, policy_line(d));
	strlist_push_owned(&l, dns_line(d));
	s = strlist_join(&l, "\n");
	strlist_free(&l);
	return s;
}

const char *home_warnings(void)
{
	return _("! No XMPP federation for users homed on Survivable Branch Appliances.\n"
		 "! Move all users to Lync Server 2013 first; do the three parts together to "
		 "keep the gateway's downtime short.");
}
