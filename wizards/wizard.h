/* SPDX-License-Identifier: ISC */
/* wizard: the data format of every wizard, form and screen page, without
 * curses. A wizard is a const table of pages; a page is a const table of
 * fields; each field names its kind, label, help, the diagnostic path it
 * answers to, and callbacks binding it to a context (the deployment's
 * working copy plus the wizard's own state). The same tables drive the
 * full-screen engine (tui/engine.h), the help overlay and the page checks
 * below, so the three cannot drift apart.
 *
 * Strings in tables are N_() literals; the engine translates them when it
 * shows them. A help text never spells a key: it says %s and lists the
 * actions in help_keys (wizards/keyact.h). Callbacks returning `const char *` return borrowed text (NULL
 * = empty); those returning `char *` return text the caller frees. */
#ifndef XMPPGW_WIZARD_H
#define XMPPGW_WIZARD_H

#include <stdbool.h>
#include <stddef.h>

#include "deployment.h"
#include "diag.h"
#include "strlist.h"
#include "wizards/keyact.h"

enum wfield_kind {
	WF_TEXT,      /* one-line text: get_text / set_text, maxlen, aside */
	WF_SECRET,    /* like TEXT, shown as '*'; bound to state, never the model */
	WF_CHECK,     /* check box: get_bool / set_bool; the label follows the box */
	WF_RADIO,     /* one of choices[]: get_choice / set_choice */
	WF_LIST,      /* list editor of strings: list() is edited in place (add,
		       * edit, remove); items() gives read-only entries shown first */
	WF_CHECKLIST, /* one check box per item of items(): get_item / set_item */
	WF_ROWS,      /* selectable rows from items(): Enter runs activate(i),
		       * Delete runs remove(i) (the callback asks if it must);
		       * "text\tcaption" shows caption as the row's button */
	WF_NOTE,      /* computed read-only text (text()), wrapped, may span lines */
	WF_VIEWER,    /* computed text (text()) in a scrollable box */
	WF_BUTTON     /* an in-page action: press(); caption / caption_fn */
};

/* .in_state of a field kept in the wizard's state (0 is none). */
#define WSTATE(type, member) .in_state = offsetof(type, member) + 1

/* Field flags. */
#define WFF_REQUIRED 0x01u /* TEXT/LIST: empty is an error on Next */
#define WFF_UPPER 0x02u    /* TEXT: ASCII letters are upper-cased as typed */
#define WFF_NOLABEL 0x04u  /* NOTE/VIEWER/LIST/ROWS: no label line */

struct wui;

/* What every callback receives. The engine owns the struct; the wizard
 * owns *state (begin allocates it, end frees it). */
struct wctx {
	struct deployment *d;  /* the working copy the pages edit */
	const char *path;      /* the deployment file */
	const char *base_dir;  /* its folder: relative paths in d start there */
	void *state;           /* the wizard's own */
	const struct wui *ui;  /* dialogs and progress, supplied by the screen */
	void *ui_arg;          /* first argument of every ui callback */
	/* An action (activate, press) sets it to end the page as if the user
	 * had pressed Next (WLEAVE_NEXT), Cancel, or quit the program; the
	 * engine resets it when a page opens. */
	int leave;
	/* The partner (index in d->partners) that fields keyed "partner.*"
	 * edit; set by the partner form's begin. */
	long partner;
};

enum { WLEAVE_NONE, WLEAVE_NEXT, WLEAVE_CANCEL, WLEAVE_QUIT };

/* What an action (a button, a page's run) may ask of the screen. Every
 * text is already translated. */
struct wui {
	/* true when the user answers yes. */
	bool (*confirm)(void *arg, const char *title, const char *question);
	void (*message)(void *arg, const char *title, const char *text);
	/* A modal scrollable viewer. */
	void (*view)(void *arg, const char *title, const char *text);
	/* Shows what is going on (spinner + text) and polls the keyboard, at
	 * most a few times a second however often it is called; returns false
	 * when the user cancelled (Esc, Ctrl-C). text NULL: the work is over,
	 * the box goes away. */
	bool (*progress)(void *arg, const char *text);
	/* Makes the working copy the deployment and saves the file (atomic).
	 * Returns 0, or -1 once the user has been shown why, with *err (caller
	 * frees) a one-line reason for the log. */
	int (*commit)(void *arg, char **err);
};

