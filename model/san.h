/* SPDX-License-Identifier: ISC */
/* san: the subject and alternative names of the Edge external certificate,
 * derived from the topology and the certificate settings, and the domains
 * that get an _xmpp-server._tcp SRV record: one list for the DNS screen,
 * the zone export, the DNS check and the certificate, so they agree. */
#ifndef XMPPGW_SAN_H
#define XMPPGW_SAN_H

#include <stdbool.h>
#include <stddef.h>

#include "deployment.h"
#include "strlist.h"

/* Fills out (cleared first) with the CN (Access Edge FQDN) first, then the
 * Web Conferencing Edge FQDN, sip.<domain> for each chosen SIP domain, every
 * SRV domain (san_srv_domains: a partner checks the certificate against the
 * domain it dialled), and the additional SANs: lower-cased, empty values
 * skipped, duplicates dropped (first one kept). */
void san_derive(const struct deployment *d, struct strlist *out);

/* Whether the SRV domains are the XMPP domains (the XMPP proxy is installed
 * and topology.xmpp_domains holds a name) rather than every SIP domain. */
bool san_srv_from_xmpp(const struct deployment *d);

/* Fills out (cleared first) with the domains that get an
 * _xmpp-server._tcp.<domain> SRV record (lync-facts.md section 6): the XMPP
 * domains when san_srv_from_xmpp, else every SIP domain. As written, less
 * one trailing dot; empty values skipped; duplicates, compared without
 * case, dropped (first one kept). Names that are not DNS names stay in:
 * each caller says what it leaves out. */
void san_srv_domains(const struct deployment *d, struct strlist *out);

/* How many domains san_srv_domains gives (0: nothing to publish). */
size_t san_srv_domain_count(const struct deployment *d);

/* The internal names (.local, .corp, a single label: validate_dns_name's
 * warnings) among the certificate's names, the SRV domains and the SRV
 * target, as one sentence saying why they fail (caller frees), or NULL
 * when there is none. */
char *san_internal_note(const struct deployment *d);

#endif
