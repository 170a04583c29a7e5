/* SPDX-License-Identifier: ISC */
/* The Exports screen without curses: which export, which file, and the
 * actions that write and show it. */
#include "config.h"

#include "wizards/exports.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "export.h"
#include "i18n.h"
#include "san.h"
#include "xalloc.h"

/* One row per export: the file name's ending, the radio button's label,
 * the title, where it is used (shown under the choice), and the model's
 * function. A new export is a value of enum wexport_kind and a row here. */
static const struct wexport_format {
	const char *ext;
	const char *choice; /* N_() */
	const char *title;  /* N_() */
	const char *where;  /* N_() */
	char *(*run)(const struct deployment *d);
} formats[WEXP_COUNT] = {
	[WEXP_FRONTEND] = {"frontend.ps1", N_("Front End script (.frontend.ps1)"),
			   N_("Front End script"),
			   N_("Run on a Front End Server or an admin host with the Lync Server "
			      "Management Shell."),
			   export_frontend_ps1},
	[WEXP_EDGE] = {"edge.ps1", N_("Edge script (.edge.ps1)"), N_("Edge script"),
		       N_("Run on each Edge Server of the pool, in an elevated Lync Server "
			  "Management Shell, with the .pfx file beside it."),
		       export_edge_ps1},
	[WEXP_INF] = {"inf", N_("certreq INF (.inf)"), N_("certreq INF"),
		      N_("Run certreq -new on the Edge Server, if Windows is to make the key."),
		      export_inf},
	[WEXP_ZONE] = {"zone", N_("Zone lines (.zone)"), N_("Zone-file lines"),
		       N_("Publish in the external DNS zone of each XMPP domain."), export_zone},
};

/* The radio group's labels, taken from the table when the screen opens so
 * that they cannot drift from it. */
static const char *kind_choices[WEXP_COUNT + 1];

static bool set(const char *s)
{
	return s && *s;
}

static enum wexport_kind valid_kind(enum wexport_kind k)
{
	return (unsigned)k < WEXP_COUNT ? k : WEXP_FRONTEND;
}

const char *wexport_missing(enum wexport_kind k, const struct deployment *d)
{
	const char *target = set(d->dns.srv_target) ? d->dns.srv_target
						     : d->topo.access_edge_fqdn;

	if (k == WEXP_EDGE && !d->cert.request_on_edge && !set(d->cert.issued.thumbprint))
		return _("The Edge's script assigns the issued certificate: process the CA's "
			 "answer under Step 3 first, then export the .pfx file.");
	if (k == WEXP_INF && !set(d->topo.access_edge_fqdn))
		return _("The INF needs the certificate's subject: fill in the Access Edge FQDN "
			 "under Edge topology.");
	if (k == WEXP_ZONE && san_srv_domain_count(d) == 0)
		return _("The zone lines need a SIP domain to publish an SRV record for: fill in "
			 "the SIP domains under Edge topology.");
	if (k == WEXP_ZONE && !set(target))
		return _("The zone lines need the SRV target: fill in the Access Edge FQDN under "
			 "Edge topology.");
	if (k == WEXP_ZONE && (d->dns.ttl < 0 || d->dns.priority < 0 || d->dns.priority > 65535 ||
			       d->dns.weight < 0 || d->dns.weight > 65535))
		return _("The zone lines need a valid TTL, priority and weight: fix them on the "
			 "DNS records screen.");
	return NULL;
}

const char *wexport_where(enum wexport_kind k)
{
	return _(formats[valid_kind(k)].where);
}

char *wexport_text(enum wexport_kind k, const struct deployment *d)
{
	return formats[valid_kind(k)].run(d);
}

char *wexport_for_view(const char *text)
{
	size_t n = strlen(text), j = 0;
	char *out = xmalloc(n + 1);

	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3;
	for (; *text; text++) {
		if (*text != '\r')
			out[j++] = *text;
		else if (text[1] != '\n')
			out[j++] = '\n';
	}
	out[j] = '\0';
	return out;
}

