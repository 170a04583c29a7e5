/* SPDX-License-Identifier: ISC */
/* The probe's rule: which of the 18 rows can negotiate with a server, from
 * what it offered, and the row to choose. The expected rows were worked
 * out by hand from the table's "negotiation that results" column
 * (lync-facts.md 5): a row works when one of its ways in (SASL over TLS,
 * TLS dialback, TCP dialback) is open on the server. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "probe_int.h"

struct offer_case {
	const char *name;
	void (*make)(struct probe_offer *o);
	const char *rows; /* the rows that work, as "3 7 9 13 15" */
	int best;
};

static void reached_tls(struct probe_offer *o)
{
	o->reached = o->starttls = true;
	o->tls_ok[PROBE_TLS12] = o->tls_ok[PROBE_TLS13] = true;
	o->features_tls = true;
	o->cert_seen = o->cert_trusted = o->cert_name_ok = true;
}

/* Prosody's defaults: TLS required, dialback after TLS, no EXTERNAL for a
 * peer without a certificate. */
static void prosody_default(struct probe_offer *o)
{
	reached_tls(o);
	o->tls_required = o->dialback_plain = o->dialback_tls = true;
}

static void prosody_optional(struct probe_offer *o)
{
	prosody_default(o);
	o->tls_required = false;
}

/* No TLS at all (ejabberd without s2s_use_starttls). */
static void plain_dialback(struct probe_offer *o)
{
	o->reached = o->dialback_plain = true;
}

static void sasl_only(struct probe_offer *o)
{
	reached_tls(o);
	o->tls_required = true;
	o->sasl_external = true;
}

static void sasl_and_dialback(struct probe_offer *o)
{
	sasl_only(o);
	o->dialback_tls = true;
}

static void sasl_and_dialback_untrusted(struct probe_offer *o)
{
	sasl_and_dialback(o);
	o->cert_trusted = false;
}

static void sasl_wrong_name(struct probe_offer *o)
{
	sasl_only(o);
	o->cert_name_ok = false;
}

/* s2s_secure_auth: the stream after TLS is closed for want of a certificate. */
static void secure_auth(struct probe_offer *o)
{
	static char refused[] = "<not-authorized/>";

	reached_tls(o);
	o->tls_required = o->dialback_plain = true;
	o->features_tls = false;
	o->refused = refused;
}

static void tls10_only(struct probe_offer *o)
{
	prosody_default(o);
	o->tls_ok[PROBE_TLS12] = o->tls_ok[PROBE_TLS13] = false;
	o->tls_ok[PROBE_TLS10] = true;
}

static void handshakes_fail(struct probe_offer *o)
{
	prosody_optional(o);
	o->tls_ok[PROBE_TLS12] = o->tls_ok[PROBE_TLS13] = false;
	o->features_tls = o->dialback_tls = false;
}

static void everything(struct probe_offer *o)
{
	sasl_and_dialback(o);
	o->tls_required = false;
	o->dialback_plain = true;
}

static void unreachable(struct probe_offer *o)
{
	(void)o;
}

static const struct offer_case cases[] = {
	{"Prosody defaults", prosody_default, "3 7 9 13 15", 13},
	{"Prosody, encryption optional", prosody_optional, "3 5 7 9 11 13 15 17", 13},
	{"no TLS, dialback", plain_dialback, "3 5 9 11 15 17", 17},
	{"SASL EXTERNAL only", sasl_only, "1 2 3 4 7 8 9 10", 2},
	{"SASL EXTERNAL and dialback", sasl_and_dialback, "1 2 3 4 7 8 9 10 13 15", 7},
	{"untrusted certificate", sasl_and_dialback_untrusted, "3 7 9 13 15", 13},
	{"certificate for another name, SASL only", sasl_wrong_name, "", 0},
	{"secure auth", secure_auth, "1 2 3 4 7 8 9 10", 2},
	{"TLS 1.0 only", tls10_only, "3 7 9 13 15", 13},
	{"every handshake refused", handshakes_fail, "3 5 9 11 15 17", 17},
	{"everything offered", everything,
	 "1 2 3 4 5 7 8 9 10 11 13 15 17", 7},
	{"not reached", unreachable, "", 0},
};

