#!/bin/sh
# SPDX-License-Identifier: ISC
# The layers as the build made them, read from the sources and from the
# symbols of the libraries:
#   model/ and wizards/ include no curses header and print nothing (no stdio
#     print function, no stdout or stderr, no write to descriptor 1 or 2);
#   the tui base (libxgtuibase.a) includes no header and calls no function
#     of the tui files above it;
#   nothing in tui/ includes a cli/ header or calls a cli_ function.
# Each check is then run on a copy with a planted fault, to show it fails.
# Run by hand from the checkout, the tree is the one above this file.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/lib.sh"
# One collation for sort and comm.
LC_ALL=C
export LC_ALL

B=$top_builddir
S=$top_srcdir
for lib in libxgmodel.a libxgwizards.a libxgtui.a libxgtuibase.a; do
	[ -f "$B/$lib" ] || skip_all "$lib is not built (make first)"
done
command -v nm >/dev/null || skip_all "nm (binutils) is not installed"

REPORT=$T_TMP/report

# The stdio and err.h calls that print, and the streams themselves;
# _FORTIFY_SOURCE turns fprintf into __fprintf_chk.
PRINT_STDIO='v?f?w?printf|v?dprintf|f?puts|fputws|putw?char|fputw?c|putw?c|perror'
PRINT_OTHER='psignal|psiginfo|v?errx?|v?warnx?|error|error_at_line|v?syslog|stdout|stderr'
PRINT_RE="^(__)?($PRINT_STDIO|$PRINT_OTHER)(_unlocked)?(_chk)?\$"
CURSES_H='((ncursesw?)/)?(n?curses|cursesw|term|form|menu|panel|eti|unctrl|termcap)\.h'
CURSES_RE="^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]$CURSES_H[>\"]"

undefined() { nm -u "$@" 2>/dev/null | awk '$1 == "U" { print $2 }' | sort -u; }
defined() { nm -g --defined-only "$@" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u; }

# The symbols the curses libraries define (ncursesw, tinfo, formw, menuw,
# panelw), found beside the ncursesw the program runs with; without their
# version (newterm@@NCURSESW6_5.1.20000708).
curses_symbols() {
	dir=$(ldd "$XMPPGW" | awk '/libncursesw?\.so/ { print $3; exit }' | xargs -r dirname)
	[ -n "$dir" ] || return 0
	for so in "$dir"/lib*.so*; do
		case "${so##*/}" in
		libncurses*.so* | libtinfo*.so* | libform*.so* | libmenu*.so* | libpanel*.so*)
			nm -D --defined-only "$so" 2>/dev/null |
				awk 'NF == 3 { sub(/@.*/, "", $3); print $3 }' ;;
		esac
	done | sort -u
}
CURSES_SYMS=$T_TMP/curses.syms
curses_symbols >"$CURSES_SYMS"
[ -s "$CURSES_SYMS" ] || skip_all "no curses library found through ldd $XMPPGW"

# A file of model/ or wizards/ under DIR that includes curses or tui/ or cli/.
bad_includes() {
	grep -nE "$CURSES_RE|^[[:space:]]*#[[:space:]]*include[[:space:]]*\"(tui|cli)/" \
		"$1"/model/*.[ch] "$1"/wizards/*.[ch] >"$REPORT"
	[ ! -s "$REPORT" ]
}

# A write to descriptor 1 or 2 in model/ or wizards/ under DIR. The one
# exception is xalloc's out-of-memory message just before _exit: there is no
# caller left to return an error to, and stdio may need the heap that failed.
bad_writes() {
	grep -nE '\bwrite[[:space:]]*\([[:space:]]*(1|2|STDOUT_FILENO|STDERR_FILENO)[[:space:]]*,' \
		"$1"/model/*.c "$1"/wizards/*.c | grep -v '^[^:]*/model/xalloc\.c:' >"$REPORT"
	[ ! -s "$REPORT" ]
}

# ARCHIVE... refers to a print function, stdout/stderr or a curses symbol.
bad_symbols() {
	undefined "$@" >"$T_TMP/undef"
	{
		grep -E "$PRINT_RE" "$T_TMP/undef"
		comm -12 "$T_TMP/undef" "$CURSES_SYMS"
	} >"$REPORT"
	[ ! -s "$REPORT" ]
}

# BASE calls something UPPER defines, or a tui_ function BASE lacks.
upward_calls() {
	defined "$1" >"$T_TMP/base.def"
	undefined "$1" | comm -23 - "$T_TMP/base.def" >"$T_TMP/base.undef"
	{
		defined "$2" | comm -12 "$T_TMP/base.undef" -
		grep '^tui_' "$T_TMP/base.undef"
	} | sort -u >"$REPORT"
	[ ! -s "$REPORT" ]
}

# The base's files, from the archive's members (libxgtuibase_a-term.o: term).
base_names() { ar t "$B/libxgtuibase.a" | sed -n 's/^libxgtuibase_a-\(.*\)\.o$/\1/p'; }

