/* SPDX-License-Identifier: ISC */
/* The program's start and end: loading the file (a file whose structure
 * cannot be read is reported on stderr before the screen opens, so a save
 * can never overwrite what we failed to understand), the terminal, the
 * draft offered back, then the home screen until the user quits. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "depfile.h"
#include "draft.h"
#include "fsafe.h"
#include "i18n.h"
#include "tui/home.h"
#include "tui/tui.h"
#include "tui/tui_int.h"
#include "xalloc.h"

/* Before the screen opens, in the commands' form: "xmppgw: text". */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("xmppgw: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* Reads the file; returns -1 to go on, or the exit status. */
static int load(struct tui *t, bool *missing)
{
	struct stat st;
	struct diags dg = {0};
	int rc;

	*missing = stat(t->s->path, &st) != 0 && errno == ENOENT;
	if (*missing)
		return -1;
	rc = depfile_load(t->s->path, &t->s->d, &dg);
	if (!t->s->d) {
		for (size_t i = 0; i < dg.n; i++) {
			char *s = diag_format(t->s->path, &dg.v[i]);

			say("%s", s);
			free(s);
		}
		if (rc != DEPFILE_UNREADABLE)
			say(_("%s: the file's structure must be fixed first; nothing was "
				    "opened or changed"), t->s->path);
		diags_free(&dg);
		return rc == DEPFILE_UNREADABLE ? TUI_EXIT_USAGE : TUI_EXIT_PROBLEMS;
	}
	t->s->saved = deployment_clone(t->s->d);
	tui_remember_disk(t);
	t->s->file_errors = diags_error_fields(&dg);
	diags_free(&dg);
	return -1;
}

static void refuse_terminal(const char *why)
{
	say(_("cannot open the full-screen wizard: %s."), why);
}

/* Returns true when the draft was restored. */
static bool offer_draft(struct tui *t)
{
	const char *b[] = {_("Restore"), _("Discard"), NULL};
	struct deployment *d = NULL;
	struct diags dg = {0};
	time_t when;
	char stamp[64] = "", *q;
	bool restored = false;
	int r;

	if (!draft_exists(t->s->draft_of, &when))
		return false;
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", localtime(&when));
	q = xasprintf(_("A draft of changes to %s that were never saved was kept at %s, when "
			"the program was cut off or a wizard page was passed. Restore it, or "
			"discard it?"), t->s->path, stamp);
	r = dialog_run(t, _("Draft found"), q, b, 0, false);
	if (r == 0) {
		draft_load(t->s->draft_of, &d, &dg);
		if (d) {
			deployment_free(t->s->d);
			t->s->d = d;
			restored = true;
			/* TRANSLATORS: %s is a key name such as Ctrl-O */
			tui_set_status(t, false, _("Draft restored: not saved yet (%s saves)"),
				       keys_name(TK_SAVE));
		} else {
			tui_message(t, _("Draft not restored"), dg.n ? dg.v[0].msg : "");
		}
	} else if (r == 1) {
		/* Only Discard removes it: Esc leaves the draft for next time. */
		draft_remove(t->s->draft_of, NULL);
	}
	diags_free(&dg);
	free(q);
	return restored;
}

/* A missing file: create it, or leave. Returns false to leave. */
static bool offer_create(struct tui *t)
{
	const char *b[] = {_("Create"), _("Quit"), NULL};
	char *q = xasprintf(_("%s does not exist. Create a new deployment file there?"),
			    t->s->path);
	int r = dialog_run(t, _("New deployment"), q, b, 0, false);

	free(q);
	if (r != 0)
		return false;
	tui_save(t);
	return true;
}

/* A second session on the same file keeps its own draft, so that its
 * SIGHUP cannot overwrite the first one's; it is told so once the screen
 * is up. Returns true for such a session. */
static bool session_start(struct tui *t)
{
	bool other = false;
	char *err = NULL;

	t->s->session = fsafe_session_open(t->s->path, &other, &err);
	free(err);
	t->s->draft_of = other ? xasprintf("%s.%ld", t->s->path, (long)getpid()) : xstrdup(t->s->path);
	return other;
}

static void session_notice(struct tui *t)
{
	char *dp = draft_path(t->s->draft_of);
	char *msg = xasprintf(_("Another xmppgw session has this file open; your changes go to "
				"your own draft (%s). Saving asks before replacing what the other "
				"session saved."), dp);

	tui_message(t, _("File open elsewhere"), msg);
	free(msg);
	free(dp);
}

static void tui_free(struct tui *t)
{
	fsafe_unlock(t->s->session);
	free(t->s->draft_of);
	deployment_free(t->s->d);
	deployment_free(t->s->saved);
	free(t->s->path);
	free(t->s->base_dir);
	tui_clear_status(t);
}

int tui_main(const char *path, int lock_wait_ms)
{
	struct tsession s = {0};
	struct tui t = {.s = &s};
	bool missing, go = true, second = false;
	int rc;
	const char *why;

	s.path = xstrdup(path);
	s.base_dir = dir_of(path);
	s.session = -1;
	s.lock_wait_ms = lock_wait_ms;
	t.file = s.path;
	rc = load(&t, &missing);
	if (rc < 0)
		second = session_start(&t);
	why = rc < 0 ? term_unusable() : NULL;
	if (why)
		refuse_terminal(why);
	if (rc >= 0 || why || term_open(&t, &tui_session_hooks) != 0) {
		if (rc < 0 && !why)
			refuse_terminal(_("the terminal could not be set up"));
		tui_free(&t);
		return rc >= 0 ? rc : TUI_NO_TERMINAL;
	}
	if (missing)
		s.d = deployment_new();
	/* A signal while these questions are open must leave the draft on
	 * disk as it is: the link may drop again before it is answered. */
	s.no_draft = true;
	if (second)
		session_notice(&t);
	if (!offer_draft(&t) && missing)
		go = offer_create(&t);
	s.no_draft = false;
	if (go)
		home_run(&t);
	term_close(&t);
	tui_free(&t);
	return TUI_EXIT_OK;
}
