/* SPDX-License-Identifier: ISC */
/* i18n: the gettext markers. _() translates now; N_() marks a string in a
 * const table that is translated where it is shown. */
#ifndef XMPPGW_I18N_H
#define XMPPGW_I18N_H

#ifdef HAVE_LIBINTL_H
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
