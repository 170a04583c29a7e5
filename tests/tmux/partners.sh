#!/bin/sh
# SPDX-License-Identifier: ISC
# The Partners screen and the partner form in tmux at 80x24, on a copy of
# share/examples/contoso.yaml: a partner added with its type and TLS /
# SASL / dialback chosen while the verdict under them changes, committed,
# saved and read back; one edited; an INVALID combination (row 12) and a
# domain another partner uses refused with the reason; a delete answered
# no, then yes; the filter as you type.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"

dep=$T_TMP/contoso.yaml
cp "$top_srcdir/share/examples/contoso.yaml" "$dep"

marker() { tmux_screen | grep '^ >' | head -n 1; }

# home_open LABEL: moves the home screen's focus down to LABEL, opens it.
home_open() {
	n=0
	while [ "$n" -lt 12 ]; do
		if marker | grep -qF -- "$1"; then
			tmux_keys Enter
			return 0
		fi
		tmux_keys Down
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# tabs N: N times Down, the form's stops one by one (one per radio choice;
# Tab moves a whole field, a radio group being one).
tabs() {
	i=0
	while [ "$i" -lt "$1" ]; do tmux_keys Down; i=$((i + 1)); done
}

# The stops of a new partner's form, from the primary domain (0):
# description 1, additional domains' Add 2, type 3-5, TLS 6-8, SASL 9-11,
# dialback 12, keep-alive 13, proxy FQDN 14.
shows() { tmux_wait "$1" 15; }
# shows_joined TEXT: TEXT on screen, lines joined (for wrapped messages).
joined() { tmux_screen | sed 's/^ *//' | tr '\n' ' ' | tr -s ' '; }
shows_joined() {
	i=0
	while [ "$i" -lt 100 ]; do
		joined | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# not on screen: $1"
	tmux_screen | sed 's/^/#   | /'
	return 1
}
row_shown() { tmux_screen | grep -q "^ $1 "; }

# stderr and the exit status go to files: a sanitizer report would land
# in the first, and tmux does not always keep the second.
tmux_start -- sh -c '"$0" "$1" 2>"$2"; echo $? >"$3"' \
	"$XMPPGW" "$dep" "$T_TMP/stderr" "$T_TMP/status"
check "the home screen lists the partners entry" tmux_wait "XMPP federated partners"
check "the entry opens" home_open "XMPP federated partners"
check "the list shows the file's partners" tmux_wait "tailspintoys.com"
check "the column headings" shows "Primary domain   Type              TLS  SASL Dialback Probe      Description"
check "the count" shows " 5 partners"
check "a row: domain, type, TLS / SASL / dialback, probe, description" \
	shows "gmail.com        Public unverified No   No   yes      not probed Google Talk"

# --- add: fabrikam.net, Federated, TLS Optional, SASL Required, no dialback
tmux_keys Tab Enter
check "New opens an empty form" shows "XMPP Federated Partner"
check "the form's hint: ^N is OK" shows "^N OK"
tmux_screen >"$T_TMP/s"
check "and no Back on a one-page form" sh -c "! grep -q '\\^P back' '$T_TMP/s'"
tmux_type "fabrikam.net"
tmux_keys Tab
tmux_type "Fabrikam, XMPP"
tabs 2
tmux_keys Space   # Federated
check "the chosen type's meaning shows under it" shows "High trust (same company"
tmux_keys Down Space   # Public verified
check "Public verified says it is not recommended" shows "Not recommended."
tmux_keys Up Space   # Federated again
tmux_keys Tab
check "Tab leaves the radio group, landing on the next group's chosen button" \
	sh -c 'tmux -L "$1" capture-pane -p -t t | grep "^ >" | grep -q "TLS.*(\*) Required"' - "$T_TMUX_SOCKET"
tmux_keys BTab
check "Shift-Tab comes back on the chosen type" \
	sh -c 'tmux -L "$1" capture-pane -p -t t | grep "^ >" | grep -q "(\*) Federated"' - "$T_TMUX_SOCKET"
# Dialback (12) is the lowest setting: with it focused the verdict is in view.
tabs 9
check "a new partner starts on row 7" \
	shows "Negotiation: SASL over TLS, TLS dialback (row 7)."
tmux_screen >"$T_TMP/s"
check "row 7 has no warning" sh -c "! grep -q 'Warning:' '$T_TMP/s'"
tmux_keys Up Up Up Up Up Space   # TLS Optional
tabs 5
check "TLS Optional: row 9, shown as it changes" \
	shows "Negotiation: SASL over TLS, TLS dialback, TCP dialback (row 9)."
check "with the W2 warning" shows_joined "Warning: SASL requires TLS; with TLS optional \
or not supported, negotiations may fail."
tmux_keys Up Up Up Space   # SASL Required
tabs 3
check "SASL Required: row 3" shows "TCP dialback (row 3)."
tmux_keys Space   # dialback off
check "dialback off: row 4" shows "Negotiation: SASL over TLS (row 4)."
tmux_keys C-n
check "OK commits the partner into the list" shows "Partner fabrikam.net added"
check "the new row" shows "fabrikam.net     Federated         Opt  Req  no       not probed Fabrikam"
check "the count follows" shows " 6 partners"

# --- edit: tailspintoys.com's description
tmux_type "tailspin"
check "the filter narrows to one row" shows "1 of 6 partners"
tmux_keys Enter
check "Enter opens the partner in the form" shows "tailspintoys.com"
tmux_keys Tab C-u
tmux_type "Edited: Tailspin Toys"
tmux_keys C-n
check "OK reports the change" shows "Partner tailspintoys.com changed"
check "the row shows the new description" shows "Edited: Tails"
tmux_keys Escape
check "Esc empties the filter first" shows " 6 partners"

# --- an INVALID combination: TLS Not supported, SASL Optional, no dialback
tmux_keys Tab Enter
shows "XMPP Federated Partner" || true
tmux_type "invalid.example"
tabs 8
tmux_keys Space   # TLS Not supported
tabs 4
tmux_keys Space   # dialback off
check "row 12 says why nothing can work" shows_joined "Cannot work (row 12): SASL and \
TLS cannot succeed without TLS, and dialback is off: nothing can work."
check "and that OK is refused" shows_joined "OK is refused until TLS, SASL or dialback changes."
tmux_keys C-n
check "OK is refused with the reason under the verdict" \
	shows_joined "error: TLS NotSupported, SASL Optional, dialback false cannot work"
check "the form stays open" shows "Fix what is marked to go on"
cp "$dep" "$T_TMP/before-ctrl-o"
tmux_keys C-o
check "Ctrl-O in the form refuses to save the refused partner" shows "Not saved"
check "the file is untouched" cmp -s "$dep" "$T_TMP/before-ctrl-o"
tmux_keys Enter
check "back in the form, the typing kept" \
	shows_joined "error: TLS NotSupported, SASL Optional, dialback false cannot work"
tmux_keys Escape
check "Cancel asks, since something was typed" shows "Leave the wizard?"
tmux_keys y
check "back on the list" shows "Filter:"
tmux_screen >"$T_TMP/s"
check "the refused partner is not in the list" sh -c "! grep -q invalid.example '$T_TMP/s'"

# --- a domain another partner uses, as its additional domain
tmux_keys Tab Enter
shows "XMPP Federated Partner" || true
tmux_type "chat.litwareinc.com"
tmux_keys C-n
check "a domain in use is refused, naming its partner" \
	shows_joined 'error: "chat.litwareinc.com" is already used by partner litwareinc.com'
tmux_keys Escape y
check "back on the list again" shows " 6 partners"

# --- delete: no, then yes
tmux_type "gmail"
shows "1 of 6 partners" || true
tmux_keys DC
check "Delete asks first, naming the partner" \
	shows "Delete the XMPP federated partner gmail.com?"
check "the safe choice has the focus, marked without colour: [< No >]" \
	sh -c 'tmux -L "$1" capture-pane -p -t t | grep -qF "  < Yes >  [< No >]"' - "$T_TMUX_SOCKET"
tmux_keys Tab
check "Tab moves the brackets to Yes" \
	sh -c 'tmux -L "$1" capture-pane -p -t t | grep -qF "[< Yes >]  < No > "' - "$T_TMUX_SOCKET"
tmux_keys Tab
check "and back to No" shows "[< No >]"
tmux_keys Enter
check "No keeps it" shows "1 of 6 partners"
check "its row is still there" row_shown "gmail.com"
tmux_keys DC
shows "Delete the XMPP federated partner gmail.com?" || true
tmux_keys y
check "Yes removes it" shows "Partner gmail.com deleted"
check "the filter now matches nothing" shows "No partner matches the filter"
tmux_keys Escape

# --- filter as you type, on domains, additional domains and descriptions
tmux_type "l"
tmux_type "i"
check "typing narrows" shows "2 of 5 partners"
tmux_type "t"
check "one more character narrows further" shows "1 of 5 partners"
tmux_screen >"$T_TMP/s"
check "only the matching row is shown" row_shown "litwareinc.com"
check "others are not" sh -c "! grep -Eq '^ (adatum|jabber|tailspintoys|fabrikam)' '$T_TMP/s'"
tmux_keys BSpace BSpace BSpace
tmux_type "EU.LIT"
check "an additional domain matches, in any case" shows "1 of 5 partners"
tmux_keys C-u
tmux_type "subsidiary"
check "a description matches" shows "1 of 5 partners"
check "its row" row_shown "litwareinc.com"
tmux_keys Escape
check "Esc empties the filter" shows " 5 partners"

# --- the screen's help and the script
tmux_keys C-g
check "Ctrl-G shows the screen's help" shows "Typing filters the list as you type"
tmux_keys Escape
tmux_wait_gone "Typing filters the list" 15
tmux_keys Tab Tab Tab Tab Enter
check "Export script writes the script and shows it" shows "Written to $T_TMP/contoso.frontend.ps1"
check_grep "the script has the added partner" "'fabrikam.net'" "$T_TMP/contoso.frontend.ps1"
tmux_keys Escape
tmux_wait_gone "Written to" 15

# --- save, leave, read the file back
tmux_keys C-o
check "Ctrl-O saves" shows "Saved"
tmux_keys Escape
check "Esc with an empty filter goes home" tmux_wait "Edge topology"
tmux_keys C-x
check "the program ends" tmux_wait_exit 10
check_eq "exit status 0" 0 "$(cat "$T_TMP/status" 2>/dev/null)"
check "nothing on stderr (no sanitizer report)" test ! -s "$T_TMP/stderr"
sed 's/^/#   /' "$T_TMP/stderr" | head -20

"$XMPPGW" partners list "$dep" >"$T_TMP/list" 2>"$T_TMP/err"
check_eq "the saved file has 5 partners" 5 "$(wc -l <"$T_TMP/list")"
check_grep "the added partner, as chosen" \
	"$(printf 'fabrikam.net\tFederated\tOptional\tRequired\tfalse\ttrue\t\tFabrikam, XMPP\t')" \
	"$T_TMP/list"
check_grep "the edited description" \
	"$(printf 'tailspintoys.com\tFederated\tRequired\tOptional\ttrue\ttrue\t\tEdited: Tailspin Toys\txmpp.tailspintoys.com')" \
	"$T_TMP/list"
check "the deleted partner is gone" sh -c "! grep -q '^gmail.com' '$T_TMP/list'"
check "the refused ones were never added" sh -c "! grep -Eq '^(invalid.example|chat.litwareinc.com)' '$T_TMP/list'"
check_status "the saved file passes xmppgw check" 0 "$XMPPGW" check "$dep"

done_testing
