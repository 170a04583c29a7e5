#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw dns` against dnsmasq on loopback: one zone with every case the
# check tells apart, for own domains and partners, and the exit status.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"

dns_have_dnsmasq || skip_all "dnsmasq not installed (Debian package dnsmasq-base)"

# Names under xg.test are dnsmasq's own (--local): what it does not know
# there is NXDOMAIN; a name it knows without the type asked is NODATA.
# Anything else is refused, for want of an upstream server.
cat >"$T_TMP/zone.conf" <<'EOF'
local=/xg.test/
host-record=edge.xg.test,127.0.0.10,::10
host-record=xmpp.alias.xg.test,127.0.0.10
host-record=half.xg.test,127.0.0.10
host-record=other.xg.test,127.0.0.20
srv-host=_xmpp-server._tcp.good.xg.test,edge.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.alias.xg.test,xmpp.alias.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.case.xg.test,Edge.XG.test,5269,0,0
srv-host=_xmpp-server._tcp.wrongport.xg.test,edge.xg.test,5270,0,0
srv-host=_xmpp-server._tcp.wrongtarget.xg.test,other.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.noaddr.xg.test,ghost.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.dot.xg.test
srv-host=_xmpp-server._tcp.multi.xg.test,other.xg.test,5269,10,0
srv-host=_xmpp-server._tcp.multi.xg.test,edge.xg.test,5269,20,0
txt-record=_xmpp-server._tcp.norecord.xg.test,"no SRV here"
host-record=xmpp.p-ok.xg.test,127.0.1.1
host-record=xmpp.p-extra.xg.test,127.0.1.2
host-record=xmpp.p-v6.xg.test,::1:2
host-record=xmpp.p-port.xg.test,127.0.1.3
srv-host=_xmpp-server._tcp.p-ok.xg.test,xmpp.p-ok.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.p-extra.xg.test,xmpp.p-extra.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.p-v6.xg.test,xmpp.p-v6.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.p-port.xg.test,xmpp.p-port.xg.test,5222,0,0
srv-host=_xmpp-server._tcp.p-noaddr.xg.test,nothing.p-noaddr.xg.test,5269,0,0
txt-record=_xmpp-server._tcp.p-norecord.xg.test,"no SRV here"
EOF

partner() {
	printf -- '- domain: %s\n  type: Federated\n  tls: Required\n  sasl: Optional\n' "$1"
	printf '  dialback: true\n  additional_domains: [%s]\n' "${2:-}"
}

{
	cat <<'EOF'
version: 1
topology:
  sip_domains: [good.xg.test, alias.xg.test, case.xg.test, wrongport.xg.test,
    wrongtarget.xg.test, noaddr.xg.test, dot.xg.test, multi.xg.test,
    norecord.xg.test, missing.xg.test]
  access_edge_fqdn: edge.xg.test
partners:
EOF
	partner p-ok.xg.test p-extra.xg.test
	partner p-v6.xg.test
	partner p-port.xg.test
	partner p-noaddr.xg.test
	partner p-norecord.xg.test
	partner p-missing.xg.test
	partner refused.example.net
} >"$T_TMP/all.yaml"

dns_dnsmasq_start "$T_TMP/zone.conf" || { not_ok "dnsmasq starts"; done_testing; }
ok "dnsmasq serves the test zone on 127.0.0.1:$DNS_PORT"

out="$T_TMP/out"
"$XMPPGW" dns "$T_TMP/all.yaml" --server "127.0.0.1:$DNS_PORT" --timeout 3000 \
	>"$out" 2>"$T_TMP/err"
check_eq "problems found: exit 1" 1 $?

# field SUBJECT DOMAIN N: field N of the line about DOMAIN.
field() { awk -F '\t' -v s="$1" -v d="$2" -v n="$3" '$1 == s && $2 == d { print $n }' "$out"; }
verdict() { check_eq "$1 $2: $3" "$3" "$(field "$1" "$2" 4)"; }

