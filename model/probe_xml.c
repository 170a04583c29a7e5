/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "probe_int.h"
#include "xalloc.h"

/* Expat joins a namespace and a local name with this separator. */
#define NS_STREAMS "http://etherx.jabber.org/streams "
#define NS_TLS "urn:ietf:params:xml:ns:xmpp-tls "
#define NS_SASL "urn:ietf:params:xml:ns:xmpp-sasl "
#define NS_DB_FEATURE "urn:xmpp:features:dialback "
#define NS_STREAM_ERRORS "urn:ietf:params:xml:ns:xmpp-streams "
#define NS_DIALBACK "jabber:server:dialback"

#define PX_MAX_MECHS 32
#define PX_MAX_MECH_LEN 64
#define PX_MAX_TEXT 512
/* Bytes one tag may take before the parser reports it. Expat parses an
 * unfinished tag again from its start with every chunk (its reparse
 * deferral, which would bound that, also holds back the features a
 * server sends before it waits), so a tag never closed costs the square
 * of its length: 256 KiB of one took 30 ms per connection, 16 KiB takes
 * a 256th of that. A stream's longest tag, its header, is under 1 KiB. */
#define PX_MAX_TAG (16 * 1024)

enum { IN_NONE, IN_FEATURES, IN_ERROR, IN_PROCEED, IN_FAILURE, IN_OTHER };

static void fail(struct px *x, char *why)
{
	if (!x->error)
		x->error = why;
	else
		free(why);
	XML_StopParser(x->xp, XML_FALSE);
}

static bool is(const char *name, const char *ns, const char *local)
{
	size_t n = strlen(ns);

	return strncmp(name, ns, n) == 0 && strcmp(name + n, local) == 0;
}

static void open_child(struct px *x, const char *name)
{
	if (is(name, NS_STREAMS, "features"))
		x->in2 = IN_FEATURES;
	else if (is(name, NS_STREAMS, "error"))
		x->in2 = IN_ERROR;
	else if (is(name, NS_TLS, "proceed"))
		x->in2 = IN_PROCEED;
	else if (is(name, NS_TLS, "failure"))
		x->in2 = IN_FAILURE;
	else
		x->in2 = IN_OTHER;
	x->in3 = IN_NONE;
	(void)x;
}

static void open_grandchild(struct px *x, const char *name)
{
	x->in3 = IN_OTHER;
	if (x->in2 == IN_FEATURES) {
		if (is(name, NS_TLS, "starttls")) {
			x->starttls = true;
			x->in3 = IN_PROCEED; /* the starttls element: <required/> inside */
		} else if (is(name, NS_DB_FEATURE, "dialback")) {
			x->dialback = true;
		} else if (is(name, NS_SASL, "mechanisms")) {
			x->in3 = IN_FEATURES;
		}
	} else if (x->in2 == IN_ERROR) {
		if (is(name, NS_STREAM_ERRORS, "text"))
			x->in_error_text = true;
		else if (!x->cond && strncmp(name, NS_STREAM_ERRORS, strlen(NS_STREAM_ERRORS)) == 0)
			x->cond = xstrdup(name + strlen(NS_STREAM_ERRORS));
	}
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
	struct px *x = data;

	(void)attrs;
	x->depth++;
	if (x->depth == 1) {
		x->root_ok = is(name, NS_STREAMS, "stream");
		if (!x->root_ok)
			fail(x, xasprintf(_("not an XMPP stream: the first element is <%s>"), name));
	} else if (x->depth == 2) {
		open_child(x, name);
	} else if (x->depth == 3) {
		open_grandchild(x, name);
	} else if (x->depth == 4 && x->in2 == IN_FEATURES) {
		if (x->in3 == IN_PROCEED && is(name, NS_TLS, "required"))
			x->required = true;
		x->in_mechanism = x->in3 == IN_FEATURES && is(name, NS_SASL, "mechanism") &&
				  x->mechs.n < PX_MAX_MECHS;
		if (x->in_mechanism)
			strlist_push(&x->mechs, "");
	}
}

/* A mechanism's name has no spaces (RFC 4422 3.1): a server that
 * indents its features puts the indentation around it. */
