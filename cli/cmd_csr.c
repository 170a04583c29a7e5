/* SPDX-License-Identifier: ISC */
/* xmppgw csr: what the certificate wizard's Finish runs, without a screen. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applog.h"
#include "certreq.h"
#include "cli/cli.h"
#include "cli/table.h"
#include "csr.h"
#include "depfile.h"
#include "fsafe.h"
#include "i18n.h"
#include "nodump.h"
#include "xalloc.h"

struct csr_args {
	const char *file;
	const char *key;
	int pass_fd; /* -1: no passphrase */
	bool force;
};

static int parse_args(const struct cli_args *c, struct csr_args *a)
{
	const char *fd = cli_arg(c, "--passphrase-fd");

	a->pass_fd = -1;
	a->force = cli_arg(c, "--force") != NULL;
	a->key = cli_arg(c, "--key");
	if (fd && !cli_parse_fd(fd, &a->pass_fd)) {
		cli_error(_("%s: \"%s\" is not a file descriptor number"), "--passphrase-fd", fd);
		return -1;
	}
	if (c->noperands != 1)
		return -1;
	a->file = c->operand[0];
	return *a->file && (!a->key || *a->key) ? 0 : -1;
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
		key = access(a->key, F_OK) == 0 ? cli_path_from_base(a->key, base) : NULL;
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

int cmd_csr(const struct cli_args *c)
{
	struct csr_args a = {0};
	struct deployment *d = NULL;
	struct applog log;
	char *pass = NULL, *err = NULL, *copy, *log_path;
	int rc, lock = -1;

	if (parse_args(c, &a) != 0)
		return cli_usage("csr", NULL);
	/* The new key is in memory unencrypted until it is written. */
	nodump_enter();
	if (a.pass_fd >= 0 && !(pass = cli_read_secret(a.pass_fd, _("Key passphrase: "), &err))) {
		cli_error("%s", err);
		free(err);
		nodump_leave();
		return CLI_USAGE;
	}
	rc = cli_load_locked(a.file, &d, &lock);
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
	fsafe_unlock(lock);
	cli_secret_free(pass);
	deployment_free(d);
	nodump_leave();
	return rc;
}
