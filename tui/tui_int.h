/* SPDX-License-Identifier: ISC */
/* tui_int: what the engine's own files above the base share (never
 * included by screen modules, which use tui/engine.h, nor by the base,
 * tui/term.h). The session (session.c) keeps the file, the deployment and
 * the draft in struct tsession, hung from struct tui's s; main.c starts it. */
#ifndef XMPPGW_TUI_INT_H
#define XMPPGW_TUI_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "deployment.h"
#include "tui/engine.h"
#include "tui/input.h"
#include "tui/keys.h"
#include "tui/term.h"

/* One working copy per open wizard, innermost last. */
struct twork {
	struct twork *outer;
	struct deployment *copy; /* what the wizard edits */
	struct deployment *base; /* what it started from (outer's copy or t->s->d) */
};

struct tsession {
	char *path;
	char *base_dir;
	struct deployment *d;     /* the deployment as committed */
	struct deployment *saved; /* as in the file; NULL when there is no file */
	size_t file_errors;       /* errors the file had when loaded */
	struct stat disk;         /* the file as last read or written here */
	bool disk_known;          /* false: there was no file */
	struct twork *work;       /* innermost open wizard, or NULL */
	bool no_draft;            /* start-up questions open: nothing typed yet, and a
	                           * draft on disk is still to be restored or discarded */
	char *draft_of;           /* the name the draft is kept for: the path, or the
	                           * path and our PID when another session has it open */
	int session;              /* the session's mark on the lock file, or -1 */
	int lock_wait_ms;         /* how long a save waits for another writer */
	struct tprogress *prog;   /* the progress box while one is open */
};

/* --- session.c --- */
/* The deployment a save or a draft would write: the innermost working copy
 * if a wizard is open, else the committed one. */
const struct deployment *tui_current(const struct tui *t);
/* Ctrl-O: commits every open working copy down to t->s->d, then saves; refuses
 * (keeping the draft) while the working copy has errors t->s->d had not.
 * Returns 0 or -1 (the user was told). */
int tui_save_all(struct tui *t);
/* Ctrl-X: asks when unsaved (Save / Discard / Cancel). true: quit now. */
bool tui_quit_asked(struct tui *t);
/* Writes the draft of the current deployment when it differs from the
 * file; a failure goes to the status line. */
void tui_draft(struct tui *t);
/* Notes the file as it is now, so a later save can tell whether someone
 * else wrote it meanwhile. */
void tui_remember_disk(struct tui *t);
/* What the base reports to the session (term_open installs them). */
extern const struct tui_hooks tui_session_hooks;

/* --- dialog.c --- */
/* A text box with a row of buttons; returns the button chosen or -1. */
int dialog_run(struct tui *t, const char *title, const char *text, const char *const *labels,
	       int initial, bool error);
/* The modal viewer: arrows, PgUp/PgDn, Home/End; Esc, Enter or q close. */
void viewer_run(struct tui *t, const char *title, const char *text);
/* The help overlay for a page (NULL outside one) and its focused field. */
void help_run(struct tui *t, const struct wpage *pg, const struct wfield *f);
/* Progress: open, update (returns false when cancelled), close. */
struct tprogress;
struct tprogress *progress_open(struct tui *t, const char *title);
bool progress_update(struct tprogress *p, const char *text);
void progress_close(struct tprogress *p);

#endif
