/* psquote: text from the deployment made inert for a PowerShell script.
 * Every function returns a new string the caller frees; none fails. */
#ifndef XMPPGW_PSQUOTE_H
#define XMPPGW_PSQUOTE_H

#include <stdbool.h>

#include "strlist.h"

/* s as inert text. quoted: a single-quoted literal, in which PowerShell
 * expands nothing and the only special characters are its quotes (' and
 * U+2018 to U+201B), each doubled. Unquoted: the same text for a comment.
 * Either way line breaks and control characters become spaces, so a value
 * stays on its line and cannot end a comment early; malformed UTF-8 becomes
 * '?'. s NULL: the empty text. */
char *psquote_text(const char *s, bool quoted);
/* 'a', 'b': the items as one PowerShell array of quoted literals. */
char *psquote_array(const struct strlist *items);

#endif
