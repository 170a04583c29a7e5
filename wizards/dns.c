/* SPDX-License-Identifier: ISC */
/* The DNS records screen without curses: the records to publish, computed
 * from the deployment each time the page is drawn, and the live check's
 * options and result words. */
#include "config.h"

#include "wizards/dns.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "san.h"
#include "validate.h"
#include "wizards/exports.h"
#include "xalloc.h"

static bool set(const char *s)
{
	return s && *s;
}

/* name without one trailing dot, or NULL when it is not a DNS name. */
static char *relative(const char *name)
{
	size_t n;

	if (!set(name) || validate_dns_name(name, NULL) == VALID_ERR)
		return NULL;
	n = strlen(name);
	return xstrndup(name, name[n - 1] == '.' ? n - 1 : n);
}

static struct wdns_record *add(struct wdns_plan *p, enum wdns_kind k, char *name,
			       const struct deployment *d)
{
	struct wdns_record *r;

	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
	r = &p->v[p->n++];
	memset(r, 0, sizeof *r);
	r->kind = k;
	r->name = name;
	r->ttl = d->dns.ttl;
	return r;
}

static bool seen(const struct wdns_plan *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcasecmp(p->v[i].name, name) == 0)
			return true;
	return false;
}

static void add_srv(struct wdns_plan *p, const struct deployment *d, const char *target)
{
	struct strlist bad = {0}, doms = {0};

	san_srv_domains(d, &doms);
	for (size_t i = 0; i < doms.n; i++) {
		char *dom = relative(doms.v[i]), *name;
		struct wdns_record *r;

		if (!dom) {
			strlist_push(&bad, doms.v[i]);
			continue;
		}
		name = xasprintf("_xmpp-server._tcp.%s", dom);
		free(dom);
		if (seen(p, name)) {
			free(name);
			continue;
		}
		r = add(p, WDNS_SRV, name, d);
		r->target = xstrdup(target);
		r->priority = d->dns.priority;
		r->weight = d->dns.weight;
		r->port = XMPP_SERVER_PORT;
	}
	if (bad.n) {
		char *list = strlist_join(&bad, ", ");

		strlist_push_owned(&p->notes, xasprintf(_("Left out, not DNS names: %s."), list));
		free(list);
	}
	strlist_free(&bad);
	strlist_free(&doms);
}

void wdns_plan(const struct deployment *d, struct wdns_plan *out)
{
	const char *name = set(d->dns.srv_target) ? d->dns.srv_target : d->topo.access_edge_fqdn;
	char *target = relative(name);

	if (!target)
		strlist_push(&out->notes,
			     set(name) ? _("The SRV target is not a valid DNS name: correct the "
					   "Access Edge FQDN under Edge topology (or dns.srv_target).")
				       : _("No SRV target: fill in the Access Edge FQDN under Edge "
					   "topology."));
	if (san_srv_domain_count(d) == 0)
		strlist_push(&out->notes, _("No SIP domain: fill in the SIP domains under Edge "
					    "topology."));
	if (!target)
		return;
	add_srv(out, d, target);
	if (out->n)
		add(out, WDNS_ADDRESS, target, d);
	else
		free(target);
}

void wdns_plan_free(struct wdns_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].target);
	}
	free(p->v);
	strlist_free(&p->notes);
	memset(p, 0, sizeof *p);
}

char *wdns_record_text(const struct wdns_record *r)
{
	if (r->kind == WDNS_SRV)
		return xasprintf(_("SRV     %s  %d %d %d %s"), r->name, r->priority, r->weight,
				 r->port, r->target);
	return xasprintf(_("A/AAAA  %s  <the Access Edge's external IP>"), r->name);
}

/* The record's line, an SRV record's name padded to the longest, so that
 * their values line up. */
static char *aligned_text(const struct wdns_plan *p, size_t i)
{
	struct wdns_record r = p->v[i];
	size_t w = 0;
	char *line;

	if (r.kind != WDNS_SRV)
		return wdns_record_text(&r);
	for (size_t j = 0; j < p->n; j++)
		if (p->v[j].kind == WDNS_SRV && strlen(p->v[j].name) > w)
			w = strlen(p->v[j].name);
	r.name = xasprintf("%-*s", (int)w, p->v[i].name);
	line = wdns_record_text(&r);
	free(r.name);
	return line;
}

