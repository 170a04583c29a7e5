/* SPDX-License-Identifier: ISC */
/* Reading the deployment file. libyaml's event parser is walked directly
 * (not its document tree) so that 10,000 partners fit in a few MiB: every
 * value goes straight into the model, and its position into a posmap. */
#include "config.h"

#include "depfile.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "depfile_schema.h"
#include "i18n.h"
#include "xalloc.h"

struct loader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev;
	bool stopped;  /* a syntax error ended the parse */
	const char *buf;
	size_t len;
	struct diags *diags;
	struct posmap *pm;
	struct deployment *d;
	char *path;    /* dotted name of the node being read */
	size_t plen, pcap;
	int version;   /* -1 until read */
};

/* --- positions, paths and messages ---------------------------------- */

static int ev_line(const struct loader *l)
{
	return (int)l->ev.start_mark.line + 1;
}

static int ev_col(const struct loader *l)
{
	return (int)l->ev.start_mark.column + 1;
}

/* The path grows by hand rather than through printf: it changes for every
 * key of the file, 100,000 times for 10,000 partners. */
static size_t path_append(struct loader *l, const char *piece, size_t n)
{
	size_t old = l->plen;

	l->path = xgrow(l->path, &l->pcap, l->plen + n + 1, 1);
	memcpy(l->path + l->plen, piece, n);
	l->plen += n;
	l->path[l->plen] = '\0';
	return old;
}

/* Appends ".key" (just "key" at the top); returns the length to pop to. */
static size_t path_key(struct loader *l, const char *key)
{
	size_t old = l->plen;

	if (old)
		path_append(l, ".", 1);
	path_append(l, key, strlen(key));
	return old;
}

static size_t path_index(struct loader *l, size_t i)
{
	char num[32], *p = num + sizeof num;

	*--p = ']';
	do
		*--p = (char)('0' + i % 10);
	while (i /= 10);
	*--p = '[';
	return path_append(l, p, (size_t)(num + sizeof num - p));
}

static void path_pop(struct loader *l, size_t len)
{
	l->plen = len;
	l->path[len] = '\0';
}

static void error_here(struct loader *l, char *msg)
{
	diags_add_owned(l->diags, DIAG_ERROR, ev_line(l), ev_col(l), l->path, msg);
}

static void record(struct loader *l)
{
	posmap_put(l->pm, l->path, ev_line(l), ev_col(l));
}

static bool is_scalar(const struct loader *l)
{
	return l->ev.type == YAML_SCALAR_EVENT;
}

static const char *scalar(const struct loader *l)
{
	return (const char *)l->ev.data.scalar.value;
}

