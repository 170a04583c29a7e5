/* SPDX-License-Identifier: ISC */
/* The exports against the expected files in tests/fixtures/export/, the
 * Front End's script read back the way PowerShell tokenizes single-quoted
 * strings, to show that hostile values stay inert, and its variants: policy
 * identities, the Access Edge setting, the Topology Builder step. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "export.h"
#include "xalloc.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

#define RSQUO "\xE2\x80\x99" /* U+2019 */
#define LSQUO "\xE2\x80\x98" /* U+2018 */
#define SBQUO "\xE2\x80\x9A" /* U+201A */
#define RQUOR "\xE2\x80\x9B" /* U+201B */

static const char *const hostile_desc[] = {
	"It's \"quoted\" `backtick` $(Remove-Item C:\\) ; echo done",
	"line one\nline two\r\n$(Remove-Item C:\\)",
	"Partner" RSQUO "s " LSQUO "x" RSQUO " " SBQUO "y" RQUOR " " RSQUO
	"; Remove-Item C:\\; " RSQUO,
};

static void list(struct strlist *l, const char *a, const char *b)
{
	strlist_push(l, a);
	if (b)
		strlist_push(l, b);
}

static struct partner *partner(const char *domain, const char *desc, enum partner_type type,
			       enum neg tls, enum neg sasl, bool dialback, bool keep_alive)
{
	struct partner *p = partner_new(domain);

	xstrset(&p->description, desc);
	p->type = type;
	p->tls = tls;
	p->sasl = sasl;
	p->dialback = dialback;
	p->keep_alive = keep_alive;
	return p;
}

static void contoso_partners(struct deployment *d)
{
	struct partner *p;

	deployment_add_partner(d, partner("gmail.com", "Google Talk", PARTNER_PUBLIC_UNVERIFIED,
					  NEG_NOTSUPPORTED, NEG_NOTSUPPORTED, true, false));
	p = partner("litwareinc.com", "Litware, a subsidiary on its own XMPP server",
		    PARTNER_FEDERATED, NEG_REQUIRED, NEG_REQUIRED, false, true);
	list(&p->additional_domains, "chat.litwareinc.com", "eu.litwareinc.com");
	deployment_add_partner(d, p);
	p = partner("tailspintoys.com", "Tailspin Toys, business partner", PARTNER_FEDERATED,
		    NEG_REQUIRED, NEG_OPTIONAL, true, true);
	p->proxy_fqdn = xstrdup("xmpp.tailspintoys.com");
	deployment_add_partner(d, p);
	deployment_add_partner(d, partner("jabber.org", "Public XMPP service",
					  PARTNER_PUBLIC_VERIFIED, NEG_OPTIONAL,
					  NEG_NOTSUPPORTED, true, true));
	deployment_add_partner(d, partner("adatum.com", "A. Datum, dialback over TLS only",
					  PARTNER_PUBLIC_UNVERIFIED, NEG_REQUIRED,
					  NEG_NOTSUPPORTED, true, true));
}

/* share/examples/contoso.yaml, built in C. */
static struct deployment *contoso(void)
{
	struct deployment *d = deployment_new();

	list(&d->topo.sip_domains, "contoso.com", "fabrikam.com");
	d->topo.access_edge_fqdn = xstrdup("sip.contoso.com");
	d->topo.webconf_edge_fqdn = xstrdup("webcon.contoso.com");
	d->topo.av_edge_fqdn = xstrdup("av.contoso.com");
	d->topo.xmpp_proxy = true;
	list(&d->topo.xmpp_domains, "contoso.com", NULL);
	d->cert.template_name = xstrdup("WebServer");
	d->cert.organization = xstrdup("Contoso Ltd");
	d->cert.organizational_unit = xstrdup("");
	d->cert.country = xstrdup("US");
	d->cert.state = xstrdup("Washington");
	d->cert.city = xstrdup("Redmond");
	list(&d->cert.sip_domain_sans, "contoso.com", "fabrikam.com");
	contoso_partners(d);
	d->policy.enable_xmpp_access = true;
	return d;
}

/* Values that would run code, end a string or a line, or add a record or
 * a name, in every field the exports write. */
