#!/bin/sh
# SPDX-License-Identifier: ISC
# Messages the screens show: the home screen counts problems as the pages
# show them (one beside each field); the request's file names never read
# "Written to  and KEY"; an error beside a field replaces a hint that says
# the same; a Windows path as the request's name is refused with the
# reason; a restored draft is held to the pages' save rule (Ctrl-O on the
# home screen refuses a problem the file did not have).
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
ex=$top_srcdir/share/examples/contoso.yaml
# One field with two errors: a bad character and more than 64 characters.
long=$(printf 'a%.0s' $(seq 60))
sed "s/^  access_edge_fqdn: sip.contoso.com$/  access_edge_fqdn: s_p.$long.contoso.com/" "$ex" >"$W/two.yaml"
"$XMPPGW" check "$W/two.yaml" 2>"$T_TMP/err"
check_eq "check finds two errors about one field" 2 "$(grep -c 'error: topology.access_edge_fqdn' "$T_TMP/err")"
tmux_start 100 30 -- "$XMPPGW" "$W/two.yaml"
check "home screen" tmux_wait "Step 3: Request"
check "the home screen counts one problem, as one is shown" tmux_wait "Problems in the file: 1 "
tmux_keys C-x
tmux_wait_exit 5
tmux_next_server

cp "$ex" "$W/d.yaml"
tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "home screen" tmux_wait "Step 3: Request"
tmux_keys Down Enter
check "the tasks open" tmux_wait "Available Certificate Tasks"
tmux_open_request
tmux_keys C-n C-n
check "Certificate Request File" tmux_wait "/edge-external.csr and"
tmux_keys C-u
check "an empty request name says what to do" tmux_wait "Name the request file above (for example edge.csr)."
tmux_screen >"$T_TMP/s"
check "never \"Written to  and\"" sh -c '! grep -q "Written to  and" "$1"' - "$T_TMP/s"
tmux_type 'C:\CERT_externos_Edge.cer'
tmux_keys C-n
check "a Windows path is refused with the reason" \
	tmux_wait 'error: the file name "C:\CERT_externos_Edge.cer" is a'
tmux_keys C-u
tmux_type "edge-external.cer"
tmux_keys C-n
tmux_wait "Specify Alternate Certificate Template" >/dev/null
tmux_keys C-p
check "a request named .cer: the usual names are .csr and .req" \
	tmux_wait "a request is usually named"
tmux_keys C-u
tmux_type "edge-external.csr"
tmux_keys C-n
tmux_wait "Specify Alternate Certificate Template" >/dev/null
tmux_keys C-n
check "Name and Security Settings" tmux_wait "Mark certificate private key as exportable"
tmux_focus Down "Mark certificate private key" && tmux_keys Space
check "unchecked: the hint says Next refuses it" tmux_wait "Lync needs the key exportable"
tmux_keys C-n
check "Next: the error beside the box" tmux_wait "error: must be true"
tmux_screen >"$T_TMP/s"
check "the hint saying the same is not shown with it" \
	sh -c '! grep -q "Lync needs the key exportable" "$1"' - "$T_TMP/s"
tmux_keys C-x
tmux_wait "has unsaved changes" 5 >/dev/null && tmux_keys d
check "the wizard session ends" tmux_wait_exit 10
tmux_next_server
rm -f "$W/.d.yaml.draft"

# A draft with a country the file does not have wrong.
sed 's/^  country: US$/  country: BRA/' "$ex" >"$W/.d.yaml.draft"
chmod 600 "$W/.d.yaml.draft"
cp "$W/d.yaml" "$T_TMP/before.yaml"
tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "the draft is offered" tmux_wait "Draft found"
tmux_keys Enter
check "restored" tmux_wait "Draft restored"
check "the home screen counts its problem" tmux_wait "Problems in the file: 1 "
tmux_keys C-o
check "Ctrl-O refuses a problem the file does not have, naming it" \
	tmux_wait "certificate.country: the value \"BRA\""
tmux_keys Enter
check "the file is as it was" cmp -s "$W/d.yaml" "$T_TMP/before.yaml"
check "the draft is kept" test -f "$W/.d.yaml.draft"
tmux_keys C-x
tmux_wait "has unsaved changes" 5 >/dev/null && tmux_keys d
tmux_wait_exit 10
done_testing
