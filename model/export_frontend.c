/* SPDX-License-Identifier: ISC */
/* The Front End's script: everything that writes the Central Management
 * Store. The deployment becomes data at the top (the partners and the policy
 * as hashtables of the values it sets); the code that compares them with the
 * server and changes only what differs is the same for every deployment, so
 * it can be read once and trusted. Values reach the script only through
 * pstext, as inert literals. */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "pstext.h"
#include "xalloc.h"

static bool set(const char *s)
{
	return s && *s;
}

static void push_all(struct strlist *l, const char *const *lines)
{
	for (; *lines; lines++)
		strlist_push(l, *lines);
}

static void push_comment(struct strlist *l, const char *text)
{
	strlist_push_lines(l, "#", text);
}

static void put_header(struct strlist *l, const struct deployment *d)
{
	char *joined = strlist_join(&d->topo.sip_domains, ", ");
	char *edge = pstext_comment(set(d->topo.access_edge_fqdn) ? d->topo.access_edge_fqdn
								   : _("(none)"));
	char *sip = pstext_comment(d->topo.sip_domains.n ? joined : _("(none)"));
	char *who = xasprintf(ngettext("Written by xmppgw from the deployment with Access Edge %s,\n"
				       "SIP domains %s, and %zu XMPP federated partner.",
				       "Written by xmppgw from the deployment with Access Edge %s,\n"
				       "SIP domains %s, and %zu XMPP federated partners.",
				       d->npartners),
			      edge, sip, d->npartners);

	push_comment(l, _("Lync Server 2013 XMPP gateway: the Front End's script."));
	push_comment(l, who);
	strlist_push(l, "#");
	push_comment(l, _("Run it on a Front End Server, or on an admin host with the Lync Server\n"
			  "administrative tools, in the Lync Server Management Shell, as a member of\n"
			  "RTCUniversalServerAdmins. It writes the Central Management Store, of which\n"
			  "each Edge holds a read-only replica: it makes Lync's XMPP federated partners\n"
			  "those of the deployment, sets the external access policy, and allows\n"
			  "federated users on the Access Edge when the deployment asks for it. The Edge\n"
			  "certificate is the Edge's own script (xmppgw export edge-ps1).\n"
			  "\n"
			  "  -WhatIf  shows every change and makes none.\n"
			  "  -Prune   also removes the partners the server has and the deployment does\n"
			  "           not list; without it they are only listed.\n"
			  "It can be run again: what already matches the deployment is left unchanged,\n"
			  "and a summary at the end says what changed."));
	free(who);
	free(sip);
	free(edge);
	free(joined);
}

static const char *const param_block[] = {
	"[CmdletBinding(SupportsShouldProcess = $true)]",
	"param(",
	"    [switch]$Prune",
	")",
	NULL,
};

/* The sentences the script says, keyed for the code below. Format items
 * ({0}) are filled by PowerShell's -f. */
static const struct said {
	const char *key;
	const char *text; /* N_() */
} said[] = {
	{"NoLync", N_("The Lync Server cmdlets are missing ({0}). Run this script in the Lync "
		      "Server Management Shell, on a Front End Server or on an admin host with "
		      "the Lync Server administrative tools.")},
	{"Done", N_("{0}: {1}: done.")},
	{"WhatIf", N_("{0}: {1}: would be done.")},
	{"Declined", N_("{0}: {1}: not done, as answered.")},
	{"Failed", N_("{0}: {1}: failed: {2}")},
	{"Unchanged", N_("{0}: unchanged.")},
	{"Listed", N_("{0}: an XMPP federated partner on the server that the deployment does not "
		      "list; kept (run the script with -Prune to remove it).")},
	{"NewPartner", N_("create the XMPP federated partner")},
	{"SetPartner", N_("update the XMPP federated partner ({0})")},
	{"RemovePartner", N_("remove the XMPP federated partner")},
	{"NewPolicy", N_("create the external access policy")},
	{"SetPolicy", N_("update the external access policy ({0})")},
	{"Edge", N_("Access Edge")},
	{"AllowFederated", N_("allow federated users")},
	{"EdgeClosed", N_("Access Edge: federated users are not allowed, so the Edge refuses every "
			  "XMPP partner; the deployment leaves this setting as it is.")},
	{"Builder", N_("Topology Builder: the deployment does not record the step as done "
		       "(see the comments at the end of this script).")},
	{"Summary", N_("Summary:")},
};

