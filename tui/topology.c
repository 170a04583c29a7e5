/* SPDX-License-Identifier: ISC */
/* The home screen's entry for the Edge topology form. */
#include "config.h"

#include "i18n.h"
#include "tui/screens.h"
#include "wizards/topology.h"

static int run(struct tui *t)
{
	return tui_run_wizard(t, &topology_form, NULL);
}

const struct tui_entry tui_entry_topology = {
	.label = N_("Edge topology"),
	.caption = N_("Edit"),
	.help = N_("SIP domains, the Edge pool's external names, the XMPP proxy and domains."),
	.run = run,
};
