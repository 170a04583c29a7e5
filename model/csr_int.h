/* SPDX-License-Identifier: ISC */
/* csr_int: what the files of the csr module share and nobody else uses. */
#ifndef XMPPGW_CSR_INT_H
#define XMPPGW_CSR_INT_H

/* what, followed by OpenSSL's reason when it gave one; clears OpenSSL's
 * error queue. The caller frees the result. */
char *csr_ossl_error(const char *what);

#endif