static void trim(char *s)
{
	size_t a = strspn(s, " \t\r\n"), n = strlen(s);

	while (n > a && strchr(" \t\r\n", s[n - 1]))
		n--;
	memmove(s, s + a, n - a);
	s[n - a] = '\0';
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
	struct px *x = data;

	(void)name;
	if (x->in_mechanism)
		trim(x->mechs.v[x->mechs.n - 1]);
	x->in_mechanism = false;
	if (x->depth == 3)
		x->in_error_text = false;
	if (x->depth-- != 2)
		return;
	if (x->in2 == IN_FEATURES)
		x->event = PX_FEATURES;
	else if (x->in2 == IN_ERROR)
		x->event = PX_STREAM_ERROR;
	else if (x->in2 == IN_PROCEED)
		x->event = PX_PROCEED;
	else if (x->in2 == IN_FAILURE)
		x->event = PX_TLS_FAILURE;
	/* Only the features before TLS are followed by more of this stream
	 * (the answer to <starttls/>); anything else ends the parser's use. */
	if (x->event != PX_NONE && x->event != PX_FEATURES)
		XML_StopParser(x->xp, XML_FALSE);
	x->in2 = IN_NONE;
}

static void append(char **s, size_t *len, size_t max, const char *add, int n)
{
	size_t take = (size_t)n;

	if (*len >= max)
		return;
	if (take > max - *len)
		take = max - *len;
	*s = xrealloc(*s, *len + take + 1);
	memcpy(*s + *len, add, take);
	*len += take;
	(*s)[*len] = '\0';
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
	struct px *x = data;

	if (x->in_mechanism) {
		char **m = &x->mechs.v[x->mechs.n - 1];
		size_t have = strlen(*m);

		append(m, &have, PX_MAX_MECH_LEN, s, len);
	} else if (x->in_error_text) {
		append(&x->text, &x->textlen, PX_MAX_TEXT, s, len);
	}
}

static void XMLCALL on_ns(void *data, const XML_Char *prefix, const XML_Char *uri)
{
	struct px *x = data;

	if (uri && strcmp(uri, NS_DIALBACK) == 0 && x->depth == 0)
		x->db_ns = true;
	(void)prefix;
}

/* A stream never has a DTD (RFC 6120 11.1); one is refused before any
 * entity in it can be expanded. */
static void XMLCALL on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	fail(data, xstrdup(_("the server sent a document type declaration, which XMPP forbids "
			     "(refused before any entity could be expanded)")));
}

static void XMLCALL on_entity(void *data, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_len, const XML_Char *base,
			      const XML_Char *sysid, const XML_Char *pubid,
			      const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid;
	(void)pubid, (void)notation;
	fail(data, xstrdup(_("the server declared an XML entity, which XMPP forbids (refused)")));
}

void px_init(struct px *x)
{
	memset(x, 0, sizeof *x);
	x->xp = XML_ParserCreateNS(NULL, ' ');
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, on_start, on_end);
	XML_SetCharacterDataHandler(x->xp, on_text);
	XML_SetStartNamespaceDeclHandler(x->xp, on_ns);
	XML_SetStartDoctypeDeclHandler(x->xp, on_doctype);
	XML_SetEntityDeclHandler(x->xp, on_entity);
#ifdef HAVE_XML_SETREPARSEDEFERRALENABLED
	/* A server sends its features and waits for our answer: an element
	 * must be reported when its last byte arrives, not when more come. */
	XML_SetReparseDeferralEnabled(x->xp, XML_FALSE);
#endif
}

void px_free(struct px *x)
{
	if (x->xp)
		XML_ParserFree(x->xp);
	strlist_free(&x->mechs);
	free(x->error);
	free(x->cond);
	free(x->text);
	memset(x, 0, sizeof *x);
}

void px_feed(struct px *x, const char *buf, size_t len)
{
	x->event = PX_NONE;
	if (x->error || !x->xp)
		return;
	x->fed += (long long)len;
	if (XML_Parse(x->xp, buf, (int)len, XML_FALSE) == XML_STATUS_ERROR) {
		if (XML_GetErrorCode(x->xp) != XML_ERROR_ABORTED && !x->error)
			x->error = xasprintf(_("malformed XML at line %lu, column %lu: %s"),
					     (unsigned long)XML_GetCurrentLineNumber(x->xp),
					     (unsigned long)XML_GetCurrentColumnNumber(x->xp),
					     XML_ErrorString(XML_GetErrorCode(x->xp)));
		return;
	}
	/* After a successful chunk, the index is where the last thing the
	 * parser reported starts: what follows waits for its tag to end. */
	if (x->fed - (long long)XML_GetCurrentByteIndex(x->xp) > PX_MAX_TAG)
		fail(x, xasprintf(_("the server sent more than %d KiB in one XML tag: stopped "
				    "reading"), PX_MAX_TAG / 1024));
}
