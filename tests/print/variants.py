#!/usr/bin/env python3
"""Builds a variant of a plan's print edition into a temporary folder and
checks it with check_print.py.

Usage: variants.py PLANCC PLAN DOCS VARIANT
  VARIANT  perfect | perfect-marks | saddle | saddle-marks: the plan with
           binding: and crop-marks: set so, built with --format print and
           checked (the checker must pass);
           screen: plan.pdf given to the checker as the body (it must fail);
           bad-values: bad print keys give FILE:LINE:COL errors and no
           print file;
           no-profile: an unreadable output profile is an error that leaves
           the outputs of the previous build as they were.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def first_file(plan):
    return sorted(f for f in os.listdir(plan) if f.endswith(".md"))[0]


def with_keys(src, dst, keys):
    """Copies the plan to dst with keys added to its front matter (replacing
    any already there)."""
    shutil.copytree(src, dst)
    path = os.path.join(dst, first_file(dst))
    lines = open(path, encoding="utf-8").read().split("\n")
    assert lines[0] == "---", "the plan has no front matter"
    names = {k.split(":")[0] for k in keys}
    close = lines.index("---", 1)
    body = [l for l in lines[1:close] if l.split(":")[0].strip() not in names]
    lines = ["---"] + body + keys + lines[close:]
    open(path, "w", encoding="utf-8").write("\n".join(lines))
    return len(body) + 2  # the line of the first added key


def build(plancc, plan, out, formats="print", env=None):
    return subprocess.run([plancc, "build", plan, "-o", out, "--format", formats],
                          capture_output=True, text=True, env=env)


def check(out, docs, binding, marks, body=None):
    cmd = [sys.executable, os.path.join(HERE, "check_print.py"), out, "--binding", binding,
           "--docs", docs]
    if marks:
        cmd.append("--crop-marks")
    if body:
        cmd += ["--body", body]
    r = subprocess.run(cmd, capture_output=True, text=True)
    print(r.stdout, end="")
    return r.returncode


def main():
    plancc, plan, docs, variant = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "plan"), os.path.join(tmp, "out")
        if variant in ("perfect", "perfect-marks", "saddle", "saddle-marks"):
            binding = variant.split("-")[0]
            marks = variant.endswith("-marks")
            with_keys(plan, src, [f"binding: {binding}",
                                  f"crop-marks: {'true' if marks else 'false'}",
                                  "issuer: 企画課", "printer: 印刷所"])
            r = build(plancc, src, out)
            if r.returncode:
                print(r.stderr)
                return 1
            return check(out, docs, binding, marks)
        if variant == "screen":
            shutil.copytree(plan, src)
            r = build(plancc, src, out, "pdf,print")
            if r.returncode:
                print(r.stderr)
                return 1
            if check(out, docs, "perfect", False, os.path.join(out, "plan.pdf")) == 0:
                print("FAIL: the checker passed the screen plan.pdf")
                return 1
            print("ok: the checker rejects the screen plan.pdf")
            return 0
        if variant == "bad-values":
            line = with_keys(plan, src, ["binding: hardcover", "paper-thickness: 1cm",
                                         "crop-marks: maybe"])
            r = build(plancc, src, out)
            name = first_file(src)
            want = [f"{name}:{line}:10: error:", f"{name}:{line + 1}:18: error:",
                    f"{name}:{line + 2}:13: error:"]
            missing = [w for w in want if w not in r.stderr]
            if r.returncode != 1 or missing or os.path.exists(os.path.join(out, "print")):
                print(r.stderr)
                print("FAIL: expected errors", missing, "and no print/ folder")
                return 1
            print("ok:", " | ".join(l for l in r.stderr.splitlines() if "error" in l)[:400])
            return 0
        if variant == "no-profile":
            shutil.copytree(plan, src)
            r = build(plancc, src, out)
            before = open(os.path.join(out, "print", "body.pdf"), "rb").read()
            env = dict(os.environ, PLANCC_PRINT_PROFILE=os.path.join(tmp, "missing.icc"))
            r = build(plancc, src, out, "print", env)
            after = open(os.path.join(out, "print", "body.pdf"), "rb").read()
            if r.returncode != 1 or "missing.icc" not in r.stderr or before != after:
                print(r.stderr)
                print("FAIL: expected an error naming the profile, outputs unchanged")
                return 1
            print("ok:", r.stderr.strip().splitlines()[0][:300])
            return 0
    print(f"unknown variant {variant}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