static void put_said(struct strlist *l)
{
	strlist_push(l, "");
	push_comment(l, _("What the script says."));
	strlist_push(l, "$text = @{");
	for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
		char *q = pstext_literal(_(said[i].text));

		strlist_pushf(l, "    %s = %s", said[i].key, q);
		free(q);
	}
	strlist_push(l, "}");
}

static const char *const lync_check[] = {
	"$needed = @('Get-CsXmppAllowedPartner', 'New-CsXmppAllowedPartner',",
	"    'Set-CsXmppAllowedPartner', 'Remove-CsXmppAllowedPartner',",
	"    'Get-CsExternalAccessPolicy', 'New-CsExternalAccessPolicy',",
	"    'Set-CsExternalAccessPolicy', 'Get-CsAccessEdgeConfiguration',",
	"    'Set-CsAccessEdgeConfiguration')",
	"if (-not (Get-Command -Name $needed[0] -ErrorAction SilentlyContinue)) {",
	"    Import-Module -Name Lync -ErrorAction SilentlyContinue",
	"}",
	"$missing = @($needed | Where-Object { -not (Get-Command -Name $_ -ErrorAction "
	"SilentlyContinue) })",
	"if ($missing.Count -gt 0) {",
	"    throw ($text.NoLync -f ($missing -join ', '))",
	"}",
	NULL,
};

/* Errors stop a change, never the script: each change runs in a try with
 * $ErrorActionPreference 'Stop' local to it, and the summary says what
 * failed. The existence tests read whole lists and filter them, so they
 * cannot fail for a missing item. The New- cmdlets return what they
 * create: discarded, or each new partner would be printed as a list of
 * properties amid the summary. */
static const char *const functions[] = {
	"$summary = New-Object -TypeName System.Collections.ArrayList",
	"$failures = 0",
	"",
	"function Invoke-XgChange {",
	"    [CmdletBinding(SupportsShouldProcess = $true)]",
	"    param([string]$Target, [string]$Action, [scriptblock]$Change)",
	"    if (-not $PSCmdlet.ShouldProcess($Target, $Action)) {",
	"        if ($WhatIfPreference) {",
	"            [void]$summary.Add(($text.WhatIf -f $Target, $Action))",
	"        } else {",
	"            [void]$summary.Add(($text.Declined -f $Target, $Action))",
	"        }",
	"        return",
	"    }",
	"    $ErrorActionPreference = 'Stop'",
	"    try {",
	"        & $Change | Out-Null",
	"        [void]$summary.Add(($text.Done -f $Target, $Action))",
	"    } catch {",
	"        $script:failures++",
	"        [void]$summary.Add(($text.Failed -f $Target, $Action, $_.Exception.Message))",
	"    }",
	"}",
	"",
	"function ConvertTo-XgText {",
	"    param($Value)",
	"    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [string]) {",
	"        return ((@($Value | ForEach-Object { ([string]$_).ToLowerInvariant() }) | "
	"Sort-Object) -join ', ')",
	"    }",
	"    return [string]$Value",
	"}",
	"",
	"function Get-XgChanges {",
	"    param($Current, [hashtable]$Want)",
	"    $changes = @{}",
	"    foreach ($name in @($Want.Keys)) {",
	"        if ($name -ne 'Identity' -and",
	"            (ConvertTo-XgText $Current.$name) -cne (ConvertTo-XgText $Want[$name])) {",
	"            $changes[$name] = $Want[$name]",
	"        }",
	"    }",
	"    return $changes",
	"}",
	NULL,
};

static void put_code(struct strlist *l)
{
	strlist_push(l, "");
	push_comment(l, _("The Lync cmdlets come with the Lync Server Management Shell (module "
			  "Lync)."));
	push_all(l, lync_check);
	strlist_push(l, "");
	push_comment(l, _("Invoke-XgChange makes one change unless -WhatIf, and notes it for the "
			  "summary; an error\n"
			  "ends that change only. ConvertTo-XgText gives a value as text to compare "
			  "(lists as\n"
			  "their sorted lower-case names); Get-XgChanges, the wanted values that "
			  "differ."));
	push_all(l, functions);
}

static void put_literal(struct strlist *l, const char *indent, const char *key, const char *v)
{
	char *q = pstext_literal(v);

	strlist_pushf(l, "%s%s = %s", indent, key, q);
	free(q);
}

static void put_bool(struct strlist *l, const char *indent, const char *key, bool v)
{
	strlist_pushf(l, "%s%s = %s", indent, key, v ? "$true" : "$false");
}

