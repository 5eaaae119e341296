#!/usr/bin/env python3
"""Checks that a PDF is tagged the way PDF/UA-1 asks, from `qpdf --json`:

- the catalog: /MarkInfo /Marked true, /Lang, /StructTreeRoot,
  /ViewerPreferences /DisplayDocTitle true, XMP metadata with dc:title and
  pdfuaid:part 1;
- every page: /Tabs /S and /StructParents;
- every link annotation: /Contents and /StructParent, and its element (by
  the ParentTree) a Link holding it as an OBJR;
- the content of every page: each text, path and image inside marked
  content with an MCID or inside an /Artifact, no MCID inside an artifact
  nor inside another MCID, every MCID once; the ParentTree maps each MCID
  to an element whose /K holds it, and holds no element for an MCID the
  page does not have.

Usage: check_tags.py FILE.pdf. Prints what is wrong (at most 20 lines per
kind) and exits 1, or prints a summary and exits 0.
"""
import base64
import json
import re
import subprocess
import sys

MAX_REPORT = 20


class Report:
    def __init__(self):
        self.problems = {}

    def add(self, kind, text):
        self.problems.setdefault(kind, []).append(text)

    def print(self):
        for kind, items in self.problems.items():
            print(f"{kind}: {len(items)}")
            for t in items[:MAX_REPORT]:
                print("  " + t)

    def __bool__(self):
        return bool(self.problems)


def load(path):
    out = subprocess.run(
        ["qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path, "-"],
        capture_output=True, check=False)
    if out.returncode not in (0, 3):
        sys.exit(f"qpdf failed on {path}: {out.stderr.decode(errors='replace')}")
    j = json.loads(out.stdout)
    objs = {}
    for key, val in j["qpdf"][1].items():
        if key.startswith("obj:"):
            objs[key[4:]] = val
    return j, objs


class Doc:
    def __init__(self, j, objs):
        self.j = j
        self.objs = objs

    def get(self, ref):
        """The value of an object, following a reference."""
        if isinstance(ref, str) and re.fullmatch(r"\d+ \d+ R", ref):
            o = self.objs.get(ref)
            if o is None:
                return None
            if "value" in o:
                return o["value"]
            return o.get("stream", {}).get("dict")
        return ref

    def stream(self, ref):
        o = self.objs.get(ref)
        if not o or "stream" not in o:
            return b""
        data = o["stream"].get("data")
        return base64.b64decode(data) if data else b""


# ---- content streams ------------------------------------------------------

DELIM = b"()<>[]{}/%"
WS = b" \t\r\n\f\x00"


def tokens(data):
    """Content-stream tokens: ('op', name) for operators, ('dict', text)
    for an inline dictionary, ('name', n) and ('other', ...) for the rest."""
    i, n = 0, len(data)
    while i < n:
        c = data[i:i + 1]
        if c in (b" ", b"\t", b"\r", b"\n", b"\f", b"\x00"):
            i += 1
        elif c == b"%":
            while i < n and data[i:i + 1] not in (b"\r", b"\n"):
                i += 1
        elif c == b"(":
            depth, i = 1, i + 1
            while i < n and depth:
                ch = data[i:i + 1]
                if ch == b"\\":
                    i += 2
                    continue
                if ch == b"(":
                    depth += 1
                elif ch == b")":
                    depth -= 1
                i += 1
            yield ("other", None)
        elif data[i:i + 2] == b"<<":
            depth, j = 0, i
            while j < n:
                if data[j:j + 2] == b"<<":
                    depth += 1
                    j += 2
                elif data[j:j + 2] == b">>":
                    depth -= 1
                    j += 2
                    if not depth:
                        break
                elif data[j:j + 1] == b"(":
                    d2, j = 1, j + 1
                    while j < n and d2:
                        ch = data[j:j + 1]
                        if ch == b"\\":
                            j += 2
                            continue
                        d2 += ch == b"("
                        d2 -= ch == b")"
                        j += 1
                else:
                    j += 1
            yield ("dict", data[i:j])
            i = j
        elif c == b"<":
            j = data.index(b">", i)
            yield ("other", None)
            i = j + 1
        elif c in (b"[", b"]", b"{", b"}", b">"):
            i += 1
        elif c == b"/":
            j = i + 1
            while j < n and data[j:j + 1] not in WS and data[j:j + 1] not in DELIM:
                j += 1
            yield ("name", data[i + 1:j].decode("latin1"))
            i = j
        else:
            j = i
            while j < n and data[j:j + 1] not in WS and data[j:j + 1] not in DELIM:
                j += 1
            word = data[i:j]
            if re.fullmatch(rb"[-+]?(\d+\.?\d*|\.\d+)", word) or word in (b"true", b"false", b"null"):
                yield ("other", None)
            else:
                yield ("op", word.decode("latin1"))
            i = j if j > i else i + 1


MARKED = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "BI"}