static struct deployment *hostile(void)
{
	struct deployment *d = contoso();
	struct partner *p;

	for (size_t i = 0; i < sizeof hostile_desc / sizeof *hostile_desc; i++) {
		p = partner_new("");
		free(p->domain);
		p->domain = xasprintf("h%zu.example", i);
		p->description = xstrdup(hostile_desc[i]);
		deployment_add_partner(d, p);
	}
	p = d->partners[d->npartners - 1];
	xstrset(&p->domain, "evil.example\n$(Remove-Item C:\\)");
	list(&p->additional_domains, "a'b.example", "c" RSQUO "d.example");
	xstrset(&p->proxy_fqdn, "x'; Remove-Item C:\\; '");
	xstrset(&d->cert.organization, "Contoso \"Big\", Ltd; $(Remove-Item C:\\)");
	xstrset(&d->cert.organizational_unit, "R&D = \"Lab\"");
	xstrset(&d->cert.friendly_name, "Edge 100% 'x'\r\n[Version]");
	xstrset(&d->cert.template_name, "Web$(Server)");
	xstrset(&d->cert.city, "M\xC3\xBCnchen");
	list(&d->cert.additional_sans, "bad&name\r\nDNS=evil.example", "ok.example");
	list(&d->topo.sip_domains, "evil.example.\n@ 60 IN A 192.0.2.1", NULL);
	xstrset(&d->policy.identity, "p'; Remove-Item C:\\; '\n# x");
	return d;
}

