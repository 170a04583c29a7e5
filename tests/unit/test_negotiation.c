/* SPDX-License-Identifier: ISC */
/* The 18 TLS / SASL / dialback combinations, each checked against the
 * table of lync-facts.md section 5 (copied here, not read from the code
 * under test), and what partner validation makes of them. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "negotiation.h"

#define R NEG_REQUIRED
#define O NEG_OPTIONAL
#define X NEG_NOTSUPPORTED

static const struct {
	enum neg tls, sasl;
	bool dialback;
	const char *method, *warning;
	enum neg_status status;
} table[18] = {
	{R, R, true, "SASL over TLS", "W1", NEG_STATUS_WARN},
	{R, R, false, "SASL over TLS", NULL, NEG_STATUS_OK},
	{O, R, true, "SASL over TLS, TLS dialback, TCP dialback", "W2", NEG_STATUS_WARN},
	{O, R, false, "SASL over TLS", "W2", NEG_STATUS_WARN},
	{X, R, true, "TCP dialback", "W2", NEG_STATUS_WARN},
	{X, R, false, "none", "W3", NEG_STATUS_INVALID},
	{R, O, true, "SASL over TLS, TLS dialback", NULL, NEG_STATUS_OK},
	{R, O, false, "SASL over TLS", NULL, NEG_STATUS_OK},
	{O, O, true, "SASL over TLS, TLS dialback, TCP dialback", "W2", NEG_STATUS_WARN},
	{O, O, false, "SASL over TLS", "W2", NEG_STATUS_WARN},
	{X, O, true, "TCP dialback", "W2", NEG_STATUS_WARN},
	{X, O, false, "none", "W3", NEG_STATUS_INVALID},
	{R, X, true, "TLS dialback", NULL, NEG_STATUS_OK},
	{R, X, false, "none", "W4", NEG_STATUS_INVALID},
	{O, X, true, "TLS dialback, TCP dialback", NULL, NEG_STATUS_OK},
	{O, X, false, "none", "W4", NEG_STATUS_INVALID},
	{X, X, true, "TCP dialback", NULL, NEG_STATUS_OK},
	{X, X, false, "none", "W4", NEG_STATUS_INVALID},
};

/* One test per row (_i is the row's index), so a failure names its row. */
START_TEST(t_row)
{
	const struct neg_row *r = negotiation_lookup(table[_i].tls, table[_i].sasl,
						     table[_i].dialback);

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->row, _i + 1);
	ck_assert_ptr_eq(negotiation_row(_i + 1), r);
	ck_assert_int_eq(r->tls, table[_i].tls);
	ck_assert_int_eq(r->sasl, table[_i].sasl);
	ck_assert_int_eq(r->dialback, table[_i].dialback);
	ck_assert_str_eq(r->method, table[_i].method);
	if (table[_i].warning) {
		ck_assert_ptr_nonnull(r->warning);
		ck_assert_str_eq(r->warning, table[_i].warning);
		ck_assert_ptr_nonnull(negotiation_warning_text(r->warning));
	} else {
		ck_assert_ptr_null(r->warning);
	}
	ck_assert_int_eq(r->status, table[_i].status);
}
END_TEST

/* What partner validation reports for the row: an error on tls for an
 * INVALID row, a warning for WARN, nothing for OK. */
START_TEST(t_row_validated)
{
	struct deployment *d = deployment_new();
	struct partner *p = partner_new("fabrikam.com");
	struct diags dg = {0};
	const struct diag *g;

	p->tls = table[_i].tls;
	p->sasl = table[_i].sasl;
	p->dialback = table[_i].dialback;
	partner_validate(d, p, -1, "partners[0]", NULL, &dg);
	g = diags_find(&dg, "partners[0].tls");
	switch (table[_i].status) {
	case NEG_STATUS_OK:
		ck_assert_uint_eq(dg.n, 0);
		break;
	case NEG_STATUS_WARN:
		ck_assert_uint_eq(dg.errors, 0);
		ck_assert_ptr_nonnull(g);
		ck_assert_int_eq(g->sev, DIAG_WARNING);
		break;
	case NEG_STATUS_INVALID:
		ck_assert_ptr_nonnull(g);
		ck_assert_int_eq(g->sev, DIAG_ERROR);
		ck_assert_ptr_nonnull(strstr(g->msg, negotiation_warning_text(table[_i].warning)));
		break;
	}
	diags_free(&dg);
	partner_free(p);
	deployment_free(d);
}
END_TEST

