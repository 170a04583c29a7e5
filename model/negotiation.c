/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "negotiation.h"

#include <string.h>

#include "i18n.h"

#define R NEG_REQUIRED
#define O NEG_OPTIONAL
#define X NEG_NOTSUPPORTED

/* lync-facts.md section 5, row for row, in the table's order. */
static const struct neg_row rows[18] = {
	{1, R, R, true, N_("SASL over TLS"), "W1", NEG_STATUS_WARN},
	{2, R, R, false, N_("SASL over TLS"), NULL, NEG_STATUS_OK},
	{3, O, R, true, N_("SASL over TLS, TLS dialback, TCP dialback"), "W2", NEG_STATUS_WARN},
	{4, O, R, false, N_("SASL over TLS"), "W2", NEG_STATUS_WARN},
	{5, X, R, true, N_("TCP dialback"), "W2", NEG_STATUS_WARN},
	{6, X, R, false, N_("none"), "W3", NEG_STATUS_INVALID},
	{7, R, O, true, N_("SASL over TLS, TLS dialback"), NULL, NEG_STATUS_OK},
	{8, R, O, false, N_("SASL over TLS"), NULL, NEG_STATUS_OK},
	{9, O, O, true, N_("SASL over TLS, TLS dialback, TCP dialback"), "W2", NEG_STATUS_WARN},
	{10, O, O, false, N_("SASL over TLS"), "W2", NEG_STATUS_WARN},
	{11, X, O, true, N_("TCP dialback"), "W2", NEG_STATUS_WARN},
	{12, X, O, false, N_("none"), "W3", NEG_STATUS_INVALID},
	{13, R, X, true, N_("TLS dialback"), NULL, NEG_STATUS_OK},
	{14, R, X, false, N_("none"), "W4", NEG_STATUS_INVALID},
	{15, O, X, true, N_("TLS dialback, TCP dialback"), NULL, NEG_STATUS_OK},
	{16, O, X, false, N_("none"), "W4", NEG_STATUS_INVALID},
	{17, X, X, true, N_("TCP dialback"), NULL, NEG_STATUS_OK},
	{18, X, X, false, N_("none"), "W4", NEG_STATUS_INVALID},
};

static const struct {
	const char *code;
	const char *text;
} warnings[] = {
	{"W1", N_("Dialback will not operate when both SASL and TLS are required.")},
	{"W2", N_("SASL requires TLS; with TLS optional or not supported, negotiations may "
		  "fail.")},
	{"W3", N_("SASL and TLS cannot succeed without TLS, and dialback is off: nothing can "
		  "work.")},
	{"W4", N_("SASL or dialback must be enabled: with neither, no negotiation is left.")},
};

const struct neg_row *negotiation_lookup(enum neg tls, enum neg sasl, bool dialback)
{
	if ((unsigned)tls >= NEG_COUNT || (unsigned)sasl >= NEG_COUNT)
		return NULL;
	/* The table is ordered by SASL, then TLS, then dialback true/false. */
	return &rows[(size_t)sasl * 6 + (size_t)tls * 2 + (dialback ? 0 : 1)];
}

const struct neg_row *negotiation_row(int row)
{
	return row >= 1 && row <= 18 ? &rows[row - 1] : NULL;
}

const char *negotiation_warning_text(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof warnings / sizeof *warnings; i++)
		if (strcmp(warnings[i].code, code) == 0)
			return _(warnings[i].text);
	return NULL;
}

const char *negotiation_remark(const struct neg_row *r)
{
	if (r && r->tls == NEG_NOTSUPPORTED && r->sasl != NEG_NOTSUPPORTED && r->dialback)
		return _("Lync Control Panel refuses to commit SASL with TLS not supported; "
			 "use the Lync Management Shell (the exported script) for this row.");
	return NULL;
}

const char *negotiation_status_name(enum neg_status s)
{
	switch (s) {
	case NEG_STATUS_OK:
		return "OK";
	case NEG_STATUS_WARN:
		return "WARN";
	case NEG_STATUS_INVALID:
		return "INVALID";
	}
	return "?";
}