char *wexport_default_name(const char *deployment_path, enum wexport_kind k)
{
	const char *slash = deployment_path ? strrchr(deployment_path, '/') : NULL;
	const char *base = slash ? slash + 1 : deployment_path, *dot;
	size_t n;

	if (!set(base))
		base = "xmppgw";
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return xasprintf("%.*s.%s", (int)n, base, formats[valid_kind(k)].ext);
}

char *wexport_resolve(const char *base_dir, const char *name)
{
	size_t n;

	if (name[0] == '/' || !set(base_dir))
		return xstrdup(name);
	n = strlen(base_dir);
	return xasprintf("%s%s%s", base_dir, base_dir[n - 1] == '/' ? "" : "/", name);
}

int wexport_show(struct wctx *c, enum wexport_kind k)
{
	const char *why = wexport_missing(k, c->d);
	char *text, *shown;

	if (why) {
		c->ui->message(c->ui_arg, _(formats[valid_kind(k)].title), why);
		return -1;
	}
	text = wexport_text(k, c->d);
	shown = wexport_for_view(text);
	c->ui->view(c->ui_arg, _(formats[valid_kind(k)].title), shown);
	free(shown);
	free(text);
	return 0;
}

/* true when path may be written: it does not exist, or the user said so.
 * Never the deployment file itself, under any name: that would replace the
 * deployment with the export. */
static bool may_replace(struct wctx *c, const char *path)
{
	struct stat st, dep;
	char *q;
	bool yes;

	if (lstat(path, &st) != 0)
		return true;
	if (c->path && stat(path, &st) == 0 && stat(c->path, &dep) == 0 && st.st_dev == dep.st_dev &&
	    st.st_ino == dep.st_ino) {
		c->ui->message(c->ui_arg, _("Not written"),
			       _("That is the deployment file itself; choose another file name."));
		return false;
	}
	q = xasprintf(_("%s already exists. Replace it?"), path);
	yes = c->ui->confirm(c->ui_arg, _("Replace the file?"), q);
	free(q);
	return yes;
}

static int write_text(struct wctx *c, const char *path, const char *text)
{
	char *err = NULL;

	if (atomic_write(path, text, strlen(text), 0644, &err) == 0)
		return 0;
	c->ui->message(c->ui_arg, _("Not written"), err);
	free(err);
	return -1;
}

int wexport_write(struct wctx *c, enum wexport_kind k, const char *name)
{
	const char *why = wexport_missing(k, c->d);
	char *path = NULL, *text = NULL, *shown = NULL, *title = NULL;
	int rc = -1;

	if (why) {
		c->ui->message(c->ui_arg, _(formats[valid_kind(k)].title), why);
		return -1;
	}
	if (!set(name)) {
		c->ui->message(c->ui_arg, _("Not written"), _("Give a file name."));
		return -1;
	}
	path = wexport_resolve(c->base_dir, name);
	if (!may_replace(c, path)) {
		rc = 0;
		goto out;
	}
	text = wexport_text(k, c->d);
	if (write_text(c, path, text) < 0)
		goto out;
	shown = wexport_for_view(text);
	title = xasprintf(_("Written to %s"), path);
	c->ui->view(c->ui_arg, title, shown);
	rc = 0;
out:
	free(title);
	free(shown);
	free(text);
	free(path);
	return rc;
}

/* --- the screen ----------------------------------------------------------- */

static struct wexport_state *st(const struct wctx *c)
{
	return c->state;
}

static int get_kind(const struct wctx *c)
{
	return (int)st(c)->kind;
}

/* The file name follows the format until the user types one of their own. */
static void set_kind(struct wctx *c, int i)
{
	struct wexport_state *s = st(c);
	char *old = wexport_default_name(c->path, s->kind);

	if (i < 0 || i >= WEXP_COUNT)
		i = WEXP_FRONTEND;
	if (!s->name || strcmp(s->name, old) == 0) {
		free(s->name);
		s->name = wexport_default_name(c->path, (enum wexport_kind)i);
	}
	s->kind = (enum wexport_kind)i;
	free(old);
}

/* Where the export is used, then why it cannot be made, if it cannot. */
static char *kind_remark(const struct wctx *c)
{
	const char *why = wexport_missing(st(c)->kind, c->d);
	const char *where = wexport_where(st(c)->kind);

	return why ? xasprintf("%s\n%s", where, why) : xstrdup(where);
}