START_TEST(t_offer)
{
	const struct offer_case *c = &cases[_i];
	struct probe_offer o;
	bool works[18];
	char got[80] = "";

	memset(&o, 0, sizeof o);
	c->make(&o);
	for (int row = 1; row <= 18; row++) {
		char *why = NULL;

		works[row - 1] = probe_row_works(negotiation_row(row), &o, &why);
		if (works[row - 1])
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%d",
				 got[0] ? " " : "", row);
		/* A row that does not work says why; one that works does not. */
		ck_assert_msg(works[row - 1] == (why == NULL), "%s: row %d", c->name, row);
		free(why);
	}
	ck_assert_msg(strcmp(got, c->rows) == 0, "%s: rows \"%s\", expected \"%s\"", c->name, got,
		      c->rows);
	ck_assert_msg(probe_best_row(works, &o) == c->best, "%s: best %d, expected %d", c->name,
		      probe_best_row(works, &o), c->best);
}
END_TEST

/* The rows without a way in (the table's "none") never work. */
START_TEST(t_invalid_rows)
{
	static const int none[] = {6, 12, 14, 16, 18};
	struct probe_offer o;

	memset(&o, 0, sizeof o);
	everything(&o);
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		char *why = NULL;

		ck_assert(!probe_row_works(negotiation_row(none[i]), &o, &why));
		ck_assert_str_eq(why, "these settings leave no negotiation at all");
		free(why);
	}
}
END_TEST

START_TEST(t_why)
{
	struct probe_offer o;
	char *why = NULL;

	memset(&o, 0, sizeof o);
	prosody_default(&o);
	ck_assert(!probe_row_works(negotiation_row(17), &o, &why));
	ck_assert_str_eq(why, "the server requires TLS");
	free(why);
	ck_assert(!probe_row_works(negotiation_row(2), &o, &why));
	ck_assert_ptr_nonnull(strstr(why, "did not offer SASL EXTERNAL to the probe"));
	free(why);
	memset(&o, 0, sizeof o);
	plain_dialback(&o);
	ck_assert(!probe_row_works(negotiation_row(13), &o, &why));
	ck_assert_str_eq(why, "the server does not offer STARTTLS");
	free(why);
}
END_TEST

/* --- the stream parser ---------------------------------------------------- */

static const char header[] =
	"<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
	"xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' "
	"from='p.test' id='1' version='1.0'>";

/* Feeds text a byte at a time, as a slow server would send it; returns
 * the first event. */
static enum px_event feed_bytes(struct px *x, const char *text)
{
	enum px_event ev = PX_NONE;

	for (const char *q = text; *q && ev == PX_NONE && !x->error; q++) {
		px_feed(x, q, 1);
		ev = x->event;
	}
	return ev;
}

