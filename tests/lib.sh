# SPDX-License-Identifier: ISC
# Shared by the shell tests: TAP output, temporary folders, tmux screens.
# Each test sources it, calls ok/not_ok (or check_* helpers), and ends with
# `done_testing`. The harness runs them with XMPPGW, top_srcdir and
# top_builddir set; run by hand they fall back to the source tree.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${XMPPGW:=$top_builddir/xmppgw}"
export top_srcdir top_builddir XMPPGW

T_COUNT=0
T_FAILED=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/xmppgw-test.XXXXXX")
T_TMUX_SOCKET="xg$$"
T_CLEANUPS=""

t_cleanup() {
	for c in $T_CLEANUPS; do "$c" 2>/dev/null; done
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT
trap 'exit 1' INT TERM

# Registers a function to run at exit (before the folder goes).
at_exit() { T_CLEANUPS="$1 $T_CLEANUPS"; }

ok() {
	T_COUNT=$((T_COUNT + 1))
	echo "ok $T_COUNT - $*"
}

not_ok() {
	T_COUNT=$((T_COUNT + 1))
	T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_COUNT - $*"
}

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		printf '#   expected: %s\n#   actual:   %s\n' "$2" "$3" | sed 's/^\([^#]\)/# \1/'
	fi
}

# check_status DESCRIPTION EXPECTED_STATUS COMMAND...
check_status() {
	desc=$1 want=$2
	shift 2
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	got=$?
	if [ "$got" = "$want" ]; then
		ok "$desc"
	else
		not_ok "$desc (exit $got, wanted $want)"
		sed 's/^/#   /' "$T_TMP/err" | head -20
	fi
}

# check_grep DESCRIPTION PATTERN FILE: FILE holds a line matching PATTERN (fixed string).
check_grep() {
	if grep -qF -- "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   no line with: $2"
		sed 's/^/#   | /' "$3" | head -30
	fi
}

