#!/usr/bin/env bash
# fixtures.sh OUTDIR — renders the benchmark inputs with ../shared/tools/synth-scan:
# a 12-page plan with a ruled table (plan12), two plan-like text documents
# (legal, wiki excerpts from ../shared/corpus), and phone-style copies of
# every scan (about 100 dpi, blurred). Not part of `make test`.
set -eu
cd "$(dirname "$0")/../.."
out=${1:-build/pdf-bench}
synth=../shared/tools/synth-scan
mkdir -p "$out"
python3 tests/pdf/make_plan.py 7 110 "$out/plan12.html"
python3 tests/pdf/make_plan.py 11 14 "$out/plan2.html"
sed -n 100,200p ../shared/corpus/vbpl-legal.txt | head -c 7000 > "$out/legal.txt"
sed -n 200,330p ../shared/corpus/viwiki.txt | head -c 7000 > "$out/wiki.txt"
for d in plan12 plan2 legal wiki; do
  src=$(ls "$out/$d".html "$out/$d".txt 2>/dev/null | head -1)
  [ -f "$out/$d/scan.pdf" ] || nice "$synth" "$src" "$out/$d"
  for f in "$out/$d"/scan-*.jpg; do
    low=${f/scan-/low-}
    [ -f "$low" ] || convert "$f" -resize 33.3% -blur 0x1 -quality 70 -units PixelsPerInch \
      -density 100 "$low"
  done
done
echo "fixtures in $out"
