/* SPDX-License-Identifier: ISC */
/* The access policy and federation form. The identity is one string in
 * the file; the form shows it as a scope and a name. */
#include "config.h"

#include "wizards/policy.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "xalloc.h"

enum wpolicy_scope wpolicy_scope(const char *identity)
{
	const char *id = identity ? identity : "";

	if (strcasecmp(id, "global") == 0)
		return WPOL_GLOBAL;
	return strncasecmp(id, "site:", 5) == 0 ? WPOL_SITE : WPOL_USER;
}

char *wpolicy_identity(enum wpolicy_scope scope, const char *name)
{
	const char *n = name ? name : "";

	if (scope == WPOL_GLOBAL)
		return xstrdup("global");
	return scope == WPOL_SITE ? xasprintf("site:%s", n) : xstrdup(n);
}

static struct wpolicy_state *st(const struct wctx *c)
{
	return c->state;
}

/* The name part of the identity: after "site:", or the whole user policy. */
static const char *name_of(const char *identity)
{
	if (!identity || wpolicy_scope(identity) == WPOL_GLOBAL)
		return "";
	return wpolicy_scope(identity) == WPOL_SITE ? identity + 5 : identity;
}

/* Scope and name are computed: the file holds one identity string, and
 * the form shows it as the two parts it is made of. */
static int get_scope(const struct wctx *c)
{
	return (int)wpolicy_scope(c->d->policy.identity);
}

static void set_scope(struct wctx *c, int i)
{
	char *id;

	if (i < WPOL_GLOBAL || i > WPOL_USER)
		i = WPOL_GLOBAL;
	id = wpolicy_identity((enum wpolicy_scope)i, st(c)->name);
	free(c->d->policy.identity);
	c->d->policy.identity = id;
}

static bool not_global(const struct wctx *c)
{
	return get_scope(c) != WPOL_GLOBAL;
}

static const char *get_name(const struct wctx *c)
{
	return name_of(c->d->policy.identity);
}

/* The new identity is built before the old one goes: the scope is read
 * from it. */
static void set_name(struct wctx *c, const char *utf8)
{
	char *id = wpolicy_identity((enum wpolicy_scope)get_scope(c), utf8);

	xstrset(&st(c)->name, utf8);
	free(c->d->policy.identity);
	c->d->policy.identity = id;
}

/* Under the scope: what the choice means for the users. */
static char *scope_remark(const struct wctx *c)
{
	switch (wpolicy_scope(c->d->policy.identity)) {
	case WPOL_GLOBAL:
		return xstrdup(_("Every user without a site or user policy of their own."));
	case WPOL_SITE:
		return xstrdup(_("The users homed in the site, unless a user policy is granted "
				 "to them; created when the site has none."));
	default:
		return xstrdup(_("Only the users it is granted to; created when missing. The "
				 "Front End's script shows how to grant it."));
	}
}

/* What the model says about one field, shown live under it. */
static char *model_says(const struct wctx *c, const char *path)
{
	struct diags dg = {0};
	const struct diag *g;
	char *s = NULL;

	policy_validate(&c->d->policy, NULL, &dg);
	g = diags_find(&dg, path);
	if (g)
		s = wdiag_text(g);
	diags_free(&dg);
	return s;
}

static char *federation_remark(const struct wctx *c)
{
	return model_says(c, "access_policy.enable_federation_access");
}

static char *xmpp_remark(const struct wctx *c)
{
	return model_says(c, "access_policy.enable_xmpp_access");
}

static void validate(struct wctx *c, struct diags *out)
{
	policy_validate(&c->d->policy, NULL, out);
}

static void begin(struct wctx *c)
{
	struct wpolicy_state *s = xcalloc(1, sizeof *s);

	s->name = xstrdup(name_of(c->d->policy.identity));
	c->state = s;
}

static void end(struct wctx *c)
{
	struct wpolicy_state *s = c->state;

	if (!s)
		return;
	free(s->name);
	free(s);
	c->state = NULL;
}

static const char *const scope_choices[] = {
	N_("Global policy"),
	N_("A site's policy"),
	N_("A user policy"),
	NULL,
};

static const struct wfield fields[] = {
	{.id = "scope", .label = N_("External access policy to change:"), .kind = WF_RADIO,
	 .choices = scope_choices, .diag = "access_policy.scope",
	 .help = N_("The policy the Front End's script sets: the global policy, a site's "
		    "policy (site:NAME), or a user policy that is then granted to chosen "
		    "users with Grant-CsExternalAccessPolicy."),
	 .get_choice = get_scope, .set_choice = set_scope, .text = scope_remark},
	{.id = "name", .label = N_("Site or policy name:"), .kind = WF_TEXT, .maxlen = 256,
	 .width = 32, .diag = "access_policy.identity",
	 .help = N_("For a site's policy, the site's name as Topology Builder shows it "
		    "(Redmond); for a user policy, its name (XMPP users). Lync shows a user "
		    "policy as Tag:NAME; either form is taken."),
	 .visible = not_global, .get_text = get_name, .set_text = set_name},
	{.id = "federation", .label = N_("Enable communications with federated users"),
	 .kind = WF_CHECK, .key = "access_policy.enable_federation_access",
	 .help = N_("Set-CsExternalAccessPolicy -EnableFederationAccess. Microsoft's procedure "
		    "ticks it."),
	 .text = federation_remark},
	{.id = "xmpp", .label = N_("Enable communications with XMPP federated users"),
	 .kind = WF_CHECK, .key = "access_policy.enable_xmpp_access",
	 .help = N_("Set-CsExternalAccessPolicy -EnableXmppAccess. Microsoft's procedure ticks "
		    "it; without it the policy's users cannot talk to any XMPP contact."),
	 .text = xmpp_remark},
	{.id = "allow_federated", .label = N_("Allow federated users on the Access Edge"),
	 .kind = WF_CHECK, .key = "access_edge.allow_federated_users",
	 .help = N_("The Front End's script then runs Set-CsAccessEdgeConfiguration "
		    "-AllowFederatedUsers $true. This opens federation for the whole Edge, SIP "
		    "federated partners included, not only XMPP. Leave it unticked when "
		    "federation is already allowed or must stay closed to SIP partners: the "
		    "script then only reports when it is off.")},
};

static const struct wpage pages[] = {
	{.id = "policy", .title = N_("Access policy and federation"),
	 .intro = N_("Users talk to XMPP contacts only when their external access policy allows "
		     "it and the Access Edge lets federated traffic in."),
	 .help = N_("What the Front End's script sets besides the partners. Microsoft's "
		    "procedure enables communications with federated and with XMPP federated "
		    "users in the policy."),
	 .fields = fields, .nfields = sizeof fields / sizeof *fields, .validate = validate},
};

const struct wizard wpolicy_form = {
	.id = "policy", .title = N_("Access policy and federation"), .pages = pages,
	.npages = sizeof pages / sizeof *pages, .flags = WZF_FORM, .begin = begin, .end = end,
};
