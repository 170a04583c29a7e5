/* SPDX-License-Identifier: ISC */
/* The wizard tables without a screen: Lync's page order and titles, every
 * field bound for its kind, the page checks, diagnostics landing on their
 * fields, and the draft file. */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/pem.h>

#include "deployment.h"
#include "depfile.h"
#include "depfile_schema.h"
#include "draft.h"
#include "certreq.h"
#include "wizards/certtasks.h"
#include "wizards/certwizard.h"
#include "wizards/dns.h"
#include "wizards/home.h"
#include "wizards/partners.h"
#include "wizards/policy.h"
#include "wizards/topology.h"
#include "wizards/wizard.h"
#include "xalloc.h"

static struct deployment *contoso(void)
{
	struct deployment *d = deployment_new();

	strlist_push(&d->topo.sip_domains, "contoso.com");
	strlist_push(&d->topo.sip_domains, "fabrikam.com");
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	xstrset(&d->topo.webconf_edge_fqdn, "webcon.contoso.com");
	strlist_push(&d->topo.xmpp_domains, "contoso.com");
	xstrset(&d->cert.organization, "Contoso Ltd");
	xstrset(&d->cert.country, "US");
	xstrset(&d->cert.state, "Washington");
	xstrset(&d->cert.city, "Redmond");
	return d;
}

/* A context as the engine makes it, with the wizard's begin() run. */
static void ctx_open(struct wctx *c, struct deployment *d)
{
	memset(c, 0, sizeof *c);
	c->d = d;
	c->path = "/nonexistent-folder/d.yaml"; /* the log stays in memory */
	c->base_dir = "/nonexistent-folder";
	certwizard.begin(c);
}

static void ctx_close(struct wctx *c)
{
	certwizard.end(c);
	deployment_free(c->d);
}

/* Lync's page 1, Available Certificate Tasks, is Step 3's menu
 * (tui/certwizard.c), which opens this wizard for its first task. */
static const char *const lync_titles[] = {
	"Certificate Request", "Delayed or Immediate Request",
	"Certificate Request File", "Specify Alternate Certificate Template",
	"Name and Security Settings", "Organization Information", "Geographical Information",
	"Edge Topology", "Subject Name/Subject Alternate Names",
	"SIP Domain Setting on Subject Alternate Names (SANs)",
	"Configure Additional Subject Alternate Names", "Request Summary", "Executing Commands",
	"Certificate Request File",
};

START_TEST(t_lync_pages_in_order)
{
	ck_assert_uint_eq(certwizard.npages, sizeof lync_titles / sizeof *lync_titles);
	for (size_t i = 0; i < certwizard.npages; i++)
		ck_assert_str_eq(certwizard.pages[i].title, lync_titles[i]);
}
END_TEST

static void check_field(const struct wfield *f)
{
	ck_assert_msg(f->id && *f->id, "a field without an id");
	/* A key names a value of the file whose type fits, or the field has
	 * its own getter and setter; never both, never neither. */
	ck_assert_msg(wfield_bound(f), "%s: unbound", f->id);
	if (f->key || f->in_state)
		ck_assert_msg(!f->get_text && !f->set_text && !f->get_bool && !f->set_bool &&
				      !f->get_choice && !f->set_choice && !f->list &&
				      !(f->key && f->in_state),
			      "%s: bound twice", f->id);
	switch (f->kind) {
	case WF_TEXT:
	case WF_SECRET:
	case WF_CHECK:
	case WF_LIST:
		break;
	case WF_RADIO:
		ck_assert_msg(f->choices && f->choices[0], "%s: radio group without choices",
			      f->id);
		break;
	case WF_CHECKLIST:
		ck_assert_msg(f->items && f->get_item && f->set_item, "%s: unbound", f->id);
		break;
	case WF_ROWS:
		ck_assert_msg(f->items != NULL, "%s: rows unbound", f->id);
		break;
	case WF_NOTE:
	case WF_VIEWER:
		ck_assert_msg(f->text != NULL, "%s: no text", f->id);
		break;
	case WF_BUTTON:
		ck_assert_msg(f->press && (f->caption || f->caption_fn), "%s: button", f->id);
		break;
	}
	if (f->kind != WF_NOTE)
		ck_assert_msg(f->help != NULL, "%s: no help", f->id);
}

START_TEST(t_fields_bound)
{
	const struct wizard *all[] = {&certwizard, &topology_form, &wpolicy_form,
				      &certimport_wizard, &certpfx_wizard, &certassign_wizard,
				      &partner_form, &wdns_wizard};

	for (size_t w = 0; w < sizeof all / sizeof *all; w++)
		for (size_t p = 0; p < all[w]->npages; p++) {
			const struct wpage *pg = &all[w]->pages[p];

			ck_assert_msg(pg->help != NULL, "%s: no page help", pg->id);
			for (size_t i = 0; i < pg->nfields; i++)
				check_field(&pg->fields[i]);
		}
}
END_TEST

/* The file's text for d holds "LEAF: VALUE" at the end of a line (a
 * partner's first key follows "- "). */
