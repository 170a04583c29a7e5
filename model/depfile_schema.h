/* depfile_schema: the keys of the deployment file, in the order they are
 * written, shared by the reader (depfile.c) and the writer (depfile_emit.c)
 * so the two cannot disagree (tables in depfile_schema.c). Offsets point into the struct that holds the
 * section: struct deployment for the top level, struct partner for a
 * partner, and so on. Private to those two files. */
#ifndef XMPPGW_DEPFILE_SCHEMA_H
#define XMPPGW_DEPFILE_SCHEMA_H

#include <stddef.h>

enum dkind {
	DK_STR,      /* char *; written always ('' when unset) */
	DK_OPTSTR,   /* char *; written only when set and not empty */
	DK_NULLSTR,  /* char *; NULL means absent, "" is kept (certificate.template) */
	DK_BOOL,     /* bool */
	DK_INT,      /* int */
	DK_LIST,     /* struct strlist of names */
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

/* The key of sec that key is most likely a misspelling of, or NULL. */
const char *depfile_suggest(const struct dsection *sec, const char *key);

#endif