/* The file may end a domain with the root's dot ("gmail.com."), as DNS
 * does; a JID's domain and Lync's partner never do. Written as is, the
 * partner would not be found by its own name on the next run, so it goes
 * without the dot, as san.c writes the certificate's names. */
static char *domain_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return xstrndup(s ? s : "", n && s[n - 1] == '.' ? n - 1 : n);
}

static void put_domain(struct strlist *l, const char *indent, const char *key, const char *v)
{
	char *name = domain_name(v);

	put_literal(l, indent, key, name);
	free(name);
}

static void put_domains(struct strlist *l, const char *indent, const char *key,
			const struct strlist *v)
{
	struct strlist names = {0};
	char *a;

	/* "c.com." beside "c.com" is one domain, passed once. */
	for (size_t i = 0; i < v->n; i++) {
		char *name = domain_name(v->v[i]);

		if (strlist_find_ci(&names, name) >= 0)
			free(name);
		else
			strlist_push_owned(&names, name);
	}
	a = pstext_array(&names);
	strlist_pushf(l, "%s%s = %s", indent, key, a);
	free(a);
	strlist_free(&names);
}

/* Only the values the deployment sets: New-CsXmppAllowedPartner takes the
 * cmdlet's default for the others, and the convergence below empties on
 * the server what the deployment leaves empty. */
static void put_partner(struct strlist *l, const struct partner *p)
{
	const char *in = "        ";

	strlist_push(l, "    @{");
	put_domain(l, in, "Identity", p->domain);
	if (set(p->description))
		put_literal(l, in, "Description", p->description);
	if (p->additional_domains.n)
		put_domains(l, in, "AdditionalDomains", &p->additional_domains);
	strlist_pushf(l, "%sPartnerType = '%s'", in, partner_type_name(p->type));
	strlist_pushf(l, "%sTlsNegotiation = '%s'", in, neg_name(p->tls));
	strlist_pushf(l, "%sSaslNegotiation = '%s'", in, neg_name(p->sasl));
	put_bool(l, in, "SupportDialbackNegotiation", p->dialback);
	put_bool(l, in, "EnableKeepAlive", p->keep_alive);
	if (set(p->proxy_fqdn))
		put_domain(l, in, "ProxyFqdn", p->proxy_fqdn);
	strlist_push(l, "    }");
}

static void put_partner_data(struct strlist *l, const struct deployment *d)
{
	strlist_push(l, "");
	push_comment(l, _("The XMPP federated partners of the deployment, with the values it "
			  "sets."));
	if (d->npartners == 0) {
		push_comment(l, _("The deployment has none: with -Prune, every partner on the "
				  "server is removed."));
		strlist_push(l, "$partners = @()");
		return;
	}
	strlist_push(l, "$partners = @(");
	for (size_t i = 0; i < d->npartners; i++)
		put_partner(l, d->partners[i]);
	strlist_push(l, ")");
}

static const char *const prune_code[] = {
	"$onServer = @(Get-CsXmppAllowedPartner -ErrorAction Stop)",
	"$wanted = @($partners | ForEach-Object { $_.Identity })",
	"foreach ($old in $onServer) {",
	"    $id = [string]($old.Identity)",
	"    if ($wanted -contains $id) {",
	"        continue",
	"    }",
	"    if ($Prune) {",
	"        Invoke-XgChange -Target $id -Action $text.RemovePartner -Change {",
	"            Remove-CsXmppAllowedPartner -Identity $id -Confirm:$false",
	"        }",
	"    } else {",
	"        [void]$summary.Add(($text.Listed -f $id))",
	"    }",
	"}",
	NULL,
};

