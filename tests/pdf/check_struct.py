#!/usr/bin/env python3
"""Checks that the structure tree of a booklet holds the text of its
sources in the right elements, as a screen reader would get it
(`pdfinfo -struct-text`, poppler), against the presented tree
(`plancc dump`):

- every text of a paragraph (also in list items, quotes) inside a P;
- every text of a section's heading inside the H of its level (H1…H6);
- every text of a table cell inside a TH or TD of a Table, the cells of
  the first row inside TH; every Table has a TH;
- list items as LI with an Lbl and an LBody.

Text is compared without white space and after NFKC (the booklet prints
full-width letters as Latin). Glossary tables are printed as boxes of
paragraphs, not as tables.

Usage: check_struct.py PLANCC SOURCE_DIR PLAN_PDF
"""
import os
import re
import subprocess
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s\u200b-\u200d\u2060\ufeff]", "", s)


# ---- the structure tree as poppler reads it --------------------------------

class Elem:
    def __init__(self, kind, parent):
        self.kind = kind
        self.parent = parent
        self.kids = []
        self.text = []  # its own texts and its descendants', in order

    def ancestors(self):
        e = self
        while e:
            yield e
            e = e.parent


def struct_tree(pdf):
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True,
                         check=True).stdout
    root = Elem("(root)", None)
    stack = [(-1, root)]
    elems = []
    for line in out.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if body.startswith('"'):
            text = body[1:-1] if body.endswith('"') else body[1:]
            for e in parent.ancestors():
                e.text.append(text)
            continue
        if body.startswith("/") or body.startswith("Object "):
            continue  # an attribute, or a link's annotation
        m = re.match(r"([A-Za-z0-9]+)", body)
        if not m:
            continue
        e = Elem(m.group(1), parent)
        parent.kids.append(e)
        elems.append(e)
        stack.append((indent, e))
    for e in elems:
        e.joined = norm("".join(e.text))
    return root, elems


# ---- the presented tree -----------------------------------------------------

class Node:
    def __init__(self, kind, attrs, parent):
        self.kind = kind
        self.attrs = attrs
        self.parent = parent
        self.kids = []


def dump_tree(plancc, src):
    out = subprocess.run([plancc, "dump", src], capture_output=True, text=True,
                         check=True).stdout
    root = Node("(top)", {}, None)
    stack = [(-1, root)]
    for line in out.splitlines():
        indent = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        m = re.match(r"(\w+)(.*)", body)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        attrs = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', rest))
        at = re.search(r"@\S+$", rest)
        if at:
            attrs["at"] = at.group(0)
        lit = re.match(r'\s*"((?:[^"\\]|\\.)*)"', rest)
        if lit:
            attrs["literal"] = lit.group(1).encode().decode("unicode_escape").encode(
                "latin1").decode("utf-8") if "\\" in lit.group(1) else lit.group(1)
        for k, v in re.findall(r"(\w+)=(\d+)", rest):
            attrs.setdefault(k, v)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        n = Node(kind, attrs, parent)
        parent.kids.append(n)
        stack.append((indent, n))
    return root


def walk(n):
    yield n
    for k in n.kids:
        yield from walk(k)


def up(n, kind):
    while n:
        if n.kind == kind:
            return n
        n = n.parent
    return None


def fence_of(table, src):
    """The info string of the fenced block a table was written in."""
    m = re.search(r"@(.+):(\d+):\d+$", table.attrs.get("at", ""))
    if not m:
        return ""
    try:
        with open(os.path.join(src, m.group(1)), encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError:
        return ""
    line = lines[int(m.group(2)) - 1] if int(m.group(2)) <= len(lines) else ""
    fm = re.match(r"\s*(```+|~~~+)\s*(\w+)", line)
    return fm.group(2) if fm else ""


def cell_text(cell):
    return "".join(n.attrs.get("literal", "") for n in walk(cell) if n.kind == "text")


def expected(node, src):
    """Which elements a text node must be inside, and a name for the report."""
    cell = up(node, "cell")
    if cell:
        table = up(cell, "table")
        row = up(cell, "row")
        rows = [k for k in table.kids if k.kind == "row"]
        first = rows[0] is row
        if fence_of(table, src) == "glossary":
            # printed as a box of entries: the term and its definition
            col = row.kids.index(cell) if cell in row.kids else -1
            heads = [cell_text(c) for c in rows[0].kids]
            name = heads[col] if 0 <= col < len(heads) else ""
            if first or name not in ("用語", "説明"):
                return None
            return {"P"}, "glossary entry"
        return ({"TH"} if first else {"TD", "TH"}), "table cell"
    if up(node, "image"):
        return {"Figure"}, "image's text"
    heading = up(node, "heading")
    if heading:
        level = int(heading.parent.attrs.get("level", "1"))
        return {f"H{min(max(level, 1), 6)}"}, f"heading level {level}"
    if up(node, "paragraph"):
        return {"P"}, "paragraph"
    return None


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    plancc, src, pdf = sys.argv[1:]
    _, elems = struct_tree(pdf)
    by_kind = {}
    for e in elems:
        by_kind.setdefault(e.kind, []).append(e)
    doc = dump_tree(plancc, src)
    problems = []
    checked = 0
    for n in walk(doc):
        if n.kind != "text" or not norm(n.attrs.get("literal", "")):
            continue
        exp = expected(n, src)
        if not exp:
            continue
        kinds, what = exp
        text = norm(n.attrs["literal"])
        checked += 1
        if not any(text in e.joined for k in kinds for e in by_kind.get(k, [])):
            holders = [e for e in elems if text in e.joined]
            where = [min(holders, key=lambda e: len(e.joined)).kind] if holders else []
            problems.append(f"{what} not inside {'/'.join(sorted(kinds))}"
                            f" (found in {where[0] if where else 'nothing'}): {n.attrs['literal'][:60]}")
    for t in by_kind.get("Table", []):
        if not any(d.kind == "TH" for d in descendants(t)):
            problems.append("a Table without TH: " + t.joined[:40])
    for li in by_kind.get("LI", []):
        kinds = [k.kind for k in li.kids]
        if "LBody" not in kinds or "Lbl" not in kinds:
            problems.append("an LI without Lbl and LBody: " + li.joined[:40])
    if not by_kind.get("Table") or not by_kind.get("P") or not by_kind.get("LI"):
        problems.append("no Table, P or LI in the tree")
    for p in problems[:40]:
        print(p)
    if problems:
        print(f"{len(problems)} problems in {checked} texts")
        return 1
    print(f"{checked} texts of the sources in their elements; {len(elems)} elements")
    return 0


def descendants(e):
    for k in e.kids:
        yield k
        yield from descendants(k)


if __name__ == "__main__":
    sys.exit(main())
