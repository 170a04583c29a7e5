#!/bin/sh
# SPDX-License-Identifier: ISC
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
cp "$top_srcdir/tests/fixtures/contoso-req.cnf" req.cnf

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

# xmppgw replaces the request and the YAML atomically (temporary file,
# fsync, rename, folder fsync); openssl truncates its output in place. A
# shim that turns fsync into a no-op shows fsync's part of the difference.
# Built only when a C compiler is at hand.
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
	# Short batches, one after the other, so that a change in the machine's
	# load (the disk above all) touches every command alike.
	b=0
	while [ $b -lt 10 ]; do
		hyperfine -N --warmup 3 --runs $((RUNS / 10)) --export-json "times$b.json" "$@" \
			>/dev/null 2>&1 || { echo "csr bench: hyperfine failed"; exit 1; }
		b=$((b + 1))
	done
	python3 - times*.json <<'EOF'
import json, statistics, sys
label = ["xmppgw csr --key", "openssl req -new -key",
         "xmppgw csr --key, fsync disabled", "openssl req -new -key, fsync disabled"]
runs, cpu = {}, {}
for f in sys.argv[1:]:
    for i, r in enumerate(json.load(open(f))["results"]):
        runs.setdefault(i, []).extend(x * 1e3 for x in r["times"])
        cpu.setdefault(i, []).append((r["user"] + r["system"]) * 1e3)
med = []
for i in sorted(runs):
    t = runs[i]
    med.append(statistics.median(t))
    print("%-38s median %6.2f ms  mean %6.2f  min %6.2f  sd %5.2f  cpu %5.2f  (%d runs)" %
          (label[i], med[-1], statistics.mean(t), min(t), statistics.stdev(t),
           statistics.mean(cpu[i]), len(t)))
print("xmppgw / openssl (medians): %.2f" % (med[0] / med[1]))
if len(med) == 4:
    print("the same without fsync:     %.2f" % (med[2] / med[3]))
EOF
else
	printf '%-38s %s\n' "xmppgw csr --key" "$(loop_ms $XG)"
	printf '%-38s %s\n' "openssl req -new -key" "$(loop_ms $OS)"
fi
exit 0
