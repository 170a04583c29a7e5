/* The deployment file's keys (see depfile_schema.h), and the nearest key
 * for a misspelt one. */
#include "config.h"

#include "depfile_schema.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "xalloc.h"

static const struct dfield topology_fields[] = {
	{"sip_domains", DK_LIST, offsetof(struct topology, sip_domains), NULL},
	{"access_edge_fqdn", DK_STR, offsetof(struct topology, access_edge_fqdn), NULL},
	{"webconf_edge_fqdn", DK_STR, offsetof(struct topology, webconf_edge_fqdn), NULL},
	{"av_edge_fqdn", DK_STR, offsetof(struct topology, av_edge_fqdn), NULL},
	{"xmpp_proxy", DK_BOOL, offsetof(struct topology, xmpp_proxy), NULL},
	{"xmpp_domains", DK_LIST, offsetof(struct topology, xmpp_domains), NULL},
};

static const struct dfield generated_fields[] = {
	{"request_file", DK_OPTSTR, offsetof(struct cert_record, request_file), NULL},
	{"key_file", DK_OPTSTR, offsetof(struct cert_record, key_file), NULL},
	{"at", DK_OPTSTR, offsetof(struct cert_record, at), NULL},
};


#define SECTION(f) {f, sizeof f / sizeof *f}
static const struct dsection generated_section = SECTION(generated_fields);

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
	{"generated", DK_SECTION, offsetof(struct certreq, generated), &generated_section},
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
	{"enable_xmpp_access", DK_BOOL, offsetof(struct deployment, enable_xmpp_access), NULL},
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
static const struct dsection dns_section = SECTION(dns_fields);
const struct dsection depfile_partner = SECTION(partner_fields);

/* access_policy has no struct of its own: its field lives in struct
 * deployment, so the section sits at offset 0. */
static const struct dfield top_fields[] = {
	{"version", DK_VERSION, 0, NULL},
	{"topology", DK_SECTION, offsetof(struct deployment, topo), &topology_section},
	{"certificate", DK_SECTION, offsetof(struct deployment, cert), &certificate_section},
	{"partners", DK_PARTNERS, 0, NULL},
	{"access_policy", DK_SECTION, 0, &policy_section},
	{"dns", DK_SECTION, offsetof(struct deployment, dns), &dns_section},
};

const struct dsection depfile_top = SECTION(top_fields);

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