def scan_page(data, page_no, rep):
    """The MCIDs of a page's content, each checked to be in place."""
    stack = []  # ('mcid', n) | ('artifact',) | ('other',)
    mcids = []
    last = []
    for kind, val in tokens(data):
        if kind in ("name", "dict"):
            last.append((kind, val))
            last = last[-3:]
            continue
        if kind != "op":
            last.append((kind, val))
            last = last[-3:]
            continue
        if val in ("BDC", "BMC"):
            tag = None
            props = None
            if val == "BMC" and last and last[-1][0] == "name":
                tag = last[-1][1]
            elif val == "BDC" and len(last) >= 2 and last[-2][0] == "name":
                tag = last[-2][1]
                props = last[-1][1] if last[-1][0] == "dict" else None
            m = re.search(rb"/MCID\s+(\d+)", props) if props else None
            inside_art = any(s[0] == "artifact" for s in stack)
            inside_mcid = any(s[0] == "mcid" for s in stack)
            if tag == "Artifact":
                if inside_mcid:
                    rep.add("artifact inside marked content", f"page {page_no}")
                stack.append(("artifact",))
            elif m:
                n = int(m.group(1))
                if inside_art:
                    rep.add("MCID inside an artifact", f"page {page_no} MCID {n}")
                if inside_mcid:
                    rep.add("MCID inside another MCID", f"page {page_no} MCID {n}")
                if n in mcids:
                    rep.add("MCID used twice", f"page {page_no} MCID {n}")
                mcids.append(n)
                stack.append(("mcid", n))
            else:
                stack.append(("other",))
        elif val == "EMC":
            if not stack:
                rep.add("EMC without a beginning", f"page {page_no}")
            else:
                stack.pop()
        elif val in MARKED:
            if not any(s[0] in ("mcid", "artifact") for s in stack):
                rep.add("content outside the tree and artifacts", f"page {page_no}: {val}")
        last = []
    if stack:
        rep.add("marked content left open", f"page {page_no}")
    return mcids


# ---- the tree ---------------------------------------------------------------

def number_tree(doc, node, out):
    node = doc.get(node) or {}
    nums = node.get("/Nums", [])
    for k in range(0, len(nums) - 1, 2):
        out[nums[k]] = nums[k + 1]
    for kid in node.get("/Kids", []):
        number_tree(doc, kid, out)
    return out


def kids_of(doc, elem_ref):
    """(kind, page ref, value) of what an element holds."""
    e = doc.get(elem_ref) or {}
    k = e.get("/K")
    if k is None:
        return []
    if not isinstance(k, list):
        k = [k]
    out = []
    for item in k:
        if isinstance(item, int):
            out.append(("mcid", e.get("/Pg"), item))
        elif isinstance(item, dict):
            if item.get("/Type") == "/OBJR":
                out.append(("objr", item.get("/Pg", e.get("/Pg")), item.get("/Obj")))
            else:
                out.append(("mcid", item.get("/Pg", e.get("/Pg")), item.get("/MCID")))
        elif isinstance(item, str):
            v = doc.get(item) or {}
            if v.get("/Type") == "/OBJR":
                out.append(("objr", v.get("/Pg", e.get("/Pg")), v.get("/Obj")))
            elif v.get("/Type") == "/MCR":
                out.append(("mcid", v.get("/Pg", e.get("/Pg")), v.get("/MCID")))
            else:
                out.append(("elem", None, item))
    return out


