/* SPDX-License-Identifier: ISC */
/* The ISO 3166-1 countries: the compiled-in table (share/iso3166-1.tsv,
 * made from iso-codes' JSON by tools/iso3166-update) and, when Debian's
 * iso-codes is installed, its translations of the names in the user's
 * language through dgettext("iso_3166-1"), so that under pt_BR "Brasil" or
 * "Alemanha" lead to the code and the code shows "Brasil". Without
 * iso-codes the program works the same, in English. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "i18n.h"
#include "utf8.h"
#include "validate.h"
#include "xalloc.h"

struct country {
	const char *code;
	const char *alpha3;
	const char *name;
	const char *alt; /* other English names, tab-separated */
};

/* Generated from share/iso3166-1.tsv, sorted by code. */
static const struct country countries[] = {
#include "model/country_table.inc"
};

#define NCOUNTRIES (sizeof countries / sizeof *countries)

#define ISO_DOMAIN "iso_3166-1"
#ifndef ISO_CODES_LOCALEDIR
#define ISO_CODES_LOCALEDIR "/usr/share/locale"
#endif

/* Binds iso-codes' catalogs once (again when ISOCODES_LOCALEDIR, the
 * tests' own catalogs, changes), in UTF-8 like the deployment file. */
static void iso_bind(void)
{
	static char *bound;
	const char *dir = getenv("ISOCODES_LOCALEDIR");

	if (!dir || !*dir)
		dir = ISO_CODES_LOCALEDIR;
	if (bound && strcmp(bound, dir) == 0)
		return;
	free(bound);
	bound = xstrdup(dir);
	bindtextdomain(ISO_DOMAIN, bound);
	bind_textdomain_codeset(ISO_DOMAIN, "UTF-8");
}

/* How many English names c has: the short name and the others. */
static size_t names_of(const struct country *c)
{
	size_t n = 1;

	if (*c->alt)
		for (const char *p = c->alt; p; p = strchr(p + 1, '\t'))
			n++;
	return n;
}

/* iso-codes' translation of the name-th English name of c (0: the short
 * name, then the tab-separated others; name < names_of(c)), or NULL when
 * it has none. */
static const char *translated(const struct country *c, size_t name)
{
	char buf[256];
	const char *p = c->alt, *t;
	size_t len;

	if (name == 0) {
		t = dgettext(ISO_DOMAIN, c->name);
		return t != c->name ? t : NULL;
	}
	for (size_t i = 1; i < name; i++)
		p = strchr(p, '\t') + 1;
	len = strcspn(p, "\t");
	if (len >= sizeof buf)
		return NULL;
	memcpy(buf, p, len);
	buf[len] = '\0';
	t = dgettext(ISO_DOMAIN, buf);
	return t != buf ? t : NULL;
}

static int country_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct country *)elem)->code);
}

static const struct country *by_code(const char *code)
{
	return bsearch(code, countries, NCOUNTRIES, sizeof *countries, country_cmp);
}

const char *country_name(const char *code)
{
	const struct country *c = by_code(code);

	return c ? c->name : NULL;
}

/* iso-codes translates its own names, which the short name may not be
 * ("Bolivia" for "Bolivia, Plurinational State of"): the first of them it
 * has a translation for. */
const char *country_local_name(const char *code)
{
	const struct country *c = by_code(code);
	const char *t = NULL;

	if (!c)
		return NULL;
	iso_bind();
	for (size_t i = 0; !t && i < names_of(c); i++)
		t = translated(c, i);
	return t ? t : c->name;
}

/* Whether s is one of the tab-separated names of list (case-insensitive). */
static bool in_names(const char *list, const char *s, size_t n)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, "\t");

		if (len == n && strncasecmp(p, s, n) == 0)
			return true;
		p += len;
		if (*p)
			p++;
	}
	return false;
}

static const char *by_english_name(const char *s, size_t n)
{
	for (size_t i = 0; i < NCOUNTRIES; i++)
		if ((strlen(countries[i].name) == n &&
		     strncasecmp(countries[i].name, s, n) == 0) ||
		    in_names(countries[i].alt, s, n))
			return countries[i].code;
	return NULL;
}

/* Whether s (n bytes) and t are the same UTF-8 text but for case, in
 * the locale's idea of case ("ÁFRICA DO SUL" is "África do Sul"). */
static bool same_text(const char *s, size_t n, const char *t)
{
	size_t i = 0;

	while (i < n && *t) {
		unsigned a, b;
		size_t la = utf8_decode(s + i, &a), lb = utf8_decode(t, &b);

		if (!la || !lb || i + la > n ||
		    towlower((wint_t)a) != towlower((wint_t)b))
			return false;
		i += la;
		t += lb;
	}
	return i == n && !*t;
}

/* A name in the user's language, through iso-codes' catalog. */
static const char *by_translated_name(const char *s, size_t n)
{
	iso_bind();
	for (size_t i = 0; i < NCOUNTRIES; i++) {
		const struct country *c = &countries[i];

		for (size_t k = 0; k < names_of(c); k++) {
			const char *t = translated(c, k);

			if (t && same_text(s, n, t))
				return c->code;
		}
	}
	return NULL;
}

const char *country_suggest(const char *value)
{
	size_t n;

	while (*value == ' ')
		value++;
	n = strlen(value);
	while (n && value[n - 1] == ' ')
		n--;
	if (n == 0)
		return NULL;
	if (n == 2) {
		char up[3] = {value[0], value[1], '\0'};

		for (int i = 0; i < 2; i++)
			if (up[i] >= 'a' && up[i] <= 'z')
				up[i] = (char)(up[i] - 'a' + 'A');
		for (size_t i = 0; i < NCOUNTRIES; i++)
			if (strcmp(countries[i].code, up) == 0)
				return countries[i].code;
	}
	if (n == 3)
		for (size_t i = 0; i < NCOUNTRIES; i++)
			if (strncasecmp(countries[i].alpha3, value, 3) == 0)
				return countries[i].code;
	if (by_english_name(value, n))
		return by_english_name(value, n);
	return by_translated_name(value, n);
}
