#!/bin/sh
# SPDX-License-Identifier: ISC
# Step 3's certificate tasks at 80x24, after `xmppgw csr`: the CA's answer
# (a test CA's DER certificate and intermediate, picked from the folder)
# processed, a .pfx exported under a password typed twice, the Edge's
# script written; each output read back with openssl and the PowerShell
# grammar, the state shown on the tasks and home screens.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/cert/ca.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
command -v openssl >/dev/null 2>&1 || skip_all "no openssl command"
LC_ALL=C.UTF-8
export LC_ALL

W=$T_TMP/w CA=$T_TMP/ca
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
"$XMPPGW" csr "$W/d.yaml" >/dev/null 2>&1 || { echo "Bail out! xmppgw csr failed"; exit 1; }
ca_make "$CA" "$W/edge-external.csr" || { echo "Bail out! the test CA could not be made"; exit 1; }
openssl x509 -in "$CA/leaf-good.pem" -outform DER -out "$W/answer.cer"
openssl x509 -in "$CA/int.pem" -outform DER -out "$W/intermediate.crt"
cp "$CA/leaf-wildcard.pem" "$W/wild.pem"
PASS='Pfx-pass 1'

step() {
	if tmux_wait "$1" "${2:-10}"; then ok "shows: $1"; else not_ok "shows: $1"; fi
}
never_shown() {
	check "$1 is never shown" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -qF -- "$2"' \
		- "$T_TMUX_SOCKET" "$2"
}

tmux_start -- "$XMPPGW" "$W/d.yaml"
step "Step 3: Request"
step "Certificate: request edge-external.csr pending since"
tmux_focus Down "Step 3: Request" >/dev/null
tmux_keys Enter
step "Available Certificate Tasks"
step "< Run Again >"

# A task that needs an earlier one says so.
check "the export task has a row" tmux_focus Down "Export the certificate to a .pfx"
tmux_keys Enter
step "No certificate has been issued yet: process the CA's answer first."
tmux_keys Enter
tmux_wait_gone "No certificate has been issued yet"

# --- Process the pending request ------------------------------------------------
# A refused answer first: every reason and warning, one a line; the file's bytes kept.
cp "$W/d.yaml" "$T_TMP/before-refused.yaml"
check "the process task has a row" tmux_focus Up "Process the pending request"
tmux_keys Enter
step "Process Pending Certificate Request"
check "the refused answer is offered" tmux_focus Tab "wild.pem"
tmux_keys Enter
tmux_keys C-n
step "Refused; nothing was written:"
step "- The subject alternative name *.contoso.com is a wildcard"
step "warning: No intermediate certificate was given"
check "the deployment file's bytes are unchanged" cmp -s "$T_TMP/before-refused.yaml" "$W/d.yaml"
check "no chain was written" test ! -e "$W/edge-external-chain.pem"
tmux_keys Escape
step "Available Certificate Tasks"
check "the deployment file is still unchanged" cmp -s "$T_TMP/before-refused.yaml" "$W/d.yaml"
rm "$W/wild.pem"

check "the process task has a row" tmux_focus Down "Process the pending request"
tmux_keys Enter
step "Process Pending Certificate Request"
step "answer.cer"
step "intermediate.crt"
tmux_keys C-n
step "error: "
check "the answer's file is offered" tmux_focus Tab "answer.cer"
tmux_keys Enter
check "the intermediate is offered" tmux_focus Tab "intermediate.crt"
tmux_keys Enter
check "both are in the list" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -c "Added" | grep -qx 2' \
	- "$T_TMUX_SOCKET"
