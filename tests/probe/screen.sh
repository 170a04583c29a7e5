#!/bin/sh
# SPDX-License-Identifier: ISC
# The Probe button of the partner form, walked in tmux at 80x24: a partner
# on row 17 against a Prosody that requires TLS is probed (DNS server and
# CA file typed on the form), the verdict shown, row 13 applied when
# offered, the Partners screen's probe column, the file saved and read
# back; then a silent server's probe cancelled with Esc.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"
. "$top_srcdir/tests/probe/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
dns_have_dnsmasq || skip_all "dnsmasq not installed (Debian package dnsmasq-base)"
pr_have_prosody || skip_all "prosody not installed (tools/deps-debian installs it)"

C="$T_TMP/certs"
pr_ca "$C" || skip_all "openssl cannot make the test CA"
pr_leaf "$C" req ca req.test
Z="$T_TMP/zone.conf"
echo "local=/test/" >"$Z"
check "Prosody, encryption required" pr_start req "$C/req" 's2s_require_encryption = true' req.test
pr_zone "$Z" req.test "$PR_PORT"
python3 "$top_srcdir/tests/probe/hostile.py" slowloris >"$T_TMP/slow.port" &
HS_PID=$!
hs_stop() { kill "$HS_PID" 2>/dev/null; wait "$HS_PID" 2>/dev/null; }
at_exit hs_stop
i=0
while [ "$i" -lt 100 ] && ! [ -s "$T_TMP/slow.port" ]; do sleep 0.05; i=$((i + 1)); done
pr_zone "$Z" slow.test "$(cat "$T_TMP/slow.port")"
check "dnsmasq for the SRV records" dns_dnsmasq_start "$Z"

F="$T_TMP/xmppgw.yaml"
cat >"$F" <<'EOF2'
version: 1
topology:
  sip_domains: [contoso.test]
  access_edge_fqdn: edge.contoso.test
partners:
- domain: req.test
  type: Federated
  tls: NotSupported
  sasl: NotSupported
  dialback: true
- domain: slow.test
  type: Federated
  tls: Required
  sasl: NotSupported
  dialback: true
EOF2

marker() { tmux_screen | grep '^ >' | head -n 1; }
home_open() {
	n=0
	while [ "$n" -lt 12 ]; do
		if marker | grep -qF -- "$1"; then tmux_keys Enter; return 0; fi
		tmux_keys Down
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
tabs() { i=0; while [ "$i" -lt "$1" ]; do tmux_keys Tab; i=$((i + 1)); done; }
shows() { tmux_wait "$1" 20; }

tmux_start -- sh -c '"$0" "$1" 2>"$2"; echo $? >"$3"' "$XMPPGW" "$F" "$T_TMP/stderr" "$T_TMP/status"
check "the partners entry opens" home_open "XMPP federated partners"
check "the probe column: not probed yet" shows "req.test         Federated         No   No   yes      not probed"
tmux_keys Enter
check "the form opens on req.test" shows "XMPP Federated Partner"
# Stops (Tab moves a whole radio group): domain 0, description 1, Add 2,
# type 3, TLS 4, SASL 5, dialback 6, keep-alive 7, proxy FQDN 8, DNS server 9,
# CA file 10, Probe 11.
tabs 9
tmux_type "127.0.0.1:$DNS_PORT"
tmux_keys Tab
tmux_type "$C/ca.pem"
tmux_keys Tab
check "before: not probed in this session" shows "Not probed in this session."
tmux_keys Enter
check "the verdict: row 17 fails" shows "req.test (partner): FAILS with its settings"
tmux_screen >"$T_TMP/verdict"
check_grep "the verdict: the server requires TLS" "STARTTLS offered: yes; required: yes" "$T_TMP/verdict"
tmux_keys End
check "the verdict: best row 13" shows "best row: 13"
check "the verdict: row 13 works with every domain" shows "Row 13 works with every domain probed."
tmux_keys Enter
check "row 13 is offered" shows "Apply row 13: TLS Required, SASL NotSupported, dialback True"
tmux_keys y
check "applied: the verdict under the settings" shows "Negotiation: TLS dialback (row 13)."
check "applied: the last probe says these work" shows "The last probe: these settings work"
tmux_keys C-n
check "OK: back on the list" shows "Partner req.test changed"
check "the probe column: works" shows "req.test         Federated         Req  No   yes      works"

# A server that says nothing: the probe is cancelled from its progress box.
tmux_keys Down Enter
check "the form opens on slow.test" shows "slow.test"
tabs 11
tmux_keys Enter
check "the progress box" shows "Probing slow.test: 0 of 1 domain done."
tmux_keys Escape
check "cancelled: said" shows "The probe was cancelled; nothing changed."
tmux_keys Enter
check "cancelled: still not probed" shows "Not probed in this session."
tmux_keys Escape
tmux_keys C-o
check "saved" shows "Saved"
tmux_keys C-x
check "quits" tmux_wait_exit 10
check_eq "exit status 0" 0 "$(cat "$T_TMP/status")"
check_eq "nothing on stderr" "" "$(cat "$T_TMP/stderr")"
"$XMPPGW" partners list "$F" >"$T_TMP/list"
check_grep "read back: row 13 saved for req.test" "$(printf 'req.test\tFederated\tRequired\tNotSupported\ttrue')" "$T_TMP/list"
check_grep "read back: slow.test unchanged" "$(printf 'slow.test\tFederated\tRequired\tNotSupported\ttrue')" "$T_TMP/list"

done_testing
