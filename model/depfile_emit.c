/* SPDX-License-Identifier: ISC */
/* Writing the deployment file: libyaml's emitter driven by the same key
 * tables the reader uses (depfile_schema.h), so keys come out in one fixed
 * order and the same model always gives the same bytes. libyaml picks each
 * scalar's quoting; it is only told which strings a reader would take for
 * something else (null, a boolean, a number) when left plain. */
#include "config.h"

#include "depfile.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "atomic.h"
#include "depfile_schema.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

struct out {
	yaml_emitter_t e;
	bool ok;
	char *buf;
	size_t len, cap;
};

static int collect(void *data, unsigned char *bytes, size_t size)
{
	struct out *o = data;

	o->buf = xgrow(o->buf, &o->cap, o->len + size + 1, 1);
	memcpy(o->buf + o->len, bytes, size);
	o->len += size;
	o->buf[o->len] = '\0';
	return 1;
}

/* The emitter takes the event in every case, but only while it is sound. */
static void put(struct out *o, yaml_event_t *ev, int made)
{
	if (!made) {
		o->ok = false;
		return;
	}
	if (o->ok && !yaml_emitter_emit(&o->e, ev))
		o->ok = false;
	else if (!o->ok)
		yaml_event_delete(ev);
}

/* A copy of s in which every byte that is not valid UTF-8 became U+FFFD,
 * since the file is UTF-8 and libyaml refuses anything else. */
static char *valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *r = xmalloc(strlen(s) * 3 + 1), *w = r;

	while (*p) {
		unsigned cp;
		size_t n = utf8_decode((const char *)p, &cp);

		if (n == 0) {
			memcpy(w, "\xEF\xBF\xBD", 3);
			w += 3;
			p++;
		} else {
			memcpy(w, p, n);
			w += n;
			p += n;
		}
	}
	*w = '\0';
	return r;
}

/* Would a YAML 1.1 or 1.2 reader take s, written plain, for something other
 * than a string: null, a boolean, a number or a time stamp? */
static bool ambiguous(const char *s)
{
	static const char *const words[] = {
		"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
		"<<", "=", ".inf", "-.inf", "+.inf", ".nan",
	};
	const char *p = s + (*s == '-' || *s == '+');

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	if (*p == '.')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	return strspn(s, "0123456789abcdefABCDEFoOxX_.:+- tTzZ") == strlen(s);
}

/* Line breaks and other control characters: libyaml would fold a line
 * break into a multi-line quoted scalar; escapes keep the value on one line
 * and exactly as it was. */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return true;
	return strstr(s, "\xc2\x85") || strstr(s, "\xe2\x80\xa8") || strstr(s, "\xe2\x80\xa9");
}

static void scalar(struct out *o, const char *s, bool string)
{
	yaml_event_t ev;
	char *text = valid_utf8(s);
	int plain = !string || !ambiguous(text);
	yaml_scalar_style_t style = string && has_control(text) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
							      : YAML_ANY_SCALAR_STYLE;

	put(o, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text,
						 (int)strlen(text), plain, 1, style));
	free(text);
}

static void mapping_start(struct out *o)
{
	yaml_event_t ev;

	put(o, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
							YAML_BLOCK_MAPPING_STYLE));
}

