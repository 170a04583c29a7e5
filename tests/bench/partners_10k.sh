#!/bin/sh
# SPDX-License-Identifier: ISC
# The partners screen on 10,000 partners: the steps without a terminal
# (tests/bench/partners_bench: open, list, filter as typed, edit one
# partner as the form's OK does, save), then the real screen in tmux at
# 80x24 (time from a key to the screen showing its effect). Prints the
# figures. Run from a build folder (make bench), ideally one configured
# without sanitizers. Target: every step under 100 ms.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
if [ -z "${top_builddir:-}" ]; then
	if [ -x ./xmppgw ]; then top_builddir=$(pwd); else top_builddir=$top_srcdir; fi
fi
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"

N=${PARTNERS_BENCH_N:-10000}
RUNS=${PARTNERS_BENCH_RUNS:-5}
BENCH=$top_builddir/tests/bench/partners_bench

if ! [ -x "$BENCH" ] && [ -f "$top_builddir/Makefile" ]; then
	make -C "$top_builddir" -s tests/bench/partners_bench >/dev/null || exit 1
fi
[ -x "$BENCH" ] || { echo "partners_10k: $BENCH is missing (build first)"; exit 1; }

# Realistic rows: varied types and settings, a tenth with additional
# domains, descriptions naming a city.
awk -v n="$N" 'BEGIN {
	split("London Paris Oslo Madrid Lisbon Vienna Dublin Prague", city, " ")
	split("Federated PublicVerified PublicUnverified", type, " ")
	split("Required Optional NotSupported", neg, " ")
	print "version: 1"
	print "topology:\n  sip_domains: [contoso.com]\n  access_edge_fqdn: sip.contoso.com"
	print "  xmpp_domains: [contoso.com]\npartners:"
	for (i = 1; i <= n; i++) {
		printf "- domain: p%05d.example.net\n", i
		printf "  description: Partner %d, %s office\n", i, city[i % 8 + 1]
		if (i % 10 == 0)
			printf "  additional_domains: [chat.p%05d.example.net, eu.p%05d.example.net]\n", i, i
		printf "  type: %s\n", type[i % 3 + 1]
		# rows 7, 13, 17 and 2: no warnings
		r = i % 4
		if (r == 0) print "  tls: Required\n  sasl: Optional\n  dialback: true"
		if (r == 1) print "  tls: Required\n  sasl: NotSupported\n  dialback: true"
		if (r == 2) print "  tls: NotSupported\n  sasl: NotSupported\n  dialback: true"
		if (r == 3) print "  tls: Required\n  sasl: Required\n  dialback: false"
		printf "  keep_alive: %s\n", i % 5 ? "true" : "false"
	}
	print "access_policy:\n  enable_xmpp_access: true"
}' > "$T_TMP/p10k.yaml"

echo "== partners_bench: $N partners, $RUNS runs ($(wc -c < "$T_TMP/p10k.yaml") bytes)"
"$BENCH" "$T_TMP/p10k.yaml" "$RUNS" || exit 1

# --- the screen itself -----------------------------------------------------
if ! command -v tmux >/dev/null 2>&1 || ! [ -x "$XMPPGW" ]; then
	echo "== screen: skipped (tmux or $XMPPGW missing)"
	exit 0
fi

now_ms() { date +%s%3N; }

# key_to_screen LABEL TEXT KEYS...: sends the keys, waits until TEXT shows;
# prints the time. The polling adds up to 10 ms.
key_to_screen() {
	label=$1 text=$2
	shift 2
	t0=$(now_ms)
	tmux_keys "$@"
	i=0
	while ! tmux_screen | grep -qF -- "$text"; do
		i=$((i + 1))
		[ "$i" -gt 3000 ] && { echo "  $label: timed out"; tmux_screen | sed 's/^/  | /'; return 1; }
		sleep 0.01
	done
	printf '  %-44s %6d ms\n' "$label" $(($(now_ms) - t0))
}

