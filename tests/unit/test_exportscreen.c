/* SPDX-License-Identifier: ISC */
/* The Exports screen without curses: file names, the text shown, what is
 * missing, and Write through a scripted struct wui (asks before replacing,
 * writes the export's exact bytes). */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deployment.h"
#include "export.h"
#include "wizards/exports.h"
#include "xalloc.h"

/* What the fake screen was asked, and what it answers. */
struct fake {
	bool answer;
	int confirms, messages, views;
	char *last_title, *last_text;
};

static void remember(struct fake *f, const char *title, const char *text)
{
	xstrset(&f->last_title, title);
	xstrset(&f->last_text, text);
}

static bool fake_confirm(void *arg, const char *title, const char *question)
{
	struct fake *f = arg;

	f->confirms++;
	remember(f, title, question);
	return f->answer;
}

static void fake_message(void *arg, const char *title, const char *text)
{
	struct fake *f = arg;

	f->messages++;
	remember(f, title, text);
}

static void fake_view(void *arg, const char *title, const char *text)
{
	struct fake *f = arg;

	f->views++;
	remember(f, title, text);
}

static const struct wui fake_ui = {
	.confirm = fake_confirm, .message = fake_message, .view = fake_view,
};

static struct deployment *contoso(void)
{
	struct deployment *d = deployment_new();

	strlist_push(&d->topo.sip_domains, "contoso.com");
	xstrset(&d->topo.access_edge_fqdn, "sip.contoso.com");
	deployment_add_partner(d, partner_new("gmail.com"));
	return d;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = xmalloc(1 << 16);

