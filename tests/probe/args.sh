#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw probe`'s arguments: each mistake is refused with status 2 and a
# message that says what is wrong, before any server is asked; what the
# user typed is shown escaped.
. "$top_srcdir/tests/lib.sh"

F="$T_TMP/xmppgw.yaml"
printf 'version: 1\ntopology:\n  sip_domains: [contoso.test]\n  access_edge_fqdn: e.contoso.test\n' >"$F"

# refused DESCRIPTION TEXT ARGS...: status 2 and TEXT on stderr.
refused() {
	desc=$1 text=$2
	shift 2
	"$XMPPGW" probe "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	check_eq "$desc: status 2" 2 "$?"
	check_grep "$desc: the reason" "$text" "$T_TMP/err"
}

refused "no file" "usage: xmppgw probe FILE"
refused "unknown option" "usage: xmppgw probe FILE" "$F" --bogus
refused "--timeout 0" '--timeout: "0" is not a number of milliseconds from 1 to 600000' "$F" --timeout 0
refused "--timeout word" '--timeout: "abc" is not a number' "$F" --timeout abc
refused "--timeout without a value" "usage: xmppgw probe FILE" "$F" --timeout
refused "--ca-file missing" "--ca-file $T_TMP/none.pem: cannot read trusted certificates from it (No such file or directory)" \
	"$F" --ca-file "$T_TMP/none.pem"
check "--ca-file missing: no (null)" sh -c "! grep -q '(null)' '$T_TMP/err'"
printf 'not a certificate\n' >"$T_TMP/junk.pem"
refused "--ca-file not PEM" "--ca-file $T_TMP/junk.pem: cannot read trusted certificates from it (no certificate or crl found)" \
	"$F" --ca-file "$T_TMP/junk.pem"
refused "--server not an address" 'bad DNS server "bogus"' "$F" --server bogus
refused "a domain with a quote" "\"a'b.test\" has the character" "$F" "a'b.test"
refused "a domain with an escape" '"a\x1b[31mb.test" has the character' "$F" "$(printf 'a\033[31mb.test')"
check "no raw escape character in the message" sh -c "! LC_ALL=C grep -q \"$(printf '\033')\" '$T_TMP/err'"
refused "a domain with an empty label" '"x..test" has an empty label' "$F" x..test
refused "a missing file" "cannot open" "$T_TMP/missing.yaml"

done_testing
