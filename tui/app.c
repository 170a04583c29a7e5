/* SPDX-License-Identifier: ISC */
/* The full-screen program: loading the file (a file whose structure cannot
 * be read is reported on stderr before the screen opens, so a save can
 * never overwrite what we failed to understand), the draft offered back,
 * saving, quitting, and the dialogs screens call through engine.h. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "depfile.h"
#include "draft.h"
#include "fsafe.h"
#include "i18n.h"
#include "tui/home.h"
#include "tui/tui_int.h"
#include "xalloc.h"

/* --- the deployment and its file --- */

struct deployment *tui_deployment(struct tui *t)
{
	return t->d;
}

const char *tui_path(const struct tui *t)
{
	return t->path;
}

const char *tui_base_dir(const struct tui *t)
{
	return t->base_dir;
}

const struct deployment *tui_current(const struct tui *t)
{
	return t->work ? t->work->copy : t->d;
}

bool tui_unsaved(const struct tui *t)
{
	return !t->saved || !deployment_equal(tui_current(t), t->saved);
}

void tui_changed(struct tui *t)
{
	tui_draft(t);
}

void tui_draft(struct tui *t)
{
	char *err = NULL;

	if (t->no_draft)
		return;
	if (!tui_unsaved(t)) {
		draft_remove(t->draft_of, NULL);
		return;
	}
	if (draft_write(t->draft_of, tui_current(t), &err) != 0) {
		tui_set_status(t, true, _("Draft not written: %s"), err);
		free(err);
	}
}

/* dst takes a copy of src's contents; pointers to dst stay valid. */
static void replace(struct deployment *dst, const struct deployment *src)
{
	struct deployment *c = deployment_clone(src), tmp = *dst;

	*dst = *c;
	*c = tmp;
	deployment_free(c);
}

/* What the file is now, so a later save can tell whether someone else
 * wrote it meanwhile. */
static void remember_disk(struct tui *t)
{
	t->disk_known = stat(t->path, &t->disk) == 0;
}

/* Another program (a second xmppgw, `xmppgw csr`, an editor) saved the
 * file since it was read or written here. A file that is gone has nothing
 * to lose: the save recreates it or says why it cannot. */
static bool changed_on_disk(const struct tui *t)
{
	struct stat now;

	if (stat(t->path, &now) != 0)
		return false;
	return !t->disk_known || now.st_ino != t->disk.st_ino || now.st_dev != t->disk.st_dev ||
	       now.st_size != t->disk.st_size ||
	       now.st_mtim.tv_sec != t->disk.st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != t->disk.st_mtim.tv_nsec;
}

static bool overwrite_ok(struct tui *t)
{
	char *q;
	bool yes;

	if (!changed_on_disk(t))
		return true;
	q = xasprintf(_("%s was changed on disk since it was opened here (another xmppgw, "
			"`xmppgw csr`, or an editor). Saving replaces those changes with what is "
			"shown here. Save anyway?"), t->path);
	yes = tui_confirm(t, _("File changed on disk"), q);
	free(q);
	if (!yes)
		tui_set_status(t, true, "%s", _("Not saved: the file changed on disk"));
	return yes;
}

/* The deployment's lock, as the commands take it; -1 after telling why. */
static int save_lock(struct tui *t)
{
	char *err = NULL;
	int fd = fsafe_lock(t->path, t->lock_wait_ms, &err);

	if (fd < 0) {
		/* TRANSLATORS: the second %s is a key name such as Ctrl-O */
		char *msg = xasprintf(_("%s\n\nNothing was lost: the changes are still here. "
					"Save again (%s) in a moment."), err, keys_name(TK_SAVE));

		tui_message(t, _("Could not save"), msg);
		free(msg);
		free(err);
	}
	return fd;
}

/* The check for another writer's changes is made under the lock; the
 * question is asked without it, so a command is not kept waiting on us. */
int tui_save(struct tui *t)
{
	char *err = NULL;
	int lock = save_lock(t);

	if (lock < 0)
		return -1;
	if (changed_on_disk(t)) {
		fsafe_unlock(lock);
		if (!overwrite_ok(t) || (lock = save_lock(t)) < 0)
			return -1;
	}
	if (depfile_save(t->path, t->d, &err) != 0) {
		fsafe_unlock(lock);
		/* TRANSLATORS: the second %s is a key name such as Ctrl-O */
		char *msg = xasprintf(_("%s\n\nNothing was lost: the changes are still here. "
					"Fix the cause, then save again (%s)."), err,
				      keys_name(TK_SAVE));

		tui_message(t, _("Could not save"), msg);
		free(msg);
		free(err);
		return -1;
	}
	remember_disk(t);
	fsafe_unlock(lock);
	deployment_free(t->saved);
	t->saved = deployment_clone(t->d);
	t->file_errors = 0;
	draft_remove(t->draft_of, NULL);
	tui_set_status(t, false, _("Saved %s"), t->path);
	return 0;
}

