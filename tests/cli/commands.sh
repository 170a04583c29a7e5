#!/bin/sh
# SPDX-License-Identifier: ISC
# The command table (cli/table.c) as the user meets it: every command's
# --help, the name of a mistyped command with or without a suggestion,
# which words open the full-screen program, `--` ending the options, `-`
# for standard input and `-o -` for standard output; and the man page's
# SYNOPSIS and README's command list, compared with the table as
# `xmppgw --dump-commands` prints it.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

LC_ALL=C
export LC_ALL
tab=$(printf '\t')
Y=$T_TMP/contoso.yaml
cp "$top_srcdir/share/examples/contoso.yaml" "$Y"
"$XMPPGW" --dump-commands >"$T_TMP/dump" || { echo "Bail out! --dump-commands failed"; exit 1; }
grep "^command$tab" "$T_TMP/dump" | cut -f7 >"$T_TMP/synopses"
check "the table lists every command" test "$(wc -l <"$T_TMP/synopses")" -ge 10

# --- COMMAND --help: exit 0, its own synopsis on standard output -------------
grep "^command$tab" "$T_TMP/dump" >"$T_TMP/rows"
while IFS="$tab" read -r _ name sub _ _ _ synopsis; do
	words=$name
	[ "$sub" != - ] && words="$name $sub"
	for h in --help -h; do
		# shellcheck disable=SC2086
		"$XMPPGW" $words $h >"$T_TMP/out" 2>"$T_TMP/err"
		status=$?
		# The wrapped synopsis read back as one line.
		got=$(sed -n '/^Usage: /,/^[^ U]/p' "$T_TMP/out" | sed '$d' |
			sed 's/^Usage: //; s/^ *//' | tr '\n' ' ' | sed 's/ $//')
		if [ "$status" = 0 ] && [ "$got" = "$synopsis" ] && [ ! -s "$T_TMP/err" ]; then
			ok "xmppgw $words $h: exit 0, its synopsis"
		else
			not_ok "xmppgw $words $h: exit $status"
			printf '#   expected: %s\n#   actual:   %s\n' "$synopsis" "$got"
		fi
	done
done <"$T_TMP/rows"
check_status "--help after the operands" 0 "$XMPPGW" partners add "$Y" --domain x.org --help
check_grep "shows the options with their values" \
	"One of: Required, Optional, NotSupported." "$T_TMP/out"
check "and changes nothing" cmp -s "$Y" "$top_srcdir/share/examples/contoso.yaml"
check_status "partners --help: every subcommand" 0 "$XMPPGW" partners --help
check_eq "three usages" 3 "$(grep -c '^Usage: xmppgw partners ' "$T_TMP/out")"
check_status "xmppgw --help" 0 "$XMPPGW" --help
while read -r synopsis; do
	first=$(echo "$synopsis" | cut -c1-40)
	check_grep "--help lists: $first" "  $first" "$T_TMP/out"
done <"$T_TMP/synopses"
check "no line of --help is wider than 80 columns" \
	sh -c '! LC_ALL=C.UTF-8 awk "length > 80" "$1" | grep -q .' - "$T_TMP/out"

# --- a mistyped command is named ---------------------------------------------
cd "$T_TMP" || exit 1
check_status "xmppgw chekc: exit 2" 2 "$XMPPGW" chekc
check_eq "suggests check" "xmppgw: 'chekc' is not a command; did you mean 'check'?" \
	"$(cat "$T_TMP/err")"
check_status "xmppgw exprot zone FILE: exit 2" 2 "$XMPPGW" exprot zone "$Y"
check_eq "suggests export" "xmppgw: 'exprot' is not a command; did you mean 'export'?" \
	"$(cat "$T_TMP/err")"
check_status "xmppgw frobnicate: exit 2" 2 "$XMPPGW" frobnicate
check_eq "no suggestion when nothing is close" \
	"xmppgw: 'frobnicate' is not a command; see 'xmppgw --help'." "$(cat "$T_TMP/err")"
