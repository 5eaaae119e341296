#!/usr/bin/env python3
"""Checks a print edition (print/body.pdf and print/cover.pdf) against the
rules of docs/pdf.md "印刷版", over qpdf's JSON (objects and decoded
streams) and qpdf --check:

- every page has a TrimBox (A4 for the body) and a BleedBox 3 mm outside
  it, inside the MediaBox; with --crop-marks the MediaBox leaves room for
  the marks and every page carries them (registration lines outside the
  bleed), without it none;
- no RGB anywhere: no rg/RG/sc/scn/cs/CS operator in any content stream,
  every image DeviceCMYK or DeviceGray; every colour either K only or one
  of the documented values of docs/pdf.md's colour table (registration
  1 1 1 1 only for marks, outside the trim); text K only or documented,
  and most text 0 0 0 1 k;
- the output intent /GTS_PDFX with an embedded CMYK ICC profile (N 4, the
  profile's header says CMYK), /GTS_PDFXVersion PDF/X-4 in Info and XMP,
  /Trapped, /ID, PDF 1.6 or lower; no annotations, no outline, no
  encryption; every font embedded;
- a folio (its page number as text) on every page of the body, no text
  starting within 3 mm of the trim, the cover band continued into the
  bleed;
- the page count rule of the binding (perfect: even; saddle: with the
  cover's four pages a multiple of 4), the colophon on the last page;
- the cover: one page, trim 2 × A4 + the spine for the body's page count
  and the paper thickness (saddle: no spine).

Usage: check_print.py OUT [--binding perfect|saddle] [--crop-marks]
                          [--paper MM] [--docs docs/pdf.md]
Exit status 0 when every rule holds; 1 with the broken rules listed.
"""
import argparse
import base64
import json
import math
import re
import subprocess
import sys

A4_W, A4_H = 595.276, 841.89
MM = 72 / 25.4
BLEED = 3 * MM
TOL = 0.06


def qpdf_json(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                          "--decode-level=generalized", path],
                         capture_output=True, check=True).stdout
    return json.loads(out)


def qpdf_check(path):
    r = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    return r.returncode == 0 and "No syntax or stream encoding errors" in r.stdout


class Doc:
    def __init__(self, path):
        self.path = path
        j = qpdf_json(path)
        self.pages = j["pages"]
        q = j["qpdf"][1]
        self.trailer = q["trailer"]["value"]
        self.objs = {k[4:]: v for k, v in q.items() if k.startswith("obj:")}
        with open(path, "rb") as f:
            self.header = f.read(8)

    def obj(self, ref):
        o = self.objs.get(ref, {})
        return o

    def dict_of(self, ref_or_val):
        if isinstance(ref_or_val, str) and ref_or_val.endswith(" R"):
            o = self.obj(ref_or_val)
            if "value" in o:
                return o["value"]
            if "stream" in o:
                return o["stream"]["dict"]
            return {}
        return ref_or_val

    def stream_data(self, ref):
        s = self.obj(ref).get("stream", {})
        d = s.get("data")
        return base64.b64decode(d) if d is not None else None