static char *fixture_path(const char *name)
{
	const char *top = getenv("top_srcdir");

	return xasprintf("%s/tests/fixtures/export/%s", top && *top ? top : SRCDIR, name);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The line as C would write it, so a stray CR or byte shows. */
static char *visible(const char *s, size_t n)
{
	char *out = xmalloc(4 * n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r')
			o += sprintf(o, "\\r");
		else if (c == '\n')
			o += sprintf(o, "\\n");
		else if (c < 0x20)
			o += sprintf(o, "\\x%02x", c);
		else
			*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

/* Line by line, line ends included; on a difference the output is kept
 * beside the test (NAME.out) for a diff. */
static void compare_fixture(const char *got, const char *name)
{
	char *path = fixture_path(name), *want = slurp(path);
	const char *g = got, *w = want;

	for (int line = 1; *g || *w; line++) {
		size_t gn = strcspn(g, "\n") + (g[strcspn(g, "\n")] == '\n');
		size_t wn = strcspn(w, "\n") + (w[strcspn(w, "\n")] == '\n');

		if (gn != wn || memcmp(g, w, gn) != 0) {
			char *out = xasprintf("test_export.%s.out", name);
			FILE *f = fopen(out, "wb");
			char *vg = visible(g, gn), *vw = visible(w, wn);

			if (f) {
				fputs(got, f);
				fclose(f);
			}
			ck_abort_msg("%s line %d:\n  expected: %s\n  got:      %s\n(output in %s)",
				     path, line, vw, vg, out);
		}
		g += gn;
		w += wn;
	}
	free(want);
	free(path);
}

START_TEST(contoso_frontend)
{
	struct deployment *d = contoso();
	char *s = export_frontend_ps1(d);

	compare_fixture(s, "contoso.frontend.ps1");
	free(s);
	deployment_free(d);
}
END_TEST

START_TEST(contoso_inf)
{
	struct deployment *d = contoso();
	char *s = export_inf(d);

	compare_fixture(s, "contoso.inf");
	free(s);
	deployment_free(d);
}
END_TEST

START_TEST(contoso_zone)
{
	struct deployment *d = contoso();
	char *s = export_zone(d);

	compare_fixture(s, "contoso.zone");
	free(s);
	deployment_free(d);
}
END_TEST

START_TEST(hostile_fixtures)
{
	struct deployment *d = hostile();
	char *ps1 = export_frontend_ps1(d), *inf = export_inf(d), *zone;

	/* Without the XMPP proxy every SIP domain gets a record, the hostile
	 * one included. */
	d->topo.xmpp_proxy = false;
	zone = export_zone(d);
	compare_fixture(ps1, "hostile.frontend.ps1");
	compare_fixture(inf, "hostile.inf");
	compare_fixture(zone, "hostile.zone");
	free(zone);
	free(inf);
	free(ps1);
	deployment_free(d);
}
END_TEST

/* --- PowerShell's reading of single-quoted strings ---------------------- */

/* ' and U+2018..U+201B, which PowerShell takes for it: their length, or 0. */
static size_t quote_at(const char *p)
{
	if (*p == '\'')
		return 1;
	if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] >= 0x98 && (unsigned char)p[2] <= 0x9B)
		return 3;
	return 0;
}

struct tokens {
	struct strlist code;     /* what is outside literals and comments, per line */
	struct strlist literals; /* each literal's value */
};

/* One line: returns false when a literal is still open at its end. */
static bool tokenize_line(const char *p, size_t n, struct tokens *t)
{
	const char *end = p + n;
	char *code = xmalloc(n + 1), *c = code;

	while (p < end && *p != '#') {
		size_t q = quote_at(p);
		char *lit, *o;

		if (!q) {
			*c++ = *p++;
			continue;
		}
		o = lit = xmalloc(n + 1);
		for (p += q; p < end; p += q) {
			if (!(q = quote_at(p))) {
				*o++ = *p;
				q = 1;
			} else if (quote_at(p + q)) {
				memcpy(o, p, q);
				o += q;
				q += quote_at(p + q);
			} else {
				break;
			}
		}
		*o = '\0';
		strlist_push_owned(&t->literals, lit);
		if (p >= end) {
			free(code);
			return false;
		}
		p += q;
		*c++ = '\'';
	}
	*c = '\0';
	strlist_push_owned(&t->code, code);
	return true;
}

static void tokenize(const char *script, struct tokens *t)
{
	int line = 1;

	while (*script) {
		size_t n = strcspn(script, "\r\n");

		ck_assert_msg(tokenize_line(script, n, t),
			      "line %d ends inside a single-quoted string", line);
		script += n;
		ck_assert_msg(strncmp(script, "\r\n", 2) == 0, "line %d does not end in CRLF",
			      line);
		script += 2;
		line++;
	}
}

/* The value as the script must carry it: line breaks and controls as spaces. */
static char *flattened(const char *s)
{
	char *out = xstrdup(s);

	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	return out;
}

START_TEST(hostile_ps1_inert)
{
	struct deployment *d = hostile();
	char *ps1 = export_frontend_ps1(d);
	struct tokens t = {{0}, {0}};
	char *code;

	ck_assert(strncmp(ps1, "\xEF\xBB\xBF", 3) == 0);
	tokenize(ps1 + 3, &t);
	code = strlist_join(&t.code, "\n");
	ck_assert_msg(strstr(code, "$(") == NULL, "$( outside a literal:\n%s", code);
	ck_assert_msg(strpbrk(code, "`\";") == NULL, "` \" or ; outside a literal:\n%s", code);
	ck_assert_msg(strstr(code, "Remove-Item") == NULL, "Remove-Item outside a literal");
	for (size_t i = 0; i < sizeof hostile_desc / sizeof *hostile_desc; i++) {
		char *want = flattened(hostile_desc[i]);

		ck_assert_msg(strlist_find_ci(&t.literals, want) >= 0,
			      "description %zu does not come back whole: %s", i, want);
		free(want);
	}
	ck_assert(strlist_find_ci(&t.literals, "x'; Remove-Item C:\\; '") >= 0);
	ck_assert(strlist_find_ci(&t.literals, "evil.example $(Remove-Item C:\\)") >= 0);
	ck_assert(strlist_find_ci(&t.literals, "c" RSQUO "d.example") >= 0);
	ck_assert(strlist_find_ci(&t.literals, "p'; Remove-Item C:\\; ' # x") >= 0);
	free(code);
	strlist_free(&t.code);
	strlist_free(&t.literals);
	free(ps1);
	deployment_free(d);
}
END_TEST

START_TEST(same_input_same_bytes)
{
	struct deployment *a = contoso(), *b = deployment_clone(a);
	char *(*const exports[])(const struct deployment *) = {export_frontend_ps1, export_inf,
							       export_zone};

	for (size_t i = 0; i < 3; i++) {
		char *x = exports[i](a), *y = exports[i](b);

		ck_assert_str_eq(x, y);
		free(x);
		free(y);
	}
	deployment_free(b);
	deployment_free(a);
}
END_TEST

START_TEST(line_ends)
{
	struct deployment *d = contoso();
	char *ps1 = export_frontend_ps1(d), *inf = export_inf(d), *zone = export_zone(d);

	for (const char *p = strchr(ps1, '\n'); p; p = strchr(p + 1, '\n'))
		ck_assert_msg(p[-1] == '\r', "bare LF in the script");
	for (const char *p = strchr(inf, '\n'); p; p = strchr(p + 1, '\n'))
		ck_assert_msg(p[-1] == '\r', "bare LF in the INF");
	ck_assert(strchr(zone, '\r') == NULL);
	ck_assert(zone[strlen(zone) - 1] == '\n');
	free(zone);
	free(inf);
	free(ps1);
	deployment_free(d);
}
END_TEST

/* Not every SIP domain chosen, no template, client EKU: the INF follows. */
START_TEST(request_variants)
{
	struct deployment *d = contoso();
	char *inf;

	strlist_clear(&d->cert.sip_domain_sans);
	strlist_push(&d->cert.sip_domain_sans, "fabrikam.com");
	free(d->cert.template_name);
	d->cert.template_name = NULL;
	d->cert.client_eku = true;
	inf = export_inf(d);
	ck_assert(strstr(inf, "OID=1.3.6.1.5.5.7.3.1\r\nOID=1.3.6.1.5.5.7.3.2\r\n") != NULL);
	ck_assert(strstr(inf, "RequestAttributes") == NULL);
	ck_assert(strstr(inf, "_continue_ = \"DNS=sip.fabrikam.com&\"\r\n") != NULL);
	free(inf);
	deployment_free(d);
}
END_TEST

START_TEST(policy_and_partners_off)
{
	struct deployment *d = contoso();
	char *ps1;

	d->policy.enable_xmpp_access = false;
	while (d->npartners)
		deployment_remove_partner(d, 0);
	ps1 = export_frontend_ps1(d);
	ck_assert(strstr(ps1, "\r\n    EnableXmppAccess = $false\r\n") != NULL);
	ck_assert(strstr(ps1, "# The deployment leaves XMPP access off in this policy") != NULL);
	ck_assert(strstr(ps1, "\r\n$partners = @()\r\n") != NULL);
	ck_assert(strstr(ps1, "# The deployment has none: with -Prune, every partner") != NULL);
	free(ps1);
	deployment_free(d);
}
END_TEST

/* A new deployment has no topology: each export says what is missing. */
/* The SRV lines of the zone, in order. */
static char *srv_lines(const char *zone)
{
	struct strlist l = {0};
	const char *p = zone;
	char *s;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (strncmp(p, "_xmpp-server.", 13) == 0)
			strlist_push_owned(&l, xstrndup(p, n));
		p += n + (p[n] == '\n');
	}
	s = strlist_join(&l, "\n");
	strlist_free(&l);
	return s;
}

