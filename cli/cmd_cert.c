/* SPDX-License-Identifier: ISC */
/* xmppgw cert: the certificate tasks after the request, without a screen:
 * `import` processes the CA's answer, `pfx` exports it with the key for
 * the Edge. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applog.h"
#include "certimport.h"
#include "cli/cli.h"
#include "depfile.h"
#include "fsafe.h"
#include "i18n.h"
#include "nodump.h"
#include "pfx.h"
#include "xalloc.h"

struct cert_args {
	const char *file;
	const char *out;
	char **certs;
	size_t ncerts;
	int pass_fd; /* -1: none given */
	int pfx_fd;  /* -1: none given */
	bool force;
};

/* What both subcommands share: the file, its folder, its log. */
struct session {
	struct deployment *d;
	char *base; /* the deployment file's folder */
	char *pass; /* the key's passphrase, or NULL */
	struct applog log;
	int lock;   /* the deployment's lock once taken, else -1 */
};

static int usage(void)
{
	cli_error("%s", _("usage: xmppgw cert import FILE CERT [CERT...] [--passphrase-fd N]"));
	cli_error("%s", _("usage: xmppgw cert pfx FILE [-o OUT] [--force] [--passphrase-fd N] "
			  "[--pfx-passphrase-fd M]"));
	return CLI_USAGE;
}

static int parse_fd_opt(const char *v, int *fd)
{
	return v && cli_parse_fd(v, fd) ? 0 : -1;
}

/* One option at argv[*i]: 1 taken, 0 not an option, -1 wrong. */
static int parse_opt(int argc, char **argv, int *i, struct cert_args *a, bool pfx)
{
	const char *v;

	if ((v = cli_opt_value(argc, argv, i, "--passphrase-fd")))
		return parse_fd_opt(v, &a->pass_fd) == 0 ? 1 : -1;
	if (pfx && (v = cli_opt_value(argc, argv, i, "--pfx-passphrase-fd")))
		return parse_fd_opt(v, &a->pfx_fd) == 0 ? 1 : -1;
	if (pfx && strcmp(argv[*i], "--force") == 0)
		return a->force = true, 1;
	if (pfx && ((v = cli_opt_value(argc, argv, i, "-o")) ||
		    (v = cli_opt_value(argc, argv, i, "--output"))))
		return *v ? (a->out = v, 1) : -1;
	if (strncmp(argv[*i], "--passphrase", 12) == 0 ||
	    strncmp(argv[*i], "--pfx-passphrase", 16) == 0 ||
	    strncmp(argv[*i], "--password", 10) == 0) {
		cli_error("%s", _("a passphrase or password is never taken on the command line, "
				  "where other users can read it; use --passphrase-fd N or "
				  "--pfx-passphrase-fd M"));
		return -1;
	}
	return argv[*i][0] == '-' && argv[*i][1] ? -1 : 0;
}

static int parse_args(int argc, char **argv, struct cert_args *a, bool pfx)
{
	a->pass_fd = a->pfx_fd = -1;
	a->certs = xcalloc((size_t)argc, sizeof *a->certs);
	for (int i = 2; i < argc; i++) {
		int r = parse_opt(argc, argv, &i, a, pfx);

		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!a->file)
			a->file = argv[i];
		else if (!pfx && *argv[i])
			a->certs[a->ncerts++] = argv[i];
		else
			return -1;
	}
	return a->file && *a->file && (pfx || a->ncerts > 0) ? 0 : -1;
}

/* The key's passphrase: from --passphrase-fd, or asked on the terminal
 * when the key is encrypted and none was given. */
static int key_passphrase(struct session *s, const struct cert_args *a, const char *key_name)
{
	char *err = NULL, *path;
	bool ask = false;

	if (a->pass_fd < 0 && key_name && isatty(STDIN_FILENO)) {
		path = cert_resolve(s->base, key_name);
		ask = cert_key_encrypted(path, &err) == 1;
		free(err);
		err = NULL;
		free(path);
	}
	if (a->pass_fd < 0 && !ask)
		return 0;
	s->pass = cli_read_secret(ask ? STDIN_FILENO : a->pass_fd, _("Key passphrase: "), &err);
	if (s->pass)
		return 0;
	cli_error("%s", err);
	free(err);
	return -1;
}