/* The first error of work (field and words) that base has not, as
 * "field: words" (the caller frees it), or NULL. A set keyed by both keeps
 * this linear for files with many problems. */
static char *new_error(const struct deployment *work, const struct deployment *base)
{
	struct diags w = {0}, b = {0};
	struct posmap *seen = posmap_new();
	char *found = NULL;

	deployment_validate(work, NULL, &w);
	deployment_validate(base, NULL, &b);
	for (size_t i = 0; i < b.n; i++) {
		char *key = xasprintf("%s\t%s", b.v[i].field, b.v[i].msg);

		posmap_put(seen, key, 1, 1);
		free(key);
	}
	for (size_t i = 0; i < w.n && !found; i++) {
		char *key = xasprintf("%s\t%s", w.v[i].field, w.v[i].msg);
		int line, col;

		if (w.v[i].sev == DIAG_ERROR && !posmap_get(seen, key, &line, &col))
			found = diag_format_field(&w.v[i]);
		free(key);
	}
	posmap_free(seen);
	diags_free(&b);
	diags_free(&w);
	return found;
}

/* Committing an open page's half-typed values would write a file that
 * `xmppgw check` refuses (a partner without a domain, an INVALID row, a
 * country "USA"), so a working copy with a problem the deployment did not
 * have is not committed; the draft keeps the typing. */
int tui_save_all(struct tui *t)
{
	char *why = t->work ? new_error(t->work->copy, t->d) : NULL;

	if (why) {
		tui_draft(t);
		tui_message(t, _("Not saved"),
			    _("What is open has problems: Next (or OK) marks them beside their "
			      "fields. Fix them, or finish or cancel, then save again. Nothing "
			      "is lost: what you typed is kept in the draft."));
		free(why);
		return -1;
	}
	/* On the home screen the same rule: a restored draft has been through
	 * no page, and may hold what a page would have refused. */
	why = !t->work && t->saved ? new_error(t->d, t->saved) : NULL;
	if (why) {
		char *msg = xasprintf(_("The changes have a problem the file does not have:\n\n"
					"%s\n\nOpen its page: the problem is shown beside its field. "
					"Fix it, then save again. Nothing is lost: the changes are "
					"kept in the draft."), why);

		tui_draft(t);
		tui_message(t, _("Not saved"), msg);
		free(msg);
		free(why);
		return -1;
	}
	if (t->work)
		for (struct twork *w = t->work; w; w = w->outer)
			replace(w->base, t->work->copy);
	return tui_save(t);
}

bool tui_quit_asked(struct tui *t)
{
	static const char *const buttons[] = {N_("Save"), N_("Discard"), N_("Cancel"), NULL};
	const char *tr[4] = {_(buttons[0]), _(buttons[1]), _(buttons[2]), NULL};
	char *q;
	int r;

	if (!tui_unsaved(t))
		return true;
	q = xasprintf(_("%s has unsaved changes. Save them before quitting?"), t->path);
	r = dialog_run(t, _("Quit"), q, tr, 0, false);
	free(q);
	if (r == 0)
		return tui_save_all(t) == 0;
	if (r == 1) {
		draft_remove(t->draft_of, NULL);
		return true;
	}
	return false;
}

/* --- dialogs for screens --- */

bool tui_confirm(struct tui *t, const char *title, const char *question)
{
	const char *b[] = {_("Yes"), _("No"), NULL};

	return dialog_run(t, title, question, b, 1, false) == 0;
}

int tui_choose(struct tui *t, const char *title, const char *text, const char *const *buttons,
	       int initial)
{
	return dialog_run(t, title, text, buttons, initial, false);
}

void tui_message(struct tui *t, const char *title, const char *text)
{
	const char *b[] = {_("OK"), NULL};

	dialog_run(t, title, text, b, 0, false);
}

void tui_view(struct tui *t, const char *title, const char *text)
{
	viewer_run(t, title, text);
}

void tui_status(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tui_vset_status(t, false, fmt, ap);
	va_end(ap);
}

/* --- what wizard actions may ask (struct wui) --- */

static bool wui_confirm(void *arg, const char *title, const char *question)
{
	return tui_confirm(arg, title, question);
}

static void wui_message(void *arg, const char *title, const char *text)
{
	tui_message(arg, title, text);
}

static void wui_view(void *arg, const char *title, const char *text)
{
	tui_view(arg, title, text);
}

static bool wui_progress(void *arg, const char *text)
{
	struct tui *t = arg;

	if (!text) {
		if (t->prog)
			progress_close(t->prog);
		t->prog = NULL;
		return true;
	}
	if (!t->prog)
		t->prog = progress_open(t, _("Working"));
	return progress_update(t->prog, text);
}

static int wui_commit(void *arg, char **err)
{
	if (tui_save_all(arg) == 0)
		return 0;
	if (err)
		*err = xstrdup(_("the deployment file could not be saved"));
	return -1;
}

const struct wui tui_wui = {
	.confirm = wui_confirm,
	.message = wui_message,
	.view = wui_view,
	.progress = wui_progress,
	.commit = wui_commit,
};

