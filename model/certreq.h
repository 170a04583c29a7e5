/* SPDX-License-Identifier: ISC */
/* certreq: what a new certificate request knows of the requests before it:
 * whether a key is in use, new names for a new key so that the key in use
 * is never replaced, and whether the settings changed since the request
 * recorded in certificate.generated was made. */
#ifndef XMPPGW_CERTREQ_H
#define XMPPGW_CERTREQ_H

#include <stdbool.h>
#include <time.h>

#include "deployment.h"

/* true when the file records a generated key or an issued certificate: a
 * new request must then not take the key's file name. */
bool certreq_key_in_use(const struct deployment *d);
/* The file name of the key in use (borrowed from d): the generated key,
 * else the issued certificate's; NULL when none is recorded. */
const char *certreq_key_in_use_name(const struct deployment *d);

/* Names for a new request and key beside the current ones, that name no
 * existing file (or link) under base_dir: certificate.request_file and
 * key_file with -YYYYMMDD (the UTC date of now) before the extension, then
 * -YYYYMMDD-2, -3 and so on; a date suffix already there is replaced, not
 * added to. Returns 0 with *req and *key (the caller frees both), or -1
 * with *err (caller frees). */
int certreq_fresh_names(const struct deployment *d, const char *base_dir, time_t now,
			char **req, char **key, char **err);

/* The request's subject as the file derives it now, RFC 2253 (the
 * request's last RDN first: C=..,ST=..,L=..,O=..,CN=..; UTF-8 kept as is).
 * NULL when there is no subject to encode. The caller frees it. */
char *certreq_subject(const struct deployment *d);

/* Records in g the subject and the DNS names the file derives now. */
void certreq_record_names(const struct deployment *d, struct cert_record *g);

/* true when certificate.generated records a subject or names that differ
 * from what the file derives now (the names compared as a set, ignoring
 * case); false when nothing is recorded. */
bool certreq_changed_since_request(const struct deployment *d);

#endif
