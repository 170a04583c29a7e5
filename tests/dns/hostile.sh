#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw dns` against a hostile server (tests/dns/hostile.py): every UDP
# answer truncated, so all goes over TCP, where one query makes the server
# close the connection with the others unanswered; SRV targets that are
# not host names; a partner on the client port; a partner pointing at us.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"

command -v python3 >/dev/null || skip_all "no python3 for the hostile server"

python3 "$top_srcdir/tests/dns/hostile.py" >"$T_TMP/port" 2>"$T_TMP/server.err" &
DNS_PIDS="$DNS_PIDS $!"
i=0
while [ $i -lt 100 ] && ! [ -s "$T_TMP/port" ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(head -n 1 "$T_TMP/port")
check "the hostile server listens" test -n "$PORT"

partner() {
	printf -- '- domain: %s\n  type: Federated\n  tls: Required\n  sasl: Optional\n' "$1"
	printf '  dialback: true\n'
}
# deployment NAME DOMAIN...: a deployment with these partners.
deployment() {
	name=$1
	shift
	{
		printf 'version: 1\ntopology:\n  sip_domains: [xg.test]\n'
		printf '  access_edge_fqdn: edge.xg.test\npartners:\n'
		for d in "$@"; do partner "$d.xg.test"; done
	} >"$T_TMP/$name.yaml"
}
out=$T_TMP/out
# run NAME: the check of NAME's partners into $out; its exit status.
run() {
	"$XMPPGW" dns "$T_TMP/$1.yaml" --partners --server "127.0.0.1:$PORT" --timeout 3000 \
		>"$out" 2>"$T_TMP/err"
}
field() { awk -F '\t' -v d="$1" -v n="$2" '$2 == d { print $n }' "$out"; }
verdict() { check_eq "$1: $2" "$2" "$(field "$1" 4)"; }

# --- 14. one closed TCP connection fails only the query that closed it ---
deployment closing a b c d e f close
run closing
check_eq "a closed connection: exit 1" 1 $?
for d in a b c d e f; do verdict "$d.xg.test" OK; done
verdict close.xg.test ERROR
check_grep "the summary" "6 OK, 1 with problems (1 ERROR)" "$out"

# --- 15. targets that are not host names, the client port, ourselves ----
deployment odd a ctl nul space client edge
run odd
check_eq "odd records: exit 1" 1 $?
verdict a.xg.test OK
verdict ctl.xg.test BAD_TARGET
verdict nul.xg.test BAD_TARGET
verdict space.xg.test BAD_TARGET
check_grep "a control byte is shown escaped and named" \
	'the target "xm\007pp.ctl.xg.test" is not a host name' "$out"
check_grep "so is a NUL" 'the target "xm\000pp.nul.xg.test" is not a host name' "$out"
check_grep "and a space" 'the target "xmpp server.space.xg.test" is not a host name' "$out"
check_eq "no raw control byte reaches the output" 0 \
	"$(tr -d '\t\n' <"$out" | LC_ALL=C tr -dc '\000-\037\177' | wc -c | tr -d ' ')"
verdict client.xg.test WRONG_PORT
check_grep "port 5222 without an address names the client port" \
	"port 5222, expected 5269: 5222 is XMPP's client port, servers federate on 5269" "$out"
verdict edge.xg.test OWN_EDGE
check_grep "a partner pointing at our Access Edge is flagged" \
	"the target edge.xg.test is our own Access Edge (edge.xg.test)" "$out"
check_grep "the summary counts the new verdicts" \
	"1 OK, 5 with problems (1 WRONG_PORT, 3 BAD_TARGET, 1 OWN_EDGE)" "$out"

done_testing