START_TEST(t_xml_features)
{
	struct px x;

	px_init(&x);
	ck_assert_int_eq(feed_bytes(&x, header), PX_NONE);
	ck_assert(x.db_ns);
	ck_assert_int_eq(feed_bytes(&x, "<stream:features><starttls xmlns='urn:ietf:params:"
				  "xml:ns:xmpp-tls'><required/></starttls><mechanisms xmlns="
				  "'urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>EXTERNAL</mechanism>"
				  "<mechanism>PLAIN</mechanism></mechanisms><dialback xmlns="
				  "'urn:xmpp:features:dialback'/></stream:features>"),
			 PX_FEATURES);
	ck_assert(x.starttls && x.required && x.dialback);
	ck_assert_uint_eq(x.mechs.n, 2);
	ck_assert_str_eq(x.mechs.v[0], "EXTERNAL");
	ck_assert_str_eq(x.mechs.v[1], "PLAIN");
	ck_assert_int_eq(feed_bytes(&x, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"),
			 PX_PROCEED);
	ck_assert_ptr_null(x.error);
	px_free(&x);
}
END_TEST

/* A server that indents its features: the mechanisms' names without the
 * indentation, EXTERNAL among them. */
START_TEST(t_xml_indented)
{
	static const char feats[] =
		"<stream:features>\n  <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\n"
		"    <mechanism>\n      EXTERNAL\n    </mechanism>\n"
		"    <mechanism>\tPLAIN </mechanism>\n  </mechanisms>\n</stream:features>";
	struct px x;

	px_init(&x);
	px_feed(&x, header, strlen(header));
	px_feed(&x, feats, strlen(feats));
	ck_assert_ptr_null(x.error);
	ck_assert_int_eq(x.event, PX_FEATURES);
	ck_assert_uint_eq(x.mechs.n, 2);
	ck_assert_str_eq(x.mechs.v[0], "EXTERNAL");
	ck_assert_str_eq(x.mechs.v[1], "PLAIN");
	px_free(&x);
}
END_TEST

/* <required/> in another namespace, or a starttls in the wrong one, count
 * for nothing: names are compared with their namespaces. */
START_TEST(t_xml_namespaces)
{
	struct px x;
	static const char feats[] =
		"<stream:features><starttls xmlns='urn:example'><required/></starttls>"
		"<x:starttls xmlns:x='urn:ietf:params:xml:ns:xmpp-tls'><y:required "
		"xmlns:y='urn:example'/></x:starttls></stream:features>";

	px_init(&x);
	px_feed(&x, header, strlen(header));
	px_feed(&x, feats, strlen(feats));
	ck_assert_int_eq(x.event, PX_FEATURES);
	ck_assert(x.starttls);
	ck_assert(!x.required);
	px_free(&x);
}
END_TEST

START_TEST(t_xml_refused)
{
	static const char *const bad[] = {
		"<?xml version='1.0'?><!DOCTYPE s [<!ENTITY a 'b'>]><s/>",
		"<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><!ENTITY a 'b'>",
		"<html><body>",
		"<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><a></b>",
	};
	static const char *const why[] = {
		"document type declaration", "malformed XML", "not an XMPP stream", "mismatched tag",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct px x;

		px_init(&x);
		px_feed(&x, bad[i], strlen(bad[i]));
		ck_assert_msg(x.error && strstr(x.error, why[i]), "case %zu: %s", i,
			      x.error ? x.error : "(no error)");
		px_free(&x);
	}
}
END_TEST

START_TEST(t_xml_stream_error)
{
	static const char err[] =
		"<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
		"<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>no such host</text>"
		"</stream:error>";
	struct px x;

	px_init(&x);
	px_feed(&x, header, strlen(header));
	px_feed(&x, err, strlen(err));
	ck_assert_int_eq(x.event, PX_STREAM_ERROR);
	ck_assert_str_eq(x.cond, "host-unknown");
	ck_assert_str_eq(x.text, "no such host");
	px_free(&x);
}
END_TEST

/* Everything the server sent reaches the terminal escaped: ANSI escapes,
 * C1 controls, the bidi controls that would reorder a line (a stream
 * error's text reading "ok\u202egnp.exe" shows as "okexe.png"), the line
 * separators, and bytes that are not UTF-8 (a lone 0x9b is an 8-bit CSI). */
START_TEST(t_text_escapes)
{
	static const char *const raw[] = {
		"\x1b[2J", "\xc2\x9b", "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac",
		"\xe2\x80\xad", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7",
		"\xe2\x81\xa8", "\xe2\x81\xa9", "\xe2\x80\x8f", "\xe2\x80\xa8", "\x9b",
		"\xff", "\x7f",
	};
	static const char *const shown[] = {
		"\\x1b[2J", "\\u009b", "\\u202a", "\\u202b", "\\u202c", "\\u202d", "\\u202e",
		"\\u2066", "\\u2067", "\\u2068", "\\u2069", "\\u200f", "\\u2028", "\\x9b",
		"\\xff", "\\x7f",
	};
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
		struct probe_result r;
		char domain[] = "x.test", failure[32], want[48], *text;

		memset(&r, 0, sizeof r);
		r.partner = -1;
		r.domain = domain;
		snprintf(failure, sizeof failure, "ok%sgnp", raw[i]);
		snprintf(want, sizeof want, "failure: ok%sgnp", shown[i]);
		r.failure = failure;
		text = probe_result_text(&r);
		ck_assert_msg(strstr(text, want) != NULL, "%s not in: %s", want, text);
		ck_assert_msg(strstr(text, raw[i]) == NULL, "raw bytes of case %zu in: %s", i, text);
		free(text);
	}
}
END_TEST

