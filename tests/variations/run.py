#!/usr/bin/env python3
"""Runs the variations corpus: small plans, each one variation of what
planning staff write, with what a planning office expects of it.

    run.py --plancc build/plancc [--keep] [--must-fail] DIR [CASE ...]

Every DIR/*.case is a plan and its expectations (README.md describes the
format). The plan is written to a fresh folder, built with `plancc build`
(and, when the case asks, checked with `plancc check`), and every
expectation is compared with the outputs and the diagnostics. A case
fails when an expectation is not met or when a diagnostic is printed that
the case does not expect. Exit status 1 when any case fails.

With --must-fail (for the runner's own test, DIR selftest/) every case
must fail instead: exit status 1 when any case passes.
"""
import argparse
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

DIAG = re.compile(r"^(?P<place>[^\s:][^:]*:\d+:\d+|[^\s:][^:]*|plancc): (?P<sev>error|warning): (?P<msg>.*)$")
ESCAPE = re.compile(r"\{U\+([0-9A-Fa-f]{4,6})\}")


class Case:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.title = ""
        self.files = []  # (name, text, options)
        self.expect = []  # (line number, text)
        self.parse(open(path, encoding="utf-8").read())

    def parse(self, text):
        section, body, opts = None, [], []
        lines = text.split("\n")
        for no, line in enumerate(lines, 1):
            if line.startswith("=== "):
                self.close(section, body, opts)
                words = line[4:].split()
                section, opts, body = words[0], words[1:], []
                continue
            if section is None:
                if line.startswith("# ") and not self.title:
                    self.title = line[2:]
                continue
            body.append((no, line))
        self.close(section, body, opts)
        if not self.files:
            raise ValueError(f"{self.name}: no plan file (=== 00.md)")

    def close(self, section, body, opts):
        if section is None:
            return
        if section == "expect":
            self.expect += [(no, l.strip()) for no, l in body if l.strip() and not l.startswith("#")]
            return
        text = "\n".join(l for _, l in body)
        text = ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        self.files.append((section, text, opts))


def write_plan(case, folder):
    for name, text, opts in case.files:
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        if "crlf" in opts:
            data = data.replace(b"\n", b"\r\n")
        if "bom" in opts:
            data = b"\xef\xbb\xbf" + data
        with open(path, "wb") as f:
            f.write(data)


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stderr


def diagnostics(stderr):
    out = []
    for line in stderr.splitlines():
        if line.startswith("plancc: エラー"):
            continue
        m = DIAG.match(line)
        out.append((m.group("place"), m.group("sev"), m.group("msg")) if m else ("?", "?", line))
    return out


PATH_PART = re.compile(r"([^.\[\]]+)((?:\[[^\]]*\])*)")


def walk(value, path):
    """Follows a path such as indicators[name=総人口].values[1].unit."""
    for part in re.findall(r"[^.\[]+(?:\[[^\]]*\])*", path):
        m = PATH_PART.fullmatch(part)
        key, subs = m.group(1), re.findall(r"\[([^\]]*)\]", m.group(2))
        value = value[key]
        for sub in subs:
            if "=" in sub:
                k, v = sub.split("=", 1)
                found = [x for x in value if str(x.get(k)) == v]
                if not found:
                    raise KeyError(f"no element with {k}={v}")
                value = found[0]
            else:
                value = value[int(sub)]
    return value