/* When the SRV target is a name of its own, it must lead to the Edge. */
static void target_advice(const struct deployment *d, const struct wdns_plan *p,
			  struct strlist *out)
{
	char *edge = relative(d->topo.access_edge_fqdn);
	const char *target = p->n ? p->v[p->n - 1].name : NULL;

	if (edge && target && strcasecmp(edge, target) != 0)
		strlist_push_owned(out, xasprintf(_("%s is the SRV target instead of the Access "
						    "Edge FQDN %s: its A/AAAA record must hold "
						    "the Access Edge's external address."),
						  target, edge));
	free(edge);
}

/* Which list the SRV records follow, and why it matters to the certificate. */
static const char *srv_source(const struct deployment *d)
{
	if (san_srv_from_xmpp(d))
		return _("One per XMPP domain; each is also on the Edge certificate.");
	if (!d->topo.xmpp_proxy)
		return _("One per SIP domain (no XMPP proxy); each is also on the Edge certificate.");
	return _("One per SIP domain (no XMPP domain set); each is also on the certificate.");
}

char *wdns_plan_text(const struct deployment *d)
{
	struct wdns_plan p = {0};
	struct strlist lines = {0};
	char *out;

	wdns_plan(d, &p);
	for (size_t i = 0; i < p.n; i++)
		strlist_push_owned(&lines, aligned_text(&p, i));
	if (p.n) {
		strlist_push_owned(&lines, xasprintf(ngettext("TTL %d second on each; SRV values: "
							      "priority weight port target.",
							      "TTL %d seconds on each; SRV values: "
							      "priority weight port target.",
							      d->dns.ttl), d->dns.ttl));
		strlist_push(&lines, srv_source(d));
	}
	for (size_t i = 0; i < p.notes.n; i++)
		strlist_push(&lines, p.notes.v[i]);
	target_advice(d, &p, &lines);
	out = strlist_join(&lines, "\n");
	strlist_free(&lines);
	wdns_plan_free(&p);
	return out;
}

static const char *const verdict_labels[] = {
	[DNSV_PENDING] = N_("pending"),
	[DNSV_OK] = N_("OK"),
	[DNSV_NXDOMAIN] = N_("no such domain"),
	[DNSV_NORECORD] = N_("no record"),
	[DNSV_SERVFAIL] = N_("server failure"),
	[DNSV_TIMEOUT] = N_("timeout"),
	[DNSV_WRONG_TARGET] = N_("wrong target"),
	[DNSV_WRONG_PORT] = N_("wrong port"),
	[DNSV_NO_ADDRESS] = N_("no address"),
	[DNSV_BAD_TARGET] = N_("bad target name"),
	[DNSV_OWN_EDGE] = N_("points at us"),
	[DNSV_ERROR] = N_("error"),
};

const char *wdns_verdict_label(enum dns_verdict v)
{
	if ((size_t)v >= sizeof verdict_labels / sizeof *verdict_labels)
		return "?";
	return _(verdict_labels[v]);
}

const char *wdns_subject_label(enum dns_subject s)
{
	return s == DNS_OWN ? _("own") : _("partner");
}

const char *wdns_detail_short(const struct dns_result *r)
{
	size_t n = r->query ? strlen(r->query) : 0;

	if (!r->detail || !*r->detail)
		return r->query ? r->query : "";
	if (n && strncasecmp(r->detail, r->query, n) == 0 && r->detail[n] == ' ')
		return r->detail + n + 1;
	return r->detail;
}

static void put_list(struct strlist *out, const char *head, const struct strlist *l)
{
	if (!l->n)
		return;
	strlist_push(out, head);
	for (size_t i = 0; i < l->n; i++)
		strlist_push_owned(out, xasprintf("  %s", l->v[i]));
}

char *wdns_result_text(const struct dns_result *r, bool cancelled)
{
	struct strlist out = {0};
	char *s;

	strlist_push_owned(&out, xasprintf(r->subject == DNS_OWN ? _("Own domain: %s")
								: _("Partner domain: %s"),
					   r->domain));
	strlist_push_owned(&out, xasprintf(_("Query: %s SRV"), r->query));
	strlist_push_owned(&out, xasprintf(_("Verdict: %s"), cancelled ? _("cancelled")
								 : wdns_verdict_label(r->verdict)));
	if (r->detail && *r->detail)
		strlist_push_owned(&out, xasprintf(_("Found: %s"), r->detail));
	put_list(&out, _("SRV records (priority weight port target):"), &r->records);
	put_list(&out, _("Addresses of the targets:"), &r->addresses);
	s = strlist_join(&out, "\n");
	strlist_free(&out);
	return s;
}

