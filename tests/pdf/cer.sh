#!/usr/bin/env bash
# cer.sh [OUTDIR [SET]] — `make cer-pdf`: character error rate
# (../shared/tools/vneval cer) of `vanban text` with and without the OCR
# post-correction against `tesseract IMG - -l vie` on the same degraded images,
# per document and in total (edits summed over documents / reference
# characters summed), for the 300-dpi scans (synth-scan's scan-N.jpg; vanban
# reads scan.pdf, the same JPEGs, whole, so running headers and reading order
# across pages count) and the phone-style copies (low-N.jpg, ~100 dpi,
# blurred; vanban reads each image).
#
# SET heldout (default): the corpus tails no model trains on (vbpl-legal.txt
# from 126001, viwiki.txt from 550001; tools/ocr-channel/cer-fixtures.sh) and
# four school plans of the restoration evaluation set (corpus/restore-ocr/
# plan-{a,b,c,own}.txt, laid out by tools/ocr-channel/txt2html.py in four
# Times-like or common faces). SET dev: the development slices and
# tests/restore/ocr/plan-dev.txt, for looking at errors (never tune on
# heldout). Both sets also have a plan with a ruled table (make_plan.py
# --vary, "table").
#
# Fairness: the reference is what is printed: pdftotext (poppler, neither
# program) of the clean PDF the scans were rendered from — not the .txt the
# document was laid out from, whose first line LibreOffice's HTML import
# sometimes drops (plan-own: an empty first page). The table plan's
# reference is `vanban text` of its clean PDF (the text layer, no OCR):
# pdftotext scatters a table's cell fragments; this one reads cell by cell,
# row by row, a cell's lines joined — Tesseract reads the page in its own
# block order, which costs it there. vneval folds every run of
# white space into one space, so line breaks, page breaks (Tesseract's form
# feed) and vanban's table tabs do not count; the documents have no running
# headers, footers or page numbers, so vanban's dropping of them removes
# nothing; reading order does count.
set -u
cd "$(dirname "$0")/../.."
V=${VANBAN:-build/vanban}
out=${1:-build/pdf-bench/ho}
set=${2:-heldout}
EVAL=../shared/tools/vneval
synth=../shared/tools/synth-scan
export OMP_THREAD_LIMIT=1
bash tools/ocr-channel/cer-fixtures.sh "$out" "$set" > /dev/null || exit 1
# render NAME: synth-scan of $out/NAME.html (300 dpi) and phone-style copies
# of its scans (as cer-fixtures.sh makes them)
render() {
  [ -f "$out/$1/scan.pdf" ] || nice "$synth" "$out/$1.html" "$out/$1" > /dev/null || exit 1
  for f in "$out/$1"/scan-*.jpg; do
    low=$(dirname "$f")/low-$(basename "$f" | sed 's/^scan-//')
    [ -f "$low" ] || convert "$f" -resize 33.3% -blur 0x1 -quality 70 -units PixelsPerInch \
      -density 100 "$low"
  done
}
# a plan with a ruled improvement table (tests/pdf/make_plan.py, seeds of its own)
docs="legal wiki plan table"
tseed=61
[ "$set" = dev ] && tseed=62
[ -f "$out/table.html" ] || python3 tests/pdf/make_plan.py $tseed 8 "$out/table.html" --vary
render table
if [ "$set" != dev ]; then
  # name:font:size — more plans (corpus/restore-ocr/NAME.txt), other faces
  for p in plan-a:"Liberation Serif":12 plan-b:FreeSerif:13 plan-own:"DejaVu Serif":12; do
    IFS=: read -r name font size <<< "$p"
    docs="$docs $name"
    [ -f "$out/$name.html" ] ||
      python3 tools/ocr-channel/txt2html.py "corpus/restore-ocr/$name.txt" "$font" "$size" > "$out/$name.html"
    render "$name"
  done
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cp "$V" "$t/vanban" && V=$t/vanban   # a rebuild during the run changes nothing
# the copy finds no model/ beside it: name the model (else no post-correction)
export VB_MODEL=${VB_MODEL:-$PWD/model/vanban-vi.lm}
# score KIND NAME FILE: "edits ref_chars" of FILE, appended to $t/KIND.sum
score() {
  local r
  r=$("$EVAL" cer "$t/ref.txt" "$3" | awk '{ print $4, $6 }')
  echo "$r" >> "$t/$1-$2.sum"
  echo "$r" | awk '{ printf "%.4f (%d)", $2 ? $1 / $2 : 0, $1 }'
}
echo "CER (edits) against the clean PDF's text, $set set"
printf '%-9s %-5s %5s %-15s %-15s %-15s\n' doc kind pages vanban --no-restore tesseract
for kind in scan low; do
  for name in $docs; do
    if [ "$name" = table ]; then   # cell by cell, row by row, from the text layer
      "$V" text "$out/$name/clean.pdf" > "$t/ref.txt"
    else
      pdftotext "$out/$name/clean.pdf" "$t/ref.txt"
    fi
    imgs=$(ls "$out/$name/$kind"-*.jpg | sort -V)
    if [ "$kind" = scan ]; then
      "$V" text "$out/$name/scan.pdf" > "$t/ours.txt" 2> /dev/null
      "$V" text --no-restore "$out/$name/scan.pdf" > "$t/raw.txt" 2> /dev/null
    else
      : > "$t/ours.txt"; : > "$t/raw.txt"
      for f in $imgs; do
        "$V" text "$f" >> "$t/ours.txt" 2> /dev/null
        "$V" text --no-restore "$f" >> "$t/raw.txt" 2> /dev/null
      done
    fi
    : > "$t/tess.txt"
    for f in $imgs; do tesseract "$f" - -l vie 2> /dev/null >> "$t/tess.txt"; done
    if [ -n "${CER_KEEP:-}" ]; then   # the outputs, for diffing
      cp "$t/ours.txt" "$CER_KEEP/$name-$kind-vanban.txt"
      cp "$t/raw.txt" "$CER_KEEP/$name-$kind-raw.txt"
      cp "$t/tess.txt" "$CER_KEEP/$name-$kind-tess.txt"
    fi
    printf '%-9s %-5s %5d %-15s %-15s %-15s\n' "$name" "$kind" "$(echo "$imgs" | wc -w)" \
      "$(score "$kind" ours "$t/ours.txt")" "$(score "$kind" raw "$t/raw.txt")" \
      "$(score "$kind" tess "$t/tess.txt")"
  done
  total() { awk '{ e += $1; n += $2 } END { printf "%.4f (%d)", e / n, e }' "$t/$kind-$1.sum"; }
  printf '%-9s %-5s %5s %-15s %-15s %-15s\n' total "$kind" "" "$(total ours)" "$(total raw)" "$(total tess)"
done
