#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw probe` with 300 partners on one server that offers STARTTLS and
# never answers it: at most 96 connections are open at once, so the
# domains are asked in waves, and each still gets the verdict of its own
# server (the stage bound on STARTTLS), not a bound of the whole run that
# cuts the domains still waiting for room. With the open files limited to
# 200, a descriptor left open by a connection would show as "Too many
# open files"; ASan's leak check runs at exit.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"
. "$top_srcdir/tests/probe/lib.sh"

dns_have_dnsmasq || skip_all "dnsmasq not installed (Debian package dnsmasq-base)"
command -v python3 >/dev/null || skip_all "python3 not installed"

HS_PID=""
hs_stop() { [ -n "$HS_PID" ] && kill "$HS_PID" 2>/dev/null && wait "$HS_PID" 2>/dev/null; }
at_exit hs_stop
python3 "$top_srcdir/tests/probe/hostile.py" noproceed >"$T_TMP/port" &
HS_PID=$!
i=0
while [ "$i" -lt 100 ] && ! [ -s "$T_TMP/port" ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(cat "$T_TMP/port")

N=300
Z="$T_TMP/zone.conf"
F="$T_TMP/xmppgw.yaml"
printf 'local=/test/\nhost-record=x.test,127.0.0.1\nsrv-host=_xmpp-server._tcp.contoso.test,x.test,%s,0,0\n' \
	"$PORT" >"$Z"
printf 'version: 1\ntopology:\n  sip_domains: [contoso.test]\n  access_edge_fqdn: e.contoso.test\npartners:\n' >"$F"
i=0
while [ "$i" -lt "$N" ]; do
	echo "srv-host=_xmpp-server._tcp.d$i.test,x.test,$PORT,0,0" >>"$Z"
	printf -- '- domain: d%s.test\n  type: Federated\n  tls: Required\n  sasl: NotSupported\n  dialback: true\n' "$i" >>"$F"
	i=$((i + 1))
done
check "dnsmasq for the SRV records" dns_dnsmasq_start "$Z"

(ulimit -n 200 && "$XMPPGW" probe "$F" --server "127.0.0.1:$DNS_PORT" --timeout 600 \
	>"$T_TMP/out" 2>"$T_TMP/err")
check_eq "exit status 1 (and no leak reported by ASan)" 1 "$?"
check_grep "every domain gets a verdict" "301 domains probed in" "$T_TMP/out"
check_eq "each domain is asked: STARTTLS offered" "$((N + 1))" \
	"$(grep -c 'STARTTLS offered: yes; required: yes' "$T_TMP/out")"
check_eq "each verdict is the server's silence after STARTTLS" "$((N + 1))" \
	"$(grep -c 'TLS 1.2: no answer within 600 ms while waiting for the answer to STARTTLS' "$T_TMP/out")"
check "no domain is cut by a bound of the whole run" sh -c "! grep -q 'failure: no verdict within' '$T_TMP/out'"
check "no descriptor runs out" sh -c "! grep -q 'Too many open files' '$T_TMP/out'"
check "nothing on stderr but the file's warnings" sh -c "! grep -v 'warning:' '$T_TMP/err'"

done_testing
