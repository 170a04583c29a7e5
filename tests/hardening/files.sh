#!/bin/sh
# SPDX-License-Identifier: ISC
# Files the program writes and reads when what sits at their names is not
# what it seems: planted links (another user's, or in a sticky shared
# folder), FIFOs, devices and folders as inputs, `ulimit -f`, and the
# temporaries a killed save leaves behind.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root to give a link to another user (chown -h)"
nobody=$(id -u nobody 2>/dev/null) || skip_all "no user nobody"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/contoso.yaml"
Y=$W/contoso.yaml

# --- 1. links owned by another user, and links in sticky shared folders ---
echo "the victim's bytes" >"$W/victim"
ln -s victim "$W/out.ps1"
chown -h "$nobody" "$W/out.ps1"
check_status "export -o through another user's link: exit 2" 2 \
	"$XMPPGW" export frontend-ps1 "$Y" -o "$W/out.ps1"
check_grep "the message names the link and the reason" \
	"$W/out.ps1: refusing to write through a symbolic link owned by another user" "$T_TMP/err"
check_eq "the link's target is untouched" "the victim's bytes" "$(cat "$W/victim")"
check "the link is still there" test -L "$W/out.ps1"

S=$T_TMP/shared
mkdir "$S"
chmod 1777 "$S"
ln -s ../work/victim "$S/edge.ps1"
check_status "export -o through our own link in a sticky world-writable folder: exit 2" 2 \
	"$XMPPGW" export zone "$Y" -o "$S/edge.ps1"
check_grep "the message says why" \
	"$S/edge.ps1: refusing to write through a symbolic link in a sticky world-writable folder" \
	"$T_TMP/err"
check_eq "the target is untouched" "the victim's bytes" "$(cat "$W/victim")"

echo old >"$W/mine.ps1"
ln -s "$W/mine.ps1" "$W/link-ok.ps1"
check_status "our own link in our own folder is followed" 0 \
	"$XMPPGW" export frontend-ps1 "$Y" -o "$W/link-ok.ps1"
check "the file it names was written" grep -q 'New-CsXmppAllowedPartner' "$W/mine.ps1"

# The request of `xmppgw csr`, with the deployment file in a shared folder.
cp "$Y" "$S/contoso.yaml"
ln -s ../work/victim "$S/edge-external.csr"
check_status "csr with a planted request link in a sticky folder: refused" 1 \
	"$XMPPGW" csr "$S/contoso.yaml"
check_grep "the message names the request" \
	"edge-external.csr: refusing to write through a symbolic link in a sticky" "$T_TMP/err"
check_eq "the target is untouched by csr" "the victim's bytes" "$(cat "$W/victim")"
rm -f "$S"/edge-external.*

# The deployment file itself as another user's link.
cp "$Y" "$W/real.yaml"
ln -s real.yaml "$W/linked.yaml"
chown -h "$nobody" "$W/linked.yaml"
cp "$W/real.yaml" "$T_TMP/before"
check_status "partners add on another user's link: exit 2" 2 \
	"$XMPPGW" partners add "$W/linked.yaml" --domain northwindtraders.com
check_grep "the message names the deployment link" \
	"$W/linked.yaml: refusing to write through a symbolic link owned by another user" \
	"$T_TMP/err"
check "the file behind it is unchanged" cmp "$T_TMP/before" "$W/real.yaml"

# --- 2. inputs that are not regular files --------------------------------
strerror_eisdir() { python3 -c "import os; print(os.strerror(21))" 2>/dev/null || echo "Is a directory"; }
mkfifo "$W/fifo.yaml"
check_status "check on a FIFO: exit 2 at once" 2 timeout 20 "$XMPPGW" check "$W/fifo.yaml"
check_grep "the FIFO is named as such" "$W/fifo.yaml: error: cannot read: it is a named pipe (FIFO), not a regular file" "$T_TMP/err"
check_status "check on /dev/null: exit 2" 2 timeout 20 "$XMPPGW" check /dev/null
check_grep "a device is named as such" "/dev/null: error: cannot read: it is a device" "$T_TMP/err"
mkdir "$W/folder.yaml"
check_status "check on a folder: exit 2" 2 "$XMPPGW" check "$W/folder.yaml"
check_grep "a folder is named as such" "folder.yaml: error: cannot read: $(strerror_eisdir)" "$T_TMP/err"
check_status "partners add on a FIFO: exit 2" 2 timeout 20 \
	"$XMPPGW" partners add "$W/fifo.yaml" --domain northwindtraders.com
check_status "a key and request to import against" 0 "$XMPPGW" csr "$Y"
check_status "cert import of a FIFO: exit 2" 2 timeout 20 \
	"$XMPPGW" cert import "$Y" "$W/fifo.yaml"
check_grep "cert import names the FIFO" "cannot read $W/fifo.yaml: it is a named pipe" \
	"$T_TMP/err"
mkfifo "$W/fifo.key"
check_status "csr --key on a FIFO: refused at once" 1 timeout 20 \
	"$XMPPGW" csr "$Y" --key "$W/fifo.key"
check_grep "csr names the key FIFO" "cannot read the key file $W/fifo.key: it is a named pipe" "$T_TMP/err"

# --- 5. ulimit -f, and stale temporaries --------------------------------
cp "$Y" "$W/big.yaml"
cp "$W/big.yaml" "$T_TMP/before"
(ulimit -f 1; exec "$XMPPGW" partners add "$W/big.yaml" --domain northwindtraders.com) \
	>"$T_TMP/out" 2>"$T_TMP/err"
check_eq "under ulimit -f the save exits 2 (not killed by SIGXFSZ)" 2 "$?"
check_grep "the message says the file is too large" "big.yaml: cannot write: File too large" \
	"$T_TMP/err"
check "the file is unchanged" cmp "$T_TMP/before" "$W/big.yaml"
check_eq "no temporary is left behind" "" "$(ls -A "$W" | grep '^\.big\.yaml\.' | grep -v lock)"

echo old >"$W/.contoso.yaml.Ab12Cd"
touch -d '2 hours ago' "$W/.contoso.yaml.Ab12Cd"
echo theirs >"$W/.contoso.yaml.Zz99Yy"
touch -d '2 hours ago' "$W/.contoso.yaml.Zz99Yy"
chown "$nobody" "$W/.contoso.yaml.Zz99Yy"
echo fresh >"$W/.contoso.yaml.Qq11Ww"
echo other >"$W/.contoso.yaml.n0t-ours"
touch -d '2 hours ago' "$W/.contoso.yaml.n0t-ours"
check_status "a save beside stale temporaries" 0 \
	"$XMPPGW" partners add "$Y" --domain fourthcoffee.com
check "our stale temporary is removed" test ! -e "$W/.contoso.yaml.Ab12Cd"
check "another user's is kept" test -e "$W/.contoso.yaml.Zz99Yy"
check "a fresh one (another save at this moment) is kept" test -e "$W/.contoso.yaml.Qq11Ww"
check "a name not of our pattern is kept" test -e "$W/.contoso.yaml.n0t-ours"

done_testing
