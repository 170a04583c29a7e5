/* SPDX-License-Identifier: ISC */
/* The single-field validators: DNS names, country codes, subject fields,
 * key sizes, text. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "validate.h"
#include "xalloc.h"

/* The verdict for name, with the reason checked to exist when it should. */
static int dns(const char *name)
{
	char *msg = NULL;
	int v = validate_dns_name(name, &msg);

	if (v == VALID_OK)
		ck_assert_ptr_null(msg);
	else
		ck_assert_msg(msg && *msg, "no reason for %s", name);
	free(msg);
	return v;
}

/* n copies of c */
static char *rep(char c, size_t n)
{
	char *s = xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* Labels of 63, 63, 63 and last characters: 3 * 64 + last in all. */
static char *long_name(size_t last)
{
	char *a = rep('a', 63), *b = rep('b', last);
	char *s = xasprintf("%s.%s.%s.%s", a, a, a, b);

	free(a);
	free(b);
	return s;
}

START_TEST(t_dns_good)
{
	static const char *const good[] = {
		"contoso.com", "sip.contoso.com", "SIP.Contoso.COM", "a-b.example.org",
		"xn--bcher-kva.de", "partner.xn--p1ai", "contoso.com.", "a1.b2.com",
		"x.co", "3com.com", "webcon.eu.contoso.com",
	};

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(dns(good[i]) == VALID_OK, "%s should be valid", good[i]);
}
END_TEST

START_TEST(t_dns_bad)
{
	static const char *const bad[] = {
		"", ".", "contoso..com", ".contoso.com", "contoso.com..", "-sip.contoso.com",
		"sip-.contoso.com", "sip.contoso-.com", "*.contoso.com", "sip.*.com",
		"s*p.contoso.com", "são.com", "contoso.cöm", "sip_1.contoso.com",
		"sip contoso.com", "192.168.0.1", "10.0.0.1.", "host.123",
		"contoso.com/x", "contoso.com:5269",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(dns(bad[i]) == VALID_ERR, "%s should be refused", bad[i]);
}
END_TEST

START_TEST(t_dns_label_length)
{
	char *l63 = rep('a', 63), *l64 = rep('a', 64);
	char *ok = xasprintf("%s.com", l63), *no = xasprintf("%s.com", l64);
	char *msg = NULL;

	ck_assert_int_eq(dns(ok), VALID_OK);
	ck_assert_int_eq(validate_dns_name(no, &msg), VALID_ERR);
	ck_assert_ptr_nonnull(strstr(msg, "64"));
	free(msg);
	free(l63);
	free(l64);
	free(ok);
	free(no);
}
END_TEST

START_TEST(t_dns_total_length)
{
	char *n253 = long_name(61), *n254 = long_name(62), *dot = NULL, *msg = NULL;

	ck_assert_uint_eq(strlen(n253), 253);
	ck_assert_int_eq(dns(n253), VALID_OK);
	/* The trailing dot of an absolute name does not count. */
	dot = xasprintf("%s.", n253);
	ck_assert_int_eq(dns(dot), VALID_OK);
	ck_assert_int_eq(validate_dns_name(n254, &msg), VALID_ERR);
	ck_assert_ptr_nonnull(strstr(msg, "254"));
	free(msg);
	free(n253);
	free(n254);
	free(dot);
}
END_TEST

START_TEST(t_dns_warnings)
{
	static const char *const warn[] = {
		"contoso", "edge01", "sip.contoso.local", "dc.corp", "x.LOCAL", "host.internal",
		"intranet.lan",
	};
	char *msg = NULL;

	for (size_t i = 0; i < sizeof warn / sizeof *warn; i++)
		ck_assert_msg(dns(warn[i]) == VALID_WARN, "%s should warn", warn[i]);
	ck_assert_int_eq(validate_dns_name("sip.contoso.local", &msg), VALID_WARN);
	ck_assert_ptr_nonnull(strstr(msg, ".local"));
	free(msg);
	/* msg may be NULL when the reason is not wanted */
	ck_assert_int_eq(validate_dns_name("*.contoso.com", NULL), VALID_ERR);
}
END_TEST

START_TEST(t_country)
{
	static const char *const good[] = {"US", "BR", "DE", "PT", "JP", "GB", "ZW", "AD"};
	static const char *const bad[] = {"", "U", "us", "Us", "USA", "XX", "UK", "1A", "B R"};
	char *msg = NULL;

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(validate_country(good[i], NULL) == VALID_OK, "%s", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_msg(validate_country(bad[i], &msg) == VALID_ERR, "%s", bad[i]);
		ck_assert_ptr_nonnull(msg);
		free(msg);
		msg = NULL;
	}
	ck_assert_str_eq(country_name("BR"), "Brazil");
	ck_assert_str_eq(country_name("US"), "United States of America");
	ck_assert_ptr_null(country_name("XX"));
	ck_assert_ptr_null(country_name("br"));
}
END_TEST

START_TEST(t_subject_lengths)
{
	char *cn64 = rep('c', 64), *cn65 = rep('c', 65), *msg = NULL;
	/* 64 two-byte characters: 128 bytes but within the limit of 64. */
	char *o64 = xmalloc(64 * 2 + 1), *l = xasprintf("%s", "São Paulo");

	for (int i = 0; i < 64; i++)
		memcpy(o64 + 2 * i, "\xc3\xa9", 2);
	o64[128] = '\0';
	ck_assert_int_eq(validate_subject_field(SUBJ_CN, cn64, NULL), VALID_OK);
	ck_assert_int_eq(validate_subject_field(SUBJ_CN, cn65, &msg), VALID_ERR);
	ck_assert_ptr_nonnull(strstr(msg, "65"));
	free(msg);
	ck_assert_int_eq(validate_subject_field(SUBJ_O, o64, NULL), VALID_OK);
	ck_assert_int_eq(validate_subject_field(SUBJ_L, l, NULL), VALID_OK);
	ck_assert_int_eq(validate_subject_field(SUBJ_ST, l, NULL), VALID_OK);
	ck_assert_int_eq(validate_subject_field(SUBJ_O, cn65, NULL), VALID_ERR);
	free(cn64);
	free(cn65);
	free(o64);
	free(l);
}
END_TEST

START_TEST(t_subject_city_state_128)
{
	/* 128 "ã" (256 bytes) is the most a locality or state may hold. */
	char *s128 = xmalloc(129 * 2 + 1);

	for (int i = 0; i < 128; i++)
		memcpy(s128 + 2 * i, "\xc3\xa3", 2);
	s128[256] = '\0';
	ck_assert_int_eq(validate_subject_field(SUBJ_L, s128, NULL), VALID_OK);
	ck_assert_int_eq(validate_subject_field(SUBJ_ST, s128, NULL), VALID_OK);
	memcpy(s128 + 256, "\xc3\xa3", 3);
	ck_assert_int_eq(validate_subject_field(SUBJ_L, s128, NULL), VALID_ERR);
	ck_assert_int_eq(validate_subject_field(SUBJ_ST, s128, NULL), VALID_ERR);
	free(s128);
}
END_TEST

START_TEST(t_subject_ou_and_text)
{
	char *msg = NULL;

	ck_assert_int_eq(validate_subject_field(SUBJ_OU, "IT", &msg), VALID_WARN);
	ck_assert_ptr_nonnull(strstr(msg, "2022"));
	free(msg);
	ck_assert_int_eq(validate_subject_field(SUBJ_O, "Contoso\x01Ltd", NULL), VALID_ERR);
	ck_assert_int_eq(validate_subject_field(SUBJ_O, "Contoso \xff", NULL), VALID_ERR);
	ck_assert_int_eq(validate_subject_field(SUBJ_C, "BR", NULL), VALID_OK);
	ck_assert_int_eq(validate_subject_field(SUBJ_C, "Brazil", NULL), VALID_ERR);
	ck_assert_int_eq(validate_text("Contoso, Ltd: \"IT\" #1 日本 😀", NULL), VALID_OK);
	ck_assert_int_eq(validate_text("line\nbreak", NULL), VALID_ERR);
	ck_assert_int_eq(validate_text("tab\there", NULL), VALID_ERR);
	ck_assert_int_eq(validate_text("next\xc2\x85line", NULL), VALID_ERR);    /* NEL */
	ck_assert_int_eq(validate_text("csi \xc2\x9b" "2J", NULL), VALID_ERR);      /* C1 CSI */
	ck_assert_int_eq(validate_text("line\xe2\x80\xa8sep", NULL), VALID_ERR); /* U+2028 */
	ck_assert_int_eq(validate_text("para\xe2\x80\xa9sep", NULL), VALID_ERR); /* U+2029 */
	ck_assert_int_eq(validate_text("nbsp\xc2\xa0ok", NULL), VALID_OK);
	ck_assert_int_eq(validate_text("\xc0\xaf", NULL), VALID_ERR);      /* overlong */
	ck_assert_int_eq(validate_text("\xed\xa0\x80", NULL), VALID_ERR);  /* surrogate */
	ck_assert_int_eq(validate_text("\xf4\x90\x80\x80", NULL), VALID_ERR);
	ck_assert_int_eq(validate_text("cut \xe2\x82", NULL), VALID_ERR);
}
END_TEST

START_TEST(t_key_bits)
{
	static const int good[] = {2048, 3072, 4096};
	static const int bad[] = {1000, 0, -2048, 512, 2047, 8192, 1023};
	char *msg = NULL;

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_int_eq(validate_key_bits(good[i], NULL), VALID_OK);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(validate_key_bits(bad[i], NULL) == VALID_ERR, "%d", bad[i]);
	ck_assert_int_eq(validate_key_bits(1024, &msg), VALID_ERR);
	/* 1024 is refused with the reason, not only "not offered" */
	ck_assert_ptr_nonnull(strstr(msg, "2048"));
	ck_assert_ptr_nonnull(strstr(msg, "weak"));
	free(msg);
	ck_assert_int_eq(validate_key_bits(1000, &msg), VALID_ERR);
	ck_assert_ptr_nonnull(strstr(msg, "1000"));
	free(msg);
}
END_TEST

START_TEST(t_country_suggest)
{
	char *msg = NULL;

	/* alpha-3 codes, names in English and other cases lead to the code */
	ck_assert_str_eq(country_suggest("BRA"), "BR");
	ck_assert_str_eq(country_suggest("usa"), "US");
	ck_assert_str_eq(country_suggest("br"), "BR");
	ck_assert_str_eq(country_suggest("Brazil"), "BR");
	ck_assert_str_eq(country_suggest("germany"), "DE");
	ck_assert_str_eq(country_suggest("Federal Republic of Germany"), "DE");
	ck_assert_str_eq(country_suggest("United States"), "US");
	ck_assert_ptr_null(country_suggest("XYZ"));
	ck_assert_ptr_null(country_suggest(""));
	ck_assert_int_eq(validate_country("BRA", &msg), VALID_ERR);
	ck_assert_msg(strstr(msg, "did you mean BR (Brazil)?") != NULL, "%s", msg);
	free(msg);
	ck_assert_int_eq(validate_country("XX", &msg), VALID_ERR);
	ck_assert_ptr_null(strstr(msg, "did you mean"));
	free(msg);
}
END_TEST

/* A name in the user's language is found through iso-codes' compiled
 * translations (dgettext); a catalog made here stands in for them. */
START_TEST(t_country_translated)
{
	char dir[] = "/tmp/test_validate.XXXXXX", *sub, *po, *mo, *cmd;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	sub = xasprintf("%s/pt_BR/LC_MESSAGES", dir);
	cmd = xasprintf("mkdir -p %s", sub);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	po = xasprintf("%s/c.po", dir);
	mo = xasprintf("%s/iso_3166-1.mo", sub);
	f = fopen(po, "w");
	ck_assert_ptr_nonnull(f);
	fputs("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	      "msgid \"Brazil\"\nmsgstr \"Brasil\"\n\n"
	      "msgid \"Austria\"\nmsgstr \"\303\201ustria\"\n\n"
	      "msgid \"Bolivia, Plurinational State of\"\nmsgstr \"Bol\303\255via\"\n\n"
	      "msgid \"Federal Republic of Germany\"\nmsgstr \"Rep\303\272blica Federal da Alemanha\"\n",
	      f);
	fclose(f);
	cmd = xasprintf("msgfmt -o %s %s", mo, po);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	/* The user's language: pt_BR through LANGUAGE, which gettext reads
	 * in any locale but C. */
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "pt_BR", 1);
	setenv("ISOCODES_LOCALEDIR", dir, 1);
	ck_assert_str_eq(country_suggest("Brasil"), "BR");
	ck_assert_str_eq(country_suggest(" BRASIL "), "BR");
	ck_assert_str_eq(country_suggest("\303\241ustria"), "AT");
	ck_assert_str_eq(country_suggest("\303\201USTRIA"), "AT");
	ck_assert_str_eq(country_suggest("rep\303\272blica federal da alemanha"), "DE");
	ck_assert_ptr_null(country_suggest("Brasilia"));
	ck_assert_str_eq(country_local_name("BR"), "Brasil");
	/* iso-codes translates its own name, not the table's short one */
	ck_assert_str_eq(country_local_name("BO"), "Bol\303\255via");
	ck_assert_str_eq(country_local_name("FR"), "France");
	ck_assert_ptr_null(country_local_name("XX"));
	setenv("ISOCODES_LOCALEDIR", "/nonexistent", 1);
	/* without the translations the program still works, in English */
	ck_assert_ptr_null(country_suggest("Brasil"));
	ck_assert_str_eq(country_suggest("Brazil"), "BR");
	ck_assert_str_eq(country_local_name("BR"), "Brazil");
	unsetenv("ISOCODES_LOCALEDIR");
	unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C");
	cmd = xasprintf("rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(po);
	free(mo);
	free(sub);
}
END_TEST

START_TEST(t_state_abbreviation)
{
	char *msg = NULL;

	ck_assert_int_eq(validate_subject_field(SUBJ_ST, "WA", &msg), VALID_WARN);
	ck_assert_ptr_nonnull(strstr(msg, "in full"));
	free(msg);
	ck_assert_int_eq(validate_subject_field(SUBJ_ST, "S", NULL), VALID_WARN);
	ck_assert_int_eq(validate_subject_field(SUBJ_ST, "SP\xc3\xa3", NULL), VALID_OK);
	ck_assert_int_eq(validate_subject_field(SUBJ_ST, "Washington", NULL), VALID_OK);
	/* a city of two letters is a real name (Ii, Finland) */
	ck_assert_int_eq(validate_subject_field(SUBJ_L, "Ii", NULL), VALID_OK);
}
END_TEST

START_TEST(t_diag_quote)
{
	char *s = rep('a', 300), *q = diag_quote(s), *want;

	want = xasprintf("\"%.80s...\" (220 more characters)", s);
	ck_assert_str_eq(q, want);
	free(want);
	free(q);
	s[81] = '\0';
	q = diag_quote(s);
	ck_assert_str_eq(q, "\"" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "...\" (1 more character)");
	free(q);
	s[80] = '\0';
	q = diag_quote(s);
	ck_assert_int_eq(strlen(q), 82);
	free(q);
	free(s);
	/* characters, not bytes: 81 "ã" are cut after the 80th, whole */
	s = xmalloc(81 * 2 + 1);
	for (int i = 0; i < 81; i++)
		memcpy(s + 2 * i, "\xc3\xa3", 2);
	s[162] = '\0';
	q = diag_quote(s);
	ck_assert_int_eq(strncmp(q + 161, "...\" (1 more character)", 24), 0);
	free(q);
	free(s);
}
END_TEST

START_TEST(t_diag_escape_bidi)
{
	/* RLO, LRE, PDF, LRI, PDI and a C1 control are shown as escapes;
	 * other punctuation of the same block stays */
	char *e = diag_escape("a\xe2\x80\xae" "b\xe2\x80\xaa" "c\xe2\x80\xac" "d\xe2\x81\xa6"
			      "e\xe2\x81\xa9" "f\xc2\x85" "g\xe2\x80\x94" "h\x1b");

	ck_assert_str_eq(e, "a\\u202eb\\u202ac\\u202cd\\u2066e\\u2069f\\u0085g\xe2\x80\x94" "h\\x1b");
	free(e);
}
END_TEST

static Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *names = tcase_create("dns"), *subj = tcase_create("subject");

	tcase_add_test(names, t_dns_good);
	tcase_add_test(names, t_dns_bad);
	tcase_add_test(names, t_dns_label_length);
	tcase_add_test(names, t_dns_total_length);
	tcase_add_test(names, t_dns_warnings);
	tcase_add_test(subj, t_country);
	tcase_add_test(subj, t_subject_lengths);
	tcase_add_test(subj, t_subject_city_state_128);
	tcase_add_test(subj, t_subject_ou_and_text);
	tcase_add_test(subj, t_key_bits);
	tcase_add_test(subj, t_country_suggest);
	tcase_add_test(subj, t_country_translated);
	tcase_add_test(subj, t_state_abbreviation);
	tcase_add_test(names, t_diag_quote);
	tcase_add_test(names, t_diag_escape_bidi);
	suite_add_tcase(s, names);
	suite_add_tcase(s, subj);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(validate_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
