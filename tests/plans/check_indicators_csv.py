#!/usr/bin/env python3
"""Reads indicators.csv as a spreadsheet would and checks given cells.

    check_indicators_csv.py CSV ROWS 'NAME|COLUMN|VALUE' ...

ROWS is the expected number of data rows; each check names an indicator
(by 指標名), a column header and the expected cell text.
"""
import csv
import sys

path, rows_wanted, checks = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
raw = open(path, "rb").read()
problems = [] if raw.startswith(b"\xef\xbb\xbf") else ["no UTF-8 BOM"]
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
if len(rows) != rows_wanted:
    problems.append(f"{len(rows)} rows, want {rows_wanted}")
for c in checks:
    name, col, want = c.split("|")
    row = next((r for r in rows if r["指標名"] == name), None)
    if row is None:
        problems.append(f"no indicator {name}")
    elif row.get(col) != want:
        problems.append(f"{name} {col}: {row.get(col)!r}, want {want!r}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
