/* SPDX-License-Identifier: ISC */
/* The Partners screen: the list of XMPP federated partners with a filter
 * as you type, New / Edit / Delete / Export script, on a canvas layer. It
 * draws only the rows in view, whatever the number of partners; the
 * filter and the selection live in wizards/partnerlist.c, the form in
 * wizards/partners.c.
 *
 *   row 0            title bar
 *   row 1            filter line, count
 *   row 2            column headings
 *   rows 3..LINES-5  the partners in view
 *   row LINES-4      buttons
 *   row LINES-3      rule
 *   row LINES-2      status line
 *   row LINES-1      key hint */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "negotiation.h"
#include "tui/canvas.h"
#include "tui/listview.h"
#include "tui/input.h"
#include "tui/screens.h"
#include "tui/textedit.h"
#include "tui/utf8.h"
#include "wizards/exports.h"
#include "wizards/partnerlist.h"
#include "wizards/partners.h"
#include "xalloc.h"

enum pbtn { PB_NEW, PB_EDIT, PB_DELETE, PB_EXPORT, PB_CLOSE, PB_COUNT };

#define FOCUS_LIST (-1)
#define LIST_Y 3

static const char *const btn_captions[PB_COUNT] = {
	N_("New"), N_("Edit"), N_("Delete"), N_("Export script"), N_("Close")
};

struct pscreen {
	struct tui *t;
	struct tcanvas *cv;
	WINDOW *w;       /* the canvas's window while drawing */
	struct plist l;
	struct tlistview lv; /* over l: its rows, l.top and l.sel */
	int focus;       /* FOCUS_LIST or an enum pbtn */
	char *status;    /* this screen's status line, or NULL */
	bool status_error;
	size_t bad;      /* characters typed into the filter the terminal's
			  * character set could not carry (TINPUT_BAD) */
	int result;      /* enum tui_result once the screen is over, else -1 */
};

enum pcol { PC_DOMAIN, PC_TYPE, PC_TLS, PC_SASL, PC_DIALBACK, PC_PROBE, PC_DESC, PC_COUNT };

/* Column widths of a row for the terminal's width. */
/* The widest partner type in the user's language: a type cut mid-word
 * ("Público verificad") reads as another. */
static int type_width(void)
{
	struct plist_cells h;
	int w;

	plist_headings(&h);
	w = tcanvas_width(h.type);
	for (int t = 0; t < PARTNER_TYPE_COUNT; t++)
		if (tcanvas_width(plist_type_label((enum partner_type)t)) > w)
			w = tcanvas_width(plist_type_label((enum partner_type)t));
	return w;
}

static void columns(void *arg, int *w)
{
	int avail = COLS - 2 - 6, rest;

	(void)arg;
	w[PC_TYPE] = type_width();
	w[PC_TLS] = 4;
	w[PC_SASL] = 4;
	w[PC_DIALBACK] = 8;
	w[PC_PROBE] = 10;
	rest = avail - w[PC_TYPE] - w[PC_TLS] - w[PC_SASL] - w[PC_DIALBACK] - w[PC_PROBE];
	w[PC_DOMAIN] = rest * 55 / 100;
	if (w[PC_DOMAIN] < 16)
		w[PC_DOMAIN] = 16;
	w[PC_DESC] = rest - w[PC_DOMAIN];
	/* A few letters of a description say nothing: the domain gets them. */
	if (w[PC_DESC] < 10) {
		w[PC_DOMAIN] += w[PC_DESC] > 0 ? w[PC_DESC] : 0;
		w[PC_DESC] = 0;
	}
}

static int list_h(void)
{
	return LINES - 4 - LIST_Y > 1 ? LINES - 4 - LIST_Y : 1;
}

static void set_cells(const struct plist_cells *pc, const char **out)
{
	out[PC_DOMAIN] = pc->domain;
	out[PC_TYPE] = pc->type;
	out[PC_TLS] = pc->tls;
	out[PC_SASL] = pc->sasl;
	out[PC_DIALBACK] = pc->dialback;
	out[PC_PROBE] = pc->probe;
	out[PC_DESC] = pc->description;
}

static void headings(void *arg, const char **out)
{
	struct plist_cells head;

	(void)arg;
	plist_headings(&head);
	set_cells(&head, out);
}

static size_t row_count(void *arg)
{
	return ((struct pscreen *)arg)->l.n;
}

/* A partner whose settings cannot negotiate (a hand-edited file) stands
 * out, so that it gets fixed before the script is run. */
