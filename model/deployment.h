/* SPDX-License-Identifier: ISC */
/* deployment: the whole deployment file in memory: topology, certificate
 * request settings, XMPP partners, access policy, DNS settings. Every string
 * member is owned by its struct (NULL or "" = not set); deployment_free and
 * partner_free release everything below them. */
#ifndef XMPPGW_DEPLOYMENT_H
#define XMPPGW_DEPLOYMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "strlist.h"

#define DEPLOYMENT_VERSION 1
#define XMPP_SERVER_PORT 5269
/* Clients connect here; an _xmpp-server record on it is a common mistake. */
#define XMPP_CLIENT_PORT 5222

/* TLS and SASL negotiation settings, in the cmdlets' spelling. */
enum neg { NEG_REQUIRED, NEG_OPTIONAL, NEG_NOTSUPPORTED, NEG_COUNT };

enum partner_type {
	PARTNER_FEDERATED,
	PARTNER_PUBLIC_VERIFIED,
	PARTNER_PUBLIC_UNVERIFIED,
	PARTNER_TYPE_COUNT
};

struct topology {
	struct strlist sip_domains; /* the first is the primary SIP domain */
	char *access_edge_fqdn;
	char *webconf_edge_fqdn;
	char *av_edge_fqdn;
	bool xmpp_proxy;
	struct strlist xmpp_domains;
	/* The Topology Builder step no cmdlet does (XMPP federation ticked on
	 * the site, the Edge pool chosen, published, Setup run again on the
	 * Front End and the Edge): ticked by the administrator. */
	bool builder_done;
};

/* What the last key + request generation wrote, so "Run Again" knows. */
struct cert_record {
	char *request_file;
	char *key_file;
	char *at; /* RFC 3339 UTC time */
	char *subject; /* the request's subject, RFC 2253 */
	struct strlist sans; /* the request's DNS names, as written */
};

/* The CA's answer as `cert import` accepted it. Paths are relative to the
 * deployment file's folder; times are RFC 3339 UTC. */
struct cert_issued {
	char *chain_file;  /* PEM: leaf first, intermediates upward, no root */
	char *key_file;    /* the key the leaf belongs to */
	char *thumbprint;  /* SHA-1 of the leaf's DER, upper-case hex, as Windows shows it */
	char *serial;      /* upper-case hex */
	char *subject;     /* RFC 2253 */
	char *issuer;      /* RFC 2253 */
	char *not_before;
	char *not_after;
	char *imported_at;
	char *pfx_file;    /* the last PFX written for the Edge */
};

struct certreq {
	char *request_file; /* relative to the deployment file's folder */
	char *key_file;
	bool delayed;
	char *template_name; /* NULL: no alternate template */
	char *friendly_name;
	int key_bits;
	bool exportable;
	bool client_eku;
	char *organization;
	char *organizational_unit;
	char *country;
	char *state;
	char *city;
	struct strlist sip_domain_sans; /* SIP domains whose sip.<domain> is added */
	struct strlist additional_sans;
	/* true: the Edge makes its own key and request (Request-CsCertificate
	 * in the Edge's script); a key made here is then unused. */
	bool request_on_edge;
	struct cert_record generated;
	struct cert_issued issued;
};

struct partner {
	char *domain;
	char *description;
	struct strlist additional_domains;
	enum partner_type type;
	enum neg tls;
	enum neg sasl;
	bool dialback;
	bool keep_alive;
	char *proxy_fqdn;
};

struct dns_settings {
	int ttl;
	int priority;
	int weight;
	char *srv_target; /* NULL: the Access Edge FQDN */
};

/* The external access policy the Front End's script changes. identity:
 * "global", "site:NAME", or the name of a user policy (granted to users
 * with Grant-CsExternalAccessPolicy). */
struct access_policy {
	char *identity;
	bool enable_federation_access;
	bool enable_xmpp_access;
};

/* Set-CsAccessEdgeConfiguration: federation for the whole Edge. */
struct access_edge {
	bool allow_federated_users;
};

struct deployment {
	struct topology topo;
	struct certreq cert;
	struct partner **partners;
	size_t npartners, partners_cap;
	struct access_policy policy;
	struct access_edge edge;
	struct dns_settings dns;
	/* The comment lines that open the file (a yaml-language-server
	 * schema line, a note), written back first on save; NULL when none. */
	char *header;
};

/* Field positions recorded by the loader, keyed by dotted path
 * ("partners[2].tls"), so validation can report FILE:LINE:COL. */
struct posmap;
struct posmap *posmap_new(void);
void posmap_free(struct posmap *pm);
void posmap_put(struct posmap *pm, const char *path, int line, int col);
/* false when path is unknown (line and col are then set to 0). */
bool posmap_get(const struct posmap *pm, const char *path, int *line, int *col);

/* A deployment with every default of lync-facts.md. Never NULL. */
struct deployment *deployment_new(void);
void deployment_free(struct deployment *d);
struct deployment *deployment_clone(const struct deployment *d);
bool deployment_equal(const struct deployment *a, const struct deployment *b);

/* A new partner: PublicUnverified, TLS Required, SASL Optional, dialback on
 * (row 7 of the negotiation table), keep-alive on. */
struct partner *partner_new(const char *domain);
void partner_free(struct partner *p);
struct partner *partner_clone(const struct partner *p);
bool partner_equal(const struct partner *a, const struct partner *b);
/* Appends; the deployment takes ownership of p. */
void deployment_add_partner(struct deployment *d, struct partner *p);
/* Frees the partner at index i and closes the gap. */
void deployment_remove_partner(struct deployment *d, size_t i);
/* Whether a and b name one domain: case-insensitive, one trailing dot
 * ignored ("Gmail.com." is gmail.com). */
bool deployment_same_domain(const char *a, const char *b);
/* Index of the partner whose primary or additional domain is name (as
 * deployment_same_domain compares), skipping index skip (pass -1 to skip
 * none); -1 if none. */
long deployment_find_domain(const struct deployment *d, const char *name, long skip);

/* The cmdlet spellings, and back. Return NULL / -1 for unknown values. */
const char *neg_name(enum neg v);
int neg_parse(const char *s);
const char *partner_type_name(enum partner_type t);
int partner_type_parse(const char *s);
/* What the type lets the partner's users do, for the partner form. */
const char *partner_type_meaning(enum partner_type t);

/* Validation shared by `check`, the batch commands and the screens. Appends
 * errors and warnings to out, positioned through pm (which may be NULL). */
void deployment_validate(const struct deployment *d, const struct posmap *pm, struct diags *out);
void topology_validate(const struct topology *t, const struct posmap *pm, struct diags *out);
void certreq_validate(const struct certreq *c, const struct topology *t,
		      const struct posmap *pm, struct diags *out);
/* The external access policy: the identity's syntax (global, site:NAME,
 * a user policy's name or tag:NAME) as errors; a user policy, which must be
 * granted, and XMPP or federation access left off, as warnings. */
void policy_validate(const struct access_policy *p, const struct posmap *pm, struct diags *out);
/* One partner as the form commits it: its fields, its negotiation row, and
 * its domains against every other partner (self is its index, or -1 when
 * it is not in d yet). prefix names the field paths ("partners[3]"). */
void partner_validate(const struct deployment *d, const struct partner *p, long self,
		      const char *prefix, const struct posmap *pm, struct diags *out);

#endif
