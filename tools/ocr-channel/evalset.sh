#!/bin/sh
# evalset.sh OUT WORK SPEC... — the held-out OCR evaluation set: two plan-like
# documents from the held-out corpus lines SPEC (FILE:FIRST:LAST) plus
# OUT/plan-own.txt (a plan written for this set, in no corpus; 200 dpi), rendered
# with synth-scan (the second document as a coarse scan, see mkdocs.py) and
# OCR'd from the degraded scans with tesseract eng and vie.
# Writes OUT/truth.txt, OUT/ocr-eng.txt, OUT/ocr-vie.txt (documents in order).
set -eu
out=$1 work=$2
shift 2
here=$(dirname "$0")
rm -rf "$work"
mkdir -p "$work"
python3 "$here/mkdocs.py" "$work" 2 11 1 "$@"
cp "$out/plan-own.txt" "$work/doc002.txt"
echo 200 > "$work/doc002.dpi"
cp "$out/plan-own.txt" "$work/doc002.truth.txt"
SCANS_ONLY=1 "$here/scan-ocr.sh" "$work"
: > "$out/truth.txt"
: > "$out/ocr-eng.txt"
: > "$out/ocr-vie.txt"
for d in "$work"/doc[0-9][0-9][0-9]; do
  cat "$d.truth.txt" >> "$out/truth.txt"
  for lang in eng vie; do
    cat $(ls "$d"/scan-*."$lang".txt | sort -V) >> "$out/ocr-$lang.txt"
  done
  echo "$(basename "$d"): $(ls "$d"/scan-*.jpg | wc -l) pages"
done
