#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw dns` when answers do not come: a server that never answers, a
# port where nothing listens, and one slow domain among quick ones (the
# quick results show while the slow one is still out).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"

[ -x "$DNS_RELAY" ] || skip_all "tests/dns/relay not built"

partner() {
	printf -- '- domain: %s\n  type: Federated\n  tls: Required\n  sasl: Optional\n' "$1"
	printf '  dialback: true\n'
}

{
	cat <<'EOF'
version: 1
topology:
  sip_domains: [good.xg.test, other.xg.test]
  access_edge_fqdn: edge.xg.test
partners:
EOF
	partner p-ok.xg.test
	partner p-slow.xg.test
	partner p-other.xg.test
} >"$T_TMP/dep.yaml"

out="$T_TMP/out"
summary_secs() { sed -n 's/.* checked in \([0-9.]*\) s.*/\1/p' "$out"; }

# A server that reads every query and never answers.
dns_relay_start 0 0 || { not_ok "silent server starts"; done_testing; }
silent=$DNS_RELAY_PORT
"$XMPPGW" dns "$T_TMP/dep.yaml" --server "127.0.0.1:$silent" --timeout 1000 >"$out" 2>/dev/null
check_eq "silent server: exit 1" 1 $?
check_eq "silent server: every result TIMEOUT" "TIMEOUT" "$(cut -f 4 "$out" | grep -v checked | sort -u)"
check_eq "silent server: five results" 5 "$(grep -c "	TIMEOUT	" "$out")"
check_grep "silent server: the detail" \
	"_xmpp-server._tcp.p-slow.xg.test SRV: no answer within 1000 ms" "$out"
secs=$(summary_secs)
check "silent server: over in about the timeout (took $secs s for 1 s)" \
	awk -v s="$secs" 'BEGIN { exit !(s >= 0.95 && s < 4) }'

# A port where nothing listens: the system says so at once.
dns_relay_start 0 0 && closed=$DNS_RELAY_PORT
dns_pid=$(echo "$DNS_PIDS" | awk '{ print $NF }')
kill "$dns_pid" && wait "$dns_pid" 2>/dev/null
"$XMPPGW" dns "$T_TMP/dep.yaml" --partners --server "127.0.0.1:$closed" --timeout 5000 \
	>"$out" 2>/dev/null
check_eq "closed port: exit 1" 1 $?
check_grep "closed port: connection refused" \
	"ERROR	_xmpp-server._tcp.p-ok.xg.test SRV: connection refused" "$out"

dns_have_dnsmasq || { ok "# SKIP dnsmasq not installed"; done_testing; }

# dnsmasq answers for xg.test itself but hands p-slow.xg.test to the
# silent server, so that one domain is slow.
cat >"$T_TMP/zone.conf" <<EOF
local=/xg.test/
server=/p-slow.xg.test/127.0.0.1#$silent
host-record=edge.xg.test,127.0.0.10
host-record=xmpp.p-ok.xg.test,127.0.1.1
srv-host=_xmpp-server._tcp.good.xg.test,edge.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.p-ok.xg.test,xmpp.p-ok.xg.test,5269,0,0
EOF
dns_dnsmasq_start "$T_TMP/zone.conf" || { not_ok "dnsmasq starts"; done_testing; }

"$XMPPGW" dns "$T_TMP/dep.yaml" --server "127.0.0.1:$DNS_PORT" --timeout 3000 \
	>"$out" 2>/dev/null &
pid=$!
i=0
# Until the quick result is printed or the program ends: what matters is
# that it comes while the slow one is still out (checked below), not how
# fast a loaded machine gets there.
while [ "$i" -lt 400 ] && kill -0 "$pid" 2>/dev/null &&
	! grep -q '^partner	p-ok.xg.test	.*OK' "$out"; do
	sleep 0.05
	i=$((i + 1))
done
check_grep "quick results show at once" "partner	p-ok.xg.test	_xmpp-server._tcp.p-ok.xg.test	OK" "$out"
check_grep "... all of them" "own	other.xg.test	_xmpp-server._tcp.other.xg.test	NXDOMAIN" "$out"
check "... while the slow one is still out" kill -0 "$pid"
check_eq "... and not shown yet" "" "$(grep p-slow "$out")"
wait "$pid"
check_eq "slow domain: exit 1" 1 $?
check_grep "slow domain: TIMEOUT in the end" \
	"partner	p-slow.xg.test	_xmpp-server._tcp.p-slow.xg.test	TIMEOUT" "$out"
check_eq "slow domain: the last line before the summary" "p-slow.xg.test" \
	"$(tail -n 2 "$out" | head -n 1 | cut -f 2)"
check_grep "slow domain: summary" "5 checked in" "$out"

done_testing
