#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw probe` against a real Prosody (Debian's package) on loopback, in
# several setups, with dnsmasq for the SRV records. Each setup's verdict,
# rows and suggested row were worked out by hand from what that Prosody
# offers a peer that shows no certificate (the probe):
#   require_encryption on, secure_auth off, dialback: STARTTLS required,
#     dialback after TLS, no EXTERNAL -> TLS dialback only: rows 3 7 9 13
#     15, best 13 (TLS Required, SASL NotSupported, dialback).
#   require_encryption off: STARTTLS optional, dialback before and after
#     TLS -> TLS and TCP dialback: rows 3 5 7 9 11 13 15 17, best 13.
#   secure_auth on: the stream after TLS is closed for want of a
#     certificate -> certificate authentication only (SASL EXTERNAL): rows
#     1 2 3 4 7 8 9 10, best 2.
#   dialback module disabled: no features to offer after TLS, and the
#     stream closed -> the same as secure_auth: rows 1 2 3 4 7 8 9 10,
#     best 2.
#   self-signed or other-name certificate, dialback: rows 3 7 9 13 15 with
#     a warning (dialback proves the domain).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns/lib.sh"
. "$top_srcdir/tests/probe/lib.sh"

dns_have_dnsmasq || skip_all "dnsmasq not installed (Debian package dnsmasq-base)"
pr_have_prosody || skip_all "prosody not installed (tools/deps-debian installs it)"

C="$T_TMP/certs"
pr_ca "$C" || skip_all "openssl cannot make the test CA"
pr_leaf "$C" req ca req.test req17.test
pr_leaf "$C" opt ca opt.test
pr_leaf "$C" secure ca secure.test
pr_leaf "$C" nodb ca nodb.test
pr_leaf "$C" self self self.test
pr_leaf "$C" other ca other.invalid
pr_leaf "$C" own ca own.test