check_status "xmppgw cert imprt: exit 2" 2 "$XMPPGW" cert imprt "$Y"
check_eq "suggests the subcommand" \
	"xmppgw: 'imprt' is not a cert command; did you mean 'import'?" "$(cat "$T_TMP/err")"
check_status "xmppgw partners rename: exit 2" 2 "$XMPPGW" partners rename "$Y"
check_eq "no close subcommand" \
	"xmppgw: 'rename' is not a partners command; see 'xmppgw partners --help'." \
	"$(cat "$T_TMP/err")"
check_status "xmppgw partners --header list: exit 2" 2 "$XMPPGW" partners --header list "$Y"
check_eq "an option before the subcommand is named" \
	"xmppgw: '--header' is not a partners command; see 'xmppgw partners --help'." \
	"$(cat "$T_TMP/err")"
check_status "xmppgw partners add without operands: exit 2" 2 "$XMPPGW" partners add
check "its usage fits 80 columns" sh -c '! awk "length > 80" "$1" | grep -q .' - "$T_TMP/err"
check_grep "an option and its value stay on one line" "[--sasl V]" "$T_TMP/err"
check_eq "the usage read back is the synopsis" \
	"xmppgw: usage: $(grep "^command${tab}partners${tab}add$tab" "$T_TMP/dump" | cut -f7)" \
	"$(sed 's/^  *//' "$T_TMP/err" | tr '\n' ' ' | sed 's/ $//')"
check "nothing was created" test ! -e chekc -a ! -e frobnicate
check_status "an unknown option of xmppgw: exit 2" 2 "$XMPPGW" --frobnicate
check_grep "is named" "'--frobnicate' is not an option" "$T_TMP/err"

# Words that name a file open the full-screen program, which here (no
# terminal) says so instead of calling them commands.
cp "$Y" chekc2
for word in mydeploy.yaml other.YML ./x sub/new chekc2; do
	check_status "xmppgw $word: the full-screen program" 2 "$XMPPGW" "$word" </dev/null
	check_grep "xmppgw $word: not taken for a command" "cannot open the full-screen wizard" \
		"$T_TMP/err"
done
check_status "xmppgw -- --odd.yaml: a file after --" 2 "$XMPPGW" -- --odd.yaml </dev/null
check_grep "the full-screen program again" "cannot open the full-screen wizard" "$T_TMP/err"
check_status "xmppgw -: refused, the screen writes the file" 2 "$XMPPGW" -
check_grep "says why" "'-' (standard input) cannot stand for it" "$T_TMP/err"

# --- `--` ends the options -----------------------------------------------------
cp "$Y" ./--force
check_status "check -- --force: a file named --force" 0 "$XMPPGW" check -- --force
check_status "check --force: an option check does not take" 2 "$XMPPGW" check --force
check_grep "named as an option" "unknown option or missing value: --force" "$T_TMP/err"
check_status "partners list --header -- --force" 0 "$XMPPGW" partners list --header -- --force
check_grep "the options before -- still count" "domain${tab}type" "$T_TMP/out"
check_status "partners add: options after the operand, file after --" 0 \
	"$XMPPGW" partners add --domain after.example -- --force
check_grep "the partner is in the file named --force" "after.example" ./--force
check_status "after --, --domain is an operand" 2 "$XMPPGW" partners add -- --force --domain x.org
check_status "export: -o after --force's --" 0 "$XMPPGW" export zone -o zone.txt -- --force
check "the zone was written" test -s zone.txt
check_status "option=value form" 0 "$XMPPGW" export zone "--output=zone2.txt" "$Y"
check "the same zone" cmp -s zone.txt zone2.txt
check_status "-oFILE, as getopt takes it" 0 "$XMPPGW" export zone "-ozone3.txt" "$Y"
check "the same zone again" cmp -s zone.txt zone3.txt

# --- `-`: standard input, `-o -`: standard output --------------------------------
broken=$top_srcdir/tests/fixtures/broken/enum-tls.yaml
"$XMPPGW" check - <"$broken" 2>"$T_TMP/err"
check_eq "check -: exit 1 on a broken file" 1 "$?"
check_grep "check -: positions as <stdin>:LINE:COL" "xmppgw: <stdin>:29:8: error: partners[1].tls" \
	"$T_TMP/err"
