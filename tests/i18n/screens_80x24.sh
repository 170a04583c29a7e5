#!/bin/sh
# SPDX-License-Identifier: ISC
# The screens under LANG=pt_BR.UTF-8 on an 80x24 terminal (PuTTY's size):
# the longer Portuguese words are shown whole where the English ones were:
# the home summary names the certificate template, the partner list's type
# column holds "Público não verificado", the partner form's button reads
# "< Adicionar >".
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

t_pt_BR_screens


tmux_start 80 24 -- env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=pt_BR.UTF-8 \
	LOCPATH="${LOCPATH:-}" XMPPGW_LOCALEDIR="$XMPPGW_LOCALEDIR" "$XMPPGW" "$W/d.yaml"

tmux_step "chave de 2048 bits, modelo"
tmux_step "   WebServer"
tmux_focus Down "Parceiros XMPP federados"
tmux_keys Enter
tmux_step "Parceiros XMPP Federados"
tmux_step " gmail.com                Público não verificado Não"
tmux_step " jabber.org               Público verificado     Opc"
if tmux_screen | grep -q "verificad \|não verif "; then
	not_ok "no type cut mid-word"
else
	ok "no type cut mid-word"
fi
tmux_keys Enter
tmux_step "Parceiro XMPP Federado"
tmux_step "< Adicionar >"
tmux_keys Escape
tmux_wait "Parceiros XMPP Federados" 5
tmux_keys Escape
home() { # the home screen's row named $1, opened
	tmux_focus Down "$1"
	tmux_keys Enter
}
# The notes beside a field end within the screen.
home "Registros DNS"
tmux_step "Destino SRV"
tmux_step "vazio: o FQDN da Borda"
if tmux_screen | grep "Destino SRV" | grep -q "vazio: o FQDN da Borda *$"; then
	ok "the DNS note is whole"
else
	not_ok "the DNS note is whole"
fi
tmux_keys Escape
home "Exportações"
tmux_step "na pasta da implantação"
tmux_keys Escape
tmux_keys C-x
tmux_wait_exit 10 || tmux_keys Tab Tab Enter
done_testing
