/* SPDX-License-Identifier: ISC */
/* The XMPP federated partner form, as Lync Control Panel shows it, plus the
 * cmdlet's keep-alive and proxy FQDN under Advanced. The form edits the
 * partner inside the working copy (a new one is appended when the form
 * opens), so a draft, Ctrl-O and Cancel's question see what was typed like
 * in every other wizard; OK is refused until the partner passes. */
#include "config.h"

#include "wizards/partners.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "negotiation.h"
#include "wizards/partnerprobe.h"
#include "xalloc.h"

struct pform {
	struct partner_form_arg *arg;
	long index; /* the partner's place in the working copy */
};

static struct partner *P(const struct wctx *c)
{
	return c->d->partners[((const struct pform *)c->state)->index];
}

void partner_form_validate(const struct deployment *d, const struct partner *p, long self,
			   struct diags *out)
{
	partner_validate(d, p, self, PARTNER_FORM_PREFIX, NULL, out);
}

char *partner_form_verdict(enum neg tls, enum neg sasl, bool dialback)
{
	const struct neg_row *r = negotiation_lookup(tls, sasl, dialback);
	const char *remark;

	if (!r)
		return xstrdup("");
	if (r->status == NEG_STATUS_INVALID)
		return xasprintf(_("Cannot work (row %d): %s OK is refused until TLS, SASL or "
				   "dialback changes."),
				 r->row, negotiation_warning_text(r->warning));
	if (r->status == NEG_STATUS_OK)
		return xasprintf(_("Negotiation: %s (row %d)."), _(r->method), r->row);
	remark = negotiation_remark(r);
	if (!remark)
		return xasprintf(_("Negotiation: %s (row %d).\nWarning: %s"), _(r->method), r->row,
				 negotiation_warning_text(r->warning));
	/* TRANSLATORS: the last %s is a remark on the row, a sentence. */
	return xasprintf(_("Negotiation: %s (row %d).\nWarning: %s\n%s"), _(r->method), r->row,
			 negotiation_warning_text(r->warning), remark);
}

/* --- bindings: the partner's keys are bound by the form's table (key) --- */

static char *type_meaning(const struct wctx *c)
{
	return xstrdup(partner_type_meaning(P(c)->type));
}

static char *verdict(const struct wctx *c)
{
	const struct partner *p = P(c);

	return partner_form_verdict(p->tls, p->sasl, p->dialback);
}

static char *advanced_text(const struct wctx *c)
{
	(void)c;
	return xstrdup(_("Cmdlet settings Lync Control Panel does not show."));
}

/* The probe's options are the session's, not the file's. */
static const char *get_probe_server(const struct wctx *c)
{
	(void)c;
	return pprobe_server();
}

static void set_probe_server(struct wctx *c, const char *s)
{
	(void)c;
	pprobe_set_server(s);
}

static const char *get_probe_ca(const struct wctx *c)
{
	(void)c;
	return pprobe_ca_file();
}

static void set_probe_ca(struct wctx *c, const char *s)
{
	(void)c;
	pprobe_set_ca_file(s);
}

static char *probe_verdict(const struct wctx *c)
{
	enum pprobe_state s = pprobe_state_of(P(c));

	if (s == PPROBE_WORKS)
		return xstrdup(_("The last probe: these settings work with the partner's server."));
	if (s == PPROBE_FAILS)
		return xstrdup(_("The last probe: these settings do not work with the partner's "
				 "server."));
	return xstrdup(_("Not probed in this session."));
}

static int press_probe(struct wctx *c)
{
	return pprobe_run(c, (size_t)((const struct pform *)c->state)->index);
}

/* --- the page --- */

/* The model's findings, less two the page shows otherwise: an empty
 * primary domain (the required-field check says so) and a WARN row's
 * warning (the verdict under the settings says so, live). */
static void page_validate(struct wctx *c, struct diags *out)
{
	const struct pform *st = c->state;
	struct diags all = {0};

	partner_form_validate(c->d, P(c), st->index, &all);
	for (size_t i = 0; i < all.n; i++) {
		const struct diag *g = &all.v[i];

		if (!*P(c)->domain && strcmp(g->field, PARTNER_FORM_PREFIX ".domain") == 0)
			continue;
		if (g->sev == DIAG_WARNING && strcmp(g->field, PARTNER_FORM_PREFIX ".tls") == 0)
			continue;
		diags_add(out, g->sev, g->line, g->col, g->field, "%s", g->msg);
	}
	diags_free(&all);
}

/* The radio buttons show these; the file keeps the cmdlets' spellings
 * (Federated, PublicVerified, PublicUnverified; Required, Optional,
 * NotSupported). */
