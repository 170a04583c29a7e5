/* SPDX-License-Identifier: ISC */
/* The certificate tasks' shared state, the certificate's state line, and
 * the Assign task (the Edge's script, written and shown). */
#include "config.h"

#include "wizards/certtasks.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certimport.h"
#include "certreq.h"
#include "i18n.h"
#include "wizards/certtasks_int.h"
#include "wizards/exports.h"
#include "xalloc.h"

static bool set(const char *s)
{
	return s && *s;
}

/* --- the certificate's state ---------------------------------------------- */

/* "2026-11-26T00:00:00Z" as a time; false when it is not one. */
static bool parse_time(const char *s, time_t *out)
{
	struct tm tm = {0};
	const char *end;

	if (!set(s))
		return false;
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return false;
	*out = timegm(&tm);
	return *out != (time_t)-1;
}

/* The date part of an RFC 3339 time, as shown ("2026-11-26"). */
static char *date_of(const char *s)
{
	return set(s) ? xasprintf("%.10s", s) : xstrdup("?");
}

static char *issued_line(const struct cert_issued *is, time_t now)
{
	char *until = date_of(is->not_after), *s;
	time_t end;
	long days;

	if (!parse_time(is->not_after, &end))
		s = xasprintf(_("Certificate: issued by %s, thumbprint %s; its validity is not "
				"recorded."), is->issuer, is->thumbprint);
	else if (end <= now)
		s = xasprintf(_("Certificate: EXPIRED on %s (issued by %s, thumbprint %s): "
				"request a new one."), until, is->issuer, is->thumbprint);
	else {
		days = (long)((end - now) / 86400);
		s = xasprintf(ngettext("Certificate: issued by %s, valid until %s (%ld day "
				       "left), thumbprint %s.",
				       "Certificate: issued by %s, valid until %s (%ld days "
				       "left), thumbprint %s.", (unsigned long)days),
			      is->issuer, until, days, is->thumbprint);
	}
	free(until);
	return s;
}

/* A request made after the certificate was imported: under a key of its
 * own, or (the key reused) later than the import. */
static bool renewal_pending(const struct certreq *c)
{
	const struct cert_record *g = &c->generated;
	const struct cert_issued *is = &c->issued;

	if (!set(g->request_file) || !set(g->key_file))
		return false;
	if (set(is->key_file) && strcmp(g->key_file, is->key_file) != 0)
		return true;
	/* RFC 3339 UTC times compare as strings. */
	return set(g->at) && set(is->imported_at) && strcmp(g->at, is->imported_at) > 0;
}

/* After Run Again the certificate in use stays, and the new request waits
 * for the CA: both are said. Takes line. */
static char *renewal_line(const struct deployment *d, char *line)
{
	const struct certreq *c = &d->cert;
	char *since, *s;

	if (!renewal_pending(c))
		return line;
	since = date_of(c->generated.at);
	s = xasprintf(_("%s\nA new request, %s, is pending since %s; process the CA's answer "
			"under Step 3."), line, c->generated.request_file, since);
	free(since);
	free(line);
	return s;
}

static char *request_state(const struct deployment *d, time_t now)
{
	const struct certreq *c = &d->cert;
	char *since;
	char *s;

	if (c->request_on_edge)
		return xstrdup(_("Certificate: the Edge makes its own key and request "
				 "(Request-CsCertificate in the Edge's script)."));
	if (set(c->issued.thumbprint))
		return renewal_line(d, issued_line(&c->issued, now));
	if (!set(c->generated.request_file))
		return xstrdup(_("Certificate: no request yet."));
	since = date_of(c->generated.at);
	s = xasprintf(_("Certificate: request %s pending since %s; process the CA's answer "
			"under Step 3."), c->generated.request_file, since);
	free(since);
	return s;
}

/* What the files say of the recorded certificate (cert_issued_check): the
 * chain or key missing, the chain no longer matching the key, not valid
 * yet. The expiry is said by the state line already. Appended to l. */
static void files_state(const struct deployment *d, const char *base_dir, time_t now,
			struct strlist *l)
{
	struct diags dg = {0};