static void row(void *arg, size_t r, bool sel, struct tlv_row *out)
{
	struct pscreen *s = arg;
	const struct partner *p = tui_deployment(s->t)->partners[s->l.idx[r]];
	const struct neg_row *nr = negotiation_lookup(p->tls, p->sasl, p->dialback);
	struct plist_cells pc;

	if (sel)
		out->look = s->focus == FOCUS_LIST ? TL_FOCUS : TL_MARK;
	else if (!nr || nr->status == NEG_STATUS_INVALID)
		out->look = TL_ERROR;
	plist_cells(p, &pc);
	set_cells(&pc, out->cell);
}

static char *empty_text(void *arg)
{
	const struct pscreen *s = arg;

	/* TRANSLATORS: %s is a key name such as Esc */
	return *s->l.filter ? keys_fill(_("No partner matches the filter (%s empties it)."),
					KEYACTS(TK_CANCEL))
	/* TRANSLATORS: %s is a key name such as Tab */
			    : keys_fill(_("No partners yet: %s to New adds one."),
					KEYACTS(TK_NEXT_FIELD));
}

static const struct tlv_desc list_desc = {
	.ncols = PC_COUNT, .x = 1, .gap = 1, .fill = true, .head_look = TL_HEAD,
	.widths = columns, .headings = headings, .count = row_count, .row = row,
	.empty = empty_text,
};

static void set_status(struct pscreen *s, bool error, char *msg)
{
	free(s->status);
	s->status = msg;
	s->status_error = error;
}

static void draw_buttons(struct pscreen *s)
{
	int x = 1, y = LINES - 4, gap = COLS < 70 ? 1 : 2;

	wmove(s->w, y, 0);
	wclrtoeol(s->w);
	for (int b = 0; b < PB_COUNT; b++) {
		char *cap = xasprintf("< %s >", _(btn_captions[b]));
		int cw = tcanvas_width(cap);

		tcanvas_look(s->w, s->focus == b ? TL_FOCUS : TL_NORMAL);
		tcanvas_put(s->w, y, x, cap, COLS - x - 1);
		tcanvas_look(s->w, TL_NORMAL);
		x += cw + gap;
		free(cap);
	}
}

/* The filter line; returns the column after the filter (the cursor). */
static int draw_filter(struct pscreen *s)
{
	const struct deployment *d = tui_deployment(s->t);
	const char *label = _("Filter: ");
	char *count = *s->l.filter ? xasprintf(ngettext("%zu of %zu partner", "%zu of %zu partners",
							d->npartners), s->l.n, d->npartners)
				   : xasprintf(ngettext("%zu partner", "%zu partners", d->npartners),
					       d->npartners);
	int cw = tcanvas_width(count), x = 1;

	wmove(s->w, 1, 0);
	wclrtoeol(s->w);
	x += tcanvas_put(s->w, 1, x, label, COLS - 2);
	x += tcanvas_put(s->w, 1, x, s->l.filter, COLS - x - cw - 3);
	tcanvas_look(s->w, TL_DIM);
	tcanvas_put(s->w, 1, COLS - cw - 1, count, cw);
	tcanvas_look(s->w, TL_NORMAL);
	free(count);
	return x;
}

static void draw_status(struct pscreen *s)
{
	wmove(s->w, LINES - 2, 0);
	wclrtoeol(s->w);
	if (!s->status)
		return;
	tcanvas_look(s->w, s->status_error ? TL_ERROR : TL_HEAD);
	tcanvas_put(s->w, LINES - 2, 1, s->status, COLS - 2);
	tcanvas_look(s->w, TL_NORMAL);
}

/* Everything but the frame; the cursor ends on the filter when the list
 * has the focus, out of the way otherwise. */
static void draw(struct pscreen *s)
{
	int cx;

	s->w = s->cv ? tcanvas_window(s->cv) : NULL;
	if (!s->w)
		return;
	cx = draw_filter(s);
	tlv_draw(&s->lv, s->w);
	draw_buttons(s);
	draw_status(s);
	if (s->focus == FOCUS_LIST)
		wmove(s->w, 1, cx < COLS ? cx : COLS - 1);
	else
		wmove(s->w, LINES - 4, 0);
}

static void paint(struct tcanvas *cv, WINDOW *w, void *arg)
{
	struct pscreen *s = arg;
	char *hint = keys_hint(KEYS_HINT_PARTNERS, COLS - 2);

	s->cv = cv;
	werase(w);
	tcanvas_frame(cv, w, hint, false, false);
	free(hint);
	tlv_place(&s->lv, LIST_Y, list_h());
	tlv_draw_heads(&s->lv, w, LIST_Y - 1);
	draw(s);
}

/* --- actions --- */

