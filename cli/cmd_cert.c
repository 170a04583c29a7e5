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
#include "cli/table.h"
#include "csr.h"
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
	bool from_stdin; /* a CERT was "-" */
	char *data;      /* then what standard input held */
	size_t data_len;
};

/* What both subcommands share: the file, its folder, its log. */
struct session {
	struct deployment *d;
	char *base; /* the deployment file's folder */
	char *pass; /* the key's passphrase, or NULL */
	struct applog log;
	int lock;   /* the deployment's lock once taken, else -1 */
};

static int parse_fd_opt(const struct cli_args *c, const char *name, int *fd)
{
	const char *v = cli_arg(c, name);

	*fd = -1;
	if (!v || cli_parse_fd(v, fd))
		return 0;
	cli_error(_("%s: \"%s\" is not a file descriptor number"), name, v);
	return -1;
}

/* The PFX is a secret in binary: it is written to a file of mode 0600
 * only, never to a pipe or terminal whose reader and keeping are unknown,
 * and its name is recorded for the Edge's script. */
static int refuse_pfx_stdout(void)
{
	cli_error("%s", _("the PFX is not written to standard output: it is a secret, and its "
			  "file name is recorded for the Edge's script; give -o with a file name"));
	return -2;
}

/* The CERT operands; "-" (once) stands for standard input. */
static int take_certs(const struct cli_args *c, struct cert_args *a)
{
	a->certs = xcalloc((size_t)c->noperands, sizeof *a->certs);
	for (int i = 1; i < c->noperands; i++) {
		if (!*c->operand[i])
			return -1;
		if (strcmp(c->operand[i], "-") != 0)
			a->certs[a->ncerts++] = c->operand[i];
		else if (a->from_stdin) {
			cli_error("%s", _("standard input (-) can be given only once"));
			return -2;
		} else
			a->from_stdin = true;
	}
	if (a->from_stdin && a->pass_fd == STDIN_FILENO) {
		cli_error("%s", _("standard input cannot carry both the certificates and the "
				  "passphrase; give the passphrase on another descriptor"));
		return -2;
	}
	return a->ncerts > 0 || a->from_stdin ? 0 : -1;
}

/* The options and operands of import (FILE CERT...) or pfx (FILE): 0, -1
 * for the usage, -2 when the reason was said. */
static int parse_args(const struct cli_args *c, struct cert_args *a, bool pfx)
{
	a->pfx_fd = -1;
	if (parse_fd_opt(c, "--passphrase-fd", &a->pass_fd) != 0 ||
	    (pfx && parse_fd_opt(c, "--pfx-passphrase-fd", &a->pfx_fd) != 0))
		return -2;
	if (pfx) {
		a->force = cli_arg(c, "--force") != NULL;
		a->out = cli_arg(c, "--output");
		if (a->out && strcmp(a->out, "-") == 0)
			return refuse_pfx_stdout();
		if (a->out && !*a->out)
			return -1;
	}
	if (c->noperands < 1 || !*c->operand[0])
		return -1;
	a->file = c->operand[0];
	if (pfx)
		return c->noperands == 1 ? 0 : -1;
	return take_certs(c, a);
}

/* The certificates given as "-", read whole before anything is asked. */
static int read_stdin_certs(struct cert_args *a)
{
	int e;

	if (!a->from_stdin)
		return 0;
	e = fsafe_read_all(STDIN_FILENO, (size_t)CERT_FILE_MAX, &a->data, &a->data_len);
	if (e == 0)
		return 0;
	if (e == EFBIG)
		cli_error(_("%s is larger than %ld bytes, too large to be a certificate file"),
			  CLI_STDIN_NAME, CERT_FILE_MAX);
	else
		cli_error(_("cannot read %s: %s"), CLI_STDIN_NAME, strerror(e));
	return -1;
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

/* After a model call's return code: how to give what was missing. */
static void hint(int rc, const struct session *s)
{
	if (rc == CSR_KEY_LOCKED && !s->pass)
		cli_error("%s", _("give the key's passphrase with --passphrase-fd N"));
	else if (rc == PFX_EXISTS)
		cli_error("%s", _("use --force to replace it"));
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
					.deployment_file = a->file, .log = &s->log,
					.data = a->data, .data_len = a->data_len,
					.data_name = CLI_STDIN_NAME};
	struct cert_import_result r;
	char **files = absolute_certs(a), *err = NULL;
	int rc = cert_import(s->d, (const char *const *)files, a->ncerts, &o, &r, &err);

	if (rc < 0) {
		cli_error("%s: %s", a->file, err);
		hint(rc, s);
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

/* parse_args' verdict as the exit status, the usage shown when it is one. */
static int bad_args(int r, const char *sub)
{
	return r == -1 ? cli_usage("cert", sub) : CLI_USAGE;
}

int cmd_cert_import(const struct cli_args *c)
{
	struct cert_args a = {0};
	struct session s = {0};
	int rc, r = parse_args(c, &a, false);

	if (r != 0 || read_stdin_certs(&a) != 0) {
		free(a.certs);
		return r ? bad_args(r, "import") : CLI_USAGE;
	}
	rc = session_open(&s, &a);
	if (rc == CLI_OK && key_passphrase(&s, &a, cert_current_key(s.d)) != 0)
		rc = CLI_USAGE;
	if (rc == CLI_OK)
		rc = session_lock(&s, &a);
	if (rc == CLI_OK)
		rc = import_run(&s, &a);
	session_close(&s);
	free(a.data);
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
	rc = pfx_write(s->d, &o, &written, &err);
	if (rc != 0) {
		cli_error("%s: %s", a->file, err);
		hint(rc, s);
		/* A key that cannot be read is unreadable input, as for import. */
		rc = rc == CSR_KEY_LOCKED ? CLI_USAGE : CLI_PROBLEMS;
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

int cmd_cert_pfx(const struct cli_args *c)
{
	struct cert_args a = {0};
	struct session s = {0};
	char *password = NULL;
	const char *key;
	int rc, r = parse_args(c, &a, true);

	if (r != 0) {
		free(a.certs);
		return bad_args(r, "pfx");
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
