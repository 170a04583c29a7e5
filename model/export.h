/* export: what the deployment becomes outside this program. Each returns a
 * new string the caller frees; none can fail (what is missing becomes a
 * comment). The script and the INF are Windows files: CRLF line ends, and
 * the script starts with a UTF-8 byte order mark; the zone lines end in LF. */
#ifndef XMPPGW_EXPORT_H
#define XMPPGW_EXPORT_H

#include "deployment.h"

/* A Lync Management Shell script: an idempotent block per partner
 * (Set-CsXmppAllowedPartner when it exists, else New-...), the access
 * policy, Request-CsCertificate when the file has a request, and the Edge
 * service restart, commented. Every value is quoted inert for PowerShell. */
char *export_ps1(const struct deployment *d);
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
