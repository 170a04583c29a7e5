#!/bin/sh
# SPDX-License-Identifier: ISC
# The DNS records screen edits the deployment's dns section: SRV target,
# TTL, priority and weight. The records shown follow the typing, a value
# that is not a number is refused on OK beside its field, and what OK and
# Ctrl-O keep is what `xmppgw export zone` then prints.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "home screen" tmux_wait "DNS records"
tmux_keys Down Down Down Down Enter
check "the DNS records screen opens" tmux_wait "Records to publish in external DNS"
check "the SRV target field, empty by default" tmux_wait "empty: the Access Edge FQDN"
check "the records use the deployment's values" \
	tmux_wait "_xmpp-server._tcp.contoso.com  0 0 5269 sip.contoso.com"

tmux_type "xmpp.contoso.com"
tmux_keys Tab C-u
tmux_type "300"
tmux_keys Tab C-u
tmux_type "10"
check "the records follow the typed target" \
	tmux_wait "_xmpp-server._tcp.contoso.com  10 0 5269 xmpp.contoso.com"
check "the TTL line follows" tmux_wait "TTL 300 seconds on each"
check "the other target's address record is asked for" tmux_wait "A/AAAA  xmpp.contoso.com"

# "10x": not a number. Nothing may save the 10 typed before it.
tmux_type "x"
cp "$W/d.yaml" "$T_TMP/before"
tmux_keys C-o
check "Ctrl-O with a priority that is not a number: not saved" tmux_wait "Not saved"
tmux_keys Enter
check "the file is untouched by Ctrl-O" cmp -s "$W/d.yaml" "$T_TMP/before"
tmux_keys C-n
check "OK refuses a priority that is not a number, beside the field" \
	tmux_wait "error: must be a whole number from 0 to 65535"
check "the file is untouched" cmp -s "$W/d.yaml" "$T_TMP/before"
tmux_keys BSpace C-n
check "with the fix, OK goes home" tmux_wait "Step 3: Request"
tmux_keys C-o
check "Ctrl-O saves" tmux_wait "Saved $W/d.yaml"

check_grep "the file keeps the target" "srv_target: xmpp.contoso.com" "$W/d.yaml"
check_grep "the file keeps the TTL" "ttl: 300" "$W/d.yaml"
check_grep "the file keeps the priority" "priority: 10" "$W/d.yaml"
check_status "the file still checks" 0 "$XMPPGW" check "$W/d.yaml"
"$XMPPGW" export zone "$W/d.yaml" >"$T_TMP/zone"
check_grep "the zone lines use them" \
	"_xmpp-server._tcp.contoso.com. 300 IN SRV 10 0 5269 xmpp.contoso.com." "$T_TMP/zone"

tmux_keys C-x
check "quits" tmux_wait_exit 10
done_testing
