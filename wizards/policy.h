/* SPDX-License-Identifier: ISC */
/* policy: the "Access policy and federation" form (no curses): which
 * external access policy the Front End's script changes (global, a site's,
 * or a user policy), its two check boxes as Microsoft's procedure ticks
 * them, and federation on the Access Edge. */
#ifndef XMPPGW_WIZARDS_POLICY_H
#define XMPPGW_WIZARDS_POLICY_H

#include "wizards/wizard.h"

/* The scope of an identity: 0 global, 1 "site:NAME", 2 a user policy. */
enum wpolicy_scope { WPOL_GLOBAL, WPOL_SITE, WPOL_USER };
enum wpolicy_scope wpolicy_scope(const char *identity);
/* The identity for scope and name: "global", "site:NAME" or NAME; the
 * caller frees it. */
char *wpolicy_identity(enum wpolicy_scope scope, const char *name);

/* The form's state (begin allocates it): the name typed last, kept while
 * the scope is switched to global and back. */
struct wpolicy_state {
	char *name;
};

extern const struct wizard wpolicy_form;

#endif
