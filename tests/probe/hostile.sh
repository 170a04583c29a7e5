#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw probe` against a hostile server on loopback (tests/probe/hostile.py):
# each bad behaviour gets a verdict of its own, within the bounds (a stage
# of 1000 ms, 256 KiB per connection), and whatever the server sent is
# shown escaped. A TLS 1.0-only server and one that offers SASL EXTERNAL
# complete the rule's cases.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"
. "$top_srcdir/tests/probe/lib.sh"

dns_have_dnsmasq || skip_all "dnsmasq not installed (Debian package dnsmasq-base)"
command -v python3 >/dev/null || skip_all "python3 not installed"

C="$T_TMP/certs"
pr_ca "$C" || skip_all "openssl cannot make the test CA"
HS_PIDS=""
hs_stop() { for p in $HS_PIDS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
at_exit hs_stop

Z="$T_TMP/zone.conf"
echo "local=/test/" >"$Z"
F="$T_TMP/xmppgw.yaml"
printf 'version: 1\ntopology:\n  sip_domains: [contoso.test]\n  access_edge_fqdn: e.contoso.test\npartners:\n' >"$F"

# hostile NAME [4|6 [MODE]]: a server of that MODE (default NAME) for
# NAME.test, in the zone and the file, with the certificate $C/NAME.pem
# (one from the test CA for NAME.test unless there is one); with 6 it
# listens on ::1 and DNS gives only that address.
hostile() {
	[ -f "$C/$1.pem" ] || pr_leaf "$C" "$1" ca "$1.test"
	HOSTILE_FAMILY=${2:-4} python3 "$top_srcdir/tests/probe/hostile.py" "${3:-$1}" "$C/$1.pem" \
		"$C/$1.key" >"$T_TMP/$1.port" &
	HS_PIDS="$HS_PIDS $!"
	i=0
	while [ "$i" -lt 100 ] && ! [ -s "$T_TMP/$1.port" ]; do sleep 0.05; i=$((i + 1)); done
	if [ "${2:-4}" = 6 ]; then
		printf 'host-record=xmpp.%s,::1\nsrv-host=_xmpp-server._tcp.%s,xmpp.%s,%s,0,0\n' \
			"$1.test" "$1.test" "$1.test" "$(cat "$T_TMP/$1.port")" >>"$Z"
	else
		pr_zone "$Z" "$1.test" "$(cat "$T_TMP/$1.port")"
	fi
	printf -- '- domain: %s.test\n  type: Federated\n  tls: Required\n  sasl: NotSupported\n  dialback: true\n' "$1" >>"$F"
}
for m in slowloris close malformed bomb big junk tls10 sasl error spoof hdrclose featwait \
	noproceed tlsstall slowtls bigtag; do
	hostile "$m"
done
hostile tls10v6 6
# A certificate from the test CA for client authentication only: not one a
# TLS client such as the Edge accepts from a server.
pr_leaf "$C" clientonly ca clientonly.test
printf 'subjectAltName=DNS:clientonly.test\nextendedKeyUsage=clientAuth\n' >"$C/clientonly.ext"
openssl x509 -req -in "$C/clientonly.csr" -CA "$C/ca.pem" -CAkey "$C/ca.key" -CAcreateserial \
	-days 2 -extfile "$C/clientonly.ext" -out "$C/clientonly.pem" 2>/dev/null
hostile clientonly 4 tls10
# A certificate whose dNSName and SRV-ID are nul.test's, a NUL byte, then
# ".evil.test" (made with python3-cryptography when it is there).
NUL=false
if python3 -c 'import cryptography' 2>/dev/null &&
	python3 "$top_srcdir/tests/probe/nulcert.py" "$C" nul.test "$C/nul"; then
	NUL=true
	hostile nul 4 sasl
fi
check "dnsmasq for the SRV records" dns_dnsmasq_start "$Z"

"$XMPPGW" probe "$F" --server "127.0.0.1:$DNS_PORT" --timeout 1000 --ca-file "$C/ca.pem" \
	>"$T_TMP/out" 2>"$T_TMP/err"
check_eq "exit status 1: some domains do not work" 1 "$?"
check_grep "all, and our own domain, get a verdict" "$(if $NUL; then echo 20; else echo 19; fi) domains probed in" "$T_TMP/out"

# section DOMAIN: that domain's lines of the output.
section() { awk -v d="$1 (" 'index($0, d) == 1 { on = 1; print; next } /^[^ ]/ { on = 0 } on' "$T_TMP/out"; }
has() {
	section "$2" >"$T_TMP/sec"
	check_grep "$1" "$3" "$T_TMP/sec"
}

has "slowloris: a bound on the stage" slowloris.test "failure: no answer within 1000 ms while waiting for the stream features"
has "close mid-stream" close.test "failure: the server closed the connection while we waited for the stream features"
has "malformed XML" malformed.test "failure: malformed XML at line 1"
has "entity bomb refused" bomb.test "failure: the server sent a document type declaration"
has "10 MB stanza stopped at 256 KiB" big.test "failure: the server sent more than 256 KiB while we waited for the stream features"
has "10 MB in one tag stopped at 16 KiB" bigtag.test "failure: the server sent more than 16 KiB in one XML tag: stopped reading"
has "junk after TLS: TLS worked" junk.test "TLS versions: TLS 1.0 refused, TLS 1.2 accepted, TLS 1.3 accepted."
has "junk after TLS: its own verdict" junk.test "- After TLS: malformed XML"
has "junk after TLS: no row" junk.test "rows that work: none"
has "TLS 1.0 only: versions" tls10.test "TLS versions: TLS 1.0 accepted, TLS 1.2 refused, TLS 1.3 refused."
has "TLS 1.0 only: the Windows Server 2008 R2 remark" tls10.test "TLS 1.0 only: a Lync 2013 Edge on an unpatched Windows Server 2008 R2 can connect"
has "TLS 1.0 only: dialback rows work" tls10.test "rows that work: 3 7 9 13 15"
has "TLS 1.0 only: works with row 13" tls10.test "tls10.test (partner): works with its settings"
has "EXTERNAL offered: seen" sasl.test "After TLS: SASL mechanisms: EXTERNAL; dialback offered: no."
has "EXTERNAL offered: SASL rows" sasl.test "rows that work: 1 2 3 4 7 8 9 10"
has "EXTERNAL offered: best row 2" sasl.test "best row: 2 "
has "EXTERNAL offered: row 13 fails, 2 suggested" sasl.test "cannot work: the server does not offer dialback after TLS. Choose row 2"
has "stream error: its condition" error.test "failure: the server closed the stream with <policy-violation/>"
has "stream error: C1 controls escaped" error.test 'go \u009b31m away\u0085'
has "bidi controls escaped" spoof.test 'ok\u202egnp.exe\u2066x\u2069 \u202a\u202b\u202c\u202d\u2067\u2068'
check "no raw bidi control from the server in the output" sh -c "! LC_ALL=C grep -q \"$(printf '\342\200\256')\" '$T_TMP/out'"
has "the whole header, then closed" hdrclose.test "failure: the server closed the connection while we waited for the stream features"
has "features then silence: read as they arrive" featwait.test "Before TLS: STARTTLS offered: no; required: no; dialback offered: yes."
has "features then silence: TCP dialback rows" featwait.test "rows that work: 3 5 9 11 15 17"
has "features then silence: row 17 suggested" featwait.test "cannot work: the server does not offer STARTTLS. Choose row 17"
has "STARTTLS never answered: a bound" noproceed.test "TLS 1.2: no answer within 1000 ms while waiting for the answer to STARTTLS."
has "STARTTLS never answered: no row" noproceed.test "rows that work: none"
has "handshake stalls: a bound" tlsstall.test "TLS 1.2: no answer within 1000 ms while waiting for the TLS handshake."
has "slowloris after TLS: TLS worked" slowtls.test "TLS 1.0 refused, TLS 1.2 accepted, TLS 1.3 accepted."
has "slowloris after TLS: a bound" slowtls.test "After TLS: no answer within 1000 ms while waiting for the stream features after TLS."
has "IPv6 loopback: the address DNS gave" tls10v6.test "server: xmpp.tls10v6.test [::1]:"
has "IPv6 loopback: works with row 13" tls10v6.test "tls10v6.test (partner): works with its settings"
has "client-only certificate: not trusted as a server's" clientonly.test "Warning: the certificate is not trusted (unsuitable certificate purpose)."
has "client-only certificate: dialback rows still work" clientonly.test "rows that work: 3 7 9 13 15"
if $NUL; then
	has "a NUL in the names: shown" nul.test 'names: nul.test\x00.evil.test, SRV-ID _xmpp-server.nul.test\x00.evil.test.'
	has "a NUL in the names: they do not name the domain" nul.test "Warning: the certificate does not name nul.test."
	has "a NUL in the names: the SASL rows fail" nul.test "rows that work: none"
else
	ok "# skip python3-cryptography not installed"
	ok "# skip python3-cryptography not installed"
	ok "# skip python3-cryptography not installed"
fi
check "no raw C1 control from the server in the output" sh -c "! LC_ALL=C grep -q \"$(printf '\302\233')\" '$T_TMP/out'"
check "no escape character in the output" sh -c "! LC_ALL=C grep -q \"$(printf '\033')\" '$T_TMP/out'"

# An untrusted certificate fails the SASL rows only.
"$XMPPGW" probe "$F" sasl.test tls10.test --server "127.0.0.1:$DNS_PORT" --timeout 1000 >"$T_TMP/out" 2>&1
has "untrusted: SASL rows fail" sasl.test "rows that work: none"
has "untrusted: said for SASL" sasl.test "Rows that authenticate by SASL EXTERNAL fail with this certificate"
has "untrusted: dialback rows still work" tls10.test "rows that work: 3 7 9 13 15"
has "untrusted: a warning for dialback" tls10.test "Warning: the certificate is not trusted"

done_testing
