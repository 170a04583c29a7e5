/* SPDX-License-Identifier: ISC */
/* The partner form without a screen (its table's bindings, validation, the
 * live verdict on all 18 negotiation rows, OK) and the partners list's
 * filter, selection and scrolling. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "negotiation.h"
#include "wizards/partnerlist.h"
#include "wizards/partners.h"
#include "xalloc.h"

#define R NEG_REQUIRED
#define O NEG_OPTIONAL
#define X NEG_NOTSUPPORTED

/* lync-facts.md 5, spelled out here rather than read from the table under
 * test: settings, the method, a piece of the warning's sentence, whether
 * the Control Panel remark applies, and the status. */
static const struct {
	enum neg tls, sasl;
	bool dialback;
	const char *method, *warning;
	bool remark;
	enum neg_status status;
} rows[18] = {
	{R, R, true, "SASL over TLS", "Dialback will not operate", false, NEG_STATUS_WARN},
	{R, R, false, "SASL over TLS", NULL, false, NEG_STATUS_OK},
	{O, R, true, "SASL over TLS, TLS dialback, TCP dialback", "SASL requires TLS", false,
	 NEG_STATUS_WARN},
	{O, R, false, "SASL over TLS", "SASL requires TLS", false, NEG_STATUS_WARN},
	{X, R, true, "TCP dialback", "SASL requires TLS", true, NEG_STATUS_WARN},
	{X, R, false, "none", "nothing can work", false, NEG_STATUS_INVALID},
	{R, O, true, "SASL over TLS, TLS dialback", NULL, false, NEG_STATUS_OK},
	{R, O, false, "SASL over TLS", NULL, false, NEG_STATUS_OK},
	{O, O, true, "SASL over TLS, TLS dialback, TCP dialback", "SASL requires TLS", false,
	 NEG_STATUS_WARN},
	{O, O, false, "SASL over TLS", "SASL requires TLS", false, NEG_STATUS_WARN},
	{X, O, true, "TCP dialback", "SASL requires TLS", true, NEG_STATUS_WARN},
	{X, O, false, "none", "nothing can work", false, NEG_STATUS_INVALID},
	{R, X, true, "TLS dialback", NULL, false, NEG_STATUS_OK},
	{R, X, false, "none", "SASL or dialback must be enabled", false, NEG_STATUS_INVALID},
	{O, X, true, "TLS dialback, TCP dialback", NULL, false, NEG_STATUS_OK},
	{O, X, false, "none", "SASL or dialback must be enabled", false, NEG_STATUS_INVALID},
	{X, X, true, "TCP dialback", NULL, false, NEG_STATUS_OK},
	{X, X, false, "none", "SASL or dialback must be enabled", false, NEG_STATUS_INVALID},
};

static struct partner *mk(const char *domain, const char *description, const char *extra)
{
	struct partner *p = partner_new(domain);

	if (description)
		p->description = xstrdup(description);
	if (extra)
		strlist_split(&p->additional_domains, extra);
	return p;
}

/* A deployment like share/examples/contoso.yaml's partners. */
static struct deployment *sample(void)
{
	struct deployment *d = deployment_new();

	deployment_add_partner(d, mk("gmail.com", "Google Talk", NULL));
	deployment_add_partner(d, mk("litwareinc.com", "Litware, a subsidiary",
				     "chat.litwareinc.com,eu.litwareinc.com"));
	deployment_add_partner(d, mk("tailspintoys.com", "Tailspin Toys, business partner", NULL));
	deployment_add_partner(d, mk("jabber.org", "Public XMPP service", NULL));
	deployment_add_partner(d, mk("adatum.com", NULL, NULL));
	return d;
}

/* --- the form, driven through its table like the screen drives it --- */

static bool told;

static void ui_message(void *arg, const char *title, const char *text)
{
	(void)arg;
	(void)title;
	ck_assert_ptr_nonnull(text);
	told = true;
}

static const struct wui ui = {.message = ui_message};

static const struct wpage *form_page(void)
{
	ck_assert_uint_eq(partner_form.npages, 1);
	ck_assert(partner_form.flags & WZF_FORM);
	return &partner_form.pages[0];
}

static const struct wfield *field(const char *id)
{
	const struct wpage *pg = form_page();

	for (size_t i = 0; i < pg->nfields; i++)
		if (strcmp(pg->fields[i].id, id) == 0)
			return &pg->fields[i];
	ck_abort_msg("no field %s", id);
	return NULL;
}

struct form {
	struct wctx c;
	struct partner_form_arg arg;
};

