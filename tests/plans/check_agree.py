#!/usr/bin/env python3
"""The booklet and the site say the same thing.

Builds a plan's PDF and HTML with plancc, reads the PDF as a reader's
tools do (pdftotext) and the HTML as a browser shows it, and checks that
they agree on what the presentation pass decides once for both:

- the contents: the same entries, in the same order, with the same
  numbers and titles (page numbers aside);
- headings: every section's label, number and title;
- term marks: the same marks (※, ※n) in the same order;
- running text: every paragraph, list item and table cell of the site is
  in the booklet with the same characters and the same spaces between
  Latin words (soft line breaks), term marks and page references aside;
- line breaks: no <br> in any case printed as text in either;
- the indicators appendix (成果指標一覧): the same rows and cells in the
  same order.

Usage: check_agree.py PLANCC PLAN_DIR
"""
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

problems = []


def problem(msg):
    problems.append(msg)


def pdf_text(pdf, layout=False, first=None, last=None, block=False):
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if block:  # the text block only: no running heads, no page numbers
        cmd += ["-x", "0", "-y", "70", "-W", "596", "-H", "700"]
    # -raw: the order the page draws its text (cell by cell, line by line),
    # which is the reading order; -layout: lines as they stand on the page
    cmd.append("-layout" if layout else "-raw")
    if first:
        cmd += ["-f", str(first), "-l", str(last)]
    return subprocess.run(cmd + [pdf, "-"], capture_output=True, text=True, check=True).stdout


MARK = re.compile(r"※\d*")
PAGEREF = re.compile(r"（p\.\d+）")
# The booklet prints full-width letters and digits as Latin (ＳＤＧｓ → SDGs,
# docs/pdf.md); the site keeps them as written.
WIDE = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
        for c in range(r[0], r[1] + 1)}


def norm(s, keep_lines=False):
    """Marks and page references out; whitespace kept only as one space
    between two ASCII characters (Latin words), where both outputs must
    have it (as a line end with keep_lines, where the booklet's line
    ended)."""
    s = PAGEREF.sub("", MARK.sub("", s)).translate(WIDE)
    if keep_lines:
        s = re.sub(r"\s*\n\s*", "\n", s)
        s = re.sub(r"[^\S\n]+", " ", s)
        s = re.sub(r"(?<=[^\x21-\x7e])[ \n]|[ \n](?=[^\x21-\x7e])", "", s)
    else:
        s = re.sub(r"\s+", " ", s)
        s = re.sub(r"(?<=[^\x21-\x7e]) | (?=[^\x21-\x7e])", "", s)
    return s.strip()


class Page(html.parser.HTMLParser):
    """Visible text of an HTML page: blocks (p, li, td, th, dt, dd, h1–h6,
    caption, toc links) with <br> as a line break; tooltips and visually
    hidden text left out."""

    BLOCKS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "caption"}

    def __init__(self):
        super().__init__()
        self.blocks = []  # (tag, text, classes of the enclosing elements)
        self.stack = []
        self.hidden = 0
        self.cur = []
        self.text = []  # all visible text, in order
        self.toc = []
        self.in_toc = 0
        self.toc_link = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        # tooltips and visually hidden text are not seen; the site's header,
        # footer, cover and navigation are laid out apart from the booklet's
        hide = ("tip" in cls or "vh" in cls or tag in ("header", "footer", "nav")
                or "cover" in cls or "draft" in cls)
        if tag in ("br",):
            self.data("\n")
            return
        self.stack.append((tag, hide))
        if hide:
            self.hidden += 1
        if tag == "nav" and "toc" in cls:
            self.in_toc = len(self.stack)
            self.hidden -= 1  # the contents are compared on their own
        if self.in_toc and tag == "a":
            self.toc_link = []
        if tag in self.BLOCKS:
            self.cur.append([tag, []])

    def handle_endtag(self, tag):
        while self.stack:
            t, hide = self.stack.pop()
            if hide and not (self.in_toc and len(self.stack) + 1 == self.in_toc):
                self.hidden -= 1
            if self.in_toc and len(self.stack) < self.in_toc:
                self.in_toc = 0
            if t == "a" and self.toc_link is not None:
                self.toc.append("".join(self.toc_link))
                self.toc_link = None
            if t in self.BLOCKS and self.cur:
                b = self.cur.pop()
                self.blocks.append((b[0], "".join(b[1])))
            if t == tag:
                break

    def data(self, d):
        if self.toc_link is not None:
            self.toc_link.append(d)
        if self.hidden or self.in_toc:
            return
        self.text.append(d)
        for b in self.cur:
            b[1].append(d)

    def handle_data(self, d):
        self.data(d)


def read_page(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p


def pdf_pages_of(pdf, title_pattern):
    """The pages (1-based) whose text starts with an appendix title."""
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                        text=True).stdout).group(1))
    pages = pdf_text(pdf).split("\f")
    return [i + 1 for i, t in enumerate(pages[:n]) if re.match(title_pattern, t.strip())]


def check_contents(pdf, site):
    """The PDF contents' lines, page numbers off, against the site's."""
    text = pdf_text(pdf, layout=True)
    pages = text.split("\f")
    toc_page = next((i for i, t in enumerate(pages) if t.strip().startswith("目次")), None)
    if toc_page is None:
        problem("the booklet has no contents page")
        return
    entries = []
    # the contents' pages: the first under its title, the next ones under
    # the running head 目次
    for t in pages[toc_page:]:
        body = [l for l in t.splitlines() if l.strip()]
        if not body or not body[0].strip().startswith("目次"):
            break
        for line in body[1:]:
            m = re.match(r"\s*(.*?)\s+(\d+)\s*$", line)
            if m:
                entries.append(norm(m.group(1)))
    want = [norm(e) for e in site.toc]
    got = [e for e in entries if e]
    if got[: len(want)] != want:
        problem("contents differ:\n  booklet " + " | ".join(got) + "\n  site    " + " | ".join(want))