static bool plain(const struct loader *l)
{
	return l->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static bool is_null(const struct loader *l);

/* What the current node is, for "expected X, found Y". */
static char *describe(const struct loader *l)
{
	switch (l->ev.type) {
	case YAML_SEQUENCE_START_EVENT:
		return xstrdup(_("a list"));
	case YAML_MAPPING_START_EVENT:
		return xstrdup(_("a mapping"));
	case YAML_SCALAR_EVENT:
		if (is_null(l))
			return xstrdup(_("nothing"));
		return diag_quote(scalar(l));
	default:
		return xstrdup(_("nothing"));
	}
}

static void wrong_type(struct loader *l, const char *expected)
{
	char *found = describe(l);

	if (is_scalar(l) && !plain(l))
		error_here(l, xasprintf(_("expected %s, found %s (quoted, so it is text)"),
					expected, found));
	else
		error_here(l, xasprintf(_("expected %s, found %s"), expected, found));
	free(found);
}

/* Counts characters, not bytes, as libyaml's own columns do. */
static void offset_position(const char *buf, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* libyaml reports a broken sequence at its faulty trailing byte; the
 * character it breaks starts at the lead byte before it. */
static size_t lead_byte(const char *buf, size_t off)
{
	size_t o = off;

	while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
		o--;
	return o > 0 && (unsigned char)buf[o - 1] >= 0xC0 ? o - 1 : off;
}

static char *reader_problem(const struct loader *l, int *line, int *col)
{
	const yaml_parser_t *p = &l->parser;
	size_t off = p->problem_offset < l->len ? p->problem_offset : l->len;

	if (strstr(p->problem, "trailing"))
		off = lead_byte(l->buf, off);
	offset_position(l->buf, off, line, col);
	if (strstr(p->problem, "UTF-8"))
		return xasprintf(_("the file is not valid UTF-8 text (%s)"), p->problem);
	return xasprintf(_("the file holds a character YAML does not allow (%s, code %#x)"),
			 p->problem, (unsigned)p->problem_value);
}

static char *parser_problem(const struct loader *l, int *line, int *col)
{
	const yaml_parser_t *p = &l->parser;
	const yaml_mark_t *m = &p->problem_mark, *c = &p->context_mark;

	*line = (int)m->line + 1;
	*col = (int)m->column + 1;
	if (m->index < l->len && l->buf[m->index] == '\t')
		return xstrdup(_("syntax error: a tab character here; YAML is indented with "
				 "spaces only"));
	if (!p->context)
		return xasprintf(_("syntax error: %s"), p->problem ? p->problem : "?");
	if (c->line == m->line && c->column == m->column)
		return xasprintf(_("syntax error: %s (%s)"), p->problem, p->context);
	return xasprintf(_("syntax error: %s (%s from line %d, column %d)"), p->problem,
			 p->context, (int)c->line + 1, (int)c->column + 1);
}

static void syntax_error(struct loader *l)
{
	int line = 0, col = 0;
	char *msg;

	if (l->parser.error == YAML_MEMORY_ERROR)
		msg = xstrdup(strerror(ENOMEM));
	else if (l->parser.error == YAML_READER_ERROR)
		msg = reader_problem(l, &line, &col);
	else
		msg = parser_problem(l, &line, &col);
	diags_add_owned(l->diags, DIAG_ERROR, line, col, "", msg);
}

/* --- the event stream ------------------------------------------------ */

static bool advance(struct loader *l)
{
	if (l->stopped)
		return false;
	if (l->have_ev)
		yaml_event_delete(&l->ev);
	l->have_ev = yaml_parser_parse(&l->parser, &l->ev) != 0;
	if (!l->have_ev) {
		syntax_error(l);
		l->stopped = true;
	}
	return l->have_ev;
}

/* A deployment file nests four levels deep. libyaml's scanner slows down
 * with the square of the nesting depth, so a file of a million "[" would
 * keep it busy for hours: reading stops well before that. */
#define MAX_SKIP_DEPTH 64

/* Moves past the node whose first event is current (its last event is
 * then current). */
static void skip_node(struct loader *l)
{
	int depth = 0;

	do {
		if (l->ev.type == YAML_SEQUENCE_START_EVENT ||
		    l->ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (l->ev.type == YAML_SEQUENCE_END_EVENT ||
			 l->ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth > MAX_SKIP_DEPTH) {
			error_here(l, xasprintf(_("lists and mappings nest more than %d levels "
						  "deep here; reading stops"), MAX_SKIP_DEPTH));
			l->stopped = true;
		}
	} while (depth > 0 && advance(l));
}

static const yaml_char_t *node_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor;
	default:
		return NULL;
	}
}

static const yaml_char_t *node_tag(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.tag;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.tag;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.tag;
	default:
		return NULL;
	}
}

/* Anchors, aliases and tags have no meaning here; aliases also open the
 * door to exponential expansion. Returns false (node skipped) for those. */
