/* SPDX-License-Identifier: ISC */
/* partners: the XMPP federated partner form (lync-facts.md 5) as a one-page
 * form wizard, and the list screen's title and help. No curses. */
#ifndef XMPPGW_PARTNERS_H
#define XMPPGW_PARTNERS_H

#include <stdbool.h>

#include "deployment.h"
#include "diag.h"
#include "wizards/wizard.h"

/* What tui_run_wizard's arg must point to for partner_form. */
struct partner_form_arg {
	long index;  /* in: the partner to edit, or -1 for a new one */
	long result; /* out: the partner's index after OK, else -1 */
};

/* The form. It edits the partner in the working copy (a new partner is
 * appended to it when the form opens); OK, refused while the partner has
 * an error, leaves it there for the engine to make the deployment. Nothing
 * is saved. */
extern const struct wizard partner_form;
/* The list screen (drawn by tui/partners.c): its title and help. */
extern const struct wpage partner_list_page;

/* The diagnostic path prefix of the form's fields ("partner.domain"). */
#define PARTNER_FORM_PREFIX "partner"

/* The checks OK runs: p's fields, its negotiation row, and each of its
 * domains against every partner of d except index self (-1: none). */
void partner_form_validate(const struct deployment *d, const struct partner *p, long self,
			   struct diags *out);
/* The live text under the negotiation settings: the negotiation that
 * results, the warning (and remark) of a WARN row, or why an INVALID row
 * cannot work. Never NULL; the caller frees it. */
char *partner_form_verdict(enum neg tls, enum neg sasl, bool dialback);

#endif
