/* SPDX-License-Identifier: ISC */
/* applog: the log of what each action did, with times. Lines are kept in
 * memory for "View Log" and appended to a file when one is open. Callers
 * never pass secrets; nothing here could tell them apart. */
#ifndef XMPPGW_APPLOG_H
#define XMPPGW_APPLOG_H

#include "strlist.h"

struct applog {
	struct strlist lines; /* "2026-11-24T10:00:00Z text" */
	int fd;               /* -1: memory only */
};

/* Initialises log (appending to path, mode 0600, never through a symbolic
 * link); path NULL: memory only. Returns 0, or -1 with *err; the log stays usable
 * in memory either way. */
int applog_open(struct applog *log, const char *path, char **err);
void applog_add(struct applog *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void applog_close(struct applog *log);

#endif
