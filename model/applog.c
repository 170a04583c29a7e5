/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "applog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

int applog_open(struct applog *log, const char *path, char **err)
{
	struct stat st;
	int fd;

	memset(&log->lines, 0, sizeof log->lines);
	log->fd = -1;
	if (!path)
		return 0;
	/* The log names the files written; keep it as private as the key
	 * beside it, and never follow a link planted at its name. */
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
			O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf(_("cannot open the log %s: %s"), path,
				 errno == ELOOP ? _("it is a symbolic link, which is never followed")
						: strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("cannot use the log %s: not a regular file"), path);
		close(fd);
		return -1;
	}
	if ((st.st_mode & 07777) != 0600 && fchmod(fd, 0600) != 0) {
		*err = xasprintf(_("cannot make the log %s private: %s"), path, strerror(errno));
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_APPEND);
	log->fd = fd;
	return 0;
}

/* A short write or an error stops file logging; the lines stay in memory
 * for View Log, which is all a caller could offer anyway. */
static void append(struct applog *log, const char *line)
{
	size_t len = strlen(line), done = 0;

	while (done < len) {
		ssize_t n = write(log->fd, line + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(log->fd);
			log->fd = -1;
			return;
		}
		done += (size_t)n;
	}
}

void applog_add(struct applog *log, const char *fmt, ...)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;
	char *text, *line;

	if (!gmtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(stamp, "-");
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	line = xasprintf("%s %s", stamp, text);
	free(text);
	if (log->fd >= 0) {
		char *nl = xasprintf("%s\n", line);

		append(log, nl);
		free(nl);
	}
	strlist_push_owned(&log->lines, line);
}

void applog_close(struct applog *log)
{
	if (log->fd >= 0)
		close(log->fd);
	log->fd = -1;
	strlist_free(&log->lines);
}
