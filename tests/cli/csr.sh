#!/bin/sh
# SPDX-License-Identifier: ISC
# xmppgw csr on a copy of the example deployment, checked with the openssl
# command as a CA would read the request.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v openssl >/dev/null || skip_all "no openssl command"

PASS='Tr0ub4dor&3 horse'
W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/contoso.yaml"
Y=$W/contoso.yaml CSR=$W/edge-external.csr KEY=$W/edge-external.key
printf '%s\n' "$PASS" >"$T_TMP/pass"

mode() { stat -c %a "$1"; }
req_pub() { openssl req -in "$1" -noout -pubkey; }
key_pub() { openssl pkey -in "$1" -passin "file:$T_TMP/pass" -pubout; }

# --- first run, with a passphrase handed over a pipe -----------------------
# xmppgw waits on the FIFO for the passphrase: meanwhile its command line and
# environment are read from /proc, and must not hold it.
mkfifo "$T_TMP/fifo"
exec 4<>"$T_TMP/fifo"
(umask 0; exec "$XMPPGW" csr "$Y" --passphrase-fd 3 3<"$T_TMP/fifo" 4>&- \
	>"$T_TMP/out1" 2>"$T_TMP/err1") &
pid=$!
i=0
# Until the exec: the forked shell's own command line (tests/cli/csr.sh)
# would match "csr" too, so wait for the option only xmppgw is given.
while [ $i -lt 400 ] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- '--passphrase-fd'; do
	sleep 0.05
	i=$((i + 1))
done
tr '\0' '\n' <"/proc/$pid/cmdline" >"$T_TMP/args" 2>/dev/null
tr '\0' '\n' <"/proc/$pid/environ" >>"$T_TMP/args" 2>/dev/null
check_grep "the running process is xmppgw csr" "--passphrase-fd" "$T_TMP/args"
check "the passphrase is not in the process's arguments or environment" \
	sh -c '! grep -qF -- "$1" "$2"' - "$PASS" "$T_TMP/args"
printf '%s\n' "$PASS" >&4
exec 4>&-
wait $pid
check_eq "csr exits 0" 0 $?
check_grep "says where the request went" "Request written to $CSR" "$T_TMP/out1"
check_grep "says where the key went" "Private key written to $KEY (mode 0600, encrypted" \
	"$T_TMP/out1"
check_grep "gives the next steps" "Stop-CsWindowsService, then" "$T_TMP/out1"

check "openssl verifies the request's signature" \
	openssl req -in "$CSR" -noout -verify
openssl req -in "$CSR" -noout -subject >"$T_TMP/subject"
check_eq "subject" "subject=CN = sip.contoso.com, O = Contoso Ltd, L = Redmond, ST = Washington, C = US" \
	"$(cat "$T_TMP/subject")"
openssl req -in "$CSR" -noout -text >"$T_TMP/text"
check_grep "SANs, CN first" \
	"DNS:sip.contoso.com, DNS:webcon.contoso.com, DNS:sip.fabrikam.com, DNS:contoso.com" \
	"$T_TMP/text"
check_grep "key usage critical" "X509v3 Key Usage: critical" "$T_TMP/text"
check_grep "server authentication EKU" "TLS Web Server Authentication" "$T_TMP/text"
check "no client authentication EKU" sh -c '! grep -q "Client Authentication" "$1"' - "$T_TMP/text"
check_grep "template extension" "1.3.6.1.4.1.311.20.2:" "$T_TMP/text"
check_grep "SHA-256 with RSA" "Signature Algorithm: sha256WithRSAEncryption" "$T_TMP/text"
check_grep "2048-bit key" "Public-Key: (2048 bit)" "$T_TMP/text"
check "the request has LF line ends only" sh -c '! grep -q "$(printf "\r")" "$1"' - "$CSR"

check_eq "key mode 0600 (even with umask 0)" 600 "$(mode "$KEY")"
check_eq "request mode 0644" 644 "$(mode "$CSR")"
check_eq "key is encrypted PKCS#8" "-----BEGIN ENCRYPTED PRIVATE KEY-----" "$(head -1 "$KEY")"
check "the key opens with the passphrase" \
	openssl pkey -in "$KEY" -passin "file:$T_TMP/pass" -noout
