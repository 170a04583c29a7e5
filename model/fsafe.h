/* SPDX-License-Identifier: ISC */
/* fsafe: opening what the program reads without being stalled or fooled
 * by what sits at the name, and the lock that serialises the writers of
 * one deployment file. */
#ifndef XMPPGW_FSAFE_H
#define XMPPGW_FSAFE_H

#include <stdbool.h>
#include <stddef.h>

/* Opens path for reading without blocking on a FIFO or a device, and only
 * if it is a regular file; the descriptor is then switched back to
 * blocking reads. A pipe is taken only when the path names a descriptor
 * (/dev/stdin, /dev/fd/N). Returns the descriptor (caller closes), or -1
 * with *why (caller frees): the reason, without the path, for the caller
 * to put after it; errno is then open(2)'s error, EISDIR for a folder or
 * EINVAL for any other file that is not regular. */
int fsafe_open_input(const char *path, char **why);

/* Reads what remains of fd (a file, or standard input) into *buf (caller
 * frees) and *len, at most max bytes. Returns 0 or an errno value, EFBIG
 * past max. */
int fsafe_read_all(int fd, size_t max, char **buf, size_t *len);

/* The lock file of the deployment file path: "dir/.NAME.lock", mode 0600,
 * never opened through a link. Caller frees. */
char *fsafe_lock_path(const char *path);
/* Takes the write lock of path's deployment, waiting up to wait_ms for
 * another writer to finish. Returns the lock's descriptor (release with
 * fsafe_unlock), or -1 with *err (caller frees) naming the lock file and
 * why, saying so when another program held it the whole time. */
int fsafe_lock(const char *path, int wait_ms, char **err);
/* Releases the lock of fsafe_lock or fsafe_session_open; -1 is ignored. */
void fsafe_unlock(int fd);

/* Marks a full-screen session on path for as long as the returned
 * descriptor stays open (release with fsafe_unlock). *other is set when
 * another session already had the file open. Returns -1 with *err (caller
 * frees) when the lock file cannot be used; the session then goes on
 * unmarked. */
int fsafe_session_open(const char *path, bool *other, char **err);

#endif
