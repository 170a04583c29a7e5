#!/bin/sh
# SPDX-License-Identifier: ISC
# The partners filter matches non-ASCII text: what is typed is encoded as
# UTF-8 (the file's encoding) rather than in the locale's own multibyte form.
# On a host with no locale (LANG=C) the terminal is ASCII: the description
# shows '?' for what it cannot show, and typing "São" is refused with a
# message naming the filter, the rest kept.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
check_status "a partner with a non-ASCII description" 0 "$XMPPGW" partners add "$W/d.yaml" \
	--domain northwind.example.com --description "Escritório São Paulo"

# filter_sao WHAT: types "São" into the partners filter and checks the row.
filter_sao() {
	check "$1: home screen" tmux_wait "XMPP federated partners"
	tmux_keys Down Down Enter
	check "$1: the partners screen opens" tmux_wait " 6 partners"
	tmux_type "São"
	check "$1: the filter shows what was typed" tmux_wait "Filter: São"
	check "$1: the typed UTF-8 filters: one row" tmux_wait "1 of 6 partners"
	check "$1: it is the partner with that description" tmux_wait "northwind.exampl Public unverified Req  Opt  yes      not probed Escritório Sã"
	tmux_keys Escape Escape
	check "$1: back home" tmux_wait "Step 3: Request"
	tmux_keys C-x
	check "$1: quits" tmux_wait_exit 10
}

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
filter_sao "UTF-8 locale"

tmux -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
T_TMUX_SOCKET="xg$$-c"
tmux_start 80 24 -- env -u LC_ALL -u LC_CTYPE LANG=C "$XMPPGW" "$W/d.yaml"
check "LANG=C: home screen" tmux_wait "XMPP federated partners"
tmux_keys Down Down Enter
check "LANG=C: the partners screen opens" tmux_wait " 6 partners"
check "LANG=C: what ASCII cannot show is shown as '?'" tmux_wait "Escrit?rio S?"
tmux_type "São"
check "LANG=C: the filter keeps what it could read" tmux_wait "Filter: So"
check "LANG=C: the refusal names the filter" tmux_wait "Filter: 2 bytes typed were not taken"
tmux_keys Escape Escape
check "LANG=C: back home" tmux_wait "Step 3: Request"
tmux_keys C-x
check "LANG=C: quits" tmux_wait_exit 10
done_testing