static const char *get_name(const struct wctx *c)
{
	return st(c)->name;
}

static void set_name(struct wctx *c, const char *utf8)
{
	xstrset(&st(c)->name, utf8);
}

static char *name_aside(const struct wctx *c)
{
	const char *n = st(c)->name;

	if (set(n) && n[0] == '/')
		return NULL;
	return xstrdup(_("beside the deployment file"));
}

static int press_write(struct wctx *c)
{
	return wexport_write(c, st(c)->kind, st(c)->name);
}

static int press_show(struct wctx *c)
{
	return wexport_show(c, st(c)->kind);
}

static void begin(struct wctx *c)
{
	struct wexport_state *s = xcalloc(1, sizeof *s);

	for (size_t i = 0; i < WEXP_COUNT; i++)
		kind_choices[i] = formats[i].choice;

	s->kind = WEXP_FRONTEND;
	s->name = wexport_default_name(c->path, s->kind);
	c->state = s;
}

static void end(struct wctx *c)
{
	struct wexport_state *s = c->state;

	if (!s)
		return;
	free(s->name);
	free(s);
	c->state = NULL;
}

static const struct wfield fields[] = {
	{.id = "kind", .label = N_("Export"), .kind = WF_RADIO, .choices = kind_choices,
	 .help = N_("Front End script: run in the Lync Server Management Shell on a Front End "
		    "Server or an admin host. It makes Lync's XMPP federated partners those of "
		    "the deployment (with -Prune it also removes those the deployment does not "
		    "list), sets the external access policy, allows federated users on the "
		    "Access Edge when the deployment asks, and says what it changed. -WhatIf "
		    "shows every change and makes none; it can be run again.\n"
		    "Edge script: run in an elevated Lync Server Management Shell on each Edge "
		    "Server of the pool, with the .pfx beside it. It imports the .pfx, assigns "
		    "the certificate to the Edge's external uses, checks it and restarts the "
		    "Edge services; it writes nothing to the Central Management Store.\n"
		    "certreq INF: builds the same Edge external certificate request with Windows "
		    "certreq on the Edge Server, for those who want the key made there.\n"
		    "Zone lines: the SRV records in BIND zone-file form, ready to paste."),
	 .get_choice = get_kind, .set_choice = set_kind, .text = kind_remark},
	{.id = "file", .label = N_("File name"), .kind = WF_TEXT, .flags = WFF_REQUIRED,
	 .maxlen = 1024, .width = 32,
	 .help = N_("Where Write puts the export. A name without a leading / is taken in the "
		    "deployment file's folder. The name follows the format chosen until you "
		    "type one of your own. An existing file is replaced only after you say so, "
		    "and atomically: a failure leaves it as it was."),
	 .get_text = get_name, .set_text = set_name, .aside = name_aside},
	{.id = "write", .label = N_("Write the file, then show it"), .kind = WF_BUTTON,
	 .caption = N_("Write"),
	 .help = N_("Writes the export to the file named above and shows it."),
	 .press = press_write},
	{.id = "show", .label = N_("Show it without writing"), .kind = WF_BUTTON,
	 .caption = N_("Show"),
	 .help = N_("Shows the export as it would be written; nothing is written."),
	 .press = press_show},
};

static const struct wpage pages[] = {
	{.id = "exports", .title = N_("Exports"),
	 .intro = N_("What the deployment becomes on the Windows side: the Front End's script for "
		     "the Lync Server Management Shell, the certreq INF, and the DNS zone lines."),
	 .help = N_("Choose the export, check the file name, then Write (or Show to read it "
		    "first). The script and the INF are written as Windows expects them: UTF-8 "
		    "with CRLF line ends (the script with a byte order mark). The exports are "
		    "made from the deployment as it is now, saved or not."),
	 .fields = fields, .nfields = sizeof fields / sizeof *fields},
};

const struct wizard wexport_wizard = {
	.id = "exports", .title = N_("Exports"), .pages = pages,
	.npages = sizeof pages / sizeof *pages, .flags = WZF_FORM, .begin = begin, .end = end,
};
