/* SPDX-License-Identifier: ISC */
/* The deployment file: the example loads as written and is written back
 * byte for byte, hostile strings survive a round trip, every kind of
 * problem is reported at its line and column, and saving is atomic. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "depfile.h"
#include "xalloc.h"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/xmppgw-depfile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static char *example_path(void)
{
	const char *top = getenv("top_srcdir");

	return xasprintf("%s/share/examples/contoso.yaml", top ? top : ".");
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = xmalloc(1 << 22);

	ck_assert_msg(f != NULL, "cannot open %s", path);
	*len = fread(buf, 1, (1 << 22) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int load(const char *text, struct deployment **d, struct diags *dg)
{
	return depfile_load_buffer("t.yaml", text, strlen(text), d, dg);
}

/* The first error as `check` prints it, without the file name. */
static char *first_error(const struct diags *dg)
{
	for (size_t i = 0; i < dg->n; i++)
		if (dg->v[i].sev == DIAG_ERROR) {
			char *s = diag_format("t.yaml", &dg->v[i]), *r = xstrdup(s + 7);

			free(s);
			return r;
		}
	return xstrdup("");
}

/* Emits d, reads it back, and checks the model and the bytes survive. */
static void round_trip(const struct deployment *d)
{
	struct diags dg = {0};
	struct deployment *back = NULL;
	size_t n1 = 0, n2 = 0;
	char *one = depfile_emit(d, &n1), *two;

	ck_assert_ptr_nonnull(one);
	ck_assert_uint_eq(strlen(one), n1);
	depfile_load_buffer("emitted", one, n1, &back, &dg);
	ck_assert_msg(back != NULL, "emitted text unreadable: %s\n%s", first_error(&dg), one);
	ck_assert_msg(deployment_equal(d, back), "round trip changed the model:\n%s", one);
	two = depfile_emit(back, &n2);
	ck_assert_uint_eq(n1, n2);
	ck_assert_mem_eq(one, two, n1);
	free(one);
	free(two);
	deployment_free(back);
	diags_free(&dg);
}

START_TEST(t_example_loads)
{
	char *path = example_path();
	struct diags dg = {0};
	struct deployment *d = NULL;
	const struct partner *gmail, *litware;

	ck_assert_int_eq(depfile_load(path, &d, &dg), DEPFILE_OK);
	ck_assert_uint_eq(dg.n, 0);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->topo.sip_domains.n, 2);
	ck_assert_str_eq(d->topo.sip_domains.v[1], "fabrikam.com");
	ck_assert_str_eq(d->topo.access_edge_fqdn, "sip.contoso.com");
	ck_assert(d->topo.xmpp_proxy);
	ck_assert_str_eq(d->cert.template_name, "WebServer");
	ck_assert_int_eq(d->cert.key_bits, 2048);
	ck_assert_str_eq(d->cert.organizational_unit, "");
	ck_assert_str_eq(d->cert.country, "US");
	ck_assert_uint_eq(d->npartners, 5);
	gmail = d->partners[0];
	ck_assert_str_eq(gmail->domain, "gmail.com");
	ck_assert_int_eq(gmail->type, PARTNER_PUBLIC_UNVERIFIED);
	ck_assert_int_eq(gmail->tls, NEG_NOTSUPPORTED);
	ck_assert_int_eq(gmail->sasl, NEG_NOTSUPPORTED);
	ck_assert(gmail->dialback && !gmail->keep_alive);
	ck_assert_ptr_null(gmail->proxy_fqdn);
	litware = d->partners[1];
	ck_assert_uint_eq(litware->additional_domains.n, 2);
	ck_assert_int_eq(litware->type, PARTNER_FEDERATED);
	ck_assert_str_eq(d->partners[2]->proxy_fqdn, "xmpp.tailspintoys.com");
	ck_assert(d->policy.enable_xmpp_access);
	ck_assert_int_eq(d->dns.ttl, 3600);
	ck_assert_ptr_null(d->dns.srv_target);
	deployment_free(d);
	free(path);
}
END_TEST

/* The example is in the writer's own format: it comes back unchanged. */
START_TEST(t_example_written_back_identical)
{
	char *path = example_path(), *file, *out;
	struct diags dg = {0};
	struct deployment *d = NULL;
	size_t flen, olen;

	file = slurp(path, &flen);
	ck_assert_int_eq(depfile_load(path, &d, &dg), DEPFILE_OK);
	out = depfile_emit(d, &olen);
	ck_assert_str_eq(out, file);
	round_trip(d);
	free(out);
	free(file);
	deployment_free(d);
	free(path);
}
END_TEST

/* The comment lines at the very top come back first; any other comment is
 * not kept, and a file without them gets none. */
