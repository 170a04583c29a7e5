/* SPDX-License-Identifier: ISC */
/* What the keys do on a page: the focused widget gets the key first; what
 * it does not use moves the focus or acts on the page (Next, Back, Cancel,
 * save, quit, help). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui/page.h"
#include "xalloc.h"

static const struct wfield *field(const struct tpage *p, int fi)
{
	return &p->pg->fields[fi];
}

/* A field's problems are about its old value: they go when it changes,
 * and Next checks again. */
static void changed(struct tpage *p, int fi)
{
	const struct wfield *f = field(p, fi);
	const char *path = wfield_path(f);
	struct diags keep = {0};

	for (size_t i = 0; i < p->dg.n; i++) {
		const struct diag *g = &p->dg.v[i];

		if (!wdiag_matches(path, g->field))
			diags_add(&keep, g->sev, g->line, g->col, g->field, "%s", g->msg);
	}
	diags_free(&p->dg);
	p->dg = keep;
}

static void set_text_from(struct tpage *p, int fi)
{
	const struct wfield *f = field(p, fi);
	char *s = tedit_get(&p->ed[fi]);

	wfield_set_text(f, p->c, s);
	changed(p, fi);
	explicit_bzero(s, strlen(s));
	free(s);
}

/* --- editing a LIST entry in place --- */

static struct strlist *list_of(struct tpage *p, int fi)
{
	return wfield_list(field(p, fi), p->c);
}

static void edit_sync(struct tpage *p)
{
	struct strlist *l = list_of(p, p->edit_f);

	free(l->v[p->edit_i]);
	l->v[p->edit_i] = tedit_get(&p->edit);
	changed(p, p->edit_f);
}

static void edit_begin(struct tpage *p, int fi, long i, wchar_t first)
{
	const struct wfield *f = field(p, fi);
	struct strlist *l = wfield_list(f, p->c);

	if (!l)
		return;
	p->edit_new = (size_t)i >= l->n;
	if (p->edit_new) {
		strlist_push(l, "");
		i = (long)l->n - 1;
	}
	p->edit_f = fi;
	p->edit_i = i;
	p->edit_old = xstrdup(l->v[i]);
	memset(&p->edit, 0, sizeof p->edit);
	p->edit.maxlen = f->maxlen > 0 ? (size_t)f->maxlen : 0;
	p->edit.upper = (f->flags & WFF_UPPER) != 0;
	tedit_set(&p->edit, l->v[i]);
	if (first && tedit_key(&p->edit, (struct tkey){TK_CHAR, first}) == TE_CHANGED)
		edit_sync(p);
	p->focus_f = fi;
	p->focus_sub = i;
}

static void edit_end(struct tpage *p, bool keep)
{
	struct strlist *l = list_of(p, p->edit_f);
	size_t i = (size_t)p->edit_i;

	if (!keep && !p->edit_new)
		xstrset(&l->v[i], p->edit_old);
	if (!keep || !*l->v[i]) {
		if (keep || p->edit_new)
			strlist_remove(l, i);
	} else if (p->edit_new) {
		p->focus_sub = (long)l->n; /* back on Add, ready for the next */
	}
	tedit_free(&p->edit);
	free(p->edit_old);
	p->edit_old = NULL;
	p->edit_f = -1;
}

/* true when the key was used by the entry being edited. */
static bool edit_key(struct tpage *p, struct tkey k)
{
	int r;

	switch (k.act) {
	case TK_ENTER:
		edit_end(p, true);
		return true;
	case TK_CANCEL:
		edit_end(p, false);
		return true;
	case TK_CHAR: case TK_TOGGLE: case TK_LEFT: case TK_RIGHT: case TK_HOME:
	case TK_END: case TK_BACKSPACE: case TK_DELETE: case TK_KILL:
		r = tedit_key(&p->edit, k);
		if (r == TE_CHANGED)
			edit_sync(p);
		else if (r == TE_REFUSED)
			beep();
		return true;
	default:
		edit_end(p, true);
		return false;
	}
}

/* --- the focused widget --- */

/* Enter: the next field; after the last one, the button that goes on
 * (never Back, which Tab reaches first). */
