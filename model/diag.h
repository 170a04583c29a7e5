/* SPDX-License-Identifier: ISC */
/* diag: problems found in a deployment, each with its position (line and
 * column from 1; 0 when the value has no place in a file) and the dotted name
 * of the field ("partners[2].tls"). A diags list owns its entries. */
#ifndef XMPPGW_DIAG_H
#define XMPPGW_DIAG_H

#include <stddef.h>

enum diag_sev { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_sev sev;
	int line, col;
	char *field;
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

void diags_add(struct diags *d, enum diag_sev sev, int line, int col, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Takes ownership of msg. */
void diags_add_owned(struct diags *d, enum diag_sev sev, int line, int col, const char *field,
		     char *msg);
void diags_free(struct diags *d);
/* "FILE:LINE:COL: error: FIELD: MSG" (GNU form); the caller frees it. */
char *diag_format(const char *file, const struct diag *g);
/* "FIELD: MSG" (or MSG alone), escaped as diag_format does; the caller
 * frees it. */
char *diag_format_field(const struct diag *g);
/* A copy of s with control characters (C0, DEL, C1, bidi controls and
 * the line separators) and bytes that are not UTF-8 written as \xNN or
 * \uNNNN, for text from outside (a file, a server); the caller frees it. */
char *diag_escape(const char *s);
/* Values quoted in messages are cut after this many characters. */
#define DIAG_QUOTE_MAX 80
/* s in double quotes, cut after DIAG_QUOTE_MAX characters with
 * ("... (N more characters)"); not escaped (diag_format does that). The
 * caller frees it. */
char *diag_quote(const char *s);
/* Sorts entries from index from on by position (unpositioned last),
 * keeping the order of ties. */
void diags_sort(struct diags *d, size_t from);
/* Drops the entries from index from on whose field is not field. */
void diags_keep_only(struct diags *d, size_t from, const char *field);
/* The number of fields with at least one error: what the screens show, one
 * problem beside each field. */
size_t diags_error_fields(const struct diags *d);
/* The first diagnostic about field (exact name), or NULL. */
const struct diag *diags_find(const struct diags *d, const char *field);

#endif