/* Shows partner pi, emptying the filter when it hides it. */
static void reveal(struct pscreen *s, size_t pi)
{
	const struct deployment *d = tui_deployment(s->t);

	plist_rebuild(&s->l, d);
	if (!plist_select_partner(&s->l, pi)) {
		plist_set_filter(&s->l, d, "");
		plist_select_partner(&s->l, pi);
	}
}

static void run_form(struct pscreen *s, long index)
{
	struct partner_form_arg arg = {.index = index, .result = -1};
	struct deployment *d = tui_deployment(s->t);
	struct partner *before = index >= 0 ? partner_clone(d->partners[index]) : NULL;
	size_t n = d->npartners;
	int r = tui_run_wizard(s->t, &partner_form, &arg);
	const struct partner *p;

	/* Back on the list, where the partner is now selected. */
	s->focus = FOCUS_LIST;
	if (r == TUI_QUIT)
		s->result = TUI_QUIT;
	if (r != TUI_DONE || arg.result < 0 || (size_t)arg.result >= d->npartners) {
		plist_rebuild(&s->l, d);
		if (r == TUI_CANCELLED && index < 0 && d->npartners > n) {
			/* Ctrl-O in the form saved the new partner as it was then. */
			reveal(s, d->npartners - 1);
			/* TRANSLATORS: %1$s, %2$s and %3$s are key names such as
			 * Ctrl-O, Enter and Delete */
			set_status(s, true, keys_fill(_("Saved with %1$s in the form, so it stays: "
							"%2$s edits it, %3$s removes it."),
						      KEYACTS(TK_SAVE, TK_ENTER, TK_DELETE)));
		}
		partner_free(before);
		return;
	}
	reveal(s, (size_t)arg.result);
	p = d->partners[arg.result];
	if (!before)
		/* TRANSLATORS: the second %s is a key name such as Ctrl-O */
		set_status(s, false, xasprintf(_("Partner %s added (%s saves the file)."),
					       p->domain, keys_name(TK_SAVE)));
	else if (!partner_equal(before, p))
		/* TRANSLATORS: the second %s is a key name such as Ctrl-O */
		set_status(s, false, xasprintf(_("Partner %s changed (%s saves the file)."),
					       p->domain, keys_name(TK_SAVE)));
	partner_free(before);
}

static void edit_selected(struct pscreen *s)
{
	long pi = plist_selected(&s->l);

	if (pi < 0) {
		set_status(s, true, xstrdup(_("No partner is selected.")));
		return;
	}
	run_form(s, pi);
}

static void delete_selected(struct pscreen *s)
{
	struct deployment *d = tui_deployment(s->t);
	long pi = plist_selected(&s->l);
	char *q, *name;

	if (pi < 0) {
		set_status(s, true, xstrdup(_("No partner is selected.")));
		return;
	}
	name = xstrdup(*d->partners[pi]->domain ? d->partners[pi]->domain
						 : _("(no primary domain)"));
	q = xasprintf(_("Delete the XMPP federated partner %s?"), name);
	if (tui_confirm(s->t, _("Delete partner"), q)) {
		deployment_remove_partner(d, (size_t)pi);
		tui_changed(s->t);
		plist_rebuild(&s->l, d);
		/* TRANSLATORS: the second %s is a key name such as Ctrl-O */
		set_status(s, false, xasprintf(_("Partner %s deleted (%s saves the file)."),
					       name, keys_name(TK_SAVE)));
	}
	free(q);
	free(name);
}

static void export_script(struct pscreen *s)
{
	struct wctx c = {.d = tui_deployment(s->t), .path = tui_path(s->t),
			 .base_dir = tui_base_dir(s->t), .ui = &tui_wui, .ui_arg = s->t};
	char *name = wexport_default_name(tui_path(s->t), WEXP_FRONTEND);

	wexport_write(&c, WEXP_FRONTEND, name);
	free(name);
}

static void press(struct pscreen *s, int b)
{
	switch (b) {
	case PB_NEW:
		run_form(s, -1);
		break;
	case PB_EDIT:
		edit_selected(s);
		break;
	case PB_DELETE:
		delete_selected(s);
		break;
	case PB_EXPORT:
		export_script(s);
		break;
	default:
		s->result = TUI_DONE;
	}
}

/* --- keys --- */

static void filter_char(struct pscreen *s, wchar_t ch)
{
	/* UTF-8 whatever the locale, like the file the filter searches. */
	char buf[5];
	char *f;

	if (ch == TINPUT_BAD) {
		set_status(s, true, tedit_unreadable_text(N_("Filter: "), ++s->bad));
		return;
	}
	buf[utf8_put(buf, ch)] = '\0';
	f = xasprintf("%s%s", s->l.filter, buf);
	plist_set_filter(&s->l, tui_deployment(s->t), f);
	free(f);
	/* The refusal stays while the rest of a paste comes in. */
	if (s->bad)
		set_status(s, true, tedit_unreadable_text(N_("Filter: "), s->bad));
	s->focus = FOCUS_LIST;
}

