/* SPDX-License-Identifier: ISC */
/* certtasks: "Step 3: Request, Install or Assign Certificates" after the
 * request, as Lync's Certificate Wizard lists its tasks: process the pending
 * request (the CA's answer), export the certificate to a .pfx file, assign
 * it (the Edge's script). Each task is a wizard table run by the engine;
 * creating the request is certwizard (wizards/certwizard.h). No curses. */
#ifndef XMPPGW_WIZARDS_CERTTASKS_H
#define XMPPGW_WIZARDS_CERTTASKS_H

#include <time.h>

#include "deployment.h"
#include "wizards/wizard.h"

enum certtask { CT_REQUEST, CT_IMPORT, CT_PFX, CT_ASSIGN, CT_COUNT };

/* The certificate's state, a line or two (translated; caller frees): no
 * request; request pending since DATE; issued by ISSUER, valid until DATE
 * (N days left) with its thumbprint, or expired; the Edge makes its own
 * request; with base_dir (the deployment's folder; NULL: no file is
 * read), a line for each problem of the recorded chain and key files
 * (cert_issued_check's errors); and a line when the settings changed since
 * the request was made. now: the clock (tests pass a fixed one). */
char *certtasks_state(const struct deployment *d, const char *base_dir, time_t now);
/* Why task k cannot run yet on d (translated, static), or NULL. */
const char *certtasks_blocked(enum certtask k, const struct deployment *d);

extern const struct wizard certimport_wizard; /* process the CA's answer */
extern const struct wizard certpfx_wizard;    /* export to a .pfx file */
extern const struct wizard certassign_wizard; /* the Edge's script */

#endif