struct wfield {
	const char *id;      /* stable name: help anchors, tests */
	const char *label;   /* N_() */
	enum wfield_kind kind;
	unsigned flags;      /* WFF_* */
	int maxlen;          /* TEXT/SECRET/LIST entries: characters; 0 = 4096 */
	int width;           /* TEXT: display cells of the box; 0 = what fits */
	int height;          /* VIEWER: rows; 0 = the rest of the page */
	const char *const *choices; /* RADIO: NULL-terminated N_() labels */
	const char *caption; /* BUTTON: the button's text (N_()) */
	const char *help;    /* N_(): shown by the help overlay */
	const enum tact *help_keys; /* the keys help's %s name (KEYACTS), or NULL */
	/* The diagnostic field path this field answers to ("certificate.country").
	 * A diag matches when its path equals it or continues with '[' or '.';
	 * for LIST/CHECKLIST/ROWS "path[i]" lands beside entry i. */
	const char *diag;
	/* TEXT, CHECK, RADIO, LIST: the deployment file key the field edits,
	 * as the file spells it ("certificate.organization"; "partner.tls" for
	 * the partner c->partner). The schema (model/depfile_schema.c) gives
	 * its type and place, and wfield_get_* / wfield_set_* read and write
	 * it: the field then has no getter or setter of its own. It is also
	 * the diagnostic path when diag is NULL. */
	const char *key;
	/* RADIO keyed to a number: the value of each choice, in order. */
	const int *values;
	/* TEXT, SECRET kept in the wizard's state, not in the file: where its
	 * char * is in *c->state, as WSTATE(struct, member) writes it. A
	 * SECRET's old text is wiped when it is replaced. */
	size_t in_state;

	bool (*visible)(const struct wctx *c);           /* NULL: always */
	/* Getters and setters: only for fields that compute their value
	 * (from other fields, or the wizard's state); see key. */
	const char *(*get_text)(const struct wctx *c);   /* TEXT, SECRET */
	void (*set_text)(struct wctx *c, const char *utf8);
	/* TEXT: text shown right of the box, recomputed as the user types
	 * (the country's name). */
	char *(*aside)(const struct wctx *c);
	bool (*get_bool)(const struct wctx *c);          /* CHECK */
	void (*set_bool)(struct wctx *c, bool v);
	int (*get_choice)(const struct wctx *c);         /* RADIO: index */
	void (*set_choice)(struct wctx *c, int i);
	struct strlist *(*list)(struct wctx *c);         /* LIST: edited in place */
	/* LIST: read-only entries; CHECKLIST, ROWS: the items. Fills out,
	 * which the engine cleared. */
	void (*items)(const struct wctx *c, struct strlist *out);
	bool (*get_item)(const struct wctx *c, size_t i); /* CHECKLIST */
	void (*set_item)(struct wctx *c, size_t i, bool v);
	int (*activate)(struct wctx *c, size_t i);       /* ROWS: Enter */
	int (*remove)(struct wctx *c, size_t i);         /* ROWS: Delete */
	/* NOTE, VIEWER: the text; any kind: extra lines shown below the field
	 * (why an unchecked box matters, the verdict of a choice). */
	char *(*text)(const struct wctx *c);
	const char *(*caption_fn)(const struct wctx *c); /* BUTTON: dynamic caption */
	/* BUTTON: the action. Returns 0, or -1 after telling the user. */
	int (*press)(struct wctx *c);
};

/* Page flags. */
#define WPF_NO_BACK 0x01u /* Back is not offered on this page */