static void enter_moves(struct tpage *p)
{
	tpage_move(p, 1);
	if (tpage_focused(p)->f >= 0)
		return;
	for (size_t i = 0; i < p->nstops; i++)
		if (p->stops[i].f < 0 && p->stops[i].sub != TB_BACK && p->stops[i].sub != TB_CANCEL) {
			tpage_focus_to(p, i);
			return;
		}
}

static bool key_text(struct tpage *p, int fi, struct tkey k)
{
	int r;

	if (k.act == TK_ENTER) {
		enter_moves(p);
		return true;
	}
	r = tedit_key(&p->ed[fi], k);
	if (r == TE_CHANGED)
		set_text_from(p, fi);
	else if (r == TE_REFUSED)
		beep();
	/* At either end of the text, Left and Right stay in the field. */
	return r != TE_IGNORED || k.act == TK_LEFT || k.act == TK_RIGHT ||
	       k.act == TK_BACKSPACE || k.act == TK_DELETE;
}

static bool key_list(struct tpage *p, int fi, long i, struct tkey k)
{
	struct strlist *l = list_of(p, fi);

	if (!l)
		return false;
	if (k.act == TK_DELETE && (size_t)i < l->n) {
		strlist_remove(l, (size_t)i);
		changed(p, fi);
		return true;
	}
	if (k.act == TK_ENTER || k.act == TK_CHAR || (k.act == TK_TOGGLE && (size_t)i >= l->n)) {
		edit_begin(p, fi, i, k.act == TK_ENTER ? 0 : k.ch);
		return true;
	}
	return false;
}

static bool key_viewer(struct tpage *p, int fi, struct tkey k)
{
	size_t n = p->vlines[fi], h = (size_t)(field(p, fi)->height ? field(p, fi)->height
								 : p->viewer_h);
	size_t *top = &p->vtop[fi];
	size_t max = n > h ? n - h : 0;

	switch (k.act) {
	case TK_DOWN:
		if (*top >= max)
			return false;
		(*top)++;
		return true;
	case TK_UP:
		if (*top == 0)
			return false;
		(*top)--;
		return true;
	case TK_PGDN:
		*top = *top + h < max ? *top + h : max;
		return true;
	case TK_PGUP:
		*top = *top > h ? *top - h : 0;
		return true;
	case TK_HOME:
		*top = 0;
		return true;
	case TK_END:
		*top = max;
		return true;
	default:
		return false;
	}
}

static bool key_rows(struct tpage *p, const struct wfield *f, long i, struct tkey k)
{
	if (k.act == TK_ENTER && f->activate)
		f->activate(p->c, (size_t)i);
	else if (k.act == TK_DELETE && f->remove)
		f->remove(p->c, (size_t)i);
	else
		return false;
	return true;
}

static bool pressed(struct tkey k)
{
	return k.act == TK_ENTER || k.act == TK_TOGGLE;
}

static bool key_widget(struct tpage *p, const struct tstop *s, struct tkey k)
{
	const struct wfield *f = field(p, s->f);

	switch (f->kind) {
	case WF_TEXT:
	case WF_SECRET:
		return key_text(p, s->f, k);
	case WF_CHECK:
		if (k.act != TK_TOGGLE || !wfield_bound(f))
			return false;
		wfield_set_bool(f, p->c, !wfield_get_bool(f, p->c));
		return true;
	case WF_RADIO:
		if (k.act != TK_TOGGLE || !wfield_bound(f))
			return false;
		wfield_set_choice(f, p->c, (int)s->sub);
		return true;
	case WF_LIST:
		return key_list(p, s->f, s->sub, k);
	case WF_CHECKLIST:
		if (k.act != TK_TOGGLE || !f->set_item)
			return false;
		f->set_item(p->c, (size_t)s->sub, !(f->get_item && f->get_item(p->c, (size_t)s->sub)));
		return true;
	case WF_ROWS:
		return key_rows(p, f, s->sub, k);
	case WF_VIEWER:
		return key_viewer(p, s->f, k);
	case WF_BUTTON:
		if (!pressed(k) || !f->press)
			return false;
		f->press(p->c);
		return true;
	case WF_NOTE:
		break;
	}
	return false;
}