verdict own good.xg.test OK
verdict own alias.xg.test OK
verdict own case.xg.test OK
verdict own multi.xg.test OK
verdict own wrongport.xg.test WRONG_PORT
verdict own wrongtarget.xg.test WRONG_TARGET
verdict own noaddr.xg.test NO_ADDRESS
verdict own dot.xg.test NORECORD
verdict own norecord.xg.test NORECORD
verdict own missing.xg.test NXDOMAIN
verdict partner p-ok.xg.test OK
verdict partner p-extra.xg.test OK
verdict partner p-v6.xg.test OK
verdict partner p-port.xg.test WRONG_PORT
verdict partner p-noaddr.xg.test NO_ADDRESS
verdict partner p-norecord.xg.test NORECORD
verdict partner p-missing.xg.test NXDOMAIN
verdict partner refused.example.net SERVFAIL

check_eq "one line per domain, and the summary" 19 "$(wc -l <"$out")"
check_eq "the query column" "_xmpp-server._tcp.wrongport.xg.test" \
	"$(field own wrongport.xg.test 3)"
check_eq "what was found, for people" \
	"_xmpp-server._tcp.good.xg.test SRV 0 0 5269 edge.xg.test; edge.xg.test A 127.0.0.10 AAAA ::10" \
	"$(field own good.xg.test 5)"
check_grep "wrong port says which" "port 5270, expected 5269" "$out"
check_grep "a partner on another port too" "xmpp.p-port.xg.test A 127.0.1.3; port 5222, expected 5269" "$out"
check_grep "wrong target says what was expected" \
	"other.xg.test A 127.0.0.20; expected edge.xg.test or a name with its addresses (127.0.0.10, ::10)" "$out"
check_grep "a target without address" "ghost.xg.test: no A/AAAA record" "$out"
check_grep "no such domain" "_xmpp-server._tcp.missing.xg.test SRV: no such domain" "$out"
check_grep "refused is told apart" "_xmpp-server._tcp.refused.example.net SRV: refused" "$out"
check_grep "the summary counts" \
	"18 checked in" "$out"
check_grep "the summary lists the problems" \
	"7 OK, 11 with problems (2 NXDOMAIN, 3 NORECORD, 1 SERVFAIL, 1 WRONG_TARGET, 2 WRONG_PORT, 2 NO_ADDRESS)" "$out"
check_grep "validation warnings do not stop the check" "ends in .test" "$T_TMP/err"

# --own and --partners choose; only good records: exit 0.
"$XMPPGW" dns "$T_TMP/all.yaml" --own --server="127.0.0.1:$DNS_PORT" >"$out" 2>/dev/null
check_eq "--own: only own domains" "own" "$(cut -f 1 "$out" | grep -v checked | sort -u)"
"$XMPPGW" dns "$T_TMP/all.yaml" --partners --server "127.0.0.1:$DNS_PORT" >"$out" 2>/dev/null
check_eq "--partners: only partners" "partner" "$(cut -f 1 "$out" | grep -v checked | sort -u)"

{
	sed -n '1,2p' "$T_TMP/all.yaml"
	echo "  sip_domains: [good.xg.test, alias.xg.test]"
	echo "  access_edge_fqdn: edge.xg.test"
	echo "partners:"
	partner p-ok.xg.test p-extra.xg.test
} >"$T_TMP/good.yaml"
check_status "all good: exit 0" 0 "$XMPPGW" dns "$T_TMP/good.yaml" --server "127.0.0.1:$DNS_PORT"
check_grep "all good: the summary" "4 checked in" "$T_TMP/out"
check_grep "all good: nothing wrong" "4 OK, 0 with problems" "$T_TMP/out"

# dns.srv_target names the expected target instead of the Access Edge.
sed 's/^  access_edge_fqdn: edge.xg.test$/&\
dns:\
  srv_target: other.xg.test/' "$T_TMP/all.yaml" >"$T_TMP/target.yaml"
"$XMPPGW" dns "$T_TMP/target.yaml" --own --server "127.0.0.1:$DNS_PORT" >"$out" 2>/dev/null
verdict own wrongtarget.xg.test OK
verdict own good.xg.test WRONG_TARGET
# A name whose addresses are only some of the Access Edge's reaches it.
sed 's/srv_target: other.xg.test/srv_target: half.xg.test/' "$T_TMP/target.yaml" >"$T_TMP/half.yaml"
"$XMPPGW" dns "$T_TMP/half.yaml" --own --server "127.0.0.1:$DNS_PORT" >"$out" 2>/dev/null
verdict own alias.xg.test OK
verdict own good.xg.test WRONG_TARGET

