/* The home screen's entry for the certificate wizard. */
#include "config.h"

#include "i18n.h"
#include "tui/screens.h"
#include "wizards/certwizard.h"

static int run(struct tui *t)
{
	return tui_run_wizard(t, &certwizard, NULL);
}

const struct tui_entry tui_entry_certwizard = {
	.label = N_("Step 3: Request, Install or Assign Certificates"),
	.caption = N_("Run"),
	.caption_fn = certwizard_caption,
	.help = N_("The Edge external certificate: a private key and the request for the CA."),
	.run = run,
};
