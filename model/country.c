/* SPDX-License-Identifier: ISC */
/* The ISO 3166-1 countries: the compiled-in table (share/iso3166-1.tsv)
 * and, when Debian's iso-codes is installed, its translations of the
 * names, so that "Brasil" or "Deutschland" lead to the code. The program
 * works the same without iso-codes, knowing English names only. */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

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

/* The translations of iso-codes; ISOCODES_LOCALEDIR overrides it for the
 * tests. */
#define ISO_LOCALEDIR "/usr/share/locale"
#define MO_MAX (4u << 20)

static int country_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct country *)elem)->code);
}

const char *country_name(const char *code)
{
	const struct country *c = bsearch(code, countries, NCOUNTRIES, sizeof *countries,
					  country_cmp);

	return c ? c->name : NULL;
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

static uint32_t mo_word(const unsigned char *b, bool swap)
{
	uint32_t v;

	memcpy(&v, b, 4);
	return swap ? __builtin_bswap32(v) : v;
}

/* The string of table entry i at table (a length, an offset), or NULL when
 * the file does not hold it. */
static const char *mo_string(const unsigned char *b, size_t size, uint32_t table, uint32_t i,
			     bool swap, uint32_t *len)
{
	size_t at = (size_t)table + 8u * (size_t)i;
	uint32_t off;

	if (at + 8 > size)
		return NULL;
	*len = mo_word(b + at, swap);
	off = mo_word(b + at + 4, swap);
	if ((size_t)off + *len >= size || b[off + *len] != '\0')
		return NULL;
	return (const char *)b + off;
}

/* Searches one compiled catalog (GNU .mo) for a translation equal to s;
 * returns the code of its English name, or NULL. */
static const char *mo_lookup(const unsigned char *b, size_t size, const char *s, size_t n)
{
	uint32_t count, orig, trans, len;
	bool swap;

	if (size < 28)
		return NULL;
	swap = mo_word(b, false) != 0x950412deu;
	if (swap && mo_word(b, true) != 0x950412deu)
		return NULL;
	count = mo_word(b + 8, swap);
	orig = mo_word(b + 12, swap);
	trans = mo_word(b + 16, swap);
	for (uint32_t i = 0; i < count; i++) {
		const char *t = mo_string(b, size, trans, i, swap, &len), *id;

		if (!t || len != n || strncasecmp(t, s, n) != 0)
			continue;
		id = mo_string(b, size, orig, i, swap, &len);
		if (id)
			return by_english_name(id, len);
	}
	return NULL;
}

static const char *mo_file_lookup(const char *path, const char *s, size_t n)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	unsigned char *b = NULL;
	const char *code = NULL;
	struct stat st;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (size_t)st.st_size > MO_MAX)
		goto out;
	b = xmalloc((size_t)st.st_size);
	if (read(fd, b, (size_t)st.st_size) == st.st_size)
		code = mo_lookup(b, (size_t)st.st_size, s, n);
out:
	free(b);
	close(fd);
	return code;
}

/* Every language iso-codes translates the names into. */
static const char *by_translated_name(const char *s, size_t n)
{
	const char *dir = getenv("ISOCODES_LOCALEDIR"), *code = NULL;
	struct dirent *e;
	DIR *d;

	d = opendir(dir && *dir ? dir : ISO_LOCALEDIR);
	if (!d)
		return NULL;
	while (!code && (e = readdir(d))) {
		char *path;

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s/LC_MESSAGES/iso_3166-1.mo", dir && *dir ? dir : ISO_LOCALEDIR,
				 e->d_name);
		code = mo_file_lookup(path, s, n);
		free(path);
	}
	closedir(d);
	return code;
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
