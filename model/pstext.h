/* SPDX-License-Identifier: ISC */
/* pstext: values made inert for a PowerShell script, and the script's bytes.
 * Shared by the Front End's and the Edge's scripts. Every function returns a
 * new string the caller frees; none can fail. */
#ifndef XMPPGW_PSTEXT_H
#define XMPPGW_PSTEXT_H

#include "strlist.h"

/* s as a single-quoted literal ('It''s'): PowerShell expands nothing in it.
 * Line breaks and control characters become spaces, malformed UTF-8 '?'.
 * NULL is taken as "". */
char *pstext_literal(const char *s);
/* s as text for a comment: the same, without quotes, so a value can never
 * end the comment's line. */
char *pstext_comment(const char *s);
/* The items as one array of literals: @('a', 'b') (@() when empty). */
char *pstext_array(const struct strlist *items);
/* The lines as the script file: a UTF-8 byte order mark, CRLF after each
 * line, the last one included. */
char *pstext_script(const struct strlist *lines);

#endif
