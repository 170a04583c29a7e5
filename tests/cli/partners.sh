#!/bin/sh
# SPDX-License-Identifier: ISC
# xmppgw partners list|add|remove on a copy of the example deployment: the
# list's format, the form's rules (clashes, invalid negotiation rows, bad
# names), usage errors, and that a refused change leaves the file as it was.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

d=$T_TMP/contoso.yaml
cp "$top_srcdir/share/examples/contoso.yaml" "$d"
tab=$(printf '\t')

# still_valid DESCRIPTION: `xmppgw check` accepts the file after a change.
still_valid() {
	check_status "$1: check still exits 0" 0 "$XMPPGW" check "$d"
}

# refused DESCRIPTION STATUS PATTERN ARGS...: the command exits STATUS with
# PATTERN on stderr, and the file keeps its bytes.
refused() {
	desc=$1 want=$2 pattern=$3
	shift 3
	cp "$d" "$T_TMP/before"
	check_status "$desc: exit $want" "$want" "$XMPPGW" partners "$@"
	check_grep "$desc: the reason" "$pattern" "$T_TMP/err"
	check "$desc: the file is byte-identical" cmp "$T_TMP/before" "$d"
}

# --- list ---------------------------------------------------------------
check_status "list exits 0" 0 "$XMPPGW" partners list "$d"
check_eq "one line a partner, in the file's order" \
	"gmail.com litwareinc.com tailspintoys.com jabber.org adatum.com" \
	"$(cut -f1 "$T_TMP/out" | tr '\n' ' ' | sed 's/ $//')"
check_eq "gmail.com's fields, tab-separated" \
	"gmail.com${tab}PublicUnverified${tab}NotSupported${tab}NotSupported${tab}true${tab}false${tab}${tab}Google Talk${tab}" \
	"$(sed -n 1p "$T_TMP/out")"
check_eq "additional domains comma-joined, proxy FQDN last" \
	"chat.litwareinc.com,eu.litwareinc.com|xmpp.tailspintoys.com" \
	"$(sed -n 2p "$T_TMP/out" | cut -f7)|$(sed -n 3p "$T_TMP/out" | cut -f9)"
check_eq "every line has nine fields" "9" "$(awk -F'\t' '{print NF}' "$T_TMP/out" | sort -u)"
check_status "list --header exits 0" 0 "$XMPPGW" partners list --header "$d"
check_eq "--header names the fields" \
	"domain${tab}type${tab}tls${tab}sasl${tab}dialback${tab}keep_alive${tab}additional_domains${tab}description${tab}proxy_fqdn" \
	"$(sed -n 1p "$T_TMP/out")"

# --- add ------------------------------------------------------------------
check_status "add with defaults" 0 "$XMPPGW" partners add "$d" --domain northwindtraders.com
"$XMPPGW" partners list "$d" >"$T_TMP/list" 2>"$T_TMP/list.err"
check_eq "the new partner is last, with row 7's defaults" \
	"northwindtraders.com${tab}PublicUnverified${tab}Required${tab}Optional${tab}true${tab}true${tab}${tab}${tab}" \
	"$(tail -n 1 "$T_TMP/list")"
still_valid "add with defaults"

check_status "add with every option" 0 "$XMPPGW" partners add "$d" --domain fourthcoffee.com \
	--type federated --tls Optional --sasl NotSupported --dialback TRUE \
	--additional chat.fourthcoffee.com,eu.fourthcoffee.com --description "Fourth Coffee; it's ours" \
	--keep-alive false --proxy-fqdn xmpp.fourthcoffee.com
"$XMPPGW" partners list "$d" >"$T_TMP/list" 2>"$T_TMP/list.err"
check_eq "every option is kept" \
	"fourthcoffee.com${tab}Federated${tab}Optional${tab}NotSupported${tab}true${tab}false${tab}chat.fourthcoffee.com,eu.fourthcoffee.com${tab}Fourth Coffee; it's ours${tab}xmpp.fourthcoffee.com" \
	"$(tail -n 1 "$T_TMP/list")"
still_valid "add with every option"
"$XMPPGW" export frontend-ps1 "$d" >"$T_TMP/ps1"
check_grep "the export has the new partner" "        Description = 'Fourth Coffee; it''s ours'" "$T_TMP/ps1"

chmod 600 "$d"
check_status "a WARN row is saved" 0 "$XMPPGW" partners add "$d" --domain wideworldimporters.com \
	--tls Optional --sasl Optional --dialback true
check_grep "with its warning" "warning: partner.tls: TLS Optional, SASL Optional, dialback true" \
	"$T_TMP/err"
check_eq "saving keeps the file's mode" 600 "$(stat -c %a "$d")"
still_valid "a WARN row"

refused "duplicate primary domain" 1 \
	"xmppgw: $d: error: partner.domain: \"GMAIL.com\" is already used by partner gmail.com" \
	add "$d" --domain GMAIL.com
refused "duplicate primary domain, with the root's dot" 1 \
	"xmppgw: $d: error: partner.domain: \"gmail.com.\" is already used by partner gmail.com" \
	add "$d" --domain gmail.com.
