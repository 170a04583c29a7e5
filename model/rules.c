/* SPDX-License-Identifier: ISC */
/* The validation rules of deployment.h: one place that check, the batch
 * commands and every screen go through, so they cannot disagree. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deployment.h"
#include "diag.h"
#include "i18n.h"
#include "negotiation.h"
#include "san.h"
#include "validate.h"
#include "xalloc.h"

/* Reports at path's position, or at the nearest enclosing one the loader
 * recorded (a list item falls back to its list, a field to its section). */
static void report(struct diags *out, const struct posmap *pm, enum diag_sev sev,
		   const char *path, char *msg)
{
	char *p = xstrdup(path);
	int line = 0, col = 0;

	while (!posmap_get(pm, p, &line, &col)) {
		char *cut = strrchr(p, '.'), *br = strrchr(p, '[');

		if (br && (!cut || br > cut))
			cut = br;
		if (!cut)
			break;
		*cut = '\0';
	}
	free(p);
	diags_add_owned(out, sev, line, col, path, msg);
}

/* Runs a validator verdict (msg, a whole sentence, is taken) into out;
 * returns true when it was an error. */
static bool verdict(struct diags *out, const struct posmap *pm, const char *path, int v,
		    char *msg)
{
	if (v == VALID_OK)
		return false;
	report(out, pm, v == VALID_ERR ? DIAG_ERROR : DIAG_WARNING, path, msg);
	return v == VALID_ERR;
}

static bool check_name(struct diags *out, const struct posmap *pm, const char *path,
		       const char *name)
{
	char *msg = NULL;
	int v = validate_dns_name(name, &msg);

	return verdict(out, pm, path, v, msg);
}

static bool set(const char *s)
{
	return s && *s;
}

static void check_opt_name(struct diags *out, const struct posmap *pm, const char *path,
			   const char *name)
{
	if (set(name))
		check_name(out, pm, path, name);
}

