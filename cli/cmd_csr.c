/* xmppgw csr: what the certificate wizard's Finish runs, without a screen. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "applog.h"
#include "certreq.h"
#include "cli/cli.h"
#include "csr.h"
#include "depfile.h"
#include "i18n.h"
#include "xalloc.h"

#define PASSPHRASE_MAX 1023

struct csr_args {
	const char *file;
	const char *key;
	int pass_fd; /* -1: no passphrase */
	bool force;
};

static int usage(void)
{
	cli_error("%s", _("usage: xmppgw csr FILE [--force] [--key EXISTING.key] "
			  "[--passphrase-fd N]"));
	return CLI_USAGE;
}

static bool parse_fd(const char *s, int *fd)
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

/* The value of --name VALUE or --name=VALUE at argv[*i], or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strcmp(argv[*i], name) == 0)
		return *i + 1 < argc ? argv[++*i] : NULL;
	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	return NULL;
}

static int parse_args(int argc, char **argv, struct csr_args *a)
{
	const char *v;

	a->pass_fd = -1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			a->force = true;
		else if ((v = opt_value(argc, argv, &i, "--key")))
			a->key = v;
		else if ((v = opt_value(argc, argv, &i, "--passphrase-fd"))) {
			if (!parse_fd(v, &a->pass_fd))
				return -1;
		} else if (strncmp(argv[i], "--passphrase", 12) == 0) {
			cli_error("%s", _("a passphrase is never taken on the command line, where "
					  "other users can read it; use --passphrase-fd N"));
			return -1;
		} else if (argv[i][0] == '-' || a->file)
			return -1;
		else
			a->file = argv[i];
	}
	return a->file && *a->file && (!a->key || *a->key) ? 0 : -1;
}

/* A terminal as the descriptor: the passphrase is typed there, so it is
 * not echoed, and the echo comes back however the reading ends. */
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

static void echo_off(int fd)
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
		fputs(_("Key passphrase: "), stderr);
}

static void echo_on(void)
{
	if (echo_fd < 0)
		return;
	tcsetattr(echo_fd, TCSAFLUSH, &echo_saved);
	echo_handlers(SIG_DFL);
	echo_fd = -1;
}

/* The first line of fd, without its line end. Read a byte at a time so
 * that nothing after that line is taken from a shared descriptor. */