/* lync-facts.md section 6: the records are the XMPP domains' (child
 * domains such as corp.contoso.com included), not every SIP domain's. */
START_TEST(zone_xmpp_domains)
{
	struct deployment *d = contoso();
	char *zone, *srv;

	strlist_clear(&d->topo.xmpp_domains);
	list(&d->topo.xmpp_domains, "contoso.com", "corp.contoso.com");
	strlist_push(&d->topo.xmpp_domains, "Corp.Contoso.COM.");
	zone = export_zone(d);
	srv = srv_lines(zone);
	ck_assert_str_eq(srv, "_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.\n"
			      "_xmpp-server._tcp.corp.contoso.com. 3600 IN SRV 0 0 5269 "
			      "sip.contoso.com.");
	ck_assert_ptr_nonnull(strstr(zone, "\n; One SRV record per XMPP domain "
					   "(topology.xmpp_domains).\n"));
	free(srv);
	free(zone);
	/* Without the proxy the XMPP domains do not apply: every SIP domain. */
	d->topo.xmpp_proxy = false;
	zone = export_zone(d);
	srv = srv_lines(zone);
	ck_assert_str_eq(srv, "_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.\n"
			      "_xmpp-server._tcp.fabrikam.com. 3600 IN SRV 0 0 5269 "
			      "sip.contoso.com.");
	free(srv);
	free(zone);
	/* XMPP domains alone are enough to publish. */
	d->topo.xmpp_proxy = true;
	strlist_clear(&d->topo.sip_domains);
	zone = export_zone(d);
	srv = srv_lines(zone);
	ck_assert_str_eq(srv, "_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.\n"
			      "_xmpp-server._tcp.corp.contoso.com. 3600 IN SRV 0 0 5269 "
			      "sip.contoso.com.");
	free(srv);
	free(zone);
	deployment_free(d);
}
END_TEST