void wdns_tally_add(struct wdns_tally *t, enum dns_verdict v, bool cancelled)
{
	if (cancelled)
		t->cancelled++;
	else if (v == DNSV_PENDING)
		t->pending++;
	else if (v == DNSV_OK)
		t->ok++;
	else
		t->problems++;
}

char *wdns_summary(const struct wdns_tally *t)
{
	struct strlist parts = {0};
	char *s;

	/* One count a part, each its own plural, joined by ", ": "3 OK, 1
	 * problem, 2 pending". */
	/* TRANSLATORS: domains whose DNS records are right. */
	strlist_push_owned(&parts, xasprintf(ngettext("%zu OK", "%zu OK", t->ok), t->ok));
	strlist_push_owned(&parts, xasprintf(ngettext("%zu problem", "%zu problems", t->problems),
					     t->problems));
	/* TRANSLATORS: domains whose DNS lookups have not answered yet. */
	strlist_push_owned(&parts, xasprintf(ngettext("%zu pending", "%zu pending", t->pending),
					     t->pending));
	if (t->cancelled)
		strlist_push_owned(&parts, xasprintf(ngettext("%zu cancelled", "%zu cancelled",
							      t->cancelled), t->cancelled));
	/* TRANSLATORS: the separator between the counts of a summary. */
	s = strlist_join(&parts, _(", "));
	strlist_free(&parts);
	return s;
}

int wdns_options(const struct wdns_state *s, struct dnscheck_options *o, char **err)
{
	const char *t = s->timeout;
	char *end;
	long v = WDNS_DEFAULT_TIMEOUT_MS;

	memset(o, 0, sizeof *o);
	o->own = o->partners = true;
	o->server = set(s->server) ? s->server : NULL;
	while (t && *t == ' ')
		t++;
	if (set(t)) {
		errno = 0;
		v = strtol(t, &end, 10);
		while (*end == ' ')
			end++;
		if (errno || end == t || *end || v < 1 || v > WDNS_MAX_TIMEOUT_MS) {
			*err = xasprintf(_("The timeout \"%s\" is not a number of milliseconds "
					   "from 1 to %d."), s->timeout, WDNS_MAX_TIMEOUT_MS);
			return -1;
		}
	}
	o->timeout_ms = (int)v;
	return 0;
}

/* --- the screen ----------------------------------------------------------- */

static struct wdns_state *st(const struct wctx *c)
{
	return c->state;
}

static char *records_text(const struct wctx *c)
{
	char *s = wdns_plan_text(c->d), *internal = san_internal_note(c->d), *both;

	if (!internal)
		return s;
	both = xasprintf("%s\n%s", s, internal);
	free(s);
	free(internal);
	return both;
}

static char *firewall_text(const struct wctx *c)
{
	(void)c;
	return xstrdup(_("TCP 5269 in and out on the Access Edge external interface (XMPP "
			 "partners).\n"
			 "MTLS 23456 from the Front End's XMPP gateway to the Edge internal "
			 "interface."));
}

static char *pools_text(const struct wctx *c)
{
	(void)c;
	return xstrdup(_("Several Edge pools in several sites: publish one SRV record per pool, "
			 "each with its own priority (lower is tried first)."));
}

static char *server_aside(const struct wctx *c)
{
	(void)c;
	return xstrdup(_("ADDR[:PORT]; empty: system resolver"));
}

/* --- the deployment's dns section -------------------------------------- */

static const struct {
	const char *path; /* the diag path */
	int max;
} settings[WDNS_NSETTINGS] = {
	[WDNS_TTL] = {"dns.ttl", 2147483647},
	[WDNS_PRIORITY] = {"dns.priority", 65535},
	[WDNS_WEIGHT] = {"dns.weight", 65535},
};

static int *setting_value(struct deployment *d, enum wdns_setting i)
{
	return i == WDNS_TTL ? &d->dns.ttl : i == WDNS_PRIORITY ? &d->dns.priority
								 : &d->dns.weight;
}

/* The typed text as a number in range, or -1. */
static long long setting_parse(const char *text, int max)
{
	long long v;

	if (!text || !*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 10)
		return -1;
	v = strtoll(text, NULL, 10);
	return v <= max ? v : -1;
}

/* TTL, priority and weight are computed: the text as typed is the
 * state's, the number the model's.
 * The model follows what is typed, so the records above change as the
 * user types. Text that is not a number in range leaves the model value
 * invalid (-1) rather than the last good one: then OK, Ctrl-O, the draft
 * and the zone lines all see the problem, never a number nobody typed. */