static void form_open(struct form *f, struct deployment *d, long index)
{
	memset(f, 0, sizeof *f);
	f->arg.index = index;
	f->c.d = d;
	f->c.state = &f->arg;
	f->c.ui = &ui;
	partner_form.begin(&f->c);
}

/* Errors the page reports (what refuses OK), into out when not NULL. */
static size_t form_errors(struct form *f, struct diags *out)
{
	struct diags dg = {0};
	size_t errors;

	form_page()->validate(&f->c, &dg);
	errors = dg.errors;
	if (out)
		*out = dg;
	else
		diags_free(&dg);
	return errors;
}

static char *note(struct form *f, const char *id)
{
	return field(id)->text(&f->c);
}

START_TEST(t_verdict_rows)
{
	char *v = partner_form_verdict(rows[_i].tls, rows[_i].sasl, rows[_i].dialback);
	char row[32];

	snprintf(row, sizeof row, "(row %d)", _i + 1);
	ck_assert_ptr_nonnull(strstr(v, row));
	if (rows[_i].status == NEG_STATUS_INVALID) {
		ck_assert_msg(strncmp(v, "Cannot work", 11) == 0, "%s", v);
		ck_assert_ptr_nonnull(strstr(v, "OK is refused"));
	} else {
		char *method = xasprintf("Negotiation: %s (", rows[_i].method);

		ck_assert_msg(strncmp(v, method, strlen(method)) == 0, "%s", v);
		free(method);
	}
	if (rows[_i].warning)
		ck_assert_msg(strstr(v, rows[_i].warning) != NULL, "%s", v);
	else
		ck_assert_msg(strstr(v, "Warning") == NULL, "%s", v);
	ck_assert_int_eq(strstr(v, "Lync Control Panel refuses") != NULL, rows[_i].remark);
	ck_assert_int_eq(strstr(v, "Warning: ") != NULL, rows[_i].status == NEG_STATUS_WARN);
	free(v);
}
END_TEST

/* Each row through the form: the radio buttons and the check box set, the
 * text under the dialback box says the same as partner_form_verdict, and
 * OK passes or is refused with the reason under it. */
START_TEST(t_form_rows)
{
	struct deployment *d = sample();
	struct form f;
	struct diags dg;
	char *v, *want;
	size_t errors;

	form_open(&f, d, -1);
	/* The new partner is in the working copy from the start. */
	ck_assert_uint_eq(d->npartners, 6);
	wfield_set_text(field("domain"), &f.c, "fabrikam.net");
	wfield_set_choice(field("tls"), &f.c, (int)rows[_i].tls);
	wfield_set_choice(field("sasl"), &f.c, (int)rows[_i].sasl);
	wfield_set_bool(field("dialback"), &f.c, rows[_i].dialback);
	v = note(&f, "dialback");
	want = partner_form_verdict(rows[_i].tls, rows[_i].sasl, rows[_i].dialback);
	ck_assert_str_eq(v, want);
	errors = form_errors(&f, &dg);
	if (rows[_i].status == NEG_STATUS_INVALID) {
		const struct diag *g = wfield_diag(field("dialback"), &dg, -1);

		ck_assert_uint_eq(errors, 1);
		ck_assert_ptr_nonnull(g);
		ck_assert_ptr_nonnull(strstr(g->msg, "cannot work"));
		ck_assert_ptr_nonnull(strstr(g->msg, rows[_i].warning));
		told = false;
		ck_assert_int_eq(partner_form.finish(&f.c), -1);
		ck_assert(told);
		ck_assert_int_eq(f.arg.result, -1);
	} else {
		/* A WARN row's warning is in the verdict, not repeated as a diag. */
		ck_assert_uint_eq(dg.n, 0);
		ck_assert_int_eq(partner_form.finish(&f.c), 0);
		ck_assert_uint_eq(d->npartners, 6);
		ck_assert_int_eq(f.arg.result, 5);
		ck_assert_str_eq(d->partners[5]->domain, "fabrikam.net");
		ck_assert_int_eq(d->partners[5]->tls, rows[_i].tls);
		ck_assert_int_eq(d->partners[5]->sasl, rows[_i].sasl);
		ck_assert_int_eq(d->partners[5]->dialback, rows[_i].dialback);
	}
	diags_free(&dg);
	partner_form.end(&f.c);
	free(v);
	free(want);
	deployment_free(d);
}
END_TEST

