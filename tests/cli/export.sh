#!/bin/sh
# SPDX-License-Identifier: ISC
# xmppgw export frontend-ps1|inf|zone: the example deployment against the
# expected files, -o (atomic, mode), hostile text through the YAML file, the
# Front End script's shape read with a PowerShell grammar (what -Prune guards,
# no $null, no certificate cmdlet), and the refusals: bad usage, the old
# `export ps1`, a file with errors, what an export cannot do without.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

umask 022
fx=$top_srcdir/tests/fixtures/export
d=$T_TMP/contoso.yaml
cp "$top_srcdir/share/examples/contoso.yaml" "$d"

# format and the expected file's suffix
for pair in frontend-ps1:frontend.ps1 inf:inf zone:zone; do
	f=${pair%%:*} x=${pair#*:}
	check_status "export $f exits 0" 0 "$XMPPGW" export $f "$d"
	check "export $f is contoso.$x, byte for byte" cmp "$fx/contoso.$x" "$T_TMP/out"
	check_status "export $f -o exits 0" 0 "$XMPPGW" export $f "$d" -o "$T_TMP/o.$x"
	check "-o writes the same bytes" cmp "$fx/contoso.$x" "$T_TMP/o.$x"
	check_eq "-o prints nothing" "" "$(cat "$T_TMP/out")"
	check_eq "-o creates the file with mode 644" 644 "$(stat -c %a "$T_TMP/o.$x")"
done

chmod 600 "$T_TMP/o.frontend.ps1"
check_status "-o before the operands, over an existing file" 0 \
	"$XMPPGW" export --output "$T_TMP/o.frontend.ps1" frontend-ps1 "$d"
check "the replaced file has the new bytes" cmp "$fx/contoso.frontend.ps1" "$T_TMP/o.frontend.ps1"
check_eq "the replaced file keeps its mode" 600 "$(stat -c %a "$T_TMP/o.frontend.ps1")"
check_eq "no temporary file is left behind" "o.frontend.ps1 o.inf o.zone" \
	"$(cd "$T_TMP" && ls o.* | tr '\n' ' ' | sed 's/ $//')"

# The old single script is refused, naming the two that replace it.
check_status "export ps1: usage error" 2 "$XMPPGW" export ps1 "$d" -o "$T_TMP/old.ps1"
check_grep "export frontend-ps1 is named, and where it runs" \
	"export frontend-ps1 (runs on a Front End Server)" "$T_TMP/err"
check_grep "export edge-ps1 is named, and where it runs" \
	"export edge-ps1 (runs on each Edge Server)" "$T_TMP/err"
check "nothing is written for export ps1" test ! -e "$T_TMP/old.ps1"

# Usage and I/O.
check_status "no arguments: usage" 2 "$XMPPGW" export
check_grep "usage is shown" "usage: xmppgw export frontend-ps1|edge-ps1|inf|zone FILE" "$T_TMP/err"
check_status "unknown format: usage" 2 "$XMPPGW" export pdf "$d"
check_grep "the format is named" "unknown export format: pdf" "$T_TMP/err"
check_status "extra operand: usage" 2 "$XMPPGW" export frontend-ps1 "$d" "$d"
check_status "unknown option: usage" 2 "$XMPPGW" export frontend-ps1 "$d" --bogus
check_status "-o without a value: usage" 2 "$XMPPGW" export frontend-ps1 "$d" -o
check_status "missing file: 2" 2 "$XMPPGW" export frontend-ps1 "$T_TMP/none.yaml"
check_status "unwritable OUT: 2" 2 "$XMPPGW" export frontend-ps1 "$d" -o "$T_TMP/no/such/dir/x.ps1"

# A file with errors is not exported.
sed 's/^  key_bits: 2048$/  key_bits: 1024/' "$d" >"$T_TMP/bad.yaml"
check_status "a file with errors: 1" 1 "$XMPPGW" export frontend-ps1 "$T_TMP/bad.yaml" -o "$T_TMP/bad.ps1"
check_grep "the error is shown" "key_bits" "$T_TMP/err"
check "nothing is written" test ! -e "$T_TMP/bad.ps1"

# Without an Access Edge FQDN: no INF and no zone lines; the Front End's
# script does not need it.
grep -v '^  access_edge_fqdn:' "$d" >"$T_TMP/noedge.yaml"
check_status "the file without an Access Edge FQDN is valid" 0 "$XMPPGW" check "$T_TMP/noedge.yaml"
check_status "inf without an Access Edge FQDN: 1" 1 \
	"$XMPPGW" export inf "$T_TMP/noedge.yaml" -o "$T_TMP/noedge.inf"
check_grep "the reason is given" "no Access Edge FQDN (topology.access_edge_fqdn)" "$T_TMP/err"
check "no INF is written" test ! -e "$T_TMP/noedge.inf"
check_status "zone without an Access Edge FQDN: 1" 1 "$XMPPGW" export zone "$T_TMP/noedge.yaml"
check_grep "the reason is given" "no SRV target" "$T_TMP/err"
check_status "frontend-ps1 without an Access Edge FQDN: 0" 0 \
	"$XMPPGW" export frontend-ps1 "$T_TMP/noedge.yaml"
check_grep "the header says so" "Access Edge (none)," "$T_TMP/out"

# dns.srv_target stands in for the Access Edge FQDN.
sed 's/^  weight: 0$/  weight: 0\n  srv_target: xmpp.contoso.com/' "$T_TMP/noedge.yaml" >"$T_TMP/target.yaml"
check_status "zone with dns.srv_target: 0" 0 "$XMPPGW" export zone "$T_TMP/target.yaml"
check_grep "the SRV record points at it" \
	"_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 xmpp.contoso.com." "$T_TMP/out"

# The SRV records are the XMPP domains' (child domains included) when the
# XMPP proxy is installed, else every SIP domain's.
xmpp_yaml() {
	printf 'version: 1\ntopology:\n  sip_domains: [contoso.com, fabrikam.com]\n'
	printf '  access_edge_fqdn: sip.contoso.com\n  xmpp_proxy: %s\n' "$1"
	printf '  xmpp_domains: [corp.contoso.com, eu.fabrikam.com, Corp.Contoso.com.]\n'
}
xmpp_yaml true >"$T_TMP/xmpp.yaml"
check_status "zone for XMPP domains: 0" 0 "$XMPPGW" export zone "$T_TMP/xmpp.yaml"
check_eq "one SRV line per XMPP domain, none for the SIP domains" \
	"_xmpp-server._tcp.corp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.
_xmpp-server._tcp.eu.fabrikam.com. 3600 IN SRV 0 0 5269 sip.contoso.com." \
	"$(grep '^_xmpp-server' "$T_TMP/out")"
check_grep "the zone says where its records come from" \
	"; One SRV record per XMPP domain (topology.xmpp_domains)." "$T_TMP/out"
xmpp_yaml false >"$T_TMP/noproxy.yaml"
check_status "zone without the XMPP proxy: 0" 0 "$XMPPGW" export zone "$T_TMP/noproxy.yaml"
check_eq "one SRV line per SIP domain" \
	"_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.
_xmpp-server._tcp.fabrikam.com. 3600 IN SRV 0 0 5269 sip.contoso.com." \
	"$(grep '^_xmpp-server' "$T_TMP/out")"

printf 'version: 1\ntopology:\n  sip_domains: []\n  access_edge_fqdn: sip.contoso.com\n' \
	>"$T_TMP/nosip.yaml"
check_status "zone without a SIP domain: 1" 1 "$XMPPGW" export zone "$T_TMP/nosip.yaml"
check_grep "the reason is given" "no SIP domain (topology.sip_domains)" "$T_TMP/err"

# Hostile text through the YAML file comes out as one inert literal.
rsquo=$(printf '\342\200\231')
sed "s/^  description: Google Talk\$/  description: 'It''s \"q\" \`b\` \$(Remove-Item C:\\\\) ; x${rsquo}y'/" \
	"$d" >"$T_TMP/hostile.yaml"
check_status "hostile description: the file is valid" 0 "$XMPPGW" check "$T_TMP/hostile.yaml"
check_status "hostile description: export frontend-ps1" 0 \
	"$XMPPGW" export frontend-ps1 "$T_TMP/hostile.yaml"
check_grep "the description is one doubled-quote literal" \
	"        Description = 'It''s \"q\" \`b\` \$(Remove-Item C:\\) ; x${rsquo}${rsquo}y'" "$T_TMP/out"
cp "$T_TMP/out" "$T_TMP/hostile.ps1"
check_ps_parses "the hostile script parses as PowerShell" "$T_TMP/hostile.ps1"
check_ps_parses "the example's script parses as PowerShell" "$fx/contoso.frontend.ps1"
check_ps_parses "the hostile fixture parses as PowerShell" "$fx/hostile.frontend.ps1"
sed 's/^  description: Google Talk$/  description: "two\\nlines"/' "$d" >"$T_TMP/newline.yaml"
check_status "a line break in a description is refused by the file's rules" 1 \
	"$XMPPGW" export frontend-ps1 "$T_TMP/newline.yaml"
check_grep "the reason is given" "partners[0].description: the text holds a control character" \
	"$T_TMP/err"
sed 's/^  description: Google Talk$/  description: "two\\Llines"/' "$d" >"$T_TMP/lsep.yaml"
check_status "a line separator (U+2028) in a description is refused" 1 \
	"$XMPPGW" export frontend-ps1 "$T_TMP/lsep.yaml"
check_grep "the reason is given" \
	"partners[0].description: the text holds a line or paragraph separator" "$T_TMP/err"
sed 's/^  description: Google Talk$/  description: "two\\Nlines"/' "$d" >"$T_TMP/nel.yaml"
check_status "a next line (U+0085) in a description is refused" 1 \
	"$XMPPGW" export frontend-ps1 "$T_TMP/nel.yaml"
check_grep "the reason is given" "partners[0].description: the text holds a control character" \
	"$T_TMP/err"

# The Front End's script read with the PowerShell grammar: it calls no
# certificate cmdlet and restarts no service (the Edge's business), and
# passes no $null anywhere, splats included.
for f in "$fx/contoso.frontend.ps1" "$fx/hostile.frontend.ps1"; do
	ps_commands "$f" >"$T_TMP/cmds"
	check "$(basename "$f") reads the partners" grep -qx Get-CsXmppAllowedPartner "$T_TMP/cmds"
	if grep -Ei 'CsCertificate|certutil|PfxCertificate|CsWindowsService' "$T_TMP/cmds" \
		>"$T_TMP/bad"; then
		not_ok "$(basename "$f") calls no certificate or service cmdlet"
		sed 's/^/#   /' "$T_TMP/bad"
	else
		ok "$(basename "$f") calls no certificate or service cmdlet"
	fi
	ps_variables "$f" >"$T_TMP/vars"
	check "$(basename "$f") splats the partner" grep -qx @want "$T_TMP/vars"
	if grep -qix '\$null' "$T_TMP/vars"; then
		not_ok "$(basename "$f") names no \$null"
	else
		ok "$(basename "$f") names no \$null"
	fi
done

# A partner renamed (gmail.com is now gtalk.example) and one deleted
# (jabber.org): the script has the new name and neither old one, and the
# server's partners it does not list are removed only under -Prune, else
# listed.
sed -e 's/^- domain: gmail.com$/- domain: gtalk.example/' "$d" |
	awk '/^- domain: jabber.org$/ { skip = 1; next } /^- domain:|^[a-z]/ { skip = 0 } !skip' \
	>"$T_TMP/renamed.yaml"
check_status "the renamed deployment is valid" 0 "$XMPPGW" check "$T_TMP/renamed.yaml"
check_status "export frontend-ps1 of the renamed deployment" 0 \
	"$XMPPGW" export frontend-ps1 "$T_TMP/renamed.yaml" -o "$T_TMP/renamed.ps1"
check_ps_parses "the renamed deployment's script parses" "$T_TMP/renamed.ps1"
check_eq "its partners: the new name, not the old ones" \
	"gtalk.example litwareinc.com tailspintoys.com adatum.com" \
	"$(sed -n "s/^        Identity = '\(.*\)'\r\$/\1/p" "$T_TMP/renamed.ps1" | tr '\n' ' ' | sed 's/ $//')"
ps_guards "$T_TMP/renamed.ps1" >"$T_TMP/guards"
check_eq "Remove-CsXmppAllowedPartner is called once, only under -Prune" \
	"$(printf 'Remove-CsXmppAllowedPartner\t$Prune')" \
	"$(grep '^Remove-' "$T_TMP/guards")"
check_eq "New-CsXmppAllowedPartner only for a partner the server lacks" \
	"$(printf 'New-CsXmppAllowedPartner\t$current.Count -eq 0')" \
	"$(grep '^New-CsXmppAllowedPartner' "$T_TMP/guards")"
check_eq "the server's partners are read before anything changes" "Get-CsXmppAllowedPartner" \
	"$(grep -m1 -E '^(Get|New|Set|Remove)-CsXmpp' "$T_TMP/guards")"
tr -d '\r' <"$T_TMP/renamed.ps1" | tr '\n' '~' >"$T_TMP/flat"
check_grep "without -Prune, a partner the deployment lacks is listed" \
	'    if ($Prune) {~        Invoke-XgChange -Target $id -Action $text.RemovePartner -Change {~            Remove-CsXmppAllowedPartner -Identity $id -Confirm:$false~        }~    } else {~        [void]$summary.Add(($text.Listed -f $id))~    }' \
	"$T_TMP/flat"
check_grep "the listing says how to remove it" \
	"Listed = '{0}: an XMPP federated partner on the server that the deployment does not list; kept (run the script with -Prune to remove it).'" \
	"$T_TMP/renamed.ps1"
check_grep "-Prune is the script's parameter" '~[CmdletBinding(SupportsShouldProcess = $true)]~param(~    [switch]$Prune~)~' \
	"$T_TMP/flat"

# xmppgw(1) gives each export an entry of its own.
if command -v groff >/dev/null 2>&1; then
	groff -man -Tascii -P-cbu "$top_srcdir/share/man/xmppgw.1" >"$T_TMP/man" 2>/dev/null
	for f in frontend-ps1 edge-ps1 inf zone; do
		check "xmppgw(1) has an entry for export $f" grep -qE "^ +export $f FILE\$" "$T_TMP/man"
	done
else
	ok "xmppgw(1) has an entry for each export # SKIP groff not installed"
fi

# -o naming the deployment file, under its name or through a link: refused.
cp "$d" "$T_TMP/self.yaml"
cp "$d" "$T_TMP/self.before"
ln -s self.yaml "$T_TMP/self-link.yaml"
check_status "-o the deployment file itself: usage error" 2 \
	"$XMPPGW" export frontend-ps1 "$T_TMP/self.yaml" -o "$T_TMP/self.yaml"
check_grep "the reason is given" "names the deployment file itself" "$T_TMP/err"
check_status "-o a link to the deployment file: usage error" 2 \
	"$XMPPGW" export zone "$T_TMP/self.yaml" -o "$T_TMP/self-link.yaml"
check "the deployment file is untouched" cmp -s "$T_TMP/self.yaml" "$T_TMP/self.before"

# Internal names are warned in the zone lines, not only by check.
"$XMPPGW" export zone "$top_srcdir/tests/fixtures/warnings/internal-name.yaml" \
	>"$T_TMP/internal.zone" 2>/dev/null
check "the zone lines warn about an internal name" grep -qF \
	"; Warning: Internal name: webcon.contoso.local. Public CAs refuse to certify it" \
	"$T_TMP/internal.zone"

done_testing
