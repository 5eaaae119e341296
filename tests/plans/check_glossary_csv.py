#!/usr/bin/env python3
"""Reads a glossary CSV as a spreadsheet would and checks it.

    check_glossary_csv.py CSV TERM...

The file must start with a UTF-8 BOM, parse as RFC 4180 CSV with the
documented columns, hold exactly the given terms (in any order), and have
CRLF line ends.
"""
import csv
import sys

path, want = sys.argv[1], sys.argv[2:]
raw = open(path, "rb").read()
problems = []
if not raw.startswith(b"\xef\xbb\xbf"):
    problems.append("no UTF-8 BOM")
if not raw.endswith(b"\r\n"):
    problems.append("rows do not end in CRLF")
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
head = ["用語", "読み", "別名", "説明", "章番号", "章", "節番号", "節", "節id", "ファイル", "行"]
if rows[0] != head:
    problems.append(f"header {rows[0]}")
for r in rows[1:]:
    if len(r) != len(head):
        problems.append(f"row of {len(r)} cells: {r}")
got = sorted(r[0] for r in rows[1:])
if got != sorted(want):
    problems.append(f"terms {got}, want {sorted(want)}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
