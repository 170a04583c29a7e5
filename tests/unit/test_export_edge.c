/* SPDX-License-Identifier: ISC */
/* The Edge Server's script where the shell tests do not reach: what it says
 * with nothing to assign, how it names the PFX, a thumbprint that is not
 * one, and the Edge's own request without an Access Edge FQDN. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "export.h"
#include "xalloc.h"

#define BOM "\xEF\xBB\xBF"

/* Every line of s, without the BOM, is empty or a comment. */
static bool only_comments(const char *s)
{
	const char *p = s + strlen(BOM);

	while (*p) {
		const char *eol = strstr(p, "\r\n");

		if (!eol || (eol != p && *p != '#'))
			return false;
		p = eol + 2;
	}
	return true;
}

START_TEST(nothing_to_assign)
{
	struct deployment *d = deployment_new();
	char *s = export_edge_ps1(d);

	ck_assert_int_eq(strncmp(s, BOM "# Lync Server 2013", strlen(BOM) + 18), 0);
	ck_assert(strstr(s, "# No certificate to assign: the deployment records no issued "
			    "certificate\r\n"));
	ck_assert(strstr(s, "xmppgw cert import"));
	ck_assert(only_comments(s));
	free(s);
	deployment_free(d);
}
END_TEST

START_TEST(pfx_name)
{
	struct deployment *d = deployment_new();
	char *s;

	xstrset(&d->cert.issued.thumbprint, "3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B");
	xstrset(&d->cert.issued.key_file, "keys/edge-20261126.key");
	s = export_edge_ps1(d);
	ck_assert(strstr(s, "(Join-Path $PSScriptRoot 'edge-20261126.pfx'),\r\n"));
	free(s);
	/* Before the PFX is written, the name cert pfx will give it, also for
	 * a key whose name does not end in .key. */
	xstrset(&d->cert.issued.key_file, "keys/edge.pem");
	xstrset(&d->cert.issued.chain_file, "keys/edge.pem-chain.pem");
	s = export_edge_ps1(d);
	ck_assert(strstr(s, "(Join-Path $PSScriptRoot 'edge.pem.pfx'),\r\n"));
	free(s);
	xstrset(&d->cert.issued.pfx_file, "/srv/out/Edge 2026.pfx");
	s = export_edge_ps1(d);
	ck_assert(strstr(s, "(Join-Path $PSScriptRoot 'Edge 2026.pfx'),\r\n"));
	ck_assert(!only_comments(s));
	free(s);
	deployment_free(d);
}
END_TEST

/* Hand-edited into the file, the thumbprint is still one inert literal. */
START_TEST(thumbprint_inert)
{
	struct deployment *d = deployment_new();
	char *s;

	xstrset(&d->cert.issued.thumbprint, "x'; Remove-Item C:\\ -Recurse; '\n#");
	s = export_edge_ps1(d);
	ck_assert(strstr(s, "\r\n$thumbprint = 'x''; Remove-Item C:\\ -Recurse; '' #'\r\n"));
	ck_assert(strstr(s, "\r\n# Thumbprint: x'; Remove-Item C:\\ -Recurse; ' #\r\n"));
	free(s);
	deployment_free(d);
}
END_TEST

START_TEST(request_without_edge_fqdn)
{
	struct deployment *d = deployment_new();
	char *s;

	d->cert.request_on_edge = true;
	strlist_push(&d->cert.additional_sans, "chat.contoso.com");
	s = export_edge_ps1(d);
	ck_assert(strstr(s, "\r\nRequest-CsCertificate @request\r\n"));
	ck_assert(strstr(s, "    DomainName = 'chat.contoso.com'\r\n"));
	ck_assert(strstr(s, "Access Edge is (none).\r\n"));
	ck_assert(strstr(s, "\r\nImport-CsCertificate") == NULL);
	free(s);
	deployment_free(d);
}
END_TEST

static Suite *edge_suite(void)
{
	Suite *s = suite_create("export_edge");
	TCase *tc = tcase_create("export_edge");

	tcase_add_test(tc, nothing_to_assign);
	tcase_add_test(tc, pfx_name);
	tcase_add_test(tc, thumbprint_inert);
	tcase_add_test(tc, request_without_edge_fqdn);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(edge_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
