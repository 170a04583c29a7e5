/* SPDX-License-Identifier: ISC */
/* certtasks_int: what the task wizards (taskimport.c, taskpfx.c,
 * certtasks.c) share: their state and its life. Private to them. */
#ifndef XMPPGW_WIZARDS_CERTTASKS_INT_H
#define XMPPGW_WIZARDS_CERTTASKS_INT_H

#include <stdbool.h>

#include "applog.h"
#include "strlist.h"
#include "wizards/certtasks.h"

struct ctstate {
	struct strlist files;  /* import: the CA's files, as typed */
	struct strlist found;  /* import: certificate files in the folder */
	char *key_path;        /* the key the task reads (resolved) */
	int key_encrypted;     /* 1 yes, 0 no, -1 unreadable */
	char *keypass;         /* its passphrase; never in the model */
	char *pfx_name;        /* pfx: the file to write, as typed */
	char *pfxpass, *pfxpass2;
	char *script_name;     /* assign: the Edge's script, as typed */
	char *outcome;         /* what Executing Commands reports */
	bool done;             /* the task's work was done in this run */
	struct applog log;
	bool log_opened;
};

static inline struct ctstate *ctstate_of(const struct wctx *c)
{
	return c->state;
}

/* Allocates c->state; key_file (relative to c->base_dir, may be NULL) is
 * the key whose encryption decides whether a passphrase is asked. */
void ctstate_begin(struct wctx *c, const char *key_file);
/* Frees c->state, wiping every secret. */
void ctstate_end(struct wctx *c);
/* Opens the log beside the deployment file at the first use. */
void ctstate_log_open(struct wctx *c);
/* Replaces the outcome text (takes text). */
void ctstate_outcome(struct ctstate *s, char *text);
/* file as a path: absolute as it is, else in c->base_dir (caller frees). */
char *ctstate_path(const struct wctx *c, const char *file);
/* The key passphrase field's visible(): the key is encrypted. */
bool ctstate_key_encrypted(const struct wctx *c);
/* The outcome, or "working" while there is none (caller frees). */
char *ctstate_outcome_text(const struct wctx *c);
/* An Executing Commands page's check: an error until the work is done. */
void ctstate_validate_done(struct wctx *c, struct diags *out);
/* Saves the file after the work, logging a failure (shown by commit). */
void ctstate_commit(struct wctx *c);
int ctstate_view_log(struct wctx *c);

/* The fields of a task's Executing Commands page: its outcome, View Log.
 * The table is indexed by this enumeration, whose last member counts it. */
enum ctstate_exec_field { CTSTATE_STATUS, CTSTATE_LOG, CTSTATE_NEXEC };
extern const struct wfield ctstate_exec_fields[CTSTATE_NEXEC];

#endif