static bool key_field(struct tpage *p, const struct tstop *s, struct tkey k)
{
	const struct wfield *f = field(p, s->f);
	bool used = key_widget(p, s, k);

	if (used && (f->kind == WF_CHECK || f->kind == WF_RADIO || f->kind == WF_CHECKLIST))
		changed(p, s->f);
	return used;
}

/* --- the page --- */

static void focus_first_problem(struct tpage *p)
{
	for (size_t i = 0; i < p->nstops; i++) {
		const struct tstop *s = &p->stops[i];
		const struct diag *g;

		if (s->f < 0)
			continue;
		g = wfield_diag(field(p, s->f), &p->dg, s->sub);
		if (!g)
			g = wfield_diag(field(p, s->f), &p->dg, -1);
		if (g && g->sev == DIAG_ERROR) {
			tpage_focus_to(p, i);
			return;
		}
	}
}

void tpage_try_next(struct tpage *p)
{
	size_t errors;

	diags_free(&p->dg);
	errors = wpage_check(p->pg, p->c, &p->dg);
	if (errors == 0) {
		if (!p->o->leave_ok || p->o->leave_ok(p->o->leave_arg, PO_NEXT))
			p->done = PO_NEXT;
		return;
	}
	tui_set_status(p->t, true, ngettext("Fix what is marked to go on (%zu problem)",
					    "Fix what is marked to go on (%zu problems)", errors),
		       errors);
	tpage_layout(p);
	focus_first_problem(p);
}

static void cancel(struct tpage *p)
{
	if (!p->o->leave_ok || p->o->leave_ok(p->o->leave_arg, PO_CANCEL))
		p->done = PO_CANCEL;
}

static void press_nav(struct tpage *p, enum tbtn b)
{
	switch (b) {
	case TB_BACK:
		if (!p->o->back_disabled)
			p->done = PO_BACK;
		break;
	case TB_NEXT:
	case TB_FINISH:
	case TB_OK:
		tpage_try_next(p);
		break;
	case TB_CANCEL:
		cancel(p);
		break;
	case TB_SAVE:
		tui_save_all(p->t);
		break;
	case TB_QUIT:
		if (tui_quit_asked(p->t))
			p->done = PO_QUIT;
		break;
	case TB_COUNT:
		break;
	}
}

static bool has_next(const struct tpage *p)
{
	return tpage_has(p, TB_NEXT) || tpage_has(p, TB_FINISH) || tpage_has(p, TB_OK);
}

static bool is_radio(const struct tpage *p, const struct tstop *s)
{
	return s && s->f >= 0 && field(p, s->f)->kind == WF_RADIO;
}

/* Tab and Shift-Tab: the next field as a whole, as dialog and nmtui do: a
 * radio group is one stop, entered on its chosen choice; the arrows move
 * between its choices. */
static void move_field(struct tpage *p, int dir)
{
	const struct tstop *s = tpage_focused(p);
	int from = s ? s->f : -1;
	size_t guard = p->nstops;

	tpage_move(p, dir);
	while (from >= 0 && is_radio(p, s) && guard-- > 0 && tpage_focused(p)->f == from)
		tpage_move(p, dir);
	s = tpage_focused(p);
	if (!is_radio(p, s) || !wfield_bound(field(p, s->f)))
		return;
	for (size_t i = 0; i < p->nstops; i++)
		if (p->stops[i].f == s->f &&
		    p->stops[i].sub == wfield_get_choice(field(p, s->f), p->c)) {
			tpage_focus_to(p, i);
			return;
		}
}

static void page_key(struct tpage *p, struct tkey k)
{
	switch (k.act) {
	case TK_NEXT_FIELD:
		move_field(p, 1);
		break;
	case TK_PREV_FIELD:
		move_field(p, -1);
		break;
	case TK_DOWN: case TK_RIGHT:
		tpage_move(p, 1);
		break;
	case TK_UP: case TK_LEFT:
		tpage_move(p, -1);
		break;
	case TK_NEXT_PAGE: case TK_PGDN:
		if (has_next(p))
			tpage_try_next(p);
		break;
	case TK_PREV_PAGE: case TK_PGUP:
		if (tpage_has(p, TB_BACK))
			press_nav(p, TB_BACK);
		break;
	case TK_CANCEL:
		press_nav(p, p->o->cancel_quits ? TB_QUIT : TB_CANCEL);
		break;
	case TK_SAVE:
		tui_save_all(p->t);
		break;
	case TK_QUIT:
		press_nav(p, TB_QUIT);
		break;
	case TK_HELP:
		help_run(p->t, p->pg, tpage_field(p));
		break;
	case TK_ENTER:
		enter_moves(p);
		break;
	default:
		break;
	}
}

