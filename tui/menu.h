/* SPDX-License-Identifier: ISC */
/* menu: a page of entries (struct tui_entry), each a row whose button runs
 * its screen, between a note of state above and a note below. The home
 * screen and Step 3's certificate tasks are menus. */
#ifndef XMPPGW_TUI_MENU_H
#define XMPPGW_TUI_MENU_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/engine.h"

struct tui_menu {
	const char *title;                      /* the title bar, translated */
	const char *page_title;                 /* N_(): the page's own title */
	const char *help;                       /* N_(): the page's help */
	const enum tact *help_keys;             /* the keys help's %s name */
	const struct tui_entry *const *entries;
	size_t n;
	/* The notes above and below the entries (caller frees), or NULL. */
	char *(*above)(struct tui *t);
	char *(*below)(struct tui *t);
	/* After an entry ran (the deployment may have changed): a new page
	 * title (caller frees), or NULL to keep it. */
	char *(*retitle)(struct tui *t);
	/* Fields shown after the entries (the home screen's Topology Builder
	 * tick); their callbacks get the menu's context, whose deployment is
	 * the program's own: a setter calls tui_changed(tui_menu_tui(c)). */
	const struct wfield *extra;
	size_t nextra;
	bool home;                              /* Save and Quit; Esc quits */
};

/* The program, from the context a menu's fields receive. */
struct tui *tui_menu_tui(const struct wctx *c);

/* Runs m until the user leaves it: Cancel or Esc for a menu opened from
 * another screen (TUI_CANCELLED), quitting the program (TUI_QUIT; the home
 * menu only returns then). */
int tui_menu_run(struct tui *t, const struct tui_menu *m);

#endif
