#!/usr/bin/env bash
# gen.sh DIR — writes the bad-input corpus into DIR (made at test time, never
# committed: the big file is 200 MB). Every file is an input a real archive
# may hold; tests/suite_batch.sh expects each to fail with a clear one-line
# error (or convert, where noted) while its neighbours still convert.
#   BAD_BIG_MB=200   size of the file with no newline (smaller for quick runs)
set -euo pipefail
d=${1:?usage: gen.sh DIR}
mkdir -p "$d"
cd "$d"

# pdf FILE OBJ... — a PDF with a correct xref table from object bodies;
# TRAILER_EXTRA is added to the trailer dictionary.
pdf() {
  local f=$1; shift
  local out='%PDF-1.4'$'\n' offs=() i=1
  for o in "$@"; do
    offs+=("${#out}")
    out+="$i 0 obj"$'\n'"$o"$'\n'"endobj"$'\n'
    i=$((i + 1))
  done
  local xref=${#out}
  out+="xref"$'\n'"0 $i"$'\n'"0000000000 65535 f "$'\n'
  for x in "${offs[@]}"; do out+=$(printf '%010d 00000 n ' "$x")$'\n'; done
  out+="trailer"$'\n'"<< /Size $i /Root 1 0 R ${TRAILER_EXTRA:-} >>"$'\n'
  out+="startxref"$'\n'"$xref"$'\n'"%%EOF"$'\n'
  printf '%s' "$out" > "$f"
}

page='<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'
content='<< /Length 44 >>
stream
BT /F1 12 Tf 72 760 Td (Ke hoach) Tj ET
endstream'
font='<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'

# a whole one-page PDF, then the same cut in the middle of its objects
pdf whole.pdf '<< /Type /Catalog /Pages 2 0 R >>' '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' \
  "$page" "$content" "$font"
head -c 200 whole.pdf > truncated.pdf
rm whole.pdf

# zero pages: a valid PDF whose page tree is empty
pdf zero-pages.pdf '<< /Type /Catalog /Pages 2 0 R >>' '<< /Type /Pages /Kids [] /Count 0 >>'

# encrypted: standard security handler with a user password we don't know
TRAILER_EXTRA='/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]' \
pdf encrypted.pdf '<< /Type /Catalog /Pages 2 0 R >>' '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' \
  "$page" "$content" "$font" \
  '<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <8f1e3c0b7d2a9e6f5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a3928170605> /U <1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809> >>'

# random bytes with a .pdf name (fixed seed: the same bytes every run)
LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' \
  > random.pdf

# corrupt images: right magic, broken insides
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00\x43garbage-not-a-quant-table' > corrupt.jpg
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00\xde\xad\xbe\xef\x00\x00\x00\x05IDATbroken' > corrupt.png
# a PNG header claiming 50000 x 50000 pixels (IHDR CRC correct, no pixel data)
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\xc3\x50\x00\x00\xc3\x50\x08\x00\x00\x00\x00\x6e\xc4\x62\x16\x00\x00\x00\x00IEND\xae\x42\x60\x82' > huge-50000x50000.png
# the same claim in a JPEG frame header (SOF0: height, width = 50000)
printf '\xff\xd8\xff\xc0\x00\x0b\x08\xc3\x50\xc3\x50\x01\x01\x11\x00\xff\xd9' > huge-50000x50000.jpg

: > empty.txt
# invalid UTF-8 inside otherwise Vietnamese UTF-8 text
printf 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\nTrường Tiểu học \xc3\x28 Hòa \xff\xfe Bình\nMục tiêu: nâng cao \xe1\x80 chất lượng\n' > invalid-utf8.txt
# deeply nested HTML (100,000 levels)
{ printf '<html><body>'; for i in $(seq 1000); do printf '%.0s<div>' {1..100}; done
  printf 'Kế hoạch'; for i in $(seq 1000); do printf '%.0s</div>' {1..100}; done
  printf '</body></html>\n'; } > nested.html
# a named pipe and a dangling link: the two inputs that cannot be read when
# running as root (chmod 000 does not stop root)
mkfifo fifo.txt
ln -sfn does-not-exist.txt dangling.txt
# a folder that contains a link to itself
mkdir -p loop
ln -sfn .. loop/again
# the big one: no newline anywhere
head -c "$(( ${BAD_BIG_MB:-200} * 1024 * 1024 ))" /dev/zero | tr '\0' 'a' > big-no-newline.txt
