#!/usr/bin/env python3
"""vocab.py MINCOUNT SPEC... — lower-case word list of training text slices
(SPEC = FILE:FIRST:LAST, 1-based lines), words seen at least MINCOUNT times.
Used as the `known` filter when measuring the channel's candidates."""
import collections
import sys

PUNCT = ".,;:!?()\"'[]“”"


def main():
    mincount = int(sys.argv[1])
    counts = collections.Counter()
    for spec in sys.argv[2:]:
        path, first, last = spec.rsplit(":", 2)
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if i < int(first):
                    continue
                if i > int(last):
                    break
                counts.update(w.strip(PUNCT).lower() for w in line.split())
    for w, c in sorted(counts.items()):
        if w and c >= mincount and len(w.encode()) < 64:
            print(w)


if __name__ == "__main__":
    main()
