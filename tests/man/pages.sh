#!/bin/sh
# SPDX-License-Identifier: ISC
# The manual pages: groff reads each without a warning, each renders within
# 80 columns, and the Brazilian Portuguese xmppgw(1) has the English page's
# structure: the same sections, tagged paragraphs, synopsis and options.
. "$top_srcdir/tests/lib.sh"

EN=$top_srcdir/share/man/xmppgw.1
PT=$top_srcdir/share/man/pt_BR/xmppgw.1
YAML5=$top_srcdir/share/man/xmppgw.yaml.5

# The widest rendered line, in characters (grotty without overstriking).
widest() {
	groff -t -man -Tutf8 -rLL=78n -P-cbou "$1" 2>/dev/null |
		python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))'
}

for page in "$EN" "$YAML5" "$PT"; do
	name=${page#"$top_srcdir/"}
	warnings=$(groff -t -man -ww -z -Tutf8 "$page" 2>&1)
	if [ -z "$warnings" ]; then ok "$name: groff reads it without a warning"
	else not_ok "$name: groff reads it without a warning"; printf '%s\n' "$warnings" | sed 's/^/# /'; fi
	w=$(widest "$page")
	if [ "$w" -le 80 ]; then ok "$name: every line fits 80 columns"
	else not_ok "$name: every line fits 80 columns (the widest has $w)"; fi
done

# The same structure, macro by macro kind.
for macro in SH SS TP IP PP; do
	en=$(grep -c "^\.$macro" "$EN")
	pt=$(grep -c "^\.$macro" "$PT")
	check_eq "pt_BR xmppgw(1) has the English page's .$macro count" "$en" "$pt"
done

# The synopsis is the same text: commands and options are not translated.
synopsis() { sed -n '/^\.SH S[IY]NOPS[IE]/,/^\.SH/p' "$1" | sed '1d;$d'; }
check_eq "pt_BR xmppgw(1) has the English synopsis" "$(synopsis "$EN")" "$(synopsis "$PT")"

# Every option and environment variable the English page names, the
# Portuguese one names too.
tokens() { grep -v '^\.S[HS]' "$1" | grep -oE '\\-\\-[a-z][a-z\\-]*|\b[A-Z][A-Z_]{3,}\b' | sort -u; }
# (Section names, such as FILES in "see FILES", are translated.)
sections=$(sed -n 's/^\.SH //p' "$EN" | tr ' ' '\n')
missing=$(tokens "$EN" | while read -r t; do
	printf '%s\n' "$sections" | grep -qx -- "$t" || grep -qF -- "$t" "$PT" || echo "$t"
done)
check_eq "pt_BR xmppgw(1) names every option and variable of the English page" "" "$missing"

done_testing