	ck_assert_ptr_nonnull(fp);
	*len = fread(buf, 1, (1 << 16) - 1, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

START_TEST(test_default_name)
{
	static const struct {
		const char *path, *want;
		enum wexport_kind k;
	} cases[] = {
		{"/srv/lync/contoso.yaml", "contoso.frontend.ps1", WEXP_FRONTEND},
		{"contoso.yaml", "contoso.inf", WEXP_INF},
		{"dir.d/contoso", "contoso.zone", WEXP_ZONE},
		{"a/b.c.yaml", "b.c.frontend.ps1", WEXP_FRONTEND},
		{"/x/.hidden", ".hidden.zone", WEXP_ZONE},
		{"", "xmppgw.frontend.ps1", WEXP_FRONTEND},
		{NULL, "xmppgw.inf", WEXP_INF},
		{"/srv/lync/contoso.yaml", "contoso.edge.ps1", WEXP_EDGE},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = wexport_default_name(cases[i].path, cases[i].k);

		ck_assert_str_eq(s, cases[i].want);
		free(s);
	}
}
END_TEST

START_TEST(test_resolve)
{
	char *s;

	s = wexport_resolve("/srv/lync", "out.ps1");
	ck_assert_str_eq(s, "/srv/lync/out.ps1");
	free(s);
	s = wexport_resolve("/srv/lync/", "sub/out.ps1");
	ck_assert_str_eq(s, "/srv/lync/sub/out.ps1");
	free(s);
	s = wexport_resolve("/srv/lync", "/tmp/out.ps1");
	ck_assert_str_eq(s, "/tmp/out.ps1");
	free(s);
	s = wexport_resolve(NULL, "out.ps1");
	ck_assert_str_eq(s, "out.ps1");
	free(s);
}
END_TEST

/* A bare CR would send the cursor back over the line on a terminal. */
START_TEST(test_for_view)
{
	char *s;

	s = wexport_for_view("\xEF\xBB\xBF# one\r\ntwo\r\n\r\nthree\rfour\n");
	ck_assert_str_eq(s, "# one\ntwo\n\nthree\nfour\n");
	free(s);
	s = wexport_for_view("no bom\n\xEF\xBB\xBF kept inside");
	ck_assert_str_eq(s, "no bom\n\xEF\xBB\xBF kept inside");
	free(s);
	s = wexport_for_view("");
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_missing)
{
	struct deployment *d = contoso();

	for (int k = 0; k < WEXP_COUNT; k++)
		if (k != WEXP_EDGE)
			ck_assert_ptr_null(wexport_missing(k, d));
	/* The Edge's script assigns an issued certificate, or has the Edge
	 * make its own request. */
	ck_assert_ptr_nonnull(strstr(wexport_missing(WEXP_EDGE, d), "process the CA's answer"));
	xstrset(&d->cert.issued.thumbprint, "3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B");
	ck_assert_ptr_null(wexport_missing(WEXP_EDGE, d));
	xstrset(&d->cert.issued.thumbprint, NULL);
	d->cert.request_on_edge = true;
	ck_assert_ptr_null(wexport_missing(WEXP_EDGE, d));
	xstrset(&d->topo.access_edge_fqdn, NULL);
	ck_assert_ptr_null(wexport_missing(WEXP_FRONTEND, d));
	ck_assert_ptr_nonnull(strstr(wexport_missing(WEXP_INF, d), "Access Edge FQDN"));
	ck_assert_ptr_nonnull(strstr(wexport_missing(WEXP_ZONE, d), "Access Edge FQDN"));
	xstrset(&d->dns.srv_target, "xmpp.contoso.com");
	ck_assert_ptr_null(wexport_missing(WEXP_ZONE, d));
	strlist_clear(&d->topo.sip_domains);
	ck_assert_ptr_nonnull(strstr(wexport_missing(WEXP_ZONE, d), "SIP domain"));
	deployment_free(d);
}
END_TEST

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(test_write)
{
	char dir[] = "/tmp/xg-exportscreen.XXXXXX", *path, *want, *got;
	struct deployment *d = contoso();
	struct fake f = {0};
	struct wctx c = {.d = d, .ui = &fake_ui, .ui_arg = &f};
	size_t len;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	c.base_dir = dir;
	path = xasprintf("%s/contoso.frontend.ps1", dir);
	want = export_frontend_ps1(d);

	ck_assert_int_eq(wexport_write(&c, WEXP_FRONTEND, "contoso.frontend.ps1"), 0);
	ck_assert_int_eq(f.confirms, 0);
	ck_assert_int_eq(f.views, 1);
	ck_assert_ptr_nonnull(strstr(f.last_title, path));
	ck_assert_ptr_null(strchr(f.last_text, '\r'));
	got = slurp(path, &len);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_mem_eq(got, want, len);
	free(got);

	/* Replacing asks; "no" leaves the file alone. */
	xstrset(&d->partners[0]->description, "changed");
	ck_assert_int_eq(wexport_write(&c, WEXP_FRONTEND, "contoso.frontend.ps1"), 0);
	ck_assert_int_eq(f.confirms, 1);
	ck_assert_int_eq(f.views, 1);
	got = slurp(path, &len);
	ck_assert_mem_eq(got, want, len);
	free(got);
	free(want);

	f.answer = true;
	ck_assert_int_eq(wexport_write(&c, WEXP_FRONTEND, "contoso.frontend.ps1"), 0);
	ck_assert_int_eq(f.confirms, 2);
	got = slurp(path, &len);
	ck_assert_ptr_nonnull(strstr(got, "'changed'"));
	free(got);

	/* Missing what the export needs: a message, nothing written. */
	strlist_clear(&d->topo.sip_domains);
	ck_assert_int_eq(wexport_write(&c, WEXP_ZONE, "contoso.zone"), -1);
	ck_assert_int_eq(f.messages, 1);
	ck_assert_ptr_nonnull(strstr(f.last_text, "SIP domain"));
	got = xasprintf("%s/contoso.zone", dir);
	ck_assert_int_ne(access(got, F_OK), 0);
	free(got);

	/* A folder that is not there: the write fails and says where. */
	ck_assert_int_eq(wexport_write(&c, WEXP_FRONTEND, "nowhere/x.ps1"), -1);
	ck_assert_int_eq(f.messages, 2);
	ck_assert_ptr_nonnull(strstr(f.last_text, "nowhere"));

	/* The deployment file itself, under its own name: refused, untouched. */
	got = xasprintf("%s/d.yaml", dir);
	write_file(got, "version: 1\n");
	c.path = got;
	ck_assert_int_eq(wexport_write(&c, WEXP_FRONTEND, "d.yaml"), 0);
	ck_assert_int_eq(f.messages, 3);
	ck_assert_ptr_nonnull(strstr(f.last_text, "deployment file itself"));
	ck_assert_int_eq(f.confirms, 2);
	want = slurp(got, &len);
	ck_assert_str_eq(want, "version: 1\n");
	free(want);
	unlink(got);
	free(got);

	unlink(path);
	rmdir(dir);
	free(path);
	free(f.last_title);
	free(f.last_text);
	deployment_free(d);
}
END_TEST

/* Each export says where it is used; the Front End's script, where it runs. */
START_TEST(test_where)
{
	for (int k = 0; k < WEXP_COUNT; k++)
		ck_assert_ptr_nonnull(wexport_where(k));
	ck_assert_str_eq(wexport_where(WEXP_FRONTEND),
			 "Run on a Front End Server or an admin host with the Lync Server "
			 "Management Shell.");
}
END_TEST

/* The format's help speaks of every format the radio offers. */
START_TEST(test_kind_help)
{
	const struct wfield *f = &wexport_wizard.pages[0].fields[0];
	const char *const kinds[] = {"Front End script:", "Edge script:", "certreq INF:",
				     "Zone lines:"};

	ck_assert_str_eq(f->id, "kind");
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		ck_assert_msg(strstr(f->help, kinds[i]), "%s", kinds[i]);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("exportscreen");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_default_name);
	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_for_view);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_write);
	tcase_add_test(tc, test_where);
	tcase_add_test(tc, test_kind_help);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
