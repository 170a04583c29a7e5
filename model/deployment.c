#include "config.h"

#include "deployment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "xalloc.h"

static const char *const neg_names[NEG_COUNT] = {"Required", "Optional", "NotSupported"};
static const char *const type_names[PARTNER_TYPE_COUNT] = {
	"Federated", "PublicVerified", "PublicUnverified"
};

struct deployment *deployment_new(void)
{
	struct deployment *d = xcalloc(1, sizeof *d);

	d->topo.xmpp_proxy = true;
	d->cert.request_file = xstrdup("edge-external.csr");
	d->cert.key_file = xstrdup("edge-external.key");
	d->cert.delayed = true;
	d->cert.friendly_name = xstrdup("Edge External");
	d->cert.key_bits = 2048;
	d->cert.exportable = true;
	/* The procedure only works once users may talk XMPP, so a new
	 * deployment asks for it (the cmdlet's own default is off). */
	d->enable_xmpp_access = true;
	d->dns.ttl = 3600;
	d->dns.priority = 0;
	d->dns.weight = 0;
	return d;
}

static void topology_free(struct topology *t)
{
	strlist_free(&t->sip_domains);
	free(t->access_edge_fqdn);
	free(t->webconf_edge_fqdn);
	free(t->av_edge_fqdn);
	strlist_free(&t->xmpp_domains);
}

static void certreq_free(struct certreq *c)
{
	free(c->request_file);
	free(c->key_file);
	free(c->template_name);
	free(c->friendly_name);
	free(c->organization);
	free(c->organizational_unit);
	free(c->country);
	free(c->state);
	free(c->city);
	strlist_free(&c->sip_domain_sans);
	strlist_free(&c->additional_sans);
	free(c->generated.request_file);
	free(c->generated.key_file);
	free(c->generated.at);
}

void deployment_free(struct deployment *d)
{
	if (!d)
		return;
	topology_free(&d->topo);
	certreq_free(&d->cert);
	for (size_t i = 0; i < d->npartners; i++)
		partner_free(d->partners[i]);
	free(d->partners);
	free(d->dns.srv_target);
	free(d);
}

static void topology_copy(struct topology *dst, const struct topology *src)
{
	strlist_copy(&dst->sip_domains, &src->sip_domains);
	dst->access_edge_fqdn = xstrdup0(src->access_edge_fqdn);
	dst->webconf_edge_fqdn = xstrdup0(src->webconf_edge_fqdn);
	dst->av_edge_fqdn = xstrdup0(src->av_edge_fqdn);
	dst->xmpp_proxy = src->xmpp_proxy;
	strlist_copy(&dst->xmpp_domains, &src->xmpp_domains);
}

static void certreq_copy(struct certreq *dst, const struct certreq *src)
{
	*dst = *src; /* scalars; every pointer is replaced below */
	memset(&dst->sip_domain_sans, 0, sizeof dst->sip_domain_sans);
	memset(&dst->additional_sans, 0, sizeof dst->additional_sans);
	dst->request_file = xstrdup0(src->request_file);
	dst->key_file = xstrdup0(src->key_file);
	dst->template_name = xstrdup0(src->template_name);
	dst->friendly_name = xstrdup0(src->friendly_name);
	dst->organization = xstrdup0(src->organization);
	dst->organizational_unit = xstrdup0(src->organizational_unit);
	dst->country = xstrdup0(src->country);
	dst->state = xstrdup0(src->state);
	dst->city = xstrdup0(src->city);
	strlist_copy(&dst->sip_domain_sans, &src->sip_domain_sans);
	strlist_copy(&dst->additional_sans, &src->additional_sans);
	dst->generated.request_file = xstrdup0(src->generated.request_file);
	dst->generated.key_file = xstrdup0(src->generated.key_file);
	dst->generated.at = xstrdup0(src->generated.at);
}

struct deployment *deployment_clone(const struct deployment *d)
{
	struct deployment *c = xcalloc(1, sizeof *c);

	topology_copy(&c->topo, &d->topo);
	certreq_copy(&c->cert, &d->cert);
	for (size_t i = 0; i < d->npartners; i++)
		deployment_add_partner(c, partner_clone(d->partners[i]));
	c->enable_xmpp_access = d->enable_xmpp_access;
	c->dns = d->dns;
	c->dns.srv_target = xstrdup0(d->dns.srv_target);
	return c;
}

