/* SPDX-License-Identifier: ISC */
/* The Edge topology page. */
#include "config.h"

#include "wizards/topology.h"

#include "i18n.h"
#include "xalloc.h"

static struct strlist *sip_domains(struct wctx *c)
{
	return &c->d->topo.sip_domains;
}

static const char *get_access(const struct wctx *c)
{
	return c->d->topo.access_edge_fqdn;
}

static void set_access(struct wctx *c, const char *s)
{
	xstrset(&c->d->topo.access_edge_fqdn, s);
}

static const char *get_webconf(const struct wctx *c)
{
	return c->d->topo.webconf_edge_fqdn;
}

static void set_webconf(struct wctx *c, const char *s)
{
	xstrset(&c->d->topo.webconf_edge_fqdn, s);
}

static const char *get_av(const struct wctx *c)
{
	return c->d->topo.av_edge_fqdn;
}

static void set_av(struct wctx *c, const char *s)
{
	xstrset(&c->d->topo.av_edge_fqdn, s);
}

static bool get_proxy(const struct wctx *c)
{
	return c->d->topo.xmpp_proxy;
}

static void set_proxy(struct wctx *c, bool v)
{
	c->d->topo.xmpp_proxy = v;
}

static bool proxy_on(const struct wctx *c)
{
	return c->d->topo.xmpp_proxy;
}

static struct strlist *xmpp_domains(struct wctx *c)
{
	return &c->d->topo.xmpp_domains;
}

void topology_page_validate(struct wctx *c, struct diags *out)
{
	topology_validate(&c->d->topo, NULL, out);
}

const struct wfield topology_fields[TOPOLOGY_NFIELDS] = {
	{.id = "sip_domains", .label = N_("SIP domains (the first is the primary):"),
	 .kind = WF_LIST, .flags = WFF_REQUIRED, .maxlen = 253, .diag = "topology.sip_domains",
	 .help = N_("Every SIP domain of the Lync deployment (contoso.com). Enter on an entry "
		    "edits it; Enter on Add adds one; Delete removes the entry."),
	 .list = sip_domains},
	{.id = "access_edge_fqdn", .label = N_("Access Edge FQDN:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 64, .diag = "topology.access_edge_fqdn",
	 .help = N_("The external name of the Access Edge service (sip.contoso.com). It becomes "
		    "the certificate's subject name (CN) and its first alternative name."),
	 .get_text = get_access, .set_text = set_access},
	{.id = "webconf_edge_fqdn", .label = N_("Web Conferencing Edge FQDN:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 253, .diag = "topology.webconf_edge_fqdn",
	 .help = N_("The external name of the Web Conferencing Edge service "
		    "(webcon.contoso.com); it goes into the certificate's alternative names."),
	 .get_text = get_webconf, .set_text = set_webconf},
	{.id = "av_edge_fqdn", .label = N_("A/V Edge FQDN:"), .kind = WF_TEXT, .maxlen = 253,
	 .diag = "topology.av_edge_fqdn",
	 .help = N_("The external name of the A/V Edge service (av.contoso.com). Optional: the "
		    "certificate does not need it."),
	 .get_text = get_av, .set_text = set_av},
	{.id = "xmpp_proxy", .label = N_("The XMPP proxy is installed on this Edge pool"),
	 .kind = WF_CHECK, .diag = "topology.xmpp_proxy",
	 .help = N_("With the XMPP proxy installed, each XMPP domain must be an alternative "
		    "name of the certificate."),
	 .get_bool = get_proxy, .set_bool = set_proxy},
	{.id = "xmpp_domains", .label = N_("XMPP domains:"), .kind = WF_LIST,
	 .flags = WFF_REQUIRED, .maxlen = 253, .diag = "topology.xmpp_domains",
	 .help = N_("The domains the XMPP gateway serves (contoso.com, or child domains such "
		    "as corp.contoso.com). Each becomes an alternative name of the certificate."),
	 .visible = proxy_on, .list = xmpp_domains},
};

const struct wpage topology_page = {
	.id = "topology",
	.title = N_("Edge Topology"),
	.intro = N_("Lync reads these names from its topology; type them as the Topology "
		    "Builder shows them."),
	.help = N_("The Edge pool's external names and the SIP and XMPP domains. The "
		   "certificate's subject and alternative names are derived from them."),
	.fields = topology_fields,
	.nfields = TOPOLOGY_NFIELDS,
	.validate = topology_page_validate,
};

const struct wizard topology_form = {
	.id = "topology",
	.title = N_("Edge topology"),
	.pages = &topology_page,
	.npages = 1,
	.flags = WZF_FORM,
};