static bool file_has(const struct deployment *d, const char *key, const char *value)
{
	const char *leaf = strrchr(key, '.') + 1;
	char *text = depfile_emit(d, &(size_t){0});
	char *line = xasprintf(" %s: %s\n", leaf, value);
	bool found = strstr(text, line) != NULL;

	free(line);
	free(text);
	return found;
}

static const char *choice_spelling(const struct wfield *f, int i, char *buf, size_t n)
{
	if (f->values) {
		snprintf(buf, n, "%d", f->values[i]);
		return buf;
	}
	return strcmp(f->id, "type") == 0 ? partner_type_name((enum partner_type)i)
					  : neg_name((enum neg)i);
}

/* One keyed field: what is set through it is in the file under its key. */
static void check_keyed(const struct wfield *f, struct wctx *c)
{
	char *v = xasprintf("v-%s.example.com", f->id), buf[16], *text;
	int last = -1;

	switch (f->kind) {
	case WF_TEXT:
		wfield_set_text(f, c, v);
		ck_assert_str_eq(wfield_get_text(f, c), v);
		ck_assert_msg(file_has(c->d, f->key, v), "%s: not in the file", f->key);
		break;
	case WF_CHECK:
		for (int on = 0; on < 2; on++) {
			wfield_set_bool(f, c, on);
			ck_assert_int_eq(wfield_get_bool(f, c), on);
			ck_assert_msg(file_has(c->d, f->key, on ? "true" : "false"), "%s", f->key);
		}
		break;
	case WF_RADIO:
		for (int i = 0; f->choices[i]; i++) {
			last = i;
			wfield_set_choice(f, c, i);
			ck_assert_int_eq(wfield_get_choice(f, c), i);
			ck_assert_msg(file_has(c->d, f->key, choice_spelling(f, i, buf, sizeof buf)),
				      "%s: choice %d", f->key, i);
		}
		wfield_set_choice(f, c, last + 1);
		wfield_set_choice(f, c, -1);
		ck_assert_int_eq(wfield_get_choice(f, c), last);
		break;
	case WF_LIST:
		strlist_push(wfield_list(f, c), v);
		text = depfile_emit(c->d, &(size_t){0});
		ck_assert_msg(strstr(text, v), "%s: not in the file", f->key);
		free(text);
		break;
	default:
		ck_abort_msg("%s: a key on a field that has no value", f->id);
	}
	free(v);
}

START_TEST(t_keys_reach_the_file)
{
	const struct wizard *all[] = {&certwizard, &topology_form, &wpolicy_form, &partner_form,
				      &wdns_wizard};
	size_t keyed = 0;

	for (size_t w = 0; w < sizeof all / sizeof *all; w++)
		for (size_t p = 0; p < all[w]->npages; p++)
			for (size_t i = 0; i < all[w]->pages[p].nfields; i++) {
				const struct wfield *f = &all[w]->pages[p].fields[i];
				struct deployment *d;
				struct wctx c = {.partner = 0};

				if (!f->key)
					continue;
				c.d = d = contoso();
				deployment_add_partner(d, partner_new("fabrikam.net"));
				check_keyed(f, &c);
				keyed++;
				deployment_free(d);
			}
	ck_assert_uint_ge(keyed, 30);
}
END_TEST

struct two_strings {
	char *a, *b;
};

/* Text in the wizard's state: a text as typed, a secret never NULL once
 * typed; without a state, nothing. */
START_TEST(t_state_strings)
{
	struct two_strings st = {0};
	struct wctx c = {.state = &st};
	const struct wfield text = {.id = "t", .kind = WF_TEXT, WSTATE(struct two_strings, a)};
	const struct wfield secret = {.id = "s", .kind = WF_SECRET,
				      WSTATE(struct two_strings, b)};

	ck_assert(wfield_bound(&text) && wfield_bound(&secret));
	wfield_set_text(&text, &c, "typed");
	ck_assert_str_eq(st.a, "typed");
	ck_assert_ptr_eq(wfield_get_text(&text, &c), st.a);
	ck_assert_ptr_null(st.b);
	wfield_set_text(&secret, &c, "one");
	wfield_set_text(&secret, &c, NULL);
	ck_assert_str_eq(wfield_get_text(&secret, &c), "");
	c.state = NULL;
	ck_assert_ptr_null(wfield_get_text(&text, &c));
	wfield_set_text(&text, &c, "lost");
	free(st.a);
	free(st.b);
}
END_TEST

/* A key's place, sections' offsets added; sections, the partner list and
 * unknown or too long paths are no value. */
