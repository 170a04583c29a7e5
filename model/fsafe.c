/* SPDX-License-Identifier: ISC */
/* Inputs opened with O_NONBLOCK so that a FIFO with no writer or a tape
 * does not hang open(2); the lock is an open-file-description lock
 * (F_OFD_SETLK) so that two descriptors of one process exclude each other
 * as two processes do, and the kernel drops it when the process dies. */
#include "config.h"

#include "fsafe.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "i18n.h"
#include "xalloc.h"

/* The lock file's bytes: 0 is the writers' lock, 1 the sessions' mark. */
enum { FSAFE_BYTE_WRITE = 0, FSAFE_BYTE_SESSION = 1 };
#define LOCK_POLL_MS 20

static const char *kind_of(mode_t m)
{
	if (S_ISFIFO(m))
		return _("a named pipe (FIFO)");
	if (S_ISCHR(m) || S_ISBLK(m))
		return _("a device");
	if (S_ISSOCK(m))
		return _("a socket");
	return _("a special file");
}

/* A descriptor the user named on purpose ("xmppgw check /dev/stdin" fed by
 * a pipe): what is read is already connected, nothing planted at a name. */
static bool names_descriptor(const char *path)
{
	return strcmp(path, "/dev/stdin") == 0 || strncmp(path, "/dev/fd/", 8) == 0 ||
	       strncmp(path, "/proc/self/fd/", 14) == 0;
}

int fsafe_open_input(const char *path, char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	int fl;

	if (fd < 0) {
		*why = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		*why = xstrdup(strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) && !(S_ISFIFO(st.st_mode) && names_descriptor(path))) {
		if (S_ISDIR(st.st_mode))
			*why = xstrdup(strerror(EISDIR));
		else
			*why = xasprintf(_("it is %s, not a regular file"), kind_of(st.st_mode));
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

int fsafe_read_all(int fd, size_t max, char **buf, size_t *len)
{
	struct stat st;
	size_t cap = 65536, n = 0;
	char *b;
	int e = 0;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > max)
			return EFBIG;
		cap = (size_t)st.st_size + 1;
	}
	b = xmalloc(cap);
	while (e == 0) {
		ssize_t r;

		if (n == cap)
			b = xrealloc(b, cap *= 2);
		r = read(fd, b + n, cap - n);
		if (r == 0)
			break;
		if (r < 0)
			e = errno == EINTR ? 0 : errno;
		else if ((n += (size_t)r) > max)
			e = EFBIG;
	}
	if (e) {
		free(b);
		return e;
	}
	*buf = b;
	*len = n;
	return 0;
}

char *fsafe_lock_path(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xasprintf(".%s.lock", path);
	return xasprintf("%.*s/.%s.lock", (int)(slash - path), path, slash + 1);
}

/* Root working on a user's file leaves the lock file to that user, or the
 * user could never lock again. Best effort, as the atomic writer's chown. */
static void give_to_owner(int fd, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && st.st_uid != 0 && fchown(fd, st.st_uid, st.st_gid) != 0) {
		/* the lock stays root's; the user is told when it matters */
	}
}

/* The lock file, created 0600 if missing; a link, a FIFO or a folder at
 * its name is refused. */
static int lock_file_open(const char *path, char **err)
{
	char *lp = fsafe_lock_path(path);
	int fd = open(lp, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600);
	struct stat st;

	if (fd < 0) {
		*err = xasprintf(_("%s: cannot open its lock file %s: %s"), path, lp,
				 errno == ELOOP ? _("it is a symbolic link") : strerror(errno));
	} else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("%s: its lock file %s is not a regular file"), path, lp);
		close(fd);
		fd = -1;
	} else if (st.st_uid == 0 && geteuid() == 0) {
		give_to_owner(fd, path);
	}
	free(lp);
	return fd;
}

static int lock_byte(int fd, int cmd, short type, int byte)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = byte;
	fl.l_len = 1;
	return fcntl(fd, cmd, &fl);
}

static char *lock_refusal(const char *path, int e, int wait_ms)
{
	char *lp = fsafe_lock_path(path), *msg;

	if (e == EAGAIN || e == EACCES)
		msg = xasprintf(ngettext("%s: another program is writing this deployment file "
					 "(it holds %s) and did not finish within %d second; "
					 "nothing was changed, try again when it is done",
					 "%s: another program is writing this deployment file "
					 "(it holds %s) and did not finish within %d seconds; "
					 "nothing was changed, try again when it is done",
					 (unsigned long)(wait_ms / 1000)),
				path, lp, wait_ms / 1000);
	else
		msg = xasprintf(_("%s: cannot lock: %s"), lp, strerror(e));
	free(lp);
	return msg;
}

int fsafe_lock(const char *path, int wait_ms, char **err)
{
	const struct timespec pause = {0, LOCK_POLL_MS * 1000000L};
	int fd = lock_file_open(path, err), waited = 0;

	if (fd < 0)
		return -1;
	while (lock_byte(fd, F_OFD_SETLK, F_WRLCK, FSAFE_BYTE_WRITE) != 0) {
		int e = errno;

		if ((e != EAGAIN && e != EACCES) || waited >= wait_ms) {
			*err = lock_refusal(path, e, wait_ms);
			close(fd);
			return -1;
		}
		nanosleep(&pause, NULL);
		waited += LOCK_POLL_MS;
	}
	return fd;
}

void fsafe_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

int fsafe_session_open(const char *path, bool *other, char **err)
{
	int fd = lock_file_open(path, err);
	struct flock fl;

	*other = false;
	if (fd < 0)
		return -1;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = FSAFE_BYTE_SESSION;
	fl.l_len = 1;
	if (fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		*other = true;
	if (lock_byte(fd, F_OFD_SETLK, F_RDLCK, FSAFE_BYTE_SESSION) != 0) {
		*err = xasprintf(_("%s: cannot mark the session: %s"), path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}