struct wpage {
	const char *id;
	const char *title;   /* N_(): the page's title, as Lync names it */
	const char *intro;   /* N_(): a paragraph under the title, may be NULL */
	const char *help;    /* N_(): the page's help */
	const enum tact *help_keys; /* the keys help's %s name (KEYACTS), or NULL */
	const struct wfield *fields;
	size_t nfields;
	unsigned flags;      /* WPF_* */
	/* true: the wizard passes over this page (both directions). */
	bool (*skip)(const struct wctx *c);
	/* Called each time the page is shown. */
	void (*enter)(struct wctx *c);
	/* After the page is drawn when arriving by Next: the page's work
	 * (generating the key). Returns 0, or -1 after telling the user. */
	int (*run)(struct wctx *c);
	/* Adds the page's problems to out; only those whose path belongs to a
	 * field of the page are kept (wpage_check). NULL: no checks beyond
	 * WFF_REQUIRED. Typically calls certreq_validate on c->d. */
	void (*validate)(struct wctx *c, struct diags *out);
};

/* Wizard flags. */
#define WZF_FORM 0x01u /* a one-page form: buttons OK / Cancel */

struct wizard {
	const char *id;
	const char *title;   /* N_() */
	const struct wpage *pages;
	size_t npages;
	unsigned flags;      /* WZF_* */
	/* Allocates c->state (NULL allowed when none is needed). */
	void (*begin)(struct wctx *c);
	/* Finish (or OK): the last checks and the result into c->d. Returns 0;
	 * -1 after telling the user (the wizard stays open). NULL: nothing. */
	int (*finish)(struct wctx *c);
	/* Frees c->state, wiping secrets. */
	void (*end)(struct wctx *c);
};

/* --- Helpers shared by the engine, batch checks and tests (wizard.c) --- */

/* The field's visible() or true. */
bool wfield_is_visible(const struct wfield *f, const struct wctx *c);
/* The path the field's diagnostics name: diag, else key, else id. */
const char *wfield_path(const struct wfield *f);

/* --- A field's value (wfield.c): through the field's own getter and
 * setter when it has them, else its place in the state, else its key. A
 * key that names no
 * value (no partner, a type that does not fit the kind) reads as empty
 * and ignores writes. Setters keep the schema's rules: an optional string
 * left empty is unset (NULL), a required one is "" rather than NULL, an
 * enumeration or a choice out of range is ignored. --- */

const char *wfield_get_text(const struct wfield *f, const struct wctx *c);
void wfield_set_text(const struct wfield *f, struct wctx *c, const char *utf8);
bool wfield_get_bool(const struct wfield *f, const struct wctx *c);
void wfield_set_bool(const struct wfield *f, struct wctx *c, bool v);
/* The choice's index, or -1 when the value is none of them. */
int wfield_get_choice(const struct wfield *f, const struct wctx *c);
void wfield_set_choice(const struct wfield *f, struct wctx *c, int i);
/* LIST: the list edited in place; NULL when there is none. */
struct strlist *wfield_list(const struct wfield *f, struct wctx *c);
/* true when a TEXT, SECRET, CHECK, RADIO or LIST field can be read and
 * written: it has its getter and setter, a TEXT or SECRET its place in the
 * state, or its key names a value whose type fits the kind (a RADIO keyed
 * to a number has values). Other kinds: true. */
bool wfield_bound(const struct wfield *f);
/* True when diag path p answers to field path f (equal, or f followed by
 * '[' or '.'). */
bool wdiag_matches(const char *f, const char *p);
/* Entry index of "f[i]..." in p, or -1 when p is not about an entry. */
long wdiag_item(const char *f, const char *p);
/* The first diag about field f (entry item, or -1 for the field itself);
 * errors come before warnings. NULL when none. */
const struct diag *wfield_diag(const struct wfield *f, const struct diags *dg, long item);
/* The page's problems into out: WFF_REQUIRED fields left empty, then what
 * validate() finds about the page's visible fields. Returns the number of
 * errors added. */
size_t wpage_check(const struct wpage *pg, struct wctx *c, struct diags *out);
/* Like wpage_check without the WFF_REQUIRED part: what the model itself
 * says about the page, shown when the page opens. */
size_t wpage_model_diags(const struct wpage *pg, struct wctx *c, struct diags *out);
/* Index of the next page not skipped from i in direction dir (+1 / -1), or
 * -1 when there is none. */
long wizard_step(const struct wizard *w, const struct wctx *c, long i, int dir);
/* The text of a diag as shown beside a field ("error: ..."), caller frees. */
char *wdiag_text(const struct diag *g);

#endif
