# SPDX-License-Identifier: ISC
# Shared by the DNS tests and the benchmark: dnsmasq and the delaying relay
# (tests/dns/relay) on loopback ports, stopped at exit. Source it after
# tests/lib.sh, which provides at_exit, T_TMP and top_builddir.

DNS_DNSMASQ=${DNSMASQ:-/usr/sbin/dnsmasq}
[ -x "$DNS_DNSMASQ" ] || DNS_DNSMASQ=$(command -v dnsmasq 2>/dev/null || echo dnsmasq)
DNS_RELAY=${RELAY:-$top_builddir/tests/dns/relay}
DNS_PIDS=""

dns_stop_all() {
	for p in $DNS_PIDS; do kill "$p" 2>/dev/null; done
	for p in $DNS_PIDS; do wait "$p" 2>/dev/null; done
	DNS_PIDS=""
}
at_exit dns_stop_all

dns_have_dnsmasq() { command -v "$DNS_DNSMASQ" >/dev/null 2>&1; }

# dns_dnsmasq_start CONF: dnsmasq serving CONF (absolute path; dnsmasq
# changes to /) on a free port of 127.0.0.1 (or of the addresses in
# DNS_LISTEN, comma-separated), set in DNS_PORT. Ports are
# tried from a base taken from the process id; a taken one makes dnsmasq
# exit at once, and the next is tried.
dns_dnsmasq_start() {
	dns_conf=$1
	dns_try=0
	while [ "$dns_try" -lt 30 ]; do
		DNS_PORT=$((20000 + ($$ * 13 + dns_try * 997) % 40000))
		DNS_COUNT=$((${DNS_COUNT:-0} + 1))
		dns_log="$T_TMP/dnsmasq.$DNS_COUNT.log"
		: >"$dns_log"
		"$DNS_DNSMASQ" --conf-file="$dns_conf" --port="$DNS_PORT" \
			--listen-address="${DNS_LISTEN:-127.0.0.1}" --bind-interfaces \
			--no-resolv --no-hosts \
			--keep-in-foreground --user="$(id -un)" \
			--pid-file="$T_TMP/dnsmasq.$DNS_COUNT.pid" --log-facility=- \
			2>"$dns_log" &
		dns_pid=$!
		dns_wait=0
		while [ "$dns_wait" -lt 100 ] && kill -0 "$dns_pid" 2>/dev/null; do
			if grep -q 'started, version' "$dns_log"; then
				DNS_PIDS="$DNS_PIDS $dns_pid"
				return 0
			fi
			sleep 0.05
			dns_wait=$((dns_wait + 1))
		done
		kill "$dns_pid" 2>/dev/null
		wait "$dns_pid" 2>/dev/null
		if ! grep -q 'in use' "$dns_log"; then
			sed 's/^/# dnsmasq: /' "$dns_log"
			return 1
		fi
		dns_try=$((dns_try + 1))
	done
	return 1
}

# dns_relay_start UPSTREAM_PORT DELAY_MS: the relay on a port the system
# picks (UPSTREAM_PORT 0: it never answers), set in DNS_RELAY_PORT.
dns_relay_start() {
	DNS_COUNT=$((${DNS_COUNT:-0} + 1))
	dns_out="$T_TMP/relay.$DNS_COUNT.port"
	: >"$dns_out"
	"$DNS_RELAY" -u "$1" -d "$2" >"$dns_out" &
	dns_pid=$!
	DNS_PIDS="$DNS_PIDS $dns_pid"
	dns_wait=0
	while [ "$dns_wait" -lt 100 ] && ! [ -s "$dns_out" ]; do
		sleep 0.05
		dns_wait=$((dns_wait + 1))
	done
	DNS_RELAY_PORT=$(head -n 1 "$dns_out")
	[ -n "$DNS_RELAY_PORT" ]
}
