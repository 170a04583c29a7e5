/* san: the subject and alternative names of the Edge external certificate,
 * derived from the topology and the certificate settings. */
#ifndef XMPPGW_SAN_H
#define XMPPGW_SAN_H

#include "deployment.h"
#include "strlist.h"

/* Fills out (cleared first) with the CN (Access Edge FQDN) first, then the
 * Web Conferencing Edge FQDN, sip.<domain> for each chosen SIP domain, the
 * XMPP domains when the XMPP proxy is installed, and the additional SANs:
 * lower-cased, empty values skipped, duplicates dropped (first one kept). */
void san_derive(const struct deployment *d, struct strlist *out);

#endif
