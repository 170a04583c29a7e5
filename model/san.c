#include "config.h"

#include "san.h"

#include <ctype.h>
#include <stdlib.h>

#include "xalloc.h"

static void add_lower(struct strlist *out, const char *name)
{
	char *s;

	if (!name || !*name)
		return;
	s = xstrdup(name);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strlist_find_ci(out, s) >= 0)
		free(s);
	else
		strlist_push_owned(out, s);
}

void san_derive(const struct deployment *d, struct strlist *out)
{
	const struct topology *t = &d->topo;
	const struct certreq *c = &d->cert;

	strlist_clear(out);
	add_lower(out, t->access_edge_fqdn);
	add_lower(out, t->webconf_edge_fqdn);
	for (size_t i = 0; i < c->sip_domain_sans.n; i++) {
		char *sip = xasprintf("sip.%s", c->sip_domain_sans.v[i]);

		add_lower(out, sip);
		free(sip);
	}
	if (t->xmpp_proxy)
		for (size_t i = 0; i < t->xmpp_domains.n; i++)
			add_lower(out, t->xmpp_domains.v[i]);
	for (size_t i = 0; i < c->additional_sans.n; i++)
		add_lower(out, c->additional_sans.v[i]);
}
