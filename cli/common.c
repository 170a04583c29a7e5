/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cli/cli.h"
#include "depfile.h"
#include "fsafe.h"
#include "i18n.h"
#include "nodump.h"
#include "xalloc.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("xmppgw: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cli_shown(const char *path)
{
	return strcmp(path, "-") == 0 ? CLI_STDIN_NAME : path;
}

int cli_load(const char *path, struct deployment **out)
{
	struct diags diags = {0};
	struct deployment *d = NULL;
	bool in = strcmp(path, "-") == 0;
	int rc = in ? depfile_load_fd(STDIN_FILENO, CLI_STDIN_NAME, &d, &diags)
		    : depfile_load(path, &d, &diags);

	for (size_t i = 0; i < diags.n; i++) {
		char *line = diag_format(in ? CLI_STDIN_NAME : path, &diags.v[i]);

		cli_error("%s", line);
		free(line);
	}
	diags_free(&diags);
	if (rc != DEPFILE_OK) {
		deployment_free(d);
		*out = NULL;
		return rc == DEPFILE_UNREADABLE ? CLI_USAGE : CLI_PROBLEMS;
	}
	*out = d;
	return CLI_OK;
}

#define CLI_LOCK_WAIT_DEFAULT 10
#define CLI_LOCK_WAIT_MAX 3600

int cli_lock_wait_ms(void)
{
	const char *s = getenv("XMPPGW_LOCK_WAIT");
	char *end;
	long v;

	if (!s || !*s)
		return CLI_LOCK_WAIT_DEFAULT * 1000;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > CLI_LOCK_WAIT_MAX) {
		cli_error(_("XMPPGW_LOCK_WAIT=%s is not a number of seconds from 0 to %d; "
			    "waiting %d seconds"), s, CLI_LOCK_WAIT_MAX, CLI_LOCK_WAIT_DEFAULT);
		return CLI_LOCK_WAIT_DEFAULT * 1000;
	}
	return (int)v * 1000;
}

int cli_load_locked(const char *path, struct deployment **out, int *lock)
{
	char *err = NULL;
	int rc;

	*out = NULL;
	*lock = -1;
	/* A missing file is for cli_load to report; no lock file for it. */
	if (access(path, F_OK) != 0)
		return cli_load(path, out);
	*lock = fsafe_lock(path, cli_lock_wait_ms(), &err);
	if (*lock < 0) {
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	rc = cli_load(path, out);
	if (rc != CLI_OK) {
		fsafe_unlock(*lock);
		*lock = -1;
	}
	return rc;
}

bool cli_parse_fd(const char *s, int *fd)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > INT_MAX)
		return false;
	*fd = (int)v;
	return true;
}

/* A terminal as the descriptor: the secret is typed there, so it is not
 * echoed, and the echo comes back however the reading ends. */
static struct termios echo_saved;
static int echo_fd = -1;
static const int echo_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM};

static void echo_restore_and_die(int sig)
{
	tcsetattr(echo_fd, TCSAFLUSH, &echo_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void echo_handlers(void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof echo_signals / sizeof *echo_signals; i++)
		sigaction(echo_signals[i], &sa, NULL);
}

static void echo_off(int fd, const char *prompt)
{
	struct termios t;

	if (!isatty(fd) || tcgetattr(fd, &echo_saved) != 0)
		return;
	echo_fd = fd;
	echo_handlers(echo_restore_and_die);
	t = echo_saved;
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_lflag |= ECHONL;
	if (tcsetattr(fd, TCSAFLUSH, &t) == 0)
		fputs(prompt, stderr);
}

static void echo_on(void)
{
	if (echo_fd < 0)
		return;
	tcsetattr(echo_fd, TCSAFLUSH, &echo_saved);
	echo_handlers(SIG_DFL);
	echo_fd = -1;
}

/* Read a byte at a time so that nothing after the first line is taken
 * from a shared descriptor (two secrets may come through one). */
char *cli_read_secret(int fd, const char *prompt, char **err)
{
	char *buf = xmalloc(CLI_SECRET_MAX + 1);
	size_t n = 0;
	ssize_t r;
	char c;
	int e;

	nodump_enter();
	echo_off(fd, prompt);
	while ((r = read(fd, &c, 1)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || n == CLI_SECRET_MAX || c == '\n')
			break;
		buf[n++] = c;
	}
	e = errno;
	echo_on();
	errno = e;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if (r < 0)
		*err = xasprintf(_("cannot read the passphrase from descriptor %d: %s"), fd,
				 strerror(errno));
	else if (n == CLI_SECRET_MAX)
		*err = xasprintf(_("the passphrase is longer than %d bytes"), CLI_SECRET_MAX - 1);
	else if (n == 0)
		*err = xasprintf(_("no passphrase on descriptor %d (its first line is empty)"),
				 fd);
	if (*err) {
		OPENSSL_cleanse(buf, CLI_SECRET_MAX + 1);
		free(buf);
		nodump_leave();
		return NULL;
	}
	return buf;
}

void cli_secret_free(char *s)
{
	if (!s)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
	nodump_leave();
}

char *cli_path_from_base(const char *path, const char *base)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *copy, *dir, *rb, *full, *out;
	size_t n;

	/* The folder resolved, the name kept: a link at the name is for the
	 * model to refuse or follow, not to be replaced by its target here. */
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		full = realpath(path, NULL);
	} else {
		copy = xstrdup(path);
		dir = realpath(dirname(copy), NULL);
		full = dir ? xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name) : NULL;
		free(dir);
		free(copy);
	}
	if (!full)
		return NULL;
	rb = realpath(base, NULL);
	n = rb ? strlen(rb) : 0;
	out = xstrdup(rb && strncmp(full, rb, n) == 0 && full[n] == '/' ? full + n + 1 : full);
	free(rb);
	free(full);
	return out;
}

int cli_parse_ms(const char *option, const char *s, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max) {
		cli_error(_("%s: \"%s\" is not a number of milliseconds from 1 to %d"), option, s,
			  max);
		return -1;
	}
	*out = (int)v;
	return 0;
}
