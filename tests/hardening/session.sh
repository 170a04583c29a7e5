#!/bin/sh
# SPDX-License-Identifier: ISC
# Two full-screen sessions on one file: the second is told at start and
# keeps its own draft, so it neither offers, removes nor overwrites the
# first one's. The screen's passphrase fields make the process not
# dumpable while they are open.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
FIRST="xg$$-first"
first_down() { tmux -L "$FIRST" kill-server 2>/dev/null; }
at_exit first_down

tmux -L "$FIRST" -f /dev/null new-session -d -s t -x 80 -y 24 \
	-e TERM=xterm-256color -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \
	-e ASAN_OPTIONS="${ASAN_OPTIONS:-}" -e LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
	"$XMPPGW" "$W/d.yaml"
i=0
until tmux -L "$FIRST" capture-pane -p -t t | grep -qF "Step 3: Request" || [ $i -ge 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
check "the first session is up" tmux -L "$FIRST" capture-pane -p -t t | grep -qF "Step 3"
# The first session's draft, as its SIGHUP would have left it.
printf 'version: 1\n# the first session draft\n' >"$W/.d.yaml.draft"
chmod 600 "$W/.d.yaml.draft"
cp "$W/.d.yaml.draft" "$T_TMP/first.draft"

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "the second session is told another has the file open" \
	tmux_wait "Another xmppgw session has this file open; your changes go to"
check "the notice names its own draft" tmux_wait ".d.yaml.$(tmux_pid).draft"
check "the first session's draft is not offered" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -qF "Draft found"' - "$T_TMUX_SOCKET"
tmux_keys Enter
check "then the home screen" tmux_wait "Step 3: Request"
if tmux_screen | grep -qF "Draft found"; then
	not_ok "no Draft found question for the first session's draft"
else
	ok "no Draft found question for the first session's draft"
fi
pid=$(tmux_pid)
tmux_keys C-x
check "the second session has ended" tmux_wait_exit 10
check "the first session's draft is still there" test -f "$W/.d.yaml.draft"
check "with its bytes" cmp "$T_TMP/first.draft" "$W/.d.yaml.draft"
check "the second session left no draft of its own" test ! -e "$W/.d.yaml.$pid.draft"
first_down

# --- 4. the screen's save takes the same lock as the commands ------------
command -v python3 >/dev/null || { done_testing; }
mkfifo "$T_TMP/held"
python3 -c '
import fcntl, os, sys, time
f = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.lockf(f, fcntl.LOCK_EX, 1, 0)
with open(sys.argv[2], "w") as w:
    w.write("held\n")
time.sleep(60)
' "$W/.d.yaml.lock" "$T_TMP/held" &
holder=$!
read -r _ <"$T_TMP/held"
cp "$W/d.yaml" "$T_TMP/before.yaml"
tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
T_TMUX_SOCKET="xg$$-lock"
tmux_start 80 24 -- env XMPPGW_LOCK_WAIT=1 "$XMPPGW" "$W/d.yaml"
tmux_wait "Step 3: Request"
tmux_keys C-o
check "a save while another program holds the lock says so" \
	tmux_wait "another program is writing this"
check "the file is untouched" cmp "$T_TMP/before.yaml" "$W/d.yaml"
tmux_keys Enter
kill "$holder"
wait "$holder" 2>/dev/null
tmux_keys C-o
check "once released, the save goes through" tmux_wait "Saved $W/d.yaml"
tmux_keys C-x
tmux_wait_exit 10

# --- 3. the passphrase fields: not dumpable while open -------------------
# /proc/PID/ of a process that is not dumpable belongs to root rather than
# to the process's user, so root runs the screen as nobody.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	T_TMUX_SOCKET="xg$$-nobody"
	N=$T_TMP/nobody
	mkdir "$N"
	chmod 711 "$T_TMP"
	cp "$top_srcdir/share/examples/contoso.yaml" "$N/d.yaml"
	chown -R nobody "$N"
	tmux_start 80 24 -- setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		"$XMPPGW" "$N/d.yaml"
	check "the screen runs as nobody" tmux_wait "Step 3: Request"
	pid=$(tmux_pid)
	check_eq "on the home screen it is dumpable (its /proc entry is nobody's)" nobody \
		"$(stat -c %U "/proc/$pid/status")"
	tmux_keys Down Enter
	tmux_wait "Available Certificate Tasks" && tmux_open_request
	for i in 1 2 3 4; do tmux_keys C-n; done
	check "at the passphrase fields" tmux_wait "Name and Security Settings"
	check_eq "with the passphrase fields open it is not dumpable" root \
		"$(stat -c %U "/proc/$pid/status")"
	kill "$pid"
	tmux_wait_exit 10
fi

done_testing