	if (!base_dir || d->cert.request_on_edge || !set(d->cert.issued.thumbprint))
		return;
	cert_issued_check(d, base_dir, now, &dg);
	for (size_t i = 0; i < dg.n; i++)
		if (dg.v[i].sev == DIAG_ERROR &&
		    strcmp(dg.v[i].field, "certificate.issued.not_after") != 0)
			strlist_pushf(l, _("Certificate problem: %s"), dg.v[i].msg);
	diags_free(&dg);
}

char *certtasks_state(const struct deployment *d, const char *base_dir, time_t now)
{
	struct strlist l = {0};
	char *s;

	strlist_push_owned(&l, request_state(d, now));
	files_state(d, base_dir, now, &l);
	if (!d->cert.request_on_edge && set(d->cert.generated.request_file) &&
	    certreq_changed_since_request(d))
		strlist_push(&l, _("The settings changed since the request was made: the subject "
				   "or the alternative names no longer match the file. Run the "
				   "request again."));
	s = strlist_join(&l, "\n");
	strlist_free(&l);
	return s;
}

const char *certtasks_blocked(enum certtask k, const struct deployment *d)
{
	const struct certreq *c = &d->cert;

	switch (k) {
	case CT_IMPORT:
		if (c->request_on_edge)
			return _("The Edge makes its own request: process the CA's answer there, "
				 "as the Edge's script says.");
		if (!set(c->generated.key_file))
			return _("There is no request yet: create a new certificate request "
				 "first.");
		return NULL;
	case CT_PFX:
		if (c->request_on_edge)
			return _("The Edge makes its own key: there is no key here to export.");
		if (!set(c->issued.thumbprint))
			return _("No certificate has been issued yet: process the CA's answer "
				 "first.");
		return NULL;
	case CT_ASSIGN:
		return wexport_missing(WEXP_EDGE, d);
	default:
		return NULL;
	}
}

/* --- the shared state ----------------------------------------------------- */

char *ctstate_path(const struct wctx *c, const char *file)
{
	return wexport_resolve(c->base_dir, file ? file : "");
}

void ctstate_begin(struct wctx *c, const char *key_file)
{
	struct ctstate *s = xcalloc(1, sizeof *s);
	char *err = NULL;

	applog_open(&s->log, NULL, NULL);
	s->key_encrypted = 0;
	if (set(key_file)) {
		s->key_path = ctstate_path(c, key_file);
		s->key_encrypted = cert_key_encrypted(s->key_path, &err);
		free(err);
	}
	c->state = s;
}

static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

void ctstate_end(struct wctx *c)
{
	struct ctstate *s = ctstate_of(c);

	if (!s)
		return;
	strlist_free(&s->files);
	strlist_free(&s->found);
	free(s->key_path);
	wipe_free(s->keypass);
	wipe_free(s->pfxpass);
	wipe_free(s->pfxpass2);
	free(s->pfx_name);
	free(s->script_name);
	free(s->outcome);
	applog_close(&s->log);
	free(s);
	c->state = NULL;
}

