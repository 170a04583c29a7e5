/* SPDX-License-Identifier: ISC */
/* i18n: the gettext markers. _() translates now; N_() marks a string in a
 * const table that is translated where it is shown; ngettext() for every
 * count shown. Without NLS (configure --disable-nls) the English stays. */
#ifndef XMPPGW_I18N_H
#define XMPPGW_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define gettext(s) (s)
#define dgettext(d, s) ((void)(d), (s))
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#define bindtextdomain(d, dir) ((void)(d), (void)(dir))
#define bind_textdomain_codeset(d, c) ((void)(d), (void)(c))
#define textdomain(d) ((void)(d))
#endif
#define N_(s) (s)

#endif
