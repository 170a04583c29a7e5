/* SPDX-License-Identifier: ISC */
/* Process the pending request: the CA's answer (one file or several: the
 * certificate, a PKCS#7, a bundle with the intermediates) checked against
 * the key and the deployment by cert_import, the chain written beside the
 * deployment and the file saved. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "certimport.h"
#include "i18n.h"
#include "wizards/certtasks_int.h"
#include "xalloc.h"

/* A folder with more is not a certificate folder; the path field stays. */
#define FOUND_MAX 200

static bool set(const char *s)
{
	return s && *s;
}

static bool cert_name(const char *name)
{
	static const char *const exts[] = {".cer", ".crt", ".p7b", ".p7c", ".pem"};
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		if (n > 4 && strcasecmp(name + n - 4, exts[i]) == 0)
			return true;
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The certificate files of the deployment's folder, sorted. */
static void scan(const struct wctx *c, struct strlist *out)
{
	DIR *dir = opendir(set(c->base_dir) ? c->base_dir : ".");
	struct dirent *e;
	struct stat sb;

	if (!dir)
		return;
	while ((e = readdir(dir)) && out->n < FOUND_MAX) {
		char *p;

		if (e->d_name[0] == '.' || !cert_name(e->d_name))
			continue;
		p = ctstate_path(c, e->d_name);
		if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
			strlist_push(out, e->d_name);
		free(p);
	}
	closedir(dir);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_name);
}

static void begin(struct wctx *c)
{
	ctstate_begin(c, cert_current_key(c->d));
	scan(c, &ctstate_of(c)->found);
}

static struct strlist *files(struct wctx *c)
{
	return &ctstate_of(c)->files;
}

static void found_items(const struct wctx *c, struct strlist *out)
{
	const struct ctstate *s = ctstate_of(c);

	for (size_t i = 0; i < s->found.n; i++)
		strlist_push_owned(out, xasprintf("%s\t%s", s->found.v[i],
						  strlist_find_ci(&s->files, s->found.v[i]) >= 0
							  ? _("Added") : _("Add")));
}

static int found_add(struct wctx *c, size_t i)
{
	struct ctstate *s = ctstate_of(c);

	if (i < s->found.n && strlist_find_ci(&s->files, s->found.v[i]) < 0)
		strlist_push(&s->files, s->found.v[i]);
	return 0;
}

static bool have_found(const struct wctx *c)
{
	return ctstate_of(c)->found.n > 0;
}

static char *for_request(const struct wctx *c)
{
	const struct cert_record *g = &c->d->cert.generated;

	return xasprintf(_("The answer to the request %s, for the private key %s. Give the "
			   "certificate the CA sent, and its intermediate certificates when they "
			   "came apart: PEM, DER (.cer, .crt) or PKCS#7 (.p7b)."),
			 set(g->request_file) ? g->request_file : "?", cert_current_key(c->d));
}

static const struct wfield file_fields[] = {
	{.id = "for", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = for_request},
	{.id = "files", .label = N_("Certificate files:"), .kind = WF_LIST, .flags = WFF_REQUIRED,
	 .maxlen = 1024, .diag = "import.files",
	 .help = N_("One file name per entry, relative to the deployment file's folder unless "
		    "it starts with /. The order does not matter: the certificate that belongs "
		    "to the key is found, and the chain is ordered from it."),
	 .list = files},
	{.id = "found", .label = N_("Certificate files in the deployment's folder:"),
	 .kind = WF_ROWS, .visible = have_found,
	 /* TRANSLATORS: %s is a key name such as Enter */
	 .help = N_("%s adds the file to the list above."), .help_keys = KEYACTS(TK_ENTER),
	 .items = found_items, .activate = found_add},
	{.id = "passphrase", .label = N_("Key passphrase:"), .kind = WF_SECRET, .maxlen = 1024,
	 .diag = "import.passphrase", .visible = ctstate_key_encrypted,
	 .help = N_("The private key is encrypted: its passphrase is needed to check that the "
		    "certificate belongs to it. It is never written anywhere."),
	 WSTATE(struct ctstate, keypass)},
};

