#!/bin/sh
# SPDX-License-Identifier: ISC
# The DNS records screen in tmux at 80x24: the records and firewall ports
# it lists, a live check against dnsmasq on loopback with verdicts shown as
# they arrive, and a check against a server that never answers, cancelled
# with Esc while the screen keeps answering keys.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
dns_have_dnsmasq || skip_all "dnsmasq not installed (Debian package dnsmasq-base)"
[ -x "$DNS_RELAY" ] || skip_all "tests/dns/relay not built"

# dnsmasq answers for xg.test itself (--local): what it does not know there
# is NXDOMAIN, a name it knows without an SRV record is NODATA.
cat >"$T_TMP/zone.conf" <<'EOF'
local=/xg.test/
host-record=edge.xg.test,127.0.0.10
host-record=xmpp.p-ok.xg.test,127.0.1.1
srv-host=_xmpp-server._tcp.good.xg.test,edge.xg.test,5269,0,0
srv-host=_xmpp-server._tcp.wrongport.xg.test,edge.xg.test,5270,0,0
srv-host=_xmpp-server._tcp.p-ok.xg.test,xmpp.p-ok.xg.test,5269,0,0
txt-record=_xmpp-server._tcp.p-norecord.xg.test,"no SRV here"
EOF

cat >"$T_TMP/dep.yaml" <<'EOF'
version: 1
topology:
  sip_domains: [good.xg.test, wrongport.xg.test, missing.xg.test]
  access_edge_fqdn: edge.xg.test
partners:
- domain: p-ok.xg.test
  type: Federated
  tls: Required
  sasl: Optional
  dialback: true
- domain: p-norecord.xg.test
  type: Federated
  tls: Required
  sasl: Optional
  dialback: true
dns:
  ttl: 600
  priority: 10
  weight: 5
EOF
cp "$T_TMP/dep.yaml" "$T_TMP/dep.orig"

dns_dnsmasq_start "$T_TMP/zone.conf" || { not_ok "dnsmasq starts"; done_testing; }
ok "dnsmasq serves the test zone on 127.0.0.1:$DNS_PORT"
dns_relay_start 0 0 || { not_ok "silent server starts"; done_testing; }
silent=$DNS_RELAY_PORT

marker() { tmux_screen | grep '^ >' | head -n 1; }

# home_open LABEL: moves the home screen's focus down to LABEL, opens it.
home_open() {
	n=0
	while [ "$n" -lt 12 ]; do
		if marker | grep -qF -- "$1"; then
			tmux_keys Enter
			return 0
		fi
		before=$(marker)
		tmux_keys Down
		w=0
		while [ "$w" -lt 200 ] && [ "$(marker)" = "$before" ]; do
			sleep 0.05
			w=$((w + 1))
		done
		n=$((n + 1))
	done
	return 1
}

# The program's exit status, written by the shell that runs it (tmux may
# leave the ended program unreaped, without a status to show).
# row DOMAIN: the screen line of DOMAIN's result, blanks squeezed.
row() { tmux_screen | grep -E "^ .? *(own|partner) +$1 " | tr -s ' '; }
# check_row DESCRIPTION DOMAIN TEXT: DOMAIN's line holds TEXT.
check_row() {
	row "$2" >"$T_TMP/row"
	check_grep "$1" "$3" "$T_TMP/row"
}

tmux_start -- sh -c '"$1" "$2"; echo $? >"$3"' sh "$XMPPGW" "$T_TMP/dep.yaml" "$T_TMP/status"
check "home screen shows" tmux_wait "Step 3: Request"
check "DNS records opens from the home screen" home_open "DNS records"
check "the records are listed" tmux_wait "Records to publish in external DNS"
tmux_screen >"$T_TMP/form"
check_grep "SRV record of the first SIP domain, with the deployment's values" \
	"SRV     _xmpp-server._tcp.good.xg.test       10 5 5269 edge.xg.test" "$T_TMP/form"
check_grep "... of the last one" \
	"SRV     _xmpp-server._tcp.missing.xg.test    10 5 5269 edge.xg.test" "$T_TMP/form"
check_grep "the target's address record" \
	"A/AAAA  edge.xg.test  <the Access Edge's external IP>" "$T_TMP/form"
check_grep "the TTL" "TTL 600 seconds on each; SRV values: priority weight port target." "$T_TMP/form"
# The test's names are internal (.test), so their warning fills the first
# screen: the firewall ports are read on a taller one.
tmux_resize 80 40
tmux_wait "MTLS 23456" >/dev/null
tmux_screen >"$T_TMP/tall"
tmux_resize 80 24
tmux_wait "Records to publish in external DNS" >/dev/null
check_grep "firewall: 5269 in and out" "TCP 5269 in and out on the Access Edge external interface" \
	"$T_TMP/tall"
check_grep "firewall: MTLS 23456 inside" "MTLS 23456 from the Front End's XMPP gateway" "$T_TMP/tall"
check_grep "where the records come from, and the certificate" \
	"One per SIP domain (no XMPP domain set); each is also on the certificate." "$T_TMP/form"
check_grep "the SRV target field comes first" " > SRV target" "$T_TMP/form"
# Past the record settings (target, TTL, priority, weight) to the check's.
tmux_keys Tab Tab Tab Tab
check "the server field has the focus" tmux_wait " > DNS server"
check "several pools: a note" tmux_wait "one SRV record per pool"

