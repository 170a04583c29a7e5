/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "validate.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* Suffixes no public CA will certify (RFC 6762, RFC 6761, and names seen
 * inside corporate forests). */
static const char *const internal_tlds[] = {
	"local", "corp", "lan", "internal", "intranet", "home", "localdomain",
	"private", "localhost", "test", "example", "invalid", "domain", "ad",
};

static int fail(char **msg, int verdict, char *text)
{
	if (msg)
		*msg = text;
	else
		free(text);
	return verdict;
}

static bool is_ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

/* Checks one label [s, s+n) of the name quoted q; returns NULL or the
 * reason it is wrong. */
static char *label_problem(const char *q, const char *s, size_t n)
{
	/* TRANSLATORS: in these messages the first %s is the name, quoted
	 * ("x..example.com"). */
	if (n == 0)
		return xasprintf(_("%s has an empty label (two dots in a row, or a leading dot)"),
				 q);
	if (n > DNS_LABEL_MAX)
		return xasprintf(_("%s has a label of %zu characters (at most %d)"), q, n,
				 DNS_LABEL_MAX);
	if (n == 1 && s[0] == '*')
		return xasprintf(_("%s is a wildcard; Lync Edge does not support wildcard names"),
				 q);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80)
			return xasprintf(_("%s is not ASCII; write an internationalized name as "
					   "its xn-- A-label"), q);
		if (!is_ldh(c))
			return xasprintf(_("%s has the character '%c'; only letters, digits and "
					   "hyphens are allowed"), q, c);
	}
	if (s[0] == '-' || s[n - 1] == '-')
		return xasprintf(_("%s has a label that starts or ends with a hyphen"), q);
	return NULL;
}

static bool internal_tld(const char *tld, size_t n)
{
	for (size_t i = 0; i < sizeof internal_tlds / sizeof *internal_tlds; i++)
		if (strlen(internal_tlds[i]) == n && strncasecmp(tld, internal_tlds[i], n) == 0)
			return true;
	return false;
}

/* The verdict on name, its reason in *msg (when msg is not NULL) naming
 * it as q, the name quoted. */
static int dns_check(const char *name, const char *q, char **msg)
{
	size_t len = strlen(name), nlabels = 0;
	const char *p = name, *last = name;
	size_t lastlen = 0;

	if (len == 0)
		return fail(msg, VALID_ERR, xstrdup(_("The name is empty.")));
	if (name[len - 1] == '.')
		len--;
	if (len > DNS_NAME_MAX)
		return fail(msg, VALID_ERR, xasprintf(_("%s is %zu characters long (at most %d)"),
						      q, len, DNS_NAME_MAX));
	while (p <= name + len) {
		size_t n = strcspn(p, ".");
		char *why;

		if (p + n > name + len)
			n = (size_t)(name + len - p);
		why = label_problem(q, p, n);
		if (why)
			return fail(msg, VALID_ERR, why);
		last = p;
		lastlen = n;
		nlabels++;
		p += n + 1;
	}
	if (nlabels == 1)
		return fail(msg, VALID_WARN, xasprintf(_("%s is a single label; public CAs and "
							 "partners need a fully qualified name"), q));
	if (internal_tld(last, lastlen))
		return fail(msg, VALID_WARN, xasprintf(_("%s ends in .%.*s, an internal name that "
							 "public CAs refuse"), q, (int)lastlen, last));
	/* Only an all-numeric TLD is wrong (RFC 3696 2): IDN TLDs such as
	 * xn--p1ai hold digits. */
	if (strspn(last, "0123456789") >= lastlen)
		return fail(msg, VALID_ERR, xasprintf(_("%s looks like an IP address or has a "
							"numeric top-level domain"), q));
	return VALID_OK;
}

int validate_dns_name(const char *name, char **msg)
{
	/* The name is quoted only for a finding: valid names, the common
	 * case, stay free of allocations. */
	int v = dns_check(name, "", NULL);
	char *q;

	if (v == VALID_OK || !msg)
		return v;
	q = diag_quote(name);
	v = dns_check(name, q, msg);
	free(q);
	return v;
}

/* The refusal of a value that is not an alpha-2 code, with the code it
 * probably means ("Brasil", "BRA": did you mean BR?). */
