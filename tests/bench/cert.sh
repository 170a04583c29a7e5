#!/bin/sh
# SPDX-License-Identifier: ISC
# cert import + cert pfx with a 4096-bit key, against `openssl pkcs12
# -export -legacy` writing the same PFX (3DES bags, SHA-1 MAC, 2048
# iterations) as the baseline; then the checks of import run on bad
# certificates (tests/bench/certcheck), time per check. Prints the times;
# asserts nothing about them. Measure on a build configured without
# --enable-sanitizers.
if [ -z "${XMPPGW:-}" ] && [ -x ./xmppgw ]; then XMPPGW=$(pwd)/xmppgw; fi
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/cert/ca.sh"

RUNS=${RUNS:-20}
CHECKS=${CHECKS:-1000}
CERTCHECK=${CERTCHECK:-$top_builddir/tests/bench/certcheck}
command -v openssl >/dev/null || { echo "cert bench: no openssl command"; exit 1; }
[ -x "$XMPPGW" ] || { echo "cert bench: no xmppgw at $XMPPGW (build first)"; exit 1; }
[ -x "$CERTCHECK" ] || { echo "cert bench: no $CERTCHECK (make tests/bench/certcheck)"; exit 1; }
if ldd "$XMPPGW" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "warning: $XMPPGW is built with sanitizers; its times mean little"
fi

W=$T_TMP/bench CA=$T_TMP/ca
mkdir "$W"
cd "$W" || exit 1
sed 's/^  key_bits: 2048$/  key_bits: 4096/' "$top_srcdir/share/examples/contoso.yaml" >contoso.yaml
"$XMPPGW" csr contoso.yaml >/dev/null 2>&1 || { echo "cert bench: xmppgw csr failed"; exit 1; }
openssl pkey -in edge-external.key -noout -text 2>/dev/null | grep -q "4096 bit" ||
	{ echo "cert bench: the key is not 4096-bit"; exit 1; }
ca_make "$CA" edge-external.csr || { echo "cert bench: the test CA failed"; exit 1; }
cat "$CA/root.pem" "$CA/leaf-good.pem" "$CA/int.pem" >bundle.pem
echo 'bench pfx password' >pw
cp contoso.yaml before.yaml

# ms per run of "$@", mean of RUNS.
loop_ms() {
	start=$(date +%s%N)
	i=0
	while [ $i -lt "$RUNS" ]; do "$@" >/dev/null 2>&1 || return 1; i=$((i + 1)); done
	end=$(date +%s%N)
	echo "$(((end - start) / RUNS / 1000))" | awk '{printf "%8.2f ms", $1 / 1000}'
}
import() { cp before.yaml contoso.yaml && "$XMPPGW" cert import contoso.yaml bundle.pem; }
pfx() { "$XMPPGW" cert pfx contoso.yaml --force --pfx-passphrase-fd 3 3<pw; }
ossl() {
	openssl pkcs12 -export -legacy -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 \
		-iter 2048 -name "Edge External" -inkey edge-external.key -in "$CA/leaf-good.pem" \
		-certfile "$CA/int.pem" -passout file:pw -out openssl.pfx
}
import >/dev/null 2>&1 || { echo "cert bench: import failed"; exit 1; }
pfx >/dev/null 2>&1 || { echo "cert bench: pfx failed"; exit 1; }
ossl 2>/dev/null || { echo "cert bench: openssl pkcs12 -export failed"; exit 1; }
for f in edge-external.pfx openssl.pfx; do
	openssl pkcs12 -in "$f" -info -noout -passin file:pw 2>&1 | grep -c "TripleDES" |
		grep -qx 2 || echo "warning: $f is not 3DES for both bags; not like for like"
done

echo "4096-bit key, leaf + intermediate, mean of $RUNS runs:"
printf '  %-52s %s\n' "xmppgw cert import (read, check, chain, save)" "$(loop_ms import)"
printf '  %-52s %s\n' "xmppgw cert pfx (build, write 0600, read back, verify)" "$(loop_ms pfx)"
printf '  %-52s %s\n' "openssl pkcs12 -export -legacy (same algorithms)" "$(loop_ms ossl)"

import >/dev/null 2>&1
cat "$CA/leaf-good.pem" "$CA/int-rekeyed.pem" >"$CA/leaf-badsig.pem"
echo "cert_import on refused certificates, $CHECKS runs each (4096-bit key):"
"$CERTCHECK" "$CHECKS" contoso.yaml "$CA/leaf-expired.pem" "$CA/leaf-future.pem" \
	"$CA/leaf-nosan.pem" "$CA/leaf-wildcard.pem" "$CA/leaf-noserver.pem" "$CA/leaf-ku.pem" \
	"$CA/leaf-pss.pem" "$CA/leaf-wrongkey.pem" "$CA/leaf-badsig.pem" |
	sed 's/^/  /' || { echo "cert bench: certcheck failed"; exit 1; }
exit 0
