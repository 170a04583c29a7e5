#!/bin/sh
# SPDX-License-Identifier: ISC
# The screens under LANG=pt_BR.UTF-8 speak the catalog's Portuguese, in
# Lync's Brazilian words (Etapa 3, Parceiros XMPP federados, Tipo de
# parceiro, Federado ...): the home screen, Step 3's menu, the Geographical
# Information page with a country typed in Portuguese, the partner form and
# a refusal. The YAML keeps its English values.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"
command -v msgfmt >/dev/null || skip_all "no msgfmt (gettext)"
t_locale pt_BR.UTF-8 || skip_all "cannot make the pt_BR.UTF-8 locale (Debian package locales)"
t_catalog || skip_all "po/pt_BR.po does not compile"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"
cp "$W/d.yaml" "$T_TMP/before.yaml"

step() { if tmux_wait "$1" "${2:-10}"; then ok "shows: $1"; else not_ok "shows: $1"; tmux_screen | sed 's/^/#   | /'; fi; }
absent() { if tmux_screen | grep -qF -- "$1"; then not_ok "$2"; else ok "$2"; fi; }

tmux_start 100 30 -- env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=pt_BR.UTF-8 \
	LOCPATH="${LOCPATH:-}" XMPPGW_LOCALEDIR="$XMPPGW_LOCALEDIR" "$XMPPGW" "$W/d.yaml"

# The home screen.
step "xmppgw: gateway XMPP do Lync Server 2013"
step "Etapa 3: Solicitar, instalar ou atribuir certificados"
step "Parceiros XMPP federados: 5"
step "< Executar >"
absent "Step 3: Request" "no English left where the catalog has the words"

# Step 3's menu: a certificate page.
tmux_keys Down Enter
step "Assistente de Certificado"
step "Tarefas de Certificado Disponíveis"
step "Criar uma nova solicitação de certificado"
tmux_keys Enter
step "Solicitação de Certificado"
i=0
while [ "$i" -lt 6 ]; do tmux_keys C-n; sleep 0.2; i=$((i + 1)); done
step "Informações Geográficas"
# A country typed in Portuguese: iso-codes' pt_BR catalog names it.
if [ -f /usr/share/locale/pt_BR/LC_MESSAGES/iso_3166-1.mo ]; then
	step "País/Região:"
	tmux_keys C-u
	tmux_type "Alemanha"
	step "você quis dizer DE (Alemanha)?"
	tmux_keys C-u
	tmux_type "BR"
	step "BR       Brasil"
else
	ok "# SKIP iso-codes' pt_BR catalog is not installed"
fi
# Leaving the wizard asks (No focused); Yes drops what was typed.
tmux_keys Escape
tmux_wait "[< No >]" 5
tmux_keys Left Enter
step "Tarefas de Certificado Disponíveis"
tmux_keys Escape
step "Etapa 3: Solicitar, instalar ou atribuir certificados"

# The partner form: the types and negotiation values as radio labels.
i=0
while [ "$i" -lt 8 ] && ! tmux_screen | grep '^ >' | grep -qF "Parceiros XMPP federados"; do
	tmux_keys Down
	sleep 0.1
	i=$((i + 1))
done
tmux_keys Enter
tmux_wait "Federado" 10
tmux_keys Tab Enter
step "Parceiro XMPP Federado"
step "Domínio primário"
step "Tipo de parceiro"
# One row or one a line, as the width allows.
step "( ) Federado"
step "( ) Público verificado"
step "(*) Público não verificado"
step "Negociação TLS"
step "(*) Obrigatório  ( ) Opcional  ( ) Não suportado"

# A refusal: a name with an empty label.
tmux_type "bad..example"
tmux_keys C-n
step "erro: \"bad..example\" tem um rótulo vazio"
step "Corrija o que está marcado para continuar (1 problema)"
tmux_keys C-x
tmux_wait_exit 10 || tmux_keys Tab Tab Enter
check "the file is unchanged: nothing was saved" cmp -s "$W/d.yaml" "$T_TMP/before.yaml"
check_grep "the file keeps the cmdlets' values" "  type: Federated" "$W/d.yaml"
done_testing
