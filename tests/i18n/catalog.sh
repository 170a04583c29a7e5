#!/bin/sh
# SPDX-License-Identifier: ISC
# po/pt_BR.po compiles with msgfmt -c --check-format, its header is what
# Brazilian Portuguese needs, and it translates every message of a
# template made now from the sources: a new string cannot slip through
# untranslated or fuzzy. The counts are printed either way.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

for t in msgfmt xgettext msgmerge msgattrib; do
	command -v "$t" >/dev/null || skip_all "no $t (Debian package gettext)"
done
PO=$top_srcdir/po/pt_BR.po

check_status "pt_BR.po compiles with msgfmt -c --check-format" 0 \
	msgfmt -c --check-format -o "$T_TMP/pt_BR.mo" "$PO"
sed 's/^/#   /' "$T_TMP/err" | head -20
check_grep "the header names the language" '"Language: pt_BR\n"' "$PO"
check_grep "the header is UTF-8" '"Content-Type: text/plain; charset=UTF-8\n"' "$PO"
check_grep "the header has Portuguese plurals" '"Plural-Forms: nplurals=2; plural=(n > 1);\n"' "$PO"
check_grep "po/LINGUAS lists pt_BR" "pt_BR" "$top_srcdir/po/LINGUAS"

# A template of the sources as they are, with po/Makevars' keywords.
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	--add-comments=TRANSLATORS: --from-code=UTF-8 -o "$T_TMP/now.pot" -f po/POTFILES.in)
msgmerge -q --no-fuzzy-matching -o "$T_TMP/merged.po" "$PO" "$T_TMP/now.pot"

# count FILE: the messages in FILE (the header aside).
count() { [ -s "$1" ] && grep -c '^msgid ' "$1" | awk '{ print ($1 > 0 ? $1 - 1 : 0) }' || echo 0; }
msgattrib --untranslated --no-obsolete -o "$T_TMP/untranslated.po" "$T_TMP/merged.po"
msgattrib --only-fuzzy --no-obsolete -o "$T_TMP/fuzzy.po" "$PO"
total=$(msgattrib --no-obsolete "$T_TMP/merged.po" | grep -c '^msgid ')
total=$((total - 1))
untranslated=$(count "$T_TMP/untranslated.po")
fuzzy=$(count "$T_TMP/fuzzy.po")
echo "# pt_BR: $total messages in the sources, $untranslated untranslated, $fuzzy fuzzy"
check_eq "every message of the sources is translated ($untranslated of $total untranslated)" 0 "$untranslated"
grep '^msgid "' "$T_TMP/untranslated.po" | sed -n '2,11s/^/#   /p'
check_eq "no fuzzy translation ($fuzzy)" 0 "$fuzzy"

# The check sees a message the catalog lacks.
printf 'msgid "a string added today"\nmsgstr ""\n' >>"$T_TMP/now.pot"
msgmerge -q --no-fuzzy-matching -o "$T_TMP/m2.po" "$PO" "$T_TMP/now.pot"
msgattrib --untranslated --no-obsolete -o "$T_TMP/u2.po" "$T_TMP/m2.po"
check "a new string counts as untranslated" grep -qF 'msgid "a string added today"' "$T_TMP/u2.po"
done_testing