START_TEST(t_form_defaults)
{
	struct deployment *d = sample();
	struct form f;
	char *v, *meaning;

	form_open(&f, d, -1);
	ck_assert_str_eq(wfield_get_text(field("domain"), &f.c), "");
	ck_assert_int_eq(wfield_get_choice(field("type"), &f.c), PARTNER_PUBLIC_UNVERIFIED);
	ck_assert_int_eq(wfield_get_choice(field("tls"), &f.c), NEG_REQUIRED);
	ck_assert_int_eq(wfield_get_choice(field("sasl"), &f.c), NEG_OPTIONAL);
	ck_assert(wfield_get_bool(field("dialback"), &f.c));
	ck_assert(wfield_get_bool(field("keep_alive"), &f.c));
	v = note(&f, "dialback");
	ck_assert_str_eq(v, "Negotiation: SASL over TLS, TLS dialback (row 7).");
	free(v);
	ck_assert_ptr_nonnull(strstr(field("tls")->help, "row 7"));
	ck_assert_ptr_nonnull(strstr(field("tls")->help, "TLS dialback as the fallback"));
	/* The type's meaning follows the choice. */
	meaning = note(&f, "type");
	ck_assert_ptr_nonnull(strstr(meaning, "Recommended for public providers"));
	free(meaning);
	wfield_set_choice(field("type"), &f.c, PARTNER_PUBLIC_VERIFIED);
	meaning = note(&f, "type");
	ck_assert_ptr_nonnull(strstr(meaning, "Not recommended"));
	free(meaning);
	/* Empty: the required-field check speaks, the model's "is required" is
	 * not said twice. */
	ck_assert_uint_eq(form_errors(&f, NULL), 0);
	ck_assert(field("domain")->flags & WFF_REQUIRED);
	ck_assert_int_eq(partner_form.finish(&f.c), -1);
	partner_form.end(&f.c);
	deployment_free(d);
}
END_TEST

/* On a working copy of d, as the engine runs the form. */
static void expect_clash(const struct deployment *orig, long index, const char *id,
			 const char *value, const char *owner)
{
	struct deployment *d = deployment_clone(orig);
	struct form f;
	struct diags dg;
	const struct diag *g;
	char *want = xasprintf("\"%s\" is already used by partner %s", value, owner);

	form_open(&f, d, index);
	if (strcmp(id, "domain") == 0)
		wfield_set_text(field("domain"), &f.c, value);
	else
		strlist_push(wfield_list(field(id), &f.c), value);
	ck_assert_uint_eq(form_errors(&f, &dg), 1);
	g = wfield_diag(field(id), &dg, strcmp(id, "domain") == 0 ? -1 : 0);
	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->msg, want);
	ck_assert_int_eq(partner_form.finish(&f.c), -1);
	diags_free(&dg);
	partner_form.end(&f.c);
	deployment_free(d);
	free(want);
}

START_TEST(t_form_clashes)
{
	struct deployment *d = sample();

	expect_clash(d, -1, "domain", "litwareinc.com", "litwareinc.com");
	expect_clash(d, -1, "domain", "EU.litwareinc.com", "litwareinc.com");
	expect_clash(d, -1, "additional_domains", "gmail.com", "gmail.com");
	expect_clash(d, 0, "domain", "chat.litwareinc.com", "litwareinc.com");
	expect_clash(d, 2, "additional_domains", "jabber.org", "jabber.org");
	ck_assert_uint_eq(d->npartners, 5);
	deployment_free(d);
}
END_TEST

START_TEST(t_form_domains)
{
	struct deployment *d = sample();
	struct form f;
	struct diags dg;

	form_open(&f, d, -1);
	wfield_set_text(field("domain"), &f.c, "bad domain");
	strlist_push(wfield_list(field("additional_domains"), &f.c), "ok.example.com");
	strlist_push(wfield_list(field("additional_domains"), &f.c), "-bad-.example.com");
	wfield_set_text(field("proxy_fqdn"), &f.c, "proxy..example.com");
	ck_assert_uint_eq(form_errors(&f, &dg), 3);
	ck_assert_ptr_nonnull(wfield_diag(field("domain"), &dg, -1));
	ck_assert_ptr_null(wfield_diag(field("additional_domains"), &dg, 0));
	ck_assert_ptr_nonnull(wfield_diag(field("additional_domains"), &dg, 1));
	ck_assert_ptr_nonnull(wfield_diag(field("proxy_fqdn"), &dg, -1));
	diags_free(&dg);
	/* An additional domain equal to the primary one. */
	wfield_set_text(field("domain"), &f.c, "ok.example.com");
	strlist_remove(wfield_list(field("additional_domains"), &f.c), 1);
	wfield_set_text(field("proxy_fqdn"), &f.c, "");
	ck_assert_ptr_null(wfield_get_text(field("proxy_fqdn"), &f.c));
	ck_assert_uint_eq(form_errors(&f, NULL), 1);
	partner_form.end(&f.c);
	deployment_free(d);
}
END_TEST