def check_case(case, plancc, keep):
    problems = []
    tmp = tempfile.mkdtemp(prefix="plancc-var-")
    plan, out = os.path.join(tmp, "plan"), os.path.join(tmp, "out")
    os.makedirs(plan)
    try:
        write_plan(case, plan)
        wants = [e for _, e in case.expect]
        formats = {"json", "data"}
        if any(w.startswith("html ") for w in wants):
            formats.add("html")
        if any(w.startswith("pdf ") for w in wants):
            formats.add("pdf")
        extra = sum((w.split()[1:] for w in wants if w.startswith("args ")), [])
        args = [plancc, "build", plan, "-o", out, "--format", ",".join(sorted(formats))] + extra
        status, stderr = run(args)
        runs = [("build", status, diagnostics(stderr))]
        if "check" in wants:
            # check must report what build reports (the glyphs included)
            cstatus, cerr = run([plancc, "check", plan] + [x for x in extra if x == "--strict"])
            runs.append(("check", cstatus, diagnostics(cerr)))
        expected_diags = []
        want_status = None
        for no, e in case.expect:
            where = f"{case.name}:{no}"
            try:
                if e.startswith("diag "):
                    expected_diags.append((no, e[5:]))
                elif e == "no-diagnostics":
                    pass  # strict by default: every diagnostic must be expected
                elif e.startswith("status "):
                    want_status = int(e.split()[1])
                elif e.startswith("json "):
                    problems += expect_json(out, e[5:], where)
                elif e.startswith("csv "):
                    problems += expect_csv(out, e[4:], where)
                elif e.startswith("html "):
                    problems += expect_text(html_text(out), e[5:], where, "HTML")
                elif e.startswith("pdf "):
                    problems += expect_text(pdf_text(out), e[4:], where, "PDF")
                elif e == "check" or e.startswith("args "):
                    pass
                else:
                    problems.append(f"{where}: unknown expectation: {e}")
            except Exception as ex:  # a path that does not exist, a bad file
                problems.append(f"{where}: {e}: {type(ex).__name__}: {ex}")
        if want_status is None:
            want_status = 1 if any(" error: " in d for _, d in expected_diags) else 0
        for label, st, ds in runs:
            if st != want_status:
                problems.append(f"{case.name}: {label} exited {st}, expected {want_status}")
            problems += match_diags(case.name, label, ds, expected_diags)
    finally:
        if keep:
            print(f"  kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return problems


def match_diags(name, label, got, expected):
    problems = []
    left = list(got)
    for no, e in expected:
        m = re.match(r"^(\S+): (error|warning): (.*)$", e)
        if not m:
            problems.append(f"{name}:{no}: bad diag line: {e}")
            continue
        place, sev, text = m.groups()
        hit = next((d for d in left if d[0] == place and d[1] == sev and text in d[2]), None)
        if hit:
            left.remove(hit)
        else:
            near = [f"{d[0]}: {d[1]}: {d[2]}" for d in got if d[0].split(":")[0] == place.split(":")[0]]
            problems.append(f"{name}:{no}: {label}: missing diagnostic {e}\n    got: " + ("\n         ".join(near) or "(none)"))
    for d in left:
        problems.append(f"{name}: {label}: unexpected diagnostic {d[0]}: {d[1]}: {d[2]}")
    return problems


def expect_json(out, e, where):
    m = re.match(r"^(\S+) (\S+) = (.*)$", e)
    if not m:
        return [f"{where}: bad json line: {e}"]
    file, path, want = m.groups()
    data = json.load(open(os.path.join(out, file), encoding="utf-8"))
    got = walk(data, path)
    want = json.loads(want)
    if got != want:
        return [f"{where}: {file} {path} is {json.dumps(got, ensure_ascii=False)}, expected {json.dumps(want, ensure_ascii=False)}"]
    return []


def expect_csv(out, e, where):
    m = re.match(r"^(\S+) ([^|]+)\|([^=]+?) = ?(.*)$", e)
    if not m:
        return [f"{where}: bad csv line: {e}"]
    file, name, col, want = m.groups()
    with open(os.path.join(out, file), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next((r for r in rows if r["指標名"] == name), None)
    if row is None:
        return [f"{where}: {file}: no indicator {name}"]
    if col not in row:
        return [f"{where}: {file}: no column {col}"]
    if row[col] != want:
        return [f"{where}: {file} {name}|{col} is {row[col]!r}, expected {want!r}"]
    return []


def html_text(out):
    text = []
    for path in sorted(glob.glob(os.path.join(out, "html", "**", "*.html"), recursive=True)):
        text.append(open(path, encoding="utf-8").read())
    return "\n".join(text)


def pdf_text(out):
    p = subprocess.run(["pdftotext", "-layout", os.path.join(out, "plan.pdf"), "-"], capture_output=True, text=True)
    return p.stdout


def expect_text(text, e, where, what):
    m = re.match(r"^(contains|lacks) (.*)$", e)
    if not m:
        return [f"{where}: bad {what} line: {e}"]
    verb, needle = m.groups()
    if (needle in text) != (verb == "contains"):
        return [f"{where}: the {what} {'does not contain' if verb == 'contains' else 'contains'} {needle!r}"]
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plancc", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the plan and output folders")
    ap.add_argument("--must-fail", action="store_true", help="every case must fail (selftest)")
    ap.add_argument("dir")
    ap.add_argument("cases", nargs="*", help="run only these case files (names)")
    a = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(a.dir, "*.case")))
    if a.cases:
        paths = [p for p in paths if os.path.basename(p) in a.cases or os.path.basename(p)[:-5] in a.cases]
    if not paths:
        sys.exit(f"no cases in {a.dir}")
    failed = 0
    for path in paths:
        try:
            case = Case(path)
            problems = check_case(case, a.plancc, a.keep)
        except Exception as ex:
            problems = [f"{os.path.basename(path)}: {type(ex).__name__}: {ex}"]
            case = None
        status = "ok  " if not problems else "FAIL"
        print(f"{status} {os.path.basename(path)}" + (f" — {case.title}" if case and case.title else ""))
        for p in problems:
            print("     " + p)
        failed += bool(problems)
    if a.must_fail:
        print(f"{failed} of {len(paths)} cases failed, as they must")
        sys.exit(0 if failed == len(paths) else 1)
    print(f"{len(paths) - failed} of {len(paths)} cases as expected")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
