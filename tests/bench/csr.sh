#!/bin/sh
# `xmppgw csr FILE --key EXISTING` against `openssl req -new -key EXISTING`
# on the same data (subject, SANs, key usage, EKU, template), both from an
# existing 2048-bit key. Prints the times; asserts nothing about them.
# Measure on a build configured without --enable-sanitizers.
if [ -z "${XMPPGW:-}" ] && [ -x ./xmppgw ]; then XMPPGW=$(pwd)/xmppgw; fi
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

RUNS=${RUNS:-200}
command -v openssl >/dev/null || { echo "csr bench: no openssl command"; exit 1; }
[ -x "$XMPPGW" ] || { echo "csr bench: no xmppgw at $XMPPGW (build first)"; exit 1; }
if ldd "$XMPPGW" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "warning: $XMPPGW is built with sanitizers; its times mean little"
fi

W=$T_TMP/bench
mkdir "$W"
cd "$W" || exit 1
cp "$top_srcdir/share/examples/contoso.yaml" contoso.yaml
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out existing.key 2>/dev/null
# What contoso.yaml asks for, in openssl req's terms.
cat >req.cnf <<'EOF'
[req]
prompt = no
distinguished_name = dn
req_extensions = ext
string_mask = utf8only
utf8 = yes
[dn]
CN = sip.contoso.com
O = Contoso Ltd
L = Redmond
ST = Washington
C = US
[ext]
subjectAltName = DNS:sip.contoso.com, DNS:webcon.contoso.com, DNS:sip.fabrikam.com, DNS:contoso.com
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
1.3.6.1.4.1.311.20.2 = ASN1:BMPSTRING:WebServer
EOF

XG="$XMPPGW csr contoso.yaml --key existing.key"
OS="openssl req -new -key existing.key -config req.cnf -out openssl.csr"
$XG >/dev/null || { echo "csr bench: xmppgw csr failed"; exit 1; }
$OS || { echo "csr bench: openssl req failed"; exit 1; }
# PKCS#1 v1.5 signatures are deterministic: the same request content gives
# the same bytes, so this shows both did the same work.
if cmp -s edge-external.csr openssl.csr; then
	echo "same data: the two requests are byte-identical"
else
	echo "warning: the two requests differ; the comparison is not like for like"
fi

# The durable writes (fsync of the request, the YAML and their folder) are
# what openssl does not do; a shim that turns fsync into a no-op shows
# their share. Built only when a C compiler is at hand.
NOSYNC=
if command -v cc >/dev/null &&
	printf 'int fsync(int fd) { (void)fd; return 0; }\n' >nosync.c &&
	cc -shared -fPIC -O2 -o nosync.so nosync.c 2>/dev/null; then
	NOSYNC=$W/nosync.so
fi

# ms per run of "$@", by a plain loop (when hyperfine is missing).
loop_ms() {
	start=$(date +%s%N)
	i=0
	while [ $i -lt "$RUNS" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	end=$(date +%s%N)
	echo "$(((end - start) / RUNS / 1000))" | awk '{printf "%.2f ms (mean of '"$RUNS"' runs, loop)\n", $1 / 1000}'
}

if command -v hyperfine >/dev/null; then
	set -- "$XG" "$OS"
	[ -n "$NOSYNC" ] && set -- "$@" "env LD_PRELOAD=$NOSYNC $XG" "env LD_PRELOAD=$NOSYNC $OS"
	hyperfine -N --warmup 10 --runs "$RUNS" --export-json times.json "$@" >/dev/null 2>&1 ||
		{ echo "csr bench: hyperfine failed"; exit 1; }
	python3 - times.json <<'EOF' 2>/dev/null || cat times.json
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
label = ["xmppgw csr --key", "openssl req -new -key",
         "xmppgw csr --key, fsync disabled", "openssl req -new -key, fsync disabled"]
for name, r in zip(label, res):
    t = [x * 1e3 for x in r["times"]]
    print("%-38s mean %6.2f ms  median %6.2f  min %6.2f  sd %5.2f  user %5.2f  sys %5.2f" %
          (name, statistics.mean(t), statistics.median(t), min(t), statistics.stdev(t),
           r["user"] * 1e3, r["system"] * 1e3))
m = [statistics.median(r["times"]) for r in res]
print("xmppgw / openssl (medians): %.2f" % (m[0] / m[1]))
if len(m) == 4:
    print("without fsync:              %.2f" % (m[2] / m[3]))
EOF
else
	printf '%-38s %s\n' "xmppgw csr --key" "$(loop_ms $XG)"
	printf '%-38s %s\n' "openssl req -new -key" "$(loop_ms $OS)"
fi
exit 0
