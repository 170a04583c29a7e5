/* SPDX-License-Identifier: ISC */
/* engine: what a screen module needs to run on the full-screen program.
 *
 * A screen is data first: a struct wizard (wizards/wizard.h) of one page or
 * many. tui_run_wizard runs it on a working copy of the deployment, with
 * Back / Next / Cancel (Finish on the last page), or OK / Cancel for a form
 * (WZF_FORM). The engine does the drawing, the keys (tui/keys.c), help,
 * validation beside the fields, resize, drafts and quitting; the wizard's
 * callbacks only read and write the working copy (c->d) or their state.
 *
 * Adding a screen to the home screen: write wizards/NAME.c (the tables and
 * actions, no curses), then tui/NAME.c defining a `const struct tui_entry`
 * whose run() calls tui_run_wizard (or loops over several, e.g. a list page
 * whose rows open a form), declare it in tui/screens.h and list it in the
 * home_entries table of tui/home.c. Nothing else changes.
 *
 * What the engine does with each field kind:
 *   TEXT, SECRET  typing edits in place (Left/Right/Home/End/Backspace/
 *                 Delete/Ctrl-U); every change calls set_text at once, so
 *                 the working copy (and a draft) always has what is shown.
 *   CHECK         Space toggles.        RADIO   a stop per choice; Space.
 *   LIST          a stop per entry and one for "< Add >": Enter (or typing)
 *                 edits the entry in place, Enter keeps, Esc restores,
 *                 Delete removes; an entry left empty goes.
 *   CHECKLIST     a stop per item; Space toggles.
 *   ROWS          a stop per item: Enter calls activate(i), Delete remove(i);
 *                 an item "text\tcaption" shows caption as a button.
 *   NOTE          not focusable.   VIEWER  arrows, Home/End scroll it; at
 *                 either end the arrows move on.
 *   BUTTON        Enter or Space calls press().
 * The page is laid out again from the table on every key, so visible(),
 * text(), aside(), items() and the getters are called often: keep them
 * cheap and free of side effects. A field's problems (from Next's check)
 * go when its value changes.
 *
 * Nesting: an action (activate, press) may call tui_run_wizard itself, e.g.
 * a list page whose rows open a form: the inner wizard edits a copy of the
 * outer one's working copy, and OK puts the result there. When it returns
 * TUI_QUIT, set c->leave = WLEAVE_QUIT so every page closes and the quit
 * reaches the home screen; an entry's run() returns TUI_QUIT likewise.
 *
 * Everything here is called from the main thread with the screen open. */
#ifndef XMPPGW_TUI_ENGINE_H
#define XMPPGW_TUI_ENGINE_H

#include <stdbool.h>

#include "deployment.h"
#include "wizards/wizard.h"

struct tui;

enum tui_result {
	TUI_DONE = 0,      /* Finish / OK: the working copy became the deployment */
	TUI_CANCELLED = 1, /* Cancel: the working copy was dropped */
	TUI_QUIT = 2       /* the user quit the program (already asked) */
};

/* An entry of the home screen: a line of text and a button that runs it. */
struct tui_entry {
	const char *label;   /* N_(): "XMPP federated partners" */
	const char *caption; /* N_(): the button, "Open" */
	/* Dynamic caption ("Run" / "Run Again"); NULL: caption. */
	const char *(*caption_fn)(const struct deployment *d);
	/* One line of state shown under the label (caller frees), or NULL. */
	char *(*state)(const struct deployment *d);
	const char *help;    /* N_() */
	/* Runs the screen; returns an enum tui_result. */
	int (*run)(struct tui *t);
};

/* Runs w on a working copy of the deployment. c->state starts as arg;
 * w->begin may replace it. On Finish / OK the working copy becomes the
 * deployment (unsaved unless an action committed it). Returns an enum
 * tui_result. */
int tui_run_wizard(struct tui *t, const struct wizard *w, void *arg);

/* The deployment being edited (owned by the engine; do not free) and its
 * file. Change it only through a wizard's working copy, or call
 * tui_changed() afterwards. */
struct deployment *tui_deployment(struct tui *t);
const char *tui_path(const struct tui *t);
const char *tui_base_dir(const struct tui *t);
/* Records that the deployment changed outside a wizard (draft + unsaved). */
void tui_changed(struct tui *t);
/* True when the deployment differs from the file. */
bool tui_unsaved(const struct tui *t);
/* Saves atomically; on failure a dialog names the file and the cause.
 * Returns 0 or -1. */
int tui_save(struct tui *t);

/* Dialogs over whatever is shown. Texts are translated by the caller. */
bool tui_confirm(struct tui *t, const char *title, const char *question);
/* buttons: NULL-terminated; returns the index chosen, or -1 for Esc. */
int tui_choose(struct tui *t, const char *title, const char *text,
	       const char *const *labels, int initial);
void tui_message(struct tui *t, const char *title, const char *text);
void tui_view(struct tui *t, const char *title, const char *text);
/* One line in the status area, until the next key. */
void tui_status(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The struct wui the engine hands to wizard callbacks (arg: the tui). */
extern const struct wui tui_wui;

#endif