void ctstate_log_open(struct wctx *c)
{
	struct ctstate *s = ctstate_of(c);
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

void ctstate_outcome(struct ctstate *s, char *text)
{
	free(s->outcome);
	s->outcome = text;
}

bool ctstate_key_encrypted(const struct wctx *c)
{
	return ctstate_of(c)->key_encrypted == 1;
}

char *ctstate_outcome_text(const struct wctx *c)
{
	const struct ctstate *s = ctstate_of(c);

	return xstrdup(s->outcome ? s->outcome : _("Working..."));
}

void ctstate_validate_done(struct wctx *c, struct diags *out)
{
	if (!ctstate_of(c)->done)
		diags_add(out, DIAG_ERROR, 0, 0, "executing", "%s",
			  _("the task was not done: go Back to change what it needs, or "
			    "Cancel"));
}

void ctstate_commit(struct wctx *c)
{
	struct ctstate *s = ctstate_of(c);
	char *err = NULL;

	/* The file must record what was done: save now, not on Finish. */
	if (c->ui->commit(c->ui_arg, &err) != 0) {
		applog_add(&s->log, _("the deployment file was not saved: %s"), err);
		free(err);
	}
}

int ctstate_view_log(struct wctx *c)
{
	char *text = strlist_join(&ctstate_of(c)->log.lines, "\n");

	c->ui->view(c->ui_arg, _("Log"), *text ? text : _("(nothing logged yet)"));
	free(text);
	return 0;
}

const struct wfield ctstate_exec_fields[CTSTATE_NEXEC] = {
	[CTSTATE_STATUS] =
	{.id = "status", .label = N_("Status:"), .kind = WF_NOTE, .diag = "executing",
	 .text = ctstate_outcome_text},
	[CTSTATE_LOG] =
	{.id = "log", .kind = WF_BUTTON, .caption = N_("View Log"),
	 .help = N_("What was done, with times; the same lines go to the log file beside the "
		    "deployment file."),
	 .press = ctstate_view_log},
};

/* --- Assign: the Edge's script -------------------------------------------- */

static void assign_begin(struct wctx *c)
{
	ctstate_begin(c, NULL);
	ctstate_of(c)->script_name = wexport_default_name(c->path, WEXP_EDGE);
}

static char *assign_steps(const struct wctx *c)
{
	const struct cert_issued *is = &c->d->cert.issued;

	if (c->d->cert.request_on_edge)
		return xstrdup(_("The Edge makes its own key and request: the script runs "
				 "Request-CsCertificate there and says what to do when the CA "
				 "answers. Run it in an elevated Lync Server Management Shell on "
				 "the Edge Server."));
	return xasprintf(_("1. Copy %s and the script to each Edge Server of the pool: every "
			   "Edge imports the same PFX, since A/V authentication needs one key "
			   "pool-wide.\n"
			   "2. Run the script in an elevated Lync Server Management Shell on each "
			   "Edge. It asks for the PFX password, imports the certificate with its "
			   "private key, assigns thumbprint %s to the Access Edge, Web "
			   "Conferencing Edge and A/V authentication, checks the assignment and "
			   "restarts the Edge services.\n"
			   "3. Delete the PFX from the Edge's disk once imported."),
			 set(is->pfx_file) ? is->pfx_file : _("the PFX (Export to .pfx first)"),
			 set(is->thumbprint) ? is->thumbprint : "?");
}

static int press_write(struct wctx *c)
{
	return wexport_write(c, WEXP_EDGE, ctstate_of(c)->script_name);
}

static int press_show(struct wctx *c)
{
	return wexport_show(c, WEXP_EDGE);
}

static const struct wfield assign_fields[] = {
	{.id = "steps", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = assign_steps},
	{.id = "file", .label = N_("Script file name"), .kind = WF_TEXT, .flags = WFF_REQUIRED,
	 .maxlen = 1024, .width = 32,
	 .help = N_("Where Write puts the Edge's script. A name without a leading / is taken "
		    "in the deployment file's folder; an existing file is replaced only after "
		    "you say so."),
	 WSTATE(struct ctstate, script_name)},
	{.id = "write", .label = N_("Write the script, then show it"), .kind = WF_BUTTON,
	 .caption = N_("Write"), .help = N_("Writes the Edge's script and shows it."),
	 .press = press_write},
	{.id = "show", .label = N_("Show it without writing"), .kind = WF_BUTTON,
	 .caption = N_("Show"), .help = N_("Shows the script; nothing is written."),
	 .press = press_show},
};

static const struct wpage assign_pages[] = {
	{.id = "assign", .title = N_("Assign Certificate"),
	 .intro = N_("On the Edge, Lync's wizard assigns the certificate to the external "
		     "Edge interface. Here that is a script for each Edge Server."),
	 .help = N_("The script imports the PFX, runs Set-CsCertificate for the three Edge "
		    "uses, checks them with Get-CsCertificate and restarts the Edge services "
		    "(Stop-CsWindowsService, then Start-CsWindowsService). It writes nothing to "
		    "the Central Management Store: that is the Front End's script."),
	 .fields = assign_fields, .nfields = sizeof assign_fields / sizeof *assign_fields},
};

const struct wizard certassign_wizard = {
	.id = "assign", .title = N_("Assign the Certificate"), .pages = assign_pages,
	.npages = sizeof assign_pages / sizeof *assign_pages, .flags = WZF_FORM,
	.begin = assign_begin, .end = ctstate_end,
};
