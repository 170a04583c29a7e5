/* SPDX-License-Identifier: ISC */
/* The deployment file's keys (see depfile_schema.h), and the nearest key
 * for a misspelt one. */
#include "config.h"

#include "depfile_schema.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "strlist.h"
#include "xalloc.h"

static const struct dfield topology_fields[] = {
	{"sip_domains", DK_LIST, offsetof(struct topology, sip_domains), NULL},
	{"access_edge_fqdn", DK_STR, offsetof(struct topology, access_edge_fqdn), NULL},
	{"webconf_edge_fqdn", DK_STR, offsetof(struct topology, webconf_edge_fqdn), NULL},
	{"av_edge_fqdn", DK_STR, offsetof(struct topology, av_edge_fqdn), NULL},
	{"xmpp_proxy", DK_BOOL, offsetof(struct topology, xmpp_proxy), NULL},
	{"xmpp_domains", DK_LIST, offsetof(struct topology, xmpp_domains), NULL},
	{"builder_done", DK_BOOL, offsetof(struct topology, builder_done), NULL},
};

static const struct dfield generated_fields[] = {
	{"request_file", DK_OPTSTR, offsetof(struct cert_record, request_file), NULL},
	{"key_file", DK_OPTSTR, offsetof(struct cert_record, key_file), NULL},
	{"at", DK_OPTSTR, offsetof(struct cert_record, at), NULL},
	{"subject", DK_OPTSTR, offsetof(struct cert_record, subject), NULL},
	{"sans", DK_OPTLIST, offsetof(struct cert_record, sans), NULL},
};

static const struct dfield issued_fields[] = {
	{"chain_file", DK_OPTSTR, offsetof(struct cert_issued, chain_file), NULL},
	{"key_file", DK_OPTSTR, offsetof(struct cert_issued, key_file), NULL},
	{"thumbprint", DK_OPTSTR, offsetof(struct cert_issued, thumbprint), NULL},
	{"serial", DK_OPTSTR, offsetof(struct cert_issued, serial), NULL},
	{"subject", DK_OPTSTR, offsetof(struct cert_issued, subject), NULL},
	{"issuer", DK_OPTSTR, offsetof(struct cert_issued, issuer), NULL},
	{"not_before", DK_OPTSTR, offsetof(struct cert_issued, not_before), NULL},
	{"not_after", DK_OPTSTR, offsetof(struct cert_issued, not_after), NULL},
	{"imported_at", DK_OPTSTR, offsetof(struct cert_issued, imported_at), NULL},
	{"pfx_file", DK_OPTSTR, offsetof(struct cert_issued, pfx_file), NULL},
};


#define SECTION(f) {f, sizeof f / sizeof *f}
static const struct dsection generated_section = SECTION(generated_fields);
static const struct dsection issued_section = SECTION(issued_fields);

static const struct dfield certificate_fields[] = {
	{"request_file", DK_STR, offsetof(struct certreq, request_file), NULL},
	{"key_file", DK_STR, offsetof(struct certreq, key_file), NULL},
	{"delayed", DK_BOOL, offsetof(struct certreq, delayed), NULL},
	{"template", DK_NULLSTR, offsetof(struct certreq, template_name), NULL},
	{"friendly_name", DK_STR, offsetof(struct certreq, friendly_name), NULL},
	{"key_bits", DK_INT, offsetof(struct certreq, key_bits), NULL},
	{"exportable", DK_BOOL, offsetof(struct certreq, exportable), NULL},
	{"client_eku", DK_BOOL, offsetof(struct certreq, client_eku), NULL},
	{"organization", DK_STR, offsetof(struct certreq, organization), NULL},
	{"organizational_unit", DK_STR, offsetof(struct certreq, organizational_unit), NULL},
	{"country", DK_STR, offsetof(struct certreq, country), NULL},
	{"state", DK_STR, offsetof(struct certreq, state), NULL},
	{"city", DK_STR, offsetof(struct certreq, city), NULL},
	{"sip_domain_sans", DK_LIST, offsetof(struct certreq, sip_domain_sans), NULL},
	{"additional_sans", DK_LIST, offsetof(struct certreq, additional_sans), NULL},
	{"request_on_edge", DK_BOOL, offsetof(struct certreq, request_on_edge), NULL},
	{"generated", DK_SECTION, offsetof(struct certreq, generated), &generated_section},
	{"issued", DK_SECTION, offsetof(struct certreq, issued), &issued_section},
};

