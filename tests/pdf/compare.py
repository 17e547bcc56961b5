#!/usr/bin/env python3
"""compare.py NAME CLEAN.xml SCAN.xml — does the scan's plan have the clean
PDF's structure? Prints one line for NAME: row numbers (TT), criteria ids,
budget amounts,
timeline start/end (each as matching/total over the clean plan's criteria,
paired by aligning the two lists of criteria on their ids and dates, so one
lost criterion counts once and does not shift the rest), header date and
number; then each difference. Exit 1 when anything differs."""
import difflib
import sys
import xml.etree.ElementTree as ET

NS = "{urn:vanban:plan:1}"


def text(e):
    """The element's string value (its <w> and <corr> children included)."""
    return "".join(e.itertext()) if e is not None else None


def load(path):
    root = ET.parse(path).getroot()
    crits = []
    for c in root.iter(NS + "criterion"):
        b, t, o = c.find(NS + "budget"), c.find(NS + "timeline"), c.find(NS + "ordinal")
        crits.append({"ids": c.get("ids"), "ordinal": text(o),
                      "budget": b.get("amount") if b is not None else None,
                      "start": t.get("start") if t is not None else None,
                      "end": t.get("end") if t is not None else None})
    h = root.find(NS + "header")
    date = h.find(NS + "date") if h is not None else None
    num = h.find(NS + "number") if h is not None else None
    issuer = h.find(NS + "issuer") if h is not None else None
    year = root.find(NS + "schoolYear")
    return {"crits": crits,
            "date": date.get("when") if date is not None else None,
            "number": text(num),
            "issuer": text(issuer) or "?",
            "year": year.get("from") if year is not None else "?"}


def pairs(ca, cb):
    """Index pairs (i, j) of aligned criteria; j is None for one the scan lost."""
    key = lambda c: (c["ids"], c["start"], c["end"])
    sm = difflib.SequenceMatcher(None, [key(c) for c in ca], [key(c) for c in cb], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        for k in range(i2 - i1):
            out.append((i1 + k, j1 + k if op != "delete" and k < j2 - j1 else None))
    return out


def main():
    name, a, b = sys.argv[1], load(sys.argv[2]), load(sys.argv[3])
    ca, cb = a["crits"], b["crits"]
    diffs = []
    score = {}
    pr = pairs(ca, cb)
    for key in ("ordinal", "ids", "budget", "start", "end"):
        have = [(i, j) for i, j in pr if ca[i][key] is not None]
        same = sum(1 for i, j in have if j is not None and cb[j][key] == ca[i][key])
        score[key] = (same, len(have))
        for i, j in have:
            got = cb[j][key] if j is not None else "(lost)"
            if got != ca[i][key]:
                diffs.append("  criterion %d %s: clean %s, scan %s" % (i + 1, key, ca[i][key], got))
    for key in ("date", "number"):
        if a[key] != b[key]:
            diffs.append("  header %s: clean %s, scan %s" % (key, a[key], b[key]))
    print("%-8s %-28s %s  criteria %d/%d  TT %d/%d  ids %d/%d  budget %d/%d  start %d/%d  "
          "end %d/%d  date %s  number %s" % (
              name, a["issuer"][:28], a["year"], len(cb), len(ca), *score["ordinal"], *score["ids"],
              *score["budget"], *score["start"], *score["end"],
              "ok" if a["date"] == b["date"] else "DIFF",
              "ok" if a["number"] == b["number"] else "DIFF"))
    if len(ca) != len(cb):
        diffs.insert(0, "  criteria: clean %d, scan %d" % (len(ca), len(cb)))
    for d in diffs:
        print(d)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
