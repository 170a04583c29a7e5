#include "config.h"

#include "san.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static bool set(const char *s)
{
	return s && *s;
}

static void add_lower(struct strlist *out, const char *name)
{
	char *s;

	if (!set(name))
		return;
	s = xstrdup(name);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strlist_find_ci(out, s) >= 0)
		free(s);
	else
		strlist_push_owned(out, s);
}

bool san_srv_from_xmpp(const struct deployment *d)
{
	if (!d->topo.xmpp_proxy)
		return false;
	for (size_t i = 0; i < d->topo.xmpp_domains.n; i++)
		if (set(d->topo.xmpp_domains.v[i]) && strcmp(d->topo.xmpp_domains.v[i], ".") != 0)
			return true;
	return false;
}

/* "contoso.com." and "contoso.com" are one domain, and a certificate
 * name has no trailing dot. */
static void add_domain(struct strlist *out, const char *name)
{
	size_t n = set(name) ? strlen(name) : 0;
	char *s;

	if (n && name[n - 1] == '.')
		n--;
	if (!n)
		return;
	s = xstrndup(name, n);
	if (strlist_find_ci(out, s) >= 0)
		free(s);
	else
		strlist_push_owned(out, s);
}

void san_srv_domains(const struct deployment *d, struct strlist *out)
{
	const struct strlist *from = san_srv_from_xmpp(d) ? &d->topo.xmpp_domains
							  : &d->topo.sip_domains;

	strlist_clear(out);
	for (size_t i = 0; i < from->n; i++)
		add_domain(out, from->v[i]);
}

size_t san_srv_domain_count(const struct deployment *d)
{
	struct strlist l = {0};
	size_t n;

	san_srv_domains(d, &l);
	n = l.n;
	strlist_free(&l);
	return n;
}

void san_derive(const struct deployment *d, struct strlist *out)
{
	const struct topology *t = &d->topo;
	const struct certreq *c = &d->cert;
	struct strlist srv = {0};

	strlist_clear(out);
	add_lower(out, t->access_edge_fqdn);
	add_lower(out, t->webconf_edge_fqdn);
	for (size_t i = 0; i < c->sip_domain_sans.n; i++) {
		char *sip = xasprintf("sip.%s", c->sip_domain_sans.v[i]);

		add_lower(out, sip);
		free(sip);
	}
	san_srv_domains(d, &srv);
	for (size_t i = 0; i < srv.n; i++)
		add_lower(out, srv.v[i]);
	strlist_free(&srv);
	for (size_t i = 0; i < c->additional_sans.n; i++)
		add_lower(out, c->additional_sans.v[i]);
}