START_TEST(t_schema_find)
{
	size_t off = 0;
	const struct dfield *f = dsection_find(&depfile_top, "certificate.generated.subject", &off);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, DK_OPTSTR);
	ck_assert_uint_eq(off, offsetof(struct deployment, cert) +
				       offsetof(struct certreq, generated) +
				       offsetof(struct cert_record, subject));
	f = dsection_find(&depfile_top, "dns.ttl", &off);
	ck_assert(f && f->kind == DK_INT);
	ck_assert_uint_eq(off, offsetof(struct deployment, dns) + offsetof(struct dns_settings, ttl));
	f = dsection_find(&depfile_partner, "tls", &off);
	ck_assert(f && f->kind == DK_NEG && off == offsetof(struct partner, tls));
	ck_assert_ptr_null(dsection_find(&depfile_top, "certificate", &off));
	ck_assert_ptr_null(dsection_find(&depfile_top, "partners", &off));
	ck_assert_ptr_null(dsection_find(&depfile_top, "version", &off));
	ck_assert_ptr_null(dsection_find(&depfile_top, "certificate.country.x", &off));
	ck_assert_ptr_null(dsection_find(&depfile_top, "certificate.count", &off));
	ck_assert_ptr_null(dsection_find(&depfile_top, "certificate.countryx", &off));
	ck_assert_ptr_null(dsection_find(&depfile_top, "", &off));
}
END_TEST

/* The rules a generic setter keeps: an optional string left empty is
 * unset, a required one stays a string; no partner, no value. */
START_TEST(t_keyed_string_rules)
{
	struct deployment *d = contoso();
	struct wctx c = {.d = d, .partner = 0};
	const struct wfield desc = {.id = "d", .kind = WF_TEXT, .key = "partner.description"};
	const struct wfield dom = {.id = "p", .kind = WF_TEXT, .key = "partner.domain"};
	const struct wfield tmpl = {.id = "t", .kind = WF_TEXT, .key = "certificate.template"};
	const struct wfield nokey = {.id = "n", .kind = WF_TEXT, .key = "certificate.nothing"};
	const struct wfield sect = {.id = "s", .kind = WF_TEXT, .key = "certificate.generated"};

	ck_assert_ptr_null(wfield_get_text(&dom, &c)); /* no partner yet */
	wfield_set_text(&dom, &c, "ignored");
	deployment_add_partner(d, partner_new("fabrikam.net"));
	wfield_set_text(&desc, &c, "");
	ck_assert_ptr_null(d->partners[0]->description);
	wfield_set_text(&dom, &c, NULL);
	ck_assert_str_eq(d->partners[0]->domain, "");
	wfield_set_text(&tmpl, &c, "");
	ck_assert_str_eq(d->cert.template_name, "");
	ck_assert(!wfield_bound(&nokey));
	ck_assert(!wfield_bound(&sect));
	ck_assert_ptr_null(wfield_get_text(&nokey, &c));
	c.partner = 5;
	ck_assert_ptr_null(wfield_get_text(&desc, &c));
	deployment_free(d);
}
END_TEST

START_TEST(t_diag_paths)
{
	ck_assert(wdiag_matches("certificate.country", "certificate.country"));
	ck_assert(wdiag_matches("certificate.additional_sans", "certificate.additional_sans[2]"));
	ck_assert(wdiag_matches("partners[1]", "partners[1].tls"));
	ck_assert(!wdiag_matches("certificate.city", "certificate.city_x"));
	ck_assert(!wdiag_matches(NULL, "x"));
	ck_assert_int_eq(wdiag_item("certificate.additional_sans",
				    "certificate.additional_sans[12]"), 12);
	ck_assert_int_eq(wdiag_item("certificate.additional_sans", "certificate.additional_sans"),
			 -1);
	ck_assert_int_eq(wdiag_item("a", "a[x]"), -1);
}
END_TEST

static const struct wpage *page(const char *id)
{
	for (size_t i = 0; i < certwizard.npages; i++)
		if (strcmp(certwizard.pages[i].id, id) == 0)
			return &certwizard.pages[i];
	ck_abort_msg("no page %s", id);
	return NULL;
}

START_TEST(t_geography_check)
{
	struct wctx c;
	struct diags dg = {0};
	const struct diag *g;

	ctx_open(&c, contoso());
	xstrset(&c.d->cert.country, "USA");
	xstrset(&c.d->cert.city, "");
	ck_assert_uint_eq(wpage_check(page("geography"), &c, &dg), 2);
	g = wfield_diag(&page("geography")->fields[0], &dg, -1);
	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->field, "certificate.country");
	g = wfield_diag(&page("geography")->fields[2], &dg, -1);
	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->msg, "is required");
	diags_free(&dg);
	xstrset(&c.d->cert.country, "BR");
	xstrset(&c.d->cert.city, "São Paulo");
	ck_assert_uint_eq(wpage_check(page("geography"), &c, &dg), 0);
	diags_free(&dg);
	ctx_close(&c);
}
END_TEST

/* A page keeps only its own problems: a bad country is not the
 * organization page's business. */
START_TEST(t_page_keeps_its_own)
{
	struct wctx c;
	struct diags dg = {0};

	ctx_open(&c, contoso());
	xstrset(&c.d->cert.country, "XX");
	ck_assert_uint_eq(wpage_check(page("organization"), &c, &dg), 0);
	ck_assert_uint_eq(dg.n, 0);
	ctx_close(&c);
}
END_TEST

