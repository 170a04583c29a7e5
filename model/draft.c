/* SPDX-License-Identifier: ISC */
/* The draft file: a deployment written with the same emitter as the real
 * file, so restoring it is an ordinary load. */
#include "config.h"

#include "draft.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "depfile.h"
#include "i18n.h"
#include "xalloc.h"

char *draft_path(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xasprintf(".%s.draft", path);
	return xasprintf("%.*s/.%s.draft", (int)(slash - path), path, slash + 1);
}

/* The draft's name is ours, not the user's: a link planted there is
 * replaced, never followed to the file it names, and whatever mode an old
 * draft had, the new one is 0600. */
int draft_write(const char *path, const struct deployment *d, char **err)
{
	char *dp = draft_path(path);
	size_t len;
	char *buf = depfile_emit(d, &len);
	int rc;

	rc = atomic_write_nofollow(dp, buf, len, 0600, err);
	free(buf);
	free(dp);
	return rc;
}

bool draft_exists(const char *path, time_t *mtime)
{
	char *dp = draft_path(path);
	struct stat st;
	/* Only a draft this user wrote is offered back: not a link, not a
	 * file someone else left in a shared folder. */
	bool ok = lstat(dp, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid();

	if (ok && mtime)
		*mtime = st.st_mtime;
	free(dp);
	return ok;
}

int draft_load(const char *path, struct deployment **out, struct diags *diags)
{
	char *dp = draft_path(path);
	int rc = depfile_load(dp, out, diags);

	free(dp);
	return rc;
}

int draft_remove(const char *path, char **err)
{
	char *dp = draft_path(path);
	int rc = 0;

	if (unlink(dp) != 0 && errno != ENOENT) {
		if (err)
			*err = xasprintf(_("%s: cannot remove: %s"), dp, strerror(errno));
		rc = -1;
	}
	free(dp);
	return rc;
}
