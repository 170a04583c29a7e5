#!/bin/sh
# SPDX-License-Identifier: ISC
# Benchmark (not a test): `xmppgw check` against libyaml's bare event parse
# of the same file (tests/bench/yaml_events: yaml_parser_parse until the
# stream ends, deleting each event), at 10,000, 50,000 and 100,000
# partners, each with one additional domain and a description; then
# 10,000 again with one warning at the end, a file with something to
# report. For each file: the median wall time of RUNS runs of both
# programs (taken in turn, so both meet the same load), their ratio, the
# instructions (perf stat when it counts them, else callgrind, else left
# out) and their ratio, and the peak RSS. Every ratio comes from this run.
# Targets: check within 1.5 times the bare parse at 10,000 partners, the
# same ratio up to 100,000, and a peak RSS under 16 MiB at 10,000.
# Run from a build folder (`make bench` does), ideally one configured
# without sanitizers. XMPPGW and EVENTS say where the programs are;
# LOADER_SIZES the partner counts; LOADER_INSTR=none skips the counts
# (under callgrind, the 100,000 partners take about a minute a program).
set -u

XMPPGW=${XMPPGW:-./xmppgw}
EVENTS=${EVENTS:-./tests/bench/yaml_events}
SIZES=${LOADER_SIZES:-10000 50000 100000}
RUNS=${RUNS:-5}
INSTR=${LOADER_INSTR:-auto}

if [ ! -x "$EVENTS" ] && [ -f Makefile ]; then
	make -s tests/bench/yaml_events >/dev/null || exit 2
fi
for p in "$XMPPGW" "$EVENTS"; do
	if [ ! -x "$p" ]; then
		echo "loader: $p not found; run from the build folder after make" >&2
		exit 2
	fi
done
if grep -q __asan_init "$XMPPGW" 2>/dev/null; then
	echo "note: $XMPPGW is a sanitizer build; configure without --enable-sanitizers for real figures"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xmppgw-loader.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# gen N [warn]: N partners on a warning-free negotiation row, each with one
# additional domain and a description; with warn, an access policy that
# draws one warning at the end of the file.
gen() {
	awk -v n="$1" -v warn="${2:-}" 'BEGIN {
		print "version: 1"
		print "topology:\n  sip_domains:\n  - contoso.com\n  access_edge_fqdn: sip.contoso.com"
		print "  xmpp_proxy: true\n  xmpp_domains:\n  - contoso.com"
		print "certificate:\n  organization: Contoso Ltd\n  country: US"
		print "  state: Washington\n  city: Redmond"
		print "partners:"
		split("Federated PublicVerified PublicUnverified", type, " ")
		for (i = 0; i < n; i++) {
			printf "- domain: partner%06d.com\n", i
			printf "  description: Partner number %d, reached through its XMPP gateway\n", i
			printf "  additional_domains:\n  - chat.partner%06d.com\n", i
			printf "  type: %s\n  tls: Required\n  sasl: Optional\n", type[i % 3 + 1]
			print "  dialback: true\n  keep_alive: true"
		}
		print "access_policy:\n  enable_xmpp_access: true"
		if (warn)
			print "  enable_federation_access: false"
		print "dns:\n  ttl: 3600"
	}'
}

# Milliseconds with one decimal from nanoseconds.
ms() {
	echo "$1" | awk '{ printf "%.1f", $1 / 1e6 }'
}

median() {
	tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

elapsed_ns() {
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	echo $(($(date +%s%N) - t0))
}

# Instructions of one run, or "-" when nothing can count them.
count_instr() {
	case $INSTR in
	none) echo - ;;
	perf) perf stat -x, -e instructions:u "$@" 2>&1 >/dev/null | awk -F, '/instructions/ { print $1 }' ;;
	callgrind)
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : *//p'
		rm -f "$tmp/cg.out" ;;
	esac
}

if [ "$INSTR" = auto ]; then
	if command -v perf >/dev/null 2>&1 &&
		perf stat -x, -e instructions:u true 2>&1 | grep -q '^[0-9]'; then
		INSTR=perf
	elif command -v valgrind >/dev/null 2>&1; then
		INSTR=callgrind
	else
		INSTR=none
	fi
fi

peak_rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>&1
		cat "$tmp/rss"
	else
		echo -
	fi
}

ratio() {
	case "$1$2" in
	*-*) echo - ;;
	*) echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }' ;;
	esac
}

echo "xmppgw check against libyaml's bare event parse; median of $RUNS runs, instructions by $INSTR"
printf '%-14s %9s %9s %9s %6s %14s %14s %6s %9s %9s\n' partners bytes check_ms parse_ms ratio \
	check_instr parse_instr ratio check_KiB parse_KiB

first_time= first_instr= first_n= growth=
for spec in $SIZES 10000+warning; do
	n=${spec%+warning}
	file=$tmp/partners-$spec.yaml
	if [ "$n" = "$spec" ]; then gen "$n" >"$file"; else gen "$n" warn >"$file"; fi
	if ! "$XMPPGW" check "$file" >/dev/null 2>"$tmp/check.err"; then
		echo "loader: the generated file of $spec partners does not pass xmppgw check:" >&2
		head -5 "$tmp/check.err" >&2
		exit 1
	fi
	if ! "$EVENTS" "$file" >/dev/null; then
		echo "loader: libyaml does not parse the generated file of $spec partners" >&2
		exit 1
	fi
	checks= parses= i=0
	while [ "$i" -lt "$RUNS" ]; do
		checks="$checks $(elapsed_ns "$XMPPGW" check "$file")"
		parses="$parses $(elapsed_ns "$EVENTS" "$file")"
		i=$((i + 1))
	done
	tc=$(echo "$checks" | median)
	tp=$(echo "$parses" | median)
	ic=$(count_instr "$XMPPGW" check "$file")
	ip=$(count_instr "$EVENTS" "$file")
	printf '%-14s %9s %9s %9s %6s %14s %14s %6s %9s %9s\n' "$spec" "$(wc -c <"$file")" \
		"$(ms "$tc")" "$(ms "$tp")" "$(ratio "$tc" "$tp")" "${ic:--}" "${ip:--}" \
		"$(ratio "${ic:--}" "${ip:--}")" "$(peak_rss "$XMPPGW" check "$file")" \
		"$(peak_rss "$EVENTS" "$file")"
	if [ "$n" != "$spec" ]; then
		:
	elif [ -z "$first_n" ]; then
		first_time=$tc first_instr=${ic:--} first_n=$n
	else
		growth="$growth$n partners: check takes $(ratio "$tc" "$first_time") times the time"
		growth="$growth and $(ratio "${ic:--}" "$first_instr") times the instructions of"
		growth="$growth $first_n, for $(ratio "$n" "$first_n") times the partners
"
	fi
done
printf '%s' "$growth"
