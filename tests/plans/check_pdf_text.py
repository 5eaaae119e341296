#!/usr/bin/env python3
"""Every paragraph and list item of a plan comes back out of its PDF.

    check_pdf_text.py SOURCE_DIR PLAN_JSON PDFTOTEXT_OUTPUT

Reads the Markdown paragraphs (blank-line separated; list items one by
one), turns their inline markup into the text a reader sees (annotations
to their text, an empty ref to its target's number and title, emphasis
marks dropped), and looks for each in the text pdftotext extracted, with
all whitespace, term marks (※, ※n) and reference pages （p.N） removed on
both sides. PDFTOTEXT_OUTPUT should hold the text block only (pdftotext
-y/-H cropping off the running header and the page number), so that a
paragraph running over a page break reads on. Tables,
headings, code and quotes are left to other tests. Prints what is missing;
exit 1 if anything is.
"""
import json
import os
import re
import sys

src, plan_path, text_path = sys.argv[1:4]
plan = json.load(open(plan_path, encoding="utf-8"))
# An empty ref prints its target: a section's number and title, a table's
# caption as 表「…」.
targets = {r["id"]: (f"表「{r['target_text']}」" if r["target_kind"] == "table" else r["target_text"] or "")
           for r in plan["refs"]}


def flat(s):
    # Term marks and the page numbers the PDF adds to references go.
    return re.sub(r"※\d*|（p\.\d+）|\s", "", s)


pdf = flat(open(text_path, encoding="utf-8").read())


def visible(md):
    md = re.sub(r"\[\]\(ref:([^)]*)\)", lambda m: targets.get(m.group(1), ""), md)
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", md)
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"<br\s*/?>", "", md)
    md = md.replace("**", "").replace("*", "").replace("`", "").replace("\\", "")
    return md


missing = total = 0
for name in sorted(f for f in os.listdir(src) if f.endswith(".md") and not f.startswith(".")):
    text = open(os.path.join(src, name), encoding="utf-8").read()
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    for block in text.split("\n\n"):
        block = block.strip()
        if not block or block[0] in "#|>" or block.startswith("!["):
            continue
        for item in re.split(r"\n(?=\s*(?:[-*+]|\d+\.) )", block):
            item = re.sub(r"^\s*(?:[-*+]|\d+\.) ", "", item.strip())
            want = flat(visible(item))
            if len(want) < 4:
                continue
            total += 1
            if want not in pdf:
                missing += 1
                print(f"{name}: missing from the PDF: {want[:60]}")
print(f"{total - missing} of {total} paragraphs found")
sys.exit(1 if missing else 0)