/* As on the export page: an encrypted key is not tried without its
 * passphrase. */
static void validate(struct wctx *c, struct diags *out)
{
	if (ctstate_key_encrypted(c) && !set(ctstate_of(c)->keypass))
		diags_add(out, DIAG_ERROR, 0, 0, "import.passphrase", "%s",
			  _("the private key is encrypted: give its passphrase"));
}

/* --- Executing Commands --- */

static char *accepted_text(const struct deployment *d, const struct cert_import_result *r)
{
	const struct cert_issued *is = &d->cert.issued;
	struct strlist l = {0};
	char *s;

	strlist_push_owned(&l, xasprintf(_("Accepted. The certificate (thumbprint %s, valid "
					   "until %.10s) and its chain are in %s, and the "
					   "deployment file records them."),
					 is->thumbprint, is->not_after ? is->not_after : "?",
					 is->chain_file));
	for (size_t i = 0; i < r->warnings.n; i++)
		strlist_push_owned(&l, xasprintf(_("warning: %s"), r->warnings.v[i]));
	strlist_push(&l, _("Next: export the certificate to a .pfx file for the Edge."));
	s = strlist_join(&l, "\n");
	strlist_free(&l);
	return s;
}

static char *refused_text(const struct cert_import_result *r)
{
	struct strlist l = {0};
	char *s;

	strlist_push(&l, _("Refused; nothing was written:"));
	for (size_t i = 0; i < r->refusals.n; i++)
		strlist_push_owned(&l, xasprintf("- %s", r->refusals.v[i]));
	/* What else the CA must fix in its next answer, as the command says. */
	for (size_t i = 0; i < r->warnings.n; i++)
		strlist_push_owned(&l, xasprintf(_("warning: %s"), r->warnings.v[i]));
	s = strlist_join(&l, "\n");
	strlist_free(&l);
	return s;
}

static int import_run(struct wctx *c)
{
	struct ctstate *s = ctstate_of(c);
	struct cert_import_options o = {.base_dir = c->base_dir, .passphrase = s->keypass,
					.deployment_file = c->path, .log = &s->log};
	struct cert_import_result r = {0};
	char *err = NULL;
	int rc;

	ctstate_log_open(c);
	s->done = false;
	rc = cert_import(c->d, (const char *const *)s->files.v, s->files.n, &o, &r, &err);
	if (rc == 0) {
		s->done = true;
		ctstate_outcome(s, accepted_text(c->d, &r));
		ctstate_commit(c);
	} else if (rc == 1) {
		ctstate_outcome(s, refused_text(&r));
	} else {
		ctstate_outcome(s, xasprintf(_("Failed: %s"), err));
	}
	free(err);
	cert_import_result_free(&r);
	return rc == 0 ? 0 : -1;
}

static const struct wpage pages[] = {
	{.id = "import", .title = N_("Process Pending Certificate Request"),
	 .intro = N_("The request was made here, so its private key is here: the CA's answer is "
		     "processed here too, and reaches the Edge as a .pfx file."),
	 .help = N_("The certificate is refused when it does not belong to the key, is not "
		    "valid now, lacks a name the request asked for, has a wildcard, lacks server "
		    "authentication, has a key under 2048 bits or an RSASSA-PSS signature, or "
		    "when a signature of its chain does not verify."),
	 .fields = file_fields, .nfields = sizeof file_fields / sizeof *file_fields,
	 .validate = validate},
	{.id = "executing", .title = N_("Executing Commands"), .fields = ctstate_exec_fields,
	 .nfields = CTSTATE_NEXEC, .run = import_run,
	 .validate = ctstate_validate_done,
	 .help = N_("The files are read, the certificate matched with the key and checked, the "
		    "chain written beside the deployment file, and the file saved.")},
};

const struct wizard certimport_wizard = {
	.id = "import", .title = N_("Process the Pending Request"), .pages = pages,
	.npages = sizeof pages / sizeof *pages, .begin = begin, .end = ctstate_end,
};
