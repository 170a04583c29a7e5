#!/bin/sh
# SPDX-License-Identifier: ISC
# The SSH link drops mid-wizard (SIGHUP), or the program is told to stop
# (SIGTERM): what was typed goes to a private draft, nothing more is
# written to the terminal, and the next start offers the draft back.
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
cp "$W/d.yaml" "$T_TMP/orig.yaml"
DRAFT=$W/.d.yaml.draft
PASS='never-in-a-draft'

# to_org: opens the wizard and walks to Organization Information, typing
# a passphrase on the way.
to_org() {
	tmux_wait "Step 3: Request" || return 1
	tmux_keys Down Enter
	tmux_wait "Available Certificate Tasks" || return 1
	tmux_open_request || return 1
	for i in 1 2 3 4; do tmux_keys C-n; done
	tmux_wait "Name and Security Settings" || return 1
	tmux_keys Tab Tab Tab Tab Tab Tab Tab
	tmux_type "$PASS"
	tmux_keys Tab
	tmux_type "$PASS"
	tmux_keys C-n
	tmux_wait "Organization Information"
}

# kill_mid SIGNAL: types into the OU field, then sends SIGNAL while the
# terminal's output is captured.
kill_mid() {
	tmux_keys Tab
	tmux_type "Ops Team $1"
	tmux_wait "Ops Team $1" || return 1
	: >"$T_TMP/after.bytes"
	tmux -L "$T_TMUX_SOCKET" pipe-pane -t t "cat >> '$T_TMP/after.bytes'"
	# What the program was still drawing is not "after the signal": wait
	# until the output has been quiet for 300 ms, and count from there.
	last=-1
	while sleep 0.3; do
		now=$(wc -c <"$T_TMP/after.bytes" | tr -d ' ')
		[ "$now" = "$last" ] && break
		last=$now
	done
	BEFORE_SIGNAL=$now
	kill "-$1" "$(tmux_pid)"
}

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "walked to Organization Information" to_org
kill_mid HUP
check "the program ends on SIGHUP" tmux_wait_exit 10
sleep 0.3
check_eq "nothing was written to the terminal after the signal" "$BEFORE_SIGNAL" \
	"$(wc -c <"$T_TMP/after.bytes" | tr -d ' ')"
check "the draft exists" test -f "$DRAFT"
check_eq "the draft has mode 0600" 600 "$(stat -c %a "$DRAFT")"
check_grep "the draft holds the value being typed" "organizational_unit: Ops Team HUP" "$DRAFT"
check "the passphrase is not in the draft" sh -c '! grep -qF -- "$1" "$2"' - "$PASS" "$DRAFT"
check "the deployment file is untouched" cmp -s "$W/d.yaml" "$T_TMP/orig.yaml"

# The next start offers the draft; Restore brings the value back.
fresh
tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
if tmux_wait "Draft found"; then ok "the next start offers the draft"; else not_ok "the next start offers the draft"; fi
tmux_keys Enter
tmux_wait "Draft restored"
tmux_keys Down Enter
tmux_wait "Available Certificate Tasks"
tmux_open_request
for i in 1 2 3 4 5; do tmux_keys C-n; done
if tmux_wait "Organizational unit:  Ops Team HUP"; then ok "restored: the typed value is back"; else not_ok "restored: the typed value is back"; fi

# SIGTERM does the same; a draft of a newer state replaces the old one.
kill_mid TERM
check "the program ends on SIGTERM" tmux_wait_exit 10
check_grep "the draft holds the newer value" "organizational_unit: Ops Team HUPOps Team TERM" "$DRAFT"
check_eq "the draft is still mode 0600" 600 "$(stat -c %a "$DRAFT")"

# Discard removes the draft; so does a save.
fresh
tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
tmux_wait "Draft found"
tmux_keys Tab Enter
tmux_wait "Step 3: Request"
check "Discard removes the draft" test ! -e "$DRAFT"
tmux_keys Down Enter
tmux_wait "Available Certificate Tasks"
tmux_open_request
tmux_keys C-n
tmux_wait "Delayed or Immediate Request"
tmux_keys Space
tmux_wait "Here the request file is written"
check "no draft before a page is passed" test ! -e "$DRAFT"
tmux_keys C-n
tmux_wait "Certificate Request File"
check "passing a changed page writes a draft" test -f "$DRAFT"
check_grep "the draft has the change" "delayed: false" "$DRAFT"
for i in 1 2 3; do tmux_keys C-n; done
tmux_wait "Organization Information"
tmux_keys Tab C-u
tmux_type "Saved Unit"
tmux_keys C-o
if tmux_wait "Saved $W/d.yaml"; then ok "Ctrl-O saves"; else not_ok "Ctrl-O saves"; fi
check "a save removes the draft" test ! -e "$DRAFT"
check_grep "the saved file holds the value" "organizational_unit: Saved Unit" "$W/d.yaml"
tmux_keys C-x
check "quits without asking once saved" tmux_wait_exit 10

# The link drops again while the draft is offered (a flaky link does just
# that): the draft is still there for the next start, as it was, whether
# the deployment file exists or not.
sed 's/organizational_unit: .*/organizational_unit: Kept Unit/' "$W/d.yaml" >"$T_TMP/draft"
for f in d.yaml new.yaml; do
	fresh
	cp "$T_TMP/draft" "$W/.$f.draft"
	chmod 600 "$W/.$f.draft"
	tmux_start 80 24 -- "$XMPPGW" "$W/$f"
	tmux_wait "Draft found"
	kill -HUP "$(tmux_pid)"
	check "$f: SIGHUP while the draft is offered ends the program" tmux_wait_exit 10
	check "$f: the draft offered is kept as it was" cmp -s "$T_TMP/draft" "$W/.$f.draft"
done
check "new.yaml: no deployment file was made" test ! -e "$W/new.yaml"
done_testing
