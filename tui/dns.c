/* SPDX-License-Identifier: ISC */
/* The DNS records screen: the form (wizards/dns.c) on the page engine, and
 * the live check's results on a canvas of their own. The check runs while
 * the screen reads keys: each turn of the loop lets dnscheck handle what
 * arrived for a few milliseconds, redraws the rows whose verdict changed,
 * and polls the keyboard without waiting, so Esc cancels at once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dnscheck.h"
#include "i18n.h"
#include "tui/canvas.h"
#include "tui/listview.h"
#include "tui/screens.h"
#include "wizards/dns.h"
#include "xalloc.h"

/* How long dnscheck may wait for answers before the keyboard is polled. */
#define LIVE_SLICE_MS 20
/* While answers pour in, the counts are redrawn at most this often: each
 * redraw costs bytes on a slow link and nobody reads counts that fast. */
#define SUMMARY_EVERY_S 0.1
#define BODY_Y 3

enum phase { LIVE_RUNNING, LIVE_DONE, LIVE_CANCELLED };

/* What a row shows, to draw it again only when that changes. */
struct row {
	enum dns_verdict verdict;
	bool cancelled;
	bool drawn;
	enum dns_verdict drawn_verdict;
	bool drawn_cancelled, drawn_sel;
};

struct live {
	struct tui *t;
	struct tcanvas *cv;
	struct dnscheck *c;
	char *where;           /* "server 127.0.0.1:53, timeout 5000 ms" */
	struct row *rows;
	size_t n, sel, top;
	struct tlistview list;  /* over rows: top and sel */
	long drawn_top;        /* -1: rows must all be drawn */
	char *drawn_summary;
	enum phase phase;
	bool frame_dirty;      /* the hint or the scroll marks must change */
	struct timespec t0, summary_at;
	double secs;
	bool closed, quit;
};

static int body_h(void)
{
	return LINES - BODY_Y - 3 > 1 ? LINES - BODY_Y - 3 : 1;
}

static int max_width(int w, const char *s)
{
	int sw = tcanvas_width(s);

	return sw > w ? sw : w;
}

enum dcol { DC_KIND, DC_DOMAIN, DC_VERDICT, DC_FOUND, DC_COUNT };

/* Wide enough for every label and domain, a domain at most a third of
 * the line. */
static void columns(void *arg, int *w)
{
	const struct live *lv = arg;
	int cap = COLS / 3;

	w[DC_KIND] = max_width(max_width(0, wdns_subject_label(DNS_OWN)),
			       wdns_subject_label(DNS_PARTNER));
	w[DC_VERDICT] = max_width(0, _("cancelled"));
	for (int v = DNSV_PENDING; v <= DNSV_ERROR; v++)
		w[DC_VERDICT] = max_width(w[DC_VERDICT], wdns_verdict_label(v));
	w[DC_DOMAIN] = max_width(12, _("Domain"));
	for (size_t i = 0; i < lv->n; i++)
		w[DC_DOMAIN] = max_width(w[DC_DOMAIN], dnscheck_result(lv->c, i)->domain);
	if (w[DC_DOMAIN] > cap)
		w[DC_DOMAIN] = cap;
}

static void headings(void *arg, const char **out)
{
	(void)arg;
	out[DC_KIND] = _("Kind");
	out[DC_DOMAIN] = _("Domain");
	out[DC_VERDICT] = _("Verdict");
	out[DC_FOUND] = _("Found");
}

static size_t row_count(void *arg)
{
	return ((const struct live *)arg)->n;
}

static const char *verdict_text(const struct row *r)
{
	return r->cancelled ? _("cancelled") : wdns_verdict_label(r->verdict);
}

static enum tlook verdict_look(const struct row *r)
{
	if (r->cancelled || r->verdict == DNSV_PENDING)
		return TL_DIM;
	return r->verdict == DNSV_OK ? TL_HEAD : TL_ERROR;
}

