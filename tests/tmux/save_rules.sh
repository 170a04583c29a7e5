#!/bin/sh
# SPDX-License-Identifier: ISC
# Ctrl-O from inside the certificate wizard commits the working copy only
# when it has no problem the file did not already have: fixing one problem
# while adding another (here: country USA fixed, the exportable box
# unchecked) must not reach the file.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
sed 's/^  country: US$/  country: USA/' "$top_srcdir/share/examples/contoso.yaml" >"$W/d.yaml"
check_status "the file has one value error" 1 "$XMPPGW" check "$W/d.yaml"

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "home screen" tmux_wait "Step 3: Request"
tmux_keys Down Enter
check "the wizard opens" tmux_wait "Available Certificate Tasks"
tmux_open_request
for i in 1 2 3 4 5 6; do tmux_keys C-n; done
check "Geographical Information, the file's error beside the country" \
	tmux_wait "is not a two-letter upper-case"
tmux_keys C-u
tmux_type "US"
check "the country is fixed" tmux_wait "United States of America"
tmux_keys C-p C-p
check "back on Name and Security Settings" tmux_wait "Mark certificate private key as exportable"
# focus_on TEXT: Tab until the focused line (marked ">") holds TEXT.
focus_on() {
	n=0
	while [ "$n" -lt 20 ]; do
		tmux_screen | grep -q "^ > .*$1" && return 0
		tmux_keys Tab
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
check "the exportable box has the focus" focus_on "Mark certificate private key"
tmux_keys Space
check "exportable unchecked" tmux_wait "[ ] Mark certificate private key as exportable"

cp "$W/d.yaml" "$T_TMP/before"
tmux_keys C-o
check "Ctrl-O: not saved, a new problem is open" tmux_wait "Not saved"
check "the file is untouched" cmp -s "$W/d.yaml" "$T_TMP/before"
tmux_keys Enter

tmux_keys Space
check "exportable checked again" tmux_wait "[x] Mark certificate private key as exportable"
tmux_keys C-o
check "Ctrl-O: with only the fix, saved" tmux_wait "Saved $W/d.yaml"
check_status "the file now checks clean" 0 "$XMPPGW" check "$W/d.yaml"

tmux_keys C-x
check "quits" tmux_wait_exit 15
done_testing
