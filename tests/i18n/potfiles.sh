#!/bin/sh
# SPDX-License-Identifier: ISC
# po/POTFILES.in lists every source with a marked string (_(), N_(),
# ngettext()), and only files that exist: a file missing from it would
# leave its messages out of the template, untranslatable.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

# missing TOP: the .c files under TOP with a marked string that TOP's
# po/POTFILES.in does not list, one a line.
missing() {
	(cd "$1" && grep -lE '(^|[^A-Za-z0-9_])(N_|_|ngettext)\(' cli/*.c model/*.c tui/*.c wizards/*.c |
		sort) >"$T_TMP/marked"
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1/po/POTFILES.in" | sort >"$T_TMP/listed"
	comm -23 "$T_TMP/marked" "$T_TMP/listed"
}

# absent TOP: the files TOP's po/POTFILES.in lists that do not exist.
absent() {
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1/po/POTFILES.in" |
		while read -r f; do [ -f "$1/$f" ] || echo "$f"; done
}

out=$(missing "$top_srcdir")
check_eq "every source with a marked string is in po/POTFILES.in" "" "$out"
out=$(absent "$top_srcdir")
check_eq "po/POTFILES.in names only files that exist" "" "$out"
n=$(grep -c . "$T_TMP/marked")
check "the sources hold marked strings ($n files)" test "$n" -gt 50

# The check itself catches a new file left out of the list.
mkdir -p "$T_TMP/tree/po"
for d in cli model tui wizards; do
	mkdir -p "$T_TMP/tree/$d"
	cp "$top_srcdir/$d/"*.c "$T_TMP/tree/$d/"
done
cp "$top_srcdir/po/POTFILES.in" "$T_TMP/tree/po/"
printf '#include "i18n.h"\nconst char *x(void) { return N_("new"); }\n' >"$T_TMP/tree/model/added.c"
printf 'const char *y(void) { return ngettext("a", "b", 2); }\n' >"$T_TMP/tree/tui/counted.c"
out=$(missing "$T_TMP/tree" | tr '\n' ' ')
check_eq "a file missing from POTFILES.in is named" "model/added.c tui/counted.c " "$out"
echo "model/gone.c" >>"$T_TMP/tree/po/POTFILES.in"
check_eq "a listed file that does not exist is named" "model/gone.c" "$(absent "$T_TMP/tree")"

# xgettext reads every listed file with the keywords of po/Makevars.
if command -v xgettext >/dev/null; then
	(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
		--add-comments=TRANSLATORS: --from-code=UTF-8 -o "$T_TMP/x.pot" \
		-f po/POTFILES.in) 2>"$T_TMP/xerr"
	check "xgettext reads the sources without a warning" test ! -s "$T_TMP/xerr"
	sed 's/^/#   /' "$T_TMP/xerr" | head -10
	check_grep "the template has the plural forms" 'msgid_plural "%zu partners"' "$T_TMP/x.pot"
	check_grep "the template carries the translator comments" "#. TRANSLATORS:" "$T_TMP/x.pot"
fi
done_testing
