#!/bin/sh
# learn.sh OCRALIGN DIR... — aligns every OCR'd page set under DIR/docNNN/
# with DIR/docNNN.truth.txt (pages in order: degraded scans, old-archive
# scans and clean renders, eng and vie) and prints the estimated channel table (model/ocr-channel.tsv format).
set -eu
align=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$@"; do
  for d in "$dir"/doc[0-9][0-9][0-9]; do
    [ -d "$d" ] || continue
    for src in scan harsh page; do
      for lang in eng vie; do
        ls "$d/$src"-*."$lang".txt >/dev/null 2>&1 || continue
        cat $(ls "$d/$src"-*."$lang".txt | sort -V) > "$tmp/ocr.txt"
        "$align" pairs "$d.truth.txt" "$tmp/ocr.txt" | sed "s/^/$lang	/" >> "$tmp/triples"
      done
    done
  done
done
echo "learn.sh: $(wc -l < "$tmp/triples") aligned word pairs" >&2
"$align" estimate < "$tmp/triples"
