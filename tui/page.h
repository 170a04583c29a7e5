/* SPDX-License-Identifier: ISC */
/* page: the engine that shows one struct wpage and runs its keys. The
 * layout is recomputed from the table on every key (fields appear, lists
 * grow, notes change as the user types), the whole window is drawn again,
 * and curses sends only the cells that differ. Focus is kept as (field,
 * entry), so it survives any relayout. */
#ifndef XMPPGW_TUI_PAGE_H
#define XMPPGW_TUI_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "strlist.h"
#include "tui/textedit.h"
#include "tui/tui_int.h"
#include "wizards/wizard.h"

/* Buttons of the bottom row, in the order they are shown. */
enum tbtn { TB_BACK, TB_NEXT, TB_FINISH, TB_OK, TB_CANCEL, TB_SAVE, TB_QUIT, TB_COUNT };

struct tpage_opts {
	const char *title;     /* the title bar, translated */
	const char *step;      /* "Step 6 of 14", or NULL */
	unsigned buttons;      /* 1u << TB_* */
	bool back_disabled;
	bool cancel_quits;     /* Esc quits (the home screen) */
	enum keys_hint_set hint;
	/* Asked while the page is still shown, before it closes with PO_NEXT
	 * (the page passed its checks) or PO_CANCEL; false keeps it open. The
	 * wizard asks "leave?" and runs Finish here, so the question and any
	 * message appear over the page they are about. NULL: always. */
	bool (*leave_ok)(void *arg, int out);
	void *leave_arg;
};

enum tpage_out { PO_NEXT, PO_BACK, PO_CANCEL, PO_QUIT };

/* Shows pg until the user leaves it. Next (or Finish / OK) returns PO_NEXT
 * only once wpage_check finds no error; the problems are shown beside
 * their fields otherwise. forward: arrived by Next (pg->run is called). */
int tpage_run(struct tui *t, const struct wpage *pg, struct wctx *c,
	      const struct tpage_opts *o, bool forward);

/* --- shared by page.c (layout, drawing) and pagekeys.c (keys) --- */

struct tstop {
	int f;      /* field index, or -1 for a bottom-row button */
	long sub;   /* choice / entry / -1; the button for f == -1; LIST: n = Add */
	int y, y2;  /* content rows it spans (with its notes) */
	int x;      /* where the cursor goes */
};

struct tpage {
	struct tlayer l;
	struct tui *t;
	const struct wpage *pg;
	struct wctx *c;
	const struct tpage_opts *o;
	struct diags dg;        /* shown beside the fields */
	struct tedit *ed;       /* per field: TEXT, SECRET */
	size_t *vtop;           /* per field: first line shown of a VIEWER */
	size_t *vlines;         /* per field: its lines after the last layout */
	struct tstop *stops;
	size_t nstops, capstops;
	int focus_f;            /* the focused stop, by identity */
	long focus_sub;
	size_t focus;           /* its index in stops after the last layout */
	int scroll;             /* first content row shown */
	int content_h;
	int viewer_h;
	int labelw;
	/* the LIST entry being edited (edit_f < 0: none) */
	int edit_f;
	long edit_i;
	bool edit_new;
	char *edit_old;
	struct tedit edit;
	/* while drawing */
	bool drawing;
	int cur_y, cur_x;
	int done;               /* -1 running, else enum tpage_out */
};

/* Loads the text fields that are not being typed in from the model. */
void tpage_sync(struct tpage *p);
void tpage_layout(struct tpage *p);
void tpage_draw(struct tpage *p);
void tpage_paint(struct tlayer *l, struct tui *t);
const struct tstop *tpage_focused(const struct tpage *p);
const struct wfield *tpage_field(const struct tpage *p);
void tpage_focus_to(struct tpage *p, size_t i);
/* Moves the focus by dir stops, skipping disabled buttons. */
void tpage_move(struct tpage *p, int dir);
/* The rows and body geometry. */
int tpage_body_y(void);
int tpage_body_h(void);
/* One key on the page (pagekeys.c). */
void tpage_key(struct tpage *p, struct tkey k);
/* Runs Next: checks the page; sets p->done when it passes. */
void tpage_try_next(struct tpage *p);
bool tpage_has(const struct tpage *p, enum tbtn b);

#endif