/* NULL and "" both mean "not set". */
static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool topology_equal(const struct topology *a, const struct topology *b)
{
	return strlist_equal(&a->sip_domains, &b->sip_domains) &&
	       str_eq(a->access_edge_fqdn, b->access_edge_fqdn) &&
	       str_eq(a->webconf_edge_fqdn, b->webconf_edge_fqdn) &&
	       str_eq(a->av_edge_fqdn, b->av_edge_fqdn) && a->xmpp_proxy == b->xmpp_proxy &&
	       strlist_equal(&a->xmpp_domains, &b->xmpp_domains);
}

static bool certreq_equal(const struct certreq *a, const struct certreq *b)
{
	return str_eq(a->request_file, b->request_file) && str_eq(a->key_file, b->key_file) &&
	       a->delayed == b->delayed && str_eq(a->template_name, b->template_name) &&
	       (a->template_name == NULL) == (b->template_name == NULL) &&
	       str_eq(a->friendly_name, b->friendly_name) && a->key_bits == b->key_bits &&
	       a->exportable == b->exportable && a->client_eku == b->client_eku &&
	       str_eq(a->organization, b->organization) &&
	       str_eq(a->organizational_unit, b->organizational_unit) &&
	       str_eq(a->country, b->country) && str_eq(a->state, b->state) &&
	       str_eq(a->city, b->city) &&
	       strlist_equal(&a->sip_domain_sans, &b->sip_domain_sans) &&
	       strlist_equal(&a->additional_sans, &b->additional_sans) &&
	       str_eq(a->generated.request_file, b->generated.request_file) &&
	       str_eq(a->generated.key_file, b->generated.key_file) &&
	       str_eq(a->generated.at, b->generated.at);
}

bool deployment_equal(const struct deployment *a, const struct deployment *b)
{
	if (!topology_equal(&a->topo, &b->topo) || !certreq_equal(&a->cert, &b->cert) ||
	    a->npartners != b->npartners || a->enable_xmpp_access != b->enable_xmpp_access ||
	    a->dns.ttl != b->dns.ttl || a->dns.priority != b->dns.priority ||
	    a->dns.weight != b->dns.weight || !str_eq(a->dns.srv_target, b->dns.srv_target))
		return false;
	for (size_t i = 0; i < a->npartners; i++)
		if (!partner_equal(a->partners[i], b->partners[i]))
			return false;
	return true;
}

struct partner *partner_new(const char *domain)
{
	struct partner *p = xcalloc(1, sizeof *p);

	p->domain = xstrdup(domain ? domain : "");
	p->type = PARTNER_PUBLIC_UNVERIFIED;
	p->tls = NEG_REQUIRED;
	p->sasl = NEG_OPTIONAL;
	p->dialback = true;
	p->keep_alive = true;
	return p;
}

void partner_free(struct partner *p)
{
	if (!p)
		return;
	free(p->domain);
	free(p->description);
	strlist_free(&p->additional_domains);
	free(p->proxy_fqdn);
	free(p);
}

struct partner *partner_clone(const struct partner *p)
{
	struct partner *c = xmalloc(sizeof *c);

	*c = *p;
	memset(&c->additional_domains, 0, sizeof c->additional_domains);
	c->domain = xstrdup0(p->domain);
	c->description = xstrdup0(p->description);
	strlist_copy(&c->additional_domains, &p->additional_domains);
	c->proxy_fqdn = xstrdup0(p->proxy_fqdn);
	return c;
}

bool partner_equal(const struct partner *a, const struct partner *b)
{
	return str_eq(a->domain, b->domain) && str_eq(a->description, b->description) &&
	       strlist_equal(&a->additional_domains, &b->additional_domains) &&
	       a->type == b->type && a->tls == b->tls && a->sasl == b->sasl &&
	       a->dialback == b->dialback && a->keep_alive == b->keep_alive &&
	       str_eq(a->proxy_fqdn, b->proxy_fqdn);
}

void deployment_add_partner(struct deployment *d, struct partner *p)
{
	d->partners = xgrow(d->partners, &d->partners_cap, d->npartners + 1, sizeof *d->partners);
	d->partners[d->npartners++] = p;
}

void deployment_remove_partner(struct deployment *d, size_t i)
{
	if (i >= d->npartners)
		return;
	partner_free(d->partners[i]);
	memmove(&d->partners[i], &d->partners[i + 1], (d->npartners - i - 1) * sizeof *d->partners);
	d->npartners--;
}

long deployment_find_domain(const struct deployment *d, const char *name, long skip)
{
	for (size_t i = 0; i < d->npartners; i++) {
		const struct partner *p = d->partners[i];

		if ((long)i == skip)
			continue;
		if ((p->domain && strcasecmp(p->domain, name) == 0) ||
		    strlist_find_ci(&p->additional_domains, name) >= 0)
			return (long)i;
	}
	return -1;
}

