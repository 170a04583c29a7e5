#!/bin/sh
# xmppgw export ps1|inf|zone: the example deployment against the expected
# files, -o (atomic, mode), hostile text through the YAML file, and the
# refusals: bad usage, a file with errors, what an export cannot do without.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

umask 022
fx=$top_srcdir/tests/fixtures/export
d=$T_TMP/contoso.yaml
cp "$top_srcdir/share/examples/contoso.yaml" "$d"

for f in ps1 inf zone; do
	check_status "export $f exits 0" 0 "$XMPPGW" export $f "$d"
	check "export $f is contoso.$f, byte for byte" cmp "$fx/contoso.$f" "$T_TMP/out"
	check_status "export $f -o exits 0" 0 "$XMPPGW" export $f "$d" -o "$T_TMP/o.$f"
	check "-o writes the same bytes" cmp "$fx/contoso.$f" "$T_TMP/o.$f"
	check_eq "-o prints nothing" "" "$(cat "$T_TMP/out")"
	check_eq "-o creates the file with mode 644" 644 "$(stat -c %a "$T_TMP/o.$f")"
done

chmod 600 "$T_TMP/o.ps1"
check_status "-o before the operands, over an existing file" 0 \
	"$XMPPGW" export --output "$T_TMP/o.ps1" ps1 "$d"
check "the replaced file has the new bytes" cmp "$fx/contoso.ps1" "$T_TMP/o.ps1"
check_eq "the replaced file keeps its mode" 600 "$(stat -c %a "$T_TMP/o.ps1")"
check_eq "no temporary file is left behind" "o.inf o.ps1 o.zone" \
	"$(cd "$T_TMP" && ls o.* | tr '\n' ' ' | sed 's/ $//')"

# Usage and I/O.
check_status "no arguments: usage" 2 "$XMPPGW" export
check_grep "usage is shown" "usage: xmppgw export ps1|edge-ps1|inf|zone FILE" "$T_TMP/err"
check_status "unknown format: usage" 2 "$XMPPGW" export pdf "$d"
check_grep "the format is named" "unknown export format: pdf" "$T_TMP/err"
check_status "extra operand: usage" 2 "$XMPPGW" export ps1 "$d" "$d"
check_status "unknown option: usage" 2 "$XMPPGW" export ps1 "$d" --bogus
check_status "-o without a value: usage" 2 "$XMPPGW" export ps1 "$d" -o
check_status "missing file: 2" 2 "$XMPPGW" export ps1 "$T_TMP/none.yaml"
check_status "unwritable OUT: 2" 2 "$XMPPGW" export ps1 "$d" -o "$T_TMP/no/such/dir/x.ps1"

# A file with errors is not exported.
sed 's/^  key_bits: 2048$/  key_bits: 1024/' "$d" >"$T_TMP/bad.yaml"
check_status "a file with errors: 1" 1 "$XMPPGW" export ps1 "$T_TMP/bad.yaml" -o "$T_TMP/bad.ps1"
check_grep "the error is shown" "key_bits" "$T_TMP/err"
check "nothing is written" test ! -e "$T_TMP/bad.ps1"

# Without an Access Edge FQDN: no INF and no zone lines, a script without
# the certificate request.
grep -v '^  access_edge_fqdn:' "$d" >"$T_TMP/noedge.yaml"
check_status "the file without an Access Edge FQDN is valid" 0 "$XMPPGW" check "$T_TMP/noedge.yaml"
check_status "inf without an Access Edge FQDN: 1" 1 \
	"$XMPPGW" export inf "$T_TMP/noedge.yaml" -o "$T_TMP/noedge.inf"
check_grep "the reason is given" "no Access Edge FQDN (topology.access_edge_fqdn)" "$T_TMP/err"
check "no INF is written" test ! -e "$T_TMP/noedge.inf"
check_status "zone without an Access Edge FQDN: 1" 1 "$XMPPGW" export zone "$T_TMP/noedge.yaml"
check_grep "the reason is given" "no SRV target" "$T_TMP/err"
check_status "ps1 without an Access Edge FQDN: 0" 0 "$XMPPGW" export ps1 "$T_TMP/noedge.yaml"
check_grep "the script says why there is no request" "# No certificate request" "$T_TMP/out"
if grep -q Request-CsCertificate "$T_TMP/out"; then not_ok "no Request-CsCertificate"; else ok "no Request-CsCertificate"; fi

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
check_status "hostile description: export ps1" 0 "$XMPPGW" export ps1 "$T_TMP/hostile.yaml"
check_grep "the description is one doubled-quote literal" \
	"    Description = 'It''s \"q\" \`b\` \$(Remove-Item C:\\) ; x${rsquo}${rsquo}y'" "$T_TMP/out"
cp "$T_TMP/out" "$T_TMP/hostile.ps1"
check_ps_parses "the hostile script parses as PowerShell" "$T_TMP/hostile.ps1"
check_ps_parses "the example's script parses as PowerShell" "$fx/contoso.ps1"
sed 's/^  description: Google Talk$/  description: "two\\nlines"/' "$d" >"$T_TMP/newline.yaml"
check_status "a line break in a description is refused by the file's rules" 1 \
	"$XMPPGW" export ps1 "$T_TMP/newline.yaml"
check_grep "the reason is given" "partners[0].description: the text holds a control character" \
	"$T_TMP/err"

# -o naming the deployment file, under its name or through a link: refused.
cp "$d" "$T_TMP/self.yaml"
cp "$d" "$T_TMP/self.before"
ln -s self.yaml "$T_TMP/self-link.yaml"
check_status "-o the deployment file itself: usage error" 2 \
	"$XMPPGW" export ps1 "$T_TMP/self.yaml" -o "$T_TMP/self.yaml"
check_grep "the reason is given" "names the deployment file itself" "$T_TMP/err"
check_status "-o a link to the deployment file: usage error" 2 \
	"$XMPPGW" export zone "$T_TMP/self.yaml" -o "$T_TMP/self-link.yaml"
check "the deployment file is untouched" cmp -s "$T_TMP/self.yaml" "$T_TMP/self.before"

done_testing
