#!/bin/sh
# SPDX-License-Identifier: ISC
# A save that fails says which file and why, loses nothing, and does not
# quit; once the cause is gone the same changes save.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

mkdir "$T_TMP/site"
cp "$top_srcdir/share/examples/contoso.yaml" "$T_TMP/site/d.yaml"
F=$T_TMP/site/d.yaml

step() { if tmux_wait "$1" "${2:-10}"; then ok "$3"; else not_ok "$3"; fi; }

tmux_start 80 24 -- "$XMPPGW" "$F"
tmux_wait "Step 3: Request"
tmux_keys Down Enter
tmux_wait "Available Certificate Tasks"
tmux_open_request
for i in 1 2 3 4 5; do tmux_keys C-n; done
tmux_wait "Organization Information"
tmux_keys C-u
tmux_type "Fabrikam Inc"
tmux_wait "Fabrikam Inc"

# The folder goes away (as root, permissions would not stop us).
mv "$T_TMP/site" "$T_TMP/gone"
tmux_keys C-o
step "Could not save" 10 "a failed save opens a dialog"
tmux_screen >"$T_TMP/screen"
check_grep "it names the file" "$F" "$T_TMP/screen"
check_grep "and the cause" "No such file or directory" "$T_TMP/screen"
tmux_keys Enter
tmux_wait_gone "Could not save"
check "the typed value is still there" tmux_wait "Organization:         Fabrikam Inc" 15

tmux_keys C-x
step "has unsaved changes" 10 "Ctrl-X asks"
tmux_keys s
step "Could not save" 10 "Save on the way out fails the same way"
tmux_keys Enter
tmux_wait_gone "Could not save"
check "the program did not quit" tmux_wait "Organization Information" 15

mv "$T_TMP/gone" "$T_TMP/site"
tmux_keys C-o
step "Saved $F" 10 "with the folder back, Ctrl-O saves"
check_grep "the file has the change" "organization: Fabrikam Inc" "$F"
tmux_keys C-x
check "quits without asking once saved" tmux_wait_exit 10
done_testing
