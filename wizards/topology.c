/* SPDX-License-Identifier: ISC */
/* The Edge topology page. */
#include "config.h"

#include "wizards/topology.h"

#include "i18n.h"
#include "xalloc.h"

static bool proxy_on(const struct wctx *c)
{
	return c->d->topo.xmpp_proxy;
}

void topology_page_validate(struct wctx *c, struct diags *out)
{
	topology_validate(&c->d->topo, NULL, out);
}

const struct wfield topology_fields[TOPOLOGY_NFIELDS] = {
	[TOPOLOGY_SIP_DOMAINS] =
	{.id = "sip_domains", .label = N_("SIP domains (the first is the primary):"),
	 .kind = WF_LIST, .flags = WFF_REQUIRED, .maxlen = 253, .key = "topology.sip_domains",
	 /* TRANSLATORS: %1$s and %2$s are key names such as Enter and Delete */
	 .help = N_("Every SIP domain of the Lync deployment (contoso.com). %1$s on an entry "
		    "edits it; %1$s on Add adds one; %2$s removes the entry."),
	 .help_keys = KEYACTS(TK_ENTER, TK_DELETE)},
	[TOPOLOGY_ACCESS_EDGE] =
	{.id = "access_edge_fqdn", .label = N_("Access Edge FQDN:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 64, .key = "topology.access_edge_fqdn",
	 .help = N_("The external name of the Access Edge service (sip.contoso.com). It becomes "
		    "the certificate's subject name (CN) and its first alternative name.")},
	[TOPOLOGY_WEBCONF_EDGE] =
	{.id = "webconf_edge_fqdn", .label = N_("Web Conferencing Edge FQDN:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 253, .key = "topology.webconf_edge_fqdn",
	 .help = N_("The external name of the Web Conferencing Edge service "
		    "(webcon.contoso.com); it goes into the certificate's alternative names.")},
	[TOPOLOGY_AV_EDGE] =
	{.id = "av_edge_fqdn", .label = N_("A/V Edge FQDN:"), .kind = WF_TEXT, .maxlen = 253,
	 .key = "topology.av_edge_fqdn",
	 .help = N_("The external name of the A/V Edge service (av.contoso.com). Optional: the "
		    "certificate does not need it.")},
	[TOPOLOGY_XMPP_PROXY] =
	{.id = "xmpp_proxy", .label = N_("The XMPP proxy is installed on this Edge pool"),
	 .kind = WF_CHECK, .key = "topology.xmpp_proxy",
	 .help = N_("With the XMPP proxy installed, each XMPP domain must be an alternative "
		    "name of the certificate.")},
	[TOPOLOGY_XMPP_DOMAINS] =
	{.id = "xmpp_domains", .label = N_("XMPP domains:"), .kind = WF_LIST,
	 .flags = WFF_REQUIRED, .maxlen = 253, .key = "topology.xmpp_domains",
	 .help = N_("The domains the XMPP gateway serves (contoso.com, or child domains such "
		    "as corp.contoso.com). Each becomes an alternative name of the certificate."),
	 .visible = proxy_on},
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
	.npages = 1, /* the page itself, not a table */
	.flags = WZF_FORM,
};
