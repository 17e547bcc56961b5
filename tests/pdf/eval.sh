#!/usr/bin/env bash
# eval.sh [OUTDIR] — `make eval-pdf`: does `vanban convert` give the same plan
# structure for the clean PDF and for its scan? Renders plan-like documents of
# different schools, years, fonts, column orders, budget and timeline formats
# and lengths (tests/pdf/make_plan.py --vary; one over ten pages, one with an
# unruled table) with ../shared/tools/synth-scan, converts both PDFs and
# compares criteria ids, budget amounts, timeline start/end and the header's
# date and number (tests/pdf/compare.py). Not part of `make test`.
set -u
cd "$(dirname "$0")/../.."
V=${VANBAN:-build/vanban}
out=${1:-build/pdf-eval}
synth=../shared/tools/synth-scan
export OMP_THREAD_LIMIT=1
mkdir -p "$out"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cp "$V" "$t/vanban" && V=$t/vanban   # a rebuild during the run changes nothing
# the copy finds no model/ beside it: name the model (else no post-correction)
export VB_MODEL=${VB_MODEL:-$PWD/model/vanban-vi.lm}
# name seed rows flags
docs=("d21 21 30 --vary" "d22 22 60 --vary" "d23 23 12 --vary" "d24 24 130 --vary"
      "d26 26 45 --vary" "u27 27 25 --vary --unruled")
bad=0
for d in "${docs[@]}"; do
  set -- $d
  name=$1 dir=$out/$1
  if [ ! -f "$dir/scan.pdf" ]; then
    python3 tests/pdf/make_plan.py "$2" "$3" "$out/$name.html" "${@:4}"
    nice "$synth" "$out/$name.html" "$dir" > /dev/null || exit 1
  fi
  "$V" convert "$dir/clean.pdf" > "$dir/clean.xml" 2> "$dir/clean.err"
  "$V" convert -j 2 "$dir/scan.pdf" > "$dir/scan.xml" 2> "$dir/scan.err"
  pages=$(ls "$dir"/scan-*.jpg | wc -l)
  printf '%2d pages ' "$pages"
  python3 tests/pdf/compare.py "$name" "$dir/clean.xml" "$dir/scan.xml" || bad=$((bad + 1))
done
echo "$bad of ${#docs[@]} documents differ"
