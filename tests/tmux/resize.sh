#!/bin/sh
# SPDX-License-Identifier: ISC
# Terminal handling: resizing mid-wizard (too small, then back, nothing
# typed lost), a dialog across a resize, Ctrl-L, Ctrl-Z and fg.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"

step() { if tmux_wait "$1" "${2:-10}"; then ok "$3"; else not_ok "$3"; fi; }
# laid_out ROWS: waits until the key hint is on row ROWS, the last row of
# a layout for that height (what was on screen before may still match).
laid_out() {
	i=0
	while [ "$i" -lt 200 ]; do
		tmux_screen | sed -n "${1}p" | grep -qF "^G help" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# not laid out for $1 rows"
	return 1
}

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
tmux_wait "Step 3: Request"
tmux_keys Down Enter
tmux_wait "Available Certificate Tasks"
tmux_open_request
for i in 1 2 3 4 5; do tmux_keys C-n; done
tmux_wait "Organization Information"
tmux_type " Corp"
step "Contoso Ltd Corp" 10 "typed into the Organization field"

tmux_resize 60 15
step "terminal too small (need 60x18)" 10 "60x15: says the terminal is too small"
tmux_type "zzz"
sleep 0.3
tmux_resize 80 24
check "80x24 again: laid out" laid_out 24
step "Organization Information" 10 "80x24 again: the page is back"
check "the typed text is kept" tmux_wait "Organization:         Contoso Ltd Corp" 15
check "keys were ignored while too small" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -q zzz' - "$T_TMUX_SOCKET"

tmux_resize 60 18
check "60x18, the minimum: laid out" laid_out 18
step "Step 6 of 13" 10 "60x18: the page is there"
check "60x18: the buttons are there" tmux_wait "< Back >  < Next >  < Cancel >" 15
check "60x18: the field is there" tmux_wait "Organization:" 15
tmux_resize 80 24
laid_out 24

# A dialog stays open across a resize, over the page laid out again.
tmux_keys Escape
step "Leave the wizard?" 10 "Esc with changes asks first"
tmux_resize 70 20
check "70x20: laid out" laid_out 20
step "Leave the wizard?" 10 "the question survives a resize"
check "the page is drawn again under it" tmux_wait "Organization Information" 15
tmux_keys n
tmux_wait_gone "Leave the wizard?"
tmux_resize 80 24
laid_out 24
step "Contoso Ltd Corp" 10 "No: the wizard and the text are still there"

# settled FILE: the screen once two looks 100 ms apart agree.
settled() {
	tmux_screen >"$1"
	while sleep 0.1 && tmux_screen >"$1.next" && ! cmp -s "$1" "$1.next"; do
		mv "$1.next" "$1"
	done
}

# Ctrl-L draws the same screen again.
settled "$T_TMP/before"
tmux_keys C-l
sleep 0.2
settled "$T_TMP/after"
if cmp -s "$T_TMP/before" "$T_TMP/after"; then
	ok "Ctrl-L repaints the same screen"
else
	not_ok "Ctrl-L repaints the same screen"
	diff "$T_TMP/before" "$T_TMP/after" | sed 's/^/#   /'
fi

# A terminal one column wide (a squeezed pane), then wide again: the page
# comes back by itself, with no key pressed.
tmux_resize 1 1
sleep 0.5
tmux_resize 80 24
step "Organization Information" 10 "after a 1x1 terminal the page is back without a key"
check "and laid out for 80x24" laid_out 24

tmux_keys Escape
tmux_wait "Leave the wizard?"
tmux_keys y
step "Available Certificate Tasks" 10 "Yes: back on Step 3's tasks"
tmux_keys C-x
check "nothing unsaved after Cancel: Ctrl-X quits at once" tmux_wait_exit 10

# Ctrl-Z suspends to the shell; fg comes back to a whole screen.
command -v bash >/dev/null || { done_testing; }
tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
T_TMUX_SOCKET="xg$$-z"
tmux_start 80 24 -- env PS1='prompt$ ' bash --norc --noprofile -i
tmux_wait "prompt$"
tmux_type "\"\$XMPPGW\" '$W/d.yaml'"
tmux -L "$T_TMUX_SOCKET" set-environment -t t XMPPGW "$XMPPGW"
tmux_keys Enter
step "Step 3: Request" 10 "started from an interactive shell"
tmux_keys C-z
step "Stopped" 10 "Ctrl-Z suspends to the shell"
tmux_type "fg"
tmux_keys Enter
step "Step 3: Request" 10 "fg brings the screen back"
check "the whole screen, title included" tmux_wait "xmppgw: Lync Server 2013 XMPP gateway" 15
tmux_keys C-x
step "prompt$" 10 "Ctrl-X quits to the shell"
done_testing