Z="$T_TMP/zone.conf"
echo "local=/test/" >"$Z"
# setup DOMAINS CERT OPTIONS: one Prosody for the DOMAINs, in the zone.
setup() {
	doms=$1
	# shellcheck disable=SC2086
	pr_start "${doms%% *}" "$C/$2" "$3" $doms || return 1
	for d in $doms; do pr_zone "$Z" "$d" "$PR_PORT"; done
}
ENC='s2s_require_encryption = true
s2s_secure_auth = false'
check "Prosody, encryption required" setup "req.test req17.test" req "$ENC"
check "Prosody, encryption optional" setup opt.test opt 's2s_require_encryption = false
s2s_secure_auth = false'
check "Prosody, secure auth" setup secure.test secure 's2s_require_encryption = true
s2s_secure_auth = true'
check "Prosody, dialback disabled" setup nodb.test nodb "$ENC
modules_disabled = { \"dialback\" }"
check "Prosody, self-signed certificate" setup self.test self "$ENC"
check "Prosody, certificate for another name" setup other.test other "$ENC"
check "Prosody, our own Edge" setup own.test own "$ENC"
# No SRV record: the domain itself on 5269 (RFC 6120), where nothing listens.
echo "host-record=fb.test,127.0.0.2" >>"$Z"
check "dnsmasq for the SRV records" dns_dnsmasq_start "$Z"

partner() {
	printf -- '- domain: %s\n  type: Federated\n  tls: %s\n  sasl: %s\n  dialback: %s\n' \
		"$1" "$2" "$3" "$4"
}
F="$T_TMP/xmppgw.yaml"
{
	cat <<EOF
version: 1
topology:
  sip_domains: [contoso.test]
  access_edge_fqdn: edge.contoso.test
  xmpp_domains: [own.test]
certificate:
  issued:
    thumbprint: $(pr_thumbprint "$C/own.pem")
partners:
EOF
	partner req.test Required NotSupported true
	partner req17.test NotSupported NotSupported true
	partner opt.test NotSupported NotSupported true
	partner secure.test Required Optional true
	partner nodb.test Required NotSupported true
	partner self.test Required NotSupported true
	partner other.test Required Required false
} >"$F"

# probe NAME DOMAIN [OPTIONS...]: runs the probe on one domain into $T_TMP/NAME.
probe() {
	name=$1
	shift
	"$XMPPGW" probe "$F" "$@" --server "127.0.0.1:$DNS_PORT" --timeout 3000 \
		>"$T_TMP/$name" 2>"$T_TMP/$name.err"
	echo $? >"$T_TMP/$name.rc"
}

# expect NAME STATUS ROWS BEST: the exit status, the rows that work and the best row.
expect() {
	check_eq "$1: exit status" "$2" "$(cat "$T_TMP/$1.rc")"
	check_grep "$1: rows that work" "  rows that work: $3" "$T_TMP/$1"
	if [ "$4" = none ]; then
		check "$1: no best row" sh -c "! grep -q 'best row' '$T_TMP/$1'"
	else
		check_grep "$1: best row $4" "  best row: $4 " "$T_TMP/$1"
	fi
}

CA="--ca-file=$C/ca.pem"
probe req req.test "$CA"
expect req 0 "3 7 9 13 15" 13
check_grep "req: works with row 13" "req.test (partner): works with its settings" "$T_TMP/req"
check_grep "req: STARTTLS required" "STARTTLS offered: yes; required: yes; dialback offered: yes." "$T_TMP/req"
check_grep "req: TLS 1.0 refused, 1.2 and 1.3 accepted" \
	"TLS versions: TLS 1.0 refused, TLS 1.2 accepted, TLS 1.3 accepted." "$T_TMP/req"
check_grep "req: Windows Server 2008 R2 remark" "TLS 1.2 or later only: a Lync 2013 Edge" "$T_TMP/req"
check_grep "req: dialback after TLS, no SASL" "After TLS: SASL mechanisms: none; dialback offered: yes." "$T_TMP/req"
check_grep "req: trusted with --ca-file" "Certificate: trusted, and valid for req.test." "$T_TMP/req"
check_grep "req: the SRV-ID is read" "SRV-ID _xmpp-server.req.test" "$T_TMP/req"
check_grep "req: the server that answered" "server: xmpp.req.test [127.0.0.1]:" "$T_TMP/req"

probe req-untrusted req.test
check_grep "without --ca-file the test CA is not trusted" "Warning: the certificate is not trusted" "$T_TMP/req-untrusted"
expect req-untrusted 0 "3 7 9 13 15" 13

probe req17 req17.test "$CA"
expect req17 1 "3 7 9 13 15" 13
check_grep "req17: its row cannot work, 13 suggested" \
	"The partner's settings, row 17 (TLS NotSupported, SASL NotSupported, dialback True: TCP dialback), cannot work: the server requires TLS. Choose row 13" "$T_TMP/req17"
check_grep "req17: FAILS" "req17.test (partner): FAILS with its settings" "$T_TMP/req17"

probe opt opt.test "$CA"
expect opt 0 "3 5 7 9 11 13 15 17" 13
check_grep "opt: STARTTLS optional, dialback before TLS" "STARTTLS offered: yes; required: no; dialback offered: yes." "$T_TMP/opt"

probe secure secure.test "$CA"
expect secure 0 "1 2 3 4 7 8 9 10" 2
check_grep "secure: the stream error after TLS is reported" "After TLS the server closed the stream with <not-authorized/>" "$T_TMP/secure"

probe nodb nodb.test "$CA"
expect nodb 1 "1 2 3 4 7 8 9 10" 2
check_grep "nodb: the stream error after TLS is reported" "After TLS the server closed the stream with <undefined-condition/> No stream features to offer" "$T_TMP/nodb"
check_grep "nodb: row 13 cannot work, why" "cannot work: the server refuses a peer without a trusted certificate, so dialback alone does not get in. Choose row 2" "$T_TMP/nodb"

probe self self.test "$CA"
expect self 0 "3 7 9 13 15" 13
check_grep "self: untrusted is a warning" "Warning: the certificate is not trusted (self-signed certificate)." "$T_TMP/self"

probe other other.test "$CA"
expect other 1 "3 7 9 13 15" 13
check_grep "other: wrong name is a warning" "Warning: the certificate does not name other.test." "$T_TMP/other"
check_grep "other: row 2 fails (no EXTERNAL seen)" "cannot work: the server did not offer SASL EXTERNAL" "$T_TMP/other"

probe own own.test "$CA"
check_eq "own: exit status" 0 "$(cat "$T_TMP/own.rc")"
check_grep "own: our domain" "own.test (our domain): works" "$T_TMP/own"
check_grep "own: the imported certificate" "Our Edge presents the imported certificate (thumbprint $(pr_thumbprint "$C/own.pem"))." "$T_TMP/own"
probe all "$CA"
check_eq "every partner and our domain: exit status 1" 1 "$(cat "$T_TMP/all.rc")"
check_grep "every partner and our domain: summary" "8 domains probed in" "$T_TMP/all"
check_grep "every partner and our domain: 5 work (req opt secure self own)" ": 5 work, 3 do not" "$T_TMP/all"

sed -i "s/thumbprint: .*/thumbprint: $(pr_thumbprint "$C/req.pem")/" "$F"
probe own-old own.test "$CA"
check_eq "own, another thumbprint: exit status" 1 "$(cat "$T_TMP/own-old.rc")"
check_grep "own, another thumbprint: said" "not the imported certificate's $(pr_thumbprint "$C/req.pem")" "$T_TMP/own-old"

probe nxd nowhere.test "$CA"
check_eq "no such domain: exit status" 1 "$(cat "$T_TMP/nxd.rc")"
check_grep "no such domain: DNS says why" "failure: DNS gave no address to ask" "$T_TMP/nxd"

probe fb fb.test "$CA"
check_grep "no SRV record: the fallback is said" "No SRV record for _xmpp-server._tcp.fb.test: the domain itself on port 5269 was asked (RFC 6120 3.2.1)." "$T_TMP/fb"
if python3 -c 'import socket; socket.create_connection(("127.0.0.2", 5269), 1)' 2>/dev/null; then
	ok "# SKIP something listens on 127.0.0.2:5269"
else
	check_grep "no SRV record: the domain's address on 5269 was tried" "failure: cannot connect to fb.test [127.0.0.2]:5269: Connection refused" "$T_TMP/fb"
fi

check_status "usage: no file" 2 "$XMPPGW" probe
check_status "usage: bad --timeout" 2 "$XMPPGW" probe "$F" --timeout 0
check_status "unreadable --ca-file" 2 "$XMPPGW" probe "$F" --ca-file "$T_TMP/none.pem" --server 127.0.0.1:1
check_grep "unreadable --ca-file: said" "--ca-file $T_TMP/none.pem" "$T_TMP/err"

done_testing
