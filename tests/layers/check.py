#!/usr/bin/env python3
"""The compiler's layering, checked on the built objects (nm):

- no back end (a folder of compiler/render/) calls into another back end;
- the stages below the back ends (load, parse, resolve, model, index, util)
  call no back end;
- the files of the PDF back end call each other without a circle.

Usage: check.py OBJDIR SRCDIR: the plancc_core objects
(build/CMakeFiles/plancc_core.dir) and the source tree (objects of files
no longer in compiler/ are left out).
"""
import os
import subprocess
import sys


def objects(root):
    for base, _, files in os.walk(root):
        for f in files:
            if f.endswith(".c.o"):
                path = os.path.join(base, f)
                rel = os.path.relpath(path, root)
                yield rel[len("compiler/"):-len(".o")] if rel.startswith("compiler/") else rel[:-2], path


def symbols(path):
    out = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBR":
            defined.add(parts[2])
        elif len(parts) == 2 and parts[0] == "U":
            used.add(parts[1])
    return defined, used


def layer(src):
    parts = src.split("/")
    if parts[0] == "render" and len(parts) > 2:
        return "render/" + parts[1]
    return parts[0] if len(parts) > 1 else "top"


def main():
    root, srcdir = sys.argv[1], sys.argv[2]
    files = {src: path for src, path in objects(root)
             if os.path.exists(os.path.join(srcdir, "compiler", src))}
    if not files:
        print(f"no objects under {root}")
        return 1
    defs, uses = {}, {}
    for src, path in files.items():
        d, u = symbols(path)
        uses[src] = u
        for s in d:
            defs[s] = src
    calls = {src: {defs[s] for s in u if s in defs and defs[s] != src} for src, u in uses.items()}
    problems = []
    below = {"load", "parse", "resolve", "model", "index", "util", "diag", "fonts"}
    for src, targets in sorted(calls.items()):
        for t in sorted(targets):
            a, b = layer(src), layer(t)
            if a.startswith("render/") and b.startswith("render/") and a != b:
                problems.append(f"back end {a} calls back end {b}: {src} → {t}")
            if a in below and b.startswith("render/"):
                problems.append(f"{a} calls the back end {b}: {src} → {t}")
    # circles among the PDF back end's files
    pdf = {s for s in calls if s.startswith("render/pdf/")}
    graph = {s: {t for t in calls[s] if t in pdf} for s in pdf}
    state = {}

    def visit(n, path):
        state[n] = 1
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                problems.append("circle among the PDF files: " + " → ".join(path[path.index(m):] + [m]))
            elif not state.get(m):
                visit(m, path + [m])
        state[n] = 2

    for n in sorted(pdf):
        if not state.get(n):
            visit(n, [n])
    for p in problems:
        print(p)
    print(f"{len(files)} objects, {len(problems)} layering problems")
    return 1 if problems else 0


sys.exit(main())
