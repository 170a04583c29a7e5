/* SPDX-License-Identifier: ISC */
/* Reading the deployment file from disk: whole, within a size limit, with
 * the reason when it cannot be read; the parsing is depfile.c's. */
#include "config.h"

#include "depfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsafe.h"
#include "i18n.h"
#include "xalloc.h"

/* Far above any real deployment (10,000 partners take 2 MiB), low enough
 * that a wrong file name (a disk image, a log) is refused at once. */
#define DEPFILE_MAX_SIZE (64u << 20)

static int unreadable(struct diags *diags, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int unreadable(struct diags *diags, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_add_owned(diags, DIAG_ERROR, 0, 0, "", xvasprintf(fmt, ap));
	va_end(ap);
	return DEPFILE_UNREADABLE;
}

int depfile_load(const char *path, struct deployment **out, struct diags *diags)
{
	int fd, e, rc;
	char *err = NULL;

	*out = NULL;
	fd = fsafe_open_input(path, &err);
	if (fd < 0) {
		rc = errno == EISDIR || errno == EINVAL ? unreadable(diags, _("cannot read: %s"), err)
							: unreadable(diags, _("cannot open: %s"), err);
		free(err);
		return rc;
	}
	e = depfile_load_fd(fd, path, out, diags);
	close(fd);
	return e;
}

int depfile_load_fd(int fd, const char *name, struct deployment **out, struct diags *diags)
{
	char *buf;
	size_t len;
	int e, rc;

	*out = NULL;
	e = fsafe_read_all(fd, DEPFILE_MAX_SIZE, &buf, &len);
	if (e == EFBIG)
		return unreadable(diags, _("is larger than %u MiB; a deployment file is far "
					   "smaller"), DEPFILE_MAX_SIZE >> 20);
	if (e)
		return unreadable(diags, _("cannot read: %s"), strerror(e));
	rc = depfile_load_buffer(name, buf, len, out, diags);
	free(buf);
	return rc;
}