static const char *const type_choices[] = {
	/* TRANSLATORS: a partner type (Lync: Tipo de parceiro). */
	N_("Federated"),
	/* TRANSLATORS: a partner type. */
	N_("Public verified"),
	/* TRANSLATORS: a partner type. */
	N_("Public unverified"),
	NULL
};
static const char *const neg_choices[] = {
	/* TRANSLATORS: TLS or SASL negotiation, a radio button. */
	N_("Required"),
	/* TRANSLATORS: TLS or SASL negotiation, a radio button. */
	N_("Optional"),
	/* TRANSLATORS: TLS or SASL negotiation, a radio button. */
	N_("Not supported"),
	NULL
};

static const char neg_help[] =
	N_("A new partner starts with TLS Required, SASL Optional and dialback on (row 7 "
	   "of the table): SASL over TLS where the partner offers it, TLS dialback as the "
	   "fallback. It works with most XMPP servers and has no warning. SASL needs TLS: "
	   "SASL sent without TLS is readable on the wire.");

static const struct wfield form_fields[] = {
	{.id = "domain", .label = N_("Primary domain"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 253, .key = PARTNER_FORM_PREFIX ".domain",
	 .help = N_("The partner's XMPP domain, the part after @ in its users' addresses "
		    "(fabrikam.com). It names the partner: no other partner may use it.")},
	{.id = "description", .label = N_("Description"), .kind = WF_TEXT,
	 .key = PARTNER_FORM_PREFIX ".description",
	 .help = N_("Optional text for administrators; it goes into the script as "
		    "-Description.")},
	{.id = "additional_domains", .label = N_("Additional domains"), .kind = WF_LIST,
	 .maxlen = 253, .key = PARTNER_FORM_PREFIX ".additional_domains",
	 .help = N_("Other domains of the same partner that take part in the federation "
		    "(chat.fabrikam.com). None may be used by another partner.")},
	{.id = "type", .label = N_("Partner type"), .kind = WF_RADIO, .choices = type_choices,
	 .key = PARTNER_FORM_PREFIX ".type",
	 .help = N_("How far Lync trusts the partner's users. Federated: the same company or "
		    "an established business relationship. Public verified: a public provider "
		    "trusted to verify its users (not recommended). Public unverified: a public "
		    "provider such as Google Talk; its users can do nothing until a Lync user "
		    "adds them as a contact."),
	 .text = type_meaning},
	/* The negotiation's error names partner.tls: it lands under the
	 * dialback box with the verdict, so this field answers to its id. */
	{.id = "tls", .label = N_("TLS negotiation"), .kind = WF_RADIO, .choices = neg_choices,
	 .key = PARTNER_FORM_PREFIX ".tls", .diag = "tls", .help = neg_help},
	{.id = "sasl", .label = N_("SASL negotiation"), .kind = WF_RADIO, .choices = neg_choices,
	 .key = PARTNER_FORM_PREFIX ".sasl", .help = neg_help},
	/* The verdict is the check box's extra text, so that it is part of the
	 * box's place on the page and scrolled into view with it; the
	 * negotiation's error (an INVALID row) lands under it too. */
	{.id = "dialback", .label = N_("Support server dialback negotiation"), .kind = WF_CHECK,
	 .key = PARTNER_FORM_PREFIX ".dialback", .diag = PARTNER_FORM_PREFIX ".tls",
	 .help = N_("Off: the partner's dialback requests are ignored. Dialback is the "
		    "fallback when SASL over TLS is not possible. A new partner has it on, "
		    "with TLS Required and SASL Optional (row 7 of the table): SASL over TLS "
		    "where the partner offers it, TLS dialback as the fallback; it works with "
		    "most XMPP servers and has no warning. Under the box: the negotiation the "
		    "three settings give, following the 18 rows of the table, as they change; "
		    "a combination that cannot work is refused on OK."),
	 .text = verdict},
	{.id = "advanced", .label = N_("Advanced"), .kind = WF_NOTE,
	 .help = N_("Settings of the cmdlet that Lync Control Panel does not show."),
	 .text = advanced_text},
	{.id = "keep_alive", .label = N_("Keep the connection alive (-EnableKeepAlive)"),
	 .kind = WF_CHECK, .key = PARTNER_FORM_PREFIX ".keep_alive",
	 .help = N_("Sends keep-alive traffic on the server-to-server connection. Google "
		    "Talk's example turns it off.")},
	{.id = "proxy_fqdn", .label = N_("Proxy FQDN"), .kind = WF_TEXT, .maxlen = 253,
	 .key = PARTNER_FORM_PREFIX ".proxy_fqdn",
	 .help = N_("The FQDN of the partner's XMPP proxy when it is not found from its "
		    "domain (-ProxyFqdn). Empty: none.")},
	{.id = "probe_server", .label = N_("Probe: DNS server"), .kind = WF_TEXT, .maxlen = 64,
	 .width = 24,
	 .help = N_("The DNS server the probe asks for the partner's SRV records: an IP "
		    "address, ADDR:PORT or [IPV6]:PORT. Empty: the system resolver. Kept for "
		    "this session, not saved."),
	 .get_text = get_probe_server, .set_text = set_probe_server},
	{.id = "probe_ca_file", .label = N_("Probe: extra trusted CA file"), .kind = WF_TEXT,
	 .maxlen = 1024,
	 .help = N_("A PEM file of CA certificates trusted besides the system's (a private "
		    "CA of the partner). Empty: the system's only. Kept for this session, not "
		    "saved."),
	 .get_text = get_probe_ca, .set_text = set_probe_ca},
	{.id = "probe", .label = N_("Ask the partner's server which settings work"),
	 .kind = WF_BUTTON, .caption = N_("Probe"),
	 /* TRANSLATORS: %s is a key name such as Esc */
	 .help = N_("Connects to the partner's server as our Edge would (SRV record, TCP 5269, "
		    "the XMPP stream, STARTTLS with TLS 1.0, 1.2 and 1.3, the certificate, the "
		    "features after TLS), every domain of the partner at once; %s cancels. "
		    "Then shows what the server offers and which rows of the table work. When "
		    "these settings do not work, it offers to apply the best row that does."),
	 .help_keys = KEYACTS(TK_CANCEL), .press = press_probe, .text = probe_verdict},
};

static const struct wpage form_pages[] = {
	{.id = "partner", .title = N_("XMPP Federated Partner"),
	 /* TRANSLATORS: %s is a key name such as Ctrl-O */
	 .help = N_("One XMPP federated partner, as in Lync Control Panel (External User "
		    "Access, XMPP Federated Partners). OK puts it into the deployment; %s "
		    "saves the file, and the exported script applies it on the Lync server."),
	 .help_keys = KEYACTS(TK_SAVE),
	 .fields = form_fields, .nfields = sizeof form_fields / sizeof *form_fields,
	 .validate = page_validate},
};

static void form_begin(struct wctx *c)
{
	struct pform *st = xcalloc(1, sizeof *st);

	st->arg = c->state;
	st->index = st->arg ? st->arg->index : -1;
	if (st->index < 0 || (size_t)st->index >= c->d->npartners) {
		deployment_add_partner(c->d, partner_new(NULL));
		st->index = (long)c->d->npartners - 1;
	}
	if (st->arg)
		st->arg->result = -1;
	c->state = st;
	c->partner = st->index;
}

static int form_finish(struct wctx *c)
{
	struct pform *st = c->state;
	struct diags dg = {0};

	partner_form_validate(c->d, P(c), st->index, &dg);
	for (size_t i = 0; i < dg.n; i++)
		if (dg.v[i].sev == DIAG_ERROR) {
			char *msg = wdiag_text(&dg.v[i]);

			c->ui->message(c->ui_arg, _("XMPP Federated Partner"), msg);
			free(msg);
			diags_free(&dg);
			return -1;
		}
	diags_free(&dg);
	if (st->arg)
		st->arg->result = st->index;
	return 0;
}

static void form_end(struct wctx *c)
{
	struct pform *st = c->state;

	free(st);
	c->state = NULL;
}

const struct wizard partner_form = {
	.id = "partner",
	.title = N_("XMPP Federated Partner"),
	.pages = form_pages,
	.npages = sizeof form_pages / sizeof *form_pages,
	.flags = WZF_FORM,
	.begin = form_begin,
	.finish = form_finish,
	.end = form_end,
};

/* --- the list screen (drawn by tui/partners.c; the page gives its help) --- */

const struct wpage partner_list_page = {
	.id = "partners",
	.title = N_("XMPP Federated Partners"),
	/* TRANSLATORS: %1$s to %13$s are key names, in order: Backspace, Ctrl-U,
	 * Esc, Up, Down, PgUp, PgDn, Home, End, Enter, Delete, Tab, Ctrl-O */
	.help = N_("The XMPP federated partners of the deployment, one row each: primary "
		   "domain, partner type, TLS / SASL / dialback (Req = Required, Opt = "
		   "Optional, No = Not supported), the last probe's verdict for the partner's "
		   "settings (works, fails, or not probed in this session: the partner form's "
		   "Probe button asks its server) and description.\n\n"
		   "Typing filters the list as you type: only the partners whose primary "
		   "domain, additional domains or description contain the text are shown "
		   "(upper and lower case alike). %1$s takes a character back; %2$s or "
		   "%3$s empties the filter, and %3$s with an empty filter goes back to the home "
		   "screen.\n\n"
		   "%4$s, %5$s, %6$s, %7$s, %8$s and %9$s move in the list; %10$s edits the "
		   "selected partner; %11$s removes it after asking. %12$s moves to the "
		   "buttons: New, Edit, Delete, Export script (writes the Front End's "
		   "script beside the deployment file and shows it) and Close.\n\n"
		   "Changes are made in memory; %13$s saves the deployment file."),
	.help_keys = KEYACTS(TK_BACKSPACE, TK_KILL, TK_CANCEL, TK_UP, TK_DOWN, TK_PGUP,
			     TK_PGDN, TK_HOME, TK_END, TK_ENTER, TK_DELETE, TK_NEXT_FIELD,
			     TK_SAVE),
};
