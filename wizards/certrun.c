/* SPDX-License-Identifier: ISC */
/* The certificate wizard's actions: Executing Commands (csr_run with a
 * progress box that can cancel), View Log, View, and what comes next. The
 * passphrase lives in the state only, wiped when the wizard ends. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "certreq.h"
#include "csr.h"
#include "i18n.h"
#include "wizards/certwizard.h"
#include "xalloc.h"

static struct cwstate *st(const struct wctx *c)
{
	return c->state;
}

static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

void certrun_begin(struct wctx *c)
{
	struct cwstate *s = xcalloc(1, sizeof *s);

	applog_open(&s->log, NULL, NULL);
	c->state = s;
}

/* Like `xmppgw csr`, the log goes beside the deployment file, opened when
 * there is something to log; if it cannot be opened the lines are still
 * kept for View Log. */
static void log_open(const struct wctx *c, struct cwstate *s)
{
	char *path, *err = NULL;

	if (s->log_opened)
		return;
	s->log_opened = true;
	path = xasprintf("%s.log", c->path);
	applog_close(&s->log);
	if (applog_open(&s->log, path, &err) != 0) {
		applog_add(&s->log, _("warning: %s; the log is kept in memory only"), err);
		free(err);
	}
	free(path);
}

void certrun_end(struct wctx *c)
{
	struct cwstate *s = st(c);

	if (!s)
		return;
	wipe_free(s->pass);
	wipe_free(s->pass2);
	free(s->template_saved);
	free(s->outcome);
	applog_close(&s->log);
	free(s);
	c->state = NULL;
}

char *certrun_path(const struct wctx *c, const char *file)
{
	if (!file || !*file)
		return xstrdup("");
	if (file[0] == '/' || !c->base_dir || strcmp(c->base_dir, ".") == 0)
		return xstrdup(file);
	return xasprintf("%s/%s", c->base_dir, file);
}

static bool set(const char *s)
{
	return s && *s;
}

bool certrun_can_reuse(const struct wctx *c)
{
	return set(c->d->cert.generated.key_file);
}

bool certrun_get_reuse(const struct wctx *c)
{
	return certrun_can_reuse(c) && st(c)->reuse_key;
}

void certrun_set_reuse(struct wctx *c, bool v)
{
	st(c)->reuse_key = v;
}

/* A new key, with a key in use: csr_run gives it new names. */
static bool fresh_names(const struct wctx *c)
{
	return !certrun_get_reuse(c) && certreq_key_in_use(c->d);
}

char *certrun_again_note(const struct wctx *c)
{
	const struct cert_record *g = &c->d->cert.generated;

	if (!set(g->request_file))
		return NULL;
	return xasprintf(_("A request was written on %s (%s), for the key %s. Run Again makes a "
			   "new key under new dated names and leaves that key and its files as "
			   "they are, unless you choose to reuse the key."),
			 set(g->at) ? g->at : "?", g->request_file,
			 set(g->key_file) ? g->key_file : "?");
}

char *certrun_files_note(const struct wctx *c)
{
	const struct certreq *r = &c->d->cert;
	char *req = NULL, *key = NULL, *err = NULL, *s;
	bool no_key = !certrun_get_reuse(c) && !set(r->key_file);

	/* An empty name is the page's error to report; here only what to do. */
	if (!set(r->request_file) || no_key)
		return xstrdup(!set(r->request_file) && no_key
				       ? _("Name the request file and the key file above (for "
					   "example edge.csr and edge.key).")
			       : !set(r->request_file)
				       ? _("Name the request file above (for example edge.csr).")
				       : _("Name the key file above (for example edge.key)."));
	if (certrun_get_reuse(c)) {
		req = certrun_path(c, r->request_file);
		key = certrun_path(c, r->generated.key_file);
		s = xasprintf(_("The request is written to %s, for the key in %s, which is "
				"read and not rewritten."), req, key);
	} else if (fresh_names(c) &&
		   certreq_fresh_names(c->d, c->base_dir, time(NULL), &req, &key, &err) == 0) {
		char *rp = certrun_path(c, req), *kp = certrun_path(c, key);

		s = xasprintf(_("Written to %s and %s, new names beside the files above: a key is "
				"in use, and it is kept."), rp, kp);
		free(rp);
		free(kp);
	} else if (err) {
		s = err;
		err = NULL;
	} else {
		req = certrun_path(c, r->request_file);
		key = certrun_path(c, r->key_file);
		s = xasprintf(_("Written to %s and %s (relative names start in the deployment "
				"file's folder)."), req, key);
	}
	free(req);
	free(key);
	return s;
}

static void outcome(struct cwstate *s, bool error, char *text)
{
	free(s->outcome);
	s->outcome = text;
	s->outcome_error = error;
}

static bool progress(void *arg, int phase, int count)
{
	struct wctx *c = arg;
	struct cwstate *s = st(c);
	char *text;
	bool go;

	/* Once cancelled, every later call says so too: OpenSSL does not look
	 * at the answer of every callback. */
	if (s->cancelled)
		return false;
	if (phase == 3)
		s->primes = count + 1;
	else if (phase == 0)
		s->tested++;
	text = xasprintf(_("Generating a %d-bit RSA key: %d of 2 primes, %ld tried"),
			 c->d->cert.key_bits, s->primes, s->tested);
	go = c->ui->progress(c->ui_arg, text);
	free(text);
	s->cancelled = !go;
	return go;
}

