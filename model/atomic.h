/* SPDX-License-Identifier: ISC */
/* atomic: replacing a file so that readers see the old bytes or the new
 * ones, never a mix, and a failure leaves the old file as it was. */
#ifndef XMPPGW_ATOMIC_H
#define XMPPGW_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/* Writes buf to a temporary file in path's folder, fsyncs it, renames it
 * over path and fsyncs the folder. An existing file keeps its mode; a new
 * one gets new_mode (umask applied unless new_mode is 0600 or stricter).
 * A symbolic link is followed (the file it names is replaced, the link
 * stays) unless atomic_link_refused refuses it. Stale temporaries of an
 * earlier, killed save of path (ours by name and owner) are removed.
 * Returns 0, or -1 with *err (caller frees) naming the file and the cause. */
int atomic_write(const char *path, const void *buf, size_t len, mode_t new_mode, char **err);
/* The same for a file the program names itself (the draft): a symbolic
 * link at path is replaced, never followed, and the old file's owner and
 * mode are not kept: the file gets mode as a new one would. A link that
 * atomic_link_refused refuses is refused here too. */
int atomic_write_nofollow(const char *path, const void *buf, size_t len, mode_t mode,
			  char **err);
/* The one rule for every file the program writes (as the kernel's
 * fs.protected_symlinks): a symbolic link at path owned by another user
 * than the effective one, or any link in a sticky world-writable folder,
 * is not to be followed. Returns 0 when path is not such a link (or does
 * not exist), or -1 with *err (caller frees) naming path. */
int atomic_link_refused(const char *path, char **err);

/* Flushes the folder holding path, so that a name just created or renamed
 * there survives a crash. Best effort: a folder that cannot be opened or
 * flushed is left as it is. */
void atomic_sync_parent(const char *path);

#endif
