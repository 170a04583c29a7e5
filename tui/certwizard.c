/* SPDX-License-Identifier: ISC */
/* Step 3 on the home screen: Available Certificate Tasks, as Lync's
 * Certificate Wizard lists them, each a wizard run by the engine. */
#include "config.h"

#include <time.h>

#include "i18n.h"
#include "tui/menu.h"
#include "tui/screens.h"
#include "wizards/certtasks.h"
#include "wizards/certwizard.h"

/* Runs task k's wizard, or says why it cannot run yet. */
static int run_task(struct tui *t, enum certtask k, const struct wizard *w)
{
	const char *why = certtasks_blocked(k, tui_deployment(t));

	if (why) {
		tui_message(t, _("Not yet"), why);
		return TUI_CANCELLED;
	}
	return tui_run_wizard(t, w, NULL);
}

static int run_request(struct tui *t)
{
	return tui_run_wizard(t, &certwizard, NULL);
}

static int run_import(struct tui *t)
{
	return run_task(t, CT_IMPORT, &certimport_wizard);
}

static int run_pfx(struct tui *t)
{
	return run_task(t, CT_PFX, &certpfx_wizard);
}

static int run_assign(struct tui *t)
{
	return run_task(t, CT_ASSIGN, &certassign_wizard);
}

static const struct tui_entry task_request = {
	.label = N_("Create a new certificate request"),
	.caption = N_("Run"),
	.caption_fn = certwizard_caption,
	.run = run_request,
};

static const struct tui_entry task_import = {
	.label = N_("Process the pending request (the CA's answer)"),
	.caption = N_("Process"),
	.run = run_import,
};

static const struct tui_entry task_pfx = {
	.label = N_("Export the certificate to a .pfx file"),
	.caption = N_("Export"),
	.run = run_pfx,
};

static const struct tui_entry task_assign = {
	.label = N_("Assign the certificate (the Edge's script)"),
	.caption = N_("Assign"),
	.run = run_assign,
};

static const struct tui_entry *const tasks[] = {
	&task_request, &task_import, &task_pfx, &task_assign,
};

static char *state_text(struct tui *t)
{
	return certtasks_state(tui_deployment(t), tui_base_dir(t), time(NULL));
}

static int run(struct tui *t)
{
	const struct tui_menu m = {
		.title = _("Certificate Wizard"),
		.page_title = N_("Available Certificate Tasks"),
		.help = N_("The Edge external certificate from start to end: the request (with "
			   "its private key, made here), the CA's answer, a .pfx file for the "
			   "Edge, and the Edge's script that imports and assigns it."),
		.entries = tasks,
		.n = sizeof tasks / sizeof *tasks,
		.above = state_text,
	};

	return tui_menu_run(t, &m);
}

const struct tui_entry tui_entry_certwizard = {
	.label = N_("Step 3: Request, Install or Assign Certificates"),
	.caption = N_("Run"),
	.caption_fn = certwizard_caption,
	.help = N_("The Edge external certificate: the request and its private key, the CA's "
		   "answer, a .pfx file for the Edge, and its assignment."),
	.run = run,
};