static int session_open(struct session *s, const struct cert_args *a)
{
	char *copy, *log_path, *err = NULL;
	int rc;

	s->lock = -1;
	/* The key is read, and held unencrypted, until session_close. */
	nodump_enter();
	rc = cli_load(a->file, &s->d);
	if (rc != CLI_OK)
		return rc;
	copy = xstrdup(a->file);
	s->base = xstrdup(dirname(copy));
	free(copy);
	log_path = xasprintf("%s.log", a->file);
	if (applog_open(&s->log, log_path, &err) != 0) {
		cli_error(_("warning: %s; the log is not kept"), err);
		free(err);
	}
	free(log_path);
	return CLI_OK;
}

/* The passphrases are asked before the lock is taken (another writer
 * should not wait on our typing); the file is then read again under it,
 * so what another command saved meanwhile is kept. */
static int session_lock(struct session *s, const struct cert_args *a)
{
	deployment_free(s->d);
	return cli_load_locked(a->file, &s->d, &s->lock);
}

static void session_close(struct session *s)
{
	fsafe_unlock(s->lock);
	if (s->base)
		applog_close(&s->log);
	cli_secret_free(s->pass);
	deployment_free(s->d);
	free(s->base);
	nodump_leave();
}

static void hint_passphrase(const char *err)
{
	if (strstr(err, _("its passphrase is needed")))
		cli_error("%s", _("give the key's passphrase with --passphrase-fd N"));
}

/* ---- import ---------------------------------------------------------------- */

static void print_list(const struct strlist *l, const char *head)
{
	for (size_t i = 0; i < l->n; i++)
		cli_error("%s%s", head, l->v[i]);
}

static void print_accepted(const struct deployment *d, const char *base, const char *file)
{
	const struct cert_issued *is = &d->cert.issued;
	char *chain = cert_resolve(base, is->chain_file);

	printf(_("Certificate accepted: %s\n"), is->subject);
	printf(_("Issued by: %s\n"), is->issuer);
	printf(_("Valid from %s until %s\n"), is->not_before, is->not_after);
	printf(_("Thumbprint: %s\n"), is->thumbprint);
	printf(_("Chain written to %s (leaf first, intermediates upward, no root)\n"), chain);
	printf(_("Recorded in %s; log in %s.log\n"), file, file);
	printf(_("\nNext: xmppgw cert pfx %s, for the PFX that carries the certificate and its\n"
		 "key to each Edge Server of the pool.\n"), file);
	free(chain);
}

/* The certificate files as given, from the current folder: absolute, so
 * that cert_import's folder (the deployment's) does not change them. */
static char **absolute_certs(const struct cert_args *a)
{
	char **v = xcalloc(a->ncerts + 1, sizeof *v);

	for (size_t i = 0; i < a->ncerts; i++) {
		v[i] = realpath(a->certs[i], NULL);
		if (!v[i])
			v[i] = xstrdup(a->certs[i]);
	}
	return v;
}

static int import_run(struct session *s, const struct cert_args *a)
{
	struct cert_import_options o = {.base_dir = s->base, .passphrase = s->pass,
					.deployment_file = a->file, .log = &s->log};
	struct cert_import_result r;
	char **files = absolute_certs(a), *err = NULL;
	int rc = cert_import(s->d, (const char *const *)files, a->ncerts, &o, &r, &err);

	if (rc < 0) {
		cli_error("%s: %s", a->file, err);
		hint_passphrase(err);
		rc = CLI_USAGE;
	} else if (rc > 0) {
		cli_error(_("%s: the certificate is refused:"), a->file);
		print_list(&r.refusals, "  ");
		print_list(&r.warnings, _("  warning: "));
		cli_error("%s", _("nothing was written; the deployment file is unchanged"));
		rc = CLI_PROBLEMS;
	} else if (depfile_save(a->file, s->d, &err) != 0) {
		cli_error(_("the chain was written, but %s could not be updated: %s"), a->file,
			  err);
		rc = CLI_USAGE;
	} else {
		applog_add(&s->log, _("recorded in %s (certificate.issued)"), a->file);
		print_list(&r.warnings, _("warning: "));
		print_accepted(s->d, s->base, a->file);
	}
	for (size_t i = 0; i < a->ncerts; i++)
		free(files[i]);
	free(files);
	free(err);
	cert_import_result_free(&r);
	return rc;
}

static int cmd_import(int argc, char **argv)
{
	struct cert_args a = {0};
	struct session s = {0};
	int rc;

	if (parse_args(argc, argv, &a, false) != 0) {
		free(a.certs);
		return usage();
	}
	rc = session_open(&s, &a);
	if (rc == CLI_OK && key_passphrase(&s, &a, cert_current_key(s.d)) != 0)
		rc = CLI_USAGE;
	if (rc == CLI_OK)
		rc = session_lock(&s, &a);
	if (rc == CLI_OK)
		rc = import_run(&s, &a);
	session_close(&s);
	free(a.certs);
	return rc;
}

