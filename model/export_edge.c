/* SPDX-License-Identifier: ISC */
/* The Edge Server's script: the Edge external certificate imported from the
 * PFX, assigned, checked and put to use, or (request_on_edge) requested by
 * the Edge itself. It runs on each Edge of the pool, which holds only a
 * read-only replica of the Central Management Store: nothing in it writes
 * there. Like the Front End's script it is UTF-8 with a BOM and CRLF line
 * ends (see export_ps1.c), and every value from the deployment is an inert
 * single-quoted literal or comment text (pstext.h). */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "pfx.h"
#include "pstext.h"
#include "san.h"
#include "subject.h"
#include "validate.h"
#include "xalloc.h"

#define EDGE_TYPES "AccessEdgeExternal,DataEdgeExternal,AudioVideoAuthentication"
/* The same as a list of literals: one argument to -Type, as PowerShell
 * reads the bare words, and plain to any reader of the script. */
#define EDGE_TYPES_PS "'AccessEdgeExternal', 'DataEdgeExternal', 'AudioVideoAuthentication'"

static bool set(const char *s)
{
	return s && *s;
}

/* A comment: every line of text behind "# ", values already inert. */
static void comment(struct strlist *l, const char *text)
{
	strlist_push_lines(l, "#", text);
}

/* "    key = 'value'" in a splatted hash table. */
static void put_string(struct strlist *l, const char *key, const char *value)
{
	char *q = pstext_literal(value);

	strlist_pushf(l, "    %s = %s", key, q);
	free(q);
}

static void put_if_set(struct strlist *l, const char *key, const char *value)
{
	if (set(value))
		put_string(l, key, value);
}

/* A statement with one translated message as a quoted literal between
 * before and after. */
