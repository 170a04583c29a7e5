/* SPDX-License-Identifier: ISC */
/* The certificate wizard's pages, in Lync's order and with Lync's titles.
 * Fields bind to the working copy's certificate section; the passphrase to
 * the wizard's state. */
#include "config.h"

#include "wizards/certwizard.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "san.h"
#include "subject.h"
#include "validate.h"
#include "wizards/home.h"
#include "wizards/topology.h"
#include "xalloc.h"

static struct cwstate *st(const struct wctx *c)
{
	return c->state;
}

static bool set(const char *s)
{
	return s && *s;
}

const char *certwizard_caption(const struct deployment *d)
{
	return set(d->cert.generated.request_file) ? _("Run Again") : _("Run");
}

static void validate_cert(struct wctx *c, struct diags *out)
{
	certreq_validate(&c->d->cert, &c->d->topo, NULL, out);
}

/* --- 2: the certificate (1, the task, is Step 3's menu: tui/certwizard.c) --- */

static const char *const cert_choices[] = {N_("External Edge certificate (public Internet)"),
					   NULL};

/* One choice only, as Lync offers here: nothing in the file to bind. */
static int get_zero(const struct wctx *c)
{
	return 0;
}

static void set_zero(struct wctx *c, int i)
{
}

static const struct wfield request_fields[] = {
	{.id = "certificate", .label = N_("Certificate:"), .kind = WF_RADIO,
	 .choices = cert_choices,
	 .help = N_("One certificate serves the Access Edge, the Web Conferencing Edge and "
		    "A/V authentication on the Edge pool's external interface."),
	 .get_choice = get_zero, .set_choice = set_zero},
};

/* --- 3: delayed or immediate --- */

static char *delayed_note(const struct wctx *c)
{
	if (c->d->cert.delayed)
		return NULL;
	return xstrdup(_("An immediate request goes to an online enterprise CA, which only "
			 "the Edge Server can reach. Here the request file is written either "
			 "way: send it to the CA yourself."));
}

static const struct wfield delayed_fields[] = {
	{.id = "delayed", .label = N_("Prepare the request now, but send it later"),
	 .kind = WF_CHECK, .key = "certificate.delayed",
	 .help = N_("A delayed (offline) request is written to a file that you send to a "
		    "public CA; this is how an Edge external certificate is requested."),
	 .text = delayed_note},
};

/* --- 4: the request file --- */

static void validate_files(struct wctx *c, struct diags *out)
{
	const struct certreq *r = &c->d->cert;

	/* The model's rules about the names (a Windows path, a request named
	 * .cer); wpage_check keeps only this page's fields. */
	certreq_validate(r, &c->d->topo, NULL, out);

	if (set(r->request_file) && set(r->key_file) && strcmp(r->request_file, r->key_file) == 0)
		diags_add(out, DIAG_ERROR, 0, 0, "certificate.key_file", "%s",
			  _("is the request file; the key needs a file of its own"));
}