tmux_keys C-n
step "Executing Commands"
step "Accepted. The certificate (thumbprint"
TP=$(openssl x509 -in "$CA/leaf-good.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
step "$TP"
check "the file records the thumbprint" grep -Eq "^    thumbprint: '?$TP'?\$" "$W/d.yaml"
openssl x509 -in "$CA/leaf-good.pem" >"$T_TMP/want.pem"
openssl x509 -in "$CA/int.pem" >>"$T_TMP/want.pem"
check "the chain beside the file: leaf, then the intermediate" \
	cmp -s "$T_TMP/want.pem" "$W/edge-external-chain.pem"
tmux_keys C-n
step "Available Certificate Tasks"
step "Certificate: issued by"
step "days left), thumbprint"

# --- Export to .pfx --------------------------------------------------------------
check "the export task has a row" tmux_focus Down "Export the certificate to a .pfx"
tmux_keys Enter
step "Export Certificate"
step "edge-external.pfx"
check "the password field" tmux_focus Tab "Password:"
tmux_type "$PASS"
tmux_keys Tab
tmux_type "typo"
tmux_keys C-n
step "error: the two passwords differ"
never_shown "the password" "$PASS"
tmux_keys C-u
tmux_type "$PASS"
# A link planted at the name: refused at once, not offered for replacing.
ln -s "$T_TMP/victim.pfx" "$W/edge-external.pfx"
tmux_keys C-n
step "PFX is never written through one"
never_shown "the question to replace it" "Replace the file?"
check "nothing was written through it" test ! -e "$T_TMP/victim.pfx"
rm "$W/edge-external.pfx"
tmux_keys C-p
step "Export Certificate"
tmux_keys C-n
step "Executing Commands"
step "Done. " 30
check_eq "the .pfx has mode 0600" 600 "$(stat -c %a "$W/edge-external.pfx")"
openssl pkcs12 -legacy -in "$W/edge-external.pfx" -passin "pass:$PASS" -info -nodes \
	>"$T_TMP/pfx.txt" 2>&1
check_grep "the .pfx opens with the password typed" "MAC: sha1, Iteration 2048" "$T_TMP/pfx.txt"
check_grep "its bags use 3DES" "pbeWithSHA1And3-KeyTripleDES-CBC" "$T_TMP/pfx.txt"
check_eq "it holds the leaf and the intermediate" 2 "$(grep -c 'BEGIN CERTIFICATE' "$T_TMP/pfx.txt")"
openssl pkey -in "$T_TMP/pfx.txt" -pubout >"$T_TMP/pfx.pub" 2>/dev/null
openssl x509 -in "$CA/leaf-good.pem" -noout -pubkey >"$T_TMP/leaf.pub"
check "its key is the certificate's" cmp -s "$T_TMP/pfx.pub" "$T_TMP/leaf.pub"
check_grep "the file records it" "pfx_file: edge-external.pfx" "$W/d.yaml"
check "the password is in no file" sh -c '! grep -rqF -- "$1" "$2"' - "$PASS" "$W"
tmux_keys C-n
step "Available Certificate Tasks"

# --- Assign: the Edge's script ------------------------------------------------------
check "the assign task has a row" tmux_focus Down "Assign the certificate"
tmux_keys Enter
step "Assign Certificate"
step "1. Copy edge-external.pfx and the script to each Edge Server"
check "Write is offered" tmux_focus Tab "Write the script"
tmux_keys Enter
step "Written to $W/d.edge.ps1"
step "# Thumbprint: $TP"
tmux_keys Escape
tmux_wait_gone "Written to"
"$XMPPGW" export edge-ps1 "$W/d.yaml" >"$T_TMP/want-edge.ps1"
check "the script is what export edge-ps1 prints" cmp -s "$T_TMP/want-edge.ps1" "$W/d.edge.ps1"
check_grep "it assigns the imported certificate" "$TP" "$W/d.edge.ps1"
check_ps_parses "it parses as PowerShell" "$W/d.edge.ps1"
tmux_keys Escape
step "Available Certificate Tasks"
tmux_keys Escape
step "Step 3: Request"
step "Certificate: issued by"

tmux_keys C-x
check "everything was saved by the tasks: Ctrl-X quits at once" tmux_wait_exit 10

# --- The key replaced behind the file's back: the home screen says so -------------
tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
cp "$CA/other.key" "$W/edge-external.key"
tmux_start -- "$XMPPGW" "$W/d.yaml"
step "Certificate problem: the certificate in edge-external-chain.pem no longer"
tmux_keys C-x
check "it quits" tmux_wait_exit 10
done_testing
