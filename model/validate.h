/* SPDX-License-Identifier: ISC */
/* validate: value rules for single fields. Each returns VALID_OK, VALID_WARN
 * or VALID_ERR; for WARN and ERR *msg receives a sentence the caller frees
 * (msg may be NULL when the reason is not wanted). */
#ifndef XMPPGW_VALIDATE_H
#define XMPPGW_VALIDATE_H

enum { VALID_OK = 0, VALID_WARN = 1, VALID_ERR = 2 };

#define DNS_NAME_MAX 253
#define DNS_LABEL_MAX 63

enum subject_field { SUBJ_CN, SUBJ_O, SUBJ_OU, SUBJ_L, SUBJ_ST, SUBJ_C, SUBJ_COUNT };

/* A DNS name as Lync's Edge takes it (RFC 1035/1123 LDH labels of 1-63
 * octets, at most 253 in all, ASCII with IDNs as xn-- A-labels, one trailing
 * dot allowed). Wildcards are refused: Edge does not support them. Names a
 * public CA refuses (single label, .local, .corp, ...) give a warning. */
int validate_dns_name(const char *name, char **msg);
/* ISO 3166-1 alpha-2, upper case. */
int validate_country(const char *code, char **msg);
/* The English short name of an alpha-2 code, or NULL. */
const char *country_name(const char *code);
/* The name in the user's language (iso-codes' translation, when installed
 * and it has one), else the English short name; NULL for an unknown code.
 * A static string, UTF-8 whatever the locale. */
const char *country_local_name(const char *code);
/* The alpha-2 code value probably means: the code itself in any case, an
 * alpha-3 code ("BRA"), an English name ("Brazil") or, with Debian's
 * iso-codes installed, a name in the user's language ("Brasil" under
 * pt_BR, in any case); NULL when none. A static string. */
const char *country_suggest(const char *value);
/* RFC 5280 upper bounds, counted in characters of the UTF-8 text; an OU
 * warns (no longer allowed in publicly trusted certificates). Empty values
 * are the caller's concern. */
int validate_subject_field(enum subject_field f, const char *value, char **msg);
/* 2048, 3072 and 4096 are taken; 1024 is refused with the reason. */
int validate_key_bits(int bits, char **msg);
/* Text that must be valid UTF-8 on one line: no C0 or C1 control character
 * (NEL included), no line or paragraph separator. */
int validate_text(const char *s, char **msg);
/* A file name on this machine: a Windows path ("C:\\CERT_externos_Edge.cer",
 * anything with a backslash) is refused with the reason, as it would become
 * one oddly named file here. */
int validate_file_name(const char *name, char **msg);
/* The certificate request's file name: validate_file_name, and a warning
 * for a name ending in .cer or .crt, which is what the CA sends back. */
int validate_request_name(const char *name, char **msg);

#endif
