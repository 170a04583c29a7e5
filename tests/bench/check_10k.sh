#!/bin/sh
# SPDX-License-Identifier: ISC
# Benchmark (not a test): a deployment with 10,000 partners; times
# `xmppgw check` on it and a load + save, and prints wall time and peak RSS.
# Targets on a 2-core machine: check under 100 ms, peak RSS under 32 MiB.
# Run from a build folder (`make bench` does); XMPPGW and LOADSAVE override
# where the programs are. Figures from a sanitizer build are not meaningful.
set -u

XMPPGW=${XMPPGW:-./xmppgw}
LOADSAVE=${LOADSAVE:-./tests/bench/loadsave}
PARTNERS=${PARTNERS:-10000}
RUNS=${RUNS:-20}

for p in "$XMPPGW" "$LOADSAVE"; do
	if [ ! -x "$p" ]; then
		echo "check_10k: $p not found; run from the build folder after make" >&2
		exit 2
	fi
done
if grep -q __asan_init "$XMPPGW" 2>/dev/null; then
	echo "note: $XMPPGW is a sanitizer build; configure without --enable-sanitizers for real figures"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xmppgw-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
file=$tmp/partners.yaml

# Partners on the warning-free negotiation rows, all three types, every
# fourth with two additional domains.
awk -v n="$PARTNERS" 'BEGIN {
	print "version: 1"
	print "topology:\n  sip_domains:\n  - contoso.com\n  - fabrikam.com"
	print "  access_edge_fqdn: sip.contoso.com\n  webconf_edge_fqdn: webcon.contoso.com"
	print "  av_edge_fqdn: av.contoso.com\n  xmpp_proxy: true\n  xmpp_domains:\n  - contoso.com"
	print "certificate:\n  template: WebServer\n  organization: Contoso Ltd\n  country: US"
	print "  state: Washington\n  city: Redmond\n  sip_domain_sans:\n  - contoso.com"
	print "partners:"
	split("Federated PublicVerified PublicUnverified", type, " ")
	split("Required Required Required Optional NotSupported", tls, " ")
	split("Required Optional NotSupported NotSupported NotSupported", sasl, " ")
	split("false true true true true", dialback, " ")
	for (i = 0; i < n; i++) {
		r = i % 5 + 1
		printf "- domain: partner%05d.com\n  description: Partner number %d\n", i, i
		if (i % 4 == 0)
			printf "  additional_domains:\n  - chat.partner%05d.com\n  - eu.partner%05d.com\n", i, i
		else
			print "  additional_domains: []"
		printf "  type: %s\n  tls: %s\n  sasl: %s\n", type[i % 3 + 1], tls[r], sasl[r]
		printf "  dialback: %s\n  keep_alive: true\n", dialback[r]
	}
	print "access_policy:\n  enable_xmpp_access: true\ndns:\n  ttl: 3600\n  priority: 0\n  weight: 0"
}' >"$file"
echo "deployment: $PARTNERS partners, $(wc -c <"$file") bytes, $(wc -l <"$file") lines"

if ! "$XMPPGW" check "$file"; then
	echo "check_10k: the generated file does not pass xmppgw check" >&2
	exit 1
fi

echo "== xmppgw check"
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --style basic --warmup 3 --runs "$RUNS" "$XMPPGW check $file" 2>&1 |
		grep -E 'Time|Range'
else
	best= total=0 i=0
	while [ "$i" -lt "$RUNS" ]; do
		t0=$(date +%s%N)
		"$XMPPGW" check "$file"
		t=$((($(date +%s%N) - t0) / 1000))
		total=$((total + t))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
		i=$((i + 1))
	done
	echo "  wall time over $RUNS runs: best $((best / 1000)).$(((best % 1000) / 100)) ms," \
		"mean $((total / RUNS / 1000)).$(((total / RUNS % 1000) / 100)) ms"
fi
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '  peak RSS: %M KiB (wall %e s)' "$XMPPGW" check "$file" 2>&1
else
	echo "  peak RSS: /usr/bin/time not installed"
fi

echo "== load + save"
"$LOADSAVE" "$file" "$tmp/saved.yaml" 5 | sed 's/^/  /'
