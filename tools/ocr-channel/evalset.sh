#!/bin/sh
# evalset.sh OUT WORK SEED PLANS SPEC... — an OCR evaluation set of
# English- and Vietnamese-model OCR text with its truth:
#  - six plan-like documents laid out by mkdocs.py (SEED) from the corpus
#    lines SPEC (FILE:FIRST:LAST): two scanned by synth-scan at 300 dpi, one
#    coarse (synth-scan at 200 or 150 dpi, large bold headings), three as
#    old-archive scans (degrade.py, profile drawn from the seed);
#  - the plans PLANS, a space-separated list of NAME:FONT:SIZE:DPI:PROFILE,
#    each OUT/NAME.txt (plans written for the set, in no corpus) set in FONT
#    at SIZE pt by txt2html.py and scanned by synth-scan at DPI, or, with a
#    PROFILE, by degrade.py.
# Every page is OCR'd from its degraded scan with tesseract eng and vie.
# Writes OUT/truth.txt, OUT/ocr-eng.txt, OUT/ocr-vie.txt (documents in
# order) and OUT/docs.txt (each document's source, scan and word count).
set -eu
out=$1 work=$2 seed=$3 plans=$4
shift 4
here=$(dirname "$0")
rm -rf "$work"
mkdir -p "$work"
python3 "$here/mkdocs.py" --harsh 3 "$work" 6 "$seed" 2 "$@"
n=6
for spec in $plans; do
  name=$(echo "$spec" | cut -d: -f1) font=$(echo "$spec" | cut -d: -f2 | tr _ ' ')
  size=$(echo "$spec" | cut -d: -f3) dpi=$(echo "$spec" | cut -d: -f4)
  prof=$(echo "$spec" | cut -d: -f5)
  d=$(printf '%s/doc%03d' "$work" "$n")
  python3 "$here/txt2html.py" "$out/$name.txt" "$font" "$size" > "$d.html"
  cp "$out/$name.txt" "$d.truth.txt"
  [ -n "$dpi" ] && echo "$dpi" > "$d.dpi"
  [ -n "$prof" ] && echo "$((seed * 1000 + n)) $prof" > "$d.harsh"
  n=$((n + 1))
done
SCANS_ONLY=1 "$here/scan-ocr.sh" "$work"
: > "$out/truth.txt"
: > "$out/ocr-eng.txt"
: > "$out/ocr-vie.txt"
: > "$out/docs.txt"
for d in "$work"/doc[0-9][0-9][0-9]; do
  src=scan how="synth-scan $(cat "$d.dpi" 2>/dev/null || echo 300) dpi"
  [ -e "$d.harsh" ] && src=harsh how="degrade.py $(grep -m1 profile= "$d/harsh.txt" | sed 's/.*profile=\([a-z]*\).*/\1/')"
  cat "$d.truth.txt" >> "$out/truth.txt"
  for lang in eng vie; do
    cat $(ls "$d/$src"-*."$lang".txt | sort -V) >> "$out/ocr-$lang.txt"
  done
  echo "$(basename "$d"): $how, $(ls "$d/$src"-*.eng.txt | wc -l) pages, $(wc -w < "$d.truth.txt") words" |
    tee -a "$out/docs.txt"
done
