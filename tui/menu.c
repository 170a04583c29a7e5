/* SPDX-License-Identifier: ISC */
/* A menu is an ordinary page built at run time: a note, a row per entry
 * (each opening its screen), a note. */
#include "config.h"

#include "tui/menu.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui/page.h"
#include "xalloc.h"

struct menu {
	struct tui *t;
	const struct tui_menu *m;
	struct wpage *pg;
	char *title;
	bool quit;
};

static struct menu *menu_of(const struct wctx *c)
{
	return c->state;
}

static char *above_text(const struct wctx *c)
{
	const struct menu *mn = menu_of(c);

	return mn->m->above ? mn->m->above(mn->t) : NULL;
}

static char *below_text(const struct wctx *c)
{
	const struct menu *mn = menu_of(c);

	return mn->m->below ? mn->m->below(mn->t) : NULL;
}

static void entry_items(const struct wctx *c, struct strlist *out)
{
	const struct tui_menu *m = menu_of(c)->m;

	for (size_t i = 0; i < m->n; i++) {
		const struct tui_entry *e = m->entries[i];
		const char *cap = e->caption_fn ? e->caption_fn(c->d) : _(e->caption);

		strlist_push_owned(out, xasprintf("%s\t%s", _(e->label), cap));
	}
}

static int entry_open(struct wctx *c, size_t i)
{
	struct menu *mn = menu_of(c);
	char *title;

	if (i >= mn->m->n)
		return -1;
	if (mn->m->entries[i]->run(mn->t) == TUI_QUIT) {
		mn->quit = true;
		c->leave = WLEAVE_QUIT;
	}
	/* A wizard may have replaced the deployment's contents, not its
	 * address; the title may have changed with it. */
	c->d = tui_deployment(mn->t);
	title = mn->m->retitle ? mn->m->retitle(mn->t) : NULL;
	if (title) {
		free(mn->title);
		mn->title = title;
		mn->pg->title = title;
	}
	return 0;
}

struct tui *tui_menu_tui(const struct wctx *c)
{
	return menu_of(c)->t;
}

static const struct wfield head_fields[] = {
	{.id = "state", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = above_text},
	{.id = "entries", .label = N_("What to do"), .kind = WF_ROWS, .flags = WFF_NOLABEL,
	 .items = entry_items, .activate = entry_open,
	 /* TRANSLATORS: %s is a key name such as Enter */
	 .help = N_("%s opens the entry."), .help_keys = KEYACTS(TK_ENTER)},
};

static const struct wfield below_field = {
	.id = "warnings", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = below_text,
};

#define NHEAD (sizeof head_fields / sizeof *head_fields)

/* The note and the entries, m's extra fields, the note below. */
static struct wfield *menu_fields(const struct tui_menu *m, size_t *n)
{
	struct wfield *f = xcalloc(NHEAD + m->nextra + 1, sizeof *f);

	memcpy(f, head_fields, sizeof head_fields);
	if (m->nextra)
		memcpy(f + NHEAD, m->extra, m->nextra * sizeof *f);
	f[NHEAD + m->nextra] = below_field;
	*n = NHEAD + m->nextra + 1;
	return f;
}

int tui_menu_run(struct tui *t, const struct tui_menu *m)
{
	struct menu mn = {.t = t, .m = m, .title = m->retitle ? m->retitle(t) : NULL};
	struct wctx c = {.d = tui_deployment(t), .path = tui_path(t),
			 .base_dir = tui_base_dir(t), .state = &mn, .ui = &tui_wui, .ui_arg = t};
	struct tpage_opts o = {.title = m->title, .hint = KEYS_HINT_HOME};
	struct wpage pg = {.id = "menu", .help = m->help, .help_keys = m->help_keys,
			   .title = mn.title ? mn.title : m->page_title};
	struct wfield *fields = menu_fields(m, &pg.nfields);
	int r;

	pg.fields = fields;
	o.buttons = m->home ? 1u << TB_SAVE | 1u << TB_QUIT : 1u << TB_CANCEL;
	o.cancel_quits = m->home;
	mn.pg = &pg;
	do
		r = tpage_run(t, &pg, &c, &o, false);
	while (!mn.quit && r != PO_QUIT && (m->home || r != PO_CANCEL));
	free(fields);
	free(mn.title);
	return mn.quit || r == PO_QUIT ? TUI_QUIT : TUI_CANCELLED;
}