# key_to_gone LABEL TEXT KEYS...: the same, until TEXT is no longer shown.
key_to_gone() {
	label=$1 text=$2
	shift 2
	t0=$(now_ms)
	tmux_keys "$@"
	i=0
	while tmux_screen | grep -qF -- "$text"; do
		i=$((i + 1))
		[ "$i" -gt 3000 ] && { echo "  $label: timed out"; return 1; }
		sleep 0.01
	done
	printf '  %-44s %6d ms\n' "$label" $(($(now_ms) - t0))
}

key_to_type() {
	label=$1 chars=$2 text=$3
	t0=$(now_ms)
	tmux_type "$chars"
	i=0
	while ! tmux_screen | grep -qF -- "$text"; do
		i=$((i + 1))
		[ "$i" -gt 3000 ] && { echo "  $label: timed out"; tmux_screen | sed 's/^/  | /'; return 1; }
		sleep 0.01
	done
	printf '  %-44s %6d ms\n' "$label" $(($(now_ms) - t0))
}

cp "$T_TMP/p10k.yaml" "$T_TMP/screen.yaml"
echo "== screen: xmppgw in tmux at 80x24 on $N partners (key to screen; polling adds <= 10 ms)"
t0=$(now_ms)
tmux_start -- "$XMPPGW" "$T_TMP/screen.yaml"
tmux_wait "XMPP federated partners" 30 || exit 1
printf '  %-44s %6d ms\n' "start, home screen shown" $(($(now_ms) - t0))
# The home screen's focus down to the partners entry (not timed).
n=0
until tmux_screen | grep '^ >' | grep -qF "XMPP federated partners"; do
	n=$((n + 1))
	[ "$n" -gt 12 ] && { echo "  the partners entry was not found"; exit 1; }
	tmux_keys Down
	sleep 0.1
done
# At 80 columns the domain column shows "p00001.example.n": wait for what fits.
key_to_screen "open the Partners screen" "p00001.example." Enter || exit 1
key_to_screen "End (last row)" "p10000.example." End || exit 1
key_to_screen "Home (first row)" "p00001.example." Home || exit 1
key_to_screen "PgDn" "p00020.example." PageDown || exit 1
key_to_type "filter: type p" "p" "Filter: p" || exit 1
key_to_type "filter: type 0" "0" "Filter: p0" || exit 1
key_to_type "filter: type 1" "1" "Filter: p01" || exit 1
key_to_type "filter: type 2" "2" "Filter: p012" || exit 1
key_to_type "filter: type 3" "3" "Filter: p0123" || exit 1
# Esc includes the 50 ms curses waits to tell a lone Esc from a sequence.
key_to_gone "Esc (filter cleared)" "of 10000 partners" Escape || exit 1
key_to_screen "Enter (edit form opens)" "XMPP Federated Partner" Enter || exit 1
key_to_screen "Esc (form closed)" "Filter:" Escape || exit 1
key_to_screen "Enter (edit form opens)" "XMPP Federated Partner " Enter || exit 1
tmux_keys Tab End
tmux_type " (edited)"
tmux_wait "(edited)" || exit 1
key_to_screen "Ctrl-N = OK (checked, list shown)" "changed (Ctrl-O" C-n || exit 1
key_to_screen "Ctrl-O (save)" "Saved" C-o || exit 1
# The program's own CPU time over the whole walk (load and save included):
# steadier than the key-to-screen times, which polling and a busy machine
# blur.
pid=$(tmux_pid)
if [ -r "/proc/$pid/stat" ]; then
	sed 's/^.*) //' "/proc/$pid/stat" | awk -v hz="$(getconf CLK_TCK)" \
		'{ printf "  %-44s %6d ms\n", "CPU time of xmppgw over the walk", ($12 + $13) * 1000 / hz }'
fi
tmux_keys C-x
tmux_wait_exit 10
exit 0
