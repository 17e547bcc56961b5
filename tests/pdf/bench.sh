#!/usr/bin/env bash
# bench.sh — `make bench` for PDFs and images, side by side in one run:
#  speed: vanban convert -j 2 on a 12-page scanned PDF vs ocrmypdf -l vie -j 2
#         --sidecar vs the Tesseract CLI over the same page images (2 at a time);
#  born-digital: seconds per page of a PDF with a good text layer (no OCR);
#  CER (../shared/tools/vneval cer) of vanban text, with and without the OCR
#  post-correction, vs tesseract -l vie on degraded scans of held-out text and
#  on phone-style copies (~100 dpi, blurred): tests/pdf/cer.sh.
set -u
cd "$(dirname "$0")/../.."
V=${VANBAN:-build/vanban}
W=${PDF_BENCH_DIR:-build/pdf-bench}
EVAL=../shared/tools/vneval
export OMP_THREAD_LIMIT=1
[ -f "$W/wiki/scan.pdf" ] || bash tests/pdf/fixtures.sh "$W" || exit 1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
J=(-j 2)
"$V" convert --help 2>&1 | grep -q -- '-j' || J=()   # the flag comes with the batch work

p=$W/plan12
n=$(ls "$p"/scan-*.jpg | wc -l)
# timed NAME CMD...: wall and CPU (user + sys, children included) seconds into
# $t/NAME.time; the machine is shared, so CPU time is the fairer comparison.
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$t/$name.time" "$@"
}
wall() { cut -d' ' -f1 "$t/$1.time"; }
cpu() { awk '{ printf "%.2f", $2 + $3 }' "$t/$1.time"; }
echo "== speed: $n-page scanned PDF, 2 workers each (cores $(getconf _NPROCESSORS_ONLN), load $(cut -d' ' -f1-3 /proc/loadavg))"
timed v sh -c '"$0" convert "$@" > /dev/null' "$V" "${J[@]}" "$p/scan.pdf"
echo "vanban convert ${J[*]}:        $(wall v)s wall, $(cpu v)s CPU"
timed o ocrmypdf -q -l vie -j 2 --sidecar "$t/o.txt" "$p/scan.pdf" "$t/o.pdf" 2>/dev/null
echo "ocrmypdf -l vie -j 2 --sidecar: $(wall o)s wall, $(cpu o)s CPU"
timed s sh -c 'ls "$1"/scan-*.jpg | xargs -P 2 -I{} sh -c '\''tesseract "$1" "$2/$(basename "$1" .jpg)" -l vie >/dev/null 2>&1'\'' _ {} "$2"' _ "$p" "$t"
echo "tesseract CLI, 2 at a time:     $(wall s)s wall, $(cpu s)s CPU"
awk -v v="$(wall v)" -v o="$(wall o)" -v s="$(wall s)" -v cv="$(cpu v)" -v co="$(cpu o)" -v cs="$(cpu s)" \
  'BEGIN { printf "vanban vs ocrmypdf: %.2fx faster (CPU %.2fx); vanban / tesseract: %.2f (CPU %.2f)\n", o / v, co / cv, v / s, cv / cs }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== born-digital PDF (text layer, no OCR)"
pages=$(pdfinfo "$p/clean.pdf" | awk '/^Pages:/ { print $2 }')
timed b sh -c '"$0" convert "$1" > /dev/null' "$V" "$p/clean.pdf"
awk -v d="$(wall b)" -v c="$(cpu b)" -v n="$pages" \
  'BEGIN { printf "%d pages in %.2fs wall, %.2fs CPU: %.3fs CPU per page\n", n, d, c, c / n }'

echo "== CER on degraded scans of held-out text (tests/pdf/cer.sh)"
VANBAN=$V bash tests/pdf/cer.sh "$W/ho"