static void mapping_end(struct out *o)
{
	yaml_event_t ev;

	put(o, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void sequence_start(struct out *o, bool empty)
{
	yaml_event_t ev;

	put(o, &ev, yaml_sequence_start_event_initialize(
			    &ev, NULL, NULL, 1,
			    empty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

static void sequence_end(struct out *o)
{
	yaml_event_t ev;

	put(o, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void list(struct out *o, const struct strlist *l)
{
	sequence_start(o, l->n == 0);
	for (size_t i = 0; i < l->n; i++)
		scalar(o, l->v[i], true);
	sequence_end(o);
}

static bool omitted(const struct dfield *f, const void *base);

static bool section_empty(const struct dsection *sec, const void *base)
{
	for (size_t i = 0; i < sec->n; i++)
		if (!omitted(&sec->fields[i], base))
			return false;
	return true;
}

/* Unset optional values are left out; everything else is written, defaults
 * included, so the file says what the program will do. */
static bool omitted(const struct dfield *f, const void *base)
{
	const void *at = (const char *)base + f->off;

	switch (f->kind) {
	case DK_OPTSTR:
		return !*(char *const *)at || !**(char *const *)at;
	case DK_NULLSTR:
		return !*(char *const *)at;
	case DK_OPTLIST:
		return ((const struct strlist *)at)->n == 0;
	case DK_SECTION:
		return section_empty(f->sub, at);
	default:
		return false;
	}
}

static void section(struct out *o, const struct dsection *sec, const void *base,
		    const struct deployment *d);

static void partners(struct out *o, const struct deployment *d)
{
	sequence_start(o, d->npartners == 0);
	for (size_t i = 0; i < d->npartners; i++)
		section(o, &depfile_partner, d->partners[i], d);
	sequence_end(o);
}

static void value(struct out *o, const struct dfield *f, const void *at,
		  const struct deployment *d)
{
	char num[32];

	switch (f->kind) {
	case DK_STR:
	case DK_OPTSTR:
	case DK_NULLSTR: {
		const char *s = *(char *const *)at;

		scalar(o, s ? s : "", true);
		break;
	}
	case DK_BOOL:
		scalar(o, *(const bool *)at ? "true" : "false", false);
		break;
	case DK_INT:
		snprintf(num, sizeof num, "%d", *(const int *)at);
		scalar(o, num, false);
		break;
	case DK_VERSION:
		snprintf(num, sizeof num, "%d", DEPLOYMENT_VERSION);
		scalar(o, num, false);
		break;
	case DK_LIST:
	case DK_OPTLIST:
		list(o, at);
		break;
	case DK_NEG:
		scalar(o, neg_name(*(const enum neg *)at), false);
		break;
	case DK_PTYPE:
		scalar(o, partner_type_name(*(const enum partner_type *)at), false);
		break;
	case DK_SECTION:
		section(o, f->sub, at, d);
		break;
	case DK_PARTNERS:
		partners(o, d);
		break;
	}
}

static void section(struct out *o, const struct dsection *sec, const void *base,
		    const struct deployment *d)
{
	mapping_start(o);
	for (size_t i = 0; i < sec->n; i++) {
		const struct dfield *f = &sec->fields[i];

		if (f->kind != DK_PARTNERS && f->kind != DK_VERSION && omitted(f, base))
			continue;
		scalar(o, f->key, false);
		value(o, f, (const char *)base + f->off, d);
	}
	mapping_end(o);
}

static void document(struct out *o, const struct deployment *d)
{
	yaml_event_t ev;

	put(o, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	put(o, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	section(o, &depfile_top, d, d);
	put(o, &ev, yaml_document_end_event_initialize(&ev, 1));
	put(o, &ev, yaml_stream_end_event_initialize(&ev));
}

char *depfile_emit(const struct deployment *d, size_t *len)
{
	struct out o = {.ok = true};

	if (!yaml_emitter_initialize(&o.e))
		return NULL;
	yaml_emitter_set_output(&o.e, collect, &o);
	yaml_emitter_set_encoding(&o.e, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&o.e, 1);
	yaml_emitter_set_indent(&o.e, 2);
	yaml_emitter_set_width(&o.e, -1);
	yaml_emitter_set_break(&o.e, YAML_LN_BREAK);
	if (d->header)
		collect(&o, (unsigned char *)d->header, strlen(d->header));
	document(&o, d);
	if (o.ok && !yaml_emitter_flush(&o.e))
		o.ok = false;
	yaml_emitter_delete(&o.e);
	if (!o.ok) {
		free(o.buf);
		return NULL;
	}
	*len = o.len;
	return o.buf;
}

int depfile_save(const char *path, const struct deployment *d, char **err)
{
	size_t len = 0;
	char *bytes = depfile_emit(d, &len);
	int rc;

	if (!bytes) {
		*err = xasprintf("%s: %s", path, _("cannot write the file's text (out of memory)"));
		return -1;
	}
	rc = atomic_write(path, bytes, len, 0644, err);
	free(bytes);
	return rc;
}
