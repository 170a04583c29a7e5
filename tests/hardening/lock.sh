#!/bin/sh
# SPDX-License-Identifier: ISC
# Two writers of one deployment file: every command that writes it takes
# the lock beside it and reads the file again under it, so concurrent
# additions are all kept; a lock held too long is a clear refusal. And no
# core dump while a passphrase is in memory.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v python3 >/dev/null || skip_all "no python3 to hold a lock"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/contoso.yaml"
Y=$W/contoso.yaml
LOCK=$W/.contoso.yaml.lock

# --- 4. twenty `partners add` at once lose nothing -----------------------
before=$("$XMPPGW" partners list "$Y" | wc -l)
pids=""
for i in $(seq 1 20); do
	"$XMPPGW" partners add "$Y" --domain "p$i.example.com" \
		>"$T_TMP/add$i.out" 2>"$T_TMP/add$i.err" &
	pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
check_eq "all twenty commands exit 0" 0 "$fails"
"$XMPPGW" partners list "$Y" >"$T_TMP/list"
check_eq "all twenty partners are in the file" $((before + 20)) "$(wc -l <"$T_TMP/list")"
check_eq "each one exactly once" 20 "$(grep -c '^p[0-9]*\.example\.com' "$T_TMP/list")"
check_status "the file is still valid" 0 "$XMPPGW" check "$Y"
check_eq "the lock file has mode 0600" 600 "$(stat -c %a "$LOCK")"

# --- a lock held by another program: a bounded wait, then a refusal ------
mkfifo "$T_TMP/held"
python3 -c '
import fcntl, os, sys, time
f = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.lockf(f, fcntl.LOCK_EX, 1, 0)
with open(sys.argv[2], "w") as w:
    w.write("held\n")
time.sleep(60)
' "$LOCK" "$T_TMP/held" &
holder=$!
read -r _ <"$T_TMP/held"
cp "$Y" "$T_TMP/before"
XMPPGW_LOCK_WAIT=1 check_status "partners add while the lock is held: exit 2" 2 \
	env XMPPGW_LOCK_WAIT=1 "$XMPPGW" partners add "$Y" --domain late.example.com
check_grep "the message says another program is writing" \
	"$Y: another program is writing this deployment file" "$T_TMP/err"
check "nothing was changed" cmp "$T_TMP/before" "$Y"
check_status "partners remove waits the same way" 2 \
	env XMPPGW_LOCK_WAIT=1 "$XMPPGW" partners remove "$Y" p1.example.com
check_status "csr waits the same way" 2 env XMPPGW_LOCK_WAIT=1 "$XMPPGW" csr "$Y"
check "csr wrote no key while refused" test ! -e "$W/edge-external.key"
kill "$holder"
wait "$holder" 2>/dev/null
check_status "once released, the add goes through" 0 \
	env XMPPGW_LOCK_WAIT=1 "$XMPPGW" partners add "$Y" --domain late.example.com

check_status "partners add to a missing file: exit 2" 2 \
	"$XMPPGW" partners add "$W/missing.yaml" --domain x.example.com
check "and leaves no lock file for it" test ! -e "$W/.missing.yaml.lock"

# A link planted at the lock's name is never followed.
cp "$Y" "$W/other.yaml"
ln -s "$T_TMP/elsewhere" "$W/.other.yaml.lock"
check_status "a link at the lock's name: exit 2" 2 \
	"$XMPPGW" partners add "$W/other.yaml" --domain x.example.com
check_grep "the message names the lock file" \
	"$W/other.yaml: cannot open its lock file $W/.other.yaml.lock: it is a symbolic link" "$T_TMP/err"
check "the link's target was not created" test ! -e "$T_TMP/elsewhere"

# --- 3. not dumpable while the passphrase is awaited ---------------------
# The kernel shows it: /proc/PID/ of a process that is not dumpable belongs
# to root, not to the process's user. Root runs the command as nobody.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	N=$T_TMP/nobody
	mkdir "$N"
	chmod 711 "$T_TMP"
	cp "$top_srcdir/share/examples/contoso.yaml" "$N/contoso.yaml"
	mkfifo "$N/pass"
	chown -R nobody "$N"
	exec 4<>"$N/pass"
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		"$XMPPGW" csr "$N/contoso.yaml" --passphrase-fd 3 3<"$N/pass" 4>&- \
		>"$T_TMP/csr.out" 2>"$T_TMP/csr.err" &
	pid=$!
	i=0
	# Until it sits in read(2) on descriptor 3: the prompt.
	while [ $i -lt 400 ] && ! grep -q '^0 0x3 ' "/proc/$pid/syscall" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	check_eq "csr waiting for its passphrase is not dumpable (its /proc entry is root's)" \
		root "$(stat -c %U "/proc/$pid/status" 2>/dev/null)"
	printf 'correct horse battery\n' >&4
	wait "$pid"
	check_eq "csr then finishes" 0 "$?"
	exec 4>&-
	check "the key was written" test -s "$N/edge-external.key"
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		sh -c 'exec 3<"$1"; exec "$2" partners list "$3" >/dev/null' - "$N/pass" \
		"$XMPPGW" "$N/contoso.yaml" &
	pid=$!
	sleep 0.3
	check_eq "(control) a process of nobody's owns its /proc entry" nobody \
		"$(stat -c %U "/proc/$pid" 2>/dev/null)"
	exec 4>"$N/pass"
	exec 4>&-
	wait "$pid"
fi

done_testing