static bool node_ok(struct loader *l)
{
	const yaml_char_t *anchor = node_anchor(&l->ev), *tag = node_tag(&l->ev);

	if (l->ev.type == YAML_ALIAS_EVENT) {
		error_here(l, xasprintf(_("aliases (*%s) are not allowed; write the value out"),
					(const char *)l->ev.data.alias.anchor));
		return false;
	}
	if (anchor)
		error_here(l, xasprintf(_("anchors (&%s) are not allowed"),
					(const char *)anchor));
	else if (tag)
		error_here(l, xasprintf(_("tags (%s) are not allowed"), (const char *)tag));
	else if (is_scalar(l) && strlen(scalar(l)) != l->ev.data.scalar.length)
		error_here(l, xstrdup(_("holds a NUL character")));
	else
		return true;
	skip_node(l);
	return false;
}

static bool is_null(const struct loader *l)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};

	/* Most scalars are longer than any null: this runs for every value. */
	if (!is_scalar(l) || !plain(l) || l->ev.data.scalar.length > 4)
		return false;
	for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
		if (strcmp(scalar(l), nulls[i]) == 0)
			return true;
	return false;
}

/* Takes the scalar's text from the event instead of copying it. */
static char *steal_scalar(struct loader *l)
{
	char *s = (char *)l->ev.data.scalar.value;

	l->ev.data.scalar.value = NULL;
	return s;
}

/* --- values ---------------------------------------------------------- */

static void read_string(struct loader *l, const struct dfield *f, char **dst)
{
	record(l);
	if (!is_scalar(l)) {
		wrong_type(l, _("a string"));
		skip_node(l);
		return;
	}
	free(*dst);
	*dst = is_null(l) ? NULL : steal_scalar(l);
	if (!*dst && f->kind == DK_STR)
		*dst = xstrdup("");
}

static bool parse_bool(const char *s, bool *v)
{
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0)
		*v = true;
	else if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
		*v = false;
	else
		return false;
	return true;
}

