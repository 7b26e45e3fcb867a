#!/usr/bin/env python3
"""Builds nta-core's MAC vendor table from Debian's ieee-data (the IEEE Registration Authority's public listings).

    apt-get install ieee-data && scripts/make-oui.py

Writes nta-core/src/main/resources/org/nta/hosts/oui.tsv.gz: one line per assignment, "PREFIX<TAB>ORGANIZATION",
PREFIX in upper-case hex of 6 (MA-L, 24 bits), 7 (MA-M, 28 bits) or 9 (MA-S and IAB, 36 bits) digits, sorted, gzip
without a time stamp so the same input gives the same bytes. NTA reads it at run time; nothing is fetched.
"""
import csv, gzip, os, sys

SRC = os.environ.get("IEEE_DATA", "/usr/share/ieee-data")
OUT = os.path.join(os.path.dirname(__file__), "..", "nta-core/src/main/resources/org/nta/hosts/oui.tsv.gz")
rows = {}
for name, digits in (("oui.csv", 6), ("mam.csv", 7), ("oui36.csv", 9), ("iab.csv", 9)):
    path = os.path.join(SRC, name)
    if not os.path.exists(path):
        sys.exit(f"make-oui.py: {path} is missing (apt-get install ieee-data)")
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)                                    # Registry,Assignment,Organization Name,Organization Address
        for rec in reader:
            if len(rec) < 3:
                continue
            prefix, org = rec[1].strip().upper(), " ".join(rec[2].split())
            if len(prefix) == digits and org and all(c in "0123456789ABCDEF" for c in prefix):
                rows[prefix] = org
text = "".join(f"{k}\t{v}\n" for k, v in sorted(rows.items()))
with open(OUT, "wb") as out:
    out.write(gzip.compress(text.encode("utf-8"), 9, mtime=0))
with open(os.path.join(SRC, ".lastupdate")) as f:
    stamp = f.read().strip()
print(f"{OUT}: {len(rows)} assignments from ieee-data {stamp}")