/* The key file exists: overwrite only on an explicit yes. */
static bool may_write_key(struct wctx *c, bool *force)
{
	char *key = certrun_path(c, c->d->cert.key_file), *q;
	struct stat sb;
	bool yes;

	*force = false;
	if (lstat(key, &sb) != 0) {
		free(key);
		return true;
	}
	q = xasprintf(_("The key file %s exists. Overwrite it with a new key? The old key "
			"is lost, and a certificate issued for it can no longer be used."), key);
	yes = c->ui->confirm(c->ui_arg, _("Overwrite the key?"), q);
	free(q);
	if (!yes)
		outcome(st(c), true, xasprintf(_("Not done: %s exists and was kept. Choose "
						 "another key file (Back to Certificate Request "
						 "File), or run again and confirm."), key));
	free(key);
	*force = yes;
	return yes;
}

/* kept: the key in use before the run when the new one got new names. */
static void after_run(struct wctx *c, int rc, char *err, const char *kept)
{
	struct cwstate *s = st(c);
	char *serr = NULL;

	if (rc == 1) {
		outcome(s, true, xstrdup(_("Cancelled: no key and no request were written.")));
	} else if (rc < 0) {
		outcome(s, true, xasprintf(_("Failed: %s"), err));
	} else {
		s->done = true;
		if (kept)
			outcome(s, false, xasprintf(_("Done. The private key is in %s (mode 0600) "
						      "and the request in %s, read back and "
						      "verified. The key in use, %s, was kept."),
						    c->d->cert.generated.key_file,
						    c->d->cert.generated.request_file, kept));
		else
			outcome(s, false, xasprintf(_("Done. The private key is in %s (mode 0600) "
						      "and the request in %s, read back and "
						      "verified."),
						    c->d->cert.generated.key_file,
						    c->d->cert.generated.request_file));
		/* The file must say what was done, or Run Again could not
		 * know: save now rather than on Finish. */
		if (c->ui->commit(c->ui_arg, &serr) != 0) {
			applog_add(&s->log, _("the deployment file was not saved: %s"), serr);
			free(serr);
		}
	}
}

int certrun_run(struct wctx *c)
{
	struct cwstate *s = st(c);
	struct csr_options o = {.base_dir = c->base_dir, .passphrase = s->pass,
				.progress = progress, .progress_arg = c, .log = &s->log,
				.deployment_file = c->path};
	char *err = NULL, *kept = NULL;
	int rc;

	log_open(c, s);
	s->done = false;
	s->cancelled = false;
	s->primes = 0;
	s->tested = 0;
	outcome(s, false, NULL);
	if (certrun_get_reuse(c))
		o.existing_key = c->d->cert.generated.key_file;
	else if (!certreq_key_in_use(c->d) && !may_write_key(c, &o.force))
		return -1;
	if (fresh_names(c) && certreq_key_in_use_name(c->d))
		kept = xstrdup(certreq_key_in_use_name(c->d));
	c->ui->progress(c->ui_arg, _("Starting"));
	rc = csr_run(c->d, &o, &err);
	c->ui->progress(c->ui_arg, NULL);
	after_run(c, rc, err, kept);
	free(kept);
	free(err);
	return rc == 0 ? 0 : -1;
}

int certrun_press_run(struct wctx *c)
{
	return certrun_run(c);
}

int certrun_view_log(struct wctx *c)
{
	char *text = strlist_join(&st(c)->log.lines, "\n");

	c->ui->view(c->ui_arg, _("Log"), *text ? text : _("(nothing logged yet)"));
	free(text);
	return 0;
}

int certrun_view_request(struct wctx *c)
{
	char *path = certrun_path(c, c->d->cert.generated.request_file ?
				     c->d->cert.generated.request_file : c->d->cert.request_file);
	char *err = NULL, *text = csr_describe_file(path, &err);

	if (text)
		c->ui->view(c->ui_arg, path, text);
	else
		c->ui->message(c->ui_arg, _("Cannot show the request"), err);
	free(text);
	free(err);
	free(path);
	return text ? 0 : -1;
}

char *certrun_outcome(const struct wctx *c)
{
	const struct cwstate *s = st(c);

	return xstrdup(s->outcome ? s->outcome
				  : _("Generating the key and writing the request..."));
}

void certrun_validate(struct wctx *c, struct diags *out)
{
	if (!st(c)->done)
		diags_add(out, DIAG_ERROR, 0, 0, "executing", "%s",
			  _("the key and request were not written: press Run Again, or go Back "
			    "to change the settings"));
}

char *certrun_next_steps(const struct wctx *c)
{
	const struct cert_record *g = &c->d->cert.generated;
	const char *req = set(g->request_file) ? g->request_file : "?";

	return xasprintf(_("The request is in %s and its private key in %s. Keep the key "
			   "private: it stays on this machine, which is where the CA's answer is "
			   "processed.\n\n"
			   "What comes next, in the certificate tasks (Step 3 again):\n"
			   "1. Send %s to your public certification authority.\n"
			   "2. Process the CA's answer here: xmppgw cert import, which matches "
			   "the certificate to the key.\n"
			   "3. Export the certificate with its key to a .pfx: xmppgw cert pfx.\n"
			   "4. Assign it with the Edge script (xmppgw export edge-ps1), run on "
			   "each Edge Server of the pool: it imports the .pfx, assigns the "
			   "certificate and restarts the Edge services."),
			 req, set(g->key_file) ? g->key_file : "?", req);
}
