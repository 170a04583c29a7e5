/* SPDX-License-Identifier: ISC */
/* Export the certificate to a .pfx file: the key, the certificate and its
 * intermediates in a PKCS#12 that Windows Server 2008 R2 and 2012 R2 read
 * (pfx_write), under a password typed twice and kept in the state only. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "pfx.h"
#include "wizards/certtasks_int.h"
#include "xalloc.h"

static bool set(const char *s)
{
	return s && *s;
}

static void begin(struct wctx *c)
{
	const char *last = c->d->cert.issued.pfx_file;

	ctstate_begin(c, c->d->cert.issued.key_file);
	/* The file the Edge's script names: the last one written, else the
	 * name cert pfx would choose. */
	ctstate_of(c)->pfx_name = set(last) ? xstrdup(last) : pfx_default_name(c->d);
}

static char *which(const struct wctx *c)
{
	const struct cert_issued *is = &c->d->cert.issued;

	return xasprintf(_("The certificate %s (thumbprint %s), its intermediate certificates "
			   "from %s and the private key %s. The root stays out: Windows already "
			   "trusts it."),
			 set(is->subject) ? is->subject : "?", set(is->thumbprint) ? is->thumbprint
										  : "?",
			 set(is->chain_file) ? is->chain_file : "?",
			 set(is->key_file) ? is->key_file : "?");
}

static void validate(struct wctx *c, struct diags *out)
{
	const struct ctstate *s = ctstate_of(c);

	if (!set(s->pfxpass))
		diags_add(out, DIAG_ERROR, 0, 0, "pfx.password", "%s",
			  _("give a password: the Edge asks for it when it imports the file"));
	else if (strcmp(s->pfxpass, s->pfxpass2 ? s->pfxpass2 : "") != 0)
		diags_add(out, DIAG_ERROR, 0, 0, "pfx.password2", "%s",
			  _("the two passwords differ"));
	if (ctstate_key_encrypted(c) && !set(s->keypass))
		diags_add(out, DIAG_ERROR, 0, 0, "pfx.passphrase", "%s",
			  _("the private key is encrypted: give its passphrase"));
}

static const struct wfield file_fields[] = {
	{.id = "which", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = which},
	{.id = "file", .label = N_("File to export:"), .kind = WF_TEXT, .flags = WFF_REQUIRED,
	 .maxlen = 1024, .width = 32, .diag = "pfx.file",
	 .help = N_("The .pfx file, written with mode 0600 (it holds the private key). A name "
		    "without a leading / is taken in the deployment file's folder. An existing "
		    "file is replaced only after you say so."),
	 WSTATE(struct ctstate, pfx_name)},
	{.id = "password", .label = N_("Password:"), .kind = WF_SECRET, .maxlen = 1024,
	 .diag = "pfx.password",
	 .help = N_("Protects the .pfx file; the Edge's script asks for it. It is never written "
		    "anywhere."),
	 WSTATE(struct ctstate, pfxpass)},
	{.id = "password2", .label = N_("Confirm password:"), .kind = WF_SECRET, .maxlen = 1024,
	 .diag = "pfx.password2", .help = N_("The same password again, to catch a typing mistake."),
	 WSTATE(struct ctstate, pfxpass2)},
	{.id = "passphrase", .label = N_("Key passphrase:"), .kind = WF_SECRET, .maxlen = 1024,
	 .diag = "pfx.passphrase", .visible = ctstate_key_encrypted,
	 .help = N_("The private key file is encrypted: its passphrase opens it. It is never "
		    "written anywhere."),
	 WSTATE(struct ctstate, keypass)},
};

/* --- Executing Commands --- */

/* An existing file is replaced only on an explicit yes. A link is not
 * asked about: pfx_write refuses it whatever the answer. */
static bool may_write(struct wctx *c, const char *path, bool *force)
{
	struct stat sb;
	char *q;

	*force = false;
	if (lstat(path, &sb) != 0 || S_ISLNK(sb.st_mode))
		return true;
	q = xasprintf(_("%s exists. Replace it with the new .pfx file?"), path);
	*force = c->ui->confirm(c->ui_arg, _("Replace the file?"), q);
	free(q);
	if (!*force)
		ctstate_outcome(ctstate_of(c), xasprintf(_("Not done: %s exists and was kept. Go "
							   "Back and choose another name, or "
							   "confirm."), path));
	return *force;
}

static int pfx_run(struct wctx *c)
{
	struct ctstate *s = ctstate_of(c);
	struct pfx_options o = {.base_dir = c->base_dir, .out = s->pfx_name,
				.key_passphrase = s->keypass, .password = s->pfxpass,
				.deployment_file = c->path, .log = &s->log};
	char *path = ctstate_path(c, s->pfx_name), *written = NULL, *err = NULL;
	int rc = -1;

	ctstate_log_open(c);
	s->done = false;
	if (!may_write(c, path, &o.force))
		goto out;
	rc = pfx_write(c->d, &o, &written, &err);
	if (rc == 0) {
		s->done = true;
		ctstate_outcome(s, xasprintf(_("Done. %s (mode 0600) holds the key and the chain, "
					       "read back and verified: 3DES and a SHA-1 MAC, as "
					       "Windows Server 2008 R2 and 2012 R2 read them.\n"
					       "Next: assign the certificate on each Edge with the "
					       "Edge's script."), written));
		ctstate_commit(c);
	} else {
		ctstate_outcome(s, xasprintf(_("Failed: %s"), err));
	}
out:
	free(err);
	free(written);
	free(path);
	return rc;
}

static const struct wpage pages[] = {
	{.id = "export", .title = N_("Export Certificate"),
	 .intro = N_("A .pfx file carries the certificate with its private key to the Edge."),
	 .help = N_("The file holds the private key, encrypted with the password: copy it to "
		    "the Edge Servers only, and delete it there once imported."),
	 .fields = file_fields, .nfields = sizeof file_fields / sizeof *file_fields,
	 .validate = validate},
	{.id = "executing", .title = N_("Executing Commands"), .fields = ctstate_exec_fields,
	 .nfields = CTSTATE_NEXEC, .run = pfx_run,
	 .validate = ctstate_validate_done,
	 .help = N_("The key and the chain are read, the PKCS#12 written (mode 0600), read "
		    "back and verified, and the deployment file records it.")},
};

const struct wizard certpfx_wizard = {
	.id = "pfx", .title = N_("Export the Certificate to a .pfx File"), .pages = pages,
	.npages = sizeof pages / sizeof *pages, .begin = begin, .end = ctstate_end,
};