static char *read_passphrase(int fd, char **err)
{
	char *buf = xmalloc(PASSPHRASE_MAX + 1);
	size_t n = 0;
	ssize_t r;
	char c;
	int e;

	echo_off(fd);
	while ((r = read(fd, &c, 1)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || n == PASSPHRASE_MAX || c == '\n')
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
	else if (n == PASSPHRASE_MAX)
		*err = xasprintf(_("the passphrase is longer than %d bytes"), PASSPHRASE_MAX - 1);
	else if (n == 0)
		*err = xasprintf(_("no passphrase on descriptor %d (its first line is empty)"),
				 fd);
	if (*err) {
		OPENSSL_cleanse(buf, PASSPHRASE_MAX + 1);
		free(buf);
		return NULL;
	}
	return buf;
}

/* --key is relative to where the command runs, csr_run's paths to the
 * file's folder: the same key from there, relative when it sits inside
 * that folder so the deployment folder can still be moved as a whole. */
static char *key_from_base(const char *key, const char *base)
{
	char *rk = realpath(key, NULL), *rb, *out;
	size_t n;

	if (!rk)
		return NULL;
	rb = realpath(base, NULL);
	n = rb ? strlen(rb) : 0;
	if (rb && strncmp(rk, rb, n) == 0 && rk[n] == '/')
		out = xstrdup(rk + n + 1);
	else
		out = xstrdup(rk);
	free(rb);
	free(rk);
	return out;
}

static char *shown_path(const char *base, const char *path)
{
	if (path[0] == '/' || strcmp(base, ".") == 0)
		return xstrdup(path);
	return xasprintf("%s/%s", base, path);
}

static bool dots(void *arg, int phase, int count)
{
	(void)count;
	if (*(const bool *)arg && phase == 2)
		fputc('.', stderr);
	return true;
}

/* What comes after the request, with this deployment's file name. */
static void print_next(const char *file)
{
	printf(_("\nNext steps:\n"
		 "  1. Send the request to the certification authority (CA).\n"
		 "  2. When the CA answers, process its answer here (the private key is here):\n"
		 "       xmppgw cert import %s CERTIFICATE...\n"
		 "  3. Export the certificate with its key for the Edge Servers:\n"
		 "       xmppgw cert pfx %s\n"
		 "  4. Assign it: xmppgw export edge-ps1 %s -o edge-certificate.ps1 writes the\n"
		 "     script to run in the Lync Server Management Shell on each Edge Server\n"
		 "     of the pool; it imports the .pfx, assigns the certificate and restarts\n"
		 "     the Edge services (Stop-CsWindowsService, then Start-CsWindowsService).\n"),
	       file, file, file);
}

/* kept: the key in use before the run, when the new one got new names. */
static void print_done(const struct deployment *d, const char *base, const struct csr_args *a,
		       bool encrypted, const char *kept)
{
	char *req = shown_path(base, d->cert.generated.request_file);
	char *key = shown_path(base, d->cert.generated.key_file);

	if (kept) {
		char *old = shown_path(base, kept);

		printf(_("The key in use, %s, was kept: the new key and request have new "
			 "names.\n"), old);
		free(old);
	}
	printf(_("Request written to %s\n"), req);
	if (a->key)
		printf(_("Private key reused from %s (not rewritten)\n"), key);
	else if (encrypted)
		printf(_("Private key written to %s (mode 0600, encrypted with AES-256)\n"), key);
	else
		printf(_("Private key written to %s (mode 0600)\n"), key);
	printf(_("Recorded in %s; log in %s.log\n"), a->file, a->file);
	print_next(a->file);
	free(key);
	free(req);
}

/* csr_run refuses an existing key; say how to go on from the command line. */
static void hint_existing(const struct deployment *d, const char *base, const struct csr_args *a)
{
	struct stat st;
	char *key;

	if (a->force || a->key || !d->cert.key_file || !*d->cert.key_file)
		return;
	key = shown_path(base, d->cert.key_file);
	if (lstat(key, &st) == 0 && S_ISREG(st.st_mode))
		cli_error(_("use --force to replace %s with a new key, or --key %s to reuse it"),
			  key, key);
	free(key);
}

static int run(struct deployment *d, const char *base, const struct csr_args *a,
	       const char *pass, struct applog *log)
{
	bool tty = isatty(STDERR_FILENO);
	char *key = NULL, *err = NULL, *in_use = NULL;
	struct csr_options o = {.base_dir = base, .passphrase = pass, .force = a->force,
				.progress = dots, .progress_arg = &tty, .log = log,
				.deployment_file = a->file};
	int rc;

	if (a->key) {
		key = key_from_base(a->key, base);
		if (!key) {
			cli_error(_("cannot read the key file %s: %s"), a->key, strerror(errno));
			return CLI_USAGE;
		}
		o.existing_key = key;
	}
	if (certreq_key_in_use_name(d))
		in_use = xstrdup(certreq_key_in_use_name(d));
	rc = csr_run(d, &o, &err);
	if (tty && !a->key)
		fputc('\n', stderr);
	free(key);
	if (rc != 0) {
		cli_error("%s: %s", a->file, err ? err : _("cancelled"));
		if (rc < 0)
			hint_existing(d, base, a);
		free(err);
		free(in_use);
		return CLI_PROBLEMS;
	}
	rc = CLI_OK;
	if (depfile_save(a->file, d, &err) != 0) {
		cli_error(_("the request and key were written, but %s could not be updated: %s"),
			  a->file, err);
		free(err);
		rc = CLI_USAGE;
	} else {
		applog_add(log, _("recorded in %s (certificate.generated)"), a->file);
		print_done(d, base, a, pass != NULL,
			   in_use && !a->key && !a->force && strcmp(in_use, d->cert.key_file) != 0
				   ? in_use : NULL);
	}
	free(in_use);
	return rc;
}

int cmd_csr(int argc, char **argv)
{
	struct csr_args a = {0};
	struct deployment *d = NULL;
	struct applog log;
	char *pass = NULL, *err = NULL, *copy, *log_path;
	int rc;

	if (parse_args(argc, argv, &a) != 0)
		return usage();
	if (a.pass_fd >= 0 && !(pass = read_passphrase(a.pass_fd, &err))) {
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	rc = cli_load(a.file, &d);
	if (rc != CLI_OK)
		goto out;
	log_path = xasprintf("%s.log", a.file);
	if (applog_open(&log, log_path, &err) != 0) {
		cli_error(_("warning: %s; the log is not kept"), err);
		free(err);
	}
	copy = xstrdup(a.file);
	rc = run(d, dirname(copy), &a, pass, &log);
	free(copy);
	applog_close(&log);
	free(log_path);
out:
	if (pass) {
		OPENSSL_cleanse(pass, strlen(pass));
		free(pass);
	}
	deployment_free(d);
	return rc;
}