void tpage_key(struct tpage *p, struct tkey k)
{
	const struct tstop *s;

	if (p->edit_f >= 0 && edit_key(p, k))
		return;
	s = tpage_focused(p);
	if (s && s->f < 0 && pressed(k)) {
		press_nav(p, (enum tbtn)s->sub);
		return;
	}
	if (s && s->f >= 0 && key_field(p, s, k))
		return;
	page_key(p, k);
}

/* --- running a page --- */

static void page_init(struct tpage *p, struct tui *t, const struct wpage *pg, struct wctx *c,
		      const struct tpage_opts *o)
{
	memset(p, 0, sizeof *p);
	p->t = t;
	p->pg = pg;
	p->c = c;
	p->o = o;
	p->l.paint = tpage_paint;
	p->edit_f = -1;
	p->done = -1;
	p->focus_f = -2;
	p->ed = xcalloc(pg->nfields + 1, sizeof *p->ed);
	p->vtop = xcalloc(pg->nfields + 1, sizeof *p->vtop);
	p->vlines = xcalloc(pg->nfields + 1, sizeof *p->vlines);
	for (size_t i = 0; i < pg->nfields; i++) {
		const struct wfield *f = &pg->fields[i];

		p->ed[i].maxlen = f->maxlen > 0 ? (size_t)f->maxlen : 0;
		p->ed[i].upper = (f->flags & WFF_UPPER) != 0;
		p->ed[i].secret = f->kind == WF_SECRET;
	}
}

static void page_free(struct tpage *p)
{
	if (p->edit_f >= 0)
		edit_end(p, true);
	for (size_t i = 0; i < p->pg->nfields; i++)
		tedit_free(&p->ed[i]);
	free(p->ed);
	free(p->vtop);
	free(p->vlines);
	free(p->stops);
	diags_free(&p->dg);
}

/* The first field, else the button that goes on. */
static void first_focus(struct tpage *p)
{
	tpage_layout(p);
	for (size_t i = 0; i < p->nstops; i++)
		if (p->stops[i].f >= 0) {
			tpage_focus_to(p, i);
			return;
		}
	for (size_t i = 0; i < p->nstops; i++)
		if (p->stops[i].f < 0 && (p->stops[i].sub == TB_NEXT ||
					  p->stops[i].sub == TB_FINISH ||
					  p->stops[i].sub == TB_OK)) {
			tpage_focus_to(p, i);
			return;
		}
}

/* An action asked to leave the page (c->leave). */
static void leave_asked(struct tpage *p)
{
	int leave = p->c->leave;

	p->c->leave = WLEAVE_NONE;
	if (leave == WLEAVE_NEXT)
		tpage_try_next(p);
	else if (leave == WLEAVE_CANCEL)
		cancel(p);
	else if (leave == WLEAVE_QUIT)
		p->done = PO_QUIT;
}

int tpage_run(struct tui *t, const struct wpage *pg, struct wctx *c,
	      const struct tpage_opts *o, bool forward)
{
	struct tpage p;
	int done;

	page_init(&p, t, pg, c, o);
	c->leave = WLEAVE_NONE;
	if (pg->enter)
		pg->enter(c);
	if (!(forward && pg->run))
		wpage_model_diags(pg, c, &p.dg);
	tpage_sync(&p);
	first_focus(&p);
	tui_push(t, &p.l);
	if (forward && pg->run) {
		tui_flush(t);
		pg->run(c);
		leave_asked(&p);
	}
	while (p.done < 0) {
		struct tkey k;

		tpage_draw(&p);
		k = tui_getkey(t, -1);
		tui_clear_status(t);
		tpage_key(&p, k);
		leave_asked(&p);
	}
	done = p.done;
	tui_pop(t, &p.l);
	page_free(&p);
	return done;
}
