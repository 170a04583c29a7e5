#!/bin/sh
# SPDX-License-Identifier: ISC
# xmppgw cert import and cert pfx on a copy of the example deployment, with
# a test CA (tests/cert/ca.sh) issuing for the key `xmppgw csr` made; every
# output read back with the openssl command.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/cert/ca.sh"

command -v openssl >/dev/null || skip_all "no openssl command"

W=$T_TMP/work CA=$T_TMP/ca
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/contoso.yaml"
Y=$W/contoso.yaml KEY=$W/edge-external.key CHAIN=$W/edge-external-chain.pem
PFX=$W/edge-external.pfx
"$XMPPGW" csr "$Y" >/dev/null 2>&1 || { echo "Bail out! xmppgw csr failed"; exit 1; }
ca_make "$CA" "$W/edge-external.csr" || { echo "Bail out! the test CA could not be made"; exit 1; }
cp "$Y" "$T_TMP/before.yaml"

mode() { stat -c %a "$1"; }
# The value of KEY in the YAML's certificate.issued section.
issued() { sed -n '/^  issued:/,/^[a-z]/p' "$Y" | sed -n "s/^    $1: '\{0,1\}\([^']*\)'\{0,1\}\$/\1/p"; }
fresh() { cp "$T_TMP/before.yaml" "$Y"; rm -f "$CHAIN" "$PFX" "$Y.log"; }

# --- the good chain in every form a CA ships ----------------------------------
cat "$CA/root.pem" "$CA/leaf-good.pem" "$CA/int.pem" >"$T_TMP/bundle.pem"
openssl x509 -in "$CA/leaf-good.pem" -outform DER -out "$T_TMP/leaf.cer"
openssl x509 -in "$CA/int.pem" -outform DER -out "$T_TMP/int.crt"
openssl crl2pkcs7 -nocrl -certfile "$CA/int.pem" -certfile "$CA/root.pem" \
	-certfile "$CA/leaf-good.pem" -outform DER -out "$T_TMP/chain.p7b"
openssl crl2pkcs7 -nocrl -certfile "$CA/root.pem" -certfile "$CA/leaf-good.pem" \
	-certfile "$CA/int.pem" -out "$T_TMP/chain-pem.p7c"
# What the chain file must hold: leaf, intermediate, no root.
cat "$CA/leaf-good.pem" "$CA/int.pem" | openssl x509 -outform PEM >/dev/null
{ openssl x509 -in "$CA/leaf-good.pem"; openssl x509 -in "$CA/int.pem"; } >"$T_TMP/want-chain.pem"

