#!/usr/bin/env python3
"""textcheck.py EXPECTED ACTUAL MAX_CER MAX_LINE_CER

Compares the text of a running-text scan with what was printed: the same
lines (paragraphs) in the same order — none cut into pieces, joined or
moved — each within MAX_LINE_CER (plus two edits: short lines), and the whole
within MAX_CER (character error rate: Levenshtein distance over the
expected length, spaces collapsed). Prints the figures; exit 1 when a check fails.
"""
import sys


def distance(a, b):
    """Levenshtein distance between strings a and b."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [" ".join(l.split()) for l in f if l.strip()]


def main():
    if len(sys.argv) != 5:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    exp, act = lines(sys.argv[1]), lines(sys.argv[2])
    max_cer, max_line = float(sys.argv[3]), float(sys.argv[4])
    ok = True
    if len(exp) != len(act):
        print("lines: expected %d, got %d" % (len(exp), len(act)))
        ok = False
    total = 0
    for i, (e, a) in enumerate(zip(exp, act), 1):
        d = distance(e, a)
        total += d
        if ok and d > max_line * len(e) + 2:
            print("line %d: cer %.3f\n  expected: %s\n  got:      %s" % (i, d / len(e), e, a))
            ok = False
    if len(exp) != len(act):  # lines paired wrongly: the whole text instead
        total = distance("\n".join(exp), "\n".join(act))
    chars = len("\n".join(exp))
    print("cer %.4f (%d edits, %d chars), %d lines" % (total / chars, total, chars, len(act)))
    if total > max_cer * chars:
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
