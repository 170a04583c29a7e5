#!/bin/sh
# SPDX-License-Identifier: ISC
# Every key form xmppgw(1) promises works under TERM=putty, putty-256color
# and linux, whose descriptions bind some of those sequences to other keys
# (PuTTY's ESC [ A is kri, a scroll key; the console's Shift-Tab is ESC
# Tab): the arrows in CSI and SS3 form, Shift-Tab as ESC [ Z, F1 and F2 in
# SS3 and VT220 form. The bytes are sent as they are, as those terminals
# send them.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

cp "$top_srcdir/share/examples/contoso.yaml" "$T_TMP/d.yaml"

# raw SEQ: the bytes of printf SEQ, untranslated.
raw() { tmux_keys -l "$(printf "$1")"; }
# focus_is TEXT: the focused line (" >" at its start) holds TEXT.
focus_is() {
	i=0
	while [ "$i" -lt 100 ]; do
		tmux_focused | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# focused: $(tmux_focused)"
	return 1
}

for term in putty putty-256color linux; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		ok "# SKIP no terminfo for $term (Debian: ncurses-term)"
		continue
	fi
	T_TERM=$term tmux_start 80 24 -- "$XMPPGW" "$T_TMP/d.yaml"
	check "$term: home screen" tmux_wait "Step 3: Request"
	check "$term: the first entry has the focus" focus_is "Edge topology"
	raw '\033[B'
	check "$term: Down as ESC [ B" focus_is "Step 3: Request"
	raw '\033OB'
	check "$term: Down as ESC O B" focus_is "XMPP federated partners"
	raw '\033[A'
	check "$term: Up as ESC [ A" focus_is "Step 3: Request"
	raw '\033OA'
	check "$term: Up as ESC O A" focus_is "Edge topology"
	tmux_keys Tab
	check "$term: Tab" focus_is "Step 3: Request"
	raw '\033[Z'
	check "$term: Shift-Tab as ESC [ Z" focus_is "Edge topology"
	for f1 in '\033OP' '\033[11~'; do
		raw "$f1"
		check "$term: F1 as $f1 opens the help" tmux_wait "─ Help "
		tmux_keys Escape
		tmux_wait_gone "─ Help " >/dev/null
	done
	for f2 in '\033OQ' '\033[12~'; do
		raw "$f2"
		check "$term: F2 as $f2 saves" tmux_wait "Saved $T_TMP/d.yaml"
		tmux_keys Tab
		tmux_wait_gone "Saved $T_TMP/d.yaml" >/dev/null
	done
	tmux_keys C-x
	check "$term: Ctrl-X quits" tmux_wait_exit
	tmux_next_server
done

done_testing
