/* SPDX-License-Identifier: ISC */
/* topology: the Edge topology page (SIP domains, Edge FQDNs, XMPP proxy
 * and domains). Lync reads these from its topology; we ask for them. The
 * certificate wizard shows the page when the file lacks them, and the home
 * screen opens it as a form. */
#ifndef XMPPGW_WIZARDS_TOPOLOGY_H
#define XMPPGW_WIZARDS_TOPOLOGY_H

#include "wizards/wizard.h"

/* The page's fields and checks, for wizards that show the page with
 * their own title, intro and skip(); they bind to c->d only (no state).
 * The table is indexed by this enumeration, whose last member counts it. */
enum topology_field {
	TOPOLOGY_SIP_DOMAINS,
	TOPOLOGY_ACCESS_EDGE,
	TOPOLOGY_WEBCONF_EDGE,
	TOPOLOGY_AV_EDGE,
	TOPOLOGY_XMPP_PROXY,
	TOPOLOGY_XMPP_DOMAINS,
	TOPOLOGY_NFIELDS
};
extern const struct wfield topology_fields[TOPOLOGY_NFIELDS];
void topology_page_validate(struct wctx *c, struct diags *out);
/* The page as the home screen shows it. */
extern const struct wpage topology_page;
/* The page as a one-page form (OK / Cancel). */
extern const struct wizard topology_form;

#endif