static void put_msg(struct strlist *l, const char *before, const char *msg, const char *after)
{
	char *q = pstext_literal(msg);

	strlist_pushf(l, "%s%s%s", before, q, after);
	free(q);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The file beside the script: name's last component with its extension
 * replaced by ext. */
static char *beside(const char *name, const char *ext)
{
	const char *b = base_name(name), *dot = strrchr(b, '.');

	return xasprintf("%.*s%s", (int)(dot && dot != b ? dot - b : (long)strlen(b)), b, ext);
}

/* The PFX's file name: the last one `cert pfx` wrote, else the one it
 * would write (pfx_default_name), else the key's name with .pfx. */
static char *pfx_name(const struct deployment *d)
{
	const struct cert_issued *i = &d->cert.issued;
	char *chosen, *s;

	if (set(i->pfx_file))
		return xstrdup(base_name(i->pfx_file));
	if ((chosen = pfx_default_name(d))) {
		s = xstrdup(base_name(chosen));
		free(chosen);
		return s;
	}
	if (set(i->key_file))
		return beside(i->key_file, ".pfx");
	if (set(d->cert.key_file))
		return beside(d->cert.key_file, ".pfx");
	return xstrdup("edge-external.pfx");
}

static void put_header(struct strlist *l, const struct deployment *d)
{
	char *edge = pstext_comment(set(d->topo.access_edge_fqdn) ? d->topo.access_edge_fqdn
								  : _("(none)"));
	char *text = xasprintf(_("Lync Server 2013 XMPP gateway: the Edge external certificate.\n"
				 "Written by xmppgw for the Edge pool whose Access Edge is %s.\n"
				 "\n"
				 "Run it in an elevated Lync Server Management Shell (Run as "
				 "administrator)\n"
				 "on each Edge Server of the pool, one after the other. It changes "
				 "only that\n"
				 "Edge Server: its certificate store, its certificate assignment "
				 "and its\n"
				 "services. The XMPP partners and the access policy live in the "
				 "Central\n"
				 "Management Store, which the Front End's script changes; nothing "
				 "here writes\n"
				 "there."), edge);

	comment(l, text);
	free(text);
	free(edge);
}

/* $var must be an absolute path (a drive or a UNC share): a relative one
 * would be taken from wherever the shell happens to be. The messages hold
 * {0} where the path goes; missing NULL: the file is to be written, so it
 * need not exist. */
static void put_path_check(struct strlist *l, const char *in, const char *var,
			   const char *relative, const char *missing)
{
	char *q = pstext_literal(relative);

	strlist_pushf(l, "%sif ($%s -notmatch '^([A-Za-z]:\\\\|\\\\\\\\)') {", in, var);
	strlist_pushf(l, "%s    throw (%s -f $%s)", in, q, var);
	strlist_pushf(l, "%s}", in);
	free(q);
	if (!missing)
		return;
	q = pstext_literal(missing);
	strlist_pushf(l, "%sif (-not (Test-Path -LiteralPath $%s -PathType Leaf)) {", in, var);
	strlist_pushf(l, "%s    throw (%s -f $%s)", in, q, var);
	strlist_pushf(l, "%s}", in);
	strlist_pushf(l, "%s$%s = (Resolve-Path -LiteralPath $%s).ProviderPath", in, var, var);
	free(q);
}

/* ---- import, assign, check, restart -------------------------------------- */

/* "Label: value" lines of the certificate, values inert. */
static void put_fact(struct strlist *l, const char *label, const char *value)
{
	char *v = pstext_comment(set(value) ? value : _("(not recorded)"));
	char *line = xasprintf("%s %s", label, v);

	comment(l, line);
	free(line);
	free(v);
}

static void put_pfx_usage(struct strlist *l, const struct deployment *d, const char *pfx)
{
	const struct cert_issued *i = &d->cert.issued;
	char *name = pstext_comment(pfx);
	char *text = xasprintf(_("Every Edge Server of the pool imports the same .pfx, %s, "
				 "written by\n"
				 "xmppgw cert pfx: A/V authentication needs "
				 "the same private key on "
				 "all of them.\n"
				 "\n"
				 "Without parameters it imports %s from this script's folder,\n"
				 "assigns the certificate, checks the assignment, and restarts the "
				 "Edge services.\n"
				 "  -PfxPath 'D:\\Certificates\\file.pfx'  another .pfx (an "
				 "absolute path).\n"
				 "  -Renewal -EffectiveDate '2026-12-24 "
				 "02:00'  a renewal while the "
				 "old\n"
				 "      certificate is in use: the Access "
				 "Edge and Web Conferencing "
				 "Edge take the\n"
				 "      new one now, A/V authentication rolls "
				 "over to it at that date\n"
				 "      (Set-CsCertificate -Roll), so that "
				 "the A/V tokens issued with "
				 "the old one\n"
				 "      (valid up to 8 hours) stay good "
				 "until then. Choose a date at "
				 "least 8 hours\n"
				 "      ahead and before the old certificate expires.\n"
				 "  -SkipImport  the certificate is in the "
				 "computer's store already "
				 "(see below)."),
			       name, name);

	put_fact(l, _("Thumbprint:"), i->thumbprint);
	put_fact(l, _("Subject:"), i->subject);
	put_fact(l, _("Issued by:"), i->issuer);
	put_fact(l, _("Valid until:"), i->not_after);
	put_fact(l, _("Friendly name:"), d->cert.friendly_name);
	strlist_push(l, "#");
	comment(l, text);
	free(text);
	free(name);
}

static void put_pfx_params(struct strlist *l, const char *pfx)
{
	char *q = pstext_literal(pfx);

	strlist_push(l, "");
	strlist_push(l, "param(");
	strlist_pushf(l, "    [string]$PfxPath = (Join-Path $PSScriptRoot %s),", q);
	strlist_push(l, "    [switch]$Renewal,");
	strlist_push(l, "    [datetime]$EffectiveDate,");
	strlist_push(l, "    [switch]$SkipImport");
	strlist_push(l, ")");
	free(q);
}

static void put_pfx_checks(struct strlist *l, const struct deployment *d)
{
	char *tp = pstext_literal(d->cert.issued.thumbprint);

	strlist_push(l, "");
	strlist_push(l, "$ErrorActionPreference = 'Stop'");
	strlist_pushf(l, "$thumbprint = %s", tp);
	strlist_push(l, "$types = " EDGE_TYPES_PS);
	strlist_push(l, "if (-not $SkipImport) {");
	put_path_check(l, "    ", "PfxPath",
		       _("-PfxPath must be an absolute path (C:\\folder\\file.pfx or "
			 "\\\\server\\share\\file.pfx), not {0}."),
		       _("There is no file {0}. Copy the .pfx written by xmppgw cert pfx beside "
			 "this script, or name it with -PfxPath."));
	strlist_push(l, "}");
	strlist_push(l, "if ($Renewal -and "
		     "-not $PSBoundParameters.ContainsKey('EffectiveDate')) {");
	put_msg(l, "    throw ",
		_("-Renewal needs -EffectiveDate: the date and time A/V authentication moves to "
		  "the new certificate."), "");
	strlist_push(l, "}");
	strlist_push(l, "if ($Renewal -and $EffectiveDate -le (Get-Date)) {");
	put_msg(l, "    throw (",
		_("-EffectiveDate {0} is not in the future; choose a date at least 8 hours "
		  "ahead."), " -f $EffectiveDate)");
	strlist_push(l, "}");
	free(tp);
}

static void put_import(struct strlist *l)
{
	strlist_push(l, "");
	comment(l, _("The .pfx password is typed here, and is written neither into this script "
		     "nor\n"
		     "anywhere else. Import-CsCertificate takes it as a string: it is plain "
		     "text in\n"
		     "memory only for that call, and that memory is zeroed after it.\n"
		     "The key is imported exportable, so that this Edge Server can pass it on "
		     "again.\n"
		     "\n"
		     "Should Import-CsCertificate fail on Windows Server 2008 R2, import from "
		     "a command\n"
		     "prompt instead, which asks for the password, then run this script with "
		     "-SkipImport:\n"
		     "  certutil -f -importpfx C:\\folder\\file.pfx"));
	strlist_push(l, "if (-not $SkipImport) {");
	put_msg(l, "    $secure = Read-Host -AsSecureString -Prompt ",
		_("Password of the .pfx file"), "");
	strlist_push(l, "    $bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR("
		     "$secure)");
	strlist_push(l, "    try {");
	strlist_push(l, "        $pw = [System.Runtime.InteropServices.Marshal]::PtrToStringBSTR("
		     "$bstr)");
	strlist_push(l, "        Import-CsCertificate -Path $PfxPath -Password $pw "
		     "-PrivateKeyExportable $true");
	strlist_push(l, "    } finally {");
	strlist_push(l, "        [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr)");
	strlist_push(l, "        Remove-Variable -Name 'pw', 'secure' "
		     "-ErrorAction SilentlyContinue");
	strlist_push(l, "    }");
	strlist_push(l, "}");
	strlist_push(l, "if (-not (Test-Path -LiteralPath ('Cert:\\LocalMachine\\My\\' + "
		     "$thumbprint))) {");
	put_msg(l, "    throw (",
		_("The computer's certificate store holds no certificate with the thumbprint "
		  "{0}: the .pfx is not the one xmppgw wrote for this deployment."),
		" -f $thumbprint)");
	strlist_push(l, "}");
}

static void put_assign(struct strlist *l)
{
	strlist_push(l, "");
	comment(l, _("One certificate serves the Access Edge, the Web Conferencing Edge and A/V\n"
		     "authentication on the external interface."));
	strlist_push(l, "if ($Renewal) {");
	strlist_push(l, "    Set-CsCertificate -Type 'AccessEdgeExternal', 'DataEdgeExternal' "
		     "-Thumbprint $thumbprint");
	strlist_push(l, "    Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint "
		     "$thumbprint -Roll -EffectiveDate $EffectiveDate");
	strlist_push(l, "} else {");
	strlist_push(l, "    Set-CsCertificate -Type " EDGE_TYPES_PS " -Thumbprint $thumbprint");
	strlist_push(l, "}");
}

static void put_verify(struct strlist *l)
{
	strlist_push(l, "");
	comment(l, _("Get-CsCertificate must show the certificate assigned to all three uses "
		     "before\n"
		     "the services are restarted."));
	strlist_push(l, "$assigned = @(Get-CsCertificate | Where-Object { $_.Thumbprint -eq "
		     "$thumbprint } | ForEach-Object { [string]$_.Use })");
	strlist_push(l, "$missing = @($types | Where-Object { $assigned -notcontains $_ })");
	strlist_push(l, "if ($missing.Count -gt 0) {");
	put_msg(l, "    throw (",
		_("Get-CsCertificate does not show the certificate {0} assigned to {1}. The "
		  "services were not restarted: assign it with Set-CsCertificate, then run this "
		  "script again with -SkipImport."), " -f $thumbprint, ($missing -join ', '))");
	strlist_push(l, "}");
	put_msg(l, "Write-Host (",
		_("The certificate {0} is assigned to {1}."),
		" -f $thumbprint, ($types -join ', '))");
}

static void put_restart(struct strlist *l)
{
	strlist_push(l, "");
	comment(l, _("Procedure step 17: once the certificate is imported and assigned, the Edge\n"
		     "services are stopped and started again so that they use it. Federation, "
		     "XMPP\n"
		     "and remote access drop while they restart: run it in a maintenance "
		     "window.\n"
		     "Errors of the two cmdlets are kept in an HTML report in %TEMP%."));
	put_msg(l, "Write-Host ",
		_("Restarting the Lync Server services of this Edge Server so that they use the "
		  "new certificate."), "");
	strlist_push(l, "Stop-CsWindowsService -Report (Join-Path $env:TEMP "
		     "'xmppgw-edge-stop.html')");
	strlist_push(l, "Start-CsWindowsService -Report (Join-Path $env:TEMP "
		     "'xmppgw-edge-start.html')");
	put_msg(l, "Write-Host ", _("Done. Run this script on the next Edge Server of the pool."),
		"");
}

static void put_pfx(struct strlist *l, const struct deployment *d)
{
	char *pfx = pfx_name(d);

	strlist_push(l, "#");
	put_pfx_usage(l, d, pfx);
	put_pfx_params(l, pfx);
	put_pfx_checks(l, d);
	put_import(l);
	put_assign(l);
	put_verify(l);
	put_restart(l);
	free(pfx);
}

/* ---- the Edge's own request ----------------------------------------------- */

/* Every SIP domain of the topology has its sip.<domain> name chosen. */
static bool all_sip_domains(const struct deployment *d)
{
	const struct strlist *all = &d->topo.sip_domains;

	for (size_t i = 0; i < all->n; i++)
		if (strlist_find_ci(&d->cert.sip_domain_sans, all->v[i]) < 0)
			return false;
	return all->n > 0;
}

static bool is_sip_name(const struct deployment *d, const char *name)
{
	for (size_t j = 0; j < d->cert.sip_domain_sans.n; j++)
		if (strncasecmp(name, "sip.", 4) == 0 &&
		    strcasecmp(name + 4, d->cert.sip_domain_sans.v[j]) == 0)
			return true;
	return false;
}

/* -DomainName: the SANs but the subject, without the sip.<domain> names
 * when -AllSipDomain adds them. A name that is not a DNS name is left out:
 * a comma in it would add a name nobody chose. */
static void request_domains(const struct deployment *d, bool all_sip, struct strlist *out)
{
	struct strlist sans = {0};

	san_derive(d, &sans);
	for (size_t i = 0; i < sans.n; i++) {
		const char *name = sans.v[i];

		if (!(all_sip && is_sip_name(d, name)) &&
		    (!set(d->topo.access_edge_fqdn) ||
		     strcasecmp(name, d->topo.access_edge_fqdn) != 0) &&
		    validate_dns_name(name, NULL) != VALID_ERR)
			strlist_push(out, name);
	}
	strlist_free(&sans);
}

static void put_request_usage(struct strlist *l, const struct deployment *d, const char *req)
{
	const char *key = set(d->cert.generated.key_file) ? d->cert.generated.key_file
							  : d->cert.key_file;
	char *k = pstext_comment(set(key) ? key : _("(none)"));
	char *r = pstext_comment(req);
	char *text = xasprintf(_("This Edge Server makes the key and the request itself "
				 "(certificate.request_on_edge):\n"
				 "the private key stays in its certificate store, as a pending "
				 "request, and the\n"
				 "key made by xmppgw on Linux (%s) is then unused.\n"
				 "Without parameters the request is written to %s in this script's "
				 "folder;\n"
				 "-RequestPath 'D:\\Certificates\\file.csr' "
				 "writes it elsewhere (an "
				 "absolute path).\n"
				 "Request-CsCertificate takes the subject (CN) from the topology: "
				 "the Access Edge\n"
				 "pool's FQDN."), k, r);

	comment(l, text);
	free(text);
	free(r);
	free(k);
}

/* Request-CsCertificate's parameter for each attribute of the subject;
 * none for the CN, which it takes from the topology. */
static void put_subject(struct strlist *l, const struct deployment *d)
{
	static const char *const params[SUBJECT_MAX] = {
		[SUBJ_O] = "Organization", [SUBJ_OU] = "OU", [SUBJ_L] = "City",
		[SUBJ_ST] = "State", [SUBJ_C] = "Country",
	};
	struct subject_attr a[SUBJECT_MAX];
	size_t n = subject_attrs(d, a);

	for (size_t i = 0; i < n; i++)
		if (params[a[i].field])
			put_string(l, params[a[i].field], a[i].value);
}

static void put_request_table(struct strlist *l, const struct deployment *d)
{
	const struct certreq *c = &d->cert;
	bool all_sip = all_sip_domains(d);
	struct strlist names = {0};

	strlist_push(l, "$request = @{");
	strlist_push(l, "    New = $true");
	strlist_push(l, "    Type = " EDGE_TYPES_PS);
	put_if_set(l, "FriendlyName", c->friendly_name);
	strlist_pushf(l, "    KeySize = %d", c->key_bits);
	strlist_push(l, "    PrivateKeyExportable = $true");
	put_subject(l, d);
	if (all_sip)
		strlist_push(l, "    AllSipDomain = $true");
	request_domains(d, all_sip, &names);
	if (names.n) {
		char *joined = strlist_join(&names, ",");

		put_string(l, "DomainName", joined);
		free(joined);
	}
	strlist_free(&names);
	put_if_set(l, "Template", c->template_name);
	if (c->client_eku)
		strlist_push(l, "    ClientEKU = $true");
	strlist_push(l, "    Output = $RequestPath");
	strlist_push(l, "}");
}

static void put_request(struct strlist *l, const struct deployment *d)
{
	char *req = beside(set(d->cert.request_file) ? d->cert.request_file : "edge-external.csr",
			   ".csr");
	char *q = pstext_literal(req);

	strlist_push(l, "#");
	put_request_usage(l, d, req);
	strlist_push(l, "");
	strlist_push(l, "param(");
	strlist_pushf(l, "    [string]$RequestPath = (Join-Path $PSScriptRoot %s)", q);
	strlist_push(l, ")");
	strlist_push(l, "");
	strlist_push(l, "$ErrorActionPreference = 'Stop'");
	put_path_check(l, "", "RequestPath",
		       _("-RequestPath must be an absolute path (C:\\folder\\file.csr or "
			 "\\\\server\\share\\file.csr), not {0}."), NULL);
	strlist_push(l, "");
	put_request_table(l, d);
	strlist_push(l, "Request-CsCertificate @request");
	put_msg(l, "Write-Host (",
		_("The request is in {0}: send it to the certification authority."),
		" -f $RequestPath)");
	strlist_push(l, "");
	comment(l, _("When the CA answers, on this same Edge Server (the pending request and "
		     "its key\n"
		     "are here):\n"
		     "  Import-CsCertificate -Path C:\\folder\\answer.cer\n"
		     "      processes the pending request: the answer joins the key made here.\n"
		     "  Get-CsCertificate -Type " EDGE_TYPES "\n"
		     "  Set-CsCertificate -Type " EDGE_TYPES " -Thumbprint "
		     "THUMBPRINT\n"
		     "      THUMBPRINT: the new certificate's, as Get-ChildItem "
		     "Cert:\\LocalMachine\\My shows it.\n"
		     "  Stop-CsWindowsService, then Start-CsWindowsService (procedure step 17).\n"
		     "Then export the certificate with its private key to a .pfx (Lync's "
		     "Certificate\n"
		     "Wizard, Export) and import that .pfx on every other Edge Server of the "
		     "pool:\n"
		     "A/V authentication needs the same key on all of them."));
	free(q);
	free(req);
}

static void put_nothing(struct strlist *l)
{
	strlist_push(l, "");
	comment(l, _("No certificate to assign: the deployment records no issued certificate\n"
		     "(certificate.issued.thumbprint). Process the CA's answer first with\n"
		     "xmppgw cert import, write the .pfx with xmppgw cert pfx, then export "
		     "this\n"
		     "script again."));
}

char *export_edge_ps1(const struct deployment *d)
{
	struct strlist lines = {0};
	char *out;

	put_header(&lines, d);
	if (d->cert.request_on_edge)
		put_request(&lines, d);
	else if (set(d->cert.issued.thumbprint))
		put_pfx(&lines, d);
	else
		put_nothing(&lines);
	out = pstext_script(&lines);
	strlist_free(&lines);
	return out;
}
