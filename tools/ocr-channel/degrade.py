#!/usr/bin/env python3
"""degrade.py — old-archive scans of a clean PDF, harsher and more varied than
synth-scan's (whose pages OCR too cleanly to teach the channel what real
office scans do: ụ/ự → y, â → 4/3, ư → w/v/t, rư → m, dropped or merged
marks).

usage: degrade.py PDF OUTDIR SEED [PROFILE]
Writes OUTDIR/harsh-N.jpg (one per page; OUTDIR/harsh-N.blank instead for
a page LibreOffice left empty) and OUTDIR/harsh.txt (the parameters of each
page). PROFILE (default: drawn from SEED) is one of:
  office  300/240 dpi, sometimes heavier strokes, light noise, JPEG
  old     200/150 dpi, heavier strokes, blur, often binarized (fax-like),
          show-through from the back of the sheet
  copy    a photocopy: 300 dpi, bold smeared strokes, binarized, speckles
  thin    faint print: thinned strokes, a high threshold breaks them
  phone   a phone photo: ~100 dpi, blurred, uneven light, JPEG
Each page jitters its profile's parameters (seeded: the same SEED gives the
same images). Needs pdftoppm (poppler-utils) and ImageMagick's convert."""
import os
import random
import subprocess
import sys
import tempfile

PROFILES = ["office", "old", "old", "copy", "thin", "office", "old", "phone"]


def params(rng, profile):
    """ImageMagick operators for one page, and its render resolution."""
    p = {"profile": profile}
    if profile == "office":
        p["dpi"] = rng.choice([300, 240])
        p["stroke"] = rng.choice([0, 0, 1, 1.5])
        p["blur"] = rng.uniform(0.6, 1.1)
        p["threshold"] = 0
        p["noise"] = rng.uniform(0.1, 0.3)
        p["quality"] = rng.randint(45, 75)
        p["bleed"] = rng.random() < 0.15
    elif profile == "old":
        p["dpi"] = rng.choice([200, 200, 150])
        p["stroke"] = rng.choice([0, 1, 1])
        p["blur"] = rng.uniform(0.6, 1.2)
        p["threshold"] = rng.choice([0, rng.randint(48, 60)])
        p["noise"] = rng.uniform(0.0, 0.3)
        p["quality"] = rng.randint(30, 60)
        p["bleed"] = rng.random() < 0.4
    elif profile == "copy":
        p["dpi"] = 300
        p["stroke"] = rng.choice([1.5, 2])
        p["blur"] = rng.uniform(1.0, 1.5)
        p["threshold"] = rng.randint(50, 58)
        p["noise"] = 0.0
        p["speckle"] = True
        p["quality"] = rng.randint(40, 60)
        p["bleed"] = rng.random() < 0.2
    elif profile == "thin":
        p["dpi"] = rng.choice([300, 240, 200])
        p["stroke"] = -1
        p["blur"] = rng.uniform(0.5, 0.8)
        p["threshold"] = rng.randint(60, 70)
        p["noise"] = rng.uniform(0.0, 0.2)
        p["quality"] = rng.randint(45, 70)
        p["bleed"] = False
    else:  # phone
        p["dpi"] = 300
        p["scale"] = rng.uniform(30, 40)      # % of 300 dpi: ~90–120 dpi
        p["stroke"] = 0
        p["blur"] = rng.uniform(0.8, 1.3)
        p["threshold"] = 0
        p["noise"] = rng.uniform(0.0, 0.15)
        p["quality"] = rng.randint(55, 80)
        p["bleed"] = False
        p["shade"] = True
    p["skew"] = round(rng.uniform(-1.2, 1.2), 2)
    return p


def ops(p):
    o = []
    if p["stroke"] > 0:   # text is dark: eroding the white thickens it
        o += ["-morphology", "Erode", "Disk:%g" % p["stroke"]]
    elif p["stroke"] < 0:
        o += ["-morphology", "Dilate", "Disk:1"]
    o += ["-background", "white", "-rotate", str(p["skew"])]
    if p.get("shade"):      # uneven light across the sheet
        o += ["(", "+clone", "-sparse-color", "Barycentric",
              "0,0 gray(100%%) %%w,%%h gray(%d%%)" % 78, ")",
              "-compose", "Multiply", "-composite"]
    if p["noise"] > 0:
        o += ["-attenuate", "%.2f" % p["noise"], "+noise", "Gaussian"]
    o += ["-blur", "0x%.2f" % p["blur"]]
    if p.get("speckle"):
        o += ["-attenuate", "0.15", "+noise", "Impulse"]
    if p["threshold"]:
        o += ["-threshold", "%d%%" % p["threshold"]]
    if p.get("scale"):
        o += ["-resize", "%.1f%%" % p["scale"]]
    return o


def degrade(png, back, out, p):
    cmd = ["convert", png]
    if p["bleed"] and back:  # the other side of the sheet shows through
        cmd += ["(", back, "-flop", "-blur", "0x2", "+level", "72%,100%", ")",
                "-compose", "Multiply", "-composite"]
    dpi = p["dpi"] * p["scale"] / 100 if p.get("scale") else p["dpi"]
    cmd += ops(p) + ["-units", "PixelsPerInch", "-density", "%d" % dpi,
                     "-quality", str(p["quality"]), "jpg:" + out + ".part"]
    subprocess.run(cmd, check=True)
    os.rename(out + ".part", out)  # whole or absent: an OCR run may be listing


def blank(png):
    """LibreOffice sometimes lays out an empty page: nothing to OCR."""
    mean = subprocess.run(["convert", png, "-format", "%[fx:mean]", "info:"], check=True,
                          capture_output=True, text=True).stdout
    return float(mean) > 0.995


def main():
    pdf, outdir, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    profile = sys.argv[4] if len(sys.argv) > 4 else rng.choice(PROFILES)
    first = params(rng, profile)
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(first["dpi"]), "-gray", "-png", pdf,
                        os.path.join(tmp, "p")], check=True)
        pages = sorted((f for f in os.listdir(tmp) if f.endswith(".png")),
                       key=lambda f: int(f[2:-4]))
        log = []
        for i, f in enumerate(pages):
            p = dict(params(rng, profile), dpi=first["dpi"])
            if blank(os.path.join(tmp, f)):
                open(os.path.join(outdir, "harsh-%d.blank" % (i + 1)), "w").close()
                log.append("%d blank" % (i + 1))
                continue
            back = os.path.join(tmp, pages[i + 1 if i + 1 < len(pages) else i - 1]) \
                if len(pages) > 1 else None
            degrade(os.path.join(tmp, f), back, os.path.join(outdir, "harsh-%d.jpg" % (i + 1)), p)
            log.append("%d %s" % (i + 1, " ".join("%s=%s" % kv for kv in sorted(p.items()))))
    with open(os.path.join(outdir, "harsh.txt"), "w") as f:
        f.write("\n".join(log) + "\n")


if __name__ == "__main__":
    main()
