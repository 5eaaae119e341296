#!/usr/bin/env python3
"""Golden files of the presented tree, in the spirit of mandoc's regress/:
each NAME.md is compiled alone (as the plan's only chapter, 00.md) and
`plancc dump` must print exactly NAME.out, which pins what the
presentation pass decides (labels, measures, term marks, reference texts,
soft-break spacing, line breaks, indicator cells) with no renderer in
between.

Usage: check.py PLANCC [--update]   (--update rewrites the .out files)
"""
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def dump(plancc, case):
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(os.path.join(here, case), os.path.join(d, "00.md"))
        r = subprocess.run([plancc, "dump", d], capture_output=True, text=True)
        return r.returncode, r.stdout, r.stderr


def main():
    plancc = sys.argv[1]
    update = "--update" in sys.argv[2:]
    cases = sorted(f for f in os.listdir(here) if f.endswith(".md"))
    failed = 0
    for case in cases:
        status, out, err = dump(plancc, case)
        golden = os.path.join(here, case[:-3] + ".out")
        if status != 0:
            print(f"{case}: plancc dump failed ({status}):\n{err}")
            failed += 1
            continue
        if update:
            with open(golden, "w") as f:
                f.write(out)
            continue
        want = open(golden).read() if os.path.exists(golden) else None
        if out != want:
            failed += 1
            print(f"{case}: the tree differs from {os.path.basename(golden)}")
            import difflib
            for line in difflib.unified_diff((want or "").splitlines(), out.splitlines(),
                                             "expected", "got", lineterm="", n=1):
                print("  " + line)
    print(f"{len(cases)} cases, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