START_TEST(nothing_to_export)
{
	struct deployment *d = deployment_new();
	char *ps1 = export_frontend_ps1(d), *inf = export_inf(d), *zone = export_zone(d);

	ck_assert(strstr(ps1, "# Written by xmppgw from the deployment with Access Edge (none),\r\n"
			      "# SIP domains (none), and 0 XMPP federated partners.\r\n"));
	ck_assert(strstr(ps1, "\r\n$partners = @()\r\n"));
	ck_assert(strstr(inf, "[NewRequest]") == NULL);
	ck_assert(strstr(inf, "; Nothing to request: the deployment has no Access Edge FQDN"));
	ck_assert(strstr(zone, "IN SRV") == NULL);
	ck_assert(strstr(zone, "; Nothing to publish: the deployment has no valid Access Edge"));
	ck_assert(strstr(zone, "; TCP 5269 in and out"));
	free(zone);
	free(inf);
	free(ps1);
	strlist_push(&d->topo.sip_domains, "contoso.com");
	d->dns.srv_target = xstrdup("xmpp.contoso.com.");
	d->dns.ttl = 300;
	d->dns.priority = 10;
	d->dns.weight = 5;
	zone = export_zone(d);
	ck_assert(strstr(zone, "\n_xmpp-server._tcp.contoso.com. 300 IN SRV 10 5 5269 "
			       "xmpp.contoso.com.\n"));
	ck_assert(strstr(zone, "\n; xmpp.contoso.com. 300 IN A <"));
	strlist_clear(&d->topo.sip_domains);
	free(zone);
	zone = export_zone(d);
	ck_assert(strstr(zone, "; Nothing to publish: the deployment has no SIP domain."));
	free(zone);
	deployment_free(d);
}
END_TEST

/* The partner's hashtable, from "    @{" to "    }", as a new string. */
static char *partner_block(const char *ps1, const char *domain)
{
	char *key = xasprintf("        Identity = '%s'\r\n", domain);
	const char *at = strstr(ps1, key), *start, *end;

	free(key);
	ck_assert_msg(at != NULL, "no hashtable for %s", domain);
	for (start = at; strncmp(start, "    @{\r\n", 8) != 0; start--)
		;
	end = strstr(at, "\r\n    }\r\n");
	ck_assert(end != NULL);
	return xasprintf("%.*s", (int)(end + 2 - start), start);
}

/* Only the values the deployment sets: an empty description, proxy or list
 * of additional domains is left out of the hashtable (New takes the
 * cmdlet's default, Set empties it through the comparison), never $null. */
START_TEST(only_set_values)
{
	struct deployment *d = contoso();
	char *ps1, *gmail, *litware, *tailspin;

	xstrset(&d->partners[0]->description, "");
	ps1 = export_frontend_ps1(d);
	gmail = partner_block(ps1, "gmail.com");
	litware = partner_block(ps1, "litwareinc.com");
	tailspin = partner_block(ps1, "tailspintoys.com");
	ck_assert(strstr(gmail, "Description") == NULL);
	ck_assert(strstr(gmail, "AdditionalDomains") == NULL);
	ck_assert(strstr(gmail, "ProxyFqdn") == NULL);
	ck_assert(strstr(gmail, "        PartnerType = 'PublicUnverified'\r\n"));
	ck_assert(strstr(gmail, "        SupportDialbackNegotiation = $true\r\n"));
	ck_assert(strstr(gmail, "        EnableKeepAlive = $false\r\n"));
	ck_assert(strstr(litware, "        AdditionalDomains = @('chat.litwareinc.com', "
				  "'eu.litwareinc.com')\r\n"));
	ck_assert(strstr(tailspin, "        ProxyFqdn = 'xmpp.tailspintoys.com'\r\n"));
	ck_assert_msg(strstr(ps1, "$null") == NULL, "$null in the script");
	ck_assert(strstr(ps1, "$set['AdditionalDomains'] = @{ Remove = "
			      "@($current[0].AdditionalDomains) }"));
	free(tailspin);
	free(litware);
	free(gmail);
	free(ps1);
	deployment_free(d);
}
END_TEST

