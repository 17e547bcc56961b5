#!/bin/sh
# scan-ocr.sh DIR — render every DIR/docNNN.{txt,html} with synth-scan and OCR
# each page (degraded scan-N.jpg and clean page-N.png; DIR/docNNN.dpi, when
# present, sets the resolution) with Tesseract's eng and vie models. A
# document with a DIR/docNNN.harsh file (its seed) is instead laid out by
# LibreOffice and degraded by degrade.py into old-archive scans
# harsh-N.jpg, and only those are OCR'd.
# Writes DIR/docNNN/{scan,page,harsh}-N.{eng,vie}.txt. Idempotent:
# finished outputs are kept, so an interrupted run resumes. At most 2 OCR
# processes run at a time (OCR_JOBS; the CPU is shared); all under nice.
set -eu
dir=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
synth=${SYNTH_SCAN:-$root/../shared/tools/synth-scan}
# NO_RENDER=1 only OCRs what is rendered (a second run beside a long one).
if [ "${NO_RENDER:-0}" != 1 ]; then
  # Old-archive documents first (they teach the channel most per page),
  # laid out by one LibreOffice run per 20 documents (its start-up is most
  # of synth-scan's time), then degraded by degrade.py.
  todo=$(for h in "$dir"/doc[0-9][0-9][0-9].harsh; do
           [ -e "$h" ] && [ ! -e "${h%.harsh}/clean.pdf" ] && echo "${h%.harsh}.html"
         done || true)
  tmp=$(mktemp -d)
  # its own profile: a LibreOffice another job runs would take the request
  echo "$todo" | grep . | xargs -r -n 20 sh -c 'nice soffice -env:UserInstallation=file://$0/profile \
    --headless --convert-to pdf --outdir "$0" "$@" >/dev/null 2>&1' "$tmp" || true
  for f in "$tmp"/doc*.pdf; do
    [ -e "$f" ] || continue
    base=$dir/$(basename "$f" .pdf)
    mkdir -p "$base"
    mv "$f" "$base/clean.pdf"
  done
  rm -rf "$tmp"
  for h in "$dir"/doc[0-9][0-9][0-9].harsh; do
    base=${h%.harsh}
    [ -e "$base/clean.pdf" ] && [ ! -e "$base/harsh.txt" ] &&
      nice python3 "$root/tools/ocr-channel/degrade.py" "$base/clean.pdf" "$base" $(cat "$h")
  done
  for src in "$dir"/doc[0-9][0-9][0-9].txt "$dir"/doc[0-9][0-9][0-9].html; do
    base=${src%.*}
    [ -e "$src" ] && [ ! -e "$base.harsh" ] || continue
    dpi=300
    [ -e "$base.dpi" ] && dpi=$(cat "$base.dpi")
    [ -e "$base/scan.pdf" ] || nice "$synth" "$src" "$base" "$dpi" >/dev/null
  done
fi
# Most useful first (the machine is shared and a run may be cut short):
# degraded scans with eng, then with vie, then the clean renders.
# SCANS_ONLY=1 skips the clean renders.
for kind in harsh.eng scan.eng harsh.vie scan.vie page.eng page.vie; do
  img=${kind%.*} lang=${kind#*.}
  [ "$img" = page ] && [ "${SCANS_ONLY:-0}" = 1 ] && continue
  ls "$dir"/doc*/"$img"-*.* 2>/dev/null | grep -E '\.(jpg|png)$' | sort -V | while read -r f; do
    [ "$img" != harsh ] && [ -e "$(dirname "$f").harsh" ] && continue
    out=${f%.*}.$lang.txt
    [ -e "$out" ] && continue
    # LibreOffice sometimes lays out an empty first page; OCR of its noise
    # is junk with no truth, so blank pages get an empty transcript.
    page=$(dirname "$f")/page-$(basename "$f" | sed 's/^[a-z]*-//; s/\..*//').png
    [ -e "$page" ] || { echo "$f $lang $out"; continue; }
    mean=$(convert "$page" -format '%[fx:mean]' info:)
    if awk -v m="$mean" 'BEGIN { exit !(m > 0.995) }'; then : > "$out"; continue; fi
    echo "$f $lang $out"
  done
done | OMP_THREAD_LIMIT=1 xargs -P "${OCR_JOBS:-2}" -n 3 sh -c \
  'nice tesseract "$0" - -l "$1" 2>/dev/null > "$2.tmp" && mv "$2.tmp" "$2"'