START_TEST(t_wildcard_lands_on_its_entry)
{
	struct wctx c;
	struct diags dg = {0};
	const struct wfield *f = &page("additional")->fields[0];

	ctx_open(&c, contoso());
	strlist_push(&c.d->cert.additional_sans, "chat.contoso.com");
	strlist_push(&c.d->cert.additional_sans, "*.contoso.com");
	ck_assert_uint_eq(wpage_check(page("additional"), &c, &dg), 1);
	ck_assert_ptr_null(wfield_diag(f, &dg, 0));
	ck_assert_ptr_nonnull(wfield_diag(f, &dg, 1));
	ck_assert_ptr_nonnull(strstr(wfield_diag(f, &dg, 1)->msg, "wildcard"));
	diags_free(&dg);
	ctx_close(&c);
}
END_TEST

START_TEST(t_security_rules)
{
	struct wctx c;
	struct diags dg = {0};
	const struct wpage *pg = page("security");

	ctx_open(&c, contoso());
	wfield_set_choice(&pg->fields[1], &c, 0); /* 1024 */
	ck_assert_int_eq(c.d->cert.key_bits, 1024);
	wfield_set_bool(&pg->fields[2], &c, false);
	wfield_set_text(&pg->fields[4], &c, "one");
	wfield_set_text(&pg->fields[5], &c, "two");
	ck_assert_uint_eq(wpage_check(pg, &c, &dg), 3);
	ck_assert_ptr_nonnull(wfield_diag(&pg->fields[1], &dg, -1));
	ck_assert_ptr_nonnull(wfield_diag(&pg->fields[2], &dg, -1));
	ck_assert_ptr_nonnull(wfield_diag(&pg->fields[5], &dg, -1));
	diags_free(&dg);
	wfield_set_choice(&pg->fields[1], &c, 1);
	wfield_set_bool(&pg->fields[2], &c, true);
	wfield_set_text(&pg->fields[5], &c, "one");
	ck_assert_uint_eq(wpage_check(pg, &c, &dg), 0);
	/* The passphrase lives in the wizard's state, never in the model. */
	ck_assert_str_eq(wfield_get_text(&pg->fields[4], &c), "one");
	ctx_close(&c);
}
END_TEST

START_TEST(t_topology_page_when_missing)
{
	struct wctx c;
	long i, seen = 0;

	ctx_open(&c, contoso());
	for (i = wizard_step(&certwizard, &c, -1, 1); i >= 0; i = wizard_step(&certwizard, &c, i, 1))
		ck_assert_str_ne(certwizard.pages[i].id, "topology");
	ctx_close(&c);
	ctx_open(&c, deployment_new());
	for (i = wizard_step(&certwizard, &c, -1, 1); i >= 0; i = wizard_step(&certwizard, &c, i, 1))
		seen += strcmp(certwizard.pages[i].id, "topology") == 0;
	ck_assert_int_eq(seen, 1);
	/* It stays, once filled in, so Back finds it again. */
	strlist_push(&c.d->topo.sip_domains, "contoso.com");
	xstrset(&c.d->topo.access_edge_fqdn, "sip.contoso.com");
	xstrset(&c.d->topo.webconf_edge_fqdn, "webcon.contoso.com");
	strlist_push(&c.d->topo.xmpp_domains, "contoso.com");
	ck_assert(home_topology_complete(c.d));
	ck_assert_int_eq(wizard_step(&certwizard, &c, 7, 1), 8);
	ctx_close(&c);
}
END_TEST

/* Pages 9 and 11 show the domains given an SRV record, the same list as the
 * DNS screen: the XMPP domains with the proxy, else every SIP domain. */
START_TEST(t_san_pages_follow_srv)
{
	struct wctx c;
	const struct wfield *more = &page("additional")->fields[0];
	const struct wfield *sans = &page("subject")->fields[1];
	struct strlist items = {0};
	char *text;

	ctx_open(&c, contoso());
	more->items(&c, &items);
	ck_assert_uint_eq(items.n, 1);
	ck_assert_str_eq(items.v[0], "contoso.com  (XMPP domain with an SRV record, from the "
				     "topology)");
	strlist_clear(&items);
	c.d->topo.xmpp_proxy = false;
	more->items(&c, &items);
	ck_assert_uint_eq(items.n, 2);
	ck_assert_str_eq(items.v[0], "contoso.com  (SIP domain with an SRV record, from the "
				     "topology)");
	ck_assert_str_eq(items.v[1], "fabrikam.com  (SIP domain with an SRV record, from the "
				     "topology)");
	strlist_free(&items);
	text = sans->text(&c);
	ck_assert_str_eq(text, "sip.contoso.com\nwebcon.contoso.com\ncontoso.com\nfabrikam.com");
	free(text);
	ctx_close(&c);
}
END_TEST

START_TEST(t_template_box_remembers)
{
	struct wctx c;
	const struct wpage *pg = page("template");

	ctx_open(&c, contoso());
	ck_assert(!wfield_get_bool(&pg->fields[0], &c));
	ck_assert(!wfield_is_visible(&pg->fields[1], &c));
	wfield_set_bool(&pg->fields[0], &c, true);
	ck_assert_str_eq(c.d->cert.template_name, "WebServer");
	wfield_set_text(&pg->fields[1], &c, "EdgeTemplate");
	wfield_set_bool(&pg->fields[0], &c, false);
	ck_assert_ptr_null(c.d->cert.template_name);
	wfield_set_bool(&pg->fields[0], &c, true);
	ck_assert_str_eq(c.d->cert.template_name, "EdgeTemplate");
	ctx_close(&c);
}
END_TEST