def split_words(t):
    """A pattern of the site's text that also finds it where the booklet
    broke a line inside a Latin word or URL (a line end the site does not
    have): a line end may stand between two ASCII characters."""
    out = []
    for i, c in enumerate(t):
        out.append(re.escape(c))
        if i + 1 < len(t) and c != " " and t[i + 1] != " " and ord(c) < 0x7f and ord(t[i + 1]) < 0x7f:
            out.append("(?:\\n)?")
    return "".join(out).replace("\\ ", "[ \\n]")


def check_blocks(pdf_all, pages):
    """Every block of running text of the site is in the booklet."""
    flat = norm(pdf_all)
    lines = norm(pdf_all, keep_lines=True)
    n = 0
    for p in pages:
        for tag, text in p.blocks:
            t = norm(text)
            if not t or tag == "caption":
                continue
            n += 1
            if t not in flat and not re.search(split_words(t), lines):
                problem(f"{tag} of the site not in the booklet: {t[:80]}")
    return n


def check_marks(pdf_body, pages):
    site = MARK.findall("".join("".join(p.text) for p in pages))
    booklet = MARK.findall(pdf_body)
    if site != booklet:
        problem(f"term marks differ: booklet {len(booklet)} {booklet[:12]}…, site {len(site)} {site[:12]}…")
    return len(site)


def check_appendix(pdf, site_dir):
    path = os.path.join(site_dir, "indicators.html")
    if not os.path.exists(path):
        return 0
    rows = []

    class Rows(html.parser.HTMLParser):
        """Cells as the eye reads them: visually hidden words (the 該当なし
        a screen reader hears for a dash) left out."""

        def __init__(self):
            super().__init__()
            self.row = None
            self.cell = None
            self.spans = []  # open spans: hidden or not

        def handle_starttag(self, tag, attrs):
            if tag == "span":
                self.spans.append("vh" in (dict(attrs).get("class") or "").split())
            if tag == "tr":
                self.row = []
            elif tag in ("td", "th") and self.row is not None:
                self.cell = []
            elif tag == "br" and self.cell is not None:
                self.cell.append("\n")

        def handle_endtag(self, tag):
            if tag == "span" and self.spans:
                self.spans.pop()
            if tag in ("td", "th") and self.cell is not None:
                self.row.append("".join(self.cell))
                self.cell = None
            elif tag == "tr" and self.row is not None:
                rows.append(self.row)
                self.row = None

        def handle_data(self, d):
            if self.cell is not None and not any(self.spans):
                self.cell.append(d)

    Rows().feed(open(path, encoding="utf-8").read())
    first = pdf_pages_of(pdf, r"成果指標一覧")
    if not first:
        problem("the booklet has no 成果指標一覧")
        return 0
    text = "\f".join(pdf_text(pdf).split("\f")[first[0] - 1:])
    appendix, lines = norm(text), norm(text, keep_lines=True)
    at = at_lines = 0
    for r in rows:
        want = norm("".join(r))
        k = appendix.find(want, at)
        if k >= 0:
            at = k + len(want)
            continue
        # a line of the booklet's cell may end inside a year or a number
        m = re.compile(split_words(want)).search(lines, at_lines)
        if not m:
            problem("appendix row of the site not in the booklet (in order): " + " | ".join(r))
        else:
            at_lines = m.end()
    return len(rows)


def main():
    plancc, plan = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([plancc, "build", plan, "-o", out, "--format", "html,pdf,json"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stderr)
            return 1
        pdf = os.path.join(out, "plan.pdf")
        site_dir = os.path.join(out, "html")
        plan_json = json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))
        index = read_page(os.path.join(site_dir, "index.html"))
        chapters = [read_page(os.path.join(site_dir, f)) for f in sorted(os.listdir(site_dir))
                    if f.startswith("c-")]
        # chapter pages in plan order
        order = [s["id"] for s in plan_json["sections"] if s["level"] == 1]
        chapters = [read_page(os.path.join(site_dir, f"c-{i}.html")) for i in order]
        pdf_all = pdf_text(pdf, block=True)
        check_contents(pdf, index)
        # the body: from the first chapter to the first appendix
        appx = pdf_pages_of(pdf, r"(成果指標一覧|用語解説|索引)")
        pages = pdf_all.split("\f")
        body = "\f".join(pages[: appx[0] - 1] if appx else pages)
        nblocks = check_blocks(body, [index] + chapters)
        nmarks = check_marks(body, [index] + chapters)
        nrows = check_appendix(pdf, site_dir)
        for s in plan_json["sections"]:
            label = (s.get("heading_label") or "") + (s.get("title") or "")
            if norm(label) not in norm(body):
                problem(f"heading {label} not in the booklet")
        if re.search(r"<br", pdf_all, re.I):
            problem("a <br> printed as text in the booklet")
        for f in os.listdir(site_dir):
            if f.endswith(".html") and re.search(r"&lt;br", open(os.path.join(site_dir, f),
                                                                 encoding="utf-8").read(), re.I):
                problem(f"a <br> printed as text in {f}")
        for p in problems:
            print(p)
        print(f"{plan}: {nblocks} blocks, {nmarks} marks, {nrows} appendix rows compared; "
              f"{len(problems)} differences")
        return 1 if problems else 0


sys.exit(main())
