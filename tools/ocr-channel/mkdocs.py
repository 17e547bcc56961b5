#!/usr/bin/env python3
"""mkdocs.py — lay out corpus paragraphs as plan-like documents for synth-scan.

usage: mkdocs.py [--harsh H] [--skip A:B] OUTDIR NDOCS SEED COARSE SPEC...
       SPEC = FILE:FIRST:LAST (1-based)
Each document mixes ALL-CAPS headings, numbered paragraphs, bullet lines and a
small table, as .txt or .html (fonts and sizes vary), and a truth .txt with
exactly the words that were printed. Only lines FIRST..LAST of each FILE are
read, so training and held-out text never overlap. Documents from number
COARSE on are like older archive scans: HTML with large bold headings, and a
docNNN.dpi file asking synth-scan for 200 or 150 dpi instead of 300.
Documents from number H on (--harsh) are for degrade.py's old-archive scans:
HTML set mostly in Times-like faces (what Vietnamese offices print with), each
with a docNNN.harsh file holding the seed of its degradation (and, optionally,
degrade.py's profile after it). Documents A..B-1 (--skip) are drawn but not
written: a smaller set with the same documents as the full one."""
import html
import random
import sys
import tempfile

FONTS = ["Liberation Serif", "Liberation Sans", "DejaVu Serif", "DejaVu Sans",
         "Nimbus Roman"]
# Times New Roman-like faces with Vietnamese glyphs first (Tinos and
# Liberation Serif share its metrics; FreeSerif is a Times clone), then others.
HARSH_FONTS = ["Tinos", "Tinos", "Liberation Serif", "Liberation Serif", "FreeSerif",
               "FreeSerif", "DejaVu Serif", "Arimo", "Liberation Sans", "FreeSans"]


def load(specs):
    paras = []
    for spec in specs:
        path, first, last = spec.rsplit(":", 2)
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if i < int(first):
                    continue
                if i > int(last):
                    break
                line = " ".join(line.split())
                if 40 <= len(line) <= 600 and not line.startswith(("http", "|")):
                    paras.append(line)
    return paras


def heading(rng, paras):
    words = rng.choice(paras).split()
    k = rng.randint(2, 7)
    s = rng.randint(0, max(0, len(words) - k))
    return " ".join(words[s:s + k]).strip(".,;:()").upper()


def phrase(rng, paras, lo, hi):
    words = rng.choice(paras).split()
    k = rng.randint(lo, hi)
    s = rng.randint(0, max(0, len(words) - k))
    return " ".join(words[s:s + k]).strip(".,;:()")


def blocks(rng, paras):
    """A document as a list of (kind, payload)."""
    out = [("caps", heading(rng, paras)), ("caps", heading(rng, paras))]
    roman = ["I", "II", "III", "IV", "V", "VI"]
    for sec in range(rng.randint(3, 5)):
        out.append(("caps", roman[sec] + ". " + heading(rng, paras)))
        for n in range(rng.randint(2, 4)):
            p = rng.choice(paras)
            r = rng.random()
            if r < 0.4:
                p = "%d. %s" % (n + 1, p)
            elif r < 0.6:
                p = "- " + p
            elif r < 0.7:
                p = "%s) %s" % ("abcd"[n], p)
            out.append(("para", p))
        if rng.random() < 0.5:
            rows = [[phrase(rng, paras, 1, 4) for _ in range(3)]
                    for _ in range(rng.randint(2, 5))]
            out.append(("table", rows))
    return out


def write_txt(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        for kind, x in doc:
            if kind == "table":
                for row in x:
                    f.write("\t".join(row) + "\n")
            else:
                f.write(x + "\n")
            f.write("\n")


def write_html(path, doc, rng, big=False, fonts=FONTS):
    font = rng.choice(fonts)
    size = rng.choice([12, 13, 14])
    caps = '<p align="center" style="font-size:%dpt"><b>%%s</b></p>\n' % (size + 4) if big \
        else "<p><b>%s</b></p>\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write('<html><head><meta charset="utf-8"></head>'
                '<body style="font-family:\'%s\'; font-size:%dpt">\n' % (font, size))
        for kind, x in doc:
            if kind == "caps":
                f.write(caps % html.escape(x))
            elif kind == "para":
                f.write("<p>%s</p>\n" % html.escape(x))
            else:
                f.write('<table border="1">\n')
                for row in x:
                    f.write("<tr>" + "".join("<td>%s</td>" % html.escape(c)
                                             for c in row) + "</tr>\n")
                f.write("</table>\n")
        f.write("</body></html>\n")


def main():
    args = sys.argv[1:]
    harsh, skip = None, (0, 0)
    while args[0].startswith("--"):
        if args[0] == "--harsh":
            harsh = int(args[1])
        elif args[0] == "--skip":
            skip = tuple(int(x) for x in args[1].split(":"))
        args = args[2:]
    out, ndocs, seed = args[0], int(args[1]), int(args[2])
    coarse = int(args[3])
    rng = random.Random(seed)
    paras = load(args[4:])
    trash = tempfile.TemporaryDirectory()  # skipped documents: drawn the same, not kept
    final = out
    for d in range(ndocs):
        out = trash.name if skip[0] <= d < skip[1] else final
        doc = blocks(rng, paras)
        write_txt("%s/doc%03d.truth.txt" % (out, d), doc)
        as_txt = rng.random() < 0.5
        if harsh is not None and d >= harsh:
            write_html("%s/doc%03d.html" % (out, d), doc, rng, big=rng.random() < 0.5,
                       fonts=HARSH_FONTS)
            with open("%s/doc%03d.harsh" % (out, d), "w") as f:
                f.write("%d\n" % (seed * 1000 + d))
        elif d >= coarse:
            write_html("%s/doc%03d.html" % (out, d), doc, rng, big=True)
            with open("%s/doc%03d.dpi" % (out, d), "w") as f:
                f.write("200\n" if d % 2 == 0 else "150\n")
        elif as_txt:
            write_txt("%s/doc%03d.txt" % (out, d), doc)
        else:
            write_html("%s/doc%03d.html" % (out, d), doc, rng)


if __name__ == "__main__":
    main()
