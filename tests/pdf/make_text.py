#!/usr/bin/env python3
"""make_text.py OUT.html LEGAL_LINE WIKI_LINE [--mono FONT] [--prop FONT] [--size PT]

Writes a one-page running-text document as HTML for ../shared/tools/synth-scan:
a two-column header block (authority | nation and motto), then paragraphs of
../shared/corpus/vbpl-legal.txt from line LEGAL_LINE in a monospaced font (the
look of a typed page or of a .txt file rendered by LibreOffice, whose word
spaces line up down the page), then paragraphs of viwiki.txt from line
WIKI_LINE (the first three of over 250 characters) justified in a
proportional font. Pick lines outside the texts the benchmarks and the model's
evaluation use (doc/pdf.md, doc/model.md). The document starts with a table:
LibreOffice drops a leading paragraph of an HTML file onto a blank page.
"""
import argparse
import html
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus") + os.sep


def lines_from(path, first):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if i >= first:
                yield line.rstrip("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("legal", type=int)
    ap.add_argument("wiki", type=int)
    ap.add_argument("--mono", default="Liberation Mono")
    ap.add_argument("--prop", default="Liberation Serif")
    ap.add_argument("--size", type=float, default=10)
    ap.add_argument("--legal-lines", type=int, default=10)
    a = ap.parse_args()
    legal = []
    for line in lines_from(CORPUS + "vbpl-legal.txt", a.legal):
        if len(legal) == a.legal_lines:
            break
        if line.strip():
            legal.append(line)
    wiki = []
    for line in lines_from(CORPUS + "viwiki.txt", a.wiki):
        if len(wiki) == 3:
            break
        if len(line) > 250 and not line.startswith("=="):
            wiki.append(line)
    out = [
        '<html><head><meta charset="utf-8"><style>'
        'p.m{font-family:"%s";font-size:%gpt} '
        'p.j{font-family:"%s";font-size:%gpt;text-align:justify}</style></head><body>'
        % (a.mono, a.size, a.prop, a.size + 2),
        '<table width="100%"><tr><td align="center">BỘ NÔNG NGHIỆP<br>VÀ MÔI TRƯỜNG</td>'
        '<td align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>'
        "<b>Độc lập - Tự do - Hạnh phúc</b></td></tr></table>",
    ]
    out += ['<p class="m">%s</p>' % html.escape(p, quote=False) for p in legal]
    out += ['<p class="j">%s</p>' % html.escape(p, quote=False) for p in wiki]
    out.append("</body></html>")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
