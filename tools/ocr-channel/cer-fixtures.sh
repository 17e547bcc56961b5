#!/bin/sh
# cer-fixtures.sh OUTDIR [SEED] — scans of held-out text for the character
# error rate of `vanban text` on Vietnamese-model OCR with and without
# post-correction (tests/pdf/bench.sh): a legal excerpt (vbpl-legal.txt's
# held-out tail), a Wikipedia excerpt (viwiki.txt's held-out tail) and a plan
# written for the evaluation set (corpus/restore-ocr/plan-c.txt, set in
# Tinos), each through synth-scan at 300 dpi (OUTDIR/NAME/{clean.pdf,
# page-N.png, scan-N.jpg}) plus phone-style copies of the scans (low-N.jpg:
# about 100 dpi, blurred, as tests/pdf/fixtures.sh makes them). Idempotent.
# With SEED = dev, the same from the development slices and
# tests/restore/ocr/plan-dev.txt (for tuning; never the held-out text).
set -eu
out=$1 set=${2:-heldout}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$root/../shared/corpus
synth=$root/../shared/tools/synth-scan
mkdir -p "$out"
if [ "$set" = dev ]; then
  legal=113001 wiki=155001 plan=$root/tests/restore/ocr/plan-dev.txt
else
  legal=126001 wiki=550001 plan=$root/corpus/restore-ocr/plan-c.txt
fi
[ -f "$out/legal.txt" ] || sed -n "$legal,$((legal + 200))p" "$corpus/vbpl-legal.txt" | head -c 6000 > "$out/legal.txt"
[ -f "$out/wiki.txt" ] || sed -n "$wiki,$((wiki + 200))p" "$corpus/viwiki.txt" | head -c 6000 > "$out/wiki.txt"
[ -f "$out/plan.html" ] || python3 "$root/tools/ocr-channel/txt2html.py" "$plan" Tinos 13 > "$out/plan.html"
for d in legal wiki plan; do
  src=$(ls "$out/$d".txt "$out/$d".html 2>/dev/null | head -1)
  [ -f "$out/$d/scan.pdf" ] || nice "$synth" "$src" "$out/$d" >/dev/null
  for f in "$out/$d"/scan-*.jpg; do
    low=$(dirname "$f")/low-$(basename "$f" | sed 's/^scan-//')
    [ -f "$low" ] || convert "$f" -resize 33.3% -blur 0x1 -quality 70 -units PixelsPerInch \
      -density 100 "$low"
  done
done
echo "CER fixtures ($set) in $out"
