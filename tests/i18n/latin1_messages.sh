#!/bin/sh
# SPDX-License-Identifier: ISC
# The command line on a Latin-1 terminal (LANG=pt_BR.ISO-8859-1): its
# messages, --help and the values quoted from the file are written in
# Latin-1, accents whole (no "\xe1" for the catalog's "á", no "Ã³" for the
# file's "ó"), a character Latin-1 lacks as <U+XXXX>; the exports stay the
# UTF-8 files they are under any locale. UTF-8 and the C locale are as before.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v msgfmt >/dev/null || skip_all "no msgfmt (gettext)"
command -v iconv >/dev/null || skip_all "no iconv"
t_locale pt_BR.ISO-8859-1 || skip_all "cannot make the pt_BR.ISO-8859-1 locale"
t_locale pt_BR.UTF-8 || skip_all "cannot make the pt_BR.UTF-8 locale"
t_catalog || skip_all "po/pt_BR.po does not compile"
unset LC_ALL LC_MESSAGES LC_CTYPE LANGUAGE

Y=$T_TMP/d.yaml
# An unknown key with an accent and a Chinese letter, a value in Portuguese.
sed 's/^version: 1$/version: 1\nchave_é北: 1/; 0,/tls: Required/s//tls: Obrigatório/' \
	"$top_srcdir/share/examples/contoso.yaml" >"$Y"

run() { # LANG, then the command line; stdout in out, stderr in err (UTF-8)
	lang=$1
	shift
	LANG=$lang "$XMPPGW" "$@" >"$T_TMP/out.raw" 2>"$T_TMP/err.raw"
	status=$?
	cs=$(LANG=$lang locale charmap)
	iconv -f "$cs" -t UTF-8 "$T_TMP/err.raw" >"$T_TMP/err" 2>/dev/null || echo BAD >"$T_TMP/err"
	iconv -f "$cs" -t UTF-8 "$T_TMP/out.raw" >"$T_TMP/out" 2>/dev/null || echo BAD >"$T_TMP/out"
	return $status
}

run pt_BR.ISO-8859-1 check "$Y"
check_eq "check under Latin-1: exit 1" 1 "$?"
check_grep "the catalog's accents in Latin-1" "chave desconhecida (as chaves válidas aqui são" \
	"$T_TMP/err"
check_grep "the file's value converted to Latin-1" 'valor desconhecido "Obrigatório"' "$T_TMP/err"
check_grep "a letter Latin-1 lacks as <U+XXXX>, the others kept" "chave_é<U+5317>" "$T_TMP/err"
check "no byte escaped as \\x" sh -c '! grep -q "\\\\x" "$1"' - "$T_TMP/err"

run pt_BR.ISO-8859-1 check --help
check_grep "--help in Latin-1" "Valida o arquivo de implantação" "$T_TMP/out"

run pt_BR.UTF-8 check "$Y"
check_grep "UTF-8 terminal: the value as it is" 'valor desconhecido "Obrigatório"' "$T_TMP/err"
check_grep "UTF-8 terminal: the Chinese letter as it is" "chave_é北" "$T_TMP/err"

LANG=C "$XMPPGW" check "$Y" 2>"$T_TMP/err.c"
check_grep "C locale: the file's bytes as they are" 'unknown value "Obrigatório"' "$T_TMP/err.c"

# The exports are UTF-8 files whatever the terminal.
E=$top_srcdir/share/examples/contoso.yaml
for fmt in frontend-ps1 inf zone; do
	LANG=pt_BR.UTF-8 "$XMPPGW" export "$fmt" "$E" -o "$T_TMP/want"
	LANG=pt_BR.ISO-8859-1 "$XMPPGW" export "$fmt" "$E" -o "$T_TMP/got"
	check "export $fmt -o FILE under Latin-1: the UTF-8 file" cmp -s "$T_TMP/want" "$T_TMP/got"
	LANG=pt_BR.ISO-8859-1 "$XMPPGW" export "$fmt" "$E" -o - >"$T_TMP/got"
	check "export $fmt -o - under Latin-1: the same bytes" cmp -s "$T_TMP/want" "$T_TMP/got"
done
LANG=pt_BR.ISO-8859-1 "$XMPPGW" export frontend-ps1 "$E" >"$T_TMP/ps1"
check_grep "the script's comments in Portuguese" "a partir da implantação" "$T_TMP/ps1"
check "the script is valid UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null "$T_TMP/ps1"
done_testing
