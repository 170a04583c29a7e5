/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "deployment.h"

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
