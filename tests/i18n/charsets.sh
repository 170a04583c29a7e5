#!/bin/sh
# SPDX-License-Identifier: ISC
# The terminal's character set is the locale's, whatever it is: text it
# carries is taken and saved as UTF-8 (a Latin-1 terminal typing "São
# Paulo"); a byte it has no character for is refused with a message naming
# the field and the rest of the paste is kept (LANG=C typing UTF-8, a
# UTF-8 terminal sent Latin-1); text from the file it cannot show is shown
# as '?' and saved unchanged.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null || skip_all "no tmux"
t_locale pt_BR.ISO-8859-1 || skip_all "cannot make the pt_BR.ISO-8859-1 locale (Debian package locales)"

W=$T_TMP/work
mkdir "$W"
step() { if tmux_wait "$1" "${2:-10}"; then ok "$3: shows: $1"; else not_ok "$3: shows: $1"; tmux_screen | sed 's/^/#   | /'; fi; }

# run LANG FILE: the program on FILE under LANG alone (no LC_ALL), on the
# Geographical Information page with the city field emptied and focused.
run() {
	tmux_next_server
	tmux_start 100 30 -- env -u LC_ALL -u LC_CTYPE -u LANGUAGE LANG="$1" LOCPATH="${LOCPATH:-}" \
		XMPPGW_LOCALEDIR=/nonexistent "$XMPPGW" "$2"
	tmux_wait "Step 3: Request" 10
	tmux_keys Down Enter
	tmux_wait "Available Certificate Tasks" 10
	tmux_keys Enter
	tmux_wait "Step 1 of 13" 10
	i=0
	while [ "$i" -lt 6 ]; do tmux_keys C-n; sleep 0.2; i=$((i + 1)); done
	tmux_wait "Geographical Information" 10
	tmux_keys Tab Tab C-u
}

# save_quit: Ctrl-O, then Ctrl-X.
save_quit() {
	tmux_keys C-o
	tmux_wait "Saved" 10
	tmux_keys C-x
	tmux_wait_exit 10
}

# --- a Latin-1 terminal: "São Paulo" as ISO-8859-1 bytes
cp "$top_srcdir/share/examples/contoso.yaml" "$W/latin1.yaml"
run pt_BR.ISO-8859-1 "$W/latin1.yaml"
tmux_keys -H 53 e3 6f 20 50 61 75 6c 6f
sleep 0.3
check "Latin-1: no refusal" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -q "not taken"' - "$T_TMUX_SOCKET"
save_quit
check_grep "Latin-1: the city is saved as UTF-8" "  city: São Paulo" "$W/latin1.yaml"
check "Latin-1: the file is valid UTF-8" iconv -f UTF-8 -t UTF-8 "$W/latin1.yaml" -o /dev/null

# --- LANG=C: the terminal's ASCII has no "ã"; a file's "Região" shows as '?'
sed 's/^  state: Washington$/  state: Região Sul/' "$top_srcdir/share/examples/contoso.yaml" >"$W/c.yaml"
run C "$W/c.yaml"
step "State/Province:  Regi?o Sul" 10 "LANG=C"
tmux_type "São Paulo"
step "City/Locality:   So Paulo" 10 "LANG=C"
step "City/Locality: 2 bytes typed were not taken: this terminal's character set" 10 "LANG=C"
step "(ANSI_X3.4-1968) has no character for them; the rest of the text was." 10 "LANG=C"
save_quit
check_grep "LANG=C: the rest of the paste is kept" "  city: So Paulo" "$W/c.yaml"
check_grep "LANG=C: the text it could not show is saved unchanged" "  state: Região Sul" "$W/c.yaml"

# --- a UTF-8 terminal sent a Latin-1 "ã": refused, the rest kept
cp "$top_srcdir/share/examples/contoso.yaml" "$W/utf8.yaml"
run C.UTF-8 "$W/utf8.yaml"
tmux_keys -H 53 e3 6f 20 50 61 75 6c 6f
step "City/Locality:   So Paulo" 10 "UTF-8 sent Latin-1"
step "City/Locality: 1 byte typed was not taken: this terminal's character set" 10 \
	"UTF-8 sent Latin-1"
step "(UTF-8) has no character for it; the rest of the text was." 10 "UTF-8 sent Latin-1"
tmux_type "ã"
step "City/Locality:   So Pauloã" 10 "UTF-8"
save_quit
check_grep "UTF-8: the file holds what was taken" "  city: So Pauloã" "$W/utf8.yaml"
done_testing