cat "$Y" | "$XMPPGW" check - >"$T_TMP/out" 2>"$T_TMP/err"
check_eq "check - from a pipe: the example is valid" 0 "$?"
check "and says nothing" test ! -s "$T_TMP/err"
: | "$XMPPGW" check - 2>"$T_TMP/err"
check_eq "an empty standard input: exit 1" 1 "$?"
check_grep "named <stdin>" "<stdin>:1:1: error:" "$T_TMP/err"
head -c 70000000 /dev/zero | "$XMPPGW" check - 2>"$T_TMP/err"
check_eq "past the size limit: exit 2" 2 "$?"
check_grep "said as for a file" "<stdin>: error: is larger than 64 MiB" "$T_TMP/err"
"$XMPPGW" export frontend-ps1 "$Y" >"$T_TMP/want.ps1"
"$XMPPGW" export frontend-ps1 - -o - <"$Y" >"$T_TMP/got.ps1"
check_eq "export - -o -: exit 0" 0 "$?"
check "the same script as from the file" cmp -s "$T_TMP/want.ps1" "$T_TMP/got.ps1"
"$XMPPGW" partners list - <"$Y" >"$T_TMP/got.tsv"
"$XMPPGW" partners list "$Y" >"$T_TMP/want.tsv"
check "partners list - reads standard input" cmp -s "$T_TMP/want.tsv" "$T_TMP/got.tsv"
for cmd in "csr" "partners add" "partners remove" "cert pfx" "cert import"; do
	extra=
	case $cmd in
	"partners add") extra="--domain x.org" ;;
	"partners remove") extra="x.org" ;;
	"cert import") extra="cert.pem" ;;
	esac
	# shellcheck disable=SC2086
	check_status "xmppgw $cmd -: refused, it writes the file" 2 "$XMPPGW" $cmd - $extra <"$Y"
	check_grep "xmppgw $cmd -: says why" \
		"xmppgw $cmd writes the deployment file: '-' (standard input) cannot stand for it" \
		"$T_TMP/err"
done
check_status "cert pfx -o -: refused" 2 "$XMPPGW" cert pfx "$Y" -o -
check_grep "says why" "the PFX is not written to standard output" "$T_TMP/err"

# --- a word with a control character is shown, not sent to the terminal ----------
esc=$(printf '\033')
for argv in "a${esc}[2Jx" "-${esc}[2J" "check $Y --${esc}[2J" "export z${esc}[2J $Y"; do
	# shellcheck disable=SC2086
	check_status "xmppgw ${argv#*$esc}: exit 2" 2 "$XMPPGW" $argv
	check "its message holds no escape character" sh -c '! grep -q "$(printf "\033")" "$1"' - "$T_TMP/err"
	check_grep "it shows it as \\x1b" '\x1b[2J' "$T_TMP/err"
done

# --- empty words (an unset shell variable) --------------------------------------
mkdir "$T_TMP/emptydir"
for empty in "-o" "--output="; do
	if [ "$empty" = -o ]; then set -- -o ""; else set -- "$empty"; fi
	check_status "export zone FILE $empty'': exit 2" 2 \
		sh -c 'cd "$1" && shift && exec "$@"' - "$T_TMP/emptydir" "$XMPPGW" export zone "$Y" "$@"
	check_grep "export zone FILE $empty'': names the empty output" \
		"--output needs a file name, and the one given is empty." "$T_TMP/err"
	check "export zone FILE $empty'': nothing written" test ! -s "$T_TMP/out"
	check_eq "export zone FILE $empty'': no file created" "" "$(ls -A "$T_TMP/emptydir")"
