/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "san.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "validate.h"
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

static void note_internal(struct strlist *found, const char *name)
{
	if (name && *name && validate_dns_name(name, NULL) == VALID_WARN &&
	    strlist_find_ci(found, name) < 0)
		strlist_push(found, name);
}

char *san_internal_note(const struct deployment *d)
{
	struct strlist names = {0}, found = {0};
	char *list, *s = NULL;

	san_derive(d, &names);
	for (size_t i = 0; i < names.n; i++)
		note_internal(&found, names.v[i]);
	san_srv_domains(d, &names);
	for (size_t i = 0; i < names.n; i++)
		note_internal(&found, names.v[i]);
	note_internal(&found, d->dns.srv_target);
	if (found.n) {
		list = strlist_join(&found, ", ");
		s = xasprintf(ngettext("Internal name: %s. Public CAs refuse to certify it and "
				       "partners on the Internet cannot resolve it; use a public "
				       "name.",
				       "Internal names: %s. Public CAs refuse to certify them and "
				       "partners on the Internet cannot resolve them; use public "
				       "names.", found.n),
			      list);
		free(list);
	}
	strlist_free(&found);
	strlist_free(&names);
	return s;
}