START_TEST(t_run_again_caption)
{
	struct deployment *d = contoso();

	ck_assert_str_eq(certwizard_caption(d), "Run");
	xstrset(&d->cert.generated.request_file, "edge.csr");
	ck_assert_str_eq(certwizard_caption(d), "Run Again");
	deployment_free(d);
}
END_TEST

static const struct wfield *field(const struct wpage *pg, const char *id)
{
	for (size_t i = 0; i < pg->nfields; i++)
		if (strcmp(pg->fields[i].id, id) == 0)
			return &pg->fields[i];
	ck_abort_msg("no field %s on %s", id, pg->id);
	return NULL;
}

/* Run Again offers the key in use, and says where a new key would go. */
START_TEST(t_run_again_reuse_choice)
{
	struct wctx c;
	const struct wpage *pg = page("file");
	const struct wfield *reuse = field(pg, "reuse_key"), *paths = field(pg, "paths");
	char *note;

	ctx_open(&c, contoso());
	ck_assert(!reuse->visible(&c));
	note = paths->text(&c);
	ck_assert_str_eq(note, "Written to /nonexistent-folder/edge-external.csr and "
			       "/nonexistent-folder/edge-external.key (relative names start in "
			       "the deployment file's folder).");
	free(note);
	xstrset(&c.d->cert.generated.request_file, "edge-external.csr");
	xstrset(&c.d->cert.generated.key_file, "edge-external.key");
	ck_assert(reuse->visible(&c));
	ck_assert(!wfield_get_bool(reuse, &c));
	note = paths->text(&c);
	ck_assert_msg(strstr(note, "/nonexistent-folder/edge-external-2") &&
			      strstr(note, "a key is in use, and it is kept"),
		      "%s", note);
	free(note);
	wfield_set_bool(reuse, &c, true);
	ck_assert(wfield_get_bool(reuse, &c));
	note = paths->text(&c);
	ck_assert_str_eq(note, "The request is written to /nonexistent-folder/edge-external.csr, "
			       "for the key in /nonexistent-folder/edge-external.key, which is "
			       "read and not rewritten.");
	free(note);
	note = field(pg, "again")->text(&c);
	ck_assert_ptr_nonnull(strstr(note, "for the key edge-external.key. Run Again makes a new "
					   "key under new dated names"));
	free(note);
	ctx_close(&c);
}
END_TEST

