#!/bin/sh
# SPDX-License-Identifier: ISC
# A full text field refuses what does not fit and says so with the count,
# rather than cutting a paste without a word; the country field suggests the
# two-letter code for a three-letter code or a country's name.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"

W=$T_TMP/work
mkdir "$W"
cp "$top_srcdir/share/examples/contoso.yaml" "$W/d.yaml"

tmux_start 80 24 -- "$XMPPGW" "$W/d.yaml"
check "home screen" tmux_wait "Step 3: Request"
tmux_keys Down Enter
check "the wizard opens" tmux_wait "Available Certificate Tasks"
tmux_open_request
for i in 1 2 3 4 5; do tmux_keys C-n; done
check "Organization Information" tmux_wait "Organization:"
tmux_keys C-u
long=$(printf 'o%.0s' $(seq 300))
tmux_type "$long"
check "300 characters in a 64-character field: refused with the count" \
	tmux_wait "at most 64 characters, you typed 300"
tmux_keys BSpace
check "an edit clears the refusal" tmux_wait_gone "you typed 300"
tmux_keys C-u
tmux_type "Contoso Ltd"
tmux_keys C-n
check "Geographical Information" tmux_wait "Country/Region:"
tmux_keys C-u
tmux_type "bra"
check "an alpha-3 code: did you mean BR?" tmux_wait "did you mean BR (Brazil)?"
tmux_keys C-n
check "Next refuses it, with the suggestion beside the field" \
	tmux_wait "code: did you mean BR (Brazil)?"
tmux_keys C-u
tmux_type "Germany"
check "a country's name is kept whole and leads to its code" \
	tmux_wait "GERMANY  did you mean DE (Germany)?"
# Names are recognized in the user's language only (iso-codes' catalog
# for it): here English, so "Brasil" is not a name; under pt_BR it is
# (tests/i18n/screens_pt_BR.sh).
tmux_keys C-u
tmux_type "Brasil"
check "a name in another language than the user's is not guessed" \
	tmux_wait "BRASIL   use the two-letter code"
done_testing
