#!/usr/bin/env python3
"""Checks the plan.json that `plancc build` writes for the small plan of
tests/e2e/test_cli.c (test json.plan_contents). Usage: check_plan_json.py
PLAN.JSON. Prints every mismatch and exits 1 when there is one."""
import json
import sys

failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)
    return cond


def eq(actual, expected, what):
    return expect(actual == expected, f"{what}: got {actual!r}, expected {expected!r}")


def find(items, key, value, what):
    for item in items:
        if item.get(key) == value:
            return item
    failures.append(f"{what}: no item with {key} = {value!r}")
    return None


def value_year(v, value, fiscal, text, what):
    """A value's year: flat fields, as in indicators.json."""
    eq(v.get("year"), value, f"{what} year")
    eq(v.get("fiscal"), fiscal, f"{what} fiscal")
    eq(v.get("year_text"), text, f"{what} year text")


def year(y, value, fiscal, text, what):
    if not expect(isinstance(y, dict), f"{what}: year is {y!r}, expected an object"):
        return
    eq(y.get("year"), value, f"{what} year")
    eq(y.get("fiscal"), fiscal, f"{what} fiscal")
    eq(y.get("text"), text, f"{what} year text")


def main(path):
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)

    eq(plan.get("schema"), "plancc-plan/2", "schema")
    meta = plan.get("meta", {})
    eq(meta.get("title"), "第2次みどり市総合計画", "meta.title")
    eq(meta.get("city"), "みどり市", "meta.city")
    eq(meta.get("period"), "2022-2031", "meta.period")
    eq(meta.get("draft"), False, "meta.draft")
    eq(plan.get("files"), ["00-intro.md", "01-policy.md"], "files")

    # Sections: numbers, titles, ids (explicit and derived), tree, roles.
    sections = plan.get("sections", [])
    eq(len(sections), 4, "number of sections")
    eq([s.get("title") for s in sections],
       ["協働と行財政", "みんなが主役のまちづくり", "目指す姿", "信頼される行財政運営"],
       "section titles")
    eq([s.get("number") for s in sections], ["7", "7-1", None, "7-2"], "section numbers")
    eq([s.get("level") for s in sections], [1, 2, 3, 2], "section levels")
    if len(sections) == 4:
        ch, m1, vision, m2 = sections
        eq(ch.get("id"), "ch7", "chapter id")
        eq(ch.get("id_explicit"), True, "chapter id_explicit")
        eq(ch.get("parent"), None, "chapter parent")
        eq(m1.get("id"), "s7-1", "derived id of 7-1")
        eq(m1.get("id_explicit"), False, "7-1 id_explicit")
        eq(m1.get("parent"), "ch7", "parent of 7-1")
        eq(vision.get("role"), "vision", "role of 目指す姿")
        eq(vision.get("parent"), m1.get("id"), "parent of 目指す姿")
        expect(isinstance(vision.get("id"), str) and vision.get("id"),
               f"目指す姿 has a derived id: {vision.get('id')!r}")
        eq(m2.get("id"), "trust", "7-2 id")
        eq(m2.get("parent"), "ch7", "parent of 7-2 (the chapter runs on into 01-policy.md)")
        eq(m2.get("sdgs"), [15, 16, 17], "7-2 sdgs")
        eq(m2.get("pos", {}).get("file"), "01-policy.md", "7-2 file")
        eq(m2.get("pos", {}).get("line"), 1, "7-2 line")
        eq(m1.get("pos", {}).get("line"), 9, "7-1 line")
    ids = [s.get("id") for s in sections]
    eq(len(set(ids)), len(ids), "section ids are unique")

    # Tables.
    tables = plan.get("tables", [])
    kpi = find(tables, "id", "kpi71", "tables")
    if kpi:
        eq(kpi.get("kind"), "indicators", "kpi71 kind")
        eq(kpi.get("caption"), "成果指標", "kpi71 caption")
        eq(kpi.get("rows"), 2, "kpi71 rows")
        cols = kpi.get("columns", [])
        eq([c.get("field") for c in cols], ["name", "method", "baseline", "midterm", "target"],
           "kpi71 column fields")
        if len(cols) == 5:
            year(cols[2].get("year"), 2017, True, "H29年度", "baseline header")
            year(cols[3].get("year"), 2022, True, "R4年度", "midterm header")
            year(cols[4].get("year"), 2026, True, "R8年度", "target header")
            eq(cols[0].get("year"), None, "name header year")

    # Indicators: values parsed into numbers, units and years.
    inds = plan.get("indicators", [])
    eq(len(inds), 2, "number of indicators")
    npo = find(inds, "name", "NPO・ボランティア登録団体数", "indicators")
    if npo:
        eq(npo.get("method"), "市を拠点とする団体の合計", "NPO method")
        eq(npo.get("table"), "kpi71", "NPO table")
        eq((npo.get("chapter") or {}).get("id"), "ch7", "NPO chapter")
        eq(npo.get("direction"), "up", "NPO direction (inferred)")
        eq(npo.get("direction_given"), False, "NPO direction_given")
        vals = {v.get("field"): v for v in npo.get("values", [])}
        eq(sorted(vals), ["baseline", "midterm", "target"], "NPO value fields")
        b = vals.get("baseline")
        if b:
            eq(b.get("text"), "93 団体", "NPO baseline text")
            eq(b.get("number"), 93, "NPO baseline number")
            eq(b.get("unit"), "団体", "NPO baseline unit")
            value_year(b, 2017, True, "H29年度", "NPO baseline")
        t = vals.get("target")
        if t:
            eq(t.get("number"), 113, "NPO target number")
            value_year(t, 2026, True, "R8年度", "NPO target")
    fund = find(inds, "name", "基金残高", "indicators")
    if fund:
        eq(fund.get("direction"), "up", "基金残高 direction")
        vals = {v.get("field"): v for v in fund.get("values", [])}
        b = vals.get("baseline")
        if expect(b is not None, "基金残高 has a baseline"):
            eq(b.get("text"), "0.4億円", "基金残高 baseline text (without the @ year)")
            eq(b.get("number"), 40000000, "基金残高 baseline number")
            eq(b.get("unit"), "円", "基金残高 baseline unit")
            value_year(b, 2020, True, "R2年度", "基金残高 baseline (@ override)")
        m = vals.get("midterm")
        if expect(m is not None, "基金残高 has a midterm"):
            eq(m.get("number"), 50000000, "基金残高 midterm number")
            value_year(m, 2022, True, "R4年度", "基金残高 midterm")
        t = vals.get("target")
        if expect(t is not None, "基金残高 has a target"):
            eq(t.get("text"), "0.6億円", "基金残高 target text")
            eq(t.get("number"), 60000000, "基金残高 target number")
            eq(t.get("unit"), "円", "基金残高 target unit")
            value_year(t, 2026, True, "R8年度", "基金残高 target")
            eq(t.get("line"), 18, "基金残高 target line")

    # Terms: readings (given and derived), aliases, uses.
    terms = plan.get("terms", [])
    eq(len(terms), 2, "number of terms")
    div = find(terms, "term", "ダイバーシティ", "terms")
    if div:
        eq(div.get("reading"), "だいばーしてぃ", "ダイバーシティ reading")
        eq(div.get("reading_derived"), True, "ダイバーシティ reading_derived")
        eq(div.get("aliases"), [{"text": "多様性", "reading": "たようせい"},
                                {"text": "ダイバース", "reading": "だいばーす"}],
           "ダイバーシティ aliases")
        eq(div.get("definition"), "国籍や性別、年齢などの違いを受け入れること。",
           "ダイバーシティ definition")
        eq(div.get("section"), sections[2].get("id") if len(sections) == 4 else None,
           "ダイバーシティ section")
        uses = div.get("uses", [])
        explicit = [u for u in uses if u.get("explicit")]
        found = [u for u in uses if not u.get("explicit")]
        eq(len(explicit), 2, "explicit uses of ダイバーシティ")
        expect(any(u.get("pos", {}).get("file") == "01-policy.md" and
                   u.get("pos", {}).get("line") == 3 and u.get("section") == "trust"
                   for u in found),
               f"ダイバーシティ found in 01-policy.md line 3 (section trust): {found!r}")
    ratio = find(terms, "term", "経常収支比率", "terms")
    if ratio:
        eq(ratio.get("reading"), "けいじょうしゅうしひりつ", "経常収支比率 reading")
        eq(ratio.get("reading_derived"), False, "経常収支比率 reading_derived")
        eq(ratio.get("aliases"), [], "経常収支比率 aliases")

    # Index entries.
    entries = plan.get("index_entries", [])
    e = find(entries, "text", "住民自治協議会", "index_entries")
    if e:
        eq(e.get("reading"), "じゅうみんじちきょうぎかい", "index entry reading")
        eq(e.get("section"), "trust", "index entry section")

    # Cross references and their targets.
    refs = plan.get("refs", [])
    eq([r.get("id") for r in refs], ["trust", "kpi71", "ch7"], "ref ids in document order")
    if len(refs) == 3:
        r0, r1, r2 = refs
        eq(r0.get("text"), None, "ref to trust: text")
        eq(r0.get("target_kind"), "section", "ref to trust: target_kind")
        eq(r0.get("target_text"), "7-2 信頼される行財政運営", "ref to trust: target_text")
        eq(r0.get("pos", {}).get("file"), "00-intro.md", "ref to trust: file")
        eq(r0.get("pos", {}).get("line"), 13, "ref to trust: line")
        eq(r1.get("text"), "指標表", "ref to kpi71: text")
        eq(r1.get("target_kind"), "table", "ref to kpi71: target_kind")
        eq(r1.get("target_text"), "成果指標", "ref to kpi71: target_text")
        eq(r2.get("target_kind"), "section", "ref to ch7: target_kind")
        eq(r2.get("target_text"), "7 協働と行財政", "ref to ch7: target_text")
        eq(r2.get("section"), "trust", "ref to ch7: section")
        eq(r2.get("pos"), {"file": "01-policy.md", "line": 3, "col": 1}, "ref to ch7: pos")

    for f in failures:
        print("plan.json: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