done_testing() {
	echo "1..$T_COUNT"
	[ "$T_FAILED" -eq 0 ]
	exit $?
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# --- tmux: the real binary on a real terminal of 80x24 -------------------

# tmux_start [COLS ROWS] -- COMMAND...: starts a detached session "t". The
# program sees TERM=tmux-256color (tmux sets TERM from its default-terminal,
# whatever -e says), or T_TERM when set: the command then runs under env.
tmux_start() {
	cols=80 rows=24
	if [ "$1" != "--" ]; then cols=$1 rows=$2; shift 2; fi
	shift
	if [ -n "${T_TERM:-}" ]; then set -- env TERM="$T_TERM" "$@"; fi
	tmux -L "$T_TMUX_SOCKET" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		-e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \
		-e ASAN_OPTIONS="${ASAN_OPTIONS:-}" -e LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
		-e UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" "$@"
	tmux -L "$T_TMUX_SOCKET" set-option -t t remain-on-exit on >/dev/null
}

# tmux_next_server: ends the tmux server and moves to a fresh socket for
# the next tmux_start (a server still shutting down refuses a new session).
tmux_next_server() {
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	T_TMUX_SOCKET="${T_TMUX_SOCKET}n"
}

tmux_keys() { tmux -L "$T_TMUX_SOCKET" send-keys -t t "$@"; }
# Literal text, typed as is.
tmux_type() { tmux -L "$T_TMUX_SOCKET" send-keys -t t -l -- "$1"; }
tmux_screen() { tmux -L "$T_TMUX_SOCKET" capture-pane -p -t t; }
tmux_resize() { tmux -L "$T_TMUX_SOCKET" resize-window -t t -x "$1" -y "$2"; }
tmux_pid() { tmux -L "$T_TMUX_SOCKET" display-message -p -t t '#{pane_pid}'; }
tmux_dead() { [ "$(tmux -L "$T_TMUX_SOCKET" display-message -p -t t '#{pane_dead}')" = 1 ]; }
tmux_status() { tmux -L "$T_TMUX_SOCKET" display-message -p -t t '#{pane_dead_status}'; }

# tmux_wait TEXT [SECONDS]: polls the screen until TEXT (fixed string) shows.
tmux_wait() {
	text=$1 limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if tmux_screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for: $text"
	tmux_screen | sed 's/^/#   | /'
	return 1
}

# tmux_wait_gone TEXT [SECONDS]
tmux_wait_gone() {
	text=$1 limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if ! tmux_screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for this to go: $text"
	return 1
}

# tmux_wait_exit [SECONDS]: waits until the program has ended.
tmux_wait_exit() {
	limit=${1:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if tmux_dead; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# --- PowerShell: a real grammar (tree-sitter-powershell) ------------------
# tools/deps-debian installs it under tests/ps/node_modules (PS_MODULES
# elsewhere, as configure was told).

# check_ps_parses DESCRIPTION FILE: the script has no syntax error.
check_ps_parses() {
	if node "$top_srcdir/tests/ps/parse.mjs" "$2" >"$T_TMP/ps.err" 2>&1; then
		ok "$1"
	else
		not_ok "$1"
		sed 's/^/#   /' "$T_TMP/ps.err" | head -20
	fi
}

# ps_commands FILE: the commands the script calls, one a line, sorted, once each.
ps_commands() { node "$top_srcdir/tests/ps/parse.mjs" --commands "$1" | sort -u; }

# tmux_open_request: on Step 3's Available Certificate Tasks, opens the
# first task (Create a new certificate request, focused when the menu
# opens) and waits for its first page.
tmux_open_request() {
	tmux_keys Enter
	tmux_wait "External Edge certificate (public Internet)"
}

# tmux_focus KEY TEXT: presses KEY until the focused line (marked " >" at
# its start) holds TEXT (fixed string); at most 16 presses.
tmux_focused() { tmux_screen | grep '^ >' | head -n 1; }
tmux_focus() {
	n=0
	while [ "$n" -lt 16 ]; do
		if tmux_focused | grep -qF -- "$2"; then return 0; fi
		before=$(tmux_focused)
		tmux_keys "$1"
		w=0
		while [ "$w" -lt 200 ] && [ "$(tmux_focused)" = "$before" ]; do
			sleep 0.05
			w=$((w + 1))
		done
		n=$((n + 1))
	done
	echo "# no focus on: $2"
	tmux_screen | sed 's/^/#   | /'
	return 1
}

# ps_guards FILE: every command the script calls, in order, with the if
# conditions around it: NAME<TAB>COND..., an else branch as !(COND).
ps_guards() { node "$top_srcdir/tests/ps/parse.mjs" --guards "$1"; }

# ps_variables FILE: the variables the script names, one a line, sorted, once each.
ps_variables() { node "$top_srcdir/tests/ps/parse.mjs" --variables "$1" | sort -u; }

# tmux_run FILE: the program on FILE; its exit status goes to $T_TMP/status.
tmux_run() {
	tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	rm -f "$T_TMP/status"
	tmux_start -- sh -c '"$1" "$2"; echo $? >"$3"' sh "$XMPPGW" "$1" "$T_TMP/status"
}

# tmux_exit_status: the status the program started by tmux_run ended with
# (waits up to 5 s for it).
tmux_exit_status() {
	n=0
	while [ "$n" -lt 100 ] && ! [ -s "$T_TMP/status" ]; do
		sleep 0.05
		n=$((n + 1))
	done
	cat "$T_TMP/status" 2>/dev/null
}

# --- locales and catalogs -------------------------------------------------

# t_locale NAME (pt_BR.UTF-8, pt_BR.ISO-8859-1): makes the locale usable,
# compiling it with localedef into $T_TMP/locale (LOCPATH, exported) when
# the machine lacks it; no root needed. Fails when it cannot.
t_locale() {
	lang=${1%%.*} charset=${1#*.}
	if [ "$(LC_ALL=$1 locale charmap 2>/dev/null)" = "$charset" ]; then return 0; fi
	mkdir -p "$T_TMP/locale"
	localedef -i "$lang" -f "$charset" "$T_TMP/locale/$1" >/dev/null 2>&1
	LOCPATH=$T_TMP/locale
	export LOCPATH
	[ "$(LC_ALL=$1 locale charmap 2>/dev/null)" = "$charset" ]
}

# tmux_step TEXT [SECONDS]: ok when the screen shows TEXT in time; else
# not ok, with the screen as it is.
tmux_step() {
	if tmux_wait "$1" "${2:-10}"; then
		ok "shows: $1"
	else
		not_ok "shows: $1"
		tmux_screen | sed 's/^/#   | /'
	fi
}

# t_pt_BR_screens: skips the test unless tmux, msgfmt, the pt_BR.UTF-8
# locale and the catalog are there; W is then a work folder holding the
# example deployment as d.yaml.
t_pt_BR_screens() {
	command -v tmux >/dev/null || skip_all "no tmux"
	command -v msgfmt >/dev/null || skip_all "no msgfmt (gettext)"
	t_locale pt_BR.UTF-8 || skip_all "cannot make the pt_BR.UTF-8 locale (Debian package locales)"
	t_catalog || skip_all "po/pt_BR.po does not compile"
	W=$T_TMP/work
	mkdir "$W"
	cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
}

# t_catalog: po/pt_BR.po compiled into $T_TMP/mo, where the program reads
# it (XMPPGW_LOCALEDIR, exported).
t_catalog() {
	mkdir -p "$T_TMP/mo/pt_BR/LC_MESSAGES"
	msgfmt -o "$T_TMP/mo/pt_BR/LC_MESSAGES/xmppgw.mo" "$top_srcdir/po/pt_BR.po" || return 1
	XMPPGW_LOCALEDIR=$T_TMP/mo
	export XMPPGW_LOCALEDIR
}
