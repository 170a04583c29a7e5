#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw probe` on 100 partners against one Prosody on loopback (100
# virtual hosts, one certificate naming them all, STARTTLS required),
# dnsmasq for the SRV records; then the same through tests/dns/relay,
# which delays every DNS answer by 20 ms. Baselines in the same run: the
# DNS part alone (`xmppgw dns --partners`) and the 100 partners probed one
# after another (one `xmppgw probe FILE DOMAIN` each). Prints wall time and
# peak RSS. Run from a build folder (make bench), or with XMPPGW and RELAY set.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
if [ -z "${top_builddir:-}" ]; then
	if [ -x ./xmppgw ]; then top_builddir=$(pwd); else top_builddir=$top_srcdir; fi
fi
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"
. "$top_srcdir/tests/probe/lib.sh"

N=${PROBE_BENCH_PARTNERS:-100}
DELAY=20

if ! [ -x "$DNS_RELAY" ] && [ -f "$top_builddir/Makefile" ]; then
	make -C "$top_builddir" -s tests/dns/relay >/dev/null || exit 1
fi
for need in "$XMPPGW" "$DNS_RELAY" /usr/bin/time; do
	[ -x "$need" ] || { echo "probe: $need is missing (build first; GNU time)"; exit 1; }
done
dns_have_dnsmasq || { echo "probe: dnsmasq is missing (tools/deps-debian)"; exit 1; }
pr_have_prosody || { echo "probe: prosody is missing (tools/deps-debian)"; exit 1; }

doms=$(awk -v n="$N" 'BEGIN { for (i = 1; i <= n; i++) printf "p%03d.bench.test ", i }')
C="$T_TMP/certs"
pr_ca "$C" || exit 1
# shellcheck disable=SC2086
pr_leaf "$C" bench ca $doms || exit 1
# shellcheck disable=SC2086
pr_start bench "$C/bench" 's2s_require_encryption = true' $doms || exit 1
echo "local=/test/" >"$T_TMP/zone.conf"
F="$T_TMP/dep.yaml"
printf 'version: 1\ntopology:\n  sip_domains: [contoso.test]\n  access_edge_fqdn: e.contoso.test\npartners:\n' >"$F"
for d in $doms; do
	pr_zone "$T_TMP/zone.conf" "$d" "$PR_PORT"
	printf -- '- domain: %s\n  type: Federated\n  tls: Required\n  sasl: NotSupported\n  dialback: true\n' "$d" >>"$F"
done
dns_dnsmasq_start "$T_TMP/zone.conf" || { echo "probe: dnsmasq did not start"; exit 1; }
direct=$DNS_PORT
dns_relay_start "$direct" "$DELAY" || { echo "probe: the relay did not start"; exit 1; }
relayed=$DNS_RELAY_PORT

RUNS=${PROBE_BENCH_RUNS:-3}

# measure LABEL COMMAND...: the median wall time and the largest peak RSS
# of RUNS runs.
measure() {
	label=$1
	shift
	: >"$T_TMP/times"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		/usr/bin/time -f '%e %M' -o "$T_TMP/time" "$@" >"$T_TMP/run.out" 2>/dev/null
		# GNU time puts "Command exited with non-zero status N" first.
		tail -n 1 "$T_TMP/time" >>"$T_TMP/times"
		i=$((i + 1))
	done
	sort -n "$T_TMP/times" | awk -v label="$label" -v runs="$RUNS" '
		{ t[NR] = $1; if ($2 > kb) kb = $2 }
		END { printf "%-56s median %6.3f s  peak RSS %6d KiB  (%d runs)\n",
			label, t[int((NR + 1) / 2)], kb, runs }'
}

# Every partner must work, or the timing means nothing.
verify() {
	n=$(grep -c 'works with its settings' "$T_TMP/run.out")
	if [ "$n" != "$N" ]; then
		echo "probe: only $n of $N partners work:"
		grep -A3 'FAILS' "$T_TMP/run.out" | head -8
		exit 1
	fi
}

sequential() {
	for d in $doms; do
		"$XMPPGW" probe "$F" "$d" --server "127.0.0.1:$1" || return 1
	done
}

echo "probe: $N partners on one Prosody (127.0.0.1:$PR_PORT), dnsmasq on 127.0.0.1:$direct, relay (+$DELAY ms per answer) on 127.0.0.1:$relayed"
echo "xmppgw: $XMPPGW"
# Prosody's first connections to each host are slow (it sets up the host's
# TLS context then): one run first, not counted.
# shellcheck disable=SC2086
"$XMPPGW" probe "$F" $doms --server "127.0.0.1:$direct" >/dev/null 2>&1
# shellcheck disable=SC2086
measure "xmppgw probe, $N partners, dnsmasq direct" "$XMPPGW" probe "$F" $doms --server "127.0.0.1:$direct"
verify
measure "baseline: xmppgw dns --partners (DNS only), direct" "$XMPPGW" dns "$F" --partners --server "127.0.0.1:$direct"
measure "baseline: xmppgw probe, 1 partner" "$XMPPGW" probe "$F" p001.bench.test --server "127.0.0.1:$direct"
t0=$(date +%s%N)
sequential "$direct" >"$T_TMP/run.out" 2>/dev/null
t1=$(date +%s%N)
verify
printf '%-58s %7.3f s\n' "baseline: $N partners one after another, direct" "$(echo "$t0 $t1" | awk '{ print ($2 - $1) / 1e9 }')"
# shellcheck disable=SC2086
measure "xmppgw probe, $N partners, relay +$DELAY ms" "$XMPPGW" probe "$F" $doms --server "127.0.0.1:$relayed"
verify
measure "baseline: xmppgw dns --partners (DNS only), relay +$DELAY ms" "$XMPPGW" dns "$F" --partners --server "127.0.0.1:$relayed"