# Server and timeout, then Check now.
tmux_type "127.0.0.1:$DNS_PORT"
tmux_keys Tab C-u
tmux_type "3000"
tmux_keys Tab
check "Check now has the focus" tmux_wait "> Live check"
tmux_keys Enter
check "the check ends" tmux_wait "Done in"
tmux_screen >"$T_TMP/live"
check_grep "the server asked is named" "server 127.0.0.1:$DNS_PORT, timeout 3000 ms" "$T_TMP/live"
check_row "good.xg.test: OK, with what was found" good.xg.test \
	"own good.xg.test OK SRV 0 0 5269 edge.xg.test;"
check_row "wrongport.xg.test: wrong port" wrongport.xg.test "own wrongport.xg.test wrong port"
check_row "missing.xg.test: no such domain" missing.xg.test "own missing.xg.test no such domain"
check_row "p-ok.xg.test: OK" p-ok.xg.test "partner p-ok.xg.test OK"
check_row "p-norecord.xg.test: no record" p-norecord.xg.test "partner p-norecord.xg.test no record"
check_grep "the summary" "2 OK, 3 problems, 0 pending" "$T_TMP/live"

# Enter shows what was found for the selected row.
tmux_keys Down
tmux_keys Enter
check "details of the second row" tmux_wait "Verdict: wrong port"
tmux_screen >"$T_TMP/details"
check_grep "... with the SRV record found" "0 0 5270 edge.xg.test" "$T_TMP/details"
tmux_keys Escape
check "details close" tmux_wait_gone "Verdict: wrong port"
tmux_keys Escape
check "Esc closes the results" tmux_wait "< Check now >"

# A server that never answers, with a long timeout: the rows stay pending
# until Esc cancels them.
tmux_keys BTab BTab C-u
tmux_type "127.0.0.1:$silent"
tmux_keys Tab C-u
tmux_type "30000"
tmux_keys Tab
check "Check now has the focus again" tmux_wait "> Live check"
tmux_keys Enter
check "the check runs" tmux_wait "Checking 5 domains: 0 OK, 0 problems, 5 pending"
check_row "rows are pending" good.xg.test "own good.xg.test pending"
tmux_keys Down Down Down
check "keys answered while the check runs" \
	tmux_wait " > partner  p-ok.xg.test"
check "... and it still runs" tmux_wait "5 pending"
tmux_keys Escape
check "Esc cancels" tmux_wait "Cancelled: 0 OK, 0 problems, 0 pending, 5 cancelled"
tmux_screen >"$T_TMP/cancelled"
check_eq "every row says cancelled" 5 "$(grep -cE '(own|partner) +[a-z.-]+ +cancelled' "$T_TMP/cancelled")"
tmux_keys Up
check "the screen still answers keys" tmux_wait " > own      missing.xg.test"
tmux_keys Enter
check "details of a cancelled row" tmux_wait "Verdict: cancelled"
tmux_keys Escape
check "details close" tmux_wait_gone "Verdict: cancelled"
tmux_keys Escape
check "Esc closes the results" tmux_wait "< Check now >"

# Ctrl-C cancels as Esc does.
tmux_keys Enter
check "checking again" tmux_wait "Checking 5 domains: 0 OK, 0 problems, 5 pending"
tmux_keys C-c
check "Ctrl-C cancels" tmux_wait "Cancelled: 0 OK, 0 problems, 0 pending, 5 cancelled"
tmux_keys Escape
check "Esc closes the results" tmux_wait "< Check now >"

# A server that cannot be used is refused before anything is sent.
tmux_keys BTab BTab C-u
tmux_type "127.0.0.1:99999"
tmux_keys Tab Tab Enter
check "a bad server is refused with the reason" tmux_wait "bad DNS server \"127.0.0.1:99999\""
tmux_keys Enter

# Zone lines, in the viewer.
tmux_keys Tab
check "Zone lines has the focus" tmux_wait "> The records as zone-file lines"
tmux_keys Enter
check "the zone lines show" tmux_wait "_xmpp-server._tcp.good.xg.test. 600 IN SRV 10 5 5269 edge.xg.test."
tmux_keys Escape
check "the viewer closes" tmux_wait_gone "Zone-file lines"

# The zone lines written beside the deployment: what `xmppgw export zone`
# prints.
"$XMPPGW" export zone "$T_TMP/dep.yaml" >"$T_TMP/want.zone"
tmux_keys Tab
check "Write has the focus" tmux_wait "> The zone lines to a file beside the deployment"
tmux_keys Enter
check "written and shown" tmux_wait "Written to $T_TMP/dep.zone"
check "the file is the export" cmp "$T_TMP/dep.zone" "$T_TMP/want.zone"
tmux_keys Escape
check "the viewer closes" tmux_wait_gone "Written to"
tmux_keys Escape
check "back on the home screen" tmux_wait "Step 3: Request"
tmux_keys C-x
check_eq "the program quits, exit status 0" 0 "$(tmux_exit_status)"
check "the results were not saved in the deployment" cmp -s "$T_TMP/dep.yaml" "$T_TMP/dep.orig"

done_testing
