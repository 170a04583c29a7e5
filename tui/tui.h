/* SPDX-License-Identifier: ISC */
/* tui: what the command line calls of the full-screen program; nothing in
 * tui/ calls back into cli/. Inside, main.c starts the session (session.c),
 * which runs the screens over the base library (tui/term.h). */
#ifndef XMPPGW_TUI_TUI_H
#define XMPPGW_TUI_TUI_H

/* Exit statuses, the same numbers as the commands' (cli/cli.h), and
 * TUI_NO_TERMINAL: the terminal cannot be used (why was said); the caller
 * says what else there is and exits with TUI_EXIT_USAGE. */
enum { TUI_EXIT_OK = 0, TUI_EXIT_PROBLEMS = 1, TUI_EXIT_USAGE = 2, TUI_NO_TERMINAL = -1 };

/* The full-screen program on path (created on request when missing). A
 * save waits lock_wait_ms for another writer's lock. What stops it before
 * the screen opens (a file whose structure must be fixed first, a terminal
 * that cannot be used) is said on stderr. Returns a TUI_EXIT_* status. */
int tui_main(const char *path, int lock_wait_ms);

#endif
