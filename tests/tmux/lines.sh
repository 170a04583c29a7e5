#!/bin/sh
# SPDX-License-Identifier: ISC
# Terminals that cannot draw lines: a terminfo entry without line drawing
# (acsc) in a locale that is not UTF-8 gets ASCII rules and frames; in a
# UTF-8 locale the Unicode box characters stand in; with acsc the terminal's
# own line set is used (tmux's plain capture shows those cells as the
# letters of the set, q for a horizontal line). The entry is compiled here
# from xterm-256color, less acsc.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"
command -v tic >/dev/null && command -v infocmp >/dev/null || skip_all "no tic/infocmp"

W=$T_TMP/work
mkdir "$W" "$T_TMP/terminfo"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
infocmp -x xterm-256color |
	sed -e 's/^xterm-256color|[^,]*,/xg-nolines|xterm-256color without line drawing,/' \
		-e 's/\bacsc=[^,]*, *//' -e 's/\b\(smacs\|rmacs\|enacs\)=[^,]*, *//g' \
		>"$T_TMP/nolines.src"
TERMINFO=$T_TMP/terminfo tic -x "$T_TMP/nolines.src" 2>/dev/null
check "the test terminal has no acsc" \
	sh -c '! TERMINFO="$1" infocmp -x xg-nolines | grep -q acsc' - "$T_TMP/terminfo"

# screen NAME ENV...: the home screen and a dialog frame on a terminal.
screen() {
	name=$1
	shift
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	T_TMUX_SOCKET="xg$$-$name"
	tmux_start 80 24 -- env "$@" "$XMPPGW" "$W/d.yaml"
	tmux_wait "Step 3: Request" 10 || return 1
	tmux_screen >"$T_TMP/$name.home"
	tmux_keys C-g
	tmux_wait "Keys" 10 || return 1
	tmux_screen >"$T_TMP/$name.help"
	tmux_keys Escape C-x
	tmux_wait_exit 10
}

check "no line drawing, C locale: the program runs" \
	screen ascii TERMINFO="$T_TMP/terminfo" TERM=xg-nolines LANG=C LC_ALL=C
check "no line drawing, C locale: the rule above the buttons is ASCII" \
	grep -q -- '^--------------------------------' "$T_TMP/ascii.home"
check "no line drawing, C locale: the help's frame is ASCII" \
	grep -q -- '^ *+-' "$T_TMP/ascii.help"
check "no line drawing, C locale: no line-set letters instead of lines" \
	sh -c '! grep -q "qqqqqqqq" "$1" "$2"' - "$T_TMP/ascii.home" "$T_TMP/ascii.help"

check "no line drawing, UTF-8: the program runs" \
	screen unicode TERMINFO="$T_TMP/terminfo" TERM=xg-nolines
check "no line drawing, UTF-8: the rule is drawn in box characters" \
	grep -q '────────' "$T_TMP/unicode.home"
check "no line drawing, UTF-8: the help has a box frame" grep -q '┌' "$T_TMP/unicode.help"

check "with line drawing: the program runs" screen lines TERM=xterm-256color
check "with line drawing: the rule is a line, not ASCII" \
	sh -c 'grep -q -e "────────" -e "qqqqqqqq" "$1" && ! grep -q -- "^--------" "$1"' \
	- "$T_TMP/lines.home"

done_testing
