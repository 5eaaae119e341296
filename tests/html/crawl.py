#!/usr/bin/env python3
"""Checks a built HTML site the way a crawler and a screen reader see it.

    crawl.py SITE_DIR

For every page: lang="ja", and lang="en" only on spans (English runs);
exactly one h1 and no skipped heading levels; ids unique; no script but
the site's own site.js (which loads nothing), no inline event handler, no
element the Markdown smuggled in; no external resource (src, stylesheet,
url()) — plain links to http(s) pages written by the author are allowed;
every internal href names an existing file and, with a #fragment, an
existing id in it; every table has a caption, unique on its page, and its
box is labelled by it. Prints each problem; exit 1 if any.
"""
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag

site = sys.argv[1]
ALLOWED = {"html", "head", "meta", "title", "link", "body", "a", "header", "p", "span", "nav",
           "ol", "ul", "li", "main", "section", "h1", "h2", "h3", "h4", "h5", "h6", "div",
           "table", "caption", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "em",
           "strong", "code", "pre", "br", "hr", "blockquote", "img", "footer", "script",
           # indicator charts: inline SVG in a figure
           "figure", "figcaption", "svg", "line", "text", "polyline", "circle", "rect"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.heads, self.problems = [], [], [], []
        self.lang = None
        self.in_head = self.in_script = self.in_caption = False
        self.captions = []  # (id, text) of every table's caption
        self.tables = self.boxes = 0
        self.labels = []  # aria-labelledby of the table boxes
        self.last = None  # the last start tag

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ALLOWED:
            self.problems.append(f"unexpected element <{tag}>")
        if tag == "html":
            self.lang = a.get("lang")
        elif "lang" in a and (tag, a["lang"]) != ("span", "en"):
            self.problems.append(f"lang={a['lang']!r} on <{tag}>")
        if tag == "head":
            self.in_head = True
        if tag == "script":
            self.in_script = True
            if not self.in_head or a.get("src") != "site.js":
                self.problems.append(f"a script other than the site's own: {a}")
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            if self.last != "table":
                self.problems.append("a caption that is not its table's first child")
            self.in_caption = True
            self.captions.append([a.get("id"), ""])
        if "table-wrap" in (a.get("class") or "").split():
            self.boxes += 1
            self.labels.append(a.get("aria-labelledby"))
        self.last = tag
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append(f"event handler {k} on <{tag}>")
            if k == "id":
                self.ids.append(v)
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag in ("img", "script", "iframe") and "src" in a:
            if re.match(r"^[a-z]+:|^//", a["src"]):
                self.problems.append(f"external resource {a['src']}")
            else:
                self.hrefs.append(a["src"])
        if tag == "link":
            if re.match(r"^[a-z]+:|^//", a.get("href", "")):
                self.problems.append(f"external stylesheet {a.get('href')}")
            else:
                self.hrefs.append(a.get("href", ""))
        if re.fullmatch(r"h[1-6]", tag):
            self.heads.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script":
            self.in_script = False
        if tag == "caption":
            self.in_caption = False

    def handle_data(self, d):
        if self.in_script and d.strip():
            self.problems.append("an inline script")
        if self.in_caption:
            self.captions[-1][1] += d


pages = {}
problems = []
for root, _, files in os.walk(site):
    for f in files:
        if f.endswith(".html"):
            path = os.path.relpath(os.path.join(root, f), site)
            p = Page()
            p.feed(open(os.path.join(site, path), encoding="utf-8").read())
            pages[path] = p
css = open(os.path.join(site, "style.css"), encoding="utf-8").read()
for u in re.findall(r"url\(([^)]*)\)", css) + re.findall(r"@import", css):
    problems.append(f"style.css: external or imported resource {u}")
js = open(os.path.join(site, "site.js"), encoding="utf-8").read()
for w in re.findall(r"https?:|//[a-z]|\bfetch\b|XMLHttpRequest|\bimport\b|sendBeacon|WebSocket|\beval\b|innerHTML", js):
    problems.append(f"site.js: {w}: the script may load, send or inject nothing")

for path, p in sorted(pages.items()):
    where = f"{path}:"
    if p.lang != "ja":
        problems.append(f"{where} lang is {p.lang!r}")
    if p.heads.count(1) != 1:
        problems.append(f"{where} {p.heads.count(1)} h1 elements")
    for prev, cur in zip(p.heads, p.heads[1:]):
        if cur > prev + 1:
            problems.append(f"{where} heading level jumps from h{prev} to h{cur}")
            break
    dup = {i for i in p.ids if p.ids.count(i) > 1}
    if dup:
        problems.append(f"{where} duplicate ids {sorted(dup)[:5]}")
    problems += [f"{where} {x}" for x in p.problems]
    names = [t.strip() for _, t in p.captions]
    if len(p.captions) != p.tables or not all(names):
        problems.append(f"{where} {p.tables} tables, {sum(map(bool, names))} with a caption")
    if len(set(names)) != len(names):
        problems.append(f"{where} captions used twice: {sorted({n for n in names if names.count(n) > 1})}")
    if p.labels != [i for i, _ in p.captions][:p.boxes] or p.boxes != p.tables:
        problems.append(f"{where} a table box not labelled by its caption")
    for href in p.hrefs:
        if re.match(r"^(https?|mailto):", href):
            continue
        if re.match(r"^[a-z]+:|^//", href):
            problems.append(f"{where} link to {href}")
            continue
        file, frag = urldefrag(href)
        target = os.path.normpath(os.path.join(os.path.dirname(path), unquote(file))) if file else path
        if not os.path.exists(os.path.join(site, target)):
            problems.append(f"{where} {href}: no file {target}")
        elif frag and (target not in pages or unquote(frag) not in pages[target].ids):
            problems.append(f"{where} {href}: no id {frag} in {target}")

for x in problems:
    print(x)
print(f"{len(pages)} pages, {sum(len(p.hrefs) for p in pages.values())} links checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