static const struct wfield file_fields[] = {
	{.id = "request_file", .label = N_("Request file:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 1024, .key = "certificate.request_file",
	 .help = N_("The full path and name of the request to write (PKCS#10, PEM). A "
		    "relative name starts in the deployment file's folder.")},
	{.id = "key_file", .label = N_("Private key file:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 1024, .key = "certificate.key_file",
	 .help = N_("Where the private key goes (PKCS#8, PEM, mode 0600). Lync keeps it in "
		    "the Edge Server's certificate store; here it is a file that stays on this "
		    "machine: the CA's answer is matched to it (xmppgw cert import) and both go "
		    "into the .pfx the Edge Servers import (xmppgw cert pfx). An existing file "
		    "is never replaced without asking.")},
	{.id = "again", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = certrun_again_note},
	{.id = "reuse_key", .label = N_("Reuse the private key in use instead of making a new one"),
	 .kind = WF_CHECK, .visible = certrun_can_reuse,
	 .help = N_("Unchecked, Run Again makes a new key and writes it and its request under new "
		    "dated names, so the key in use and a certificate issued for it stay usable. "
		    "Checked, the new request is made for the key in use (after a change of names, "
		    "for instance); the passphrase on Name and Security Settings opens it."),
	 .get_bool = certrun_get_reuse, .set_bool = certrun_set_reuse},
	{.id = "paths", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = certrun_files_note},
};

/* --- 5: alternate template --- */

static bool get_use_template(const struct wctx *c)
{
	return c->d->cert.template_name != NULL;
}

/* Computed: the box is whether a template is named, and unchecking keeps
 * the name aside so that checking again brings it back. */
static void set_use_template(struct wctx *c, bool v)
{
	struct cwstate *s = st(c);
	struct certreq *r = &c->d->cert;

	if (v && !r->template_name) {
		r->template_name = s->template_saved ? s->template_saved : xstrdup("WebServer");
		s->template_saved = NULL;
	} else if (!v && r->template_name) {
		free(s->template_saved);
		s->template_saved = r->template_name;
		r->template_name = NULL;
	}
}

static const struct wfield template_fields[] = {
	{.id = "use_template",
	 .label = N_("Use alternative certificate template for the selected certification "
		     "authority"),
	 .kind = WF_CHECK,
	 .help = N_("For an enterprise (Microsoft) CA the request names the template to issue "
		    "from. Public CAs ignore it."),
	 .get_bool = get_use_template, .set_bool = set_use_template},
	{.id = "template", .label = N_("Template name:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 64, .key = "certificate.template",
	 .help = N_("The template's name as the CA knows it (WebServer). It goes into the "
		    "request as the certificate template extension (1.3.6.1.4.1.311.20.2)."),
	 .visible = get_use_template},
};

/* --- 6: name and security --- */

static const char *const bits_choices[] = {"1024", "2048", "3072", "4096", NULL};
static const int bits_values[] = {1024, 2048, 3072, 4096};

static char *bits_note(const struct wctx *c)
{
	char *msg = NULL;

	if (validate_key_bits(c->d->cert.key_bits, &msg) == VALID_OK)
		return NULL;
	return msg;
}

static char *exportable_note(const struct wctx *c)
{
	if (c->d->cert.exportable)
		return NULL;
	return xstrdup(_("Lync needs the key exportable, even for a single Edge Server: A/V "
			 "authentication uses the same key on every Edge Server of the pool. "
			 "Next refuses an unexportable key."));
}

static void validate_security(struct wctx *c, struct diags *out)
{
	const char *a = st(c)->pass ? st(c)->pass : "", *b = st(c)->pass2 ? st(c)->pass2 : "";

	validate_cert(c, out);
	if (strcmp(a, b) != 0)
		diags_add(out, DIAG_ERROR, 0, 0, "passphrase2", "%s",
			  _("does not match the passphrase above"));
}

static const struct wfield security_fields[] = {
	{.id = "friendly_name", .label = N_("Friendly name:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 128, .key = "certificate.friendly_name",
	 .help = N_("A name to tell the certificate apart in the Edge Server's store "
		    "(Edge External).")},
	{.id = "key_bits", .label = N_("Bit length:"), .kind = WF_RADIO, .choices = bits_choices,
	 .key = "certificate.key_bits", .values = bits_values,
	 .help = N_("The RSA key size. 2048 is the default; 3072 and 4096 are stronger and "
		    "slower to generate. Lync offers 1024, but CAs no longer issue for it."),
	 .text = bits_note},
	{.id = "exportable", .label = N_("Mark certificate private key as exportable"),
	 .kind = WF_CHECK, .key = "certificate.exportable",
	 .help = N_("Must stay checked: the A/V authentication service needs the same private "
		    "key on every Edge Server of the pool, so it is exported to each."),
	 .text = exportable_note},
	{.id = "client_eku", .label = N_("Include client authentication (public IM with AOL only)"),
	 .kind = WF_CHECK, .key = "certificate.client_eku",
	 .help = N_("Adds the client authentication EKU (-ClientEKU). Only public IM "
		    "connectivity with AOL needs it.")},
	{.id = "passphrase", .label = N_("Key passphrase (optional):"), .kind = WF_SECRET,
	 .maxlen = 1024, .diag = "passphrase",
	 .help = N_("Encrypts the private key file (AES-256). It is never written anywhere: "
		    "not to the deployment file, the draft or the log. Empty: the key file is "
		    "protected by its mode (0600) only."),
	 WSTATE(struct cwstate, pass)},
	{.id = "passphrase2", .label = N_("Passphrase again:"), .kind = WF_SECRET,
	 .maxlen = 1024, .diag = "passphrase2",
	 .help = N_("The same passphrase again, to catch a typing mistake."),
	 WSTATE(struct cwstate, pass2)},
};

/* --- 7, 8: organization and place --- */

static const struct wfield org_fields[] = {
	{.id = "organization", .label = N_("Organization:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED, .maxlen = 64, .key = "certificate.organization",
	 .help = N_("The company's legal name, as the CA will check it (O).")},
	{.id = "organizational_unit", .label = N_("Organizational unit:"), .kind = WF_TEXT,
	 .maxlen = 64, .key = "certificate.organizational_unit",
	 .help = N_("The department (OU). Optional: publicly trusted certificates no longer "
		    "carry it (since September 2022), so a public CA may refuse it.")},
};

/* The country's name beside a code; for anything else the code it
 * probably means ("BRA", "BRASIL": did you mean BR?). */
static char *country_aside(const struct wctx *c)
{
	const char *code = c->d->cert.country;
	const char *name = set(code) ? country_local_name(code) : NULL, *guess;

	if (!set(code))
		return xstrdup(_("two letters, e.g. US"));
	if (name)
		return xstrdup(name);
	guess = country_suggest(code);
	if (guess)
		return xasprintf(_("did you mean %s (%s)?"), guess, country_local_name(guess));
	return xstrdup(strlen(code) == 2 ? _("not an ISO 3166-1 code")
					 : _("use the two-letter code"));
}

static const struct wfield geo_fields[] = {
	{.id = "country", .label = N_("Country/Region:"), .kind = WF_TEXT,
	 .flags = WFF_REQUIRED | WFF_UPPER, .maxlen = 64, .width = 8,
	 .key = "certificate.country",
	 .help = N_("The ISO 3166-1 two-letter code (US, BR, DE); the country's name shows "
		    "beside it as you type. For a country's name or a three-letter code "
		    "(BRA), the two-letter code is suggested."),
	 .aside = country_aside},
	{.id = "state", .label = N_("State/Province:"), .kind = WF_TEXT, .flags = WFF_REQUIRED,
	 .maxlen = 128, .key = "certificate.state",
	 .help = N_("In full, no abbreviation: Washington, not WA.")},
	{.id = "city", .label = N_("City/Locality:"), .kind = WF_TEXT, .flags = WFF_REQUIRED,
	 .maxlen = 128, .key = "certificate.city",
	 .help = N_("In full, no abbreviation: São Paulo, not SP.")},
};

/* --- 9: subject names --- */

/* One attribute a line, as the request will hold them; a missing CN is
 * shown as "?", since the request cannot be made without it. */
static char *subject_text(const struct wctx *c)
{
	struct subject_attr a[SUBJECT_MAX];
	size_t n = subject_attrs(c->d, a);
	struct strlist l = {0};
	char *s;

	if (n == 0 || a[0].field != SUBJ_CN)
		strlist_push(&l, "CN=?");
	for (size_t i = 0; i < n; i++)
		strlist_push_owned(&l, xasprintf("%s=%s", a[i].name, a[i].value));
	s = strlist_join(&l, "\n");
	strlist_free(&l);
	return s;
}

/* The names, and a warning about the internal ones among them: this text
 * is the SAN page's and the summary's. */
static char *sans_text(const struct wctx *c)
{
	struct strlist sans = {0};
	char *s, *internal;

	san_derive(c->d, &sans);
	s = strlist_join(&sans, "\n");
	strlist_free(&sans);
	internal = san_internal_note(c->d);
	if (internal) {
		char *both = xasprintf("%s\n\n%s", s, internal);

		free(s);
		free(internal);
		s = both;
	}
	return s;
}

static const struct wfield subject_fields[] = {
	{.id = "subject", .label = N_("Subject name:"), .kind = WF_NOTE,
	 .diag = "topology.access_edge_fqdn",
	 .help = N_("The subject is the Access Edge FQDN (CN) with the organization and place "
		    "given on the previous pages."),
	 .text = subject_text},
	{.id = "sans", .label = N_("Subject alternative names:"), .kind = WF_NOTE,
	 .help = N_("The Access Edge FQDN again (TLS looks at the alternative names only), "
		    "the Web Conferencing Edge FQDN, and, from the next pages, sip.<domain> "
		    "for the SIP domains chosen, every domain given an SRV record (the XMPP "
		    "domains, or every SIP domain when none is set) and any additional names."),
	 .text = sans_text},
};

/* --- 10: SIP domains --- */

static void sip_items(const struct wctx *c, struct strlist *out)
{
	for (size_t i = 0; i < c->d->topo.sip_domains.n; i++)
		strlist_push_owned(out, xasprintf(_("%s (adds sip.%s)"), c->d->topo.sip_domains.v[i],
						  c->d->topo.sip_domains.v[i]));
}

/* Computed: item i is the topology's SIP domain i, checked when the
 * certificate's list holds it. */
static bool get_sip(const struct wctx *c, size_t i)
{
	return i < c->d->topo.sip_domains.n &&
	       strlist_find_ci(&c->d->cert.sip_domain_sans, c->d->topo.sip_domains.v[i]) >= 0;
}

static void set_sip(struct wctx *c, size_t i, bool v)
{
	struct strlist *l = &c->d->cert.sip_domain_sans;
	long at;

	if (i >= c->d->topo.sip_domains.n)
		return;
	at = strlist_find_ci(l, c->d->topo.sip_domains.v[i]);
	if (v && at < 0)
		strlist_push(l, c->d->topo.sip_domains.v[i]);
	else if (!v && at >= 0)
		strlist_remove(l, (size_t)at);
}

/* Like Lync, the choices are the topology's SIP domains: one no longer in
 * the topology cannot be in the certificate, so it goes. */
static void sip_enter(struct wctx *c)
{
	struct strlist *l = &c->d->cert.sip_domain_sans;

	for (size_t i = l->n; i-- > 0;)
		if (strlist_find_ci(&c->d->topo.sip_domains, l->v[i]) < 0)
			strlist_remove(l, i);
}

static const struct wfield sip_fields[] = {
	{.id = "sip_domain_sans", .label = N_("SIP domains:"), .kind = WF_CHECKLIST,
	 .help = N_("Each domain checked adds sip.<domain> to the certificate, for clients "
		    "that find the Access Edge by that name."),
	 .items = sip_items, .get_item = get_sip, .set_item = set_sip},
};

/* --- 11: additional names --- */

/* The domains given an SRV record, from the same list as the DNS screen:
 * a partner checks the certificate against the domain it dialled. */
static void srv_items(const struct wctx *c, struct strlist *out)
{
	struct strlist doms = {0};
	bool xmpp = san_srv_from_xmpp(c->d);

	san_srv_domains(c->d, &doms);
	for (size_t i = 0; i < doms.n; i++)
		strlist_push_owned(out, xasprintf(xmpp ? _("%s  (XMPP domain with an SRV record, "
							   "from the topology)")
						       : _("%s  (SIP domain with an SRV record, "
							   "from the topology)"),
						  doms.v[i]));
	strlist_free(&doms);
}

static const struct wfield more_fields[] = {
	{.id = "additional_sans", .label = N_("Additional subject alternative names:"),
	 .kind = WF_LIST, .maxlen = 253, .key = "certificate.additional_sans",
	 .help = N_("Names to add to the certificate beyond those derived from the topology. "
		    "Every domain given an _xmpp-server._tcp SRV record is listed already (the "
		    "XMPP domains when the XMPP proxy is installed, otherwise every SIP domain): "
		    "a partner checks the certificate against the domain it dialled. "
		    "Wildcards (*.contoso.com) are refused: the Edge does not support them."),
	 .items = srv_items},
};

/* --- 12: summary --- */

static char *summary_text(const struct wctx *c)
{
	const struct certreq *r = &c->d->cert;
	char *subject = subject_text(c), *sans = sans_text(c), *s;
	char *req = certrun_path(c, r->request_file), *key = certrun_path(c, r->key_file);

	s = xasprintf(_("Request file: %s\nPrivate key file: %s\nDelayed request: %s\n"
			"Certificate template: %s\nFriendly name: %s\nBit length: %d\n"
			"Private key exportable: %s\nClient authentication EKU: %s\n"
			"Key passphrase: %s\n\nSubject:\n%s\n\nSubject alternative names:\n%s"),
		      req, key, r->delayed ? _("yes") : _("no"),
		      r->template_name ? r->template_name : _("none"),
		      r->friendly_name ? r->friendly_name : "", r->key_bits,
		      r->exportable ? _("yes") : _("no"), r->client_eku ? _("yes") : _("no"),
		      set(st(c)->pass) ? _("given (not shown)") : _("none"), subject, sans);
	free(subject);
	free(sans);
	free(req);
	free(key);
	return s;
}

static const struct wfield summary_fields[] = {
	{.id = "summary", .label = N_("The request:"), .kind = WF_VIEWER,
	 .help = N_("Everything the request will hold. Up and Down scroll; Back changes a "
		    "setting; Next generates the key and writes the request."),
	 .text = summary_text},
};

/* --- 13, 14: executing, and the file --- */

static bool failed(const struct wctx *c)
{
	return !st(c)->done && st(c)->outcome_error;
}

static const struct wfield exec_fields[] = {
	{.id = "status", .label = N_("Status:"), .kind = WF_NOTE, .diag = "executing",
	 /* TRANSLATORS: %s is a key name such as Esc */
	 .help = N_("Generating the key takes from a second to a minute, depending on its "
		    "size; %s cancels it."), .help_keys = KEYACTS(TK_CANCEL),
	 .text = certrun_outcome},
	{.id = "run", .kind = WF_BUTTON, .caption = N_("Run Again"), .visible = failed,
	 .help = N_("Tries again, after a cancel or a failure."), .press = certrun_press_run},
	{.id = "log", .kind = WF_BUTTON, .caption = N_("View Log"),
	 .help = N_("What was done, with times; the same lines go to the log file beside the "
		    "deployment file."),
	 .press = certrun_view_log},
};

static const struct wfield done_fields[] = {
	{.id = "next_steps", .kind = WF_NOTE, .flags = WFF_NOLABEL, .text = certrun_next_steps},
	{.id = "view", .kind = WF_BUTTON, .caption = N_("View"),
	 .help = N_("The request decoded (subject, alternative names, key size, extensions, "
		    "signature check), then its PEM text."),
	 .press = certrun_view_request},
};

static bool topology_known(const struct wctx *c)
{
	return !st(c)->need_topology;
}

static const struct wpage pages[] = {
	{.id = "request", .title = N_("Certificate Request"), .fields = request_fields,
	 .help = N_("The Edge external certificate is the one XMPP federation needs."),
	 .nfields = sizeof request_fields / sizeof *request_fields},
	{.id = "delayed", .title = N_("Delayed or Immediate Request"), .fields = delayed_fields,
	 .help = N_("Edge certificates come from a public CA, so the request is prepared now "
		    "and sent later."),
	 .nfields = sizeof delayed_fields / sizeof *delayed_fields},
	{.id = "file", .title = N_("Certificate Request File"), .fields = file_fields,
	 .help = N_("Where the request and its private key are written."),
	 .nfields = sizeof file_fields / sizeof *file_fields, .validate = validate_files},
	{.id = "template", .title = N_("Specify Alternate Certificate Template"),
	 .fields = template_fields, .help = N_("Only for an enterprise CA."),
	 .nfields = sizeof template_fields / sizeof *template_fields, .validate = validate_cert},
	{.id = "security", .title = N_("Name and Security Settings"), .fields = security_fields,
	 .help = N_("The certificate's friendly name and its key."),
	 .nfields = sizeof security_fields / sizeof *security_fields,
	 .validate = validate_security},
	{.id = "organization", .title = N_("Organization Information"), .fields = org_fields,
	 .help = N_("Who the certificate is for, as the CA will verify it."),
	 .nfields = sizeof org_fields / sizeof *org_fields, .validate = validate_cert},
	{.id = "geography", .title = N_("Geographical Information"), .fields = geo_fields,
	 .intro = N_("Write the state and city out in full, without abbreviations."),
	 .help = N_("Where the organization is, as the CA will verify it."),
	 .nfields = sizeof geo_fields / sizeof *geo_fields, .validate = validate_cert},
	{.id = "topology", .title = N_("Edge Topology"),
	 .intro = N_("The deployment file lacks the Edge topology, which Lync reads from its "
		     "topology: type the names as the Topology Builder shows them."),
	 .help = N_("The Edge pool's external names and the SIP and XMPP domains; the "
		    "certificate's names are derived from them."),
	 .fields = topology_fields, .nfields = TOPOLOGY_NFIELDS, .skip = topology_known,
	 .validate = topology_page_validate},
	{.id = "subject", .title = N_("Subject Name/Subject Alternate Names"),
	 .intro = N_("Filled in automatically from the topology."),
	 .help = N_("The names the certificate will hold."),
	 .fields = subject_fields, .nfields = sizeof subject_fields / sizeof *subject_fields,
	 .validate = validate_cert},
	{.id = "sip", .title = N_("SIP Domain Setting on Subject Alternate Names (SANs)"),
	 .fields = sip_fields, .nfields = sizeof sip_fields / sizeof *sip_fields, .enter = sip_enter,
	 .help = N_("Choose the SIP domains whose sip.<domain> name goes into the certificate."),
	 .validate = validate_cert},
	{.id = "additional", .title = N_("Configure Additional Subject Alternate Names"),
	 .fields = more_fields, .nfields = sizeof more_fields / sizeof *more_fields,
	 .validate = validate_cert,
	 .help = N_("Extra names for the certificate; no wildcards.")},
	{.id = "summary", .title = N_("Request Summary"), .fields = summary_fields,
	 .nfields = sizeof summary_fields / sizeof *summary_fields,
	 .help = N_("Review everything before the key is generated.")},
	{.id = "executing", .title = N_("Executing Commands"), .fields = exec_fields,
	 .nfields = sizeof exec_fields / sizeof *exec_fields, .run = certrun_run,
	 .validate = certrun_validate,
	 .help = N_("The key is generated, written (mode 0600), the request built, written, "
		    "read back and verified, and the deployment file records it.")},
	{.id = "done", .title = N_("Certificate Request File"), .fields = done_fields,
	 .nfields = sizeof done_fields / sizeof *done_fields, .flags = WPF_NO_BACK,
	 .help = N_("The request is ready to send to the CA.")},
};

static void begin(struct wctx *c)
{
	certrun_begin(c);
	st(c)->need_topology = !home_topology_complete(c->d);
}

const struct wizard certwizard = {
	.id = "certificate",
	.title = N_("Certificate Wizard"),
	.pages = pages,
	.npages = sizeof pages / sizeof *pages,
	.begin = begin,
	.end = certrun_end,
};