/* Edit keeps the partner's place; its own domains are not a clash. Every
 * field is bound to that partner of the working copy. */
START_TEST(t_form_edit)
{
	struct deployment *d = sample();
	struct form f;

	form_open(&f, d, 1);
	ck_assert_str_eq(wfield_get_text(field("domain"), &f.c), "litwareinc.com");
	ck_assert_uint_eq(wfield_list(field("additional_domains"), &f.c)->n, 2);
	wfield_set_text(field("description"), &f.c, "Litware (edited)");
	wfield_set_choice(field("type"), &f.c, PARTNER_PUBLIC_VERIFIED);
	wfield_set_bool(field("keep_alive"), &f.c, false);
	wfield_set_text(field("proxy_fqdn"), &f.c, "xmpp.litwareinc.com");
	ck_assert_uint_eq(form_errors(&f, NULL), 0);
	ck_assert_int_eq(partner_form.finish(&f.c), 0);
	ck_assert_int_eq(f.arg.result, 1);
	partner_form.end(&f.c);
	ck_assert_uint_eq(d->npartners, 5);
	ck_assert_str_eq(d->partners[1]->description, "Litware (edited)");
	ck_assert_int_eq(d->partners[1]->type, PARTNER_PUBLIC_VERIFIED);
	ck_assert(!d->partners[1]->keep_alive);
	ck_assert_str_eq(d->partners[1]->proxy_fqdn, "xmpp.litwareinc.com");
	ck_assert_str_eq(d->partners[1]->additional_domains.v[1], "eu.litwareinc.com");
	/* Emptied text is no value at all (no "description: ''" in the file). */
	form_open(&f, d, 3);
	wfield_set_text(field("description"), &f.c, "");
	ck_assert_ptr_null(d->partners[3]->description);
	partner_form.end(&f.c);
	deployment_free(d);
}
END_TEST

/* --- the list --- */

static void expect_rows(const struct plist *l, const char *want)
{
	char got[256] = "";

	for (size_t r = 0; r < l->n; r++) {
		char one[16];

		snprintf(one, sizeof one, "%s%zu", r ? "," : "", l->idx[r]);
		strcat(got, one);
	}
	ck_assert_str_eq(got, want);
}

START_TEST(t_list_filter)
{
	struct deployment *d = sample();
	struct plist l;

	plist_init(&l);
	plist_rebuild(&l, d);
	expect_rows(&l, "0,1,2,3,4");
	plist_set_filter(&l, d, "LIT");
	expect_rows(&l, "1");
	ck_assert_str_eq(l.filter, "LIT");
	ck_assert_str_eq(l.needle, "lit");
	plist_set_filter(&l, d, "eu.lit");   /* an additional domain */
	expect_rows(&l, "1");
	plist_set_filter(&l, d, "google");   /* the description, other case */
	expect_rows(&l, "0");
	plist_set_filter(&l, d, "s");
	expect_rows(&l, "1,2,3");
	plist_set_filter(&l, d, "sx");
	expect_rows(&l, "");
	ck_assert_int_eq(plist_selected(&l), -1);
	plist_filter_backspace(&l, d);
	ck_assert_str_eq(l.filter, "s");
	expect_rows(&l, "1,2,3");
	plist_set_filter(&l, d, "");
	expect_rows(&l, "0,1,2,3,4");
	plist_free(&l);
	deployment_free(d);
}
END_TEST

/* Appending a character tests only the rows already shown: a partner that
 * starts matching behind the list's back stays out until a rebuild. */
START_TEST(t_list_narrows)
{
	struct deployment *d = sample();
	struct plist l;

	plist_init(&l);
	xstrset(&d->partners[0]->description, "Google");
	plist_set_filter(&l, d, "ta");
	expect_rows(&l, "2");
	xstrset(&d->partners[0]->description, "Taipei office");
	plist_set_filter(&l, d, "tai");
	expect_rows(&l, "2");
	plist_set_filter(&l, d, "ta");   /* shorter: everything again */
	expect_rows(&l, "0,2");
	plist_set_filter(&l, d, "tai");
	expect_rows(&l, "0,2");
	plist_rebuild(&l, d);
	expect_rows(&l, "0,2");
	plist_free(&l);
	deployment_free(d);
}
END_TEST

