#!/bin/sh
# SPDX-License-Identifier: ISC
# The whole certificate wizard at 80x24 with the keys only: Back, Next,
# validation errors beside their fields and their fixes, the list editor,
# UTF-8 text, the passphrase, key generation, View Log, View, Finish; then
# the files are read with openssl as a CA would.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"
command -v openssl >/dev/null || skip_all "no openssl command"

W=$T_TMP/work
mkdir "$W"
# No country, no SIP domain chosen yet.
sed -e 's/^  country: US/  country: ""/' -e '/^  sip_domain_sans:$/{s/$/ []/;N;N;s/\n.*//;}' \
	"$top_srcdir/share/examples/contoso.yaml" >"$W/d.yaml"
PASS='correct horse 9'

# step TEXT: waits for TEXT, reports it as a test.
step() { if tmux_wait "$1" "${2:-10}"; then ok "shows: $1"; else not_ok "shows: $1"; fi; }
screen_has() { tmux_screen | grep -qF -- "$1"; }
# The row of the screen holding TEXT.
row() { tmux_screen | grep -F -- "$1" | head -1; }

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
step "Step 3: Request, Install or Assign Certificates"
check "home offers Run before any request" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -q "< Run >"' - "$T_TMUX_SOCKET"
step "Certificate settings: missing country"

tmux_keys Down Enter
step "Available Certificate Tasks"
step "Certificate: no request yet."
tmux_open_request
step "Step 1 of 13"
step "Certificate Request"
tmux_keys C-n
step "Delayed or Immediate Request"
tmux_keys Space
step "Here the request file is written either"
tmux_keys Space
tmux_wait_gone "Here the request file is written either"
tmux_keys C-n
step "Certificate Request File"
step "Written to $W/edge-external.csr"
tmux_keys C-n
step "Specify Alternate Certificate Template"
step "Template name:"
tmux_keys Space
tmux_wait_gone "Template name:" && ok "unchecking the template hides its name" || not_ok "unchecking the template hides its name"
tmux_keys Space
step "Template name:"
# Back keeps what was typed.
tmux_keys Tab End
tmux_type "2"
tmux_keys C-p
step "Certificate Request File"
tmux_keys C-n
step "WebServer2"
tmux_keys BSpace C-n

step "Name and Security Settings"
# Tab enters the radio group on its chosen button (2048); Up reaches 1024.
tmux_keys Tab Up Space
step "1024 bits is too weak"
tmux_keys C-n
step "error: the key size"
# On 1024: Down and Space choose 2048, Tab leaves the group for the box.
tmux_keys Down Space Tab Space
step "Lync needs the key exportable"
tmux_keys C-n
step "error: must be true"
tmux_keys Space
tmux_wait_gone "error: must be true"
tmux_keys Tab Tab
tmux_type "$PASS"
tmux_keys Tab
tmux_type "typo"
tmux_keys C-n
step "error: does not match the passphrase above"
check "the passphrase is never shown" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -qF "$2"' - "$T_TMUX_SOCKET" "$PASS"
tmux_keys C-u
tmux_type "$PASS"
tmux_keys C-n

step "Organization Information"
tmux_keys C-n
step "Geographical Information"
tmux_type "usa"
step "USA      did you mean US (United States of America)?"
tmux_keys C-n
step "error: the value \"USA\" is not a two-letter"
check "the error sits under the country field" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -A1 "Country/Region:" | grep -q "error:"' - "$T_TMUX_SOCKET"
tmux_keys C-u
tmux_type "br"
step "BR       Brazil"
tmux_keys Tab C-u
tmux_type "São Paulo"
tmux_keys Tab C-u
tmux_type "São Paulo"
tmux_keys Home Right Right Right DC End
tmux_type "!"
step "City/Locality:   SãoPaulo!"
tmux_keys BSpace Home Right Right Right
tmux_type " "
step "City/Locality:   São Paulo"
tmux_keys C-n

step "Subject Name/Subject Alternate Names"
step "L=São Paulo"
tmux_keys C-n
step "SIP Domain Setting on Subject Alternate Names (SANs)"
step "[ ] contoso.com (adds sip.contoso.com)"
tmux_keys Space
step "[x] contoso.com (adds sip.contoso.com)"
tmux_keys C-n

step "Configure Additional Subject Alternate Names"
step "contoso.com  (XMPP domain with an SRV record, from the topology)"
tmux_keys Enter
tmux_type "*.contoso.com"
tmux_keys Enter C-n
step "is a wildcard"
tmux_keys DC
tmux_wait_gone "*.contoso.com"
tmux_keys Enter
tmux_type "chat.contoso.com"
tmux_keys Enter C-n

