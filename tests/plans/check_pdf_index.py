#!/usr/bin/env python3
"""Every page number the PDF index prints for a term is a page where the
term is found (pdftotext), and the term's entry lists at least one page.

    check_pdf_index.py PLAN_PDF PLAN_JSON

Reads the index pages with `pdftotext -layout` (an entry and its pages on
one line, the two columns separated by wide gaps), takes the numbers after
each term and reads those pages back. Aliases (→) have no pages; a use through an alias counts for its term.
An entry wrapped over two lines is not read (at most a tenth of them).
"""
import json
import re
import subprocess
import sys

pdf, plan_path = sys.argv[1:3]
plan = json.load(open(plan_path, encoding="utf-8"))
npages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))


def text(first, last, layout=False):
    # -raw keeps a table cell's lines together (the order the page draws
    # them); the physical order would interleave the cells of a row
    args = ["pdftotext"] + (["-layout"] if layout else ["-raw"]) + ["-f", str(first), "-l", str(last), pdf, "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


pages = [re.sub(r"\s|※\d*", "", t) for t in text(1, npages).split("\f")]
start = min(i for i, t in enumerate(pages) if t.startswith("索引")) + 1  # 1-based first index page
index = text(start, npages, layout=True)
cells = [c.strip() for line in index.split("\n") for c in re.split(r" {3,}", line) if c.strip()]
problems, checked, unread = [], 0, []
for t in plan["terms"]:
    term = t["term"]
    nums = None
    for i, c in enumerate(cells):
        if c == term or c.startswith(term + "　"):
            rest = c[len(term):].strip("　 ") or (cells[i + 1] if i + 1 < len(cells) else "")
            if re.fullmatch(r"[\d, ]+", rest):
                nums = [int(n) for n in re.findall(r"\d+", rest)]
            break
    if nums is None:
        unread.append(term)  # an entry wrapped over two lines: not read here
        continue
    # a use through an alias counts: 多様性 is listed under ダイバーシティ
    names = [re.sub(r"\s", "", x) for x in [term] + [a["text"] for a in t["aliases"]]]
    for n in nums:
        checked += 1
        if n < 1 or n > npages or not any(x in pages[n - 1] for x in names):
            problems.append(f"{term}: index says p.{n}, the term is not on that page")
if len(unread) > len(plan["terms"]) // 10:
    problems.append(f"index entries not read: {unread}")
for p in problems:
    print(p)
print(f"{checked} page numbers of {len(plan['terms'])} terms checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
