#!/bin/sh
# SPDX-License-Identifier: ISC
# The screens under LANG=pt_BR.UTF-8 speak the catalog's Portuguese, in
# Lync's Brazilian words (Etapa 3, Parceiros XMPP federados, Tipo de
# parceiro, Federado ...): the home screen, Step 3's menu, the Geographical
# Information page with a country typed in Portuguese, the partner form and
# a refusal. The YAML keeps its English values.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

t_pt_BR_screens
cp "$W/d.yaml" "$T_TMP/before.yaml"

absent() { if tmux_screen | grep -qF -- "$1"; then not_ok "$2"; else ok "$2"; fi; }

tmux_start 100 30 -- env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=pt_BR.UTF-8 \
	LOCPATH="${LOCPATH:-}" XMPPGW_LOCALEDIR="$XMPPGW_LOCALEDIR" "$XMPPGW" "$W/d.yaml"

# The home screen.
tmux_step "xmppgw: gateway XMPP do Lync Server 2013"
tmux_step "Etapa 3: Solicitar, instalar ou atribuir certificados"
tmux_step "Parceiros XMPP federados: 5"
tmux_step "< Executar >"
absent "Step 3: Request" "no English left where the catalog has the words"

# Step 3's menu: a certificate page.
tmux_keys Down Enter
tmux_step "Assistente de Certificado"
tmux_step "Tarefas de Certificado Disponíveis"
tmux_step "Criar uma nova solicitação de certificado"
tmux_keys Enter
tmux_step "Solicitação de Certificado"
i=0
while [ "$i" -lt 6 ]; do tmux_keys C-n; sleep 0.2; i=$((i + 1)); done
tmux_step "Informações Geográficas"
# A country typed in Portuguese: iso-codes' pt_BR catalog names it.
if [ -f /usr/share/locale/pt_BR/LC_MESSAGES/iso_3166-1.mo ]; then
	tmux_step "País/Região:"
	tmux_keys C-u
	tmux_type "Alemanha"
	tmux_step "você quis dizer DE (Alemanha)?"
	tmux_keys C-u
	tmux_type "BR"
	tmux_step "BR       Brasil"
else
	ok "# SKIP iso-codes' pt_BR catalog is not installed"
fi
# Leaving the wizard asks (No focused); Yes drops what was typed.
tmux_keys Escape
tmux_wait "[< No >]" 5
tmux_keys Left Enter
tmux_step "Tarefas de Certificado Disponíveis"
tmux_keys Escape
tmux_step "Etapa 3: Solicitar, instalar ou atribuir certificados"

# The partner form: the types and negotiation values as radio labels.
tmux_focus Down "Parceiros XMPP federados"
tmux_keys Enter
tmux_wait "Federado" 10
tmux_keys Tab Enter
tmux_step "Parceiro XMPP Federado"
tmux_step "Domínio primário"
tmux_step "Tipo de parceiro"
# One row or one a line, as the width allows.
tmux_step "( ) Federado"
tmux_step "( ) Público verificado"
tmux_step "(*) Público não verificado"
tmux_step "Negociação TLS"
tmux_step "(*) Obrigatório  ( ) Opcional  ( ) Não suportado"

# A refusal: a name with an empty label.
tmux_type "bad..example"
tmux_keys C-n
tmux_step "erro: \"bad..example\" tem um rótulo vazio"
tmux_step "Corrija o que está marcado para continuar (1 problema)"
tmux_keys C-x
tmux_wait_exit 10 || tmux_keys Tab Tab Enter
check "the file is unchanged: nothing was saved" cmp -s "$W/d.yaml" "$T_TMP/before.yaml"
check_grep "the file keeps the cmdlets' values" "  type: Federated" "$W/d.yaml"
done_testing
