/* SPDX-License-Identifier: ISC */
/* Atomic replacement: the new bytes go to a temporary file beside the
 * target, which is flushed and then renamed over it; rename(2) within one
 * file system is what makes the switch all-or-nothing. */
#include "config.h"

#include "atomic.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

/* Where the bytes really go: a symbolic link is followed so that the link
 * stays and the file it names is replaced. */
struct target {
	char *path;   /* the file to replace */
	char *dir;    /* its folder ("." for a bare name) */
	char *base;   /* its name inside dir */
	bool exists;
	struct stat st;
};

/* The temporaries of a save are named after the file (see write_at). */
#define TEMP_SUFFIX "XXXXXX"
/* A temporary of an earlier save is stale only when it is older than this
 * process and untouched for this long: another xmppgw may be writing the
 * same output this very moment, and its temporary lives milliseconds. */
#define TEMP_STALE_SECONDS 60

static time_t process_start;

__attribute__((constructor)) static void note_start(void)
{
	process_start = time(NULL);
}

static int fail(char **err, const char *path, const char *what, int e)
{
	if (err)
		*err = xasprintf("%s: %s: %s", path, what, strerror(e));
	return -1;
}

static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

int atomic_link_refused(const char *path, char **err)
{
	struct stat lst, dst;
	char *dir;
	bool shared;

	if (lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode))
		return 0;
	if (lst.st_uid != geteuid()) {
		if (err)
			*err = xasprintf(_("%s: refusing to write through a symbolic link owned by "
					   "another user (uid %ld); remove the link or choose "
					   "another name"), path, (long)lst.st_uid);
		return -1;
	}
	dir = folder_of(path);
	shared = stat(dir, &dst) == 0 && (dst.st_mode & S_ISVTX) && (dst.st_mode & S_IWOTH);
	free(dir);
	if (shared) {
		if (err)
			*err = xasprintf(_("%s: refusing to write through a symbolic link in a "
					   "sticky world-writable folder; write to the file itself "
					   "or choose another name"), path);
		return -1;
	}
	return 0;
}

static void target_free(struct target *t)
{
	free(t->path);
	free(t->dir);
	free(t->base);
}

static void split_path(struct target *t)
{
	const char *slash = strrchr(t->path, '/');

	t->dir = folder_of(t->path);
	t->base = xstrdup(slash ? slash + 1 : t->path);
}

static int resolve(const char *path, bool follow, struct target *t, char **err)
{
	struct stat lst;
	bool link;

	memset(t, 0, sizeof *t);
	if (!*path || path[strlen(path) - 1] == '/')
		return fail(err, path, _("cannot save"), EISDIR);
	if (atomic_link_refused(path, err) < 0)
		return -1;
	link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
	if (link && follow) {
		t->path = realpath(path, NULL);
		if (!t->path)
			return fail(err, path, _("cannot follow the symbolic link"), errno);
	} else {
		t->path = xstrdup(path);
	}
	split_path(t);
	if (link && !follow)
		return 0;
	if (stat(t->path, &t->st) == 0) {
		t->exists = true;
		if (!S_ISREG(t->st.st_mode))
			return fail(err, path, _("cannot save"),
				    S_ISDIR(t->st.st_mode) ? EISDIR : EINVAL);
	} else if (errno != ENOENT) {
		return fail(err, path, _("cannot save"), errno);
	}
	return 0;
}

static mode_t final_mode(const struct target *t, mode_t new_mode)
{
	mode_t mask;

	if (t->exists)
		return t->st.st_mode & 07777;
	if ((new_mode & 077) == 0)
		return new_mode & 07777;
	mask = umask(0);
	umask(mask);
	return new_mode & ~mask & 07777;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes, flushes and sets the owner and mode of the open temporary file;
 * returns 0 or an errno value. */
static int fill_temp(int fd, const struct target *t, const void *buf, size_t len,
		     mode_t mode)
{
	if (write_all(fd, buf, len) < 0 || fsync(fd) < 0)
		return errno;
	/* Best effort: only root may give the file back to another owner, and
	 * a file that changes hands is still better saved than not. */
	if (t->exists && (t->st.st_uid != geteuid() || t->st.st_gid != getegid()) &&
	    fchown(fd, t->st.st_uid, t->st.st_gid) < 0) {
		/* the new file keeps the saving user as owner */
	}
	if (fchmod(fd, mode) < 0)
		return errno;
	return 0;
}

/* After the rename the new bytes are in place; a folder that cannot be
 * flushed (some file systems refuse fsync on folders) is not a failure. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = 0;

	if (fd < 0)
		return errno;
	if (fsync(fd) < 0 && errno != EINVAL && errno != ENOTSUP)
		e = errno;
	close(fd);
	return e;
}

void atomic_sync_parent(const char *path)
{
	char *dir = folder_of(path);

	(void)sync_dir(dir);
	free(dir);
}

/* name is "." + base (cut at 64 bytes) + "." + six letters or digits:
 * what mkostemp made of the pattern in write_at. */
static bool is_our_temp(const char *name, const char *base)
{
	size_t bl = strnlen(base, 64), sl = strlen(TEMP_SUFFIX);

	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 || name[1 + bl] != '.' ||
	    strlen(name) != 2 + bl + sl)
		return false;
	for (const char *p = name + 2 + bl; *p; p++)
		if (!isalnum((unsigned char)*p))
			return false;
	return true;
}

/* Removes what a killed save of the same file left behind: regular files
 * of this user, named as our temporaries, older than this process. Best
 * effort: a folder that cannot be listed only keeps its leftovers. */
static void remove_stale_temps(const struct target *t)
{
	DIR *d = opendir(t->dir);
	struct dirent *e;
	struct stat st;
	time_t now = time(NULL);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!is_our_temp(e->d_name, t->base) ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    st.st_mtime < process_start && st.st_mtime + TEMP_STALE_SECONDS < now)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

static int write_at(const char *path, bool follow, const void *buf, size_t len,
		    mode_t new_mode, char **err)
{
	struct target t;
	char *tmp = NULL;
	int fd = -1, e, rc = -1;

	if (resolve(path, follow, &t, err) < 0)
		goto out;
	/* Not following: nothing of the old file (owner, mode) is kept. */
	if (!follow)
		t.exists = false;
	remove_stale_temps(&t);
	tmp = xasprintf("%s/.%.64s." TEMP_SUFFIX, t.dir, t.base);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		fail(err, path, _("cannot create a temporary file in its folder"), errno);
		goto out;
	}
	e = fill_temp(fd, &t, buf, len, final_mode(&t, new_mode));
	if (close(fd) < 0 && e == 0)
		e = errno;
	fd = -1;
	if (e == 0 && rename(tmp, t.path) < 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		fail(err, path, _("cannot write"), e);
		goto out;
	}
	e = sync_dir(t.dir);
	if (e != 0) {
		fail(err, path, _("saved, but flushing its folder failed"), e);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(tmp);
	target_free(&t);
	return rc;
}

int atomic_write(const char *path, const void *buf, size_t len, mode_t new_mode, char **err)
{
	return write_at(path, true, buf, len, new_mode, err);
}

int atomic_write_nofollow(const char *path, const void *buf, size_t len, mode_t mode,
			  char **err)
{
	return write_at(path, false, buf, len, mode, err);
}