check "and not without it" sh -c '! openssl pkey -in "$1" -passin pass:wrong -noout 2>/dev/null' \
	- "$KEY"
check_eq "request and key belong together" "$(key_pub "$KEY")" "$(req_pub "$CSR")"

check_grep "the YAML records the request" "    request_file: edge-external.csr" "$Y"
sed -n '/^  generated:/,/^[a-z]/p' "$Y" >"$T_TMP/generated"
check_grep "the YAML records the key" "    key_file: edge-external.key" "$T_TMP/generated"
check "the YAML records when (RFC 3339 UTC)" \
	grep -Eq "^    at: '?[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'?$" "$T_TMP/generated"
check "xmppgw check still accepts the file" "$XMPPGW" check "$Y"

check_eq "the log exists, mode 0600" 600 "$(mode "$Y.log" 2>/dev/null)"
check_grep "the log says what was done" "request verified: signature OK, 4 SANs" "$Y.log"
for f in "$Y.log" "$Y" "$T_TMP/out1" "$T_TMP/err1"; do
	check "the passphrase is not in $(basename "$f")" sh -c '! grep -qF -- "$1" "$2"' - "$PASS" "$f"
done

# --- Run Again: a new key under new dated names, the key in use kept --------
# gen KEY: the value of KEY under certificate.generated.
gen() { sed -n '/^  generated:/,/^[a-z]/p' "$Y" | sed -n "s/^    $1: //p"; }
# The day in the names is the UTC date of the run: from the output, then
# checked to be today's or yesterday's (a run across midnight).
written_key() { sed -n 's/^Private key written to \(.*\) (mode 0600.*$/\1/p' "$T_TMP/out"; }
recent_day() {
	[ "$1" = "$(date -u +%Y%m%d)" ] || [ "$1" = "$(date -u -d yesterday +%Y%m%d)" ]
}
cp "$KEY" "$T_TMP/key1"
cp "$CSR" "$T_TMP/csr1"
check_status "a second run without --force exits 0" 0 "$XMPPGW" csr "$Y"
KEY2=$(written_key)
day=$(basename "$KEY2" | sed -n 's/^edge-external-\([0-9]\{8\}\)\.key$/\1/p')
check "the new key is named edge-external-YYYYMMDD.key" recent_day "$day"
CSR2=$W/edge-external-$day.csr
check_eq "in the deployment's folder" "$W/edge-external-$day.key" "$KEY2"
check_grep "says the key in use was kept" "The key in use, $KEY, was kept" "$T_TMP/out"
check_grep "says where the new request went" "Request written to $CSR2" "$T_TMP/out"
check "the first key's bytes are unchanged" cmp "$KEY" "$T_TMP/key1"
check "the first request is unchanged" cmp "$CSR" "$T_TMP/csr1"
check_eq "the new key has mode 0600" 600 "$(mode "$KEY2")"
check "the new key is another key" sh -c '! cmp -s "$1" "$2"' - "$KEY" "$KEY2"
check "the new request verifies" openssl req -in "$CSR2" -noout -verify
check_eq "the new request goes with the new key" "$(key_pub "$KEY2")" "$(req_pub "$CSR2")"
check_eq "the file records the new key as current" "edge-external-$day.key" "$(gen key_file)"
check_eq "and the new request" "edge-external-$day.csr" "$(gen request_file)"
check_grep "the request's settings name the new files" "  key_file: edge-external-$day.key" "$Y"
check_eq "the subject is recorded (RFC 2253)" \
	"C=US,ST=Washington,L=Redmond,O=Contoso Ltd,CN=sip.contoso.com" "$(gen subject)"
check_eq "the request's DNS names are recorded" \
	"sip.contoso.com webcon.contoso.com sip.fabrikam.com contoso.com" \
	"$(sed -n '/^  generated:/,/^[a-z]/p' "$Y" | sed -n 's/^    - //p' | tr '\n' ' ' | sed 's/ $//')"
check_grep "the log says why the names are new" "is in use: the new key and request get new names" \
	"$Y.log"