static const struct dfield partner_fields[] = {
	{"domain", DK_STR, offsetof(struct partner, domain), NULL},
	{"description", DK_OPTSTR, offsetof(struct partner, description), NULL},
	{"additional_domains", DK_LIST, offsetof(struct partner, additional_domains), NULL},
	{"type", DK_PTYPE, offsetof(struct partner, type), NULL},
	{"tls", DK_NEG, offsetof(struct partner, tls), NULL},
	{"sasl", DK_NEG, offsetof(struct partner, sasl), NULL},
	{"dialback", DK_BOOL, offsetof(struct partner, dialback), NULL},
	{"keep_alive", DK_BOOL, offsetof(struct partner, keep_alive), NULL},
	{"proxy_fqdn", DK_OPTSTR, offsetof(struct partner, proxy_fqdn), NULL},
};

static const struct dfield policy_fields[] = {
	{"identity", DK_STR, offsetof(struct access_policy, identity), NULL},
	{"enable_federation_access", DK_BOOL,
	 offsetof(struct access_policy, enable_federation_access), NULL},
	{"enable_xmpp_access", DK_BOOL, offsetof(struct access_policy, enable_xmpp_access), NULL},
};

static const struct dfield edge_fields[] = {
	{"allow_federated_users", DK_BOOL, offsetof(struct access_edge, allow_federated_users),
	 NULL},
};

static const struct dfield dns_fields[] = {
	{"ttl", DK_INT, offsetof(struct dns_settings, ttl), NULL},
	{"priority", DK_INT, offsetof(struct dns_settings, priority), NULL},
	{"weight", DK_INT, offsetof(struct dns_settings, weight), NULL},
	{"srv_target", DK_OPTSTR, offsetof(struct dns_settings, srv_target), NULL},
};

static const struct dsection topology_section = SECTION(topology_fields);
static const struct dsection certificate_section = SECTION(certificate_fields);
static const struct dsection policy_section = SECTION(policy_fields);
static const struct dsection edge_section = SECTION(edge_fields);
static const struct dsection dns_section = SECTION(dns_fields);
const struct dsection depfile_partner = SECTION(partner_fields);

static const struct dfield top_fields[] = {
	{"version", DK_VERSION, 0, NULL},
	{"topology", DK_SECTION, offsetof(struct deployment, topo), &topology_section},
	{"certificate", DK_SECTION, offsetof(struct deployment, cert), &certificate_section},
	{"partners", DK_PARTNERS, 0, NULL},
	{"access_policy", DK_SECTION, offsetof(struct deployment, policy), &policy_section},
	{"access_edge", DK_SECTION, offsetof(struct deployment, edge), &edge_section},
	{"dns", DK_SECTION, offsetof(struct deployment, dns), &dns_section},
};

const struct dsection depfile_top = SECTION(top_fields);

static char **str_at(void *base, const struct dfield *f)
{
	return (char **)((char *)base + f->off);
}

void dsection_free(const struct dsection *sec, void *base)
{
	for (size_t i = 0; i < sec->n; i++) {
		const struct dfield *f = &sec->fields[i];
		void *at = (char *)base + f->off;

		switch (f->kind) {
		case DK_STR:
		case DK_OPTSTR:
		case DK_NULLSTR:
			free(*str_at(base, f));
			*str_at(base, f) = NULL;
			break;
		case DK_LIST:
		case DK_OPTLIST:
			strlist_free(at);
			break;
		case DK_SECTION:
			dsection_free(f->sub, at);
			break;
		default:
			break;
		}
	}
}

