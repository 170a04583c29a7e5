/* SPDX-License-Identifier: ISC */
/* nodump: no core dump (and no ptrace by other users) while a passphrase
 * or an unencrypted private key is in memory. Calls nest; the process's
 * earlier setting comes back when the outermost nodump_leave runs. */
#ifndef XMPPGW_NODUMP_H
#define XMPPGW_NODUMP_H

void nodump_enter(void);
void nodump_leave(void);

#endif
