/* SPDX-License-Identifier: ISC */
/* The parts of running a wizard table that need no screen: which page comes
 * next, and which problems belong to which field. */
#include "config.h"

#include "wizards/wizard.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"

bool wfield_is_visible(const struct wfield *f, const struct wctx *c)
{
	return !f->visible || f->visible(c);
}

bool wdiag_matches(const char *f, const char *p)
{
	size_t n;

	if (!f || !p)
		return false;
	n = strlen(f);
	return strncmp(f, p, n) == 0 && (p[n] == '\0' || p[n] == '[' || p[n] == '.');
}

long wdiag_item(const char *f, const char *p)
{
	size_t n = strlen(f);
	char *end;
	long i;

	if (!wdiag_matches(f, p) || p[n] != '[')
		return -1;
	i = strtol(p + n + 1, &end, 10);
	return (end > p + n + 1 && *end == ']' && i >= 0) ? i : -1;
}

/* Fields without a diagnostic path or a key answer to their id (a
 * required field that the model does not know about). */
const char *wfield_path(const struct wfield *f)
{
	return f->diag ? f->diag : f->key ? f->key : f->id;
}

static const struct diag *find_sev(const struct wfield *f, const struct diags *dg, long item,
				   enum diag_sev sev)
{
	for (size_t i = 0; i < dg->n; i++) {
		const struct diag *g = &dg->v[i];

		if (g->sev == sev && wdiag_matches(wfield_path(f), g->field) &&
		    wdiag_item(wfield_path(f), g->field) == item)
			return g;
	}
	return NULL;
}

const struct diag *wfield_diag(const struct wfield *f, const struct diags *dg, long item)
{
	const struct diag *g;

	if (!wfield_path(f) || !dg)
		return NULL;
	g = find_sev(f, dg, item, DIAG_ERROR);
	return g ? g : find_sev(f, dg, item, DIAG_WARNING);
}

static bool field_empty(const struct wfield *f, struct wctx *c)
{
	const char *s;

	switch (f->kind) {
	case WF_TEXT:
	case WF_SECRET:
		s = wfield_get_text(f, c);
		return !s || !*s;
	case WF_LIST:
		return !wfield_list(f, c) || wfield_list(f, c)->n == 0;
	default:
		return false;
	}
}

static bool belongs(const struct wpage *pg, const struct wctx *c, const char *path)
{
	for (size_t i = 0; i < pg->nfields; i++)
		if (wfield_is_visible(&pg->fields[i], c) && wdiag_matches(wfield_path(&pg->fields[i]), path))
			return true;
	return false;
}

size_t wpage_model_diags(const struct wpage *pg, struct wctx *c, struct diags *out)
{
	struct diags all = {0};
	size_t errors = 0;

	if (pg->validate)
		pg->validate(c, &all);
	for (size_t i = 0; i < all.n; i++) {
		struct diag *g = &all.v[i];

		if (!belongs(pg, c, g->field))
			continue;
		diags_add(out, g->sev, g->line, g->col, g->field, "%s", g->msg);
		errors += g->sev == DIAG_ERROR;
	}
	diags_free(&all);
	return errors;
}

size_t wpage_check(const struct wpage *pg, struct wctx *c, struct diags *out)
{
	size_t errors = 0;

	for (size_t i = 0; i < pg->nfields; i++) {
		const struct wfield *f = &pg->fields[i];

		if ((f->flags & WFF_REQUIRED) && wfield_is_visible(f, c) && field_empty(f, c)) {
			diags_add(out, DIAG_ERROR, 0, 0, wfield_path(f), "%s",
				  _("is required"));
			errors++;
		}
	}
	return errors + wpage_model_diags(pg, c, out);
}

long wizard_step(const struct wizard *w, const struct wctx *c, long i, int dir)
{
	for (i += dir; i >= 0 && (size_t)i < w->npages; i += dir)
		if (!w->pages[i].skip || !w->pages[i].skip(c))
			return i;
	return -1;
}

char *wdiag_text(const struct diag *g)
{
	return xasprintf("%s: %s", g->sev == DIAG_ERROR ? _("error") : _("warning"), g->msg);
}
