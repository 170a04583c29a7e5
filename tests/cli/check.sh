#!/bin/sh
# SPDX-License-Identifier: ISC
# xmppgw check: each file of the broken corpus exits 1 and prints its
# expected first error (tests/fixtures/broken/EXPECTED); the example and the
# warning-only files exit 0; usage mistakes and unreadable files exit 2.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

fixtures=$top_srcdir/tests/fixtures

# expect_first DIR FILE SEVERITY STATUS EXPECTED: runs check on FILE from DIR
# (so messages name it as given) and compares the first SEVERITY line.
expect_first() {
	dir=$1 file=$2 sev=$3 want_status=$4 want=$5
	(cd "$dir" && "$XMPPGW" check "$file") >"$T_TMP/out" 2>"$T_TMP/err"
	status=$?
	got=$(grep -m1 -F ": $sev: " "$T_TMP/err")
	if [ "$status" = "$want_status" ] && [ "$got" = "xmppgw: $want" ] && [ ! -s "$T_TMP/out" ]
	then
		ok "$file"
	else
		not_ok "$file (exit $status, wanted $want_status)"
		printf '#   expected: xmppgw: %s\n#   actual:   %s\n' "$want" "$got"
	fi
}

# run_corpus DIR SEVERITY STATUS: one line per entry of DIR/EXPECTED.
run_corpus() {
	tab=$(printf '\t')
	while IFS="$tab" read -r file want; do
		case $file in '#'* | '') continue ;; esac
		expect_first "$1" "$file" "$2" "$3" "$want"
	done <"$1/EXPECTED"
}

# Every file of the folder has its expectation, and the other way round.
listed_exactly() {
	ls "$1" | grep '\.yaml$' | sort >"$T_TMP/files"
	grep -v '^#' "$1/EXPECTED" | cut -f1 | sort >"$T_TMP/listed"
	diff "$T_TMP/files" "$T_TMP/listed" >/dev/null
}

run_corpus "$fixtures/broken" error 1
check "every broken file is listed in EXPECTED" listed_exactly "$fixtures/broken"
n=$(grep -vc '^#' "$fixtures/broken/EXPECTED")
check "the broken corpus holds at least 30 files ($n)" test "$n" -ge 30

run_corpus "$fixtures/warnings" warning 0
check "every warning file is listed in EXPECTED" listed_exactly "$fixtures/warnings"
for f in "$fixtures"/warnings/*.yaml; do
	"$XMPPGW" check "$f" 2>"$T_TMP/err"
	if grep -q ': error: ' "$T_TMP/err"; then
		not_ok "$(basename "$f") has warnings only"
	else
		ok "$(basename "$f") has warnings only"
	fi
done

check_status "the example is valid" 0 "$XMPPGW" check "$top_srcdir/share/examples/contoso.yaml"
check "the example gives no message at all" test ! -s "$T_TMP/err"
check "nothing on standard output" test ! -s "$T_TMP/out"

check_status "a missing file exits 2" 2 "$XMPPGW" check "$T_TMP/missing.yaml"
check_grep "a missing file is named" "xmppgw: $T_TMP/missing.yaml: error: cannot open:" \
	"$T_TMP/err"
check_status "a folder exits 2" 2 "$XMPPGW" check "$T_TMP"
check_grep "a folder is named" "xmppgw: $T_TMP: error: cannot read:" "$T_TMP/err"
check_status "no argument exits 2" 2 "$XMPPGW" check
check_grep "no argument shows the usage" "usage: xmppgw check FILE" "$T_TMP/err"
check_status "two arguments exit 2" 2 "$XMPPGW" check a.yaml b.yaml
check_status "--help exits 0" 0 "$XMPPGW" --help
check_grep "--help shows check" "xmppgw check FILE" "$T_TMP/out"
check_status "--version exits 0" 0 "$XMPPGW" --version
check_grep "--version names the program" "xmppgw " "$T_TMP/out"

# The same file read from a pipe (no size known beforehand) gives the same
# verdict and the same first error.
cat "$fixtures/broken/enum-tls.yaml" | "$XMPPGW" check /dev/stdin 2>"$T_TMP/err"
check_eq "a pipe is read like a file" 1 "$?"
check_grep "a pipe gives the same position" "/dev/stdin:29:8: error: partners[1].tls" \
	"$T_TMP/err"

done_testing