static bool yaml11_bool(const char *s)
{
	static const char *const words[] = {"yes", "no", "on", "off", "y", "n"};

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static void read_bool(struct loader *l, bool *dst)
{
	record(l);
	if (is_scalar(l) && plain(l) && parse_bool(scalar(l), dst))
		return;
	if (is_scalar(l) && plain(l) && yaml11_bool(scalar(l)))
		error_here(l, xasprintf(_("expected true or false, found \"%s\" (only true and "
					  "false are booleans, as in YAML 1.2)"), scalar(l)));
	else
		wrong_type(l, _("true or false"));
	skip_node(l);
}

/* Decimal only, as in YAML 1.2's core schema; false when s is no integer. */
static bool parse_int(const char *s, long long *v)
{
	const char *p = s + (*s == '-' || *s == '+');
	char *end;

	if (!isdigit((unsigned char)*p))
		return false;
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			return false;
	errno = 0;
	*v = strtoll(s, &end, 10);
	if (errno == ERANGE)
		*v = *s == '-' ? LLONG_MIN : LLONG_MAX;
	return true;
}

static bool read_int(struct loader *l, int *dst)
{
	long long v;

	record(l);
	if (!is_scalar(l) || !plain(l) || !parse_int(scalar(l), &v)) {
		wrong_type(l, _("an integer"));
		skip_node(l);
		return false;
	}
	if (v < INT_MIN || v > INT_MAX) {
		error_here(l, xasprintf(_("%s is out of range (%d to %d)"), scalar(l), INT_MIN,
					INT_MAX));
		return false;
	}
	*dst = (int)v;
	return true;
}

static void read_enum(struct loader *l, const struct dfield *f, void *dst)
{
	int v;

	record(l);
	if (!is_scalar(l) || is_null(l)) {
		wrong_type(l, f->kind == DK_NEG ? _("Required, Optional or NotSupported")
						: _("Federated, PublicVerified or PublicUnverified"));
		skip_node(l);
		return;
	}
	if (f->kind == DK_NEG) {
		v = neg_parse(scalar(l));
		if (v >= 0)
			*(enum neg *)dst = (enum neg)v;
	} else {
		v = partner_type_parse(scalar(l));
		if (v >= 0)
			*(enum partner_type *)dst = (enum partner_type)v;
	}
	if (v < 0) {
		char *q = diag_quote(scalar(l));

		error_here(l, xasprintf(_("unknown value %s (expected %s)"), q,
					f->kind == DK_NEG
						? _("Required, Optional or NotSupported")
						: _("Federated, PublicVerified or "
						    "PublicUnverified")));
		free(q);
	}
}

static void read_list_item(struct loader *l, struct strlist *dst)
{
	size_t mark = path_index(l, dst->n);

	record(l);
	if (node_ok(l)) {
		if (is_scalar(l) && !is_null(l)) {
			strlist_push_owned(dst, steal_scalar(l));
		} else {
			wrong_type(l, _("a name"));
			skip_node(l);
		}
	}
	path_pop(l, mark);
}

/* A null value is an empty list, as `additional_domains:` reads. */
static void read_list(struct loader *l, struct strlist *dst)
{
	record(l);
	if (is_null(l))
		return;
	if (l->ev.type != YAML_SEQUENCE_START_EVENT) {
		wrong_type(l, _("a list"));
		skip_node(l);
		return;
	}
	strlist_clear(dst);
	while (advance(l) && l->ev.type != YAML_SEQUENCE_END_EVENT)
		read_list_item(l, dst);
}

static void read_version(struct loader *l)
{
	int v = 0;

	l->version = 0;
	if (!read_int(l, &v))
		return;
	l->version = v;
	if (v != DEPLOYMENT_VERSION)
		error_here(l, xasprintf(_("version %d is not supported; this program reads "
					  "version %d"), v, DEPLOYMENT_VERSION));
}

/* --- mappings -------------------------------------------------------- */

static void unknown_key(struct loader *l, const struct dsection *sec, const char *key)
{
	const char *near = depfile_suggest(sec, key);
	struct strlist names = {0};
	char *all;

	if (near) {
		error_here(l, xasprintf(_("unknown key (did you mean %s?)"), near));
		return;
	}
	for (size_t i = 0; i < sec->n; i++)
		strlist_push(&names, sec->fields[i].key);
	all = strlist_join(&names, ", ");
	error_here(l, xasprintf(_("unknown key (the keys here are %s)"), all));
	free(all);
	strlist_free(&names);
}

/* Which fields a mapping has set so far, and where, to refuse a key that
 * appears twice. */
struct seen {
	uint32_t bits;
	int line[32];
};

/* Reads the key event; returns its field, or NULL when the value is to be
 * skipped. The path then names the key. */
static const struct dfield *read_key(struct loader *l, const struct dsection *sec,
				     struct seen *seen)
{
	if (!is_scalar(l) || node_anchor(&l->ev) || node_tag(&l->ev)) {
		error_here(l, xstrdup(_("a key must be a plain name")));
		skip_node(l);
		return NULL;
	}
	path_key(l, scalar(l));
	for (size_t i = 0; i < sec->n; i++) {
		if (strcmp(sec->fields[i].key, scalar(l)) != 0)
			continue;
		if (seen->bits & (UINT32_C(1) << i)) {
			error_here(l, xasprintf(_("duplicate key (first at line %d)"),
						seen->line[i]));
			return NULL;
		}
		seen->bits |= UINT32_C(1) << i;
		seen->line[i] = ev_line(l);
		return &sec->fields[i];
	}
	unknown_key(l, sec, scalar(l));
	return NULL;
}

static void read_value(struct loader *l, const struct dfield *f, void *base);

/* Walks a mapping whose start event is current; every known key's value
 * goes into base (the struct the section's offsets point into). */
static void read_mapping(struct loader *l, const struct dsection *sec, void *base)
{
	size_t mark = l->plen;
	struct seen seen = {0};

	while (advance(l) && l->ev.type != YAML_MAPPING_END_EVENT) {
		const struct dfield *f = read_key(l, sec, &seen);

		if (advance(l)) {
			if (!f)
				skip_node(l);
			else if (node_ok(l))
				read_value(l, f, base);
		}
		path_pop(l, mark);
	}
}

static void read_section(struct loader *l, const struct dsection *sec, void *base)
{
	record(l);
	if (is_null(l))
		return;
	if (l->ev.type != YAML_MAPPING_START_EVENT) {
		wrong_type(l, _("a mapping"));
		skip_node(l);
		return;
	}
	read_mapping(l, sec, base);
}

static void read_partner(struct loader *l)
{
	size_t mark = path_index(l, l->d->npartners);
	struct partner *p;

	record(l);
	if (!node_ok(l)) {
		path_pop(l, mark);
		return;
	}
	if (l->ev.type != YAML_MAPPING_START_EVENT) {
		wrong_type(l, _("a partner (a mapping with domain, type, tls, ...)"));
		skip_node(l);
	} else {
		p = partner_new("");
		deployment_add_partner(l->d, p);
		read_mapping(l, &depfile_partner, p);
	}
	path_pop(l, mark);
}

static void read_partners(struct loader *l)
{
	record(l);
	if (is_null(l))
		return;
	if (l->ev.type != YAML_SEQUENCE_START_EVENT) {
		wrong_type(l, _("a list of partners"));
		skip_node(l);
		return;
	}
	while (advance(l) && l->ev.type != YAML_SEQUENCE_END_EVENT)
		read_partner(l);
}

static void read_value(struct loader *l, const struct dfield *f, void *base)
{
	void *at = (char *)base + f->off;

	switch (f->kind) {
	case DK_STR:
	case DK_OPTSTR:
	case DK_NULLSTR:
		read_string(l, f, at);
		break;
	case DK_BOOL:
		read_bool(l, at);
		break;
	case DK_INT:
		read_int(l, at);
		break;
	case DK_LIST:
	case DK_OPTLIST:
		read_list(l, at);
		break;
	case DK_NEG:
	case DK_PTYPE:
		read_enum(l, f, at);
		break;
	case DK_SECTION:
		read_section(l, f->sub, at);
		break;
	case DK_PARTNERS:
		read_partners(l);
		break;
	case DK_VERSION:
		read_version(l);
		break;
	}
}

/* --- the document ---------------------------------------------------- */

static void empty_file(struct loader *l)
{
	diags_add(l->diags, DIAG_ERROR, 1, 1, "",
		  _("the file is empty; a deployment file holds at least \"version: %d\""),
		  DEPLOYMENT_VERSION);
}

/* The root node: a mapping of the top-level keys. */
static void read_root(struct loader *l)
{
	int line = ev_line(l), col = ev_col(l);

	if (is_null(l) && !node_anchor(&l->ev) && !node_tag(&l->ev)) {
		empty_file(l);
		return;
	}
	if (!node_ok(l))
		return;
	if (l->ev.type != YAML_MAPPING_START_EVENT) {
		wrong_type(l, _("a mapping of keys (version, topology, certificate, ...)"));
		skip_node(l);
		return;
	}
	read_mapping(l, &depfile_top, l->d);
	if (!l->stopped && l->version < 0)
		diags_add(l->diags, DIAG_ERROR, line, col, "version",
			  _("is missing; a deployment file starts with \"version: %d\""),
			  DEPLOYMENT_VERSION);
}

/* Stream start, one document (or none), stream end. */
static void read_stream(struct loader *l)
{
	if (!advance(l) || !advance(l))
		return;
	if (l->ev.type == YAML_STREAM_END_EVENT) {
		empty_file(l);
		return;
	}
	if (!advance(l))
		return;
	read_root(l);
	if (!advance(l) || !advance(l))
		return;
	if (l->ev.type == YAML_DOCUMENT_START_EVENT)
		error_here(l, xstrdup(_("a second document starts here; the file holds one")));
}

static bool loader_init(struct loader *l, const char *buf, size_t len, struct diags *diags)
{
	memset(l, 0, sizeof *l);
	if (!yaml_parser_initialize(&l->parser))
		return false;
	yaml_parser_set_input_string(&l->parser, (const unsigned char *)buf, len);
	l->buf = buf;
	l->len = len;
	l->diags = diags;
	l->pm = posmap_new();
	l->d = deployment_new();
	l->path = xstrdup("");
	l->pcap = 1;
	l->version = -1;
	return true;
}

static void loader_done(struct loader *l)
{
	if (l->have_ev)
		yaml_event_delete(&l->ev);
	yaml_parser_delete(&l->parser);
	posmap_free(l->pm);
	deployment_free(l->d);
	free(l->path);
}

/* One pass over the text: structural problems go to diags, every value's
 * position into a posmap, and the value rules run (placed through it) once
 * the structure is sound. Returns the model in that case, NULL otherwise. */
static struct deployment *load_pass(const char *buf, size_t len, struct diags *diags, bool *oom)
{
	struct loader l;
	size_t from = diags->n, errors = diags->errors;
	struct deployment *d = NULL;

	*oom = !loader_init(&l, buf, len, diags);
	if (*oom)
		return NULL;
	read_stream(&l);
	if (l.version > 0 && l.version != DEPLOYMENT_VERSION)
		/* With a version other than ours, the rest of the file follows
		 * rules this program does not know: only that is worth saying. */
		diags_keep_only(diags, from, "version");
	/* Value rules only make sense on a model read in full: a field left at
	 * its default by a structural error would give misleading verdicts. */
	if (diags->errors == errors) {
		deployment_validate(l.d, l.pm, diags);
		d = l.d;
		l.d = NULL;
	}
	diags_sort(diags, from);
	loader_done(&l);
	return d;
}

/* The lines starting with '#' at the very top of buf, with the blank lines
 * between them, each ending in "\n", or NULL: kept so that a save does not
 * drop a schema line or a note the administrator put there. A UTF-8 byte
 * order mark before them (Notepad's) is passed over, and CRLF line ends
 * become LF, as the rest of the saved file has them. */
static char *opening_comment(const char *buf, size_t len)
{
	size_t at = 0, end = 0;
	char *s, *p;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		at = 3;
	for (size_t from = at; from < len && (buf[from] == '#' || buf[from] == '\n' ||
					      buf[from] == '\r');) {
		const char *nl = memchr(buf + from, '\n', len - from);

		if (!nl || (buf[from] == '\r' && nl != buf + from + 1))
			break;
		if (buf[from] == '#')
			end = (size_t)(nl - buf) + 1;
		from = (size_t)(nl - buf) + 1;
	}
	if (end == 0)
		return NULL;
	s = p = xmalloc(end - at + 1);
	for (size_t i = at; i < end; i++)
		if (!(buf[i] == '\r' && buf[i + 1] == '\n'))
			*p++ = buf[i];
	*p = '\0';
	return s;
}

/* Positions are recorded in the same pass as the values: the posmap keeps
 * a partner's field in a dense column (8 bytes), so a file with something
 * to report is not read twice, and libyaml's parse stays the main cost. */
int depfile_load_buffer(const char *name, const char *buf, size_t len,
			struct deployment **out, struct diags *diags)
{
	size_t errors = diags->errors;
	bool oom;

	(void)name;
	*out = load_pass(buf, len, diags, &oom);
	if (*out)
		(*out)->header = opening_comment(buf, len);
	if (oom) {
		diags_add(diags, DIAG_ERROR, 0, 0, "", "%s", strerror(ENOMEM));
		return DEPFILE_UNREADABLE;
	}
	return diags->errors == errors ? DEPFILE_OK : DEPFILE_PROBLEMS;
}