static char *lower(const char *s)
{
	char *l = xstrdup(s);

	for (char *c = l; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return l;
}

/* Whether l->v[i] came earlier in l (case-insensitively). Short lists are
 * scanned; long ones go through seen, a posmap used as a set, so that a
 * list of 50,000 names is not compared pair by pair. */
static bool listed_before(const struct strlist *l, size_t i, struct posmap *seen)
{
	int unused_line, unused_col;
	char *key;
	bool dup;

	if (!seen) {
		for (size_t j = 0; j < i; j++)
			if (strcasecmp(l->v[i], l->v[j]) == 0)
				return true;
		return false;
	}
	key = lower(l->v[i]);
	dup = posmap_get(seen, key, &unused_line, &unused_col);
	if (!dup)
		posmap_put(seen, key, 0, 0);
	free(key);
	return dup;
}

/* base + "[" + i + "]", without printf: every partner's paths go through
 * here. The caller frees it. */
static char *item_path(const char *base, size_t i)
{
	char digits[24], *p = digits + sizeof digits, *out;
	size_t n = strlen(base), m;

	do
		*--p = (char)('0' + i % 10);
	while (i /= 10);
	m = (size_t)(digits + sizeof digits - p);
	out = xmalloc(n + m + 3);
	memcpy(out, base, n);
	out[n] = '[';
	memcpy(out + n + 1, p, m);
	memcpy(out + n + 1 + m, "]", 2);
	return out;
}

/* Every name of the list is valid and none appears twice. The item's
 * path is only built for a finding. */
static void check_name_list(struct diags *out, const struct posmap *pm, const char *path,
			    const struct strlist *l)
{
	struct posmap *seen = l->n > 16 ? posmap_new() : NULL;

	for (size_t i = 0; i < l->n; i++) {
		int v = validate_dns_name(l->v[i], NULL);
		bool dup = v != VALID_ERR && listed_before(l, i, seen);
		char *item;

		if (v == VALID_OK && !dup)
			continue;
		item = item_path(path, i);
		check_name(out, pm, item, l->v[i]);
		if (dup)
			report(out, pm, DIAG_ERROR, item,
			       xasprintf(_("\"%s\" is listed twice"), l->v[i]));
		free(item);
	}
	posmap_free(seen);
}

void topology_validate(const struct topology *t, const struct posmap *pm, struct diags *out)
{
	check_name_list(out, pm, "topology.sip_domains", &t->sip_domains);
	check_opt_name(out, pm, "topology.access_edge_fqdn", t->access_edge_fqdn);
	check_opt_name(out, pm, "topology.webconf_edge_fqdn", t->webconf_edge_fqdn);
	check_opt_name(out, pm, "topology.av_edge_fqdn", t->av_edge_fqdn);
	check_name_list(out, pm, "topology.xmpp_domains", &t->xmpp_domains);
	if (set(t->access_edge_fqdn) && strlen(t->access_edge_fqdn) > 64)
		report(out, pm, DIAG_ERROR, "topology.access_edge_fqdn",
		       xstrdup(_("is longer than 64 characters, the most a certificate's "
				 "subject CN may hold")));
}

static void check_subject(struct diags *out, const struct posmap *pm, const char *path,
			  enum subject_field f, const char *value)
{
	char *msg = NULL;
	int v;

	/* The verdict first: argument order is unspecified, and msg is only
	 * set once the validator has run. */
	if (set(value)) {
		v = validate_subject_field(f, value, &msg);
		if (v != VALID_OK)
			verdict(out, pm, path, v, msg);
	}
}

static void check_text(struct diags *out, const struct posmap *pm, const char *path,
		       const char *value)
{
	char *msg = NULL;
	int v;

	/* _() only on a finding: a lookup per partner's description adds up. */
	if (set(value)) {
		v = validate_text(value, &msg);
		if (v != VALID_OK)
			verdict(out, pm, path, v, msg);
	}
}

static void check_file(struct diags *out, const struct posmap *pm, const char *path,
		       const char *value, bool request)
{
	char *msg = NULL;
	int v;

	if (set(value)) {
		v = request ? validate_request_name(value, &msg) : validate_file_name(value, &msg);
		if (v != VALID_OK)
			verdict(out, pm, path, v, msg);
	}
}

static void certreq_check_sans(const struct certreq *c, const struct topology *t,
			       const struct posmap *pm, struct diags *out)
{
	for (size_t i = 0; i < c->sip_domain_sans.n; i++) {
		char *item = xasprintf("certificate.sip_domain_sans[%zu]", i);

		if (strlist_find_ci(&t->sip_domains, c->sip_domain_sans.v[i]) < 0)
			report(out, pm, DIAG_ERROR, item,
			       xasprintf(_("\"%s\" is not one of topology.sip_domains"),
					 c->sip_domain_sans.v[i]));
		free(item);
	}
	check_name_list(out, pm, "certificate.additional_sans", &c->additional_sans);
}

void certreq_validate(const struct certreq *c, const struct topology *t,
		      const struct posmap *pm, struct diags *out)
{
	char *msg = NULL;
	int v = validate_key_bits(c->key_bits, &msg);

	verdict(out, pm, "certificate.key_bits", v, msg);
	if (!c->exportable)
		report(out, pm, DIAG_ERROR, "certificate.exportable",
		       xstrdup(_("must be true: A/V authentication needs the same private key "
				 "on every Edge Server of the pool, so Lync exports it")));
	if (c->template_name && !*c->template_name)
		report(out, pm, DIAG_ERROR, "certificate.template",
		       xstrdup(_("is empty; name the CA's template (for example WebServer) "
				 "or remove the key")));
	check_file(out, pm, "certificate.request_file", c->request_file, true);
	check_file(out, pm, "certificate.key_file", c->key_file, false);
	check_text(out, pm, "certificate.template", c->template_name);
	check_text(out, pm, "certificate.friendly_name", c->friendly_name);
	check_subject(out, pm, "certificate.organization", SUBJ_O, c->organization);
	check_subject(out, pm, "certificate.organizational_unit", SUBJ_OU,
		      c->organizational_unit);
	check_subject(out, pm, "certificate.country", SUBJ_C, c->country);
	check_subject(out, pm, "certificate.state", SUBJ_ST, c->state);
	check_subject(out, pm, "certificate.city", SUBJ_L, c->city);
	certreq_check_sans(c, t, pm, out);
}

static void partner_check_negotiation(const struct partner *p, const char *prefix,
				      const struct posmap *pm, struct diags *out)
{
	const struct neg_row *r = negotiation_lookup(p->tls, p->sasl, p->dialback);
	char *path;

	if (!r || r->status == NEG_STATUS_OK)
		return;
	path = xasprintf("%s.tls", prefix);
	if (r->status == NEG_STATUS_INVALID)
		report(out, pm, DIAG_ERROR, path,
		       xasprintf(_("TLS %s, SASL %s, dialback %s cannot work: %s"),
				 neg_name(p->tls), neg_name(p->sasl),
				 p->dialback ? "true" : "false",
				 negotiation_warning_text(r->warning)));
	else if (!negotiation_remark(r))
		report(out, pm, DIAG_WARNING, path,
		       xasprintf(_("TLS %s, SASL %s, dialback %s: %s"), neg_name(p->tls),
				 neg_name(p->sasl), p->dialback ? "true" : "false",
				 negotiation_warning_text(r->warning)));
	else
		/* TRANSLATORS: the values are the file's (Required, true); the
		 * last two %s are the warning and a remark on it, sentences. */
		report(out, pm, DIAG_WARNING, path,
		       xasprintf(_("TLS %s, SASL %s, dialback %s: %s %s"), neg_name(p->tls),
				 neg_name(p->sasl), p->dialback ? "true" : "false",
				 negotiation_warning_text(r->warning), negotiation_remark(r)));
	free(path);
}

/* prefix + "." + field, without printf: this runs for every field of
 * every partner. */
static char *field_path(const char *prefix, const char *field)
{
	size_t a = strlen(prefix), b = strlen(field);
	char *p = xmalloc(a + b + 2);

	memcpy(p, prefix, a);
	p[a] = '.';
	memcpy(p + a + 1, field, b + 1);
	return p;
}

/* Everything about one partner except clashes with other partners. */
static void partner_check_fields(const struct partner *p, const char *prefix,
				 const struct posmap *pm, struct diags *out)
{
	char *path = field_path(prefix, "domain");

	if (!set(p->domain))
		report(out, pm, DIAG_ERROR, path, xstrdup(_("is required")));
	else
		check_name(out, pm, path, p->domain);
	free(path);
	path = field_path(prefix, "additional_domains");
	check_name_list(out, pm, path, &p->additional_domains);
	for (size_t i = 0; set(p->domain) && i < p->additional_domains.n; i++)
		if (deployment_same_domain(p->additional_domains.v[i], p->domain)) {
			char *item = item_path(path, i);

			report(out, pm, DIAG_ERROR, item,
			       xasprintf(_("\"%s\" is already the primary domain"), p->domain));
			free(item);
		}
	free(path);
	path = field_path(prefix, "proxy_fqdn");
	check_opt_name(out, pm, path, p->proxy_fqdn);
	free(path);
	path = field_path(prefix, "description");
	check_text(out, pm, path, p->description);
	free(path);
	partner_check_negotiation(p, prefix, pm, out);
}

static void clash(struct diags *out, const struct posmap *pm, const char *path,
		  const char *name, const struct partner *other)
{
	report(out, pm, DIAG_ERROR, path,
	       xasprintf(_("\"%s\" is already used by partner %s"), name, other->domain));
}

/* Our own domain as a partner: the Edge would federate with itself, and
 * Lync refuses the partner. The topology field is named so that the
 * administrator knows which list to compare with. j is the index among
 * the additional domains, or -1 for the primary one; the path is only
 * built for a finding, as this runs for every domain of every partner. */
static void own_domain(struct diags *out, const struct posmap *pm, const struct topology *t,
		       const char *prefix, long j, const char *name)
{
	const char *field = NULL;
	char *q, *path;

	if (strlist_find_ci(&t->sip_domains, name) >= 0)
		field = "topology.sip_domains";
	else if (strlist_find_ci(&t->xmpp_domains, name) >= 0)
		field = "topology.xmpp_domains";
	if (!field)
		return;
	path = j < 0 ? field_path(prefix, "domain")
		     : xasprintf("%s.additional_domains[%ld]", prefix, j);
	q = diag_quote(name);
	report(out, pm, DIAG_ERROR, path,
	       xasprintf(_("%s is our own domain, listed in %s: a partner is another "
			   "organization's domain"), q, field));
	free(q);
	free(path);
}

static void partner_check_own(const struct topology *t, const struct partner *p,
			      const char *prefix, const struct posmap *pm, struct diags *out)
{
	if (!t->sip_domains.n && !t->xmpp_domains.n)
		return;
	if (set(p->domain))
		own_domain(out, pm, t, prefix, -1, p->domain);
	for (size_t i = 0; i < p->additional_domains.n; i++)
		own_domain(out, pm, t, prefix, (long)i, p->additional_domains.v[i]);
}

void partner_validate(const struct deployment *d, const struct partner *p, long self,
		      const char *prefix, const struct posmap *pm, struct diags *out)
{
	long other;
	char *path;

	partner_check_fields(p, prefix, pm, out);
	partner_check_own(&d->topo, p, prefix, pm, out);
	if (set(p->domain) && (other = deployment_find_domain(d, p->domain, self)) >= 0) {
		path = xasprintf("%s.domain", prefix);
		clash(out, pm, path, p->domain, d->partners[other]);
		free(path);
	}
	for (size_t i = 0; i < p->additional_domains.n; i++) {
		const char *name = p->additional_domains.v[i];

		other = deployment_find_domain(d, name, self);
		if (other >= 0) {
			path = xasprintf("%s.additional_domains[%zu]", prefix, i);
			clash(out, pm, path, name, d->partners[other]);
			free(path);
		}
	}
}

/* The partners' domains as one set for the clash check. A slot holds the
 * partner's index + 1 and which of its domains (0 for the primary, j + 1
 * for additional domain j): 8 bytes a domain, with no lower-cased copy,
 * sized once for all of them. Names compare as deployment_same_domain
 * does, in ASCII: one trailing dot ignored, case folded. */
struct domain_slot {
	uint32_t partner, which;
};

struct domain_set {
	struct domain_slot *v;
	size_t mask;
};

static size_t name_len(const char *name)
{
	size_t n = strlen(name);

	return n && name[n - 1] == '.' ? n - 1 : n;
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t name_hash(const char *name, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t k = 0; k < n; k++)
		h = (h ^ fold((unsigned char)name[k])) * 16777619u;
	return h;
}

static bool same_name(const char *a, size_t n, const char *b)
{
	if (name_len(b) != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (fold((unsigned char)a[k]) != fold((unsigned char)b[k]))
			return false;
	return true;
}

static const char *domain_of(const struct deployment *d, const struct domain_slot *s)
{
	const struct partner *p = d->partners[s->partner - 1];

	return s->which ? p->additional_domains.v[s->which - 1] : p->domain;
}

/* The slot of name: its first user's, or the empty one it takes. */
static struct domain_slot *domain_slot(const struct domain_set *set,
				       const struct deployment *d, const char *name)
{
	size_t n = name_len(name), i = name_hash(name, n) & set->mask;

	while (set->v[i].partner && !same_name(name, n, domain_of(d, &set->v[i])))
		i = (i + 1) & set->mask;
	return &set->v[i];
}

/* First use wins; a later one is the error. j is the index among the
 * additional domains, or -1 for the primary one; the field's name is only
 * built for a clash, as this runs for every domain of every partner. */
static void note_domain(const struct domain_set *set, const struct deployment *d, size_t i,
			long j, const struct posmap *pm, struct diags *out)
{
	const struct partner *p = d->partners[i];
	const char *name = j < 0 ? p->domain : p->additional_domains.v[j];
	struct domain_slot *s = domain_slot(set, d, name);
	char *path;

	if (!s->partner) {
		s->partner = (uint32_t)i + 1;
		s->which = (uint32_t)(j + 1);
	} else if (s->partner - 1 != i) {
		path = j < 0 ? xasprintf("partners[%zu].domain", i)
			     : xasprintf("partners[%zu].additional_domains[%ld]", i, j);
		clash(out, pm, path, name, d->partners[s->partner - 1]);
		free(path);
	}
}

static void partners_check_clashes(const struct deployment *d, const struct posmap *pm,
				   struct diags *out)
{
	struct domain_set seen;
	size_t total = 0, cap = 16;

	for (size_t i = 0; i < d->npartners; i++)
		total += 1 + d->partners[i]->additional_domains.n;
	while (cap < 2 * total)
		cap *= 2;
	seen.v = xcalloc(cap, sizeof *seen.v);
	seen.mask = cap - 1;
	for (size_t i = 0; i < d->npartners; i++) {
		const struct partner *p = d->partners[i];

		if (set(p->domain))
			note_domain(&seen, d, i, -1, pm, out);
		for (size_t j = 0; j < p->additional_domains.n; j++)
			note_domain(&seen, d, i, (long)j, pm, out);
	}
	free(seen.v);
}

/* --- the SRV domains and the certificate (lync-facts.md sections 3, 6) --- */

/* name lower-cased, less one trailing dot: the key a domain is compared by. */
static char *domain_key(const char *name)
{
	char *k = lower(name);
	size_t n = strlen(k);

	if (n && k[n - 1] == '.')
		k[n - 1] = '\0';
	return k;
}

/* A posmap used as a set of domain keys, so that long lists are not
 * compared pair by pair. */
static struct posmap *domain_set(const struct strlist *l)
{
	struct posmap *set = posmap_new();

	for (size_t i = 0; i < l->n; i++) {
		char *k = domain_key(l->v[i]);

		posmap_put(set, k, 1, 0);
		free(k);
	}
	return set;
}

static bool in_set(const struct posmap *set, const char *key)
{
	int unused_line, unused_col;

	return posmap_get(set, key, &unused_line, &unused_col);
}

/* Whether name is a domain of set or a child of one (corp.contoso.com
 * under contoso.com). */
static bool at_or_under(const struct posmap *set, const char *name)
{
	char *k = domain_key(name);
	bool found = false;

	const char *p = k;

	while (p && *p && !found) {
		found = in_set(set, p);
		p = strchr(p, '.');
		if (p)
			p++;
	}
	free(k);
	return found;
}

static char *xmpp_domain_finding(const struct topology *t, const char *name,
				 const struct posmap *sans)
{
	char *k;
	bool on_cert;

	if (t->xmpp_proxy)
		return xasprintf(_("\"%s\" is neither a SIP domain nor a child of one: its SRV "
				   "record and certificate name reach no Lync user; add it to "
				   "topology.sip_domains or correct it here"), name);
	k = domain_key(name);
	on_cert = in_set(sans, k);
	free(k);
	return on_cert ? xasprintf(_("\"%s\" gets no SRV record: topology.xmpp_proxy is false, "
				     "so the records follow the SIP domains; set "
				     "topology.xmpp_proxy to true or remove it here"), name)
		       : xasprintf(_("\"%s\" gets no SRV record and is not a name of the "
				     "certificate: topology.xmpp_proxy is false, so both follow "
				     "the SIP domains; set topology.xmpp_proxy to true or remove "
				     "it here"), name);
}

/* Without the XMPP proxy the records follow the SIP domains, so an XMPP
 * domain that is not one gets no record; with it, an XMPP domain outside
 * the SIP domains serves no Lync user. */
static void check_xmpp_domains(const struct deployment *d, const struct posmap *pm,
			       struct diags *out)
{
	const struct topology *t = &d->topo;
	struct strlist derived = {0};
	struct posmap *sip, *sans;

	if (!t->xmpp_domains.n || (t->xmpp_proxy && !t->sip_domains.n))
		return;
	sip = domain_set(&t->sip_domains);
	san_derive(d, &derived);
	sans = domain_set(&derived);
	for (size_t i = 0; i < t->xmpp_domains.n; i++) {
		const char *name = t->xmpp_domains.v[i];
		char *item, *k = domain_key(name);
		/* A name that is not a DNS name has its error already. */
		bool skip = !*k || validate_dns_name(name, NULL) == VALID_ERR ||
			    (t->xmpp_proxy ? at_or_under(sip, name) : in_set(sip, k));

		free(k);
		if (skip)
			continue;
		item = xasprintf("topology.xmpp_domains[%zu]", i);
		report(out, pm, DIAG_WARNING, item, xmpp_domain_finding(t, name, sans));
		free(item);
	}
	posmap_free(sans);
	strlist_free(&derived);
	posmap_free(sip);
}

/* The request the file records must hold every SRV domain, or a partner
 * dialling that domain refuses the certificate issued from it. */
static void check_generated_sans(const struct deployment *d, const struct posmap *pm,
				 struct diags *out)
{
	const struct cert_record *g = &d->cert.generated;
	struct strlist srv = {0}, missing = {0};
	struct posmap *sans;
	char *list;

	if (!g->sans.n)
		return;
	sans = domain_set(&g->sans);
	san_srv_domains(d, &srv);
	for (size_t i = 0; i < srv.n; i++) {
		char *k = domain_key(srv.v[i]);

		if (!in_set(sans, k))
			strlist_push(&missing, srv.v[i]);
		free(k);
	}
	if (missing.n) {
		list = strlist_join(&missing, ", ");
		report(out, pm, DIAG_WARNING, "certificate.generated.sans",
		       set(g->at) ? xasprintf(_("the request made at %s lacks %s, which has an SRV "
						"record: partners dialling it would refuse a "
						"certificate issued from it; make the request again "
						"(Step 3, Run Again, or xmppgw csr)"), g->at, list)
				  : xasprintf(_("the request lacks %s, which has an SRV record: "
						"partners dialling it would refuse a certificate "
						"issued from it; make the request again (Step 3, Run "
						"Again, or xmppgw csr)"), list));
		free(list);
	}
	strlist_free(&missing);
	strlist_free(&srv);
	posmap_free(sans);
}

/* The policy's name after "site:" or "tag:", or the identity itself. */
static const char *policy_name(const char *id)
{
	if (strncasecmp(id, "site:", 5) == 0 || strncasecmp(id, "tag:", 4) == 0)
		return strchr(id, ':') + 1;
	return id;
}

static void policy_check_identity(const char *id, const struct posmap *pm, struct diags *out)
{
	const char *path = "access_policy.identity", *colon = strchr(id, ':');

	if (!set(id)) {
		report(out, pm, DIAG_ERROR, path,
		       xstrdup(_("is empty: write global, site:NAME or the name of a user "
				 "policy")));
		return;
	}
	if (colon && strncasecmp(id, "site:", 5) != 0 && strncasecmp(id, "tag:", 4) != 0) {
		report(out, pm, DIAG_ERROR, path,
		       xasprintf(_("\"%s\" is not an external access policy's identity: write "
				   "global, site:NAME or the name of a user policy"), id));
		return;
	}
	if (!set(policy_name(id)) || policy_name(id)[0] == ' ') {
		report(out, pm, DIAG_ERROR, path,
		       xasprintf(_("\"%s\" names no policy: write the name after the colon, "
				   "as Lync shows it"), id));
		return;
	}
	check_text(out, pm, path, id);
	if (strcasecmp(id, "global") != 0 && strncasecmp(id, "site:", 5) != 0)
		report(out, pm, DIAG_WARNING, path,
		       xasprintf(_("\"%s\" is a user policy: it applies only to the users it is "
				   "granted to (Grant-CsExternalAccessPolicy; the Front End's script "
				   "shows how)"), policy_name(id)));
}

void policy_validate(const struct access_policy *p, const struct posmap *pm, struct diags *out)
{
	policy_check_identity(p->identity ? p->identity : "", pm, out);
	if (!p->enable_xmpp_access)
		report(out, pm, DIAG_WARNING, "access_policy.enable_xmpp_access",
		       xstrdup(_("is false: the users of this policy cannot talk to XMPP "
				 "contacts, whatever the partners")));
	if (!p->enable_federation_access)
		report(out, pm, DIAG_WARNING, "access_policy.enable_federation_access",
		       xstrdup(_("is false: Microsoft's procedure enables communications with "
				 "federated users too")));
}

void deployment_validate(const struct deployment *d, const struct posmap *pm, struct diags *out)
{
	topology_validate(&d->topo, pm, out);
	certreq_validate(&d->cert, &d->topo, pm, out);
	for (size_t i = 0; i < d->npartners; i++) {
		char *prefix = item_path("partners", i);

		partner_check_fields(d->partners[i], prefix, pm, out);
		partner_check_own(&d->topo, d->partners[i], prefix, pm, out);
		free(prefix);
	}
	partners_check_clashes(d, pm, out);
	check_xmpp_domains(d, pm, out);
	check_generated_sans(d, pm, out);
	policy_validate(&d->policy, pm, out);
	check_opt_name(out, pm, "dns.srv_target", d->dns.srv_target);
	if (d->dns.ttl < 0)
		report(out, pm, DIAG_ERROR, "dns.ttl", xstrdup(_("must not be negative")));
	if (d->dns.priority < 0 || d->dns.priority > 65535)
		report(out, pm, DIAG_ERROR, "dns.priority", xstrdup(_("must be 0 to 65535")));
	if (d->dns.weight < 0 || d->dns.weight > 65535)
		report(out, pm, DIAG_ERROR, "dns.weight", xstrdup(_("must be 0 to 65535")));
}
