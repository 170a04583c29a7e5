#!/bin/sh
# SPDX-License-Identifier: ISC
# The "Access policy and federation" form and the Topology Builder tick in
# tmux at 80x24, on a copy of the example deployment: the tick on the home
# screen, a user policy with the Access Edge check box, then a site's
# policy; each saved and read back from the YAML file, and the Front End's
# script following it.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
LC_ALL=C.UTF-8
export LC_ALL

d=$T_TMP/contoso.yaml
cp "$top_srcdir/share/examples/contoso.yaml" "$d"


# focus KEY TEXT: presses KEY until the focused line holds TEXT.
focus() { tmux_focus "$@"; }

# save_and_quit: Ctrl-O, then Ctrl-X; the program ends with status 0.
save_and_quit() {
	tmux_keys C-o
	check "saved" tmux_wait "Saved"
	tmux_keys C-x
	check_eq "the program quits, exit status 0" 0 "$(tmux_exit_status)"
}

tmux_run "$d"
check "home screen shows" tmux_wait "Step 3: Request"
check "the summary shows the Topology Builder step as not done" \
	tmux_wait "Topology Builder step: not done"
check "the step has its check box" focus Down "[ ] Topology Builder step done"
check "what to do is shown under it" tmux_wait "Topology Builder: the site's Edit Properties, tick XMPP federation,"
check "... and how to verify" tmux_wait "netstat -ano | findstr 5269 (and 23456 from"
tmux_keys C-g
check "its help says what the step is" tmux_wait "No cmdlet does this step."
tmux_keys Escape
check "the help closes" tmux_wait_gone "No cmdlet does this step."
tmux_keys Space
check "Space ticks it" tmux_wait "[x] Topology Builder step done"
check "the steps go once it is ticked" tmux_wait_gone "netstat -ano"
focus Up "Edge topology"
check "the summary shows the step done" tmux_wait "Topology Builder step: done"

# A user policy, with the Access Edge allowing federated users.
check "the form has an entry" focus Down "Access policy and federation"
tmux_keys Enter
check "the form opens" tmux_wait "External access policy to change:"
tmux_screen >"$T_TMP/s"
check_grep "the global policy is chosen" "(*) Global policy" "$T_TMP/s"
check_grep "both boxes are ticked, as Microsoft's procedure does" \
	"[x] Enable communications with federated users" "$T_TMP/s"
check_grep "... the XMPP one too" "[x] Enable communications with XMPP federated users" "$T_TMP/s"
check_grep "the Access Edge box is not" "[ ] Allow federated users on the Access Edge" "$T_TMP/s"
if grep -qF "Site or policy name:" "$T_TMP/s"; then
	not_ok "no name field for the global policy"
else
	ok "no name field for the global policy"
fi
check "the user policy choice" focus Down "( ) A user policy"
tmux_keys Space
check "it is chosen, and says it must be granted" tmux_wait "Only the users it is granted to"
check "the name field appears" focus Tab "Site or policy name:"
tmux_keys C-n
check "OK with no name: the form says why" tmux_wait "is empty: write global, site:NAME"
check "the form stays" tmux_wait "External access policy to change:"
focus Tab "Site or policy name:" || focus BTab "Site or policy name:"
tmux_type "XMPP users"
check "the name is typed" tmux_wait "Site or policy name:  XMPP users"
check "the Access Edge box" focus Tab "Allow federated users on the Access Edge"
tmux_keys C-g
check "its help says it opens federation for the whole Edge" \
	tmux_wait "This opens federation for the whole Edge"
tmux_keys Escape
tmux_keys Space
check "Space ticks it" tmux_wait "[x] Allow federated users on the Access Edge"
tmux_keys C-n
check "OK: back on the home screen" tmux_wait "Step 3: Request"
check "the summary shows the policy and the Edge" \
	tmux_wait "Access policy XMPP users: XMPP access enabled; the Access Edge allows"
save_and_quit

check_eq "the file has the user policy" "  identity: XMPP users" \
	"$(grep '^  identity:' "$d")"
