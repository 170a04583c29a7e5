#!/bin/sh
# SPDX-License-Identifier: ISC
# Bytes the program writes to the terminal at 80x24, TERM=xterm-256color:
# the first paint of a wizard page (Next from the page before), a focus
# move (Tab between text fields) and a typed character. tmux's pipe-pane
# hands us exactly what the program wrote to its terminal.
#   tests/bench/tty_bytes.sh [XMPPGW]     (a build without sanitizers;
#   `make bench` runs it from the build folder with ./xmppgw)
# For scale, dialog's form spends about 4.9 KB, 116 B and 57 B.
if [ $# -ge 1 ]; then XMPPGW=$1; elif [ -z "${XMPPGW:-}" ] && [ -x ./xmppgw ]; then
	XMPPGW=$(pwd)/xmppgw
fi
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tty_bytes: tmux is needed"; exit 1; }
[ -x "$XMPPGW" ] || { echo "tty_bytes: no xmppgw at $XMPPGW (build first)"; exit 1; }
if ldd "$XMPPGW" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "warning: $XMPPGW is built with sanitizers; it draws the same bytes, only slower"
fi

cp "$top_srcdir/share/examples/contoso.yaml" "$T_TMP/d.yaml"
# The program starts a moment after the pane, so the capture sees its
# very first byte (terminal set-up included).
: >"$T_TMP/start.bytes"
tmux_start 80 24 -- sh -c 'sleep 0.5; exec "$0" "$1"' "$XMPPGW" "$T_TMP/d.yaml"
tmux -L "$T_TMUX_SOCKET" pipe-pane -t t "cat >> '$T_TMP/start.bytes'"
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

settle "$T_TMP/start.bytes"
tmux -L "$T_TMUX_SOCKET" pipe-pane -t t
start=$(wc -c <"$T_TMP/start.bytes" | tr -d ' ')

tmux_keys Down Enter
tmux_wait "Available Certificate Tasks" || exit 1
tmux_open_request || exit 1
for i in 1 2 3 4 5; do tmux_keys C-n; done
tmux_wait "Organization Information" || exit 1
page=$(measure page C-n)
tmux_wait "Geographical Information" || exit 1
focus=$(measure focus Tab)
tmux_keys End
typed=$(measure typed x)
tmux_wait "Washingtonx" || exit 1

# Every page of the wizard in turn, from the page before (the walk stops
# at Executing Commands, before its Run: no key is generated).
tmux_keys C-u
tmux_type "Washington"
tmux_keys C-p C-p C-p C-p C-p C-p
tmux_wait "External Edge certificate (public Internet)" || exit 1
max=0 maxname=
for i in 2 3 4 5 6 7 8 9 10 11 12; do
	n=$(measure "p$i" C-n)
	name=$(tmux_screen | sed -n 2p | sed 's/^ *//; s/  .*//')
	printf '  page %2d: %-55s %5s bytes\n' "$i" "$name" "$n"
	[ "$n" -gt "$max" ] && max=$n maxname=$name
done

printf 'start-up, terminal set-up and home screen:            %s bytes\n' "$start"
printf 'first paint of a page (Organization -> Geographical): %s bytes (target < 2500)\n' "$page"
printf 'largest first paint of a page (%s): %s bytes\n' "$maxname" "$max"
printf 'focus move (Tab):                                    %s bytes (target < 64)\n' "$focus"
printf 'typed character:                                     %s bytes (target < 20)\n' "$typed"
tmux_keys C-x
sleep 0.5
tmux_screen | grep -q "unsaved changes" && tmux_keys d
tmux_wait_exit 5
exit 0