cp "$KEY2" "$T_TMP/key2"
check_status "a third run exits 0" 0 "$XMPPGW" csr "$Y"
KEY3=$W/edge-external-$day-2.key CSR3=$W/edge-external-$day-2.csr
check_grep "the name that exists gets -2" "Private key written to $KEY3 (mode 0600)" "$T_TMP/out"
check "the second key's bytes are unchanged" cmp "$KEY2" "$T_TMP/key2"
check "the first key's bytes are still unchanged" cmp "$KEY" "$T_TMP/key1"
check_eq "the third request goes with the third key" "$(key_pub "$KEY3")" "$(req_pub "$CSR3")"
check_eq "the file records the third key" "edge-external-$day-2.key" "$(gen key_file)"

# --- --force replaces the key the file names --------------------------------
cp "$KEY3" "$T_TMP/key3"
check_status "--force exits 0" 0 "$XMPPGW" csr "$Y" --force
check_grep "the same names" "Private key written to $KEY3 (mode 0600)" "$T_TMP/out"
check "the key was replaced" sh -c '! cmp -s "$1" "$2"' - "$KEY3" "$T_TMP/key3"
check_eq "the new key is plain PKCS#8" "-----BEGIN PRIVATE KEY-----" "$(head -1 "$KEY3")"
check_eq "still mode 0600" 600 "$(mode "$KEY3")"
check "the new request verifies" openssl req -in "$CSR3" -noout -verify
check_eq "the new request goes with the new key" "$(key_pub "$KEY3")" "$(req_pub "$CSR3")"
check "the older keys are untouched" sh -c 'cmp -s "$1" "$2" && cmp -s "$3" "$4"' - \
	"$KEY" "$T_TMP/key1" "$KEY2" "$T_TMP/key2"
KEY=$KEY3 CSR=$CSR3

# --- --key reuses a key, given relative to where the command runs ------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/other.key" 2>/dev/null
cp "$W/other.key" "$T_TMP/other1"
cp "$KEY" "$T_TMP/key2"
check_status "--key other.key exits 0" 0 sh -c 'cd "$1" && "$2" csr contoso.yaml --key other.key' \
	- "$W" "$XMPPGW"
check_grep "says the key was reused" "Private key reused from other.key" "$T_TMP/out"
check_eq "the request carries that key" "$(key_pub "$W/other.key")" "$(req_pub "$CSR")"
check "the reused key is not rewritten" cmp -s "$W/other.key" "$T_TMP/other1"
check "edge-external.key is left alone" cmp -s "$KEY" "$T_TMP/key2"
sed -n '/^  generated:/,/^[a-z]/p' "$Y" >"$T_TMP/generated"
check_grep "the YAML records the reused key" "    key_file: other.key" "$T_TMP/generated"

# PKCS#1 v1.5 signatures are deterministic: openssl req given the same key,
# subject and extensions must produce the very same bytes.
cp "$top_srcdir/tests/fixtures/contoso-req.cnf" "$T_TMP/req.cnf"
openssl req -new -key "$W/other.key" -config "$T_TMP/req.cnf" -out "$T_TMP/openssl.csr"
check "byte for byte what openssl req writes for the same request" \
	cmp "$CSR" "$T_TMP/openssl.csr"

mkdir "$T_TMP/elsewhere"
check_status "--key from another folder exits 0" 0 sh -c 'cd "$1" && "$2" csr ../work/contoso.yaml --key ../work/other.key' \
	- "$T_TMP/elsewhere" "$XMPPGW"
check_grep "the request path is shown from there" "Request written to ../work/$(basename "$CSR")" \
	"$T_TMP/out"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$W/weak.key" 2>/dev/null
check_status "a 1024-bit key is refused" 1 "$XMPPGW" csr "$Y" --key "$W/weak.key"
check_grep "with the reason" "at least 2048" "$T_TMP/err"
check_status "an encrypted key without its passphrase is refused" 1 \
	"$XMPPGW" csr "$Y" --key "$T_TMP/key1"
check_grep "with the reason" "passphrase is needed" "$T_TMP/err"
check_status "an encrypted key with its passphrase is reused" 0 \
	sh -c '"$1" csr "$2" --key "$3" --passphrase-fd 3 3<"$4"' - "$XMPPGW" "$Y" "$T_TMP/key1" \
	"$T_TMP/pass"
check_eq "and the request carries it" "$(key_pub "$T_TMP/key1")" "$(req_pub "$CSR")"