static const char *const converge_code[] = {
	"foreach ($want in $partners) {",
	"    $id = $want.Identity",
	"    $current = @($onServer | Where-Object { [string]($_.Identity) -eq $id })",
	"    if ($current.Count -eq 0) {",
	"        Invoke-XgChange -Target $id -Action $text.NewPartner -Change {",
	"            New-CsXmppAllowedPartner @want -Confirm:$false",
	"        }",
	"        continue",
	"    }",
	"    $set = Get-XgChanges -Current $current[0] -Want $want",
	"    foreach ($name in @('Description', 'ProxyFqdn')) {",
	"        if (-not $want.ContainsKey($name) -and (ConvertTo-XgText $current[0].$name) -ne '') {",
	"            $set[$name] = ''",
	"        }",
	"    }",
	"    if (-not $want.ContainsKey('AdditionalDomains') -and",
	"        (ConvertTo-XgText $current[0].AdditionalDomains) -ne '') {",
	"        $set['AdditionalDomains'] = @{ Remove = @($current[0].AdditionalDomains) }",
	"    }",
	"    if ($set.Count -eq 0) {",
	"        [void]$summary.Add(($text.Unchanged -f $id))",
	"        continue",
	"    }",
	"    $names = (@($set.Keys) | Sort-Object) -join ', '",
	"    $set['Identity'] = $id",
	"    Invoke-XgChange -Target $id -Action ($text.SetPartner -f $names) -Change {",
	"        Set-CsXmppAllowedPartner @set -Confirm:$false",
	"    }",
	"}",
	NULL,
};

static void put_partners(struct strlist *l, const struct deployment *d)
{
	put_partner_data(l, d);
	strlist_push(l, "");
	push_comment(l, _("Partners on the server that the deployment does not list: one "
			  "deleted from the\n"
			  "deployment, or one whose primary domain changed (created again below "
			  "under the new\n"
			  "name). Only -Prune removes them, before anything is created, so that "
			  "none of their\n"
			  "domains is in a new partner's way."));
	push_all(l, prune_code);
	strlist_push(l, "");
	push_comment(l, _("Each partner of the deployment: created when the server lacks it; "
			  "otherwise only what\n"
			  "differs is set, and what the deployment leaves empty is emptied (the "
			  "additional\n"
			  "domains by removing those the server has)."));
	push_all(l, converge_code);
}

/* "tag:NAME" is how Lync shows a user policy; the name alone is what
 * Grant-CsExternalAccessPolicy takes. */
static const char *user_policy_name(const char *identity)
{
	return strncasecmp(identity, "tag:", 4) == 0 ? identity + 4 : identity;
}

static bool is_user_policy(const char *identity)
{
	return strcasecmp(identity, "global") != 0 && strncasecmp(identity, "site:", 5) != 0;
}

static const char *const policy_code[] = {
	"$current = @(Get-CsExternalAccessPolicy -ErrorAction Stop | Where-Object {",
	"    [string]($_.Identity) -eq $policy.Identity -or",
	"    [string]($_.Identity) -eq ('Tag:' + $policy.Identity)",
	"})",
	"if ($current.Count -eq 0) {",
	"    Invoke-XgChange -Target $policy.Identity -Action $text.NewPolicy -Change {",
	"        New-CsExternalAccessPolicy @policy -Confirm:$false",
	"    }",
	"} else {",
	"    $set = Get-XgChanges -Current $current[0] -Want $policy",
	"    if ($set.Count -eq 0) {",
	"        [void]$summary.Add(($text.Unchanged -f $policy.Identity))",
	"    } else {",
	"        $names = (@($set.Keys) | Sort-Object) -join ', '",
	"        $set['Identity'] = $policy.Identity",
	"        Invoke-XgChange -Target $policy.Identity -Action ($text.SetPolicy -f $names) "
	"-Change {",
	"            Set-CsExternalAccessPolicy @set -Confirm:$false",
	"        }",
	"    }",
	"}",
	NULL,
};

static void put_grant(struct strlist *l, const char *identity)
{
	char *name = pstext_literal(user_policy_name(identity));
	char *shown = pstext_comment(user_policy_name(identity));
	char *text = xasprintf(_("The user policy %s applies only to the users it is granted "
				 "to. Choose them\n"
				 "with Get-CsUser, check the list it shows, then pipe it to "
				 "Grant-CsExternalAccessPolicy;\n"
				 "for example every user homed on one registrar pool, or in one "
				 "organizational unit:"),
			       shown);

	strlist_push(l, "");
	push_comment(l, text);
	strlist_push(l, "#   Get-CsUser -Filter {RegistrarPool -eq 'pool01.contoso.com'}");
	strlist_pushf(l, "#   Get-CsUser -Filter {RegistrarPool -eq 'pool01.contoso.com'} | "
		      "Grant-CsExternalAccessPolicy -PolicyName %s", name);
	strlist_pushf(l, "#   Get-CsUser -OU 'OU=Sales,DC=contoso,DC=com' | "
		      "Grant-CsExternalAccessPolicy -PolicyName %s", name);
	free(text);
	free(shown);
	free(name);
}

