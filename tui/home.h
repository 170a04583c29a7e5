/* SPDX-License-Identifier: ISC */
/* home: the first screen: the deployment's state, its entries (the
 * home_entries table in home.c), the procedure's warnings. */
#ifndef XMPPGW_TUI_HOME_H
#define XMPPGW_TUI_HOME_H

struct tui;

/* Runs until the user quits (having been asked about unsaved changes). */
void home_run(struct tui *t);

#endif