# --- a symbolic link at the key path is never written through ---------------
rm -f "$KEY"
echo precious >"$T_TMP/target"
ln -s "$T_TMP/target" "$KEY"
check_status "a symlink at the key path is refused, even with --force" 1 \
	"$XMPPGW" csr "$Y" --force
check_grep "with the reason" "symbolic link" "$T_TMP/err"
check_eq "its target is untouched" precious "$(cat "$T_TMP/target")"
rm -f "$KEY"

# --- a passphrase typed at a terminal is not shown ----------------------------
# sh, not bash: readline would set the terminal's modes back itself.
if command -v tmux >/dev/null; then
	tmux_start 80 24 -- env PS1='prompt$ ' sh -i
	tmux_wait 'prompt$ '
	tmux_type "\"$XMPPGW\" csr '$Y' --key '$T_TMP/key1' --passphrase-fd 0"
	tmux_keys Enter
	check "a terminal as the descriptor: asks for the passphrase" tmux_wait "Key passphrase:"
	tmux_type "$PASS"
	tmux_keys Enter
	check "the typed passphrase opens the key" tmux_wait "Request written to"
	check "the typed passphrase is not shown" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -qF -- "$2"' \
		- "$T_TMUX_SOCKET" "$PASS"
	tmux_type "clear"
	tmux_keys Enter
	tmux_wait_gone "Request written to"
	tmux_type "\"$XMPPGW\" csr '$Y' --key '$T_TMP/key1' --passphrase-fd 0"
	tmux_keys Enter
	tmux_wait "Key passphrase:"
	tmux_keys C-c
	sleep 0.3
	tmux_type "echo typed-back"
	tmux_keys Enter
	check "Ctrl-C at the question gives the terminal its echo back" \
		tmux_wait "prompt$ echo typed-back"
fi

# --- the request never goes over the deployment file itself -----------------
# (a deployment that records no key in use, so that the names are its own)
sed 's|^  request_file: .*$|  request_file: ./self.yaml|' "$top_srcdir/share/examples/contoso.yaml" \
	>"$W/self.yaml"
cp "$W/self.yaml" "$T_TMP/self-before"
check_status "a request named as the deployment file exits 1" 1 "$XMPPGW" csr "$W/self.yaml"
check_grep "and says why" "is the deployment file" "$T_TMP/err"
check "the deployment file is unchanged" cmp -s "$W/self.yaml" "$T_TMP/self-before"
rm -f "$W/self.yaml" "$W/self.yaml.log"

# --- usage ------------------------------------------------------------------
check_status "no FILE is a usage error" 2 "$XMPPGW" csr
check_status "an unknown option is a usage error" 2 "$XMPPGW" csr "$Y" --bogus
check_status "a passphrase on the command line is refused" 2 \
	"$XMPPGW" csr "$Y" --passphrase=secret
check_grep "with the reason" "--passphrase-fd" "$T_TMP/err"
check_status "an empty passphrase line is refused" 2 \
	sh -c 'echo | "$1" csr "$2" --passphrase-fd 0' - "$XMPPGW" "$Y"
check_status "a missing file exits 2" 2 "$XMPPGW" csr "$T_TMP/none.yaml"
check_status "a missing --key exits 2" 2 "$XMPPGW" csr "$Y" --key "$T_TMP/none.key"
sed 's/^  access_edge_fqdn: .*$/  access_edge_fqdn: "*.contoso.com"/' "$Y" >"$W/bad.yaml"
ls "$W" >"$T_TMP/ls-before"
check_status "an invalid deployment exits 1" 1 "$XMPPGW" csr "$W/bad.yaml"
check "and writes no key" test ! -e "$KEY"
check_eq "nor any other file" "$(ls "$W")" "$(cat "$T_TMP/ls-before")"
for bad in "" x 3x -1; do
	check_status "--passphrase-fd='$bad': exit 2" 2 "$XMPPGW" csr "$W/bad.yaml" "--passphrase-fd=$bad"
	check_grep "--passphrase-fd='$bad': says why" \
		"--passphrase-fd: \"$bad\" is not a file descriptor number" "$T_TMP/err"
done
check_eq "and writes nothing" "$(ls "$W")" "$(cat "$T_TMP/ls-before")"

done_testing
