#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw dns` checks the domains given an SRV record (lync-facts.md
# section 6): the XMPP domains when the XMPP proxy is installed and they are
# set, else every SIP domain; each once, whatever its case or trailing dot.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"

dns_have_dnsmasq || skip_all "dnsmasq not installed (Debian package dnsmasq-base)"

cat >"$T_TMP/zone.conf" <<'EOF2'
local=/xg.test/
host-record=edge.xg.test,127.0.0.10
srv-host=_xmpp-server._tcp.xg.test,edge.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.corp.xg.test,edge.xg.test,5269,0,0
txt-record=_xmpp-server._tcp.sales.xg.test,"no SRV here"
EOF2

# dep PROXY XMPP_DOMAINS: SIP domains xg.test and sales.xg.test (no record).
dep() {
	printf 'version: 1\ntopology:\n  sip_domains: [xg.test, sales.xg.test]\n'
	printf '  access_edge_fqdn: edge.xg.test\n  xmpp_proxy: %s\n  xmpp_domains: [%s]\n' \
		"$1" "$2"
}

dns_dnsmasq_start "$T_TMP/zone.conf" || { not_ok "dnsmasq starts"; done_testing; }
ok "dnsmasq serves the test zone on 127.0.0.1:$DNS_PORT"

out=$T_TMP/out
# rows: "DOMAIN VERDICT" of each own row, in order.
rows() { awk -F '\t' '$1 == "own" { print $2, $4 }' "$out"; }
run() {
	dep "$1" "$2" >"$T_TMP/d.yaml"
	"$XMPPGW" dns "$T_TMP/d.yaml" --own --server "127.0.0.1:$DNS_PORT" --timeout 3000 \
		>"$out" 2>"$T_TMP/err"
}

run true "corp.xg.test, xg.test, CORP.xg.test."
check_eq "XMPP domains: all records good, exit 0" 0 $?
check_eq "XMPP domains: their rows only, each once, none for the SIP domain sales.xg.test" \
	"corp.xg.test OK
xg.test OK" "$(rows)"
check_grep "the queries are theirs" "_xmpp-server._tcp.corp.xg.test" "$out"

run false "corp.xg.test"
check_eq "without the XMPP proxy: problems, exit 1" 1 $?
check_eq "without the XMPP proxy: every SIP domain" "xg.test OK
sales.xg.test NORECORD" "$(rows)"
check_grep "the XMPP domain left out is warned about" \
	"topology.xmpp_domains[0]: \"corp.xg.test\" gets no SRV record" "$T_TMP/err"

run true ""
check_eq "no XMPP domain set: exit 1" 1 $?
check_eq "no XMPP domain set: every SIP domain" "xg.test OK
sales.xg.test NORECORD" "$(rows)"

done_testing
