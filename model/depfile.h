/* SPDX-License-Identifier: ISC */
/* depfile: the deployment YAML file (version 1), read and written with
 * libyaml. Documented for users in share/man/xmppgw.yaml.5. */
#ifndef XMPPGW_DEPFILE_H
#define XMPPGW_DEPFILE_H

#include <stddef.h>

#include "deployment.h"
#include "diag.h"

enum { DEPFILE_OK = 0, DEPFILE_PROBLEMS = 1, DEPFILE_UNREADABLE = 2 };

/* Reads path. Every problem goes to diags with its line, column and field
 * (syntax, unknown key, wrong type, unknown enumeration value, invalid value,
 * a partner domain used twice), warnings too. *out receives the deployment
 * when the file's structure could be read in full, even if some values are
 * invalid (so a screen can show and fix them); NULL otherwise. Returns
 * DEPFILE_OK (no error; warnings allowed), DEPFILE_PROBLEMS (errors), or
 * DEPFILE_UNREADABLE (the file could not be opened or read; the reason is
 * the only diagnostic, at line 0). */
int depfile_load(const char *path, struct deployment **out, struct diags *diags);
/* The same from an open descriptor (standard input), read whole within
 * the same size limit; name is used in messages only. fd stays open. */
int depfile_load_fd(int fd, const char *name, struct deployment **out, struct diags *diags);
/* The same from memory; name is used in messages only. */
int depfile_load_buffer(const char *name, const char *buf, size_t len,
			struct deployment **out, struct diags *diags);
/* The file's bytes for d: the same content always gives the same bytes.
 * The caller frees the result; *len receives its length. NULL only when
 * libyaml cannot allocate its emitter. */
char *depfile_emit(const struct deployment *d, size_t *len);
/* depfile_emit + atomic_write (a new file gets mode 0644 less the umask).
 * Returns 0, or -1 with *err (caller frees). */
int depfile_save(const char *path, const struct deployment *d, char **err);

#endif