def check_catalog(doc, rep):
    root = doc.get(doc.j["qpdf"][1]["trailer"]["value"]["/Root"])
    if (root.get("/MarkInfo") or {}).get("/Marked") is not True:
        rep.add("catalog", "no /MarkInfo /Marked true")
    lang = root.get("/Lang")
    if not lang or lang in ("u:", "b:"):
        rep.add("catalog", "no /Lang")
    if (doc.get(root.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle") is not True:
        rep.add("catalog", "no /ViewerPreferences /DisplayDocTitle true")
    meta = doc.stream(root.get("/Metadata")).decode("utf-8", "replace") if root.get("/Metadata") else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in meta and 'pdfuaid:part="1"' not in meta:
        rep.add("catalog", "no XMP metadata with pdfuaid:part 1")
    if not re.search(r"<dc:title>.*?<rdf:li[^>]*>[^<]+</rdf:li>", meta, re.S):
        rep.add("catalog", "no dc:title in the XMP metadata")
    if "/StructTreeRoot" not in root:
        rep.add("catalog", "no /StructTreeRoot")
        return None
    return doc.get(root["/StructTreeRoot"])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    j, objs = load(sys.argv[1])
    doc = Doc(j, objs)
    rep = Report()
    tree_root = check_catalog(doc, rep)
    parents = number_tree(doc, tree_root.get("/ParentTree"), {}) if tree_root else {}
    if tree_root and not parents:
        rep.add("structure tree", "no /ParentTree")
    nmcid = nlinks = 0
    for pno, page in enumerate(j["pages"], 1):
        pref = page["object"]
        pd = doc.get(pref)
        if pd.get("/Tabs") != "/S":
            rep.add("page without /Tabs /S", f"page {pno}")
        data = b"".join(doc.stream(c) for c in page["contents"])
        mcids = scan_page(data, pno, rep)
        nmcid += len(mcids)
        sp = pd.get("/StructParents")
        if not isinstance(sp, int):
            rep.add("page without /StructParents", f"page {pno}")
        else:
            arr = doc.get(parents.get(sp)) or []
            for n in mcids:
                if n >= len(arr) or arr[n] is None:
                    rep.add("MCID not in the ParentTree", f"page {pno} MCID {n}")
                    continue
                held = [v for kind, pg, v in kids_of(doc, arr[n]) if kind == "mcid" and pg == pref]
                if n not in held:
                    rep.add("element does not hold its MCID", f"page {pno} MCID {n} ({arr[n]})")
            extra = [n for n in range(len(arr)) if arr[n] is not None and n not in mcids]
            if extra:
                rep.add("ParentTree entries without content", f"page {pno}: MCIDs {extra[:10]}")
        for aref in pd.get("/Annots", []) or []:
            a = doc.get(aref) or {}
            if a.get("/Subtype") != "/Link":
                continue
            nlinks += 1
            contents = a.get("/Contents")
            if not contents or contents in ("u:", "b:"):
                rep.add("link without /Contents", f"page {pno} {aref}")
            k = a.get("/StructParent")
            if not isinstance(k, int) or k not in parents:
                rep.add("link without /StructParent in the ParentTree", f"page {pno} {aref}")
                continue
            elem = parents[k]
            if (doc.get(elem) or {}).get("/S") != "/Link":
                rep.add("link annotation not in a Link element", f"page {pno} {aref}")
            objrs = [v for kind, _, v in kids_of(doc, elem) if kind == "objr"]
            if aref not in objrs:
                rep.add("Link element does not hold its annotation (OBJR)", f"page {pno} {aref}")
    if rep:
        rep.print()
        return 1
    print(f"{len(j['pages'])} pages, {nmcid} marked-content sequences, {nlinks} links: tagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
