#!/usr/bin/env python3
"""The tagged booklet, end to end: builds a plan's plan.pdf and checks it.

  tagged.py PLANCC SOURCE_DIR tags    pdfinfo says Tagged: yes, qpdf --check
                                      is clean and check_tags.py passes; the
                                      same plan built untagged (PLANCC_UNTAGGED)
                                      says Tagged: no and check_tags.py fails
                                      on it (the checker can fail).
  tagged.py PLANCC SOURCE_DIR struct  check_struct.py passes on the tagged
                                      booklet and fails on the untagged one.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def build(plancc, src, out, tagged):
    env = dict(os.environ)
    env.pop("PLANCC_UNTAGGED", None)
    if not tagged:
        env["PLANCC_UNTAGGED"] = "1"
    r = subprocess.run([plancc, "build", src, "-o", out, "--format", "pdf"], env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"build failed:\n{r.stderr}")
    return os.path.join(out, "plan.pdf")


def tagged_line(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return next((l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("Tagged:")),
                "")


def run(args):
    r = subprocess.run([sys.executable] + args, capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("tags", "struct"):
        sys.exit(__doc__)
    plancc, src, mode = sys.argv[1:]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build(plancc, src, os.path.join(tmp, "tagged"), True)
        plain = build(plancc, src, os.path.join(tmp, "untagged"), False)
        if mode == "tags":
            if tagged_line(pdf) != "yes":
                failures.append(f"pdfinfo says Tagged: {tagged_line(pdf)}")
            if tagged_line(plain) != "no":
                failures.append(f"the untagged build says Tagged: {tagged_line(plain)}")
            q = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
            if q.returncode != 0 or "No syntax or stream encoding errors" not in q.stdout:
                failures.append("qpdf --check: " + q.stdout[-500:] + q.stderr[-500:])
            rc, out = run([os.path.join(HERE, "check_tags.py"), pdf])
            print(out.strip())
            if rc:
                failures.append("check_tags.py fails on the tagged booklet")
            rc, out = run([os.path.join(HERE, "check_tags.py"), plain])
            if not rc:
                failures.append("check_tags.py passes an untagged booklet")
        else:
            rc, out = run([os.path.join(HERE, "check_struct.py"), plancc, src, pdf])
            print(out.strip())
            if rc:
                failures.append("check_struct.py fails on the tagged booklet")
            rc, out = run([os.path.join(HERE, "check_struct.py"), plancc, src, plain])
            if not rc:
                failures.append("check_struct.py passes an untagged booklet")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