check_eq "... the Access Edge setting" "  allow_federated_users: true" \
	"$(grep '^  allow_federated_users:' "$d")"
check_eq "... and the Topology Builder step" "  builder_done: true" \
	"$(grep '^  builder_done:' "$d")"
check_status "the saved file is valid" 0 "$XMPPGW" check "$d"
check_grep "check warns that the user policy must be granted" \
	"\"XMPP users\" is a user policy: it applies only to the users it is granted to" "$T_TMP/err"
check_status "its Front End script" 0 "$XMPPGW" export frontend-ps1 "$d" -o "$T_TMP/fe.ps1"
check_grep "creates or sets the user policy" "    Identity = 'XMPP users'" "$T_TMP/fe.ps1"
check_grep "says how to grant it" \
	"Grant-CsExternalAccessPolicy -PolicyName 'XMPP users'" "$T_TMP/fe.ps1"
check_grep "allows federated users on the Access Edge" \
	"Set-CsAccessEdgeConfiguration -AllowFederatedUsers \$true" "$T_TMP/fe.ps1"
if grep -q "findstr" "$T_TMP/fe.ps1"; then
	not_ok "the Topology Builder step is left out once ticked"
else
	ok "the Topology Builder step is left out once ticked"
fi

# A site's policy, XMPP access off: the form warns, the file follows.
tmux_run "$d"
check "home screen shows again" tmux_wait "Step 3: Request"
check "the summary shows the step done after a restart" tmux_wait "Topology Builder step: done"
focus Down "Access policy and federation" && tmux_keys Enter
check "the form opens on the user policy" tmux_wait "(*) A user policy"
check "its name is shown" tmux_wait "Site or policy name:  XMPP users"
check "the site choice" focus Down "( ) A site's policy"
tmux_keys Space
check "the typed name moves to the site" tmux_wait "Site or policy name:  XMPP users"
focus Tab "Site or policy name:" && tmux_keys C-u
tmux_type "Redmond"
check "the site's name is typed" tmux_wait "Site or policy name:  Redmond"
check "the XMPP box" focus Tab "Enable communications with XMPP federated users"
tmux_keys Space
check "Space unticks it" tmux_wait "[ ] Enable communications with XMPP federated users"
check "the form warns at once that XMPP access is off" \
	tmux_wait "warning: is false: the users of this policy cannot talk to XMPP"
tmux_keys C-n
check "a warning does not stop OK" tmux_wait "Step 3: Request"
check "the summary shows XMPP access off" \
	tmux_wait "Access policy site:Redmond: XMPP access NOT enabled"
save_and_quit
check_eq "the file has the site's policy" "  identity: site:Redmond" \
	"$(grep '^  identity:' "$d")"
check_eq "... and XMPP access off" "  enable_xmpp_access: false" \
	"$(grep '^  enable_xmpp_access:' "$d")"
check_status "the file is still valid (warnings only)" 0 "$XMPPGW" check "$d"
check_grep "check warns that XMPP access is off" \
	"access_policy.enable_xmpp_access: is false" "$T_TMP/err"

# At 60x18 the summary fills the screen: the first entry, focused at the
# start, is still shown, and so are the policy entry and the tick.
cp "$top_srcdir/share/examples/contoso.yaml" "$T_TMP/small.yaml"
tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
n=0
while [ "$n" -lt 100 ] && tmux -L "$T_TMUX_SOCKET" ls >/dev/null 2>&1; do
	sleep 0.05
	n=$((n + 1))
done
tmux_start 60 18 -- "$XMPPGW" "$T_TMP/small.yaml"
check "home screen shows at 60x18" tmux_wait "XMPP gateway"
check "the focused first entry is on the screen" tmux_wait " >   Edge topology"
check "the policy entry at 60x18" focus Down "Access policy and federation"
check "the tick at 60x18" focus Down "[ ] Topology Builder step done"
tmux_keys Space
check "Space ticks it at 60x18" tmux_wait "[x] Topology Builder step done"

done_testing
