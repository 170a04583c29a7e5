#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw dns --partners` on 1,000 partners against dnsmasq on loopback,
# beside `dig -f` on the same SRV queries (one after another); then both
# through tests/dns/relay, which delays every answer by 20 ms. Prints the
# figures. Run from a build folder (make bench), or with XMPPGW and RELAY
# set. Target: under 1 s for the 1,000 partners even with the delay.
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
RUNS=${DNS_BENCH_RUNS:-5}
DELAY=20

if ! [ -x "$DNS_RELAY" ] && [ -f "$top_builddir/Makefile" ]; then
	make -C "$top_builddir" -s tests/dns/relay >/dev/null || exit 1
fi
for need in "$XMPPGW" "$DNS_RELAY"; do
	[ -x "$need" ] || { echo "dns_1000: $need is missing (build first)"; exit 1; }
done
dns_have_dnsmasq || { echo "dns_1000: dnsmasq is missing (tools/deps-debian)"; exit 1; }
have_dig=yes
command -v dig >/dev/null 2>&1 || have_dig=no

# The zone, the deployment and dig's query list, from one loop.
awk -v n="$N" -v conf="$T_TMP/zone.conf" -v dep="$T_TMP/dep.yaml" \
	-v srv="$T_TMP/srv.txt" -v all="$T_TMP/all.txt" 'BEGIN {
	print "local=/bench.xg.test/" > conf
	print "version: 1\ntopology:\n  sip_domains: []\npartners:" > dep
	for (i = 1; i <= n; i++) {
		d = sprintf("p%04d.bench.xg.test", i)
		t = "xmpp." d
		printf "srv-host=_xmpp-server._tcp.%s,%s,5269,0,0\n", d, t > conf
		printf "host-record=%s,127.%d.%d.%d\n", t, 100 + int(i / 65536), int(i / 256) % 256, i % 256 > conf
		printf "- domain: %s\n  type: Federated\n  tls: Required\n  sasl: Optional\n  dialback: true\n", d > dep
		printf "_xmpp-server._tcp.%s SRV\n", d > srv
		printf "_xmpp-server._tcp.%s SRV\n%s A\n%s AAAA\n", d, t, t > all
	}
}'
dns_dnsmasq_start "$T_TMP/zone.conf" || { echo "dns_1000: dnsmasq did not start"; exit 1; }
direct=$DNS_PORT
dns_relay_start "$direct" "$DELAY" || { echo "dns_1000: the relay did not start"; exit 1; }
relayed=$DNS_RELAY_PORT

now_ns() { date +%s%N; }

# timed RUNS LABEL COMMAND...: runs the command RUNS times and prints the
# median and the fastest wall-clock time.
timed() {
	runs=$1 label=$2
	shift 2
	: >"$T_TMP/times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		t0=$(now_ns)
		"$@" >"$T_TMP/run.out" 2>/dev/null
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000)) >>"$T_TMP/times"
		i=$((i + 1))
	done
	sort -n "$T_TMP/times" | awk -v label="$label" -v runs="$runs" '
		{ t[NR] = $1 }
		END { printf "%-52s median %8.1f ms   best %8.1f ms   (%d runs)\n",
			label, t[int((NR + 1) / 2)] / 1000, t[1] / 1000, runs }'
}

# Every partner must come out OK, or the timing means nothing.
verify() {
	"$XMPPGW" dns "$T_TMP/dep.yaml" --partners --server "127.0.0.1:$1" >"$T_TMP/check.out" 2>/dev/null
	okn=$(grep -c '	OK	' "$T_TMP/check.out")
	if [ "$okn" != "$N" ]; then
		echo "dns_1000: only $okn of $N partners OK via port $1:"
		grep -v '	OK	' "$T_TMP/check.out" | head -5
		exit 1
	fi
	tail -n 1 "$T_TMP/check.out"
}

dig_q() { dig +tries=1 +time=2 -p "$1" @127.0.0.1 -f "$2" +noall +answer; }

echo "dns_1000: $N partners, $(wc -l <"$T_TMP/all.txt") queries for xmppgw (SRV, A, AAAA each)"
echo "dnsmasq on 127.0.0.1:$direct, relay (+$DELAY ms per answer) on 127.0.0.1:$relayed"
echo "xmppgw: $XMPPGW"
verify "$direct"
timed "$RUNS" "xmppgw dns --partners, dnsmasq direct" \
	"$XMPPGW" dns "$T_TMP/dep.yaml" --partners --server "127.0.0.1:$direct"
if [ "$have_dig" = yes ]; then
	timed "$RUNS" "dig -f ($N SRV queries), dnsmasq direct" dig_q "$direct" "$T_TMP/srv.txt"
	timed "$RUNS" "dig -f (the same $(wc -l <"$T_TMP/all.txt") queries), dnsmasq direct" \
		dig_q "$direct" "$T_TMP/all.txt"
fi
verify "$relayed"
timed "$RUNS" "xmppgw dns --partners, relay +$DELAY ms" \
	"$XMPPGW" dns "$T_TMP/dep.yaml" --partners --server "127.0.0.1:$relayed"
if [ "$have_dig" = yes ]; then
	timed 1 "dig -f ($N SRV queries), relay +$DELAY ms" dig_q "$relayed" "$T_TMP/srv.txt"
	echo "answers dig got through the relay: $(grep -c 'IN[[:space:]]*SRV' "$T_TMP/run.out") of $N"
else
	echo "dig not installed (bind9-dnsutils): no side-by-side figures"
fi
