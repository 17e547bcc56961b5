#!/bin/sh
# model-corpus.sh OUTDIR — gathers the Vietnamese text Debian packages ship
# (gettext catalogs, manpages-vi, maint-guide-vi, libreoffice-help-vi) into
# OUTDIR/debian.txt, one paragraph a line, for tools/vbtrain.
set -eu
out=$1
mkdir -p "$out"
tmp="$out/debian.txt.tmp"
: > "$tmp"
# gettext catalogs: the msgstr texts
for mo in /usr/share/locale/vi/LC_MESSAGES/*.mo; do
  [ -f "$mo" ] || continue
  msgunfmt --no-wrap "$mo" 2>/dev/null |
    sed -n 's/^msgstr\(\[[0-9]*\]\)\? "\(.*\)"$/\2/p' |
    sed 's/\\n/\n/g; s/\\t/ /g; s/\\"/"/g; s/%[a-zA-Z0-9.$]*//g; s/&//g' >> "$tmp"
done
# man pages, rendered
for m in /usr/share/man/vi/man*/*; do
  [ -f "$m" ] || continue
  zcat -f "$m" | groff -Tutf8 -man -P-cbou 2>/dev/null | sed 's/^ *//' >> "$tmp" || true
done
# the New Maintainers' Guide
zcat -f /usr/share/doc/maint-guide-vi/maint-guide.vi.txt.gz 2>/dev/null | sed 's/^ *//' >> "$tmp" || true
# LibreOffice help pages: strip tags
find /usr/share/libreoffice/help/vi -name '*.xhp' -o -name '*.html' 2>/dev/null | sort |
  xargs -r cat 2>/dev/null | sed 's/<[^>]*>/\n/g; s/&[a-z]*;/ /g' >> "$tmp" || true
grep -v '^[[:space:]]*$' "$tmp" > "$out/debian.txt"
rm -f "$tmp"
wc -lw "$out/debian.txt" >&2