static char *country_refusal(const char *code)
{
	const char *guess = country_suggest(code);
	char *q = diag_quote(code), *text;

	if (guess)
		/* TRANSLATORS: "the value "BRA" is not ...: did you mean BR
		 * (Brazil)?"; the last %s is the country's name. */
		text = xasprintf(_("the value %s is not a two-letter upper-case ISO 3166-1 code: "
				   "did you mean %s (%s)?"), q, guess, country_local_name(guess));
	else if (strlen(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
		 code[1] <= 'Z')
		text = xasprintf(_("the value %s is not an ISO 3166-1 country code"), q);
	else
		text = xasprintf(_("the value %s is not a two-letter upper-case ISO 3166-1 code "
				   "(for example US, BR, DE)"), q);
	free(q);
	return text;
}

int validate_country(const char *code, char **msg)
{
	if (strlen(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
	    code[1] <= 'Z' && country_name(code))
		return VALID_OK;
	return fail(msg, VALID_ERR, msg ? country_refusal(code) : NULL);
}

/* Characters, not bytes: RFC 5280 bounds count characters. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int validate_subject_field(enum subject_field f, const char *value, char **msg)
{
	static const size_t limits[] = {
		[SUBJ_CN] = 64, [SUBJ_O] = 64, [SUBJ_OU] = 64,
		[SUBJ_L] = 128, [SUBJ_ST] = 128, [SUBJ_C] = 2,
	};
	size_t n = utf8_chars(value);
	int v;

	if (f == SUBJ_C)
		return validate_country(value, msg);
	v = validate_text(value, msg);
	if (v != VALID_OK)
		return v;
	if (n > limits[f])
		return fail(msg, VALID_ERR, xasprintf(_("the value is %zu characters long (at most "
							"%zu)"), n, limits[f]));
	if (f == SUBJ_ST && n > 0 && n <= 2)
		return fail(msg, VALID_WARN, xstrdup(_("the value looks like an abbreviation: write the state "
							"or province in full (Washington, not WA), "
							"as CAs require")));
	if (f == SUBJ_OU && n > 0)
		return fail(msg, VALID_WARN, xstrdup(_("the value is allowed, but public CAs no longer "
							"accept an organizational unit (since "
							"2022-09-01); leave it empty for a public "
							"CA")));
	return VALID_OK;
}

int validate_key_bits(int bits, char **msg)
{
	if (bits == 2048 || bits == 3072 || bits == 4096)
		return VALID_OK;
	if (bits == 1024)
		return fail(msg, VALID_ERR, xstrdup(_("the key size of 1024 bits is too weak: public CAs require "
							"at least 2048 (CA/Browser Forum rules)")));
	return fail(msg, VALID_ERR, xasprintf(_("the key size %d is not a key size Lync "
						"offers; choose 2048, 3072 or 4096"), bits));
}

int validate_text(const char *s, char **msg)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned cp;
		size_t n = utf8_decode((const char *)p, &cp);

		if (n == 0)
			return fail(msg, VALID_ERR, xstrdup(_("the text is not valid UTF-8")));
		/* C1 includes NEL (U+0085), a line break to Unicode; the scripts
		 * would write a space where the file says otherwise. */
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			return fail(msg, VALID_ERR, xstrdup(_("the text holds a control character")));
		if (cp == 0x2028 || cp == 0x2029)
			return fail(msg, VALID_ERR,
				    xstrdup(_("the text holds a line or paragraph separator "
					      "(U+2028, U+2029)")));
		p += n;
	}
	return VALID_OK;
}

/* "C:\..." or "C:/...", or a UNC path, or any backslash: Windows spelling. */
static bool windows_path(const char *s)
{
	bool drive = ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) &&
		     s[1] == ':' && (s[2] == '\\' || s[2] == '/');

	return drive || strchr(s, '\\') != NULL;
}

int validate_file_name(const char *name, char **msg)
{
	int v = validate_text(name, msg);

	if (v != VALID_OK)
		return v;
	if (windows_path(name)) {
		char *q = diag_quote(name);
		int r = fail(msg, VALID_ERR,
			     xasprintf(_("the file name %s is a Windows path: this program writes on this "
					 "machine, where it would be one file of that odd name; give "
					 "a name here (for example edge.csr) and copy the file to "
					 "Windows afterwards"), q));

		free(q);
		return r;
	}
	return VALID_OK;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int validate_request_name(const char *name, char **msg)
{
	int v = validate_file_name(name, msg);

	if (v != VALID_OK)
		return v;
	if (ends_with_ci(name, ".cer") || ends_with_ci(name, ".crt"))
		return fail(msg, VALID_WARN,
			    xasprintf(_("the file name ends in %s, the name of the certificate the CA sends "
					"back; a request is usually named .csr or .req"),
				      name + strlen(name) - 4));
	return VALID_OK;
}