def pdf_string(v):
    """A qpdf JSON string value as text (u: unicode, b: bytes)."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", "replace")
        return raw.decode("latin-1")
    return v


def documented_colours(docs):
    """The CMYK values of docs/pdf.md's colour table: rows '| … | C M Y K |'
    between the markers, in percent."""
    text = open(docs, encoding="utf-8").read()
    m = re.search(r"<!-- print-colours -->(.*?)<!-- /print-colours -->", text, re.S)
    if not m:
        return None
    found = set()
    for row in re.finditer(r"\|\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\|", m.group(1)):
        found.add(tuple(int(x) for x in row.groups()))
    return found


TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|/[^\s/\[\]()<>]+|\[|\]|<<|>>|"
                   rb"[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'\"*]+[0-9]?")


def operators(content):
    """(operator, operands) of a content stream."""
    stack = []
    for m in TOKEN.finditer(content):
        t = m.group(0)
        c = t[:1]
        if c.isdigit() or c in b"-+." or c in b"(/[]" or t.startswith(b"<"):
            if t not in (b"[", b"]", b"<<", b">>"):
                stack.append(t)
            continue
        yield t.decode("latin-1"), stack
        stack = []


def hex_text(tok):
    h = re.sub(rb"\s", b"", tok[1:-1]).decode()
    return "".join(chr(int(h[i:i + 4], 16)) for i in range(0, len(h) - 3, 4))


class Problems(list):
    """The broken rules; the same rule broken on many pages is listed for
    its first five pages and counted."""

    def __init__(self):
        super().__init__()
        self.kinds = {}

    def add(self, what):
        kind = re.sub(r"page \d+|'[^']*'|\([^)]*\)|[-\d.]+", "#", what)
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if self.kinds[kind] <= 5:
            self.append(what)


def near(a, b):
    return abs(a - b) <= TOL


def check_boxes(doc, p, i, trim_w, crop, probs):
    d = doc.dict_of(p["object"])
    name = f"{doc.path} page {i}"
    trim, bleed, media = d.get("/TrimBox"), d.get("/BleedBox"), d.get("/MediaBox")
    if not trim or not bleed:
        probs.add(f"{name}: no TrimBox or BleedBox")
        return None
    trim = [float(x) for x in doc.dict_of(trim)]
    bleed = [float(x) for x in doc.dict_of(bleed)]
    media = [float(x) for x in doc.dict_of(media)]
    if not (near(trim[2] - trim[0], trim_w) and near(trim[3] - trim[1], A4_H)):
        probs.add(f"{name}: trim {trim[2] - trim[0]:.2f} × {trim[3] - trim[1]:.2f}, "
                  f"not {trim_w:.2f} × {A4_H}")
    want = [trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED]
    if not all(near(a, b) for a, b in zip(bleed, want)):
        probs.add(f"{name}: BleedBox {bleed} is not 3 mm outside the trim {trim}")
    if not (media[0] <= bleed[0] + TOL and media[1] <= bleed[1] + TOL
            and media[2] >= bleed[2] - TOL and media[3] >= bleed[3] - TOL):
        probs.add(f"{name}: MediaBox {media} does not hold the BleedBox")
    room = min(trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
    if crop and room < BLEED + 10 * MM - TOL:
        probs.add(f"{name}: no room for crop marks outside the bleed ({room / MM:.1f} mm)")
    if "/Annots" in d:
        probs.add(f"{name}: has annotations")
    return trim


def page_content(doc, p):
    data = b""
    for ref in p["contents"]:
        s = doc.stream_data(ref)
        if s is None:
            return None
        data += s + b"\n"
    return data


def check_content(doc, p, i, trim, allowed, probs, stats):
    """Colours, text and marks of one page; returns its texts."""
    name = f"{doc.path} page {i}"
    content = page_content(doc, p)
    texts = []
    if content is None:
        probs.add(f"{name}: content not decodable")
        return texts
    fill = (0, 0, 0, 100)  # PDF's initial colour: black, DeviceGray 0 = K 100
    stroke = (0, 0, 0, 100)
    tm = (0.0, 0.0)
    marks = 0
    path = []
    for op, args in operators(content):
        if op in ("rg", "RG", "sc", "scn", "SC", "SCN", "cs", "CS"):
            probs.add(f"{name}: colour operator {op} (not CMYK)")
        elif op in ("k", "K"):
            v = tuple(round(float(x) * 100) for x in args[-4:])
            if op == "k":
                fill = v
            else:
                stroke = v
            if v[:3] != (0, 0, 0) and v not in allowed and not (op == "K" and v == (100,) * 4):
                probs.add(f"{name}: colour {v} is neither K only nor documented")
        elif op in ("g", "G"):
            pass  # DeviceGray: K only by definition
        elif op == "Tm":
            tm = (float(args[4]), float(args[5]))
        elif op == "Tj" and args:
            t = hex_text(args[-1]) if args[-1].startswith(b"<") else ""
            texts.append(t)
            stats["text"] += 1
            if fill == (0, 0, 0, 100):
                stats["black"] += 1
            if fill[:3] != (0, 0, 0) and fill not in allowed:
                probs.add(f"{name}: text '{t[:20]}' in {fill}, not K only")
            x, y = tm
            if (x < trim[0] + 3 * MM - TOL or x > trim[2] - 3 * MM + TOL
                    or y < trim[1] + 3 * MM - TOL or y > trim[3] - 3 * MM + TOL):
                probs.add(f"{name}: text '{t[:20]}' at ({x:.1f}, {y:.1f}) within 3 mm of the trim")
        elif op == "m":
            path = [float(args[-2]), float(args[-1])]
        elif op == "l":
            path += [float(args[-2]), float(args[-1])]
        elif op == "S":
            if stroke == (100,) * 4:
                x1, y1, x2, y2 = path[:4] if len(path) >= 4 else (0, 0, 0, 0)
                inside = all(trim[0] - BLEED + TOL < x < trim[2] + BLEED - TOL and
                             trim[1] - BLEED + TOL < y < trim[3] + BLEED - TOL
                             for x, y in ((x1, y1), (x2, y2)))
                if inside:
                    probs.add(f"{name}: registration colour inside the bleed")
                marks += 1
        elif op == "re":
            x, y, w, h = (float(a) for a in args[-4:])
            if x < trim[0] - BLEED + 0.5 or x + w > trim[2] + BLEED - 0.5:
                stats["bleed_rects"] += 1
    stats["marks_pages"] += marks >= 16
    stats["marks_any"] += marks > 0
    return texts


def check_document_level(doc, probs):
    if not qpdf_check(doc.path):
        probs.add(f"{doc.path}: qpdf --check reports errors")
    if "/Encrypt" in doc.trailer:
        probs.add(f"{doc.path}: encrypted")
    if "/ID" not in doc.trailer:
        probs.add(f"{doc.path}: no /ID in the trailer")
    ver = doc.header[5:8].decode("latin-1")
    if ver > "1.6":
        probs.add(f"{doc.path}: PDF {ver} (PDF/X-4 is PDF 1.6)")
    root = doc.dict_of(doc.trailer["/Root"])
    info = doc.dict_of(doc.trailer.get("/Info", {}))
    if "/Outlines" in root:
        probs.add(f"{doc.path}: has an outline")
    if pdf_string(info.get("/GTS_PDFXVersion")) != "PDF/X-4":
        probs.add(f"{doc.path}: Info has no /GTS_PDFXVersion (PDF/X-4)")
    if info.get("/Trapped") not in ("/True", "/False"):
        probs.add(f"{doc.path}: Info has no /Trapped")
    if not pdf_string(info.get("/Title")):
        probs.add(f"{doc.path}: Info has no /Title")
    xmp = doc.stream_data(root["/Metadata"]) if "/Metadata" in root else None
    if not xmp or b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" not in xmp:
        probs.add(f"{doc.path}: no XMP metadata saying PDF/X-4")
    intents = doc.dict_of(root.get("/OutputIntents", []))
    pdfx = [doc.dict_of(x) for x in intents if doc.dict_of(x).get("/S") == "/GTS_PDFX"]
    if not pdfx:
        probs.add(f"{doc.path}: no /GTS_PDFX output intent")
    else:
        ref = pdfx[0].get("/DestOutputProfile")
        prof = doc.stream_data(ref) if ref else None
        pd = doc.dict_of(ref) if ref else {}
        if not prof or pd.get("/N") != 4 or prof[16:20] != b"CMYK":
            probs.add(f"{doc.path}: the output intent has no embedded CMYK profile")
        if not pdf_string(pdfx[0].get("/OutputConditionIdentifier")):
            probs.add(f"{doc.path}: the output intent has no OutputConditionIdentifier")
    for ref, o in doc.objs.items():
        d = o.get("value") if "value" in o else o.get("stream", {}).get("dict")
        if not isinstance(d, dict):
            continue
        if d.get("/Type") == "/FontDescriptor" and not any(
                k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            probs.add(f"{doc.path}: font {d.get('/FontName')} not embedded")
        if d.get("/Subtype") == "/Image":
            cs = d.get("/ColorSpace")
            if cs not in ("/DeviceCMYK", "/DeviceGray") and not d.get("/ImageMask"):
                probs.add(f"{doc.path}: image {ref} in {cs}, not CMYK")
        if d.get("/Type") == "/Annot":
            probs.add(f"{doc.path}: annotation {ref}")


def check_body(path, a, allowed, probs):
    doc = Doc(path)
    check_document_level(doc, probs)
    n = len(doc.pages)
    stats = {"text": 0, "black": 0, "marks_pages": 0, "marks_any": 0, "bleed_rects": 0}
    for i, p in enumerate(doc.pages, 1):
        trim = check_boxes(doc, p, i, A4_W, a.crop_marks, probs) or [0, 0, A4_W, A4_H]
        texts = check_content(doc, p, i, trim, allowed, probs, stats)
        if str(i) not in texts:
            probs.add(f"{path} page {i}: no folio (no text '{i}')")
        if i == n and not any("発行" in t for t in texts):
            probs.add(f"{path}: the last page is not the colophon (no 発行)")
    if a.binding == "saddle" and (n + 4) % 4:
        probs.add(f"{path}: {n} pages + 4 cover pages is not a multiple of 4 (saddle)")
    if a.binding == "perfect" and n % 2:
        probs.add(f"{path}: {n} pages, odd (perfect binding)")
    if stats["text"] and stats["black"] * 2 < stats["text"]:
        probs.add(f"{path}: most text is not 0 0 0 1 k ({stats['black']} of {stats['text']})")
    if a.crop_marks and stats["marks_pages"] != n:
        probs.add(f"{path}: crop marks on {stats['marks_pages']} of {n} pages")
    if not a.crop_marks and stats["marks_any"]:
        probs.add(f"{path}: crop marks without crop-marks: true")
    if not stats["bleed_rects"]:
        probs.add(f"{path}: nothing runs into the bleed (the title page's band)")
    return n


def check_cover(path, a, pages, allowed, probs):
    doc = Doc(path)
    check_document_level(doc, probs)
    if len(doc.pages) != 1:
        probs.add(f"{path}: {len(doc.pages)} pages, not one spread")
        return
    spine = 0 if a.binding == "saddle" else a.paper * math.ceil(pages / 2) * MM
    stats = {"text": 0, "black": 0, "marks_pages": 0, "marks_any": 0, "bleed_rects": 0}
    trim = check_boxes(doc, doc.pages[0], 1, 2 * A4_W + spine, a.crop_marks, probs)
    if trim:
        check_content(doc, doc.pages[0], 1, trim, allowed, probs, stats)
    if a.crop_marks != bool(stats["marks_any"]):
        probs.add(f"{path}: crop marks {'missing' if a.crop_marks else 'without crop-marks'}")
    if not stats["bleed_rects"]:
        probs.add(f"{path}: nothing runs into the bleed")
    return spine


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--binding", choices=["perfect", "saddle"], default="perfect")
    ap.add_argument("--crop-marks", action="store_true")
    ap.add_argument("--paper", type=float, default=0.1)
    ap.add_argument("--docs", default="docs/pdf.md")
    ap.add_argument("--body", help="check this file as the body (default OUT/print/body.pdf)")
    a = ap.parse_args()
    allowed = documented_colours(a.docs)
    probs = Problems()
    if allowed is None:
        probs.add(f"{a.docs}: no colour table between <!-- print-colours --> markers")
        allowed = set()
    body = a.body or f"{a.out}/print/body.pdf"
    try:
        pages = check_body(body, a, allowed, probs)
        spine = None
        if not a.body:
            spine = check_cover(f"{a.out}/print/cover.pdf", a, pages, allowed, probs)
    except (OSError, subprocess.CalledProcessError, json.JSONDecodeError) as e:
        print(f"check_print: cannot read the print files: {e}")
        return 1
    for p in probs:
        print(p)
    if probs:
        total = sum(probs.kinds.values())
        print(f"check_print: {total} problem(s) of {len(probs.kinds)} kinds")
        return 1
    print(f"check_print: {body}: {pages} pages, {a.binding}, crop marks "
          f"{'on' if a.crop_marks else 'off'}; cover spine {spine / MM if spine is not None else 0:.1f} mm: all rules hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