done
set --
check_status "check '': exit 2" 2 "$XMPPGW" check ""
check_grep "check '': says the operand is empty" "an operand is empty" "$T_TMP/err"
check_status "check -- '': exit 2" 2 "$XMPPGW" check -- ""
check_grep "check -- '': says the operand is empty" "an operand is empty" "$T_TMP/err"
check_status "probe --ca-file='': exit 2" 2 "$XMPPGW" probe "$Y" --ca-file=
check_grep "probe --ca-file='': names the option" "--ca-file needs a file name" "$T_TMP/err"
cp "$Y" "$T_TMP/before.yaml"
check_status "partners remove FILE '': exit 2" 2 "$XMPPGW" partners remove "$Y" ""
check "partners remove FILE '': the file is untouched" cmp -s "$T_TMP/before.yaml" "$Y"

# --- the man page and README against the table ---------------------------------
# The SYNOPSIS of xmppgw.1 as plain lines: one per .br, the font macros'
# arguments joined (alternating macros without spaces), \- as -.
awk '
	/^\.SH / { on = ($2 == "SYNOPSIS"); next }
	!on { next }
	/^\.br/ { print line; line = ""; next }
	{
		macro = ""; text = $0
		if (text ~ /^\./) { macro = $1; text = substr(text, length(macro) + 2) }
		gsub(/\\-/, "-", text)
		if (macro ~ /^\.(BR|RB|IR|RI|BI|IB)$/) {
			n = split(text, parts, " "); text = ""
			for (i = 1; i <= n; i++) text = text parts[i]
		}
		gsub(/"/, "", text)
		line = line (line == "" ? "" : " ") text
	}
	END { if (line != "") print line }
' "$top_srcdir/share/man/xmppgw.1" >"$T_TMP/man"
{
	echo "xmppgw [FILE]"
	cat "$T_TMP/synopses"
	echo "xmppgw COMMAND --help"
	echo "xmppgw --help | --version"
} >"$T_TMP/want-man"
if diff "$T_TMP/want-man" "$T_TMP/man" >"$T_TMP/diff"; then
	ok "xmppgw.1 SYNOPSIS is the table's"
else
	not_ok "xmppgw.1 SYNOPSIS is the table's"
	sed 's/^/#   /' "$T_TMP/diff"
fi
# Every command has its entry under COMMANDS.
cut -f2,3 "$T_TMP/rows" >"$T_TMP/names"
while IFS="$tab" read -r name sub; do
	entry=$name
	[ "$sub" != - ] && entry="$name $sub"
	check "xmppgw.1 COMMANDS has $entry" grep -q "^\.BI* \"*$entry[\" ]" \
		"$top_srcdir/share/man/xmppgw.1"
done <"$T_TMP/names"
# README: the lines of the command list that start with xmppgw.
sed -n '/^## Commands/,/^## /p' "$top_srcdir/README.md" | grep '^xmppgw ' >"$T_TMP/readme"
{ echo "xmppgw [FILE]"; cat "$T_TMP/synopses"; } >"$T_TMP/want-readme"
if diff "$T_TMP/want-readme" "$T_TMP/readme" >"$T_TMP/diff"; then
	ok "README's command list is the table's"
else
	not_ok "README's command list is the table's"
	sed 's/^/#   /' "$T_TMP/diff"
fi

# Without a terminal the full-screen program says why and lists, from the
# table, what the commands do instead.
cp "$top_srcdir/share/examples/contoso.yaml" "$T_TMP/noterm.yaml"
"$XMPPGW" "$T_TMP/noterm.yaml" </dev/null >"$T_TMP/noterm.out" 2>"$T_TMP/noterm.err"
check_eq "no terminal: exit status 2" 2 $?
check_grep "no terminal: says why" "cannot open the full-screen wizard" "$T_TMP/noterm.err"
missing=$(cut -f7 "$T_TMP/rows" | cut -d' ' -f1-3 | while read -r line; do
	grep -qF -- "  $line" "$T_TMP/noterm.err" || echo "$line"
done)
check_eq "no terminal: every command of the table is offered" "" "$missing"
check "no terminal: the file is untouched" cmp -s "$top_srcdir/share/examples/contoso.yaml" \
	"$T_TMP/noterm.yaml"

done_testing
