/* SPDX-License-Identifier: ISC */
/* screens: the home screen's entries, one per screen module (tui/NAME.c).
 * tui/home.c lists them in order in its home_entries table. */
#ifndef XMPPGW_TUI_SCREENS_H
#define XMPPGW_TUI_SCREENS_H

#include "tui/engine.h"

/* tui/topology.c: the Edge topology page as a form. */
extern const struct tui_entry tui_entry_topology;
/* tui/certwizard.c: "Step 3: Request, Install or Assign Certificates". */
extern const struct tui_entry tui_entry_certwizard;
/* tui/partners.c: the XMPP federated partners list and form. */
extern const struct tui_entry tui_entry_partners;
/* tui/policy.c: the access policy and Access Edge federation form. */
extern const struct tui_entry tui_entry_policy;
/* tui/dns.c: the DNS records, zone lines and live check. */
extern const struct tui_entry tui_entry_dns;
/* tui/exports.c: the script, INF and zone lines written and shown. */
extern const struct tui_entry tui_entry_exports;

#endif
