#!/bin/sh
# SPDX-License-Identifier: ISC
# The DNS records screen's live check on 1,000 partners in tmux at 80x24,
# against dnsmasq on loopback, then through tests/dns/relay delaying every
# answer by 20 ms: the time the screen reports, and the bytes the program
# wrote to its terminal while the rows filled in (tmux pipe-pane). For
# scale, one full 80x24 screen of these rows is about 2 KB.
# Run from a build folder (make bench), or with XMPPGW and RELAY set.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
if [ -z "${top_builddir:-}" ]; then
	if [ -x ./xmppgw ]; then top_builddir=$(pwd); else top_builddir=$top_srcdir; fi
fi
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"

N=${DNS_BENCH_PARTNERS:-1000}

if ! [ -x "$DNS_RELAY" ] && [ -f "$top_builddir/Makefile" ]; then
	make -C "$top_builddir" -s tests/dns/relay >/dev/null || exit 1
fi
for need in "$XMPPGW" "$DNS_RELAY"; do
	[ -x "$need" ] || { echo "dns_screen: $need is missing (build first)"; exit 1; }
done
command -v tmux >/dev/null 2>&1 || { echo "dns_screen: tmux is missing"; exit 1; }
dns_have_dnsmasq || { echo "dns_screen: dnsmasq is missing (tools/deps-debian)"; exit 1; }

awk -v n="$N" -v conf="$T_TMP/zone.conf" -v dep="$T_TMP/dep.yaml" 'BEGIN {
	print "local=/xg.test/" > conf
	print "host-record=edge.xg.test,127.0.0.10" > conf
	print "srv-host=_xmpp-server._tcp.good.xg.test,edge.xg.test,5269,0,0" > conf
	print "version: 1\ntopology:\n  sip_domains: [good.xg.test]" > dep
	print "  access_edge_fqdn: edge.xg.test\npartners:" > dep
	for (i = 1; i <= n; i++) {
		d = sprintf("p%04d.xg.test", i)
		printf "srv-host=_xmpp-server._tcp.%s,xmpp.%s,5269,0,0\n", d, d > conf
		printf "host-record=xmpp.%s,127.1.%d.%d\n", d, int(i / 256), i % 256 > conf
		printf "- domain: %s\n  type: Federated\n  tls: Required\n", d > dep
		printf "  sasl: Optional\n  dialback: true\n" > dep
	}
}'

dns_dnsmasq_start "$T_TMP/zone.conf" || { echo "dns_screen: dnsmasq does not start"; exit 1; }

marker() { tmux_screen | grep '^ >' | head -n 1; }

# run LABEL PORT: one check through the screen; prints its figures.
run() {
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	tmux_start -- "$XMPPGW" "$T_TMP/dep.yaml"
	tmux_wait "Step 3: Request" || exit 1
	n=0
	while [ "$n" -lt 12 ] && ! marker | grep -qF "DNS records"; do
		tmux_keys Down
		sleep 0.1
		n=$((n + 1))
	done
	tmux_keys Enter
	tmux_wait "> DNS server" || exit 1
	tmux_type "127.0.0.1:$2"
	tmux_keys Tab C-u
	tmux_type 5000
	tmux_keys Tab
	tmux_wait "> Live check" || exit 1
	: >"$T_TMP/bytes"
	tmux -L "$T_TMUX_SOCKET" pipe-pane -t t "cat >> '$T_TMP/bytes'"
	tmux_keys Enter
	tmux_wait "Done in" 60 || exit 1
	sleep 0.3
	tmux -L "$T_TMUX_SOCKET" pipe-pane -t t
	printf '%-28s %s; %s bytes to the terminal\n' "$1:" \
		"$(tmux_screen | sed -n 's/^ *Done in \(.*\)$/\1/p')" "$(wc -c <"$T_TMP/bytes" | tr -d ' ')"
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
}

echo "live check on the DNS records screen, $N partners + 1 SIP domain, 80x24"
run "dnsmasq" "$DNS_PORT"
dns_relay_start "$DNS_PORT" 20 || { echo "dns_screen: relay does not start"; exit 1; }
run "through a 20 ms relay" "$DNS_RELAY_PORT"
exit 0
