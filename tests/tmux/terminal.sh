#!/bin/sh
# SPDX-License-Identifier: ISC
# Before the screen opens: a terminal that cannot be used, a file whose
# structure cannot be read, a missing file, a file with wrong values.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

# fresh: the next tmux_start gets a server of its own (a killed server
# takes a moment to go, and a new session could reach it meanwhile).
T_RUN=0
fresh() {
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	T_RUN=$((T_RUN + 1))
	T_TMUX_SOCKET="xg$$-$T_RUN"
}

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"

# --- no terminal: stderr says why and names the batch commands ---------
"$XMPPGW" "$W/d.yaml" </dev/null >"$T_TMP/out" 2>"$T_TMP/err"
check_eq "not a tty: exit 2" 2 $?
check_grep "not a tty: says why" "standard input and output are not a terminal" "$T_TMP/err"
check_grep "not a tty: names the batch commands" "xmppgw csr FILE" "$T_TMP/err"
check_grep "not a tty: names the CA's answer" "xmppgw cert import FILE CERT" "$T_TMP/err"
check_grep "not a tty: names the .pfx" "xmppgw cert pfx FILE" "$T_TMP/err"
check_grep "not a tty: names the Edge script" "frontend-ps1|edge-ps1|inf|zone" "$T_TMP/err"
check_eq "not a tty: nothing on stdout" 0 "$(wc -c <"$T_TMP/out" | tr -d ' ')"

# run_in_tmux ENV...: runs xmppgw on a real terminal with ENV, shows its
# exit status on the screen.
run_in_tmux() {
	fresh
	tmux_start 80 24 -- env "$@" sh -c '"$0" "$1"; echo "exit=$?"; sleep 60' \
		"$XMPPGW" "$W/d.yaml"
}
run_in_tmux TERM=dumb
if tmux_wait "exit=2"; then ok "TERM=dumb: exit 2"; else not_ok "TERM=dumb: exit 2"; fi
tmux_screen >"$T_TMP/screen"
check_grep "TERM=dumb: says why" "TERM=dumb cannot move the cursor" "$T_TMP/screen"
check_grep "TERM=dumb: names the batch commands" "xmppgw partners add FILE" "$T_TMP/screen"
run_in_tmux TERM=no-such-terminal
if tmux_wait "exit=2"; then ok "unknown TERM: exit 2"; else not_ok "unknown TERM: exit 2"; fi
check "unknown TERM: says why" tmux_wait "no terminfo entry" 15
run_in_tmux -u TERM
if tmux_wait "exit=2"; then ok "TERM unset: exit 2"; else not_ok "TERM unset: exit 2"; fi

# --- a file whose structure cannot be read: no screen, FILE:LINE:COL ---
printf 'version: 1\ntopology: [a, b]\n' >"$T_TMP/broken.yaml"
cp "$T_TMP/broken.yaml" "$T_TMP/broken.orig"
fresh
tmux_start 80 24 -- sh -c '"$0" "$1" 2>"$2"; echo "exit=$?"; sleep 60' \
	"$XMPPGW" "$T_TMP/broken.yaml" "$T_TMP/err"
if tmux_wait "exit=1"; then ok "broken structure: exit 1"; else not_ok "broken structure: exit 1"; fi
check_grep "broken structure: FILE:LINE:COL on stderr" "$T_TMP/broken.yaml:2:" "$T_TMP/err"
check "broken structure: the file is left alone" cmp -s "$T_TMP/broken.yaml" "$T_TMP/broken.orig"

# --- a missing file: offered, created -----------------------------------
fresh
tmux_start 80 24 -- "$XMPPGW" "$W/new.yaml"
check "missing file: creating it is offered" tmux_wait "new.yaml does not exist. Create"
tmux_keys Enter
check "missing file: the home screen follows" tmux_wait "Topology: missing SIP domains"
check "missing file: created" test -f "$W/new.yaml"
check_grep "missing file: with the defaults" "key_bits: 2048" "$W/new.yaml"

# Without a topology the certificate wizard asks for it before the subject.
tmux_keys Down Enter
tmux_wait "Available Certificate Tasks"
tmux_open_request
check "no topology: the wizard counts its page" tmux_wait "Step 1 of 14"
for i in 1 2 3 4 5; do tmux_keys C-n; done
tmux_wait "Organization Information"
tmux_keys C-n
check "Next refuses an empty required field" tmux_wait "error: is required"
tmux_type "Contoso Ltd"
tmux_keys C-n
tmux_wait "Geographical Information"
tmux_type "US"
tmux_keys Tab
tmux_type "Washington"
tmux_keys Tab
tmux_type "Redmond"
tmux_keys C-n
check "no topology: the Edge Topology page comes next" tmux_wait "Step 8 of 14"
tmux_keys Enter
tmux_type "contoso.com"
tmux_keys Enter Tab
tmux_type "sip.contoso.com"
tmux_keys Tab
tmux_type "webcon.contoso.com"
tmux_keys Tab Tab Tab Enter
tmux_type "contoso.com"
tmux_keys Enter C-n
check "then the subject, derived from it" tmux_wait "CN=sip.contoso.com"
tmux_keys Escape
tmux_wait "Leave the wizard?"
tmux_keys y
tmux_wait "Available Certificate Tasks"
tmux_keys C-x
check "missing file: Ctrl-X quits" tmux_wait_exit 10

# --- wrong values: counted on the home screen, shown beside the field --
sed 's/^  country: US/  country: USA/' "$top_srcdir/share/examples/contoso.yaml" >"$W/v.yaml"
fresh
tmux_start 80 24 -- "$XMPPGW" "$W/v.yaml"
check "value errors: counted on the home screen" tmux_wait "Problems in the file: 1"
tmux_keys Down Enter
tmux_wait "Available Certificate Tasks"
tmux_open_request
for i in 1 2 3 4 5 6; do tmux_keys C-n; done
check "value errors: shown beside the field when the page opens" \
	tmux_wait 'error: the value "USA" is not a two-letter'
tmux_keys C-u
tmux_type "US"
check "value errors: the error goes with the value" tmux_wait_gone "error: the value"
tmux_keys C-x
check "Ctrl-X with unsaved changes asks" tmux_wait "has unsaved changes. Save them"
tmux_keys d
check "Discard quits" tmux_wait_exit 10
check_grep "Discard leaves the file as it was" "country: USA" "$W/v.yaml"
done_testing
