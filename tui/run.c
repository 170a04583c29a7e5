/* SPDX-License-Identifier: ISC */
/* Running a wizard table: the pages in order (skipping those that say so),
 * Back and Next, a draft after each page passed, Cancel asked when the
 * working copy changed, and the working copy committed on Finish. */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "nodump.h"
#include "tui/page.h"
#include "xalloc.h"

static void step_text(const struct wizard *w, const struct wctx *c, long at, char **out)
{
	long n = 0, pos = 0;

	for (long i = wizard_step(w, c, -1, 1); i >= 0; i = wizard_step(w, c, i, 1)) {
		n++;
		if (i == at)
			pos = n;
	}
	free(*out);
	*out = n > 1 ? xasprintf(_("Step %ld of %ld"), pos, n) : NULL;
}

static void options(const struct wizard *w, const struct wctx *c, long i,
		    struct tpage_opts *o)
{
	bool last = wizard_step(w, c, i, 1) < 0;

	o->hint = KEYS_HINT_PAGE;
	if (w->flags & WZF_FORM) {
		o->hint = KEYS_HINT_FORM;
		o->buttons = 1u << TB_OK | 1u << TB_CANCEL;
		return;
	}
	o->buttons = 1u << TB_BACK | 1u << (last ? TB_FINISH : TB_NEXT) | 1u << TB_CANCEL;
	o->back_disabled = wizard_step(w, c, i, -1) < 0 || (w->pages[i].flags & WPF_NO_BACK);
}

/* Cancel: true when the user really leaves. */
static bool cancel_ok(struct tui *t, const struct twork *wk)
{
	if (deployment_equal(wk->copy, wk->base))
		return true;
	return tui_confirm(t, _("Cancel"), _("Leave the wizard? What was changed in it since "
					      "it opened (or was last saved) will be lost."));
}

struct leave {
	struct tui *t;
	const struct wizard *w;
	struct wctx *c;
	struct twork *wk;
	long page;
};

/* Over the page: Cancel asks when something changed; Next on the last
 * page runs Finish, which may refuse (having said why). */
static bool leave_ok(void *arg, int out)
{
	struct leave *l = arg;

	if (out == PO_CANCEL)
		return cancel_ok(l->t, l->wk);
	if (wizard_step(l->w, l->c, l->page, 1) >= 0)
		return true;
	return !l->w->finish || l->w->finish(l->c) == 0;
}

static int run_pages(struct tui *t, const struct wizard *w, struct wctx *c, struct twork *wk)
{
	struct leave lv = {.t = t, .w = w, .c = c, .wk = wk};
	struct tpage_opts o = {.title = _(w->title), .leave_ok = leave_ok, .leave_arg = &lv};
	char *step = NULL;
	long i = wizard_step(w, c, -1, 1);
	bool forward = true;
	int r = TUI_CANCELLED;

	while (i >= 0) {
		long next;

		options(w, c, i, &o);
		step_text(w, c, i, &step);
		o.step = step;
		lv.page = i;
		switch (tpage_run(t, &w->pages[i], c, &o, forward)) {
		case PO_NEXT:
			next = wizard_step(w, c, i, 1);
			if (next < 0)
				r = TUI_DONE;
			else
				tui_draft(t);
			i = next;
			forward = true;
			break;
		case PO_BACK:
			next = wizard_step(w, c, i, -1);
			i = next >= 0 ? next : i;
			forward = false;
			break;
		case PO_CANCEL:
			i = -1;
			break;
		default:
			r = TUI_QUIT;
			i = -1;
		}
	}
	free(step);
	return r;
}

/* dst takes src's contents; pointers to dst stay valid. */
static void take(struct deployment *dst, struct deployment *src)
{
	struct deployment tmp = *dst;

	*dst = *src;
	*src = tmp;
}

/* A wizard with a passphrase field holds the passphrase in its state
 * until its end callback wipes it. */
static bool has_secret(const struct wizard *w)
{
	for (size_t i = 0; i < w->npages; i++)
		for (size_t j = 0; j < w->pages[i].nfields; j++)
			if (w->pages[i].fields[j].kind == WF_SECRET)
				return true;
	return false;
}

int tui_run_wizard(struct tui *t, const struct wizard *w, void *arg)
{
	struct tsession *s = t->s;
	struct twork wk = {.outer = s->work, .base = s->work ? s->work->copy : s->d};
	struct wctx c = {.path = s->path, .base_dir = s->base_dir, .state = arg, .ui = &tui_wui,
			 .ui_arg = t};
	bool secret = has_secret(w);
	int r;

	if (secret)
		nodump_enter();
	wk.copy = deployment_clone(wk.base);
	c.d = wk.copy;
	s->work = &wk;
	if (w->begin)
		w->begin(&c);
	r = run_pages(t, w, &c, &wk);
	if (r == TUI_DONE)
		take(wk.base, wk.copy);
	if (w->end)
		w->end(&c);
	s->work = wk.outer;
	deployment_free(wk.copy);
	if (secret)
		nodump_leave();
	if (r != TUI_QUIT)
		tui_draft(t);
	return r;
}
