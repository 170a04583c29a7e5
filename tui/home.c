/* The home screen is a menu (tui/menu.h): the deployment's state, a row
 * per entry of home_entries (each opening its screen), the warnings.
 * Buttons: Save, Quit. */
#include "config.h"

#include "tui/home.h"

#include <stdlib.h>
#include <time.h>

#include "i18n.h"
#include "tui/menu.h"
#include "tui/screens.h"
#include "tui/tui_int.h"
#include "wizards/home.h"
#include "xalloc.h"

/* In the order shown. A new screen adds its entry here (see engine.h). */
static const struct tui_entry *const home_entries[] = {
	&tui_entry_topology,
	&tui_entry_certwizard,
	&tui_entry_partners,
	&tui_entry_dns,
	&tui_entry_exports,
};

/* The problems of the deployment as it is now; while it is as loaded, at
 * least those the file had (some, like an unknown key, only the file can
 * show). */
static size_t problems(struct tui *t)
{
	struct diags dg = {0};
	size_t n;

	deployment_validate(t->d, NULL, &dg);
	n = dg.errors;
	diags_free(&dg);
	if (!tui_unsaved(t) && t->file_errors > n)
		n = t->file_errors;
	return n;
}

static char *summary_text(struct tui *t)
{
	return home_summary(t->d, problems(t), time(NULL));
}

static char *warnings_text(struct tui *t)
{
	return xstrdup(home_warnings());
}

static char *name(struct tui *t)
{
	return home_name(t->d, t->path);
}

void home_run(struct tui *t)
{
	const struct tui_menu m = {
		.title = _("xmppgw: Lync Server 2013 XMPP gateway"),
		.help = N_("The deployment file keeps everything the wizards learn. "
			   "Ctrl-O saves it; Ctrl-X quits."),
		.entries = home_entries,
		.n = sizeof home_entries / sizeof *home_entries,
		.above = summary_text,
		.below = warnings_text,
		.retitle = name,
		.home = true,
	};

	tui_menu_run(t, &m);
}
