#!/bin/sh
# SPDX-License-Identifier: ISC
# Keys: the help overlay generated from the key table, both CSI and SS3
# forms of the cursor and function keys, Ctrl-C and Esc, Ctrl-O, Ctrl-X,
# and NO_COLOR.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
E=$(printf '\033')

step() { if tmux_wait "$1" "${2:-10}"; then ok "$3"; else not_ok "$3"; fi; }
# The row of the focus mark '>'.
focus_row() { tmux_screen | grep -n '^ >' | head -1 | cut -d: -f1; }
raw() { tmux_keys -l "$1"; }
# focus_at ROW: waits until the mark is on ROW.
focus_at() {
	i=0
	while [ "$i" -lt 100 ]; do
		[ "$(focus_row)" = "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# focus on row $(focus_row), wanted $1"
	return 1
}

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
tmux_wait "Step 3: Request"
r0=$(focus_row)
raw "$E[B"
check "Down as CSI (ESC [ B) moves the focus" focus_at $((r0 + 1))
raw "${E}OB"
check "Down as SS3 (ESC O B) moves the focus" focus_at $((r0 + 2))
raw "${E}OA"
check "Up as SS3 (ESC O A) moves the focus" focus_at $((r0 + 1))
raw "$E[A"
check "Up as CSI (ESC [ A) moves the focus" focus_at "$r0"

# F1 in both forms opens the help, generated from the key table.
raw "${E}OP"
step "Keys:" 10 "F1 as SS3 (ESC O P) opens the help"
tmux_keys End
step "Ctrl-G, F1" 10 "the help lists the keys of the table"
tmux_screen >"$T_TMP/help"
check_grep "the help names Ctrl-O and F2 together" "Ctrl-O, F2" "$T_TMP/help"
check_grep "the help names Ctrl-X and F10 together" "Ctrl-X, F10" "$T_TMP/help"
tmux_keys Escape
tmux_wait_gone "Keys:"
raw "$E[11~"
step "Keys:" 10 "F1 as the VT220 form (ESC [ 1 1 ~) opens the help"
tmux_keys q
tmux_wait_gone "Keys:"

# Into the wizard; Ctrl-G on a field shows its help and the page's.
tmux_keys Down Enter
tmux_wait "Available Certificate Tasks"
tmux_open_request
for i in 1 2 3 4 5 6; do tmux_keys C-n; done
tmux_wait "Geographical Information"
tmux_keys C-g
step "ISO 3166-1 two-letter code" 10 "Ctrl-G shows the focused field's help"
check "and the page's" tmux_wait "Page: Geographical Information" 15
tmux_keys Escape

# Home and End, each in its forms, in a text field.
tmux_keys Tab
raw "$E[H"
tmux_type "<"
raw "${E}OF"
tmux_type ">"
raw "$E[1~"
tmux_type "["
raw "$E[4~"
tmux_type "]"
raw "${E}OH"
tmux_type "("
raw "$E[F"
tmux_type ")"
step "State/Province:  ([<Washington>])" 10 "Home and End work in CSI, SS3 and VT220 forms"

# Cancel asks when something changed: Ctrl-C, then Esc.
tmux_keys C-c
step "Leave the wizard?" 10 "Ctrl-C asks before discarding"
tmux_keys n
tmux_wait_gone "Leave the wizard?"
check "No keeps the wizard open" tmux_wait "([<Washington>])" 15
tmux_keys Escape
step "Leave the wizard?" 10 "a lone Esc asks too"
tmux_keys y
step "Available Certificate Tasks" 10 "Yes leaves the wizard for Step 3's tasks"
tmux_open_request
for i in 1 2 3 4 5 6; do tmux_keys C-n; done
step "State/Province:  Washington" 10 "what was typed before Cancel is gone"

# Ctrl-O saves from inside the wizard; F2 too.
tmux_keys Tab C-u
tmux_type "Oregon"
tmux_keys C-o
step "Saved $W/d.yaml" 10 "Ctrl-O saves"
check_grep "the file has the value" "state: Oregon" "$W/d.yaml"
tmux_keys BSpace
raw "${E}OQ"
step "Saved $W/d.yaml" 10 "F2 (ESC O Q) saves"
check_grep "the file has the new value" "state: Orego" "$W/d.yaml"

# Ctrl-X asks when unsaved; Cancel stays; F10 asks too; Save quits.
tmux_type "n"
tmux_keys C-x
step "has unsaved changes. Save them" 10 "Ctrl-X with unsaved changes asks"
tmux_keys Escape
tmux_wait_gone "has unsaved changes"
check "Esc on the question stays" tmux_wait "Geographical Information" 15
raw "$E[21~"
step "has unsaved changes. Save them" 10 "F10 asks as well"
tmux_keys Enter
check "Save quits" tmux_wait_exit 10
check_grep "the value was saved on the way out" "state: Oregon" "$W/d.yaml"

# NO_COLOR: attributes only.
tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
T_TMUX_SOCKET="xg$$-c"
tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
tmux_wait "Step 3: Request"
tmux -L "$T_TMUX_SOCKET" capture-pane -e -p -t t >"$T_TMP/color"
check_grep "with colours: the title bar has a background colour" "44m" "$T_TMP/color"
tmux_keys C-x
tmux_wait_exit 10
tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
T_TMUX_SOCKET="xg$$-n"
tmux_start 80 24 -- env NO_COLOR=1 "$XMPPGW" "$W/d.yaml"
tmux_wait "Step 3: Request"
tmux -L "$T_TMUX_SOCKET" capture-pane -e -p -t t >"$T_TMP/mono"
check "NO_COLOR: no colour at all" sh -c '! grep -Eq "\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m" "$1"' - "$T_TMP/mono"
check_grep "NO_COLOR: the title bar is in reverse video" "[7m" "$T_TMP/mono"
tmux_keys C-x
check "NO_COLOR: quits" tmux_wait_exit 10
done_testing
