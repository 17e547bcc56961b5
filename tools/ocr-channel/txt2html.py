#!/usr/bin/env python3
"""txt2html.py TXT FONT SIZE > HTML — lays out a plan written as plain text
the way offices print one, for synth-scan / LibreOffice: ALL-CAPS lines bold
and centred, the rest justified paragraphs, in FONT at SIZE pt. The printed
words are exactly those of TXT (its truth)."""
import html
import sys


def is_caps(line):
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def main():
    path, font, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out = ['<html><head><meta charset="utf-8"></head>'
           '<body style="font-family:\'%s\'; font-size:%dpt">' % (font, size)]
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if is_caps(line):
                out.append('<p align="center"><b>%s</b></p>' % html.escape(line))
            else:
                out.append('<p align="justify">%s</p>' % html.escape(line))
    out.append("</body></html>")
    print("\n".join(out))


if __name__ == "__main__":
    main()
