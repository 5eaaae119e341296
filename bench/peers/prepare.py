#!/usr/bin/env python3
"""Turns a plancc plan folder into the same content for the peer tools.

    bench/peers/prepare.py PLAN_DIR OUT_DIR

Writes OUT_DIR/plan.md (pandoc Markdown: the chapters in order, fenced
`table`/`indicators`/`glossary` blocks as pipe tables, plancc's
annotations reduced to their text), OUT_DIR/plan.typ (the same as Typst
markup, with a contents page and A4 pages in BIZ UD Mincho) and
OUT_DIR/style.css (A4 and the BIZ UD fonts for WeasyPrint). The peers get
the text, headings, lists and tables plancc sets; they do not get what
only plancc computes (page references, the index, term marks, charts).
Standard library only.
"""
import os
import re
import sys

FENCE = re.compile(r"^```(table|indicators|glossary)\b.*$")
ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
LINK = re.compile(r"\[([^\]]*)\]\((term|index|ref):[^)]*\)")


def chapters(plan):
    names = sorted(n for n in os.listdir(plan) if n.endswith(".md") and not n.startswith("."))
    for i, name in enumerate(names):
        text = open(os.path.join(plan, name), encoding="utf-8-sig").read()
        if i == 0 and text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            if end >= 0:
                text = text[end + 5:]
        yield text


def inline(text):
    """plancc's annotations as their text: [x](term:) → x, [](ref:a) → （参照）."""
    return LINK.sub(lambda m: m.group(1) or "（参照）", text)


def split_row(line):
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    cells = line.strip().strip("|").split("|")
    return [c.strip() for c in cells]


def is_separator(cells):
    return all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c)


def blocks(text):
    """(kind, payload): ('table', rows) for fenced tables, ('lines', [..]) else."""
    lines = text.split("\n")
    i, plain = 0, []
    while i < len(lines):
        if FENCE.match(lines[i]):
            if plain:
                yield "lines", plain
                plain = []
            rows, i = [], i + 1
            while i < len(lines) and not lines[i].startswith("```"):
                if lines[i].strip():
                    cells = split_row(lines[i])
                    if not is_separator(cells):
                        rows.append(cells)
                i += 1
            yield "table", rows
        else:
            plain.append(lines[i])
        i += 1
    if plain:
        yield "lines", plain


def pipe_table(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    esc = lambda c: inline(c).replace("|", "｜").replace("<br>", " ")
    out = ["| " + " | ".join(esc(c) for c in rows[0]) + " |",
           "|" + "|".join(["---"] * width) + "|"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows[1:]]
    return "\n".join(out)


def to_markdown(plan):
    out = []
    for text in chapters(plan):
        for kind, payload in blocks(text):
            if kind == "table":
                if payload:
                    out.append("\n" + pipe_table(payload) + "\n")
                continue
            for line in payload:
                if line.startswith("#"):
                    line = ATTRS.sub("", line)
                out.append(inline(line))
    return "\n".join(out) + "\n"


TYPST_SPECIAL = set("\\#$*_`<>@[]{}/~=+-'\"")


def typst_text(s):
    s = re.sub(r"<br\s*/?>", " ", inline(s))
    s = re.sub(r"\*\*([^*]+)\*\*", r"\1", s)
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return "".join("\\" + c if c in TYPST_SPECIAL else c for c in s)


def typst_table(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    cells = ", ".join("[" + typst_text(c) + "]" for r in rows for c in r)
    return f"#table(columns: {width}, table.header(repeat: true, " + \
        ", ".join("[*" + typst_text(c) + "*]" for c in rows[0]) + "), " + \
        ", ".join("[" + typst_text(c) + "]" for r in rows[1:] for c in r) + ")\n"


def to_typst(plan):
    out = ['#set document(title: "plan")',
           '#set page(paper: "a4", margin: (x: 25mm, y: 27mm), numbering: "1")',
           '#set text(font: ("BIZ UDMincho", "BIZ UDGothic"), lang: "ja", size: 10.5pt)',
           '#set par(justify: true, first-line-indent: 1em, leading: 0.9em)',
           '#show heading: set text(font: "BIZ UDGothic")',
           '#show heading.where(level: 1): it => { pagebreak(weak: true); it }',
           '#outline(depth: 2)', '#pagebreak()', '']
    for text in chapters(plan):
        fenced_code = False
        for kind, payload in blocks(text):
            if kind == "table":
                if payload:
                    out.append(typst_table(payload))
                continue
            for line in payload:
                if line.startswith("```"):
                    fenced_code = not fenced_code
                    continue
                m = re.match(r"^(#{1,6})\s+(.*)$", line)
                if m and not fenced_code:
                    out.append("=" * len(m.group(1)) + " " + typst_text(ATTRS.sub("", m.group(2))))
                    continue
                m = re.match(r"^(\s*)([-*+]|\d+\.)\s+(.*)$", line)
                if m and not fenced_code:
                    marker = "+" if m.group(2)[0].isdigit() else "-"
                    out.append(m.group(1) + marker + " " + typst_text(m.group(3)))
                    continue
                if line.startswith(">"):
                    line = line.lstrip("> ")
                out.append(typst_text(line))
    return "\n".join(out) + "\n"


CSS = """@page { size: A4; margin: 27mm 25mm; @bottom-center { content: counter(page); } }
body { font-family: "BIZ UDMincho", serif; font-size: 10.5pt; line-height: 1.75;
       text-align: justify; }
h1, h2, h3, h4 { font-family: "BIZ UDGothic", sans-serif; break-after: avoid; }
h1 { break-before: page; }
p { text-indent: 1em; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: .5em 0; }
th, td { border: .6pt solid #9db8ae; padding: 2pt 3pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
"""


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: prepare.py PLAN_DIR OUT_DIR")
    plan, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, "plan.md"), "w", encoding="utf-8").write(to_markdown(plan))
    open(os.path.join(out, "plan.typ"), "w", encoding="utf-8").write(to_typst(plan))
    open(os.path.join(out, "style.css"), "w", encoding="utf-8").write(CSS)


if __name__ == "__main__":
    main()