static void setting_set(struct wctx *c, enum wdns_setting i, const char *utf8)
{
	long long v = setting_parse(utf8, settings[i].max);

	xstrset(&st(c)->setting[i], utf8);
	*setting_value(c->d, i) = v >= 0 ? (int)v : -1;
}

static const char *get_ttl(const struct wctx *c)
{
	return st(c)->setting[WDNS_TTL];
}

static const char *get_priority(const struct wctx *c)
{
	return st(c)->setting[WDNS_PRIORITY];
}

static const char *get_weight(const struct wctx *c)
{
	return st(c)->setting[WDNS_WEIGHT];
}

static void set_ttl(struct wctx *c, const char *s)
{
	setting_set(c, WDNS_TTL, s);
}

static void set_priority(struct wctx *c, const char *s)
{
	setting_set(c, WDNS_PRIORITY, s);
}

static void set_weight(struct wctx *c, const char *s)
{
	setting_set(c, WDNS_WEIGHT, s);
}

static char *target_aside(const struct wctx *c)
{
	(void)c;
	return xstrdup(_("empty: the Access Edge FQDN"));
}

static void page_validate(struct wctx *c, struct diags *out)
{
	struct diags model = {0};

	for (int i = 0; i < WDNS_NSETTINGS; i++)
		if (setting_parse(st(c)->setting[i], settings[i].max) < 0)
			diags_add(out, DIAG_ERROR, 0, 0, settings[i].path,
				  _("must be a whole number from 0 to %d"), settings[i].max);
	/* The model's own words about the same fields would only repeat it. */
	deployment_validate(c->d, NULL, &model);
	for (size_t i = 0; i < model.n; i++) {
		const struct diag *g = &model.v[i];

		if (!diags_find(out, g->field))
			diags_add(out, g->sev, g->line, g->col, g->field, "%s", g->msg);
	}
	diags_free(&model);
}

static int press_check(struct wctx *c)
{
	struct dnscheck_options o;
	char *err = NULL;

	if (wdns_options(st(c), &o, &err) < 0) {
		c->ui->message(c->ui_arg, _("DNS check"), err);
		free(err);
		return -1;
	}
	if (san_srv_domain_count(c->d) == 0 && c->d->npartners == 0) {
		c->ui->message(c->ui_arg, _("DNS check"),
			       _("Nothing to check: the deployment has no SIP domain and no "
				 "partner."));
		return -1;
	}
	if (!st(c)->check)
		return -1;
	switch (st(c)->check(st(c)->check_arg, c->d, &o)) {
	case 0:
		return 0;
	case 1:
		c->leave = WLEAVE_QUIT;
		return 0;
	default:
		return -1;
	}
}

static int press_zone(struct wctx *c)
{
	return wexport_show(c, WEXP_ZONE);
}

static int press_zone_write(struct wctx *c)
{
	char *name = wexport_default_name(c->path, WEXP_ZONE);
	int rc = wexport_write(c, WEXP_ZONE, name);

	free(name);
	return rc;
}

/* The caller hands its struct in; only the strings are the wizard's. */
static void begin(struct wctx *c)
{
	struct wdns_state *s = c->state;

	if (!s->timeout)
		s->timeout = xasprintf("%d", WDNS_DEFAULT_TIMEOUT_MS);
	if (!s->server)
		s->server = xstrdup("");
	for (int i = 0; i < WDNS_NSETTINGS; i++)
		if (!s->setting[i])
			s->setting[i] = xasprintf("%d", *setting_value(c->d, (enum wdns_setting)i));
}

static void end(struct wctx *c)
{
	struct wdns_state *s = c->state;

	free(s->server);
	free(s->timeout);
	s->server = s->timeout = NULL;
	for (int i = 0; i < WDNS_NSETTINGS; i++) {
		free(s->setting[i]);
		s->setting[i] = NULL;
	}
}

