#!/bin/sh
# SPDX-License-Identifier: ISC
# The exports under pt_BR.UTF-8: the Front End's PowerShell script (UTF-8
# with a BOM) speaks Portuguese to the administrator and still parses; the certreq INF,
# which Windows reads in its ANSI code page, stays English and ASCII, byte
# for byte what the C locale writes; the zone lines keep their records.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

t_locale pt_BR.UTF-8 || skip_all "cannot make the pt_BR.UTF-8 locale (Debian package locales)"
t_catalog || skip_all "cannot compile po/pt_BR.po"

EX=$top_srcdir/share/examples/contoso.yaml
pt() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=pt_BR.UTF-8 "$XMPPGW" "$@"; }
c() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C "$XMPPGW" "$@"; }

pt export inf "$EX" -o "$T_TMP/pt.inf"
check_eq "pt_BR: export inf succeeds" 0 $?
c export inf "$EX" -o "$T_TMP/c.inf"
check "pt_BR: the INF is the C locale's, byte for byte" cmp -s "$T_TMP/pt.inf" "$T_TMP/c.inf"
check "pt_BR: the INF is ASCII" sh -c "! LC_ALL=C grep -q '[^[:print:][:space:]]' '$T_TMP/pt.inf'"

pt export frontend-ps1 "$EX" -o "$T_TMP/fe.ps1"
check_eq "pt_BR: export frontend-ps1 succeeds" 0 $?
check_ps_parses "pt_BR: the Front End script parses" "$T_TMP/fe.ps1"
c export frontend-ps1 "$EX" -o "$T_TMP/c-fe.ps1"
check_eq "pt_BR: the Front End script calls the same cmdlets as in English" \
	"$(ps_commands "$T_TMP/c-fe.ps1")" "$(ps_commands "$T_TMP/fe.ps1")"
check_grep "pt_BR: the Front End script speaks Portuguese" "parceiros XMPP federados" \
	"$T_TMP/fe.ps1"

pt export zone "$EX" -o "$T_TMP/pt.zone"
c export zone "$EX" -o "$T_TMP/c.zone"
check_eq "pt_BR: the zone has the same records" \
	"$(grep -v '^;' "$T_TMP/c.zone")" "$(grep -v '^;' "$T_TMP/pt.zone")"

done_testing
