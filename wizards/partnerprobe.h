/* SPDX-License-Identifier: ISC */
/* partnerprobe: the Probe button of the partner form and the probe column
 * of the Partners screen, without curses. The last probe of each partner
 * (by primary domain: the rows that worked with all its domains) and the
 * probe's DNS server and CA file as typed are kept in memory for the
 * session, in this module; nothing goes into the deployment file. A
 * partner's verdict is its current row against the rows that worked, so
 * changing its settings after a probe changes the verdict. */
#ifndef XMPPGW_PARTNERPROBE_H
#define XMPPGW_PARTNERPROBE_H

#include "deployment.h"
#include "wizards/wizard.h"

enum pprobe_state { PPROBE_NONE, PPROBE_WORKS, PPROBE_FAILS };

/* The verdict for partner p from its last probe. */
enum pprobe_state pprobe_state_of(const struct partner *p);
/* "works", "fails", "not probed": the Partners screen's cell (translated). */
const char *pprobe_label(enum pprobe_state s);
/* rows: bit n - 1 set when row n worked with every domain of the partner. */
void pprobe_remember(const char *domain, unsigned rows);
/* Forgets every verdict and setting (frees the session's memory). */
void pprobe_forget_all(void);

/* The probe's settings for the session ("" when not set); borrowed. */
const char *pprobe_server(void);
void pprobe_set_server(const char *s);
const char *pprobe_ca_file(void);
void pprobe_set_ca_file(const char *s);

/* Probes the domains of partner p of c->d (index pi) with a progress box
 * that Esc cancels, shows the verdict, and when p's settings do not work
 * with every domain and a row does, offers to apply that row to p.
 * Returns 0, or -1 after telling the user. */
int pprobe_run(struct wctx *c, size_t pi);

#endif
