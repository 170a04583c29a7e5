/* SPDX-License-Identifier: ISC */
/* export: what the deployment becomes outside this program. Each returns a
 * new string the caller frees; none can fail (what is missing becomes a
 * comment). The script and the INF are Windows files: CRLF line ends, and
 * the script starts with a UTF-8 byte order mark; the zone lines end in LF. */
#ifndef XMPPGW_EXPORT_H
#define XMPPGW_EXPORT_H

#include "deployment.h"

/* The Front End's script (Lync Server Management Shell, on a Front End
 * Server or an admin host): everything that writes the Central Management
 * Store. It makes the server's XMPP federated partners those of the
 * deployment (New for a missing one, Set for what differs; -Prune removes
 * those the deployment does not list, which are otherwise only listed), sets
 * the external access policy, allows federated users on the Access Edge when
 * the deployment asks, and carries the Topology Builder step as comments
 * until it is ticked. -WhatIf shows every change and makes none. No
 * certificate cmdlet and no service restart: those are the Edge's. Every
 * value is quoted inert (pstext.h). */
char *export_frontend_ps1(const struct deployment *d);
/* The Edge Server's script, for the elevated Lync Server Management Shell
 * on each Edge of the pool: the PFX's absolute path a parameter, its
 * password read with Read-Host, Import-CsCertificate, Set-CsCertificate of
 * the three Edge external types to certificate.issued.thumbprint (or the A/V
 * -Roll -EffectiveDate form with -Renewal), Get-CsCertificate to check, then
 * Stop- and Start-CsWindowsService. With request_on_edge, Request-CsCertificate
 * instead; without either an issued certificate or request_on_edge, only a
 * comment saying so. Nothing that writes the Central Management Store. */
char *export_edge_ps1(const struct deployment *d);
/* A certreq INF building the same request on Windows. */
char *export_inf(const struct deployment *d);
/* BIND zone-file lines for the SRV records (and a reminder of the A/AAAA
 * record the target needs). */
char *export_zone(const struct deployment *d);

#endif
