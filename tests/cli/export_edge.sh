#!/bin/sh
# SPDX-License-Identifier: ISC
# xmppgw export edge-ps1: the Edge Server's script for a deployment with an
# issued certificate, for one whose Edge makes its own request, and with
# hostile text, compared line by line with the expected files and parsed by
# a real PowerShell grammar; what it must never call; the refusal without an
# issued certificate.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

umask 022
fx=$top_srcdir/tests/fixtures/export
ex=$top_srcdir/share/examples/contoso.yaml
rsquo=$(printf '\342\200\231')

# The issued certificate as `xmppgw cert import` records it.
issued() {
	awk -v pfx="$2" -v issuer="$3" '{ print }
	/^  request_on_edge: / {
		print "  issued:"
		print "    chain_file: edge-external-chain.pem"
		print "    key_file: edge-external.key"
		print "    thumbprint: 3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B"
		print "    serial: 5A0F3C1D9E2B7A64"
		print "    subject: CN=sip.contoso.com,O=Contoso Ltd,L=Redmond,ST=Washington,C=US"
		print "    issuer: " issuer
		print "    not_before: 2026-11-20T00:00:00Z"
		print "    not_after: 2027-11-20T23:59:59Z"
		print "    imported_at: 2026-11-25T10:00:00Z"
		print "    pfx_file: " pfx
	}' "$1"
}

# valid_but_files DESCRIPTION FILE: check finds nothing wrong in FILE but
# that the chain and key it records are not on this disk (the record is
# written by hand here, with a fixed thumbprint, so that the script can be
# compared with a file).
valid_but_files() {
	"$XMPPGW" check "$2" >/dev/null 2>"$T_TMP/check.err"
	if grep -v -e 'error: certificate\.issued\.chain_file: cannot read' \
		-e 'certificate\.issued\.key_file' "$T_TMP/check.err" >"$T_TMP/check.rest" ||
		! grep -q 'certificate\.issued\.chain_file' "$T_TMP/check.err"; then
		not_ok "$1"
		sed 's/^/#   /' "$T_TMP/check.err" | head -10
	else
		ok "$1"
	fi
}

# same_lines DESCRIPTION EXPECTED ACTUAL: equal line by line, the first
# differences shown.
same_lines() {
	if diff -u "$2" "$3" >"$T_TMP/diff"; then
		ok "$1"
	else
		not_ok "$1"
		tr -d '\r' <"$T_TMP/diff" | sed 's/^/#   /' | head -30
	fi
}

# no_command DESCRIPTION SCRIPT PATTERN: no command the script calls matches.
no_command() {
	ps_commands "$2" >"$T_TMP/commands"
	if grep -Eq -- "$3" "$T_TMP/commands"; then
		not_ok "$1"
		grep -E -- "$3" "$T_TMP/commands" | sed 's/^/#   calls /'
	else
		ok "$1"
	fi
}

has_command() { ps_commands "$2" | grep -qx -- "$3" && ok "$1" || not_ok "$1"; }

CMS='CsXmppAllowedPartner|CsExternalAccessPolicy|CsAccessEdgeConfiguration'

# --- an issued certificate: import, assign, check, restart ------------------
issued "$ex" edge-external.pfx "CN=Contoso Test Issuing CA 1,O=Contoso Test PKI,C=US" \
	>"$T_TMP/issued.yaml"
valid_but_files "the test copy with an issued certificate is valid" "$T_TMP/issued.yaml"
check_status "export edge-ps1 exits 0" 0 "$XMPPGW" export edge-ps1 "$T_TMP/issued.yaml"
cp "$T_TMP/out" "$T_TMP/edge.ps1"
same_lines "the script is contoso-edge.ps1, line by line" "$fx/contoso-edge.ps1" "$T_TMP/edge.ps1"
check_ps_parses "the script parses as PowerShell" "$T_TMP/edge.ps1"
check_eq "it starts with a UTF-8 byte order mark" "efbbbf" "$(head -c 3 "$T_TMP/edge.ps1" | od -An -tx1 | tr -d ' \n')"
check_eq "every line ends in CRLF" "$(wc -l <"$T_TMP/edge.ps1")" \
	"$(grep -c "$(printf '\r')\$" "$T_TMP/edge.ps1")"