static const struct wfield fields[] = {
	{.id = "records", .label = N_("Records to publish in external DNS"), .kind = WF_NOTE,
	 .help = N_("XMPP servers find the gateway through the SRV record "
		    "_xmpp-server._tcp.<domain> of each XMPP domain (when none is set, of each SIP "
		    "domain): port 5269, target the Access Edge external FQDN (or a name with "
		    "an A/AAAA record for the Access Edge's address). The target needs an "
		    "address record of its own. TTL, priority and weight come from the "
		    "deployment's dns section."),
	 .text = records_text},
	{.id = "srv_target", .label = N_("SRV target"), .kind = WF_TEXT, .maxlen = 253,
	 .width = 30, .key = "dns.srv_target",
	 .help = N_("The name the SRV records point to. Empty: the Access Edge external FQDN. "
		    "Another name (such as xmpp.contoso.com) needs an A/AAAA record for the "
		    "Access Edge's external address."),
	 .aside = target_aside},
	{.id = "ttl", .label = N_("TTL (seconds)"), .kind = WF_TEXT, .maxlen = 10, .width = 10,
	 .diag = "dns.ttl",
	 .help = N_("How long resolvers may keep the records. 3600 (an hour) is usual; lower "
		    "it a day before moving the gateway."),
	 .get_text = get_ttl, .set_text = set_ttl},
	{.id = "priority", .label = N_("Priority"), .kind = WF_TEXT, .maxlen = 5, .width = 6,
	 .diag = "dns.priority",
	 .help = N_("SRV priority, 0 to 65535: partners try the lowest first. With several Edge "
		    "pools, give each pool's record its own priority."),
	 .get_text = get_priority, .set_text = set_priority},
	{.id = "weight", .label = N_("Weight"), .kind = WF_TEXT, .maxlen = 5, .width = 6,
	 .diag = "dns.weight",
	 .help = N_("SRV weight, 0 to 65535: shares the load among records of the same "
		    "priority."),
	 .get_text = get_weight, .set_text = set_weight},
	{.id = "firewall", .label = N_("Firewall"), .kind = WF_NOTE,
	 .help = N_("Partners' servers connect to the Access Edge on TCP 5269 and it connects "
		    "to theirs on the same port; inside, the Front End's XMPP gateway talks to "
		    "the Edge's internal interface over MTLS on 23456."),
	 .text = firewall_text},
	{.id = "pools", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = pools_text},
	{.id = "server", .label = N_("DNS server"), .kind = WF_TEXT, .maxlen = 64, .width = 24,
	 .help = N_("The server the live check asks: an IP address, ADDR:PORT or [IPV6]:PORT. "
		    "Empty: the system resolver (/etc/resolv.conf). Ask an outside server to "
		    "see what partners see."),
	 WSTATE(struct wdns_state, server), .aside = server_aside},
	{.id = "timeout", .label = N_("Timeout (ms)"), .kind = WF_TEXT, .maxlen = 6, .width = 8,
	 .help = N_("How long each query may take, retries included, in milliseconds."),
	 WSTATE(struct wdns_state, timeout)},
	{.id = "check", .label = N_("Live check: own domains and every partner"),
	 .kind = WF_BUTTON, .caption = N_("Check now"),
	 /* TRANSLATORS: %s is a key name such as Esc */
	 .help = N_("Asks DNS, all queries at once, whether each SRV record listed above "
		    "exists with port 5269 and the right target, and whether each partner's "
		    "SRV records lead to addresses. Results appear as they arrive; %s cancels. "
		    "Nothing is saved in the deployment."), .help_keys = KEYACTS(TK_CANCEL),
	 .press = press_check},
	{.id = "zone", .label = N_("The records as zone-file lines"), .kind = WF_BUTTON,
	 .caption = N_("Zone lines"),
	 .help = N_("Shows the SRV records as BIND zone-file lines. Exports on the home screen "
		    "writes them to a file."),
	 .press = press_zone},
	{.id = "zonefile", .label = N_("The zone lines to a file beside the deployment"),
	 .kind = WF_BUTTON,
	 .caption = N_("Write"),
	 .help = N_("Writes the zone-file lines beside the deployment file, asking before "
		    "replacing a file, then shows them. Exports on the home screen lets you "
		    "choose the name."),
	 .press = press_zone_write},
};

static const struct wpage pages[] = {
	{.id = "dns", .title = N_("DNS records"),
	 .help = N_("What external DNS must hold for XMPP partners to reach the gateway, the "
		    "firewall ports it needs, and a live check of your records and your "
		    "partners'."),
	 .fields = fields, .nfields = sizeof fields / sizeof *fields,
	 .validate = page_validate},
};

const struct wizard wdns_wizard = {
	.id = "dns", .title = N_("DNS records"), .pages = pages,
	.npages = sizeof pages / sizeof *pages, .flags = WZF_FORM, .begin = begin, .end = end,
};
