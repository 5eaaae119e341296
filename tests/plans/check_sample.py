#!/usr/bin/env python3
"""Checks plan.json against the sample plan's sources, counted independently.

    check_sample.py SOURCE_DIR PLAN_JSON

Counts headings, fenced blocks, table rows, glossary terms, aliases,
annotations and images straight from the Markdown (a simple reading that
is enough for the sample plan: no code fences inside lists, no headings
inside quotes) and compares them with what plancc wrote. Also checks some
values by hand. Prints every mismatch; exit 1 if any.
"""
import json
import os
import re
import sys

src, plan_path = sys.argv[1], sys.argv[2]
plan = json.load(open(plan_path, encoding="utf-8"))
problems = []


def expect(what, got, want):
    if got != want:
        problems.append(f"{what}: got {got!r}, want {want!r}")


files = sorted(f for f in os.listdir(src) if f.endswith(".md") and not f.startswith("."))
expect("files", plan["files"], files)

headings = {1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0}
blocks = {"indicators": 0, "glossary": 0, "table": 0}
rows = {"indicators": 0, "glossary": 0}
aliases = 0
refs = index = term_refs = images = 0
for name in files:
    kind = None
    header_seen = False
    alias_col = None
    lines = open(os.path.join(src, name), encoding="utf-8").read().split("\n")
    if name == files[0] and lines[0] == "---":  # the front matter: keys, not Markdown
        lines = lines[lines.index("---", 1) + 1:]
    for line in lines:
        if kind is not None:
            if line.startswith("```"):
                kind = None
                continue
            if not line.strip():
                continue
            refs += len(re.findall(r"\]\(ref:", line))
            index += len(re.findall(r"\]\(index:", line))
            term_refs += len(re.findall(r"\]\(term:", line))
            piped = "|" in line if not header_seen else piped
            cells = [c.strip() for c in (line.strip().strip("|").split("|") if piped else line.split("\t"))]
            if not header_seen:
                header_seen = True
                alias_col = next((i for i, c in enumerate(cells) if c in ("別名", "略称", "aliases")), None)
                continue
            if piped and re.fullmatch(r"[\s|:\-]+", line):
                continue
            if kind in rows:
                rows[kind] += 1
            if kind == "glossary" and alias_col is not None and alias_col < len(cells) and cells[alias_col]:
                aliases += len([a for a in re.split(r"[、,，]", cells[alias_col]) if a.strip()])
            continue
        m = re.match(r"```(indicators|glossary|table)\b", line)
        if m:
            kind, header_seen = m.group(1), False
            blocks[kind] += 1
            continue
        m = re.match(r"(#{1,6}) ", line)
        if m:
            headings[len(m.group(1))] += 1
        refs += len(re.findall(r"\]\(ref:", line))
        index += len(re.findall(r"\]\(index:", line))
        term_refs += len(re.findall(r"\]\(term:", line))
        images += len(re.findall(r"!\[[^\]]*\]\(", line))

levels = {}
for s in plan["sections"]:
    levels[s["level"]] = levels.get(s["level"], 0) + 1
for lv, n in headings.items():
    expect(f"sections at level {lv}", levels.get(lv, 0), n)
for kind, n in blocks.items():
    expect(f"{kind} blocks", sum(1 for t in plan["tables"] if t["kind"] == kind), n)
expect("indicators", len(plan["indicators"]), rows["indicators"])
expect("terms", len(plan["terms"]), rows["glossary"])
expect("aliases", sum(len(t["aliases"]) for t in plan["terms"]), aliases)
expect("refs", len(plan["refs"]), refs)
expect("index entries", len(plan["index_entries"]), index)
expect("explicit term uses", sum(1 for t in plan["terms"] for u in t["uses"] if u["explicit"]), term_refs)
expect("unresolved refs", [r["id"] for r in plan["refs"] if r["target_kind"] is None], [])

# Requirements on the sample itself (issue: at least …).
chapters = [s for s in plan["sections"] if s["level"] == 1 and s["number"]]
measures = [s for s in plan["sections"] if s["level"] == 2 and s["parent"] in {c["id"] for c in chapters}]
for what, n, least in (("numbered chapters", len(chapters), 3), ("measures", len(measures), 10),
                       ("indicators", len(plan["indicators"]), 15), ("terms", len(plan["terms"]), 25)):
    if n < least:
        problems.append(f"{what}: {n}, at least {least} wanted")
expect("draft", plan["meta"]["draft"], True)
expect("title", plan["meta"]["title"], "第2次みなと野市総合計画")

# Values checked by hand against 01-anshin.md.
sec = {s["id"]: s for s in plan["sections"]}
expect("medical", (sec["medical"]["number"], sec["medical"]["title"], sec["medical"]["sdgs"]),
       ("1-1", "地域医療の充実", [3]))
expect("anshin sdgs", sec["anshin"]["sdgs"], [3, 10, 11])
ind = next(i for i in plan["indicators"] if i["name"] == "かかりつけ医がいる市民の割合")
b = ind["values"][0]
expect("baseline", (b["field"], b["number"], b["unit"], b["year"], b["fiscal"]),
       ("baseline", 63.5, "%", 2024, True))
expect("target year", ind["values"][2]["year"], 2031)
expect("direction", ind["direction"], "up")
visit = next(i for i in plan["indicators"] if i["name"] == "在宅で療養している人の訪問診療件数")
expect("unit", visit["values"][0]["unit"], "件/年")
expect("number", visit["values"][0]["number"], 8640)
term = {t["term"]: t for t in plan["terms"]}
expect("ダイバーシティ", (term["ダイバーシティ"]["reading"], term["ダイバーシティ"]["reading_derived"]),
       ("だいばーしてぃ", True))
expect("alias", [a["text"] for a in term["ダイバーシティ"]["aliases"]], ["多様性"])

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
