/* SPDX-License-Identifier: ISC */
/* The Exports screen: the form of wizards/exports.c on the page engine. */
#include "config.h"

#include <stddef.h>

#include "i18n.h"
#include "tui/screens.h"
#include "wizards/exports.h"

static int exports_run(struct tui *t)
{
	return tui_run_wizard(t, &wexport_wizard, NULL);
}

const struct tui_entry tui_entry_exports = {
	.label = N_("Exports"),
	.caption = N_("Open"),
	.help = N_("Writes and shows the Front End's script (XMPP federated partners, access "
		   "policy, Access Edge federation), the certreq INF and the DNS zone lines."),
	.run = exports_run,
};