for c in Import-CsCertificate Set-CsCertificate Get-CsCertificate Stop-CsWindowsService \
	Start-CsWindowsService Read-Host Test-Path; do
	has_command "it calls $c" "$T_TMP/edge.ps1" "$c"
done
no_command "it calls no cmdlet that writes the Central Management Store" "$T_TMP/edge.ps1" "$CMS"
no_command "it makes no request of its own" "$T_TMP/edge.ps1" '^Request-CsCertificate$'
check_grep "the thumbprint is the one recorded" \
	"\$thumbprint = '3F0C9A1B2C3D4E5F60718293A4B5C6D7E8F90A1B'" "$T_TMP/edge.ps1"
check_grep "the PFX is a parameter, beside the script by default" \
	"[string]\$PfxPath = (Join-Path \$PSScriptRoot 'edge-external.pfx')," "$T_TMP/edge.ps1"
check_grep "the password is read without echo" "Read-Host -AsSecureString" "$T_TMP/edge.ps1"
check_grep "the key is imported exportable" \
	"Import-CsCertificate -Path \$PfxPath -Password \$pw -PrivateKeyExportable \$true" "$T_TMP/edge.ps1"
check_grep "the three Edge external types are assigned" \
	"Set-CsCertificate -Type 'AccessEdgeExternal', 'DataEdgeExternal', 'AudioVideoAuthentication' -Thumbprint \$thumbprint" \
	"$T_TMP/edge.ps1"
check_grep "a renewal rolls A/V over at a date" \
	"Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint \$thumbprint -Roll -EffectiveDate \$EffectiveDate" \
	"$T_TMP/edge.ps1"
check_grep "it says every Edge imports the same PFX" "Every Edge Server of the pool imports the same .pfx" \
	"$T_TMP/edge.ps1"
check "no password is written into the script" sh -c '! grep -Eq -- "-Password +[^$]" "$1"' - "$T_TMP/edge.ps1"

check_status "export edge-ps1 -o exits 0" 0 "$XMPPGW" export edge-ps1 "$T_TMP/issued.yaml" -o "$T_TMP/o.ps1"
check "-o writes the same bytes" cmp "$T_TMP/edge.ps1" "$T_TMP/o.ps1"
check_eq "-o creates the file with mode 644" 644 "$(stat -c %a "$T_TMP/o.ps1")"

# --- the Edge makes its own request -------------------------------------------
sed 's/^  request_on_edge: false$/  request_on_edge: true/' "$ex" >"$T_TMP/onedge.yaml"
check_status "request_on_edge without an issued certificate: exits 0" 0 \
	"$XMPPGW" export edge-ps1 "$T_TMP/onedge.yaml"
cp "$T_TMP/out" "$T_TMP/onedge.ps1"
same_lines "the script is contoso-edge-request.ps1, line by line" "$fx/contoso-edge-request.ps1" \
	"$T_TMP/onedge.ps1"
check_ps_parses "the request script parses as PowerShell" "$T_TMP/onedge.ps1"
has_command "it calls Request-CsCertificate" "$T_TMP/onedge.ps1" Request-CsCertificate
no_command "it calls no cmdlet that writes the Central Management Store" "$T_TMP/onedge.ps1" "$CMS"
no_command "it imports and assigns nothing before the CA answers" "$T_TMP/onedge.ps1" \
	'^(Import|Set)-CsCertificate$'
check_grep "it says the key made on Linux is unused" "is then unused" "$T_TMP/onedge.ps1"
check_grep "the key is exportable" "    PrivateKeyExportable = \$true" "$T_TMP/onedge.ps1"
check_grep "the request names the SANs but the subject and sip.<domain>" \
	"    DomainName = 'webcon.contoso.com,contoso.com'" "$T_TMP/onedge.ps1"

