#!/bin/sh
# SPDX-License-Identifier: ISC
# Two writers on one file: while the screen has it open, another program
# saves it (here `xmppgw partners add`). Saving from the screen then asks
# before replacing those changes; No keeps the file as the other program
# left it, Yes writes what the screen shows.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "home screen" tmux_wait "Step 3: Request"

# A save with nobody else involved does not ask.
tmux_keys C-o
check "an ordinary save does not ask" tmux_wait "Saved $W/d.yaml"

check_status "another program adds a partner" 0 \
	"$XMPPGW" partners add "$W/d.yaml" --domain other-writer.example.com
cp "$W/d.yaml" "$T_TMP/theirs"

tmux_keys C-o
check "saving now asks first" tmux_wait "File changed on disk"
check "and says what would be lost" tmux_wait "Save anyway?"
tmux_keys n
check "No: not saved, and said so" tmux_wait "Not saved: the file changed on disk"
check "No: the other program's change is kept" cmp -s "$W/d.yaml" "$T_TMP/theirs"

tmux_keys C-o
check "asked again" tmux_wait "File changed on disk"
tmux_keys y
check "Yes: saved" tmux_wait "Saved $W/d.yaml"
check "Yes: the file is what the screen showed" \
	sh -c '! grep -q other-writer.example.com "$1"' - "$W/d.yaml"

tmux_keys C-o
check "after its own save, the next one does not ask" tmux_wait "Saved $W/d.yaml"
tmux_screen >"$T_TMP/s"
check "no question on screen" sh -c '! grep -q "File changed on disk" "$1"' - "$T_TMP/s"

tmux_keys C-x
check "quits" tmux_wait_exit 10
done_testing
