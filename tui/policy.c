/* SPDX-License-Identifier: ISC */
/* The home screen's entry for the access policy and federation form. */
#include "config.h"

#include <stddef.h>

#include "i18n.h"
#include "tui/screens.h"
#include "wizards/policy.h"

static int run(struct tui *t)
{
	return tui_run_wizard(t, &wpolicy_form, NULL);
}

const struct tui_entry tui_entry_policy = {
	.label = N_("Access policy and federation"),
	.caption = N_("Edit"),
	.help = N_("The external access policy the Front End's script sets (global, a site's "
		   "or a user policy) and federation on the Access Edge."),
	.run = run,
};