/* ---- pfx ------------------------------------------------------------------- */

/* The PFX password: from the descriptor, or typed twice on a terminal. */
static char *pfx_password(const struct cert_args *a)
{
	int fd = a->pfx_fd >= 0 ? a->pfx_fd : STDIN_FILENO;
	char *p1, *p2 = NULL, *err = NULL;

	if (a->pfx_fd < 0 && !isatty(fd)) {
		cli_error("%s", _("the PFX needs a password: type it on a terminal, or give it "
				  "with --pfx-passphrase-fd M"));
		return NULL;
	}
	p1 = cli_read_secret(fd, _("PFX password: "), &err);
	if (p1 && isatty(fd)) {
		p2 = cli_read_secret(fd, _("PFX password again: "), &err);
		if (p2 && strcmp(p1, p2) != 0)
			err = xstrdup(_("the two PFX passwords differ; nothing was written"));
	}
	cli_secret_free(p2);
	if (!err)
		return p1;
	cli_error("%s", err);
	free(err);
	cli_secret_free(p1);
	return NULL;
}

static void print_pfx(const struct deployment *d, const char *written, const char *file)
{
	printf(_("PFX written to %s (mode 0600)\n"), written);
	printf(_("Certificate %s, thumbprint %s\n"), d->cert.issued.subject,
	       d->cert.issued.thumbprint);
	printf("%s", _("Key and certificates encrypted with pbeWithSHA1And3-KeyTripleDES-CBC, "
		       "MAC HMAC-SHA1,\n2048 iterations: what Windows Server 2008 R2 and 2012 R2 "
		       "import. Read back\nand verified.\n"));
	printf(_("Recorded in %s (certificate.issued.pfx_file)\n"), file);
	printf("%s", _("\nNext: copy it to every Edge Server of the pool (the same PFX on each),"
		       "\nimport it there with Import-CsCertificate, assign it with "
		       "Set-CsCertificate,\nthen restart the Edge services.\n"));
}

static int pfx_run(struct session *s, const struct cert_args *a, const char *password)
{
	struct pfx_options o = {.base_dir = s->base, .key_passphrase = s->pass,
				.password = password, .force = a->force,
				.deployment_file = a->file, .log = &s->log};
	char *out = NULL, *written = NULL, *err = NULL;
	int rc = CLI_OK;

	if (a->out && !(out = cli_path_from_base(a->out, s->base))) {
		cli_error(_("cannot write %s: %s"), a->out, strerror(errno));
		return CLI_USAGE;
	}
	o.out = out;
	if (pfx_write(s->d, &o, &written, &err) != 0) {
		cli_error("%s: %s", a->file, err);
		hint_passphrase(err);
		if (!a->force && strstr(err, _("not replaced unless asked to")))
			cli_error("%s", _("use --force to replace it"));
		rc = CLI_PROBLEMS;
	} else if (depfile_save(a->file, s->d, &err) != 0) {
		cli_error(_("the PFX was written, but %s could not be updated: %s"), a->file, err);
		rc = CLI_USAGE;
	} else {
		applog_add(&s->log, _("recorded in %s (certificate.issued.pfx_file)"), a->file);
		print_pfx(s->d, written, a->file);
	}
	free(err);
	free(written);
	free(out);
	return rc;
}

static int cmd_pfx(int argc, char **argv)
{
	struct cert_args a = {0};
	struct session s = {0};
	char *password = NULL;
	const char *key;
	int rc;

	if (parse_args(argc, argv, &a, true) != 0) {
		free(a.certs);
		return usage();
	}
	rc = session_open(&s, &a);
	if (rc != CLI_OK)
		goto out;
	key = s.d->cert.issued.key_file ? s.d->cert.issued.key_file : cert_current_key(s.d);
	rc = CLI_USAGE;
	if (key_passphrase(&s, &a, key) == 0 && (password = pfx_password(&a)))
		rc = session_lock(&s, &a);
	if (rc == CLI_OK)
		rc = pfx_run(&s, &a, password);
out:
	cli_secret_free(password);
	session_close(&s);
	free(a.certs);
	return rc;
}

int cmd_cert(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return cmd_import(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "pfx") == 0)
		return cmd_pfx(argc, argv);
	return usage();
}