# A base file under DIR (tui/NAME.c or tui/NAME.h) including a tui header
# that is not the base's own (tui/NAME.h of a base file, or tui/term.h).
upward_includes() {
	allowed=" term.h "
	files=""
	for n in $(base_names); do
		allowed="$allowed$n.h "
		for f in "$1/tui/$n.c" "$1/tui/$n.h"; do [ -f "$f" ] && files="$files $f"; done
	done
	[ -f "$1/tui/term.h" ] && files="$files $1/tui/term.h"
	: >"$REPORT"
	# shellcheck disable=SC2086
	grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"tui/' $files |
		while IFS= read -r line; do
			h=$(printf '%s\n' "$line" | sed 's/.*"tui\/\([^"]*\)".*/\1/')
			case "$allowed" in *" $h "*) ;; *) printf '%s\n' "$line" >>"$REPORT" ;; esac
		done
	[ ! -s "$REPORT" ]
}

# A tui file under DIR including cli/, or ARCHIVE... calling cli_.
reaches_cli() {
	dir=$1
	shift
	{
		grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"cli/' "$dir"/tui/*.[ch]
		undefined "$@" | grep '^cli_'
	} >"$REPORT"
	[ ! -s "$REPORT" ]
}

# check_layer DESCRIPTION COMMAND...: passes when nothing is reported.
check_layer() {
	desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/#   /' "$REPORT" | head -20
	fi
}

# check_catches DESCRIPTION WANTED COMMAND...: the command must fail and
# report a line holding WANTED.
check_catches() {
	desc=$1 want=$2
	shift 2
	if "$@"; then
		not_ok "$desc (nothing reported)"
	elif grep -qF -- "$want" "$REPORT"; then
		ok "$desc"
	else
		not_ok "$desc (no line with $want)"
		sed 's/^/#   /' "$REPORT" | head -20
	fi
}

# --- the tree as built ---
check_layer "model/ and wizards/ include no curses, tui/ or cli/ header" bad_includes "$S"
check_layer "model/ and wizards/ write nothing to descriptors 1 and 2" bad_writes "$S"
check_layer "libxgmodel.a calls no print function and no curses" bad_symbols "$B/libxgmodel.a"
check_layer "libxgwizards.a calls no print function and no curses" \
	bad_symbols "$B/libxgwizards.a"
check_layer "the tui base calls nothing above it" \
	upward_calls "$B/libxgtuibase.a" "$B/libxgtui.a"
check_layer "the tui base includes no header above it" upward_includes "$S"
check_layer "tui/ includes no cli/ header and calls no cli_ function" \
	reaches_cli "$S" "$B/libxgtui.a" "$B/libxgtuibase.a"
names=$(base_names | sort | tr '\n' ' ')
check_eq "the tui base is the terminal, its input decoder, the screen, the widgets and UTF-8" \
	"canvas input keys screen term textedit utf8 " "$names"

# --- the same checks on copies with a planted fault ---
P=$T_TMP/planted
mkdir -p "$P/model" "$P/wizards" "$P/tui" "$P/obj"
cp "$S"/model/*.[ch] "$P/model/"
cp "$S"/wizards/*.[ch] "$P/wizards/"
cp "$S"/tui/*.[ch] "$P/tui/"
printf '# include <ncursesw/panel.h>\n' >>"$P/wizards/home.c"
check_catches "a curses include in wizards/ is caught" "wizards/home.c" bad_includes "$P"
cp "$S"/wizards/home.c "$P/wizards/home.c"
printf '#include "tui/engine.h"\n' >>"$P/model/san.h"
check_catches "a tui/ include in model/ is caught" "model/san.h" bad_includes "$P"
printf 'static void say(void) { write(STDERR_FILENO, "x\\n", 2); }\n' >>"$P/model/depfile.c"
check_catches "a write to stderr in model/ is caught" "model/depfile.c" bad_writes "$P"
printf '#include "tui/engine.h"\n' >>"$P/tui/canvas.c"
check_catches "an upper header in a base file is caught" "tui/canvas.c" upward_includes "$P"
printf '#include "cli/cli.h"\n' >>"$P/tui/page.c"
check_catches "a cli/ header in tui/ is caught" "tui/page.c" reaches_cli "$P" "$B/libxgtui.a"

# Objects moved where they do not belong: the program's start (it prints
# on stderr) and the terminal (curses) into the model; the session (it
# opens dialogs) into the base.
(cd "$P/obj" && ar x "$B/libxgtui.a" libxgtui_a-main.o libxgtui_a-session.o &&
	ar x "$B/libxgtuibase.a" libxgtuibase_a-term.o)
cp "$B/libxgmodel.a" "$P/model.a"
ar q "$P/model.a" "$P/obj/libxgtui_a-main.o" "$P/obj/libxgtuibase_a-term.o"
check_catches "a print function in the model library is caught" "stderr" bad_symbols "$P/model.a"
check_catches "a curses call in the model library is caught" "newterm" bad_symbols "$P/model.a"
cp "$B/libxgtuibase.a" "$P/base.a"
ar q "$P/base.a" "$P/obj/libxgtui_a-session.o"
check_catches "an upper call in the base library is caught" "dialog_run" \
	upward_calls "$P/base.a" "$B/libxgtui.a"
check_catches "a cli_ call in tui/ is caught" "cli_lock_wait_ms" \
	reaches_cli "$S" "$B/libxgtui.a" "$B/cli/main.o"

done_testing