# --- hostile text stays inert ---------------------------------------------------
hostile() {
	sed -e "s/^  friendly_name: Edge External\$/  friendly_name: 'Edge''s \"q\" \`b\` \$(Remove-Item C:\\\\) ; x${rsquo}y'/" \
		-e "s/^  organization: Contoso Ltd\$/  organization: 'Contoso'' \$(calc) \`\`Ltd${rsquo}'/" "$1"
}
issued "$ex" "'out/Edge''s \$(calc) \`n${rsquo}.pfx'" "'CN=Evil'' \$(x),O=\`\`,C=US'" >"$T_TMP/i.yaml"
hostile "$T_TMP/i.yaml" >"$T_TMP/hostile.yaml"
valid_but_files "the hostile file is valid" "$T_TMP/hostile.yaml"
check_status "hostile: export edge-ps1" 0 "$XMPPGW" export edge-ps1 "$T_TMP/hostile.yaml"
cp "$T_TMP/out" "$T_TMP/hostile.ps1"
same_lines "the hostile script is hostile-edge.ps1, line by line" "$fx/hostile-edge.ps1" \
	"$T_TMP/hostile.ps1"
check_ps_parses "the hostile script parses as PowerShell" "$T_TMP/hostile.ps1"
check_grep "the PFX name is one doubled-quote literal" \
	"(Join-Path \$PSScriptRoot 'Edge''s \$(calc) \`n${rsquo}${rsquo}.pfx')" "$T_TMP/hostile.ps1"
check_eq "the script calls what the example's calls, nothing more" \
	"$(ps_commands "$T_TMP/edge.ps1")" "$(ps_commands "$T_TMP/hostile.ps1")"
sed 's/^  request_on_edge: false$/  request_on_edge: true/' "$T_TMP/hostile.yaml" >"$T_TMP/hostile-req.yaml"
check_status "hostile, request_on_edge: export edge-ps1" 0 "$XMPPGW" export edge-ps1 "$T_TMP/hostile-req.yaml"
cp "$T_TMP/out" "$T_TMP/hostile-req.ps1"
same_lines "the hostile request script is hostile-edge-request.ps1, line by line" \
	"$fx/hostile-edge-request.ps1" "$T_TMP/hostile-req.ps1"
check_ps_parses "the hostile request script parses as PowerShell" "$T_TMP/hostile-req.ps1"
check_grep "the friendly name is one doubled-quote literal" \
	"    FriendlyName = 'Edge''s \"q\" \`b\` \$(Remove-Item C:\\) ; x${rsquo}${rsquo}y'" \
	"$T_TMP/hostile-req.ps1"
check_eq "the request script calls what the example's calls, nothing more" \
	"$(ps_commands "$T_TMP/onedge.ps1")" "$(ps_commands "$T_TMP/hostile-req.ps1")"

# --- no issued certificate, no request on the Edge: refused ----------------------
check_status "without an issued certificate: exits 1" 1 \
	"$XMPPGW" export edge-ps1 "$ex" -o "$T_TMP/none.ps1"
check_grep "the reason is given" "no issued certificate is recorded (certificate.issued.thumbprint)" \
	"$T_TMP/err"
check_grep "and what to do" "run \`xmppgw cert import\`" "$T_TMP/err"
check "no script is written" test ! -e "$T_TMP/none.ps1"
sed 's/^    thumbprint: .*$/    thumbprint: not-a-thumbprint/' "$T_TMP/issued.yaml" >"$T_TMP/badtp.yaml"
check_status "a thumbprint that is not 40 hex digits: exits 1" 1 \
	"$XMPPGW" export edge-ps1 "$T_TMP/badtp.yaml"
check_grep "the reason is given" "is not 40 hexadecimal digits" "$T_TMP/err"

done_testing
