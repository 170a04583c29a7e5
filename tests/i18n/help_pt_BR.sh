#!/bin/sh
# SPDX-License-Identifier: ISC
# `xmppgw --help` and every `xmppgw COMMAND --help` under LANG=pt_BR.UTF-8
# are in Portuguese and fit an 80-column terminal (PuTTY's default): the
# Portuguese sentences are longer than the English ones, so every line of
# the help is wrapped, the fixed -h and -- lines included.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v msgfmt >/dev/null || skip_all "no msgfmt (gettext)"
t_locale pt_BR.UTF-8 || skip_all "cannot make the pt_BR.UTF-8 locale (Debian package locales)"
t_catalog || skip_all "po/pt_BR.po does not compile"
unset LC_ALL LC_MESSAGES LANGUAGE
LANG=pt_BR.UTF-8
export LANG

tab=$(printf '\t')
"$XMPPGW" --dump-commands | grep "^command$tab" | cut -f2,3 | sed "s/$tab-\$//; s/$tab/ /" |
	sort -u >"$T_TMP/words"
echo "" >>"$T_TMP/words"
while read -r words; do
	# shellcheck disable=SC2086
	check_status "xmppgw $words --help: exit 0" 0 "$XMPPGW" $words --help
	check_grep "xmppgw $words --help is in Portuguese" "Uso: xmppgw" "$T_TMP/out"
	wide=$(LC_ALL=C.UTF-8 awk 'length > 80' "$T_TMP/out")
	if [ -z "$wide" ]; then
		ok "xmppgw $words --help fits 80 columns"
	else
		not_ok "xmppgw $words --help fits 80 columns"
		echo "$wide" | sed 's/^/#   /'
	fi
done <"$T_TMP/words"
done_testing