/* A domain written with the root's dot is the partner Lync knows without
 * it: Identity, additional domains and proxy go without the dot, or the
 * next run would not find the partner by its own name. */
START_TEST(domains_without_root_dot)
{
	struct deployment *d = contoso();
	char *ps1, *gmail, *litware, *tailspin;

	xstrset(&d->partners[0]->domain, "gmail.com.");
	xstrset(&d->partners[1]->additional_domains.v[1], "eu.litwareinc.com.");
	strlist_push(&d->partners[1]->additional_domains, "EU.litwareinc.com");
	xstrset(&d->partners[2]->proxy_fqdn, "xmpp.tailspintoys.com.");
	ps1 = export_frontend_ps1(d);
	gmail = partner_block(ps1, "gmail.com");
	litware = partner_block(ps1, "litwareinc.com");
	tailspin = partner_block(ps1, "tailspintoys.com");
	ck_assert_msg(gmail != NULL, "no partner gmail.com");
	ck_assert(strstr(litware, "        AdditionalDomains = @('chat.litwareinc.com', "
				  "'eu.litwareinc.com')\r\n"));
	ck_assert(strstr(tailspin, "        ProxyFqdn = 'xmpp.tailspintoys.com'\r\n"));
	ck_assert(strstr(ps1, ".com.'") == NULL);
	free(tailspin);
	free(litware);
	free(gmail);
	free(ps1);
	deployment_free(d);
}
END_TEST

/* No certificate cmdlet, no service restart: those run on the Edge. */
START_TEST(frontend_only)
{
	struct deployment *d = contoso();
	char *ps1 = export_frontend_ps1(d);

	ck_assert(strstr(ps1, "CsCertificate") == NULL);
	ck_assert(strstr(ps1, "certutil") == NULL);
	ck_assert(strstr(ps1, "PfxCertificate") == NULL);
	ck_assert(strstr(ps1, "CsWindowsService") == NULL);
	ck_assert(strncmp(ps1 + 3, "# Lync Server 2013 XMPP gateway: the Front End's script.\r\n",
			  57) == 0);
	ck_assert(strstr(ps1, "\r\n[CmdletBinding(SupportsShouldProcess = $true)]\r\nparam(\r\n"
			      "    [switch]$Prune\r\n)\r\n"));
	/* What New- returns stays out of the output, which is the summary. */
	ck_assert(strstr(ps1, "\r\n        & $Change | Out-Null\r\n"));
	free(ps1);
	deployment_free(d);
}
END_TEST

static char *frontend_with_policy(const char *identity, bool allow, bool builder)
{
	struct deployment *d = contoso();
	char *ps1;

	xstrset(&d->policy.identity, identity);
	d->edge.allow_federated_users = allow;
	d->topo.builder_done = builder;
	ps1 = export_frontend_ps1(d);
	deployment_free(d);
	return ps1;
}

START_TEST(policy_global)
{
	char *ps1 = frontend_with_policy("global", false, false);

	ck_assert(strstr(ps1, "$policy = @{\r\n    Identity = 'global'\r\n"
			      "    EnableFederationAccess = $true\r\n"
			      "    EnableXmppAccess = $true\r\n}\r\n"));
	ck_assert(strstr(ps1, "Grant-CsExternalAccessPolicy") == NULL);
	free(ps1);
}
END_TEST

