#!/bin/sh
# The partners filter matches non-ASCII text: what is typed is encoded as
# UTF-8 (the file's encoding) rather than in the locale's own multibyte form.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
check_status "a partner with a non-ASCII description" 0 "$XMPPGW" partners add "$W/d.yaml" \
	--domain northwind.example.com --description "Escritório São Paulo"

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "home screen" tmux_wait "XMPP federated partners"
tmux_keys Down Down Enter
check "the partners screen opens" tmux_wait " 6 partners"
tmux_type "São"
check "the typed UTF-8 filters: one row" tmux_wait "1 of 6 partners"
check "it is the partner with that description" tmux_wait "northwind.example.com"
tmux_keys Escape Escape
check "back home" tmux_wait "Step 3: Request"
tmux_keys C-x
check "quits" tmux_wait_exit 10
done_testing
