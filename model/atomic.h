/* atomic: replacing a file so that readers see the old bytes or the new
 * ones, never a mix, and a failure leaves the old file as it was. */
#ifndef XMPPGW_ATOMIC_H
#define XMPPGW_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/* Writes buf to a temporary file in path's folder, fsyncs it, renames it
 * over path and fsyncs the folder. An existing file keeps its mode; a new
 * one gets new_mode (umask applied unless new_mode is 0600 or stricter).
 * A symbolic link is followed: the file it names is replaced, the link stays.
 * Returns 0, or -1 with *err (caller frees) naming the file and the cause. */
int atomic_write(const char *path, const void *buf, size_t len, mode_t new_mode, char **err);
/* The same for a file the program names itself (the draft): a symbolic
 * link at path is replaced, never followed, and the old file's owner and
 * mode are not kept: the file gets mode as a new one would. */
int atomic_write_nofollow(const char *path, const void *buf, size_t len, mode_t mode,
			  char **err);

#endif
