/* The home screen is an ordinary page built at run time: a note with the
 * deployment's state, a row per entry of home_entries (each opening its
 * screen), and a note with the warnings. Buttons: Save, Quit. */
#include "config.h"

#include "tui/home.h"

#include <stdlib.h>

#include "i18n.h"
#include "tui/page.h"
#include "tui/screens.h"
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

#define NENTRIES (sizeof home_entries / sizeof *home_entries)

struct home {
	struct tui *t;
	struct wpage *pg;
	char *title;
};

static struct home *home_of(const struct wctx *c)
{
	return c->state;
}

/* The problems of the deployment as it is now; while it is as loaded, at
 * least those the file had (some, like an unknown key, only the file can
 * show). */
static size_t problems(const struct wctx *c)
{
	const struct tui *t = home_of(c)->t;
	struct diags dg = {0};
	size_t n;

	deployment_validate(c->d, NULL, &dg);
	n = dg.errors;
	diags_free(&dg);
	if (!tui_unsaved(t) && t->file_errors > n)
		n = t->file_errors;
	return n;
}

static char *summary_text(const struct wctx *c)
{
	return home_summary(c->d, problems(c));
}

static char *warnings_text(const struct wctx *c)
{
	return xstrdup(home_warnings());
}

static void entry_items(const struct wctx *c, struct strlist *out)
{
	for (size_t i = 0; i < NENTRIES; i++) {
		const struct tui_entry *e = home_entries[i];
		const char *cap = e->caption_fn ? e->caption_fn(c->d) : _(e->caption);

		strlist_push_owned(out, xasprintf("%s\t%s", _(e->label), cap));
	}
}

static int entry_open(struct wctx *c, size_t i)
{
	struct home *h = home_of(c);
	int r;

	if (i >= NENTRIES)
		return -1;
	r = home_entries[i]->run(h->t);
	/* A wizard may have replaced the deployment's contents, not its
	 * address; the name may have changed. */
	c->d = tui_deployment(h->t);
	free(h->title);
	h->title = home_name(c->d, c->path);
	h->pg->title = h->title;
	if (r == TUI_QUIT)
		c->leave = WLEAVE_QUIT;
	return 0;
}

static bool get_builder(const struct wctx *c)
{
	return c->d->topo.builder_done;
}

/* The home screen edits the deployment itself, not a working copy. */
static void set_builder(struct wctx *c, bool v)
{
	c->d->topo.builder_done = v;
	tui_changed(home_of(c)->t);
}

static char *builder_text(const struct wctx *c)
{
	return c->d->topo.builder_done ? NULL : xstrdup(home_builder_steps());
}

static const struct wfield home_fields[] = {
	{.id = "state", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = summary_text},
	{.id = "entries", .label = N_("What to do"), .kind = WF_ROWS, .flags = WFF_NOLABEL,
	 .items = entry_items,
	 .activate = entry_open,
	 .help = N_("Enter opens the entry. The three parts of the procedure are the "
		    "certificate of the Edge Server, the XMPP federated partners and the DNS "
		    "records.")},
	{.id = "builder", .label = N_("Topology Builder step done"), .kind = WF_CHECK,
	 .diag = "topology.builder_done",
	 .help = N_("No cmdlet does this step. In Topology Builder: the site's Edit Properties, "
		    "tick XMPP federation and choose the Edge pool; publish the topology; run "
		    "Setup again (Lync Server Deployment Wizard) on each Front End Server and "
		    "each Edge Server. To verify: netstat -ano | findstr 5269 on the Edge shows "
		    "the XMPP proxy listening, and netstat -ano | findstr 23456 shows the Front "
		    "End's XMPP gateway reaching the Edge's internal interface. Space ticks it "
		    "once done; the Front End's script then leaves the step out."),
	 .get_bool = get_builder, .set_bool = set_builder, .text = builder_text},
	{.id = "warnings", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = warnings_text},
};

void home_run(struct tui *t)
{
	struct home h = {.t = t, .title = home_name(t->d, t->path)};
	struct wctx c = {.d = t->d, .path = t->path, .base_dir = t->base_dir, .state = &h,
			 .ui = &tui_wui, .ui_arg = t};
	struct tpage_opts o = {.buttons = 1u << TB_SAVE | 1u << TB_QUIT, .cancel_quits = true,
			       .hint = KEYS_HINT_HOME};
	struct wpage pg = {.id = "home", .fields = home_fields,
			   .nfields = sizeof home_fields / sizeof *home_fields,
			   .help = N_("The deployment file keeps everything the wizards learn. "
				      "Ctrl-O saves it; Ctrl-X quits.")};

	o.title = _("xmppgw: Lync Server 2013 XMPP gateway");
	h.pg = &pg;
	pg.title = h.title;
	while (tpage_run(t, &pg, &c, &o, false) != PO_QUIT)
		continue;
	free(h.title);
}
