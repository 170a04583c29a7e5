/* SPDX-License-Identifier: ISC */
/* draft: the unsaved deployment kept beside its file when the program is
 * cut off (SIGHUP/SIGTERM) or a wizard page is committed, so the next start
 * can offer it back. The draft of "dir/name.yaml" is "dir/.name.yaml.draft",
 * a deployment file of its own, always mode 0600 (it may hold what the user
 * has not decided to publish). Secrets are never part of a deployment, so
 * never part of a draft. */
#ifndef XMPPGW_DRAFT_H
#define XMPPGW_DRAFT_H

#include <stdbool.h>
#include <time.h>

#include "deployment.h"
#include "diag.h"

/* The draft's path for the deployment file path; the caller frees it. */
char *draft_path(const char *path);
/* Writes d as the draft of path (atomic, mode 0600 even over an existing
 * draft of another mode). Returns 0, or -1 with *err (caller frees). */
int draft_write(const char *path, const struct deployment *d, char **err);
/* True when path has a draft (a regular file of this user's, not a
 * link); *mtime (may be NULL) receives its time. */
bool draft_exists(const char *path, time_t *mtime);
/* Reads the draft of path like depfile_load (same return values). */
int draft_load(const char *path, struct deployment **out, struct diags *diags);
/* Removes the draft of path; a missing draft is not an error. Returns 0, or
 * -1 with *err (caller frees). */
int draft_remove(const char *path, char **err);

#endif
