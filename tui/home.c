/* SPDX-License-Identifier: ISC */
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
	&tui_entry_policy,
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

	deployment_validate(t->s->d, NULL, &dg);
	n = diags_error_fields(&dg);
	diags_free(&dg);
	if (!tui_unsaved(t) && t->s->file_errors > n)
		n = t->s->file_errors;
	return n;
}

static char *summary_text(struct tui *t)
{
	return home_summary(t->s->d, tui_base_dir(t), problems(t), time(NULL));
}

static char *warnings_text(struct tui *t)
{
	return xstrdup(home_warnings());
}

static char *name(struct tui *t)
{
	return home_name(t->s->d, t->s->path);
}

static bool get_builder(const struct wctx *c)
{
	return c->d->topo.builder_done;
}

/* The home screen edits the deployment itself, not a working copy. */
static void set_builder(struct wctx *c, bool v)
{
	c->d->topo.builder_done = v;
	tui_changed(tui_menu_tui(c));
}

static char *builder_text(const struct wctx *c)
{
	return c->d->topo.builder_done ? NULL : xstrdup(home_builder_steps());
}

static const struct wfield builder_field = {
	.id = "builder", .label = N_("Topology Builder step done"), .kind = WF_CHECK,
	.diag = "topology.builder_done",
	/* TRANSLATORS: %s is a key name such as Space */
	.help = N_("No cmdlet does this step. In Topology Builder: the site's Edit Properties, "
		   "tick XMPP federation and choose the Edge pool; publish the topology; run "
		   "Setup again (Lync Server Deployment Wizard) on each Front End Server and "
		   "each Edge Server. To verify: netstat -ano | findstr 5269 on the Edge shows "
		   "the XMPP proxy listening, and netstat -ano | findstr 23456 shows the Front "
		   "End's XMPP gateway reaching the Edge's internal interface. %s ticks it "
		   "once done; the Front End's script then leaves the step out."),
	.help_keys = KEYACTS(TK_TOGGLE),
	.get_bool = get_builder, .set_bool = set_builder, .text = builder_text,
};

void home_run(struct tui *t)
{
	const struct tui_menu m = {
		.title = _("xmppgw: Lync Server 2013 XMPP gateway"),
		/* TRANSLATORS: %1$s and %2$s are key names such as Ctrl-O and Ctrl-X */
		.help = N_("The deployment file keeps everything the wizards learn. "
			   "%1$s saves it; %2$s quits."),
		.help_keys = KEYACTS(TK_SAVE, TK_QUIT),
		.entries = home_entries,
		.n = sizeof home_entries / sizeof *home_entries,
		.above = summary_text,
		.below = warnings_text,
		.retitle = name,
		.extra = &builder_field,
		.nextra = 1,
		.home = true,
	};

	tui_menu_run(t, &m);
}
