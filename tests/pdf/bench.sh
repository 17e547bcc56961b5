#!/usr/bin/env bash
# bench.sh — `make bench` for PDFs and images, side by side in one run:
#  speed: vanban convert -j 2 on a 12-page scanned PDF vs ocrmypdf -l vie -j 2
#         --sidecar vs the Tesseract CLI over the same page images (2 at a time);
#  born-digital: seconds per page of a PDF with a good text layer (no OCR);
#  CER (../shared/tools/vneval cer) of vanban text vs tesseract -l vie on the
#  degraded scans and on phone-style copies (~100 dpi, blurred).
set -u
cd "$(dirname "$0")/../.."
V=${VANBAN:-build/vanban}
W=${PDF_BENCH_DIR:-build/pdf-bench}
EVAL=../shared/tools/vneval
export OMP_THREAD_LIMIT=1
[ -f "$W/wiki/scan.pdf" ] || bash tests/pdf/fixtures.sh "$W" || exit 1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
J=(-j 2)
"$V" convert --help 2>&1 | grep -q -- '-j' || J=()   # the flag comes with the batch work

p=$W/plan12
n=$(ls "$p"/scan-*.jpg | wc -l)
echo "== speed: $n-page scanned PDF, 2 workers each (nproc $(nproc), load $(cut -d' ' -f1 /proc/loadavg))"
a=$(now); "$V" convert "${J[@]}" "$p/scan.pdf" > "$t/v.xml"; rc=$?; b=$(now)
tv=$(secs "$a" "$b"); echo "vanban convert ${J[*]}:        ${tv}s (exit $rc)"
a=$(now); ocrmypdf -q -l vie -j 2 --sidecar "$t/o.txt" "$p/scan.pdf" "$t/o.pdf" 2>/dev/null; b=$(now)
to=$(secs "$a" "$b"); echo "ocrmypdf -l vie -j 2 --sidecar: ${to}s"
a=$(now)
ls "$p"/scan-*.jpg | xargs -P 2 -I{} sh -c 'tesseract "$1" "$2/$(basename "$1" .jpg)" -l vie >/dev/null 2>&1' _ {} "$t"
b=$(now); tt=$(secs "$a" "$b"); echo "tesseract CLI, 2 at a time:     ${tt}s"
awk -v v="$tv" -v o="$to" -v s="$tt" 'BEGIN { printf "vanban vs ocrmypdf: %.2fx faster; vanban / tesseract: %.2f\n", o / v, v / s }'

echo "== born-digital PDF (text layer, no OCR)"
pages=$(pdfinfo "$p/clean.pdf" | awk '/^Pages:/ { print $2 }')
a=$(now); "$V" convert "$p/clean.pdf" > /dev/null; b=$(now)
awk -v d="$(secs "$a" "$b")" -v n="$pages" 'BEGIN { printf "%d pages in %.2fs: %.3fs per page\n", n, d, d / n }'

echo "== CER against the clean PDF's text (reading order from its text layer)"
# vanban = post-correction of the Vietnamese-model OCR (the default),
# --no-restore = the same OCR without it; page = the clean render, scan = the
# degraded 300-dpi scan, low = the phone-style copy. ho/* are scans of
# held-out text (tools/ocr-channel/cer-fixtures.sh), the rest of training text.
bash tools/ocr-channel/cer-fixtures.sh "$W/ho" > /dev/null || exit 1
for d in legal wiki plan2 ho/legal ho/wiki ho/plan; do
  "$V" text "$W/$d/clean.pdf" > "$t/ref.txt"
  for kind in page scan low; do
    : > "$t/ours.txt"; : > "$t/raw.txt"; : > "$t/tess.txt"
    for f in $(ls "$W/$d/$kind"-*.* | grep -E '\.(png|jpg)$' | sort -V); do
      "$V" text "$f" >> "$t/ours.txt" 2>/dev/null
      "$V" text --no-restore "$f" >> "$t/raw.txt" 2>/dev/null
      tesseract "$f" - -l vie 2>/dev/null >> "$t/tess.txt"
    done
    cer() { "$EVAL" cer "$t/ref.txt" "$1" | awk '{ print $2 }'; }
    printf '%-9s %-4s vanban %s | --no-restore %s | tesseract %s\n' "$d" "$kind" \
      "$(cer "$t/ours.txt")" "$(cer "$t/raw.txt")" "$(cer "$t/tess.txt")"
  done
done
