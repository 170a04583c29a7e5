#!/bin/sh
# SPDX-License-Identifier: ISC
# The bash completion (share/completion/xmppgw) driven by a real bash with
# bash-completion's library, as a terminal would: COMP_WORDS, COMP_CWORD,
# COMP_LINE and COMP_POINT set, _xmppgw called, COMPREPLY read. Every
# command, subcommand, option and value it offers is compared with the
# command table (`xmppgw --dump-commands`).
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

LIB=${BASH_COMPLETION_LIB:-/usr/share/bash-completion/bash_completion}
SCRIPT=$top_srcdir/share/completion/xmppgw
command -v bash >/dev/null || skip_all "no bash"
[ -r "$LIB" ] || skip_all "no bash-completion library at $LIB (Debian package bash-completion)"

LC_ALL=C
export LC_ALL
tab=$(printf '\t')
"$XMPPGW" --dump-commands >"$T_TMP/dump" || { echo "Bail out! --dump-commands failed"; exit 1; }

# complete WORD...: what completing the last WORD (empty: a new word)
# offers, sorted, one a line. A word "=" stands for the = of --opt=value,
# which bash splits off, written without spaces in COMP_LINE.
complete() {
	bash --norc --noprofile -c '
		. "$1" && . "$2" || exit 9
		shift 2
		COMP_WORDS=(xmppgw "$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE= last=
		for w in "${COMP_WORDS[@]}"; do
			[[ -n $COMP_LINE && $w != = && $last != = ]] && COMP_LINE+=" "
			COMP_LINE+=$w last=$w
		done
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_xmppgw xmppgw "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		[[ ${#COMPREPLY[@]} -eq 0 ]] || printf "%s\n" "${COMPREPLY[@]}" | sort' \
		bash "$LIB" "$SCRIPT" "$@" </dev/null
}

# check_offers DESCRIPTION EXPECTED(one a line, sorted) WORD...
check_offers() {
	desc=$1 want=$2
	shift 2
	got=$(complete "$@")
	if [ "$got" = "$want" ]; then
		ok "$desc"
	else
		not_ok "$desc"
		printf '#   expected: %s\n#   actual:   %s\n' "$(echo $want)" "$(echo $got)"
	fi
}

lines() { printf '%s\n' "$@" | sort; }
words_of() { echo "$1" | tr '| ' '\n\n' | grep . | sort; }

# A folder where files are offered: .yaml and .yml for FILE, a folder to
# go into, and a file of another kind that FILE does not take.
mkdir "$T_TMP/w" "$T_TMP/w/sub"
cd "$T_TMP/w" || exit 1
touch a.yaml b.yml c.txt
yamls=$(lines a.yaml b.yml sub)

# --- commands ------------------------------------------------------------------
commands=$(grep "^command$tab" "$T_TMP/dump" | cut -f2 | sort -u)
check_offers "commands and .yaml files" "$(lines $commands a.yaml b.yml sub)" ""
check_offers "a command from its first letters" "partners
probe" p
check_offers "xmppgw's own options" "$(lines --help --version)" --
check_offers "after --: only files" "$yamls" -- ""

# --- per command: subcommands, options, operands, values ---------------------
for name in $commands; do
	subs=$(grep "^command$tab$name$tab" "$T_TMP/dump" | cut -f3 | grep -v '^-$' | sort)
	[ -n "$subs" ] && check_offers "$name: its subcommands" "$subs" "$name" ""
done
# The loops read files, not pipes: a pipe's loop runs in a subshell and
# its results would not be counted.
grep "^command$tab" "$T_TMP/dump" >"$T_TMP/rows"
while IFS="$tab" read -r _ name sub choices more _ _; do
	set -- "$name"
	[ "$sub" != - ] && set -- "$name" "$sub"
	key="$*"
	opts=$(grep "^option$tab$name$tab$sub$tab" "$T_TMP/dump" | cut -f4,5 | tr "$tab" '\n' |
		grep -v '^-$')
	check_offers "$key: its options" "$(lines $opts --help)" "$@" -
	if [ "$choices" != - ]; then
		check_offers "$key: the first operand's values" "$(words_of "$choices")" "$@" ""
		set -- "$@" "$(echo "$choices" | cut -d'|' -f1)"
	fi
	check_offers "$key: FILE is a .yaml or .yml file" "$yamls" "$@" ""
	if [ "$more" = 1 ]; then
		check_offers "$key: then any file" "$(lines a.yaml b.yml c.txt sub)" "$@" a.yaml ""
	fi
	grep "^option$tab$name$tab$sub$tab" "$T_TMP/dump" >"$T_TMP/opts"
	while IFS="$tab" read -r _ _ _ opt _ arg kind values; do
		case $arg:$kind in
		-:*) want=$yamls what="a flag: FILE follows" ;;
		*:choice) want=$(words_of "$values") what="its values" ;;
		*:file) want=$(lines a.yaml b.yml c.txt sub) what="any file" ;;
		*) want= what="nothing to offer" ;;
		esac
		check_offers "$key $opt: $what" "$want" "$@" "$opt" ""
	done <"$T_TMP/opts"
done <"$T_TMP/rows"

# --- the forms a user types ------------------------------------------------------
check_offers "partners add: the options by prefix" "$(lines --dialback --domain --description)" \
	partners add a.yaml --d
check_offers "--type's values by prefix" "$(lines PublicUnverified PublicVerified)" \
	partners add a.yaml --type Pub
check_offers "--tls=: the values after =" "$(lines NotSupported Optional Required)" \
	partners add a.yaml --tls = ""
check_offers "--keep-alive=t" "true" partners add a.yaml --keep-alive = t
check_offers "a value is not taken for FILE" "$yamls" partners add --type Federated ""
check_offers "after --, no option" "" partners add a.yaml -- --
check_offers "options after the operands" "--header" partners list a.yaml --hea
check_offers "-o's value: any file" "$(lines a.yaml b.yml c.txt sub)" export zone a.yaml -o ""
check_offers ".yaml files by prefix" "a.yaml" check a

done_testing
