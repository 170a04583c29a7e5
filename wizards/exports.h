/* SPDX-License-Identifier: ISC */
/* exports (screen data): the Exports screen without curses. It writes the
 * Front End's script, the certreq INF or the zone lines (model/export.h) to
 * a file beside the deployment, and shows them. The DNS
 * screen shows the zone lines through wexport_show too. */
#ifndef XMPPGW_WIZARDS_EXPORTS_H
#define XMPPGW_WIZARDS_EXPORTS_H

#include "deployment.h"
#include "wizards/wizard.h"

/* One per row of the formats table in exports.c. */
enum wexport_kind { WEXP_FRONTEND, WEXP_EDGE, WEXP_INF, WEXP_ZONE, WEXP_COUNT };

/* Why kind means nothing for d, naming what to fill in (translated); NULL
 * when d has what it needs. */
const char *wexport_missing(enum wexport_kind k, const struct deployment *d);
/* The export's text, as written (BOM and CRLF kept); the caller frees it. */
char *wexport_text(enum wexport_kind k, const struct deployment *d);
/* Where the export is used ("Run on a Front End Server ..."), translated. */
const char *wexport_where(enum wexport_kind k);
/* The text for the screen: without the byte order mark, CRLF and lone CR
 * turned into LF; the caller frees it. */
char *wexport_for_view(const char *text);
/* "<base>.frontend.ps1" for "dir/<base>.yaml" (the last extension replaced, or the
 * extension added); the file name only, the caller frees it. */
char *wexport_default_name(const char *deployment_path, enum wexport_kind k);
/* name as a path: absolute names as they are, others in base_dir (NULL or
 * "": the current folder); the caller frees it. */
char *wexport_resolve(const char *base_dir, const char *name);

/* Actions shared by the screens. Each returns 0, or -1 after telling the
 * user through c->ui. */
/* Shows the export of c->d in the viewer. */
int wexport_show(struct wctx *c, enum wexport_kind k);
/* Writes the export of c->d to name (resolved in c->base_dir) atomically,
 * asking before replacing a file, then shows it. A "no" to replacing
 * returns 0 without writing. */
int wexport_write(struct wctx *c, enum wexport_kind k, const char *name);

/* The screen's state (begin allocates it). */
struct wexport_state {
	enum wexport_kind kind;
	char *name; /* the file name as typed */
};

extern const struct wizard wexport_wizard;

#endif