refused "primary domain used as another partner's additional domain" 1 \
	'"eu.litwareinc.com" is already used by partner litwareinc.com' \
	add "$d" --domain eu.litwareinc.com
refused "additional domain used by another partner" 1 \
	'error: partner.additional_domains[1]: "jabber.org" is already used by partner jabber.org' \
	add "$d" --domain newco.com --additional chat.newco.com,jabber.org
refused "INVALID row 12 (TLS NotSupported, SASL Optional, no dialback)" 1 \
	"error: partner.tls: TLS NotSupported, SASL Optional, dialback false cannot work" \
	add "$d" --domain newco.com --tls NotSupported --sasl Optional --dialback false
refused "INVALID row 14 (TLS Required, SASL NotSupported, no dialback)" 1 \
	"cannot work" add "$d" --domain newco.com --sasl NotSupported --dialback false
refused "wildcard domain" 1 "error: partner.domain" add "$d" --domain '*.newco.com'
refused "64-character label" 1 "error: partner.domain" \
	add "$d" --domain "$(printf 'a%.0s' $(seq 64)).com"
refused "bad additional domain" 1 "error: partner.additional_domains[0]" \
	add "$d" --domain newco.com --additional 'bad_name!.com'
refused "bad proxy FQDN" 1 "error: partner.proxy_fqdn" \
	add "$d" --domain newco.com --proxy-fqdn 'proxy..newco.com'
refused "empty domain" 1 "error: partner.domain: is required" add "$d" --domain ''
refused "a line break in the description" 1 "error: partner.description" \
	add "$d" --domain newco.com --description "$(printf 'two\nlines')"

refused "bad --tls value" 2 '--tls: "Mandatory" is not one of: Required, Optional, NotSupported' \
	add "$d" --domain newco.com --tls Mandatory
refused "bad --sasl value" 2 '--sasl: "yes"' add "$d" --domain newco.com --sasl yes
refused "bad --type value" 2 "Federated, PublicVerified, PublicUnverified" \
	add "$d" --domain newco.com --type Public
refused "bad --dialback value" 2 '--dialback: "maybe" is not one of: true, false' \
	add "$d" --domain newco.com --dialback maybe
refused "bad --keep-alive value" 2 "--keep-alive" add "$d" --domain newco.com --keep-alive 1
refused "add without --domain" 2 "usage: xmppgw partners" add "$d" --tls Required
refused "unknown option" 2 "unknown option or missing value: --colour" \
	add "$d" --domain newco.com --colour red
refused "option without its value" 2 "unknown option or missing value: --description" \
	add "$d" --domain newco.com --description

# --- remove -------------------------------------------------------------
check_status "remove an existing partner, any case" 0 "$XMPPGW" partners remove "$d" NorthwindTraders.COM
"$XMPPGW" partners list "$d" >"$T_TMP/list" 2>"$T_TMP/list.err"
if grep -q '^northwindtraders.com' "$T_TMP/list"; then not_ok "it is gone"; else ok "it is gone"; fi
check_eq "the others stay" 7 "$(wc -l <"$T_TMP/list" | tr -d ' ')"
still_valid "remove"
refused "remove a missing partner" 1 "no partner has the primary domain northwindtraders.com" \
	remove "$d" northwindtraders.com
refused "remove by an additional domain" 1 \
	"chat.litwareinc.com is an additional domain of partner litwareinc.com" \
	remove "$d" chat.litwareinc.com
refused "remove without a domain" 2 "usage: xmppgw partners" remove "$d"
check_eq "its usage alone, not the other subcommands'" \
	"xmppgw: usage: xmppgw partners remove FILE DOMAIN" "$(cat "$T_TMP/err")"
check_status "list with an extra operand" 2 "$XMPPGW" partners list "$d" extra
check_eq "the usage of list alone" "xmppgw: usage: xmppgw partners list FILE [--header]" \
	"$(cat "$T_TMP/err")"

# --- usage and unreadable files ----------------------------------------
check_status "no subcommand" 2 "$XMPPGW" partners
check_status "unknown subcommand" 2 "$XMPPGW" partners rename "$d" a b
check_status "list of a missing file" 2 "$XMPPGW" partners list "$T_TMP/none.yaml"
check_status "add to a missing file" 2 "$XMPPGW" partners add "$T_TMP/none.yaml" --domain x.com
check "a missing file is not created" test ! -e "$T_TMP/none.yaml"
sed 's/^  tls: Required$/  tls: Mandatory/' "$d" >"$T_TMP/bad.yaml"
check_status "add to a file with errors: 1" 1 "$XMPPGW" partners add "$T_TMP/bad.yaml" --domain x.com

# Our own SIP domain is not a partner: refused, naming the topology field.
cp "$d" "$T_TMP/own.yaml"
check_status "add our own SIP domain: 1" 1 "$XMPPGW" partners add "$T_TMP/own.yaml" \
	--domain CONTOSO.com
check "the refusal names topology.sip_domains" \
	grep -q 'error: partner.domain: "CONTOSO.com" is our own domain, listed in topology.sip_domains' \
	"$T_TMP/err"
check "the file is unchanged" cmp -s "$d" "$T_TMP/own.yaml"

done_testing
