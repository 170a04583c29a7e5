/* SPDX-License-Identifier: ISC */
/* depfile_schema: the keys of the deployment file, in the order they are
 * written, shared by the reader (depfile.c) and the writer (depfile_emit.c)
 * so the two cannot disagree (tables in depfile_schema.c). Offsets point into the struct that holds the
 * section: struct deployment for the top level, struct partner for a
 * partner, and so on. deployment.c frees, copies and compares a deployment
 * through the same tables; the wizards bind their fields to keys found
 * with dsection_find. */
#ifndef XMPPGW_DEPFILE_SCHEMA_H
#define XMPPGW_DEPFILE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

enum dkind {
	DK_STR,      /* char *; written always ('' when unset) */
	DK_OPTSTR,   /* char *; written only when set and not empty */
	DK_NULLSTR,  /* char *; NULL means absent, "" is kept (certificate.template) */
	DK_BOOL,     /* bool */
	DK_INT,      /* int */
	DK_LIST,     /* struct strlist of names */
	DK_OPTLIST,  /* struct strlist; written only when not empty */
	DK_NEG,      /* enum neg */
	DK_PTYPE,    /* enum partner_type */
	DK_SECTION,  /* a mapping read into sub at off (written unless all its keys are omitted) */
	DK_PARTNERS, /* the partner list of struct deployment */
	DK_VERSION   /* the format version, not stored */
};

struct dsection;

struct dfield {
	const char *key;
	enum dkind kind;
	size_t off;
	const struct dsection *sub;
};

struct dsection {
	const struct dfield *fields;
	size_t n;
};

extern const struct dsection depfile_top;
extern const struct dsection depfile_partner;

/* Free every value of sec's fields in base (strings, lists, sub-sections);
 * scalars are left as they are. DK_PARTNERS is the caller's. */
void dsection_free(const struct dsection *sec, void *base);
/* Copies every field of sec from src into dst, which holds no values yet
 * (strings and lists are duplicated). DK_PARTNERS is the caller's. */
void dsection_copy(const struct dsection *sec, void *dst, const void *src);
/* True when every field of sec is equal in a and b. Strings: NULL and ""
 * are the same, except for DK_NULLSTR. DK_PARTNERS is the caller's. */
bool dsection_equal(const struct dsection *sec, const void *a, const void *b);

/* The key at the dotted path below sec ("certificate.organization"), with
 * *off its place from the start of sec's struct (sections' offsets added).
 * NULL when path names no key, or a section or the partner list. */
const struct dfield *dsection_find(const struct dsection *sec, const char *path, size_t *off);

/* The key of sec that key is most likely a misspelling of, or NULL. */
const char *depfile_suggest(const struct dsection *sec, const char *key);

#endif