static bool list_key(struct pscreen *s, struct tkey k)
{
	const struct deployment *d = tui_deployment(s->t);

	if (tlv_key(&s->lv, k))
		return true;
	switch (k.act) {
	case TK_BACKSPACE: plist_filter_backspace(&s->l, d); return true;
	case TK_KILL: plist_set_filter(&s->l, d, ""); s->bad = 0; return true;
	case TK_ENTER: edit_selected(s); return true;
	case TK_DELETE: delete_selected(s); return true;
	default: return false;
	}
}

static bool button_key(struct pscreen *s, struct tkey k)
{
	switch (k.act) {
	case TK_LEFT:
		s->focus = s->focus > 0 ? s->focus - 1 : PB_COUNT - 1;
		return true;
	case TK_RIGHT:
		s->focus = (s->focus + 1) % PB_COUNT;
		return true;
	case TK_UP:
		s->focus = FOCUS_LIST;
		return true;
	case TK_ENTER:
	case TK_TOGGLE:
		press(s, s->focus);
		return true;
	default:
		return false;
	}
}

static void on_key(struct pscreen *s, struct tkey k)
{
	if (k.act == TK_CHAR || (k.act == TK_TOGGLE && s->focus == FOCUS_LIST)) {
		filter_char(s, k.ch ? k.ch : L' ');
		return;
	}
	if (s->focus == FOCUS_LIST ? list_key(s, k) : button_key(s, k))
		return;
	switch (k.act) {
	case TK_NEXT_FIELD:
		s->focus = s->focus + 1 >= PB_COUNT ? FOCUS_LIST : s->focus + 1;
		break;
	case TK_PREV_FIELD:
		s->focus = s->focus == FOCUS_LIST ? PB_COUNT - 1 : s->focus - 1;
		break;
	case TK_CANCEL:
		s->bad = 0;
		if (*s->l.filter)
			plist_set_filter(&s->l, tui_deployment(s->t), "");
		else
			s->result = TUI_DONE;
		break;
	case TK_QUIT:
		s->result = TUI_QUIT;
		break;
	default:
		break;
	}
}

static int partners_run(struct tui *t)
{
	struct pscreen s = {.t = t, .focus = FOCUS_LIST, .result = -1};

	s.lv = (struct tlistview){.desc = &list_desc, .arg = &s, .top = &s.l.top,
				  .sel = &s.l.sel, .y = LIST_Y, .h = 1};
	plist_init(&s.l);
	plist_rebuild(&s.l, tui_deployment(t));
	s.cv = tcanvas_open(t, &partner_list_page, paint, &s);
	while (s.result < 0) {
		struct tkey k;

		draw(&s);
		k = tcanvas_key(s.cv, -1);
		if (k.act == TK_NONE)
			continue;
		set_status(&s, false, NULL);
		on_key(&s, k);
	}
	tcanvas_close(s.cv);
	plist_free(&s.l);
	free(s.status);
	return s.result;
}

static char *partners_state(const struct deployment *d)
{
	size_t warn = 0, bad = 0;

	for (size_t i = 0; i < d->npartners; i++) {
		const struct partner *p = d->partners[i];
		const struct neg_row *r = negotiation_lookup(p->tls, p->sasl, p->dialback);

		warn += r && r->status == NEG_STATUS_WARN;
		bad += r && r->status == NEG_STATUS_INVALID;
	}
	if (d->npartners == 0)
		return xstrdup(_("No partners yet."));
	/* TRANSLATORS: the plural follows the first count; the second is
	 * every partner in the file. */
	if (bad)
		return xasprintf(ngettext("%zu partner cannot negotiate (fix it before "
					  "exporting); %zu in all.",
					  "%zu partners cannot negotiate (fix them before "
					  "exporting); %zu in all.", bad), bad, d->npartners);
	if (warn)
		return xasprintf(ngettext("%zu partner has a negotiation warning; %zu in all.",
					  "%zu partners have a negotiation warning; %zu in all.",
					  warn), warn, d->npartners);
	return xasprintf(ngettext("%zu partner.", "%zu partners.", d->npartners), d->npartners);
}

const struct tui_entry tui_entry_partners = {
	.label = N_("XMPP federated partners"),
	.caption = N_("Open"),
	.state = partners_state,
	.help = N_("The list of XMPP federated partners: New, Edit, Delete, a filter as you "
		   "type, and the Front End's script that applies them."),
	.run = partners_run,
};
