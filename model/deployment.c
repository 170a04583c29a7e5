/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "deployment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "depfile_schema.h"
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
	d->policy.identity = xstrdup("global");
	d->policy.enable_federation_access = true;
	d->policy.enable_xmpp_access = true;
	d->dns.ttl = 3600;
	d->dns.priority = 0;
	d->dns.weight = 0;
	return d;
}

/* Strings, lists and sections are freed, copied and compared through the
 * file's own tables (depfile_schema.c), so a field added to the file cannot
 * be forgotten by a clone or a comparison. */
void deployment_free(struct deployment *d)
{
	if (!d)
		return;
	dsection_free(&depfile_top, d);
	free(d->header);
	for (size_t i = 0; i < d->npartners; i++)
		partner_free(d->partners[i]);
	free(d->partners);
	free(d);
}

struct deployment *deployment_clone(const struct deployment *d)
{
	struct deployment *c = xcalloc(1, sizeof *c);

	dsection_copy(&depfile_top, c, d);
	c->header = xstrdup0(d->header);
	for (size_t i = 0; i < d->npartners; i++)
		deployment_add_partner(c, partner_clone(d->partners[i]));
	return c;
}

bool deployment_equal(const struct deployment *a, const struct deployment *b)
{
	if (a->npartners != b->npartners || !dsection_equal(&depfile_top, a, b))
		return false;
	if (strcmp(a->header ? a->header : "", b->header ? b->header : "") != 0)
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
	dsection_free(&depfile_partner, p);
	free(p);
}

struct partner *partner_clone(const struct partner *p)
{
	struct partner *c = xcalloc(1, sizeof *c);

	dsection_copy(&depfile_partner, c, p);
	return c;
}

bool partner_equal(const struct partner *a, const struct partner *b)
{
	return dsection_equal(&depfile_partner, a, b);
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

/* Length of name less one trailing dot: "gmail.com." is gmail.com. */
static size_t domain_len(const char *name)
{
	size_t n = strlen(name);

	return n && name[n - 1] == '.' ? n - 1 : n;
}

bool deployment_same_domain(const char *a, const char *b)
{
	size_t n;

	if (!a || !b)
		return false;
	n = domain_len(a);
	return n == domain_len(b) && strncasecmp(a, b, n) == 0;
}

long deployment_find_domain(const struct deployment *d, const char *name, long skip)
{
	for (size_t i = 0; i < d->npartners; i++) {
		const struct partner *p = d->partners[i];

		if ((long)i == skip)
			continue;
		if (p->domain && deployment_same_domain(p->domain, name))
			return (long)i;
		for (size_t j = 0; j < p->additional_domains.n; j++)
			if (deployment_same_domain(p->additional_domains.v[j], name))
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