/* The narrowed result equals a full scan, for every prefix of a few
 * filters over many partners. */
START_TEST(t_list_narrow_equals_scan)
{
	static const char *const filters[] = {"p1", "example.COM", "desc 7", "zz", ".org"};
	struct deployment *d = deployment_new();
	struct plist l;

	for (int i = 0; i < 500; i++) {
		char dom[64], desc[64];

		snprintf(dom, sizeof dom, "p%d.example.%s", i, i % 3 ? "com" : "org");
		snprintf(desc, sizeof desc, "Desc %d", i * 7);
		deployment_add_partner(d, mk(dom, desc, NULL));
	}
	plist_init(&l);
	for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
		plist_set_filter(&l, d, "");
		for (size_t n = 1; n <= strlen(filters[f]); n++) {
			char *prefix = xstrndup(filters[f], n);
			size_t want = 0;

			plist_set_filter(&l, d, prefix);
			for (size_t i = 0; i < d->npartners; i++)
				if (plist_match(d->partners[i], l.needle)) {
					ck_assert_uint_lt(want, l.n);
					ck_assert_uint_eq(l.idx[want], i);
					want++;
				}
			ck_assert_uint_eq(l.n, want);
			free(prefix);
		}
	}
	plist_free(&l);
	deployment_free(d);
}
END_TEST

START_TEST(t_list_selection)
{
	struct deployment *d = deployment_new();
	struct plist l;

	for (int i = 0; i < 100; i++) {
		char dom[32];

		snprintf(dom, sizeof dom, "p%02d.example.com", i);
		deployment_add_partner(d, mk(dom, NULL, NULL));
	}
	plist_init(&l);
	plist_rebuild(&l, d);
	ck_assert_uint_eq(l.sel, 0);
	ck_assert_uint_eq(l.top, 0);
	/* The selection follows its partner through the filter. */
	ck_assert(plist_select_partner(&l, 42));
	plist_set_filter(&l, d, "4");
	ck_assert_int_eq(plist_selected(&l), 42);
	ck_assert(!plist_select_partner(&l, 50));
	plist_set_filter(&l, d, "");
	ck_assert_int_eq(plist_selected(&l), 42);
	/* Deleting the last rows: the selection stays on the last row. */
	l.sel = l.n - 1;
	for (int i = 0; i < 5; i++)
		deployment_remove_partner(d, d->npartners - 1);
	plist_rebuild(&l, d);
	ck_assert_uint_eq(l.sel, 94);
	ck_assert_int_eq(plist_selected(&l), 94);
	ck_assert_uint_le(l.top, l.sel);
	plist_free(&l);
	deployment_free(d);
}
END_TEST

START_TEST(t_list_cells)
{
	struct deployment *d = sample();
	struct plist_cells c;

	d->partners[1]->type = PARTNER_FEDERATED;
	d->partners[1]->tls = NEG_NOTSUPPORTED;
	d->partners[1]->dialback = false;
	plist_cells(d->partners[1], &c);
	ck_assert_str_eq(c.domain, "litwareinc.com");
	ck_assert_str_eq(c.type, "Federated");
	ck_assert_str_eq(c.tls, "No");
	ck_assert_str_eq(c.sasl, "Opt");
	ck_assert_str_eq(c.dialback, "no");
	plist_cells(d->partners[4], &c);
	ck_assert_str_eq(c.type, "Public unverified");
	ck_assert_str_eq(c.description, "");
	xstrset(&d->partners[4]->domain, "");
	plist_cells(d->partners[4], &c);
	ck_assert_str_eq(c.domain, "(no domain)");
	plist_headings(&c);
	ck_assert_str_eq(c.domain, "Primary domain");
	deployment_free(d);
}
END_TEST

static Suite *partners_suite(void)
{
	Suite *s = suite_create("partners");
	TCase *form = tcase_create("form"), *list = tcase_create("list");

	tcase_add_loop_test(form, t_verdict_rows, 0, 18);
	tcase_add_loop_test(form, t_form_rows, 0, 18);
	tcase_add_test(form, t_form_defaults);
	tcase_add_test(form, t_form_clashes);
	tcase_add_test(form, t_form_domains);
	tcase_add_test(form, t_form_edit);
	tcase_add_test(list, t_list_filter);
	tcase_add_test(list, t_list_narrows);
	tcase_add_test(list, t_list_narrow_equals_scan);
	tcase_add_test(list, t_list_selection);
	tcase_add_test(list, t_list_cells);
	suite_add_tcase(s, form);
	suite_add_tcase(s, list);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(partners_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
