#!/bin/sh
# SPDX-License-Identifier: ISC
# The Exports screen in tmux at 80x24, on a copy of the example deployment:
# the Front End's script (saying where it runs) and the zone lines written
# beside it, byte for byte what `xmppgw export` prints; the viewer shows the script without the byte
# order mark or carriage returns; an existing file is replaced only after
# a yes; an export the deployment cannot make says what to fill in.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
# The screen is read back as UTF-8: the frame's lines count as one character.
LC_ALL=C.UTF-8
export LC_ALL

cp "$top_srcdir/share/examples/contoso.yaml" "$T_TMP/contoso.yaml"
"$XMPPGW" export frontend-ps1 "$T_TMP/contoso.yaml" >"$T_TMP/want.ps1" ||
	not_ok "export frontend-ps1 runs"
"$XMPPGW" export zone "$T_TMP/contoso.yaml" >"$T_TMP/want.zone" || not_ok "export zone runs"


# focus KEY TEXT: presses KEY until the focused line holds TEXT.
focus() { tmux_focus "$@"; }

# The viewer's rows: its frame starts in column 3 and ends in column 78;
# text that went back to the start of a line would have eaten the frame.
viewer_intact() {
	tmux_screen | sed -n '3,20p' >"$T_TMP/viewer"
	if grep -vqE '^..│.{74}│' "$T_TMP/viewer"; then
		grep -vnE '^..│.{74}│' "$T_TMP/viewer" | sed 's/^/#   broken: /'
		return 1
	fi
}

tmux_run "$T_TMP/contoso.yaml"
check "home screen shows" tmux_wait "Step 3: Request"
check "Exports has an entry" focus Down "Exports"
tmux_keys Enter
check "the Exports screen opens" tmux_wait "File name  contoso.frontend.ps1"
tmux_screen >"$T_TMP/s"
check_grep "the Front End script is the first choice" "(*) Front End script (.frontend.ps1)" \
	"$T_TMP/s"
check_grep "it says where it runs" \
	"Run on a Front End Server or an admin host with the Lync Server" "$T_TMP/s"
check_grep "... in the Lync Server Management Shell" "Management Shell." "$T_TMP/s"
if grep -q "PowerShell script (.ps1)" "$T_TMP/s"; then
	not_ok "the single script is no longer offered"
else
	ok "the single script is no longer offered"
fi

# The script.
check "Write has the focus" focus Tab "Write the file, then show it"
tmux_keys Enter
check "the script is written and shown" tmux_wait "Written to $T_TMP/contoso.frontend.ps1"
check "the file is what \`xmppgw export frontend-ps1\` prints, byte for byte" \
	cmp "$T_TMP/contoso.frontend.ps1" "$T_TMP/want.ps1"
check "the file has CRLF line ends" grep -q "$(printf '\r')\$" "$T_TMP/contoso.frontend.ps1"
tmux_screen >"$T_TMP/s"
check "the first line shows without the byte order mark" \
	grep -qE '^..│ # Lync Server 2013 XMPP gateway' "$T_TMP/s"
check "no row of the viewer is broken" viewer_intact
# scroll_to TEXT: scrolls the viewer down a line at a time until TEXT shows.
scroll_to() {
	n=0
	while [ "$n" -lt 200 ] && ! tmux_screen | grep -qF -- "$1"; do
		tmux_keys Down
		sleep 0.05
		n=$((n + 1))
	done
	tmux_screen >"$T_TMP/s"
}
scroll_to "New-CsXmppAllowedPartner @want"
check "New-CsXmppAllowedPartner shows as a clean line" \
	grep -qE '^..│             New-CsXmppAllowedPartner @want -Confirm:\$false +│' "$T_TMP/s"
scroll_to "Set-CsXmppAllowedPartner @set"
check "... as does Set-CsXmppAllowedPartner" \
	grep -qE '^..│         Set-CsXmppAllowedPartner @set -Confirm:\$false +│' "$T_TMP/s"
check "no row of the viewer is broken further down" viewer_intact
tmux_keys Escape
check "the viewer closes" tmux_wait_gone "Written to"

# The zone lines: the file name follows the choice.
check "the zone choice has the focus" focus Up "Zone lines (.zone)"
tmux_keys Space
check "the file name follows the format" tmux_wait "File name  contoso.zone"
check "Write has the focus" focus Tab "Write the file, then show it"
tmux_keys Enter
check "the zone lines are written and shown" tmux_wait "Written to $T_TMP/contoso.zone"
check "the file is what \`xmppgw export zone\` prints, byte for byte" \
	cmp "$T_TMP/contoso.zone" "$T_TMP/want.zone"
check "the SRV line shows" \
	tmux_wait "_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com."
tmux_keys Escape
check "the viewer closes" tmux_wait_gone "Written to"

# Replacing a file asks first; No leaves it as it was.
echo "kept" >"$T_TMP/contoso.zone"
tmux_keys Enter
check "replacing asks first" tmux_wait "contoso.zone already exists. Replace it?"
tmux_keys Escape
check "the question goes" tmux_wait_gone "already exists"
check_eq "No: the file is as it was" "kept" "$(cat "$T_TMP/contoso.zone")"
tmux_keys Enter
check "asked again" tmux_wait "contoso.zone already exists. Replace it?"
tmux_keys y
check "Yes: written and shown" tmux_wait "Written to $T_TMP/contoso.zone"
check "the replaced file is the export" cmp "$T_TMP/contoso.zone" "$T_TMP/want.zone"
tmux_keys Escape
check "the viewer closes" tmux_wait_gone "Written to"

# Show writes nothing.
rm -f "$T_TMP/contoso.zone"
check "Show has the focus" focus Tab "Show it without writing"
tmux_keys Enter
check "Show shows the zone lines" tmux_wait "Zone-file lines"
check "... without writing them" test ! -e "$T_TMP/contoso.zone"
tmux_keys Escape
tmux_keys Escape
check "back on the home screen" tmux_wait "Step 3: Request"
tmux_keys C-x
check_eq "the program quits, exit status 0" 0 "$(tmux_exit_status)"

# Without an Access Edge FQDN the INF cannot be made: the screen says what
# to fill in, beside the choice and when Write is pressed.
sed '/access_edge_fqdn/d' "$T_TMP/contoso.yaml" >"$T_TMP/noedge.yaml"
tmux_run "$T_TMP/noedge.yaml"
check "home screen shows" tmux_wait "Step 3: Request"
focus Down "Exports" && tmux_keys Enter
check "the Exports screen opens" tmux_wait "File name  noedge.frontend.ps1"
focus Down "certreq INF (.inf)" && tmux_keys Space
check "the INF choice says what is missing" tmux_wait "The INF needs the certificate's subject: fill in the Access Edge"
focus Tab "Write the file, then show it" && tmux_keys Enter
check "Write says it too" tmux_wait "The INF needs the certificate's subject"
tmux_keys Enter
check "... and writes nothing" test ! -e "$T_TMP/noedge.inf"
tmux_keys Escape
check "back on the home screen" tmux_wait "Step 3: Request"
tmux_keys C-x
check_eq "the program quits, exit status 0" 0 "$(tmux_exit_status)"

done_testing