for form in "PEM bundle, root first and leaf in the middle:bundle.pem" \
	"DER .cer and .crt:leaf.cer int.crt" "PKCS#7 DER .p7b:chain.p7b" \
	"PKCS#7 PEM .p7c:chain-pem.p7c"; do
	name=${form%%:*} files=${form#*:}
	fresh
	set --
	for f in $files; do set -- "$@" "$T_TMP/$f"; done
	check_status "$name: accepted" 0 "$XMPPGW" cert import "$Y" "$@"
	check "$name: chain is leaf then intermediate, no root" cmp -s "$CHAIN" "$T_TMP/want-chain.pem"
	check_eq "$name: chain mode 0644" 644 "$(mode "$CHAIN")"
done
check_grep "prints the thumbprint" "Thumbprint: $(issued thumbprint)" "$T_TMP/out"

# --- the CA's answer on standard input ('-'), alone or beside files --------------
fresh
check_status "a bundle on standard input: accepted" 0 sh -c '"$1" cert import "$2" - <"$3"' - \
	"$XMPPGW" "$Y" "$T_TMP/bundle.pem"
check "standard input: the same chain" cmp -s "$CHAIN" "$T_TMP/want-chain.pem"
fresh
check_status "the leaf as a file, the intermediate on standard input: accepted" 0 sh -c \
	'"$1" cert import "$2" "$3" - <"$4"' - "$XMPPGW" "$Y" "$T_TMP/leaf.cer" "$CA/int.pem"
check "leaf and standard input: the same chain" cmp -s "$CHAIN" "$T_TMP/want-chain.pem"
fresh
check_status "PKCS#7 DER through a pipe: accepted" 0 sh -c 'cat "$3" | "$1" cert import "$2" -' - \
	"$XMPPGW" "$Y" "$T_TMP/chain.p7b"
check "PKCS#7 from a pipe: the same chain" cmp -s "$CHAIN" "$T_TMP/want-chain.pem"
fresh
check_status "nothing on standard input: exit 2" 2 sh -c '"$1" cert import "$2" - </dev/null' - \
	"$XMPPGW" "$Y"
check_grep "says <stdin> holds no certificate" "<stdin> holds no certificate" "$T_TMP/err"
check_status "- twice: usage" 2 sh -c '"$1" cert import "$2" - - <"$3"' - "$XMPPGW" "$Y" \
	"$T_TMP/bundle.pem"
check_grep "- twice: says so" "standard input (-) can be given only once" "$T_TMP/err"
check_status "certificates and passphrase both on standard input: refused" 2 sh -c \
	'"$1" cert import "$2" - --passphrase-fd 0 <"$3"' - "$XMPPGW" "$Y" "$T_TMP/bundle.pem"
check_grep "says why" "standard input cannot carry both" "$T_TMP/err"
check "none of the refused touched the deployment file" cmp -s "$Y" "$T_TMP/before.yaml"
"$XMPPGW" cert import "$Y" "$T_TMP/bundle.pem" >/dev/null 2>&1

# --- the fields recorded, against openssl's reading of the leaf ----------------
L=$CA/leaf-good.pem
fp=$(openssl x509 -in "$L" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
check_eq "thumbprint = SHA-1 of the DER, upper-case hex" "$fp" "$(issued thumbprint)"
check_eq "serial" "$(openssl x509 -in "$L" -noout -serial | sed 's/.*=//')" "$(issued serial)"
check_eq "subject (RFC 2253)" \
	"$(openssl x509 -in "$L" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')" \
	"$(issued subject)"
check_eq "issuer (RFC 2253)" \
	"$(openssl x509 -in "$L" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')" \
	"$(issued issuer)"
rfc3339() { date -u -d "$(openssl x509 -in "$L" -noout "$1" | sed 's/.*=//')" +%Y-%m-%dT%H:%M:%SZ; }
check_eq "not_before" "$(rfc3339 -startdate)" "$(issued not_before)"
check_eq "not_after" "$(rfc3339 -enddate)" "$(issued not_after)"
check_eq "chain_file" "edge-external-chain.pem" "$(issued chain_file)"
check_eq "key_file" "edge-external.key" "$(issued key_file)"
check "imported_at is RFC 3339 UTC" sh -c \
	'echo "$1" | grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"' - \
	"$(issued imported_at)"
check_status "xmppgw check accepts the file" 0 "$XMPPGW" check "$Y"
check_eq "and says nothing" "" "$(cat "$T_TMP/err")"
check_grep "the log says what was done" "chain written to" "$Y.log"
cp "$Y" "$T_TMP/imported.yaml"

# --- refusals: the reason, exit 1, nothing written -------------------------
# refused DESCRIPTION MESSAGE [YAML-SED] -- CERT...
refused() {
	what=$1 msg=$2 edit=$3
	shift 4
	fresh
	[ -n "$edit" ] && sed -i "$edit" "$Y"
	cp "$Y" "$T_TMP/pre.yaml"
	check_status "$what: refused, exit 1" 1 "$XMPPGW" cert import "$Y" "$@"
	check_grep "$what: says why" "$msg" "$T_TMP/err"
	check "$what: the deployment file's bytes are unchanged" cmp -s "$Y" "$T_TMP/pre.yaml"
	check "$what: no chain file written" test ! -e "$CHAIN"
}
refused "wrong key" "None of the certificates given matches the key $KEY: they were issued for another request." "" -- \
	"$CA/leaf-wrongkey.pem" "$CA/int.pem"
refused "expired" "The certificate expired on 2021-01-01T00:00:00Z." "" -- \
	"$CA/leaf-expired.pem" "$CA/int.pem"
refused "not yet valid" "The certificate is not valid yet: not before 2099-01-01T00:00:00Z." "" -- \
	"$CA/leaf-future.pem" "$CA/int.pem"
refused "a SAN missing" "The subject alternative name sip.fabrikam.com is missing" "" -- \
	"$CA/leaf-nosan.pem" "$CA/int.pem"
check_eq "only the missing name is named" 1 "$(grep -c 'is missing' "$T_TMP/err")"
refused "wildcard SAN" "The subject alternative name *.contoso.com is a wildcard" "" -- \
	"$CA/leaf-wildcard.pem" "$CA/int.pem"
refused "no serverAuth" "no Server Authentication (serverAuth) extended key usage" "" -- \
	"$CA/leaf-noserver.pem" "$CA/int.pem"
refused "client_eku without clientAuth" "no Client Authentication (clientAuth)" \
	"s/client_eku: false/client_eku: true/" -- "$CA/leaf-good.pem" "$CA/int.pem"
refused "key usage" "The key usage lacks digitalSignature" "" -- "$CA/leaf-ku.pem" "$CA/int.pem"
check_grep "key usage: the other bit too" "The key usage lacks keyEncipherment" "$T_TMP/err"
refused "RSA 1024" "The certificate's key is 1024-bit RSA; Lync 2013 needs at least 2048 bits." \
	"s|edge-external.key|$CA/weak.key|" -- "$CA/leaf-weak.pem" "$CA/int.pem"
refused "RSASSA-PSS" "is signed with RSASSA-PSS, which Lync 2013 cannot use." "" -- \
	"$CA/leaf-pss.pem" "$CA/int.pem"
check "RSASSA-PSS: the test leaf really is PSS" sh -c \
	'openssl x509 -in "$1" -noout -text | grep -q "Signature Algorithm: rsassaPss"' - "$CA/leaf-pss.pem"
refused "bad issuer signature" "The signature on the certificate C=US,ST=Washington,L=Redmond,O=Contoso Ltd,CN=sip.contoso.com does not verify with the key of its issuer CN=xmppgw Test Intermediate" \
	"" -- "$CA/leaf-good.pem" "$CA/int-rekeyed.pem" "$CA/root.pem"

fresh
check_status "client_eku with both EKUs: accepted" 0 sh -c \
	'sed -i "s/client_eku: false/client_eku: true/" "$2" && "$1" cert import "$2" "$3" "$4"' \
	- "$XMPPGW" "$Y" "$CA/leaf-client.pem" "$CA/int.pem"

# --- errors: exit 2, nothing written ---------------------------------------
fresh
printf 'not a certificate\n' >"$T_TMP/junk.cer"
check_status "a file that holds no certificate: exit 2" 2 "$XMPPGW" cert import "$Y" "$T_TMP/junk.cer"
check_grep "names the file" "junk.cer holds no certificate" "$T_TMP/err"
check_status "a missing file: exit 2" 2 "$XMPPGW" cert import "$Y" "$T_TMP/nothere.pem"
check_grep "names the file" "nothere.pem" "$T_TMP/err"
check_status "a folder: exit 2" 2 "$XMPPGW" cert import "$Y" "$T_TMP"
check_grep "says it is no certificate file" "Is a directory" "$T_TMP/err"
mkfifo "$T_TMP/answer.pem"
check_status "a FIFO: exit 2 at once, not waiting for a writer" 2 \
	timeout 20 "$XMPPGW" cert import "$Y" "$T_TMP/answer.pem"
check_grep "says it is no certificate file" "answer.pem: it is a named pipe (FIFO), not a regular file" "$T_TMP/err"
rm -f "$T_TMP/answer.pem"
check "none touched the deployment file" cmp -s "$Y" "$T_TMP/before.yaml"
check_status "no certificate given: usage" 2 "$XMPPGW" cert import "$Y"

# --- warnings: accepted, said --------------------------------------------------
# warned DESCRIPTION MESSAGE CERT...
warned() {
	what=$1 msg=$2
	shift 2
	fresh
	check_status "$what: accepted" 0 "$XMPPGW" cert import "$Y" "$@"
	check_grep "$what: warns" "$msg" "$T_TMP/err"
	check "$what: chain written" test -s "$CHAIN"
}
warned "under 30 days" "warning: The certificate expires in " "$CA/leaf-short.pem" "$CA/int.pem"
warned "no intermediate" "warning: No intermediate certificate was given: the issuer CN=xmppgw Test Intermediate,O=xmppgw tests is not among the files" \
	"$CA/leaf-good.pem"
warned "no CRL distribution point" "warning: The certificate has no CRL distribution point" \
	"$CA/leaf-nocdp.pem" "$CA/int.pem"
check_grep "no AIA" "warning: The certificate has no Authority Information Access (AIA)" "$T_TMP/err"
warned "CN other than the Access Edge FQDN" \
	'warning: The subject CN is "edge.contoso.com", not the Access Edge FQDN sip.contoso.com.' \
	"$CA/leaf-cn.pem" "$CA/int.pem"
warned "an unrelated certificate" "warning: The certificate CN=sip.contoso.com is not in the chain of the Edge certificate and is ignored" \
	"$CA/leaf-good.pem" "$CA/int.pem" "$CA/leaf-wrongkey.pem"
check_status "the short-lived one: check warns, exit 0" 0 sh -c \
	'"$1" cert import "$2" "$3" "$4" >/dev/null 2>&1 && "$1" check "$2"' - "$XMPPGW" "$Y" \
	"$CA/leaf-short.pem" "$CA/int.pem"
check_grep "check: under 30 days" "warning: certificate.issued.not_after: the certificate expires in " "$T_TMP/err"

# --- a link planted at the chain's name is replaced, never written through ---
fresh
echo precious >"$T_TMP/chain-target"
ln -s "$T_TMP/chain-target" "$CHAIN"
check_status "a link at the chain's name: accepted" 0 "$XMPPGW" cert import "$Y" "$T_TMP/bundle.pem"
check_eq "the link's target is untouched" precious "$(cat "$T_TMP/chain-target")"
check "the chain is a file of its own" sh -c 'test -f "$1" && ! test -L "$1"' - "$CHAIN"
check "holding the chain" cmp -s "$CHAIN" "$T_TMP/want-chain.pem"

# --- check after the key is replaced ---------------------------------------
fresh
cp "$T_TMP/imported.yaml" "$Y"
"$XMPPGW" cert import "$Y" "$T_TMP/bundle.pem" >/dev/null 2>&1
cp "$KEY" "$T_TMP/key.orig"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY" 2>/dev/null
check_status "check after the key is replaced: exit 1" 1 "$XMPPGW" check "$Y"
check_grep "and says the chain no longer matches the key" \
	"error: certificate.issued.chain_file: the certificate in edge-external-chain.pem no longer matches the key edge-external.key" \
	"$T_TMP/err"
cp "$T_TMP/key.orig" "$KEY"
rm -f "$CHAIN"
check_status "check with the chain file gone: exit 1" 1 "$XMPPGW" check "$Y"
check_grep "and says so" "error: certificate.issued.chain_file: cannot read $CHAIN: No such file or directory" "$T_TMP/err"

# --- PFX ------------------------------------------------------------------------
fresh
"$XMPPGW" cert import "$Y" "$T_TMP/bundle.pem" >/dev/null 2>&1
PW='pfx Pa55 word'
printf '%s\n' "$PW" >"$T_TMP/pw"
check_status "cert pfx: exit 0" 0 sh -c 'umask 0; "$1" cert pfx "$2" --pfx-passphrase-fd 3 3<"$3"' \
	- "$XMPPGW" "$Y" "$T_TMP/pw"
check_grep "says where it went" "PFX written to $PFX (mode 0600)" "$T_TMP/out"
check_eq "mode 600 (even with umask 0)" 600 "$(mode "$PFX")"
check_eq "recorded pfx_file" "edge-external.pfx" "$(issued pfx_file)"
openssl pkcs12 -in "$PFX" -info -noout -passin "file:$T_TMP/pw" >"$T_TMP/info" 2>&1
check_grep "MAC sha1, 2048 iterations" "MAC: sha1, Iteration 2048" "$T_TMP/info"
check_grep "certificates: 3DES PBE, 2048 iterations" \
	"PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048" "$T_TMP/info"
check_grep "key: 3DES PBE, 2048 iterations" \
	"Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048" "$T_TMP/info"
check "no AES or PBES2 anywhere" sh -c '! grep -qi "aes\|PBES2\|sha256" "$1"' - "$T_TMP/info"
check_eq "exactly two certificate bags" 2 "$(grep -c '^Certificate bag' "$T_TMP/info")"
check "the legacy reading agrees" sh -c \
	'openssl pkcs12 -legacy -in "$1" -info -noout -passin "file:$2" 2>&1 | grep -q "MAC: sha1, Iteration 2048"' \
	- "$PFX" "$T_TMP/pw"
openssl pkcs12 -in "$PFX" -nokeys -passin "file:$T_TMP/pw" 2>/dev/null >"$T_TMP/certs.pem"
check_eq "two certificates" 2 "$(grep -c 'BEGIN CERTIFICATE' "$T_TMP/certs.pem")"
check "no root among them" sh -c '! grep -q "subject=.*xmppgw Test Root" "$1"' - "$T_TMP/certs.pem"
check_grep "friendlyName from the deployment" "friendlyName: Edge External" "$T_TMP/certs.pem"
check_grep "localKeyID on the leaf" "localKeyID:" "$T_TMP/certs.pem"
openssl pkcs12 -in "$PFX" -nocerts -nodes -passin "file:$T_TMP/pw" 2>/dev/null >"$T_TMP/pfxkey.pem"
check_grep "localKeyID on the key" "localKeyID:" "$T_TMP/pfxkey.pem"
check_eq "the key in the PFX is the deployment's key" \
	"$(openssl pkey -in "$KEY" -pubout)" "$(openssl pkey -in "$T_TMP/pfxkey.pem" -pubout)"
check_eq "and matches the leaf" "$(openssl x509 -in "$CA/leaf-good.pem" -noout -pubkey)" \
	"$(openssl pkey -in "$T_TMP/pfxkey.pem" -pubout)"
check "a wrong password fails the MAC" sh -c \
	'! openssl pkcs12 -in "$1" -noout -passin pass:wrong 2>/dev/null' - "$PFX"
for f in "$PFX" "$Y" "$Y.log" "$T_TMP/out" "$T_TMP/err"; do
	check "the password is not in $(basename "$f")" sh -c '! grep -qF -- "$1" "$2"' - "$PW" "$f"
done

cp "$PFX" "$T_TMP/pfx1"
check_status "a second export without --force: exit 1" 1 sh -c \
	'"$1" cert pfx "$2" --pfx-passphrase-fd 3 3<"$3"' - "$XMPPGW" "$Y" "$T_TMP/pw"
check_grep "says why" "already exists; a PFX is not replaced unless asked to" "$T_TMP/err"
check_grep "and how to go on" "use --force" "$T_TMP/err"
check "the PFX is unchanged" cmp -s "$PFX" "$T_TMP/pfx1"
check_status "--force replaces it" 0 sh -c \
	'"$1" cert pfx "$2" --force --pfx-passphrase-fd 3 3<"$3"' - "$XMPPGW" "$Y" "$T_TMP/pw"
check "with a new file (new salts)" sh -c '! cmp -s "$1" "$2"' - "$PFX" "$T_TMP/pfx1"
check_eq "still mode 600" 600 "$(mode "$PFX")"
check "which openssl opens" openssl pkcs12 -in "$PFX" -noout -passin "file:$T_TMP/pw"
check "no staged file is left" sh -c '! ls -A "$1" | grep -q "\.new$"' - "$W"

echo precious >"$T_TMP/target"
ln -s "$T_TMP/target" "$W/planted.pfx"
check_status "a symlink at OUT is refused, even with --force" 1 sh -c \
	'"$1" cert pfx "$2" -o "$3" --force --pfx-passphrase-fd 3 3<"$4"' - "$XMPPGW" "$Y" \
	"$W/planted.pfx" "$T_TMP/pw"
check_grep "with the reason" "is a symbolic link; a PFX is never written through one" "$T_TMP/err"
check_eq "its target is untouched" precious "$(cat "$T_TMP/target")"
check "the link is still a link" test -L "$W/planted.pfx"

mkdir "$T_TMP/elsewhere"
check_status "-o from another folder" 0 sh -c \
	'cd "$1" && "$2" cert pfx ../work/contoso.yaml -o edge.pfx --pfx-passphrase-fd 3 3<"$3"' \
	- "$T_TMP/elsewhere" "$XMPPGW" "$T_TMP/pw"
check_eq "written where it was named" 600 "$(mode "$T_TMP/elsewhere/edge.pfx")"
check_grep "recorded as seen from the deployment's folder" "pfx_file: $T_TMP/elsewhere/edge.pfx" "$Y"
check_status "-o naming the deployment file is refused" 1 sh -c \
	'"$1" cert pfx "$2" -o "$2" --force --pfx-passphrase-fd 3 3<"$3"' - "$XMPPGW" "$Y" "$T_TMP/pw"
check_grep "with the reason" "the PFX needs a file of its own" "$T_TMP/err"
: >"$T_TMP/empty"
check_status "an empty password is refused" 2 sh -c \
	'"$1" cert pfx "$2" --force --pfx-passphrase-fd 3 3<"$3"' - "$XMPPGW" "$Y" "$T_TMP/empty"
check_status "no password and no terminal: exit 2" 2 sh -c \
	'"$1" cert pfx "$2" --force </dev/null' - "$XMPPGW" "$Y"
check_grep "says how to give it" "--pfx-passphrase-fd M" "$T_TMP/err"
check_status "a password in argv is refused" 2 "$XMPPGW" cert pfx "$Y" --password=x

# --- an encrypted key, its passphrase on a descriptor ----------------------
E=$T_TMP/enc
mkdir "$E"
cp "$top_srcdir/share/examples/contoso.yaml" "$E/contoso.yaml"
KP='key Pass phrase'
printf '%s\n' "$KP" >"$T_TMP/kp"
"$XMPPGW" csr "$E/contoso.yaml" --passphrase-fd 3 3<"$T_TMP/kp" >/dev/null 2>&1
ca_leaf "$CA" enc good "$E/edge-external.csr"
cp "$E/contoso.yaml" "$T_TMP/enc-before.yaml"
check_status "encrypted key without its passphrase: exit 2" 2 \
	"$XMPPGW" cert import "$E/contoso.yaml" "$CA/leaf-enc.pem" "$CA/int.pem"
check_grep "says the passphrase is needed" "is encrypted; its passphrase is needed" "$T_TMP/err"
check_grep "and how to give it" "--passphrase-fd N" "$T_TMP/err"
printf 'wrong\n' >"$T_TMP/wrong"
check_status "a wrong passphrase: exit 2" 2 sh -c \
	'"$1" cert import "$2" "$3" "$4" --passphrase-fd 3 3<"$5"' - "$XMPPGW" "$E/contoso.yaml" \
	"$CA/leaf-enc.pem" "$CA/int.pem" "$T_TMP/wrong"
check_grep "says so" "wrong passphrase" "$T_TMP/err"
check "the file is unchanged" cmp -s "$E/contoso.yaml" "$T_TMP/enc-before.yaml"
check_status "with --passphrase-fd: accepted" 0 sh -c \
	'"$1" cert import "$2" "$3" "$4" --passphrase-fd 3 3<"$5"' - "$XMPPGW" "$E/contoso.yaml" \
	"$CA/leaf-enc.pem" "$CA/int.pem" "$T_TMP/kp"
check_status "check compares the encrypted key through its request" 0 "$XMPPGW" check "$E/contoso.yaml"
check_status "pfx with a wrong key passphrase: exit 2, as cert import" 2 sh -c \
	'"$1" cert pfx "$2" --passphrase-fd 3 --pfx-passphrase-fd 4 3<"$3" 4<"$4"' - "$XMPPGW" \
	"$E/contoso.yaml" "$T_TMP/wrong" "$T_TMP/pw"
check_grep "says so" "wrong passphrase" "$T_TMP/err"
check "and writes nothing" test ! -e "$E/edge-external.pfx"
# Both secrets through one descriptor: the key's on the first line.
printf '%s\n%s\n' "$KP" "$PW" >"$T_TMP/both"
check_status "pfx with both secrets on one descriptor" 0 sh -c \
	'"$1" cert pfx "$2" --passphrase-fd 3 --pfx-passphrase-fd 3 3<"$3"' - "$XMPPGW" \
	"$E/contoso.yaml" "$T_TMP/both"
check "the PFX opens with the PFX password" \
	openssl pkcs12 -in "$E/edge-external.pfx" -noout -passin "file:$T_TMP/pw"
for f in "$E/edge-external.pfx" "$E/contoso.yaml" "$E/contoso.yaml.log"; do
	check "the key passphrase is not in $(basename "$f")" sh -c '! grep -qF -- "$1" "$2"' - "$KP" "$f"
done

# --- on a terminal: the key's passphrase asked, the PFX password twice -------
if command -v tmux >/dev/null; then
	rm -f "$E/edge-external.pfx"
	tmux_start 100 24 -- env PS1='prompt$ ' sh -i
	tmux_wait 'prompt$'
	tmux_type "\"$XMPPGW\" cert pfx '$E/contoso.yaml'"
	tmux_keys Enter
	check "terminal: asks for the key's passphrase" tmux_wait "Key passphrase:"
	tmux_type "$KP"
	tmux_keys Enter
	check "terminal: asks for the PFX password" tmux_wait "PFX password:"
	tmux_type "$PW"
	tmux_keys Enter
	check "terminal: and again" tmux_wait "PFX password again:"
	tmux_type "$PW"
	tmux_keys Enter
	check "terminal: the PFX is written" tmux_wait "PFX written to"
	check "terminal: nothing typed is shown" sh -c \
		'! tmux -L "$1" capture-pane -p -t t | grep -qF -e "$2" -e "$3"' - "$T_TMUX_SOCKET" "$KP" "$PW"
	check "terminal: the PFX opens with the typed password" \
		openssl pkcs12 -in "$E/edge-external.pfx" -noout -passin "file:$T_TMP/pw"
	tmux_type "clear"
	tmux_keys Enter
	tmux_wait_gone "PFX written to"
	tmux_type "\"$XMPPGW\" cert pfx '$E/contoso.yaml' --force --passphrase-fd 3 3<'$T_TMP/kp'"
	tmux_keys Enter
	tmux_wait "PFX password:"
	tmux_type "one"
	tmux_keys Enter
	tmux_wait "PFX password again:"
	tmux_type "two"
	tmux_keys Enter
	check "terminal: two different passwords are refused" tmux_wait "the two PFX passwords differ"
	check "terminal: the earlier PFX stays" \
		openssl pkcs12 -in "$E/edge-external.pfx" -noout -passin "file:$T_TMP/pw"
fi

done_testing
