/* SPDX-License-Identifier: ISC */
/* subject: the Edge certificate's subject name as the deployment gives it,
 * attribute after attribute in the order the request encodes them (CN, O,
 * OU, L, ST, C; those left empty are left out). The request (csr_build.c),
 * the certificate wizard's summary, the certreq INF and the Edge's script
 * all take it from here, and each only spells it its own way. */
#ifndef XMPPGW_SUBJECT_H
#define XMPPGW_SUBJECT_H

#include <stddef.h>

#include "deployment.h"
#include "validate.h"

/* Every attribute a subject may have. */
#define SUBJECT_MAX SUBJ_COUNT

struct subject_attr {
	enum subject_field field;
	const char *name;  /* the short name of RFC 4514 and OpenSSL: CN, O, OU, L, ST, C */
	const char *key;   /* the deployment file key it comes from */
	const char *value; /* borrowed from the deployment; never empty */
};

/* Fills out with the attributes d sets, in order, and returns how many. */
size_t subject_attrs(const struct deployment *d, struct subject_attr out[SUBJECT_MAX]);

#endif