START_TEST(t_draft_file)
{
	char dir[] = "/tmp/xg-draft-XXXXXX", *path, *dp;
	struct deployment *d = contoso(), *back = NULL;
	struct diags dg = {0};
	struct stat st;
	char *err = NULL;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/site.yaml", dir);
	dp = draft_path(path);
	ck_assert_str_eq(strrchr(dp, '/'), "/.site.yaml.draft");
	ck_assert(!draft_exists(path, NULL));
	/* A draft made readable by others is not kept that way. */
	close(creat(dp, 0644));
	chmod(dp, 0644);
	ck_assert_int_eq(draft_write(path, d, &err), 0);
	ck_assert_int_eq(stat(dp, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert(draft_exists(path, NULL));
	ck_assert_int_eq(draft_load(path, &back, &dg), 0);
	ck_assert(deployment_equal(d, back));
	ck_assert_int_eq(draft_remove(path, &err), 0);
	ck_assert(!draft_exists(path, NULL));
	ck_assert_int_eq(draft_remove(path, &err), 0);
	rmdir(dir);
	diags_free(&dg);
	deployment_free(back);
	deployment_free(d);
	free(dp);
	free(path);
}
END_TEST

/* A link planted at the draft's name is neither offered back nor
 * followed: the file it names is left alone. */
START_TEST(t_draft_link)
{
	char dir[] = "/tmp/xg-draft-XXXXXX", *path, *dp, *target, buf[16] = "";
	struct deployment *d = contoso();
	struct stat st;
	char *err = NULL;
	int fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/site.yaml", dir);
	target = xasprintf("%s/victim", dir);
	dp = draft_path(path);
	fd = open(target, O_WRONLY | O_CREAT | O_EXCL, 0644);
	ck_assert_int_eq(write(fd, "precious\n", 9), 9);
	close(fd);
	ck_assert_int_eq(symlink(target, dp), 0);
	ck_assert(!draft_exists(path, NULL));
	ck_assert_msg(draft_write(path, d, &err) == 0, "%s", err ? err : "");
	ck_assert_int_eq(lstat(dp, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	fd = open(target, O_RDONLY);
	ck_assert_int_eq(read(fd, buf, sizeof buf - 1), 9);
	close(fd);
	ck_assert_str_eq(buf, "precious\n");
	ck_assert(draft_exists(path, NULL));
	ck_assert_int_eq(draft_remove(path, &err), 0);
	unlink(target);
	rmdir(dir);
	deployment_free(d);
	free(dp);
	free(target);
	free(path);
}
END_TEST

/* The certificate's state as lync-facts.md and issue 8 word it: no request,
 * pending since the request's date, issued until a date with the days
 * left (one day, plural), expired, made on the Edge, changed since. */
START_TEST(t_cert_state)
{
	struct deployment *d = contoso();
	/* 2027-01-01T00:00:00Z */
	const time_t now = 1798761600;
	char *s;

	s = certtasks_state(d, NULL, now);
	ck_assert_str_eq(s, "Certificate: no request yet.");
	free(s);
	ck_assert_ptr_nonnull(certtasks_blocked(CT_IMPORT, d));
	xstrset(&d->cert.generated.request_file, "edge-external.csr");
	xstrset(&d->cert.generated.key_file, "edge-external.key");
	xstrset(&d->cert.generated.at, "2026-11-20T10:00:00Z");
	certreq_record_names(d, &d->cert.generated);
	s = certtasks_state(d, NULL, now);
	ck_assert_str_eq(s, "Certificate: request edge-external.csr pending since 2026-11-20; "
			    "process the CA's answer under Step 3.");
	free(s);
	ck_assert_ptr_null(certtasks_blocked(CT_IMPORT, d));
	ck_assert_ptr_nonnull(strstr(certtasks_blocked(CT_PFX, d), "process the CA's answer"));
	ck_assert_ptr_nonnull(certtasks_blocked(CT_ASSIGN, d));

	/* Run Again after an import: the certificate in use, and the new
	 * request under a key of its own. */
	xstrset(&d->cert.issued.thumbprint, "3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B");
	xstrset(&d->cert.issued.issuer, "CN=Test CA");
	xstrset(&d->cert.issued.not_after, "2027-01-02T12:00:00Z");
	xstrset(&d->cert.issued.key_file, "edge-external-20261101.key");
	s = certtasks_state(d, NULL, now);
	ck_assert_str_eq(s, "Certificate: issued by CN=Test CA, valid until 2027-01-02 (1 day "
			    "left), thumbprint 3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B.\n"
			    "A new request, edge-external.csr, is pending since 2026-11-20; "
			    "process the CA's answer under Step 3.");
	free(s);
	xstrset(&d->cert.issued.key_file, "edge-external.key");
	/* The key reused: the request made after the import is pending. */
	xstrset(&d->cert.issued.imported_at, "2026-11-10T08:00:00Z");
	s = certtasks_state(d, NULL, now);
	ck_assert_ptr_nonnull(strstr(s, "\nA new request, edge-external.csr, is pending since "
				     "2026-11-20;"));
	free(s);
	/* Imported after the request: nothing pending. */
	xstrset(&d->cert.issued.imported_at, "2026-11-21T08:00:00Z");
	s = certtasks_state(d, NULL, now);
	ck_assert_ptr_null(strstr(s, "A new request"));
	free(s);
	/* The files say what the file cannot: the chain is gone. */
	xstrset(&d->cert.issued.chain_file, "edge-external-chain.pem");
	s = certtasks_state(d, "/nonexistent-xmppgw-dir", now);
	ck_assert_ptr_nonnull(strstr(s, "left), thumbprint 3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B."
				     "\nCertificate problem: cannot read "
				     "/nonexistent-xmppgw-dir/edge-external-chain.pem: "));
	free(s);

	xstrset(&d->cert.issued.thumbprint, "3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B");
	xstrset(&d->cert.issued.issuer, "CN=Test CA");
	xstrset(&d->cert.issued.not_after, "2027-01-02T12:00:00Z");
	s = certtasks_state(d, NULL, now);
	ck_assert_str_eq(s, "Certificate: issued by CN=Test CA, valid until 2027-01-02 (1 day "
			    "left), thumbprint 3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B.");
	free(s);
	xstrset(&d->cert.issued.not_after, "2027-03-02T00:00:00Z");
	s = certtasks_state(d, NULL, now);
	ck_assert_ptr_nonnull(strstr(s, "(60 days left)"));
	free(s);
	ck_assert_ptr_null(certtasks_blocked(CT_PFX, d));
	ck_assert_ptr_null(certtasks_blocked(CT_ASSIGN, d));
	xstrset(&d->cert.issued.not_after, "2026-12-31T23:59:59Z");
	s = certtasks_state(d, NULL, now);
	ck_assert_ptr_nonnull(strstr(s, "Certificate: EXPIRED on 2026-12-31"));
	free(s);

	strlist_push(&d->cert.additional_sans, "chat.contoso.com");
	s = certtasks_state(d, NULL, now);
	ck_assert_ptr_nonnull(strstr(s, "\nThe settings changed since the request was made"));
	free(s);

	d->cert.request_on_edge = true;
	s = certtasks_state(d, NULL, now);
	ck_assert_str_eq(s, "Certificate: the Edge makes its own key and request "
			    "(Request-CsCertificate in the Edge's script).");
	free(s);
	ck_assert_ptr_nonnull(certtasks_blocked(CT_IMPORT, d));
	ck_assert_ptr_nonnull(certtasks_blocked(CT_PFX, d));
	deployment_free(d);
}
END_TEST

/* The task pages ask for an encrypted key's passphrase before they try
 * it: import as export. */
START_TEST(t_task_passphrase)
{
	char dir[] = "/tmp/xmppgw-tasks.XXXXXX";
	const struct wizard *ws[] = {&certimport_wizard, &certpfx_wizard};
	EVP_PKEY *key = EVP_RSA_gen(1024);
	struct deployment *d = contoso();
	char pass[] = "pass phrase";
	char *path;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/edge.key", dir);
	f = fopen(path, "w");
	ck_assert(f && key);
	ck_assert(PEM_write_PrivateKey(f, key, EVP_aes_256_cbc(), NULL, 0, NULL, pass));
	fclose(f);
	xstrset(&d->cert.generated.key_file, "edge.key");
	xstrset(&d->cert.issued.key_file, "edge.key");
	for (size_t i = 0; i < 2; i++) {
		struct wctx c = {.d = d, .path = "d.yaml", .base_dir = dir};
		struct diags dg = {0};
		const struct diag *g;

		ws[i]->begin(&c);
		wpage_check(&ws[i]->pages[0], &c, &dg);
		g = diags_find(&dg, i ? "pfx.passphrase" : "import.passphrase");
		ck_assert_msg(g && strstr(g->msg, "give its passphrase"), "%s", ws[i]->id);
		diags_free(&dg);
		ws[i]->end(&c);
	}
	unlink(path);
	rmdir(dir);
	free(path);
	EVP_PKEY_free(key);
	deployment_free(d);
}
END_TEST

START_TEST(t_home_text)
{
	struct deployment *d = deployment_new();
	char *s = home_summary(d, NULL, 0, 0), *n = home_name(d, "/x/y/site.yaml");

	ck_assert_ptr_nonnull(strstr(s, "Topology: missing SIP domains"));
	ck_assert_ptr_nonnull(strstr(s, "Certificate: no request yet."));
	ck_assert_str_eq(n, "site.yaml");
	free(s);
	free(n);
	deployment_free(d);
	d = contoso();
	n = home_name(d, "site.yaml");
	ck_assert_str_eq(n, "contoso.com");
	free(n);
	/* The DNS line follows the SRV domains: the XMPP domain, else every
	 * SIP domain. */
	s = home_summary(d, NULL, 0, 0);
	ck_assert_ptr_nonnull(strstr(s, "\nDNS: _xmpp-server._tcp.contoso.com SRV -> "
					"sip.contoso.com:5269 (TTL 3600)"));
	free(s);
	/* The template is named, not only said to be there. */
	xstrset(&d->cert.template_name, "WebServer");
	s = home_summary(d, NULL, 0, 0);
	ck_assert_ptr_nonnull(strstr(s, "-bit key, template WebServer\n"));
	free(s);
	strlist_clear(&d->topo.xmpp_domains);
	strlist_push(&d->topo.xmpp_domains, "corp.contoso.com");
	s = home_summary(d, NULL, 0, 0);
	ck_assert_ptr_nonnull(strstr(s, "\nDNS: _xmpp-server._tcp.corp.contoso.com SRV -> "));
	free(s);
	d->topo.xmpp_proxy = false;
	s = home_summary(d, NULL, 0, 0);
	ck_assert_ptr_nonnull(strstr(s, "\nDNS: _xmpp-server._tcp.contoso.com SRV and 1 other "
					"record -> sip.contoso.com:5269"));
	free(s);
	strlist_push(&d->topo.sip_domains, "eu.fabrikam.com");
	s = home_summary(d, NULL, 0, 0);
	ck_assert_ptr_nonnull(strstr(s, "SRV and 2 other records -> "));
	free(s);
	ck_assert_ptr_nonnull(strstr(home_warnings(), "Survivable Branch Appliances"));
	s = home_summary(d, NULL, 0, 0);
	ck_assert_ptr_nonnull(strstr(s, "\nTopology Builder step: not done\n"));
	ck_assert_ptr_nonnull(strstr(s, "\nAccess policy global: XMPP access enabled; Access Edge "
				       "left as it is\n"));
	free(s);
	d->topo.builder_done = true;
	d->edge.allow_federated_users = true;
	xstrset(&d->policy.identity, "site:Redmond");
	s = home_summary(d, NULL, 0, 0);
	ck_assert_ptr_nonnull(strstr(s, "\nTopology Builder step: done\n"));
	ck_assert_ptr_nonnull(strstr(s, "\nAccess policy site:Redmond: XMPP access enabled; the "
				       "Access Edge allows federated users\n"));
	free(s);
	ck_assert_ptr_nonnull(strstr(home_builder_steps(), "findstr 5269"));
	ck_assert_ptr_nonnull(strstr(home_builder_steps(), "23456"));
	deployment_free(d);
}
END_TEST

static const struct wfield *policy_field(const char *id)
{
	const struct wpage *pg = &wpolicy_form.pages[0];

	for (size_t i = 0; i < pg->nfields; i++)
		if (strcmp(pg->fields[i].id, id) == 0)
			return &pg->fields[i];
	ck_abort_msg("no field %s", id);
	return NULL;
}

/* The scope and the name make the identity; a name typed survives a
 * switch to global and back; the page check lands on the name. */
START_TEST(t_policy_form)
{
	struct deployment *d = contoso();
	struct wctx c = {.d = d};
	const struct wfield *scope = policy_field("scope"), *name = policy_field("name");
	struct diags dg = {0};

	wpolicy_form.begin(&c);
	ck_assert_int_eq(wfield_get_choice(scope, &c), WPOL_GLOBAL);
	ck_assert(!wfield_is_visible(name, &c));
	wfield_set_choice(scope, &c, WPOL_SITE);
	ck_assert_str_eq(d->policy.identity, "site:");
	ck_assert_uint_eq(wpage_check(&wpolicy_form.pages[0], &c, &dg), 1);
	ck_assert_ptr_nonnull(wfield_diag(name, &dg, -1));
	diags_free(&dg);
	wfield_set_text(name, &c, "Redmond");
	ck_assert_str_eq(d->policy.identity, "site:Redmond");
	ck_assert_str_eq(wfield_get_text(name, &c), "Redmond");
	wfield_set_choice(scope, &c, WPOL_GLOBAL);
	ck_assert_str_eq(d->policy.identity, "global");
	wfield_set_choice(scope, &c, WPOL_USER);
	ck_assert_str_eq(d->policy.identity, "Redmond");
	ck_assert_int_eq(wfield_get_choice(scope, &c), WPOL_USER);
	memset(&dg, 0, sizeof dg);
	ck_assert_uint_eq(wpage_check(&wpolicy_form.pages[0], &c, &dg), 0);
	ck_assert_uint_eq(dg.warnings, 1);
	diags_free(&dg);
	wfield_set_bool(policy_field("allow_federated"), &c, true);
	ck_assert(d->edge.allow_federated_users);
	wfield_set_bool(policy_field("xmpp"), &c, false);
	ck_assert(!d->policy.enable_xmpp_access);
	{
		char *remark = policy_field("xmpp")->text(&c);

		ck_assert_ptr_nonnull(strstr(remark, "cannot talk to XMPP contacts"));
		free(remark);
	}
	wpolicy_form.end(&c);
	deployment_free(d);
}
END_TEST

/* The identity's syntax: errors; a user policy or access left off: warnings. */
START_TEST(t_policy_rules)
{
	static const struct {
		const char *id;
		size_t errors, warnings;
	} cases[] = {
		{"global", 0, 0}, {"Global", 0, 0}, {"site:Redmond", 0, 0}, {"SITE:Redmond", 0, 0},
		{"XMPP users", 0, 1}, {"Tag:XMPP users", 0, 1}, {"", 1, 0}, {"site:", 1, 0},
		{"tag:", 1, 0}, {"site: x", 1, 0}, {"service:Registrar", 1, 0}, {"a\tb", 1, 1},
	};
	struct access_policy p = {.enable_federation_access = true, .enable_xmpp_access = true};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diags dg = {0};

		p.identity = xstrdup(cases[i].id);
		policy_validate(&p, NULL, &dg);
		free(p.identity);
		ck_assert_msg(dg.errors == cases[i].errors && dg.warnings == cases[i].warnings,
			      "\"%s\": %zu errors, %zu warnings", cases[i].id, dg.errors,
			      dg.warnings);
		diags_free(&dg);
	}
	{
		struct diags dg = {0};

		p.identity = xstrdup("global");
		p.enable_xmpp_access = false;
		p.enable_federation_access = false;
		policy_validate(&p, NULL, &dg);
		free(p.identity);
		ck_assert_uint_eq(dg.errors, 0);
		ck_assert_ptr_nonnull(diags_find(&dg, "access_policy.enable_xmpp_access"));
		ck_assert_ptr_nonnull(diags_find(&dg, "access_policy.enable_federation_access"));
		diags_free(&dg);
	}
}
END_TEST

static Suite *wizards_suite(void)
{
	Suite *s = suite_create("wizards");
	TCase *tc = tcase_create("tables");

	tcase_add_test(tc, t_lync_pages_in_order);
	tcase_add_test(tc, t_fields_bound);
	tcase_add_test(tc, t_keys_reach_the_file);
	tcase_add_test(tc, t_keyed_string_rules);
	tcase_add_test(tc, t_schema_find);
	tcase_add_test(tc, t_state_strings);
	tcase_add_test(tc, t_diag_paths);
	tcase_add_test(tc, t_geography_check);
	tcase_add_test(tc, t_page_keeps_its_own);
	tcase_add_test(tc, t_wildcard_lands_on_its_entry);
	tcase_add_test(tc, t_security_rules);
	tcase_add_test(tc, t_topology_page_when_missing);
	tcase_add_test(tc, t_san_pages_follow_srv);
	tcase_add_test(tc, t_template_box_remembers);
	tcase_add_test(tc, t_run_again_caption);
	tcase_add_test(tc, t_run_again_reuse_choice);
	tcase_add_test(tc, t_draft_file);
	tcase_add_test(tc, t_draft_link);
	tcase_add_test(tc, t_home_text);
	tcase_add_test(tc, t_cert_state);
	tcase_add_test(tc, t_task_passphrase);
	tcase_add_test(tc, t_policy_form);
	tcase_add_test(tc, t_policy_rules);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(wizards_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