static void row(void *arg, size_t i, bool sel, struct tlv_row *out)
{
	struct live *lv = arg;
	const struct dns_result *res = dnscheck_result(lv->c, i);
	struct row *r = &lv->rows[i];
	bool quiet = r->verdict == DNSV_PENDING || r->cancelled;

	out->cell[DC_KIND] = wdns_subject_label(res->subject);
	out->cell_look[DC_KIND] = TL_DIM;
	out->cell[DC_DOMAIN] = res->domain;
	out->cell_look[DC_DOMAIN] = sel ? TL_FOCUS : TL_NORMAL;
	out->cell[DC_VERDICT] = verdict_text(r);
	out->cell_look[DC_VERDICT] = verdict_look(r);
	out->cell[DC_FOUND] = r->cancelled ? res->query : wdns_detail_short(res);
	out->cell_look[DC_FOUND] = quiet ? TL_DIM : TL_NORMAL;
}

static const struct tlv_desc list_desc = {
	.ncols = DC_COUNT, .x = 3, .gap = 2, .mark = true, .head_look = TL_DIM,
	.widths = columns, .headings = headings, .count = row_count, .row = row,
};

static void draw_row(struct live *lv, WINDOW *w, size_t i)
{
	struct row *r = &lv->rows[i];

	tlv_draw_row(&lv->list, w, i);
	r->drawn = true;
	r->drawn_verdict = r->verdict;
	r->drawn_cancelled = r->cancelled;
	r->drawn_sel = i == lv->sel;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static char *summary_text(const struct live *lv)
{
	struct wdns_tally tally = {0};
	char *counts, *s;

	for (size_t i = 0; i < lv->n; i++)
		wdns_tally_add(&tally, lv->rows[i].verdict, lv->rows[i].cancelled);
	counts = wdns_summary(&tally);
	if (lv->phase == LIVE_RUNNING)
		s = xasprintf(ngettext("Checking %zu domain: %s", "Checking %zu domains: %s", lv->n),
			      lv->n, counts);
	else if (lv->phase == LIVE_CANCELLED)
		s = xasprintf(_("Cancelled: %s"), counts);
	else
		s = xasprintf(_("Done in %.2f s: %s"), lv->secs, counts);
	free(counts);
	return s;
}

static void draw_summary(struct live *lv, WINDOW *w)
{
	char *s;

	if (lv->drawn_summary && lv->phase == LIVE_RUNNING &&
	    seconds_since(&lv->summary_at) < SUMMARY_EVERY_S)
		return;
	s = summary_text(lv);
	if (lv->drawn_summary && strcmp(s, lv->drawn_summary) == 0) {
		free(s);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &lv->summary_at);
	wmove(w, LINES - 2, 0);
	wclrtoeol(w);
	tcanvas_look(w, TL_HEAD);
	tcanvas_put(w, LINES - 2, 1, s, COLS - 2);
	tcanvas_look(w, TL_NORMAL);
	free(lv->drawn_summary);
	lv->drawn_summary = s;
}

static void draw_frame(struct live *lv, WINDOW *w)
{
	char *hint = keys_hint(lv->phase == LIVE_RUNNING ? KEYS_HINT_DNS_RUNNING
							 : KEYS_HINT_DNS_DONE, COLS - 2);

	tcanvas_frame(lv->cv, w, hint, tlv_more_above(&lv->list), tlv_more_below(&lv->list));
	free(hint);
	lv->frame_dirty = false;
}

static void draw_heads(struct live *lv, WINDOW *w)
{
	const char *head = _("Live DNS check");
	int ww = tcanvas_width(lv->where), hw = tcanvas_width(head);

	tcanvas_look(w, TL_HEAD);
	tcanvas_put(w, 1, 1, head, COLS - 2);
	tcanvas_look(w, TL_DIM);
	if (hw + ww + 4 <= COLS)
		tcanvas_put(w, 1, COLS - ww - 1, lv->where, ww);
	tcanvas_look(w, TL_NORMAL);
	tlv_draw_heads(&lv->list, w, BODY_Y - 1);
}

/* Draws what differs from what was drawn: the rows whose verdict or
 * selection changed (all of them after a scroll), the summary, and the
 * frame when the hint or the scroll marks change. */
static void redraw(struct live *lv, WINDOW *w)
{
	bool scrolled;
	size_t end;

	tlv_follow(&lv->list);
	scrolled = lv->drawn_top != (long)lv->top;
	end = lv->top + (size_t)body_h() < lv->n ? lv->top + (size_t)body_h() : lv->n;
	if (scrolled || lv->frame_dirty)
		draw_frame(lv, w);
	for (size_t i = lv->top; i < end; i++) {
		const struct row *r = &lv->rows[i];

		if (scrolled || !r->drawn || r->drawn_verdict != r->verdict ||
		    r->drawn_cancelled != r->cancelled || r->drawn_sel != (i == lv->sel))
			draw_row(lv, w, i);
	}
	lv->drawn_top = (long)lv->top;
	draw_summary(lv, w);
	tlv_cursor(&lv->list, w);
}

static void update(struct live *lv)
{
	WINDOW *w = tcanvas_window(lv->cv);

	if (w)
		redraw(lv, w);
}

/* The whole canvas: on opening, after a resize, Ctrl-L. */
static void paint(struct tcanvas *cv, WINDOW *w, void *arg)
{
	struct live *lv = arg;

	lv->cv = cv;
	werase(w);
	tlv_place(&lv->list, BODY_Y, body_h());
	draw_heads(lv, w);
	for (size_t i = 0; i < lv->n; i++)
		lv->rows[i].drawn = false;
	lv->drawn_top = -1;
	lv->frame_dirty = true;
	free(lv->drawn_summary);
	lv->drawn_summary = NULL;
	redraw(lv, w);
}

/* Takes the verdicts that became final. */
static void collect(struct live *lv)
{
	for (size_t i = 0; i < lv->n; i++)
		if (!lv->rows[i].cancelled)
			lv->rows[i].verdict = dnscheck_result(lv->c, i)->verdict;
	if (lv->phase == LIVE_RUNNING && dnscheck_done(lv->c)) {
		lv->phase = LIVE_DONE;
		lv->frame_dirty = true;
		lv->secs = seconds_since(&lv->t0);
	}
}

/* Rows still pending say "cancelled"; dnscheck marks them as errors. */
static void cancel(struct live *lv)
{
	if (lv->phase != LIVE_RUNNING)
		return;
	for (size_t i = 0; i < lv->n; i++)
		if (lv->rows[i].verdict == DNSV_PENDING)
			lv->rows[i].cancelled = true;
	dnscheck_cancel(lv->c);
	lv->phase = LIVE_CANCELLED;
	lv->frame_dirty = true;
}

static void details(struct live *lv)
{
	const struct dns_result *r;
	char *text;

	if (!lv->n)
		return;
	r = dnscheck_result(lv->c, lv->sel);
	text = wdns_result_text(r, lv->rows[lv->sel].cancelled);
	tui_view(lv->t, r->domain, text);
	free(text);
}

/* The list's keys; Tab and the page keys move in it too, as nothing else
 * here takes the focus. */
static void key(struct live *lv, struct tkey k)
{
	static const enum tact alias[TK_COUNT] = {
		[TK_NEXT_FIELD] = TK_DOWN, [TK_PREV_FIELD] = TK_UP,
		[TK_NEXT_PAGE] = TK_PGDN, [TK_PREV_PAGE] = TK_PGUP,
	};

	if (k.act < TK_COUNT && alias[k.act] != TK_NONE)
		k.act = alias[k.act];
	if (tlv_key(&lv->list, k))
		return;
	switch (k.act) {
	case TK_ENTER: details(lv); break;
	case TK_CANCEL:
		if (lv->phase == LIVE_RUNNING)
			cancel(lv);
		else
			lv->closed = true;
		break;
	case TK_QUIT:
		cancel(lv);
		lv->closed = lv->quit = true;
		break;
	default:
		break;
	}
}

static char *where_text(const struct dnscheck_options *o)
{
	if (o->server)
		return xasprintf(_("server %s, timeout %d ms"), o->server, o->timeout_ms);
	return xasprintf(_("system resolver, timeout %d ms"), o->timeout_ms);
}

static void loop(struct live *lv)
{
	while (!lv->closed) {
		if (lv->phase == LIVE_RUNNING) {
			dnscheck_process(lv->c, LIVE_SLICE_MS);
			collect(lv);
		}
		update(lv);
		key(lv, tcanvas_key(lv->cv, lv->phase == LIVE_RUNNING ? 0 : -1));
	}
}

static const struct wpage live_page = {
	.id = "live", .title = N_("DNS records"),
	/* TRANSLATORS: %1$s and %2$s are key names such as Esc and Enter */
	.help = N_("Each row is a domain: your own domains (the XMPP domains, or every SIP domain when "
	   "none is set) must have an SRV record "
	   "_xmpp-server._tcp.<domain> with port 5269 and the Access Edge FQDN as target (or a "
	   "name with the same addresses); each partner's SRV records must lead to addresses, "
	   "so that the gateway can reach it on 5269. Verdicts: no such domain, no record, "
	   "server failure, timeout, wrong target, wrong port, no address. Rows appear as the "
	   "answers arrive; %1$s cancels what is still pending, then closes. %2$s shows what "
	   "was found for the selected row. Nothing here is saved in the deployment."),
	.help_keys = KEYACTS(TK_CANCEL, TK_ENTER),
};

static int live_check(void *arg, const struct deployment *d, const struct dnscheck_options *o)
{
	struct live lv = {.t = arg};
	char *err = NULL;

	clock_gettime(CLOCK_MONOTONIC, &lv.t0);
	if (dnscheck_start(d, o, &lv.c, &err) < 0) {
		tui_message(lv.t, _("DNS check"), err);
		free(err);
		return -1;
	}
	lv.n = dnscheck_count(lv.c);
	lv.rows = xcalloc(lv.n ? lv.n : 1, sizeof *lv.rows);
	lv.list = (struct tlistview){.desc = &list_desc, .arg = &lv, .top = &lv.top,
				     .sel = &lv.sel, .y = BODY_Y, .h = 1};
	lv.where = where_text(o);
	collect(&lv);
	lv.cv = tcanvas_open(lv.t, &live_page, paint, &lv);
	loop(&lv);
	tcanvas_close(lv.cv);
	dnscheck_free(lv.c);
	free(lv.drawn_summary);
	free(lv.where);
	free(lv.rows);
	return lv.quit ? 1 : 0;
}

static int dns_run(struct tui *t)
{
	struct wdns_state s = {.check = live_check, .check_arg = t};

	return tui_run_wizard(t, &wdns_wizard, &s);
}

/* "2 SRV records to publish", or what keeps them from being known. */
static char *dns_state(const struct deployment *d)
{
	struct wdns_plan p = {0};
	size_t srv = 0;
	char *s;

	wdns_plan(d, &p);
	for (size_t i = 0; i < p.n; i++)
		srv += p.v[i].kind == WDNS_SRV;
	if (srv)
		s = xasprintf(ngettext("%zu SRV record to publish", "%zu SRV records to publish", srv),
			      srv);
	else
		s = xstrdup(p.notes.n ? p.notes.v[0] : _("nothing to publish"));
	wdns_plan_free(&p);
	return s;
}

const struct tui_entry tui_entry_dns = {
	.label = N_("DNS records"),
	.caption = N_("Open"),
	.state = dns_state,
	.help = N_("The SRV records external DNS must hold for XMPP partners to find the "
		   "gateway, the firewall ports, the zone-file lines, and a live check of your "
		   "records and every partner's."),
	.run = dns_run,
};
