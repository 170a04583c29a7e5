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

/* Reads the whole file (at most DEPFILE_MAX_SIZE bytes) into *buf; returns
 * 0 or an errno value, EFBIG for a file over the limit. */
static int slurp(int fd, char **buf, size_t *len)
{
	struct stat st;
	size_t cap = 65536, n = 0;
	char *b;
	int e = 0;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > DEPFILE_MAX_SIZE)
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
		else if ((n += (size_t)r) > DEPFILE_MAX_SIZE)
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

int depfile_load(const char *path, struct deployment **out, struct diags *diags)
{
	int fd, e, rc;
	char *buf, *err = NULL;
	size_t len;

	*out = NULL;
	fd = fsafe_open_input(path, &err);
	if (fd < 0) {
		rc = errno == EISDIR || errno == EINVAL ? unreadable(diags, _("cannot read: %s"), err)
							: unreadable(diags, _("cannot open: %s"), err);
		free(err);
		return rc;
	}
	e = slurp(fd, &buf, &len);
	close(fd);
	if (e == EFBIG)
		return unreadable(diags, _("is larger than %u MiB; a deployment file is far "
					   "smaller"), DEPFILE_MAX_SIZE >> 20);
	if (e)
		return unreadable(diags, _("cannot read: %s"), strerror(e));
	rc = depfile_load_buffer(path, buf, len, out, diags);
	free(buf);
	return rc;
}
