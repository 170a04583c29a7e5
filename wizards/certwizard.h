/* SPDX-License-Identifier: ISC */
/* certwizard: the Edge external certificate request, page by page as
 * Lync's Certificate Wizard shows it (lync-facts.md 2), ending with a
 * private key and a PKCS#10 request written by csr_run. */
#ifndef XMPPGW_WIZARDS_CERTWIZARD_H
#define XMPPGW_WIZARDS_CERTWIZARD_H

#include <stdbool.h>

#include "applog.h"
#include "deployment.h"
#include "wizards/wizard.h"

extern const struct wizard certwizard;

/* "Run", or "Run Again" once the file records a request (translated). */
const char *certwizard_caption(const struct deployment *d);

/* --- shared by certwizard.c (pages) and certrun.c (actions) --- */

struct cwstate {
	bool need_topology;  /* decided when the wizard opens */
	char *pass, *pass2;  /* the key's passphrase, never in the model */
	char *template_saved; /* the name while the box is unchecked */
	bool reuse_key;      /* Run Again with the key in use, not a new one */
	struct applog log;
	bool log_opened;     /* the log file was opened (at the first run) */
	bool done;           /* key and request written in this run */
	char *outcome;       /* what Executing Commands reports */
	bool outcome_error;
	bool cancelled;      /* the user cancelled key generation */
	int primes;          /* key generation progress */
	long tested;
};

void certrun_begin(struct wctx *c);
void certrun_end(struct wctx *c);
/* Executing Commands: generates and writes; 0 done, -1 not. */
int certrun_run(struct wctx *c);
int certrun_press_run(struct wctx *c);
int certrun_view_log(struct wctx *c);
int certrun_view_request(struct wctx *c);
char *certrun_outcome(const struct wctx *c);
char *certrun_next_steps(const struct wctx *c);
void certrun_validate(struct wctx *c, struct diags *out);
/* The path a file of the deployment is written to (caller frees). */
char *certrun_path(const struct wctx *c, const char *file);
/* The Certificate Request File page: where the run writes, and the choice
 * of Run Again between a new key (new names) and the key in use. */
char *certrun_files_note(const struct wctx *c);
char *certrun_again_note(const struct wctx *c);
bool certrun_can_reuse(const struct wctx *c);
bool certrun_get_reuse(const struct wctx *c);
void certrun_set_reuse(struct wctx *c, bool v);

#endif
