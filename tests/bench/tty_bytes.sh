#!/bin/sh
# Bytes the program writes to the terminal at 80x24, TERM=xterm-256color:
# the first paint of a wizard page (Next from the page before), a focus
# move (Tab between text fields) and a typed character. tmux's pipe-pane
# hands us exactly what the program wrote to its terminal.
#   tests/bench/tty_bytes.sh [XMPPGW]     (a build without sanitizers)
# For scale, dialog's form spends about 4.9 KB, 116 B and 57 B.
. "$(dirname "$0")/../lib.sh"
[ $# -ge 1 ] && XMPPGW=$1
command -v tmux >/dev/null || { echo "tmux is needed"; exit 2; }

cp "$top_srcdir/share/examples/contoso.yaml" "$T_TMP/d.yaml"
tmux_start 80 24 -- "$XMPPGW" "$T_TMP/d.yaml"
tmux_wait "Step 3: Request" || exit 1

# Waits until the capture file has not grown for 300 ms.
settle() {
	last=-1
	while :; do
		sleep 0.3
		now=$(wc -c <"$1")
		[ "$now" = "$last" ] && break
		last=$now
	done
}

# measure NAME KEYS...: bytes written while KEYS are handled.
measure() {
	name=$1
	shift
	out="$T_TMP/$name.bytes"
	: >"$out"
	tmux -L "$T_TMUX_SOCKET" pipe-pane -t t "cat >> '$out'"
	tmux_keys "$@"
	settle "$out"
	tmux -L "$T_TMUX_SOCKET" pipe-pane -t t
	wc -c <"$out" | tr -d ' '
}

tmux_keys Down Enter
tmux_wait "Available Certificate Tasks" || exit 1
for i in 1 2 3 4 5 6; do tmux_keys C-n; done
tmux_wait "Organization Information" || exit 1
page=$(measure page C-n)
tmux_wait "Geographical Information" || exit 1
focus=$(measure focus Tab)
tmux_keys End
typed=$(measure typed x)
tmux_wait "Washingtonx" || exit 1

printf 'focus move (Tab):                                    %s bytes (target < 64)\n' "$focus"
printf 'typed character:                                     %s bytes (target < 20)\n' "$typed"
tmux_keys C-x
tmux_wait "unsaved changes" 5 && tmux_keys d
tmux_wait_exit 5
exit 0
