/* SPDX-License-Identifier: ISC */
/* The running session: the deployment and its file, the draft, saving,
 * quitting, the dialogs screens call through engine.h, and the hooks the
 * base reports to (a signal's draft, a canvas's Ctrl-O, Ctrl-X, Ctrl-G).
 * main.c starts it. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "depfile.h"
#include "draft.h"
#include "fsafe.h"
#include "i18n.h"
#include "tui/tui_int.h"
#include "xalloc.h"

/* --- the deployment and its file --- */

struct deployment *tui_deployment(struct tui *t)
{
	return t->s->d;
}

const char *tui_path(const struct tui *t)
{
	return t->s->path;
}

const char *tui_base_dir(const struct tui *t)
{
	return t->s->base_dir;
}

const struct deployment *tui_current(const struct tui *t)
{
	return t->s->work ? t->s->work->copy : t->s->d;
}

bool tui_unsaved(const struct tui *t)
{
	return !t->s->saved || !deployment_equal(tui_current(t), t->s->saved);
}

void tui_changed(struct tui *t)
{
	tui_draft(t);
}

void tui_draft(struct tui *t)
{
	char *err = NULL;

	if (t->s->no_draft)
		return;
	if (!tui_unsaved(t)) {
		draft_remove(t->s->draft_of, NULL);
		return;
	}
	if (draft_write(t->s->draft_of, tui_current(t), &err) != 0) {
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

void tui_remember_disk(struct tui *t)
{
	t->s->disk_known = stat(t->s->path, &t->s->disk) == 0;
}

/* Another program (a second xmppgw, `xmppgw csr`, an editor) saved the
 * file since it was read or written here. A file that is gone has nothing
 * to lose: the save recreates it or says why it cannot. */
static bool changed_on_disk(const struct tui *t)
{
	struct stat now;

	if (stat(t->s->path, &now) != 0)
		return false;
	return !t->s->disk_known || now.st_ino != t->s->disk.st_ino || now.st_dev != t->s->disk.st_dev ||
	       now.st_size != t->s->disk.st_size ||
	       now.st_mtim.tv_sec != t->s->disk.st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != t->s->disk.st_mtim.tv_nsec;
}

static bool overwrite_ok(struct tui *t)
{
	char *q;
	bool yes;

	if (!changed_on_disk(t))
		return true;
	q = xasprintf(_("%s was changed on disk since it was opened here (another xmppgw, "
			"`xmppgw csr`, or an editor). Saving replaces those changes with what is "
			"shown here. Save anyway?"), t->s->path);
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
	int fd = fsafe_lock(t->s->path, t->s->lock_wait_ms, &err);

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
	if (depfile_save(t->s->path, t->s->d, &err) != 0) {
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
	tui_remember_disk(t);
	fsafe_unlock(lock);
	deployment_free(t->s->saved);
	t->s->saved = deployment_clone(t->s->d);
	t->s->file_errors = 0;
	draft_remove(t->s->draft_of, NULL);
	tui_set_status(t, false, _("Saved %s"), t->s->path);
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
	char *why = t->s->work ? new_error(t->s->work->copy, t->s->d) : NULL;

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
	why = !t->s->work && t->s->saved ? new_error(t->s->d, t->s->saved) : NULL;
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
	if (t->s->work)
		for (struct twork *w = t->s->work; w; w = w->outer)
			replace(w->base, t->s->work->copy);
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
	q = xasprintf(_("%s has unsaved changes. Save them before quitting?"), t->s->path);
	r = dialog_run(t, _("Quit"), q, tr, 0, false);
	free(q);
	if (r == 0)
		return tui_save_all(t) == 0;
	if (r == 1) {
		draft_remove(t->s->draft_of, NULL);
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
		if (t->s->prog)
			progress_close(t->s->prog);
		t->s->prog = NULL;
		return true;
	}
	if (!t->s->prog)
		t->s->prog = progress_open(t, _("Working"));
	return progress_update(t->s->prog, text);
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


/* --- what the base reports (struct tui_hooks) --- */

static void hook_signalled(struct tui *t, int sig)
{
	(void)sig;
	tui_draft(t);
}

static void hook_save(struct tui *t)
{
	tui_save_all(t);
}

static void hook_help(struct tui *t, const struct wpage *page)
{
	help_run(t, page, NULL);
}

const struct tui_hooks tui_session_hooks = {
	.signalled = hook_signalled,
	.save = hook_save,
	.quit = tui_quit_asked,
	.help = hook_help,
};