static void put_policy(struct strlist *l, const struct deployment *d)
{
	const struct access_policy *p = &d->policy;
	const char *identity = set(p->identity) ? p->identity : "global";

	strlist_push(l, "");
	push_comment(l, _("The external access policy: users talk to XMPP contacts only when "
			  "their policy allows\n"
			  "it. Microsoft's procedure allows both federated and XMPP federated "
			  "users. A site or\n"
			  "user policy the server lacks is created."));
	if (!p->enable_xmpp_access)
		push_comment(l, _("The deployment leaves XMPP access off in this policy: its "
				  "users cannot reach XMPP contacts."));
	strlist_push(l, "$policy = @{");
	put_literal(l, "    ", "Identity", identity);
	put_bool(l, "    ", "EnableFederationAccess", p->enable_federation_access);
	put_bool(l, "    ", "EnableXmppAccess", p->enable_xmpp_access);
	strlist_push(l, "}");
	push_all(l, policy_code);
	if (is_user_policy(identity))
		put_grant(l, identity);
}

static const char *const edge_allow_code[] = {
	"$edge = @(Get-CsAccessEdgeConfiguration -ErrorAction Stop)",
	"if ($edge.Count -gt 0 -and $edge[0].AllowFederatedUsers) {",
	"    [void]$summary.Add(($text.Unchanged -f $text.Edge))",
	"} else {",
	"    Invoke-XgChange -Target $text.Edge -Action $text.AllowFederated -Change {",
	"        Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true -Confirm:$false",
	"    }",
	"}",
	NULL,
};

static const char *const edge_report_code[] = {
	"$edge = @(Get-CsAccessEdgeConfiguration -ErrorAction Stop)",
	"if ($edge.Count -gt 0 -and -not $edge[0].AllowFederatedUsers) {",
	"    [void]$summary.Add($text.EdgeClosed)",
	"}",
	NULL,
};

static void put_edge(struct strlist *l, const struct deployment *d)
{
	strlist_push(l, "");
	push_comment(l, _("XMPP partners reach Lync as federated traffic through the Access "
			  "Edge, which refuses\n"
			  "it unless federated users are allowed."));
	if (d->edge.allow_federated_users) {
		push_comment(l, _("The deployment asks for it: this opens federation for the "
				  "whole Edge, SIP partners\n"
				  "included."));
		push_all(l, edge_allow_code);
	} else {
		push_comment(l, _("The deployment leaves the setting as it is "
				  "(access_edge.allow_federated_users is\n"
				  "false): the script only reports it when it is off."));
		push_all(l, edge_report_code);
	}
}

static void put_builder(struct strlist *l, const struct deployment *d)
{
	if (d->topo.builder_done)
		return;
	strlist_push(l, "");
	push_comment(l, _("One step no cmdlet does, in Topology Builder, before XMPP federation "
			  "works:\n"
			  "  1. Download the topology; in the site's Edit Properties, tick XMPP "
			  "federation and\n"
			  "     choose the Edge pool that runs the XMPP proxy.\n"
			  "  2. Publish the topology.\n"
			  "  3. Run Setup again (Lync Server Deployment Wizard, Install or Update "
			  "Lync Server\n"
			  "     System) on each Front End Server and on each Edge Server.\n"
			  "To verify: on the Edge, netstat -ano | findstr 5269 shows the XMPP proxy "
			  "listening;\n"
			  "netstat -ano | findstr 23456 shows the Front End's XMPP gateway talking "
			  "to the Edge's\n"
			  "internal interface. Then tick the step on xmppgw's home screen."));
	strlist_push(l, "[void]$summary.Add($text.Builder)");
}

static const char *const summary_code[] = {
	"Write-Output ''",
	"Write-Output $text.Summary",
	"foreach ($line in $summary) {",
	"    Write-Output ('  ' + $line)",
	"}",
	"if ($failures -gt 0) {",
	"    exit 1",
	"}",
	NULL,
};

char *export_frontend_ps1(const struct deployment *d)
{
	struct strlist lines = {0};
	char *out;

	put_header(&lines, d);
	push_all(&lines, param_block);
	put_said(&lines);
	put_code(&lines);
	put_partners(&lines, d);
	put_policy(&lines, d);
	put_edge(&lines, d);
	put_builder(&lines, d);
	strlist_push(&lines, "");
	push_comment(&lines, _("What changed, or with -WhatIf what would change."));
	push_all(&lines, summary_code);
	out = pstext_script(&lines);
	strlist_free(&lines);
	return out;
}