/* --- start and end --- */

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

	*missing = stat(t->path, &st) != 0 && errno == ENOENT;
	if (*missing)
		return -1;
	rc = depfile_load(t->path, &t->d, &dg);
	if (!t->d) {
		for (size_t i = 0; i < dg.n; i++) {
			char *s = diag_format(t->path, &dg.v[i]);

			cli_error("%s", s);
			free(s);
		}
		if (rc != DEPFILE_UNREADABLE)
			cli_error(_("%s: the file's structure must be fixed first; nothing was "
				    "opened or changed"), t->path);
		diags_free(&dg);
		return rc == DEPFILE_UNREADABLE ? CLI_USAGE : CLI_PROBLEMS;
	}
	t->saved = deployment_clone(t->d);
	remember_disk(t);
	t->file_errors = diags_error_fields(&dg);
	diags_free(&dg);
	return -1;
}

static void refuse_terminal(const char *why)
{
	cli_error(_("cannot open the full-screen wizard: %s."), why);
	fputs(_("The same work without the screen (see xmppgw --help):\n"
		"  xmppgw check FILE                  validate the deployment file\n"
		"  xmppgw csr FILE [--force]          private key and certificate request\n"
		"  xmppgw cert import FILE CERT...    process the CA's answer (Step 3)\n"
		"  xmppgw cert pfx FILE [-o OUT]      the .pfx for the Edge Servers\n"
		"  xmppgw dns FILE                    check the DNS SRV records\n"
		"  xmppgw export frontend-ps1|edge-ps1|inf|zone FILE   Front End script, Edge\n"
		"                                     script (assigns the certificate),\n"
		"                                     certreq INF or zone lines\n"
		"  xmppgw partners list|add|remove FILE ...   XMPP federated partners\n"),
	      stderr);
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

	if (!draft_exists(t->draft_of, &when))
		return false;
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", localtime(&when));
	q = xasprintf(_("A draft of changes to %s that were never saved was kept at %s, when "
			"the program was cut off or a wizard page was passed. Restore it, or "
			"discard it?"), t->path, stamp);
	r = dialog_run(t, _("Draft found"), q, b, 0, false);
	if (r == 0) {
		draft_load(t->draft_of, &d, &dg);
		if (d) {
			deployment_free(t->d);
			t->d = d;
			restored = true;
			/* TRANSLATORS: %s is a key name such as Ctrl-O */
			tui_set_status(t, false, _("Draft restored: not saved yet (%s saves)"),
				       keys_name(TK_SAVE));
		} else {
			tui_message(t, _("Draft not restored"), dg.n ? dg.v[0].msg : "");
		}
	} else if (r == 1) {
		/* Only Discard removes it: Esc leaves the draft for next time. */
		draft_remove(t->draft_of, NULL);
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
			    t->path);
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

	t->session = fsafe_session_open(t->path, &other, &err);
	free(err);
	t->draft_of = other ? xasprintf("%s.%ld", t->path, (long)getpid()) : xstrdup(t->path);
	return other;
}

static void session_notice(struct tui *t)
{
	char *dp = draft_path(t->draft_of);
	char *msg = xasprintf(_("Another xmppgw session has this file open; your changes go to "
				"your own draft (%s). Saving asks before replacing what the other "
				"session saved."), dp);

	tui_message(t, _("File open elsewhere"), msg);
	free(msg);
	free(dp);
}

static void tui_free(struct tui *t)
{
	fsafe_unlock(t->session);
	free(t->draft_of);
	deployment_free(t->d);
	deployment_free(t->saved);
	free(t->path);
	free(t->base_dir);
	free(t->status);
}

int tui_main(const char *path)
{
	struct tui t = {0};
	bool missing, go = true, second = false;
	int rc;
	const char *why;

	t.path = xstrdup(path);
	t.base_dir = dir_of(path);
	t.session = -1;
	/* As long as `xmppgw partners add` and the others wait; read before
	 * the screen opens, so a bad value is said on the terminal. */
	t.lock_wait_ms = cli_lock_wait_ms();
	rc = load(&t, &missing);
	if (rc < 0)
		second = session_start(&t);
	why = rc < 0 ? term_unusable() : NULL;
	if (why)
		refuse_terminal(why);
	if (rc >= 0 || why || term_open(&t) != 0) {
		if (rc < 0 && !why)
			refuse_terminal(_("the terminal could not be set up"));
		tui_free(&t);
		return rc >= 0 ? rc : CLI_USAGE;
	}
	if (missing)
		t.d = deployment_new();
	/* A signal while these questions are open must leave the draft on
	 * disk as it is: the link may drop again before it is answered. */
	t.no_draft = true;
	if (second)
		session_notice(&t);
	if (!offer_draft(&t) && missing)
		go = offer_create(&t);
	t.no_draft = false;
	if (go)
		home_run(&t);
	term_close(&t);
	tui_free(&t);
	return CLI_OK;
}