/* Scalars are copied by value; sections and lists are copied field by field. */
void dsection_copy(const struct dsection *sec, void *dst, const void *src)
{
	for (size_t i = 0; i < sec->n; i++) {
		const struct dfield *f = &sec->fields[i];
		void *to = (char *)dst + f->off;
		const void *from = (const char *)src + f->off;

		switch (f->kind) {
		case DK_STR:
		case DK_OPTSTR:
		case DK_NULLSTR:
			*(char **)to = xstrdup0(*(char *const *)from);
			break;
		case DK_LIST:
		case DK_OPTLIST:
			strlist_copy(to, from);
			break;
		case DK_SECTION:
			dsection_copy(f->sub, to, from);
			break;
		case DK_BOOL:
			*(bool *)to = *(const bool *)from;
			break;
		case DK_INT:
			*(int *)to = *(const int *)from;
			break;
		case DK_NEG:
			*(enum neg *)to = *(const enum neg *)from;
			break;
		case DK_PTYPE:
			*(enum partner_type *)to = *(const enum partner_type *)from;
			break;
		case DK_PARTNERS:
		case DK_VERSION:
			break;
		}
	}
}

static bool field_equal(const struct dfield *f, const void *a, const void *b)
{
	const char *sa, *sb;

	switch (f->kind) {
	case DK_NULLSTR:
		sa = *(char *const *)a;
		sb = *(char *const *)b;
		return (!sa && !sb) || (sa && sb && strcmp(sa, sb) == 0);
	case DK_STR:
	case DK_OPTSTR:
		sa = *(char *const *)a;
		sb = *(char *const *)b;
		return strcmp(sa ? sa : "", sb ? sb : "") == 0;
	case DK_LIST:
	case DK_OPTLIST:
		return strlist_equal(a, b);
	case DK_SECTION:
		return dsection_equal(f->sub, a, b);
	case DK_BOOL:
		return *(const bool *)a == *(const bool *)b;
	case DK_INT:
		return *(const int *)a == *(const int *)b;
	case DK_NEG:
		return *(const enum neg *)a == *(const enum neg *)b;
	case DK_PTYPE:
		return *(const enum partner_type *)a == *(const enum partner_type *)b;
	default:
		return true;
	}
}

bool dsection_equal(const struct dsection *sec, const void *a, const void *b)
{
	for (size_t i = 0; i < sec->n; i++) {
		const struct dfield *f = &sec->fields[i];

		if (!field_equal(f, (const char *)a + f->off, (const char *)b + f->off))
			return false;
	}
	return true;
}

const struct dfield *dsection_find(const struct dsection *sec, const char *path, size_t *off)
{
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);

	for (size_t i = 0; i < sec->n; i++) {
		const struct dfield *f = &sec->fields[i];

		if (strncmp(f->key, path, n) != 0 || f->key[n])
			continue;
		if (dot && f->kind == DK_SECTION) {
			const struct dfield *sub = dsection_find(f->sub, dot + 1, off);

			if (sub)
				*off += f->off;
			return sub;
		}
		if (dot || f->kind == DK_SECTION || f->kind == DK_PARTNERS || f->kind == DK_VERSION)
			return NULL;
		*off = f->off;
		return f;
	}
	return NULL;
}

/* Edit distance with transpositions, on lower-cased text: "sip_domain"
 * and "tsl" are one step from sip_domains and tls. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *d, r;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	d = xcalloc((la + 1) * (lb + 1), sizeof *d);
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (size_t i = 0; i <= la; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= lb; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) !=
				      tolower((unsigned char)b[j - 1]);
			size_t best = D(i - 1, j - 1) + cost;

			if (D(i - 1, j) + 1 < best)
				best = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < best)
				best = D(i, j - 1) + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    D(i - 2, j - 2) + 1 < best)
				best = D(i - 2, j - 2) + 1;
			D(i, j) = best;
		}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

const char *depfile_suggest(const struct dsection *sec, const char *key)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX;

	for (size_t i = 0; i < sec->n; i++) {
		size_t dist = distance(key, sec->fields[i].key);

		if (dist < bestd) {
			bestd = dist;
			best = sec->fields[i].key;
		}
	}
	/* Close enough to be a slip, not a different word. */
	return best && bestd <= 2 && bestd * 2 < strlen(best) ? best : NULL;
}