START_TEST(t_edges)
{
	static const char *const codes[] = {"W1", "W2", "W3", "W4"};

	ck_assert_ptr_null(negotiation_row(0));
	ck_assert_ptr_null(negotiation_row(19));
	ck_assert_ptr_null(negotiation_lookup(NEG_COUNT, R, true));
	ck_assert_ptr_null(negotiation_lookup(R, NEG_COUNT, false));
	ck_assert_ptr_null(negotiation_warning_text(NULL));
	ck_assert_ptr_null(negotiation_warning_text("W5"));
	for (size_t i = 0; i < 4; i++)
		ck_assert_ptr_nonnull(negotiation_warning_text(codes[i]));
	ck_assert_str_eq(negotiation_status_name(NEG_STATUS_OK), "OK");
	ck_assert_str_eq(negotiation_status_name(NEG_STATUS_WARN), "WARN");
	ck_assert_str_eq(negotiation_status_name(NEG_STATUS_INVALID), "INVALID");
}
END_TEST

/* Rows 5 and 11 work, but Lync's Control Panel will not commit them. */
START_TEST(t_remarks)
{
	for (int row = 1; row <= 18; row++) {
		const char *remark = negotiation_remark(negotiation_row(row));

		if (row == 5 || row == 11)
			ck_assert_msg(remark != NULL, "row %d needs its remark", row);
		else
			ck_assert_msg(remark == NULL, "row %d has a remark", row);
	}
}
END_TEST

/* The defaults: a new partner sits on row 7, the cmdlets' on row 1. */
START_TEST(t_defaults)
{
	struct partner *p = partner_new("fabrikam.com");

	ck_assert_int_eq(negotiation_lookup(p->tls, p->sasl, p->dialback)->row, 7);
	ck_assert_int_eq(negotiation_lookup(R, R, true)->row, 1);
	ck_assert_int_eq(negotiation_lookup(X, X, true)->row, 17); /* Google Talk */
	partner_free(p);
}
END_TEST

START_TEST(t_spellings)
{
	ck_assert_str_eq(neg_name(NEG_REQUIRED), "Required");
	ck_assert_str_eq(neg_name(NEG_OPTIONAL), "Optional");
	ck_assert_str_eq(neg_name(NEG_NOTSUPPORTED), "NotSupported");
	ck_assert_ptr_null(neg_name(NEG_COUNT));
	ck_assert_int_eq(neg_parse("NotSupported"), NEG_NOTSUPPORTED);
	ck_assert_int_eq(neg_parse("required"), NEG_REQUIRED);
	ck_assert_int_eq(neg_parse("Not Supported"), -1);
	ck_assert_int_eq(neg_parse(""), -1);
	ck_assert_str_eq(partner_type_name(PARTNER_PUBLIC_UNVERIFIED), "PublicUnverified");
	ck_assert_int_eq(partner_type_parse("PublicVerified"), PARTNER_PUBLIC_VERIFIED);
	ck_assert_int_eq(partner_type_parse("federated"), PARTNER_FEDERATED);
	ck_assert_int_eq(partner_type_parse("Public"), -1);
	ck_assert_ptr_nonnull(strstr(partner_type_meaning(PARTNER_PUBLIC_UNVERIFIED),
				     "Recommended"));
}
END_TEST

static Suite *negotiation_suite(void)
{
	Suite *s = suite_create("negotiation");
	TCase *rows = tcase_create("rows"), *more = tcase_create("more");

	tcase_add_loop_test(rows, t_row, 0, 18);
	tcase_add_loop_test(rows, t_row_validated, 0, 18);
	tcase_add_test(more, t_edges);
	tcase_add_test(more, t_remarks);
	tcase_add_test(more, t_defaults);
	tcase_add_test(more, t_spellings);
	suite_add_tcase(s, rows);
	suite_add_tcase(s, more);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(negotiation_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
