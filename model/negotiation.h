/* SPDX-License-Identifier: ISC */
/* negotiation: the 18-row table of lync-facts.md 5: for a TLS / SASL /
 * dialback choice, the negotiation that results and whether the partner
 * can be committed. Rows are static; nothing is allocated. */
#ifndef XMPPGW_NEGOTIATION_H
#define XMPPGW_NEGOTIATION_H

#include <stdbool.h>

#include "deployment.h"

enum neg_status { NEG_STATUS_OK, NEG_STATUS_WARN, NEG_STATUS_INVALID };

struct neg_row {
	int row; /* 1..18, as numbered in the table */
	enum neg tls;
	enum neg sasl;
	bool dialback;
	const char *method;  /* "SASL over TLS, TLS dialback", or "none" */
	const char *warning; /* "W1".."W4", or NULL */
	enum neg_status status;
};

/* Never NULL for values in range. */
const struct neg_row *negotiation_lookup(enum neg tls, enum neg sasl, bool dialback);
/* The row numbered 1..18, or NULL. */
const struct neg_row *negotiation_row(int row);
/* The full sentence for a warning code, or NULL. */
const char *negotiation_warning_text(const char *code);
/* The extra remark for rows Lync's Control Panel refuses although they work
 * (SASL Required/Optional with TLS NotSupported), or NULL. */
const char *negotiation_remark(const struct neg_row *r);
const char *negotiation_status_name(enum neg_status s);

#endif