const char *neg_name(enum neg v)
{
	return (unsigned)v < NEG_COUNT ? neg_names[v] : NULL;
}

int neg_parse(const char *s)
{
	for (int i = 0; i < NEG_COUNT; i++)
		if (strcasecmp(s, neg_names[i]) == 0)
			return i;
	return -1;
}

const char *partner_type_name(enum partner_type t)
{
	return (unsigned)t < PARTNER_TYPE_COUNT ? type_names[t] : NULL;
}

int partner_type_parse(const char *s)
{
	for (int i = 0; i < PARTNER_TYPE_COUNT; i++)
		if (strcasecmp(s, type_names[i]) == 0)
			return i;
	return -1;
}

const char *partner_type_meaning(enum partner_type t)
{
	switch (t) {
	case PARTNER_FEDERATED:
		return _("High trust (same company or an established business relationship): "
			 "its users add Lync contacts and see presence without consent, send IM "
			 "to anyone, and see status notes.");
	case PARTNER_PUBLIC_VERIFIED:
		return _("A public provider trusted to verify its users: they see presence and "
			 "send IM without consent, but never status notes. Not recommended.");
	case PARTNER_PUBLIC_UNVERIFIED:
		return _("A public provider that does not verify its users: they can do nothing "
			 "until the Lync user adds them as a contact, and never see status notes. "
			 "Recommended for public providers.");
	case PARTNER_TYPE_COUNT:
		break;
	}
	return "";
}

/* posmap: open addressing on an FNV-1a hash. A loaded file records one
 * position per field (100,000 for 10,000 partners), so keys are copied
 * into large blocks rather than one allocation each, and each slot keeps
 * its hash so that probing rarely compares strings. */
struct posmap_slot {
	const char *key;
	uint32_t hash;
	int line, col;
};

struct posmap_block {
	struct posmap_block *next;
	size_t used, size;
	char text[];
};

struct posmap {
	struct posmap_slot *slots;
	size_t cap, used;
	struct posmap_block *blocks;
};

#define POSMAP_BLOCK 65536

static uint32_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (uint32_t)(h ^ (h >> 32));
}

struct posmap *posmap_new(void)
{
	struct posmap *pm = xcalloc(1, sizeof *pm);

	pm->cap = 64;
	pm->slots = xcalloc(pm->cap, sizeof *pm->slots);
	return pm;
}

void posmap_free(struct posmap *pm)
{
	if (!pm)
		return;
	while (pm->blocks) {
		struct posmap_block *b = pm->blocks;

		pm->blocks = b->next;
		free(b);
	}
	free(pm->slots);
	free(pm);
}

static const char *posmap_copy(struct posmap *pm, const char *key)
{
	size_t n = strlen(key) + 1;
	struct posmap_block *b = pm->blocks;
	char *s;

	if (!b || b->size - b->used < n) {
		size_t size = n > POSMAP_BLOCK ? n : POSMAP_BLOCK;

		b = xmalloc(sizeof *b + size);
		b->next = pm->blocks;
		b->used = 0;
		b->size = size;
		pm->blocks = b;
	}
	s = memcpy(b->text + b->used, key, n);
	b->used += n;
	return s;
}

static struct posmap_slot *posmap_slot(const struct posmap *pm, const char *key, uint32_t h)
{
	size_t i = h & (pm->cap - 1);

	while (pm->slots[i].key &&
	       (pm->slots[i].hash != h || strcmp(pm->slots[i].key, key) != 0))
		i = (i + 1) & (pm->cap - 1);
	return &pm->slots[i];
}

static void posmap_grow(struct posmap *pm)
{
	struct posmap old = *pm;

	pm->cap *= 2;
	pm->slots = xcalloc(pm->cap, sizeof *pm->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*posmap_slot(pm, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

void posmap_put(struct posmap *pm, const char *path, int line, int col)
{
	uint32_t h = fnv1a(path);
	struct posmap_slot *s;

	if ((pm->used + 1) * 4 > pm->cap * 3)
		posmap_grow(pm);
	s = posmap_slot(pm, path, h);
	if (!s->key) {
		s->key = posmap_copy(pm, path);
		s->hash = h;
		pm->used++;
	}
	s->line = line;
	s->col = col;
}

bool posmap_get(const struct posmap *pm, const char *path, int *line, int *col)
{
	const struct posmap_slot *s = pm ? posmap_slot(pm, path, fnv1a(path)) : NULL;

	*line = s && s->key ? s->line : 0;
	*col = s && s->key ? s->col : 0;
	return s && s->key;
}
