/* SPDX-License-Identifier: ISC */
/* PR_SET_DUMPABLE 0 keeps the kernel from writing a core and makes
 * /proc/PID/mem and ptrace root's only; the buffers themselves are wiped
 * by their owners (OPENSSL_cleanse, explicit_bzero) before they are freed. */
#include "config.h"

#include "nodump.h"

#include <sys/prctl.h>

static unsigned depth;
static int saved = -1;

void nodump_enter(void)
{
	if (depth++ > 0)
		return;
	saved = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void nodump_leave(void)
{
	if (depth == 0 || --depth > 0)
		return;
	if (saved > 0)
		prctl(PR_SET_DUMPABLE, saved, 0, 0, 0);
	saved = -1;
}