START_TEST(t_opening_comment_kept)
{
	static const char text[] = "# yaml-language-server: $schema=x.json\n# a note\n"
				   "version: 1\n# inside\ndns:\n  ttl: 60\n";
	struct diags dg = {0};
	struct deployment *d = NULL, *plain = NULL;
	size_t n = 0;
	char *out;

	ck_assert_int_eq(load(text, &d, &dg), DEPFILE_OK);
	ck_assert_str_eq(d->header, "# yaml-language-server: $schema=x.json\n# a note\n");
	out = depfile_emit(d, &n);
	ck_assert_msg(strncmp(out, d->header, strlen(d->header)) == 0, "%s", out);
	ck_assert_ptr_null(strstr(out, "# inside"));
	round_trip(d);
	ck_assert_int_eq(load("version: 1\n# late\n", &plain, &dg), DEPFILE_OK);
	ck_assert_ptr_null(plain->header);
	/* A clone keeps it, and a deployment without it is a change. */
	deployment_free(plain);
	plain = deployment_clone(d);
	ck_assert(deployment_equal(d, plain));
	free(plain->header);
	plain->header = NULL;
	ck_assert(!deployment_equal(d, plain));
	free(out);
	deployment_free(plain);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

/* The opening comment as Windows editors leave it: after Notepad's byte
 * order mark, with CRLF line ends, and in blocks parted by blank lines. */
START_TEST(t_opening_comment_forms)
{
	static const struct {
		const char *text, *header;
	} cases[] = {
		{"\xEF\xBB\xBF# from Notepad\nversion: 1\n", "# from Notepad\n"},
		{"# a\r\n# b\r\nversion: 1\r\n", "# a\n# b\n"},
		{"# schema\n\n# notes\n\nversion: 1\n", "# schema\n\n# notes\n"},
		{"# a\r\n\r\n# b\r\nversion: 1\r\n", "# a\n\n# b\n"},
		{"\n# after a blank line\nversion: 1\n", "\n# after a blank line\n"},
		{"\xEF\xBB\xBFversion: 1\n", NULL},
		{"\n\nversion: 1\n", NULL},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diags dg = {0};
		struct deployment *d = NULL;
		size_t n = 0;
		char *out;

		ck_assert_int_eq(load(cases[i].text, &d, &dg), DEPFILE_OK);
		if (!cases[i].header) {
			ck_assert_msg(d->header == NULL, "case %zu: %s", i, d->header);
		} else {
			ck_assert_msg(d->header && strcmp(d->header, cases[i].header) == 0,
				      "case %zu: %s", i, d->header ? d->header : "(null)");
			out = depfile_emit(d, &n);
			ck_assert(strncmp(out, cases[i].header, strlen(cases[i].header)) == 0);
			ck_assert_ptr_null(strchr(out, '\r'));
			free(out);
		}
		deployment_free(d);
		diags_free(&dg);
	}
}
END_TEST

static const char *const hostile[] = {
	"", " ", "true", "false", "True", "null", "Null", "~", "yes", "no", "on", "off", "y",
	"123", "-1", "0x1F", "0o17", "1e3", "3.14", ".inf", "-.Inf", ".NaN", "2024-05-01",
	"2024-05-01T10:00:00Z", "12:30:45", "1_000",
	"it's", "say \"hi\"", "a: b", "a:b", "key:", "a #b", "#comment", "a#b",
	"- item", "-", "--", "---", "...", "? q", "?", "[a, b]", "{a: b}", "&anchor", "*alias",
	"!tag", "!!str", "%YAML", "@at", "`tick", "|", ">", "|-", "'", "\"", "\\", "\\n",
	" leading", "trailing ", "  both  ", "two  spaces", "line\nbreak", "\nleading break",
	"trailing break\n", "a\n\nb", "cr\rhere", "crlf\r\nhere", "tab\there", "bell\a",
	"São Paulo", "Zürich, Genève", "日本語", "😀 emoji", "nel\xc2\x85here",
	"ls\xe2\x80\xa8here", "bom\xef\xbb\xbfhere", "<<", "=", "a,b", "a, b", "x%y",
	"very long text that goes on and on without any line break at all so that a "
	"default emitter would fold it somewhere past the eightieth column of the file",
};

#define NHOSTILE (sizeof hostile / sizeof *hostile)

static struct deployment *hostile_model(void)
{
	struct deployment *d = deployment_new();

	xstrset(&d->cert.organization, "Contoso: \"Ltd\" #1");
	xstrset(&d->cert.state, "  spaced  ");
	xstrset(&d->cert.city, "null");
	xstrset(&d->cert.friendly_name, "true");
	xstrset(&d->cert.template_name, "");
	xstrset(&d->cert.request_file, "dir with space/edge: external.csr");
	xstrset(&d->cert.generated.at, "2024-05-01T10:00:00Z");
	xstrset(&d->dns.srv_target, "~");
	for (size_t i = 0; i < NHOSTILE; i++) {
		struct partner *p = partner_new(hostile[i]);

		xstrset(&p->description, hostile[NHOSTILE - 1 - i]);
		strlist_push(&p->additional_domains, hostile[(i + 7) % NHOSTILE]);
		xstrset(&p->proxy_fqdn, hostile[(i + 3) % NHOSTILE]);
		deployment_add_partner(d, p);
		strlist_push(&d->cert.additional_sans, hostile[i]);
		strlist_push(&d->topo.sip_domains, hostile[i]);
	}
	return d;
}

START_TEST(t_hostile_round_trip)
{
	struct deployment *d = hostile_model();

	round_trip(d);
	deployment_free(d);
}
END_TEST

/* Values that would read back as something else are quoted. */
START_TEST(t_hostile_quoted)
{
	struct deployment *d = deployment_new();
	char *out;
	size_t n;

	xstrset(&d->cert.organization, "true");
	xstrset(&d->cert.state, "null");
	xstrset(&d->cert.city, "123");
	xstrset(&d->cert.country, "");
	xstrset(&d->cert.friendly_name, "a: b");
	xstrset(&d->cert.organizational_unit, "two\nlines\tand a tab");
	out = depfile_emit(d, &n);
	ck_assert_ptr_nonnull(strstr(out, "  organization: 'true'\n"));
	ck_assert_ptr_nonnull(strstr(out, "  state: 'null'\n"));
	ck_assert_ptr_nonnull(strstr(out, "  city: '123'\n"));
	ck_assert_ptr_nonnull(strstr(out, "  country: ''\n"));
	ck_assert_ptr_nonnull(strstr(out, "  friendly_name: 'a: b'\n"));
	ck_assert_ptr_nonnull(strstr(out, "  organizational_unit: \"two\\nlines\\tand a tab\"\n"));
	ck_assert_ptr_nonnull(strstr(out, "  key_bits: 2048\n"));
	ck_assert_ptr_nonnull(strstr(out, "  exportable: true\n"));
	free(out);
	deployment_free(d);
}
END_TEST

/* Bytes that are not UTF-8 cannot go into a YAML file; they become U+FFFD
 * rather than making the save fail. */
START_TEST(t_invalid_utf8_replaced)
{
	struct deployment *d = deployment_new(), *back = NULL;
	struct diags dg = {0};
	char *out;
	size_t n;

	xstrset(&d->cert.city, "S\xe3o Paulo \xff");
	out = depfile_emit(d, &n);
	ck_assert_ptr_nonnull(strstr(out, "city: S\xef\xbf\xbdo Paulo \xef\xbf\xbd\n"));
	depfile_load_buffer("x", out, n, &back, &dg);
	ck_assert_ptr_nonnull(back);
	ck_assert_str_eq(back->cert.city, "S\xef\xbf\xbdo Paulo \xef\xbf\xbd");
	free(out);
	deployment_free(back);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

START_TEST(t_defaults_written)
{
	struct deployment *d = deployment_new();
	char *out;
	size_t n;

	out = depfile_emit(d, &n);
	ck_assert_str_eq(out,
			 "version: 1\n"
			 "topology:\n"
			 "  sip_domains: []\n"
			 "  access_edge_fqdn: ''\n"
			 "  webconf_edge_fqdn: ''\n"
			 "  av_edge_fqdn: ''\n"
			 "  xmpp_proxy: true\n"
			 "  xmpp_domains: []\n"
			 "  builder_done: false\n"
			 "certificate:\n"
			 "  request_file: edge-external.csr\n"
			 "  key_file: edge-external.key\n"
			 "  delayed: true\n"
			 "  friendly_name: Edge External\n"
			 "  key_bits: 2048\n"
			 "  exportable: true\n"
			 "  client_eku: false\n"
			 "  organization: ''\n"
			 "  organizational_unit: ''\n"
			 "  country: ''\n"
			 "  state: ''\n"
			 "  city: ''\n"
			 "  sip_domain_sans: []\n"
			 "  additional_sans: []\n"
			 "  request_on_edge: false\n"
			 "partners: []\n"
			 "access_policy:\n"
			 "  identity: global\n"
			 "  enable_federation_access: true\n"
			 "  enable_xmpp_access: true\n"
			 "access_edge:\n"
			 "  allow_federated_users: false\n"
			 "dns:\n"
			 "  ttl: 3600\n"
			 "  priority: 0\n"
			 "  weight: 0\n");
	round_trip(d);
	free(out);
	deployment_free(d);
}
END_TEST

START_TEST(t_optional_values)
{
	struct deployment *d = deployment_new();
	struct partner *p = partner_new("fabrikam.com");
	char *out;
	size_t n;

	xstrset(&d->cert.template_name, "WebServer");
	xstrset(&d->cert.generated.request_file, "edge-external.csr");
	xstrset(&d->cert.generated.at, "2024-05-01T10:00:00Z");
	xstrset(&d->dns.srv_target, "xmpp.contoso.com");
	xstrset(&p->description, "");
	deployment_add_partner(d, p);
	out = depfile_emit(d, &n);
	ck_assert_ptr_nonnull(strstr(out, "  delayed: true\n  template: WebServer\n"));
	ck_assert_ptr_nonnull(strstr(out, "  generated:\n    request_file: edge-external.csr\n"
					  "    at: '2024-05-01T10:00:00Z'\n"));
	ck_assert_ptr_nonnull(strstr(out, "  srv_target: xmpp.contoso.com\n"));
	ck_assert_ptr_null(strstr(out, "description"));
	ck_assert_ptr_null(strstr(out, "proxy_fqdn"));
	ck_assert_ptr_nonnull(strstr(out, "partners:\n- domain: fabrikam.com\n"
					  "  additional_domains: []\n  type: PublicUnverified\n"
					  "  tls: Required\n  sasl: Optional\n  dialback: true\n"
					  "  keep_alive: true\naccess_policy:\n"));
	round_trip(d);
	free(out);
	deployment_free(d);
}
END_TEST

START_TEST(t_minimal_and_nulls)
{
	struct deployment *d = NULL, *def = deployment_new();
	struct diags dg = {0};

	ck_assert_int_eq(load("version: 1\n", &d, &dg), DEPFILE_OK);
	ck_assert(deployment_equal(d, def));
	deployment_free(d);
	ck_assert_int_eq(load("version: 1\ntopology:\ncertificate:\n  template: ~\n"
			      "  organization: null\n  additional_sans:\npartners:\n"
			      "dns:\n  srv_target: NULL\n", &d, &dg), DEPFILE_OK);
	ck_assert_ptr_null(d->cert.template_name);
	ck_assert_str_eq(d->cert.organization, "");
	ck_assert_uint_eq(d->npartners, 0);
	ck_assert_ptr_null(d->dns.srv_target);
	deployment_free(d);
	/* Plain scalars are text in a text field. */
	ck_assert_int_eq(load("version: 1\ncertificate:\n  template: 123\n"
			      "  organization: true\n  city: 2024-05-01\n", &d, &dg), DEPFILE_OK);
	ck_assert_str_eq(d->cert.template_name, "123");
	ck_assert_str_eq(d->cert.organization, "true");
	ck_assert_str_eq(d->cert.city, "2024-05-01");
	deployment_free(d);
	ck_assert_uint_eq(dg.n, 0);
	deployment_free(def);
}
END_TEST

/* Structural problems: no model handed out, and the first error reads as
 * `check` prints it. */
static const struct {
	const char *text, *error;
} broken[] = {
	{"version: 1\ntopology:\n  sip_domain: [a.com]\n",
	 "3:3: error: topology.sip_domain: unknown key (did you mean sip_domains?)"},
	{"version: 1\npartners:\n- domain: a.com\n  tsl: Required\n",
	 "4:3: error: partners[0].tsl: unknown key (did you mean tls?)"},
	{"version: 1\nzone: x\n",
	 "2:1: error: zone: unknown key (the keys here are version, topology, certificate, "
	 "partners, access_policy, access_edge, dns)"},
	{"version: 1\ncertificate:\n  key_bits: big\n",
	 "3:13: error: certificate.key_bits: expected an integer, found \"big\""},
	{"version: 1\ncertificate:\n  key_bits: '2048'\n",
	 "3:13: error: certificate.key_bits: expected an integer, found \"2048\" (quoted, so "
	 "it is text)"},
	{"version: 1\ncertificate:\n  exportable: yes\n",
	 "3:15: error: certificate.exportable: expected true or false, found \"yes\" (only "
	 "true and false are booleans, as in YAML 1.2)"},
	{"version: 1\ncertificate:\n  delayed: 'true'\n",
	 "3:12: error: certificate.delayed: expected true or false, found \"true\" (quoted, "
	 "so it is text)"},
	{"version: 1\ntopology:\n  sip_domains: contoso.com\n",
	 "3:16: error: topology.sip_domains: expected a list, found \"contoso.com\""},
	{"version: 1\ntopology:\n  access_edge_fqdn: [a]\n",
	 "3:21: error: topology.access_edge_fqdn: expected a string, found a list"},
	{"version: 1\ntopology:\n  sip_domains: [a.com, [b]]\n",
	 "3:24: error: topology.sip_domains[1]: expected a name, found a list"},
	{"version: 1\ntopology:\n  sip_domains: [a.com, ~]\n",
	 "3:24: error: topology.sip_domains[1]: expected a name, found nothing"},
	{"version: 1\ndns: 5\n", "2:6: error: dns: expected a mapping, found \"5\""},
	{"version: 1\npartners:\n  domain: a.com\n",
	 "3:3: error: partners: expected a list of partners, found a mapping"},
	{"version: 1\npartners:\n- a.com\n",
	 "3:3: error: partners[0]: expected a partner (a mapping with domain, type, tls, ...), "
	 "found \"a.com\""},
	{"version: 1\npartners:\n- domain: a.com\n  sasl: Requried\n",
	 "4:9: error: partners[0].sasl: unknown value \"Requried\" (expected Required, "
	 "Optional or NotSupported)"},
	{"version: 1\npartners:\n- domain: a.com\n  type: Public\n",
	 "4:9: error: partners[0].type: unknown value \"Public\" (expected Federated, "
	 "PublicVerified or PublicUnverified)"},
	{"version: 1\ndns:\n  ttl: 1\n  ttl: 2\n",
	 "4:3: error: dns.ttl: duplicate key (first at line 3)"},
	{"version: 1\ndns:\n  ttl: 99999999999\n",
	 "3:8: error: dns.ttl: 99999999999 is out of range (-2147483648 to 2147483647)"},
	{"topology: {}\n",
	 "1:1: error: version: is missing; a deployment file starts with \"version: 1\""},
	{"version: 2\nnew_key: 1\n",
	 "1:10: error: version: version 2 is not supported; this program reads version 1"},
	{"version: one\n", "1:10: error: version: expected an integer, found \"one\""},
	{"", "1:1: error: the file is empty; a deployment file holds at least \"version: 1\""},
	{"# nothing\n\n",
	 "1:1: error: the file is empty; a deployment file holds at least \"version: 1\""},
	{"---\n", "1:1: error: the file is empty; a deployment file holds at least \"version: 1\""},
	{"- version: 1\n",
	 "1:1: error: expected a mapping of keys (version, topology, certificate, ...), found "
	 "a list"},
	{"version: 1\ntopology:\n  sip_domains: &d [a.com]\n  xmpp_domains: *d\n",
	 "3:16: error: topology.sip_domains: anchors (&d) are not allowed"},
	{"version: 1\ncertificate:\n  city: !!str Redmond\n",
	 "3:9: error: certificate.city: tags (tag:yaml.org,2002:str) are not allowed"},
	{"version: 1\ncertificate:\n  city: \"Red\\0mond\"\n",
	 "3:9: error: certificate.city: holds a NUL character"},
	{"version: 1\n---\nversion: 1\n",
	 "2:1: error: a second document starts here; the file holds one"},
	{"version: 1\ntopology:\n\tsip_domains: []\n",
	 "3:1: error: syntax error: a tab character here; YAML is indented with spaces only"},
	{"version: 1\ncertificate:\n  city: S\xe3o Paulo\n",
	 "3:10: error: the file is not valid UTF-8 text (invalid trailing UTF-8 octet)"},
	{"version: 1\ntopology:\n  sip_domains: [a\n",
	 "4:1: error: syntax error: did not find expected ',' or ']' (while parsing a flow "
	 "sequence from line 3, column 16)"},
};

START_TEST(t_broken)
{
	struct deployment *d = (struct deployment *)1;
	struct diags dg = {0};
	char *first;

	ck_assert_int_eq(load(broken[_i].text, &d, &dg), DEPFILE_PROBLEMS);
	ck_assert_ptr_null(d);
	first = first_error(&dg);
	ck_assert_str_eq(first, broken[_i].error);
	free(first);
	diags_free(&dg);
}
END_TEST

/* Value problems: reported at the value, and the model is still handed
 * out so a screen can show and fix it. */
START_TEST(t_value_problems_keep_model)
{
	struct deployment *d = NULL;
	struct diags dg = {0};
	char *first;

	ck_assert_int_eq(load("version: 1\npartners:\n- domain: a.com\n- domain: b.com\n"
			      "  tls: NotSupported\n  sasl: NotSupported\n  dialback: false\n",
			      &d, &dg), DEPFILE_PROBLEMS);
	ck_assert_ptr_nonnull(d);
	first = first_error(&dg);
	ck_assert_str_eq(first, "5:8: error: partners[1].tls: TLS NotSupported, SASL "
				"NotSupported, dialback false cannot work: SASL or dialback must "
				"be enabled: with neither, no negotiation is left.");
	free(first);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

START_TEST(t_duplicate_partner_domains)
{
	struct deployment *d = NULL;
	struct diags dg = {0};
	const struct diag *g;

	ck_assert_int_eq(load("version: 1\npartners:\n- domain: a.com\n"
			      "- domain: b.com\n  additional_domains: [c.com, A.com]\n"
			      "- domain: C.COM\n", &d, &dg), DEPFILE_PROBLEMS);
	g = diags_find(&dg, "partners[1].additional_domains[1]");
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(g->line, 5);
	ck_assert_int_eq(g->col, 31);
	ck_assert_str_eq(g->msg, "\"A.com\" is already used by partner a.com");
	g = diags_find(&dg, "partners[2].domain");
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(g->line, 6);
	ck_assert_str_eq(g->msg, "\"C.COM\" is already used by partner b.com");
	ck_assert_uint_eq(dg.errors, 2);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

/* A trailing dot names the same domain (gmail.com. is gmail.com): the
 * Front End's script writes both without it, as one partner. */
START_TEST(t_duplicate_domains_root_dot)
{
	struct deployment *d = NULL;
	struct diags dg = {0};
	const struct diag *g;

	ck_assert_int_eq(load("version: 1\npartners:\n- domain: a.com\n"
			      "- domain: b.com\n  additional_domains: [c.com, A.com.]\n"
			      "- domain: b.com.\n"
			      "- domain: e.com\n  additional_domains: [E.COM.]\n", &d, &dg),
			 DEPFILE_PROBLEMS);
	g = diags_find(&dg, "partners[1].additional_domains[1]");
	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->msg, "\"A.com.\" is already used by partner a.com");
	g = diags_find(&dg, "partners[2].domain");
	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->msg, "\"b.com.\" is already used by partner b.com");
	g = diags_find(&dg, "partners[3].additional_domains[0]");
	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->msg, "\"e.com\" is already the primary domain");
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

/* Long lists find their duplicates too (through a set past 16 names). */
START_TEST(t_long_list_duplicates)
{
	struct deployment *d = deployment_new(), *back = NULL;
	struct diags dg = {0};
	const struct diag *g;
	size_t n;
	char *out;

	for (int i = 0; i < 40; i++) {
		char *name = xasprintf("d%02d.contoso.com", i);

		strlist_push(&d->topo.sip_domains, name);
		free(name);
	}
	strlist_push(&d->topo.sip_domains, "D07.Contoso.COM");
	out = depfile_emit(d, &n);
	ck_assert_int_eq(depfile_load_buffer("x", out, n, &back, &dg), DEPFILE_PROBLEMS);
	ck_assert_uint_eq(dg.errors, 1);
	g = diags_find(&dg, "topology.sip_domains[40]");
	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->msg, "\"D07.Contoso.COM\" is listed twice");
	ck_assert_int_eq(g->line, 44);
	free(out);
	deployment_free(back);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

/* A million "[" would take libyaml hours; reading stops at depth 64. */
START_TEST(t_nesting_bounded)
{
	size_t n = 1000000;
	char *text = xmalloc(n + 32);
	struct deployment *d = NULL;
	struct diags dg = {0};
	size_t at;

	strcpy(text, "version: 1\ndns: ");
	at = strlen(text);
	memset(text + at, '[', n);
	text[at + n] = '\0';
	ck_assert_int_eq(load(text, &d, &dg), DEPFILE_PROBLEMS);
	ck_assert_ptr_null(d);
	ck_assert_uint_eq(dg.n, 2);
	ck_assert_str_eq(dg.v[0].msg, "expected a mapping, found a list");
	ck_assert_ptr_nonnull(strstr(dg.v[1].msg, "more than 64 levels"));
	diags_free(&dg);
	free(text);
}
END_TEST

START_TEST(t_warnings_only)
{
	struct deployment *d = NULL;
	struct diags dg = {0};

	ck_assert_int_eq(load("version: 1\ncertificate:\n  organizational_unit: IT\n", &d, &dg),
			 DEPFILE_OK);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(dg.errors, 0);
	ck_assert_uint_eq(dg.warnings, 1);
	ck_assert_str_eq(dg.v[0].field, "certificate.organizational_unit");
	ck_assert_int_eq(dg.v[0].line, 3);
	ck_assert_int_eq(dg.v[0].col, 24);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

/* Errors come in the order of the file, whichever rule found them. */
START_TEST(t_sorted)
{
	struct deployment *d = NULL;
	struct diags dg = {0};

	load("version: 1\ntopology:\n  sip_domains: [a.com]\ncertificate:\n  key_bits: 1024\n"
	     "  sip_domain_sans: [b.com]\npartners:\n- domain: x.com\n- domain: x.com\n"
	     "dns:\n  priority: 70000\n  weight: -1\n", &d, &dg);
	ck_assert_uint_eq(dg.errors, 5);
	for (size_t i = 1; i < dg.n; i++)
		ck_assert(dg.v[i - 1].line < dg.v[i].line ||
			  (dg.v[i - 1].line == dg.v[i].line && dg.v[i - 1].col <= dg.v[i].col));
	ck_assert_str_eq(dg.v[0].field, "certificate.key_bits");
	ck_assert_str_eq(dg.v[4].field, "dns.weight");
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

/* Quoted strings can hold terminal controls; the messages that quote
 * them must not pass them on to the terminal. */
START_TEST(t_messages_escape_controls)
{
	static const char *const docs[] = {
		"version: 1\n\"\\e[2Jkey\": 1\npartners:\n- domain: x.com\n  type: \"Fed\\e[31m\"\n",
		"version: 1\ntopology:\n  access_edge_fqdn: \"a\\e]0;x\\a\\Nb.com\"\n",
	};
	size_t found = 0;

	for (size_t k = 0; k < sizeof docs / sizeof *docs; k++) {
		struct deployment *d = NULL;
		struct diags dg = {0};

		load(docs[k], &d, &dg);
		for (size_t i = 0; i < dg.n; i++) {
			char *line = diag_format("f.yaml", &dg.v[i]);

			for (const unsigned char *p = (const unsigned char *)line; *p; p++)
				ck_assert_msg(*p >= 0x20 && *p != 0x7f && !(*p == 0xc2 && p[1] < 0xa0),
					      "control in: %s", line);
			found += strstr(line, "\"Fed\\x1b[31m\"") != NULL;
			found += strstr(line, "a\\x1b]0;x\\x07\\u0085b.com") != NULL;
			free(line);
		}
		deployment_free(d);
		diags_free(&dg);
	}
	ck_assert_uint_eq(found, 2);
}
END_TEST

START_TEST(t_unreadable)
{
	struct deployment *d = (struct deployment *)1;
	struct diags dg = {0};
	char *missing = xasprintf("%s/missing.yaml", dir), *big = xasprintf("%s/big.yaml", dir);
	int fd;

	ck_assert_int_eq(depfile_load(missing, &d, &dg), DEPFILE_UNREADABLE);
	ck_assert_ptr_null(d);
	ck_assert_uint_eq(dg.n, 1);
	ck_assert_int_eq(dg.v[0].line, 0);
	ck_assert_ptr_nonnull(strstr(dg.v[0].msg, strerror(ENOENT)));
	diags_free(&dg);
	ck_assert_int_eq(depfile_load(dir, &d, &dg), DEPFILE_UNREADABLE);
	ck_assert_ptr_nonnull(strstr(dg.v[0].msg, strerror(EISDIR)));
	diags_free(&dg);
	/* A sparse file just over the limit: refused before anything is read. */
	fd = open(big, O_WRONLY | O_CREAT, 0644);
	ck_assert_int_eq(ftruncate(fd, (64 << 20) + 1), 0);
	close(fd);
	ck_assert_int_eq(depfile_load(big, &d, &dg), DEPFILE_UNREADABLE);
	ck_assert_ptr_nonnull(strstr(dg.v[0].msg, "64 MiB"));
	diags_free(&dg);
	free(missing);
	free(big);
}
END_TEST

START_TEST(t_save)
{
	char *path = xasprintf("%s/dep.yaml", dir), *err = NULL, *again;
	struct deployment *d = hostile_model(), *back = NULL;
	struct diags dg = {0};
	size_t n, m;
	char *bytes = depfile_emit(d, &n), *file;
	struct stat st;

	ck_assert_int_eq(depfile_save(path, d, &err), 0);
	file = slurp(path, &m);
	ck_assert_uint_eq(n, m);
	ck_assert_mem_eq(bytes, file, n);
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(depfile_save(path, d, &err), 0);
	again = slurp(path, &m);
	ck_assert_mem_eq(again, file, n);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	depfile_load(path, &back, &dg);
	ck_assert(back && deployment_equal(d, back));
	ck_assert_int_eq(depfile_save("/nonexistent-folder/dep.yaml", d, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent-folder/dep.yaml"));
	free(err);
	free(again);
	free(file);
	free(bytes);
	free(path);
	deployment_free(back);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

START_TEST(t_many_partners)
{
	struct deployment *d = deployment_new(), *back = NULL;
	struct diags dg = {0};
	size_t n;
	char *out;

	for (int i = 0; i < 2000; i++) {
		char *name = xasprintf("partner%04d.com", i);
		struct partner *p = partner_new(name);

		if (i % 3 == 0)
			strlist_push_owned(&p->additional_domains, xasprintf("chat.%s", name));
		deployment_add_partner(d, p);
		free(name);
	}
	out = depfile_emit(d, &n);
	ck_assert_int_eq(depfile_load_buffer("many", out, n, &back, &dg), DEPFILE_OK);
	ck_assert(deployment_equal(d, back));
	free(out);
	deployment_free(back);
	deployment_free(d);
	diags_free(&dg);
}
END_TEST

struct text {
	char *s;
	size_t len, cap;
	int lines;
};

/* Appends piece (taking it), one line; returns the number of that line. */
static int add_line(struct text *t, char *piece)
{
	size_t n = strlen(piece);

	t->s = xgrow(t->s, &t->cap, t->len + n + 1, 1);
	memcpy(t->s + t->len, piece, n + 1);
	t->len += n;
	free(piece);
	return ++t->lines;
}

/* Partner i's additional domains: one, except for partner 9000, whose
 * twentieth repeats its third, and partner 9998, whose one is partner 17's
 * primary domain. Returns the line of the last. */
static int add_domains(struct text *t, int i)
{
	int l = 0;

	if (i == 9998)
		return add_line(t, xstrdup("  - P00017.example.net\n"));
	l = add_line(t, xasprintf("  - chat.p%05d.example.net\n", i));
	for (int j = 1; i == 9000 && j < 20; j++)
		l = add_line(t, xasprintf("  - x%d.p09000.example.net\n", j == 19 ? 2 : j));
	return l;
}

/* Findings deep in a large file keep their lines, columns and order: the
 * loader records positions in posmap columns and validation finds clashes
 * through sets, and both must place the 9,999th partner as exactly as the
 * first. */
START_TEST(t_large_file_positions)
{
	struct text t = {0};
	int at_text = 0, at_twice = 0, at_add = 0, at_dom = 0;
	struct deployment *d = NULL;
	struct diags dg = {0};

	add_line(&t, xstrdup("version: 1\n"));
	add_line(&t, xstrdup("partners:\n"));
	for (int i = 0; i < 10000; i++) {
		if (i == 9999)
			at_dom = add_line(&t, xstrdup("- domain: chat.p05000.example.net\n"));
		else
			add_line(&t, xasprintf("- domain: p%05d.example.net\n", i));
		if (i == 4321)
			at_text = add_line(&t, xasprintf("  description: \"Partner %d\\x01\"\n", i));
		else
			add_line(&t, xasprintf("  description: Partner %d\n", i));
		add_line(&t, xstrdup("  additional_domains:\n"));
		if (i == 9000)
			at_twice = add_domains(&t, i);
		else if (i == 9998)
			at_add = add_domains(&t, i);
		else
			add_domains(&t, i);
		add_line(&t, xstrdup("  type: Federated\n"));
	}
	ck_assert_int_eq(load(t.s, &d, &dg), DEPFILE_PROBLEMS);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->npartners, 10000);
	ck_assert_uint_eq(dg.n, 4);
	ck_assert_str_eq(dg.v[0].field, "partners[4321].description");
	ck_assert_int_eq(dg.v[0].line, at_text);
	ck_assert_int_eq(dg.v[0].col, 16);
	ck_assert_str_eq(dg.v[0].msg, "the text holds a control character");
	ck_assert_str_eq(dg.v[1].field, "partners[9000].additional_domains[19]");
	ck_assert_int_eq(dg.v[1].line, at_twice);
	ck_assert_int_eq(dg.v[1].col, 5);
	ck_assert_str_eq(dg.v[1].msg, "\"x2.p09000.example.net\" is listed twice");
	ck_assert_str_eq(dg.v[2].field, "partners[9998].additional_domains[0]");
	ck_assert_int_eq(dg.v[2].line, at_add);
	ck_assert_int_eq(dg.v[2].col, 5);
	ck_assert_str_eq(dg.v[2].msg, "\"P00017.example.net\" is already used by partner "
				      "p00017.example.net");
	ck_assert_str_eq(dg.v[3].field, "partners[9999].domain");
	ck_assert_int_eq(dg.v[3].line, at_dom);
	ck_assert_int_eq(dg.v[3].col, 11);
	ck_assert_str_eq(dg.v[3].msg, "\"chat.p05000.example.net\" is already used by partner "
				      "p05000.example.net");
	deployment_free(d);
	diags_free(&dg);
	free(t.s);
}
END_TEST

/* posmap: an index far past a column's entries goes to the table until the
 * column reaches it, and the later position wins either way; one index has
 * one spelling; a set's keys with brackets stay members. */
START_TEST(t_posmap_columns)
{
	struct posmap *pm = posmap_new();
	int line, col;

	posmap_put(pm, "partners[40].tls", 7, 3);
	ck_assert(posmap_get(pm, "partners[40].tls", &line, &col));
	ck_assert_int_eq(line, 7);
	for (int i = 0; i < 100; i++) {
		char *path = xasprintf("partners[%d].tls", i);

		ck_assert(i == 40 || !posmap_get(pm, path, &line, &col));
		if (i != 40)
			posmap_put(pm, path, 100 + i, 5);
		free(path);
	}
	ck_assert(posmap_get(pm, "partners[40].tls", &line, &col));
	ck_assert_int_eq(line, 7);
	posmap_put(pm, "partners[40].tls", 9, 4);
	ck_assert(posmap_get(pm, "partners[40].tls", &line, &col));
	ck_assert_int_eq(line, 9);
	ck_assert_int_eq(col, 4);
	ck_assert(posmap_get(pm, "partners[99].tls", &line, &col));
	ck_assert_int_eq(line, 199);
	ck_assert(!posmap_get(pm, "partners[100].tls", &line, &col));
	ck_assert_int_eq(line, 0);
	ck_assert(!posmap_get(pm, "partners[040].tls", &line, &col));
	ck_assert(!posmap_get(pm, "partners[40].sasl", &line, &col));
	posmap_put(pm, "partners[3].domain\t\"a[1]\" is listed twice", 0, 0);
	ck_assert(posmap_get(pm, "partners[3].domain\t\"a[1]\" is listed twice", &line, &col));
	ck_assert(!posmap_get(pm, "partners[3].domain\t\"a[2]\" is listed twice", &line, &col));
	posmap_free(pm);
}
END_TEST

static Suite *depfile_suite(void)
{
	Suite *s = suite_create("depfile");
	TCase *rt = tcase_create("round trip"), *bad = tcase_create("problems");
	TCase *io = tcase_create("files");

	tcase_add_test(rt, t_example_loads);
	tcase_add_test(rt, t_example_written_back_identical);
	tcase_add_test(rt, t_opening_comment_kept);
	tcase_add_test(rt, t_opening_comment_forms);
	tcase_add_test(rt, t_hostile_round_trip);
	tcase_add_test(rt, t_hostile_quoted);
	tcase_add_test(rt, t_invalid_utf8_replaced);
	tcase_add_test(rt, t_defaults_written);
	tcase_add_test(rt, t_optional_values);
	tcase_add_test(rt, t_minimal_and_nulls);
	tcase_add_test(rt, t_many_partners);
	tcase_add_loop_test(bad, t_broken, 0, sizeof broken / sizeof *broken);
	tcase_add_test(bad, t_value_problems_keep_model);
	tcase_add_test(bad, t_duplicate_partner_domains);
	tcase_add_test(bad, t_duplicate_domains_root_dot);
	tcase_add_test(bad, t_warnings_only);
	tcase_add_test(bad, t_nesting_bounded);
	tcase_add_test(bad, t_long_list_duplicates);
	tcase_add_test(bad, t_large_file_positions);
	tcase_add_test(bad, t_posmap_columns);
	tcase_add_test(bad, t_sorted);
	tcase_add_test(bad, t_messages_escape_controls);
	tcase_add_checked_fixture(io, setup, teardown);
	tcase_add_test(io, t_unreadable);
	tcase_add_test(io, t_save);
	suite_add_tcase(s, rt);
	suite_add_tcase(s, bad);
	suite_add_tcase(s, io);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(depfile_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