step "Request Summary"
step "Key passphrase: given (not shown)"
tmux_keys C-n
step "Executing Commands"
step "Done. The private key is in edge-external.key" 90
tmux_keys Enter
step "request verified: signature OK"
tmux_keys Escape
tmux_wait_gone "request verified"
tmux_keys C-n
step "Send edge-external.csr to your public certification authority"
step "< Finish >"
tmux_keys Enter
step "Public key: RSA, 2048 bits"
tmux_keys Escape
tmux_keys C-n
step "Available Certificate Tasks"
step "< Run Again >"
step "Certificate: request edge-external.csr pending since"
cp "$W/edge-external.key" "$T_TMP/key1"
cp "$W/edge-external.csr" "$T_TMP/csr1"

# --- Run Again: a new key under new dated names; the key in use stays -------
tmux_keys Enter
step "External Edge certificate (public Internet)"
for t in "Delayed or Immediate Request" "Certificate Request File"; do
	tmux_keys C-n
	step "$t"
done
step "Run Again makes a new key under new dated names"
step "[ ] Reuse the private key in use instead of making a new one"
step "Written to $W/edge-external-"
for t in "Specify Alternate Certificate Template" "Name and Security Settings" \
	"Organization Information" "Geographical Information" "Subject Name/Subject Alternate Names" \
	"SIP Domain Setting" "Configure Additional Subject Alternate Names" "Request Summary"; do
	tmux_keys C-n
	step "$t"
done
tmux_keys C-n
step "Executing Commands"
step "Done. The private key is in edge-external-" 90
step "use, edge-external.key, was kept."
tmux_keys C-n
step "< Finish >"
tmux_keys C-n
step "< Run Again >"
step "Certificate: request edge-external-"

check "the first key's bytes are unchanged" cmp -s "$W/edge-external.key" "$T_TMP/key1"
check "the first request is unchanged" cmp -s "$W/edge-external.csr" "$T_TMP/csr1"
KEY2=$(ls "$W"/edge-external-*.key)
check "the new key is beside it, dated" sh -c 'echo "$1" | grep -Eq "/edge-external-[0-9]{8}\.key$"' - "$KEY2"
check_eq "the new key has mode 0600" 600 "$(stat -c %a "$KEY2")"
check_grep "the file records the new key" "    key_file: $(basename "$KEY2")" "$W/d.yaml"
openssl pkey -in "$KEY2" -pubout >"$T_TMP/k2.pub" 2>&1
openssl req -in "${KEY2%.key}.csr" -noout -pubkey >"$T_TMP/r2.pub" 2>&1
check "the new request is for the new key" cmp -s "$T_TMP/k2.pub" "$T_TMP/r2.pub"

CSR=$W/edge-external.csr KEY=$W/edge-external.key
check_eq "the key file has mode 0600" 600 "$(stat -c %a "$KEY")"
check_grep "the key is encrypted with the passphrase" "BEGIN ENCRYPTED PRIVATE KEY" "$KEY"
openssl req -in "$CSR" -noout -verify -text -nameopt utf8,sep_comma_plus_space \
	>"$T_TMP/req.txt" 2>&1
check_grep "the request's signature verifies" "verify OK" "$T_TMP/req.txt"
check_grep "the subject holds the typed UTF-8 city and the country" \
	"CN=sip.contoso.com, O=Contoso Ltd, L=São Paulo, ST=São Paulo, C=BR" "$T_TMP/req.txt"
check_grep "the SANs: CN, web conferencing, sip.<domain>, XMPP domain, the extra name" \
	"DNS:sip.contoso.com, DNS:webcon.contoso.com, DNS:contoso.com, DNS:chat.contoso.com" \
	"$T_TMP/req.txt"
check "the unchecked SIP domain is not a SAN" sh -c '! grep -q "sip.fabrikam.com" "$1"' - "$T_TMP/req.txt"
check_grep "the template extension is there" "1.3.6.1.4.1.311.20.2" "$T_TMP/req.txt"
openssl pkey -in "$KEY" -passin "pass:$PASS" -pubout >"$T_TMP/k.pub" 2>&1
openssl req -in "$CSR" -noout -pubkey >"$T_TMP/r.pub" 2>&1
check "the request is for the key written" cmp -s "$T_TMP/k.pub" "$T_TMP/r.pub"
check_grep "the deployment file names the new request" \
	"  request_file: $(basename "${KEY2%.key}").csr" "$W/d.yaml"
check_grep "the deployment file keeps the city" "city: São Paulo" "$W/d.yaml"
check_eq "the log beside the file has mode 0600" 600 "$(stat -c %a "$W/d.yaml.log")"
check_grep "the log says what was done" "request verified: signature OK" "$W/d.yaml.log"
check "the passphrase is in no file" sh -c '! grep -rqF -- "$1" "$2"' - "$PASS" "$W"
check "no draft is left behind" test ! -e "$W/.d.yaml.draft"

# Nothing unsaved: Ctrl-X leaves at once.
tmux_keys C-x
check "Ctrl-X with everything saved quits without asking" tmux_wait_exit 10
done_testing