# Through the relay, every answer late by 300 ms: the same verdicts.
dns_relay_start "$DNS_PORT" 300 || not_ok "relay starts"
"$XMPPGW" dns "$T_TMP/all.yaml" --server "127.0.0.1:$DNS_RELAY_PORT" >"$out" 2>/dev/null
verdict own good.xg.test OK
verdict own wrongtarget.xg.test WRONG_TARGET
verdict partner p-port.xg.test WRONG_PORT
secs=$(sed -n 's/.* checked in \([0-9.]*\) s.*/\1/p' "$out")
check "relayed answers come later (took $secs s)" awk -v s="$secs" 'BEGIN { exit !(s >= 0.3) }'

# The server given as [::1]:PORT, when this host has IPv6 loopback.
dns_v4_port=$DNS_PORT
if DNS_LISTEN=::1 dns_dnsmasq_start "$T_TMP/zone.conf" 2>/dev/null; then
	"$XMPPGW" dns "$T_TMP/all.yaml" --own --server "[::1]:$DNS_PORT" >"$out" 2>/dev/null
	verdict own good.xg.test OK
else
	ok "# SKIP no IPv6 loopback"
fi

# Usage and input errors: exit 2.
check_status "no file" 2 "$XMPPGW" dns
check_status "two files" 2 "$XMPPGW" dns "$T_TMP/all.yaml" "$T_TMP/all.yaml"
check_status "unknown option" 2 "$XMPPGW" dns "$T_TMP/all.yaml" --fast
check_status "bad timeout" 2 "$XMPPGW" dns "$T_TMP/all.yaml" --timeout 10s
check_grep "bad timeout says why" "--timeout: \"10s\"" "$T_TMP/err"
check_status "missing server value" 2 "$XMPPGW" dns "$T_TMP/all.yaml" --server
check_status "bad server" 2 "$XMPPGW" dns "$T_TMP/all.yaml" --server 127.0.0.1:99999
check_grep "bad server says why" "bad DNS server \"127.0.0.1:99999\"" "$T_TMP/err"
check_status "unreadable file" 2 "$XMPPGW" dns "$T_TMP/nonexistent.yaml" --server "127.0.0.1:$dns_v4_port"

# No resolver: an empty /etc/resolv.conf, in a mount namespace of our own.
: >"$T_TMP/empty.conf"
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	check_status "no name server configured: exit 2" 2 unshare -m sh -c \
		'mount --bind "$1" /etc/resolv.conf && exec "$2" dns "$3"' \
		sh "$T_TMP/empty.conf" "$XMPPGW" "$T_TMP/good.yaml"
	check_grep "no name server: says so" "no DNS server: /etc/resolv.conf names none" "$T_TMP/err"
else
	ok "# SKIP needs root and unshare to hide /etc/resolv.conf"
	ok "# SKIP needs root and unshare to hide /etc/resolv.conf"
fi

# The system resolver: /etc/resolv.conf naming 127.0.0.1, and dnsmasq on
# port 53, in a network namespace of our own (only its loopback).
cat >"$T_TMP/sysres.sh" <<'EOF'
set -u
ip link set lo up && mount --bind "$1" /etc/resolv.conf || exit 3
"$2" --conf-file="$3" --port=53 --listen-address=127.0.0.1 --bind-interfaces \
	--no-resolv --no-hosts --keep-in-foreground --user="$(id -un)" \
	--pid-file="$4/sys.pid" --log-facility=- 2>"$4/sys.log" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
i=0
while [ "$i" -lt 100 ] && ! grep -q 'started, version' "$4/sys.log"; do
	sleep 0.05
	i=$((i + 1))
done
"$5" dns "$6"
EOF
echo "nameserver 127.0.0.1" >"$T_TMP/resolv.conf"
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null && unshare -mn true 2>/dev/null; then
	check_status "system resolver: exit 0" 0 unshare -mn sh "$T_TMP/sysres.sh" \
		"$T_TMP/resolv.conf" "$DNS_DNSMASQ" "$T_TMP/zone.conf" "$T_TMP" "$XMPPGW" \
		"$T_TMP/good.yaml"
	check_grep "system resolver: answers" "4 OK, 0 with problems" "$T_TMP/out"
else
	ok "# SKIP needs root, ip and unshare for a network namespace"
	ok "# SKIP needs root, ip and unshare for a network namespace"
fi

done_testing