START_TEST(policy_site)
{
	char *ps1 = frontend_with_policy("site:Redmond", false, false);

	ck_assert(strstr(ps1, "$policy = @{\r\n    Identity = 'site:Redmond'\r\n"));
	ck_assert(strstr(ps1, "        New-CsExternalAccessPolicy @policy -Confirm:$false\r\n"));
	ck_assert(strstr(ps1, "Grant-CsExternalAccessPolicy") == NULL);
	free(ps1);
}
END_TEST

/* A user policy is created when missing, and granted by the administrator:
 * the Grant lines are comments, with the name quoted inert. */
START_TEST(policy_user)
{
	char *ps1 = frontend_with_policy("XMPP users", false, false);
	char *tagged = frontend_with_policy("Tag:It's", false, false);

	ck_assert(strstr(ps1, "$policy = @{\r\n    Identity = 'XMPP users'\r\n"));
	ck_assert(strstr(ps1, "\r\n# The user policy XMPP users applies only to the users it is "
			      "granted to."));
	ck_assert(strstr(ps1, "\r\n#   Get-CsUser -Filter {RegistrarPool -eq 'pool01.contoso.com'} "
			      "| Grant-CsExternalAccessPolicy -PolicyName 'XMPP users'\r\n"));
	ck_assert(strstr(ps1, "\r\n#   Get-CsUser -OU 'OU=Sales,DC=contoso,DC=com' | "
			      "Grant-CsExternalAccessPolicy -PolicyName 'XMPP users'\r\n"));
	ck_assert(strstr(ps1, "\r\nGrant-") == NULL);
	ck_assert(strstr(tagged, "    Identity = 'Tag:It''s'\r\n"));
	ck_assert(strstr(tagged, "Grant-CsExternalAccessPolicy -PolicyName 'It''s'\r\n"));
	free(tagged);
	free(ps1);
}
END_TEST

START_TEST(edge_federation)
{
	char *off = frontend_with_policy("global", false, false);
	char *on = frontend_with_policy("global", true, false);

	ck_assert(strstr(off, "Set-CsAccessEdgeConfiguration -AllowFederatedUsers") == NULL);
	ck_assert(strstr(off, "    [void]$summary.Add($text.EdgeClosed)\r\n"));
	ck_assert(strstr(on, "        Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true "
			     "-Confirm:$false\r\n"));
	ck_assert(strstr(on, "# The deployment asks for it: this opens federation for the whole "
			     "Edge"));
	free(on);
	free(off);
}
END_TEST

START_TEST(builder_step)
{
	char *todo = frontend_with_policy("global", false, false);
	char *done = frontend_with_policy("global", false, true);

	ck_assert(strstr(todo, "\r\n# One step no cmdlet does, in Topology Builder"));
	ck_assert(strstr(todo, "# To verify: on the Edge, netstat -ano | findstr 5269"));
	ck_assert(strstr(todo, "# netstat -ano | findstr 23456"));
	ck_assert(strstr(todo, "\r\n[void]$summary.Add($text.Builder)\r\n"));
	ck_assert(strstr(done, "Topology Builder,") == NULL);
	ck_assert(strstr(done, "findstr") == NULL);
	ck_assert(strstr(done, "$summary.Add($text.Builder)") == NULL);
	free(done);
	free(todo);
}
END_TEST

static Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("export");

	tcase_add_test(tc, contoso_frontend);
	tcase_add_test(tc, contoso_inf);
	tcase_add_test(tc, contoso_zone);
	tcase_add_test(tc, hostile_fixtures);
	tcase_add_test(tc, hostile_ps1_inert);
	tcase_add_test(tc, same_input_same_bytes);
	tcase_add_test(tc, line_ends);
	tcase_add_test(tc, request_variants);
	tcase_add_test(tc, policy_and_partners_off);
	tcase_add_test(tc, zone_xmpp_domains);
	tcase_add_test(tc, nothing_to_export);
	tcase_add_test(tc, only_set_values);
	tcase_add_test(tc, domains_without_root_dot);
	tcase_add_test(tc, frontend_only);
	tcase_add_test(tc, policy_global);
	tcase_add_test(tc, policy_site);
	tcase_add_test(tc, policy_user);
	tcase_add_test(tc, edge_federation);
	tcase_add_test(tc, builder_step);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(export_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