/* Our own Edge: the thumbprint in the file is compared by its hex digits,
 * however it was copied (Windows' dialog: spaces and a U+200E first;
 * openssl: colons); another certificate is still told apart. */
START_TEST(t_own_thumbprint)
{
	static const struct {
		const char *want;
		bool same;
	} tps[] = {
		{"0810 38ED5B519C211F8BBF62F2896045EC6F4967", true},
		{"\xe2\x80\x8e" "08 10 38 ed 5b 51 9c 21 1f 8b bf 62 f2 89 60 45 ec 6f 49 67", true},
		{"08:10:38:ED:5B:51:9C:21:1F:8B:BF:62:F2:89:60:45:EC:6F:49:67", true},
		{"081038ED5B519C211F8BBF62F2896045EC6F4968", false},
		{"081038ED5B519C211F8BBF62F2896045EC6F49", false},
		{" : ", false},
	};

	for (size_t i = 0; i < sizeof tps / sizeof *tps; i++) {
		struct probe_result r;
		char domain[] = "own.test", tp[] = "081038ED5B519C211F8BBF62F2896045EC6F4967";

		memset(&r, 0, sizeof r);
		r.domain = domain;
		r.own = true;
		r.partner = -1;
		reached_tls(&r.offer);
		prosody_default(&r.offer);
		r.offer.cert_thumbprint = tp;
		probe_conclude(&r, NULL, tps[i].want);
		ck_assert_msg(r.ok == tps[i].same, "case %zu: ok %d", i, r.ok);
		if (i == 0)
			ck_assert_int_ge(strlist_find_ci(&r.notes,
							 "Our Edge presents the imported certificate "
							 "(thumbprint 0810 38ED5B519C211F8BBF62F2896045EC6F4967)."),
					 0);
		for (int k = 0; k < 18; k++)
			free(r.why[k]);
		strlist_free(&r.notes);
	}
}
END_TEST

/* A tag that never ends is refused after 16 KiB (expat parses it again
 * with every chunk); long text, reported as it comes, is not. */
START_TEST(t_xml_long_tag)
{
	char chunk[4096];
	struct px x;

	memset(chunk, 'A', sizeof chunk);
	px_init(&x);
	px_feed(&x, header, strlen(header));
	px_feed(&x, "<stream:features><x a='", 23);
	for (int i = 0; i < 3; i++)
		px_feed(&x, chunk, sizeof chunk);
	ck_assert_ptr_null(x.error);
	for (int i = 0; i < 2; i++)
		px_feed(&x, chunk, sizeof chunk);
	ck_assert_ptr_nonnull(x.error);
	ck_assert_str_eq(x.error, "the server sent more than 16 KiB in one XML tag: stopped reading");
	px_free(&x);

	px_init(&x);
	px_feed(&x, header, strlen(header));
	px_feed(&x, "<message><body>", 15);
	for (int i = 0; i < 16; i++)
		px_feed(&x, chunk, sizeof chunk);
	ck_assert_ptr_null(x.error);
	px_feed(&x, "</body></message><stream:features/>", 35);
	ck_assert_ptr_null(x.error);
	ck_assert_int_eq(x.event, PX_FEATURES);
	px_free(&x);
}
END_TEST

static Suite *probe_suite(void)
{
	Suite *s = suite_create("probe");
	TCase *tc = tcase_create("rule");

	tcase_add_loop_test(tc, t_offer, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, t_invalid_rows);
	tcase_add_test(tc, t_why);
	tcase_add_test(tc, t_text_escapes);
	tcase_add_test(tc, t_own_thumbprint);
	suite_add_tcase(s, tc);
	tc = tcase_create("xml");
	tcase_add_test(tc, t_xml_features);
	tcase_add_test(tc, t_xml_namespaces);
	tcase_add_test(tc, t_xml_refused);
	tcase_add_test(tc, t_xml_stream_error);
	tcase_add_test(tc, t_xml_long_tag);
	tcase_add_test(tc, t_xml_indented);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(probe_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
