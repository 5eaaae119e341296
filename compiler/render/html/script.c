/*
 * The site's one script, site.js: a progressive enhancement that every
 * page works without (the style sheet then shows tooltips on hover and
 * focus, and every table box is a Tab stop). With it:
 *   - a term's tooltip (WCAG 1.4.13) shows while the term has the pointer
 *     or the focus, or the pointer is on the tooltip; it sits right under
 *     the term with no gap (above it when the window has no room below),
 *     inside the window, and Esc closes it until the pointer or the focus
 *     comes to the term again;
 *   - a table box is a Tab stop, a region named by the caption and shows
 *     a hint only while its table is wider than the box.
 * It loads nothing and sends nothing.
 */
#include "script.h"

const char pc_html_script[] =
    "/* plancc: term tooltips and table boxes; the pages work without this file. */\n"
    "(function () {\n"
    "  \"use strict\";\n"
    "  var doc = document, root = doc.documentElement, open = null;\n"
    "  function tipOf(a) {\n"
    "    return doc.getElementById(a.getAttribute(\"aria-describedby\") || \"\");\n"
    "  }\n"
    /* Under the term's last line (the term may wrap), or above its first
     * line when the window has no room below; moved left if it would
     * leave the window. Measured from where left:0 top:0 puts it, so any
     * containing block will do. */
    "  function place(a, t) {\n"
    "    var rs = a.getClientRects(), s = t.style;\n"
    "    if (!rs.length) return;\n"
    "    var last = rs[rs.length - 1];\n"
    "    s.left = s.top = \"0px\";\n"
    "    var o = t.getBoundingClientRect(), vw = root.clientWidth;\n"
    "    var x = Math.max(8, Math.min(last.left, vw - o.width - 8)), y = last.bottom;\n"
    "    if (y + o.height > innerHeight && rs[0].top >= o.height) y = rs[0].top - o.height;\n"
    "    s.left = x - o.left + \"px\";\n"
    "    s.top = y - o.top + \"px\";\n"
    "  }\n"
    "  function hide() {\n"
    "    if (open) open.t.classList.remove(\"open\");\n"
    "    open = null;\n"
    "  }\n"
    "  function show(a) {\n"
    "    var t = tipOf(a);\n"
    "    if (!t || (open && open.a === a)) return;\n"
    "    hide();\n"
    "    t.classList.add(\"open\");\n"
    "    open = { a: a, t: t };\n"
    "    place(a, t);\n"
    "  }\n"
    "  function inside(node) {\n"
    "    return !!node && !!open && (open.a.contains(node) || open.t.contains(node));\n"
    "  }\n"
    "  function term(node) {\n"
    "    return node && node.closest ? node.closest(\"a.term\") : null;\n"
    "  }\n"
    "  doc.addEventListener(\"focusin\", function (e) {\n"
    "    var a = term(e.target);\n"
    "    if (a) show(a);\n"
    "  });\n"
    "  doc.addEventListener(\"focusout\", function (e) {\n"
    "    if (open && e.target === open.a && !open.a.matches(\":hover\") &&\n"
    "        !open.t.matches(\":hover\")) hide();\n"
    "  });\n"
    /* Entering a term from outside it shows its tooltip; moving between
     * the term, its mark and its tooltip changes nothing, so a tooltip
     * closed with Esc stays closed while the pointer stays. */
    "  doc.addEventListener(\"mouseover\", function (e) {\n"
    "    var a = term(e.target), from = e.relatedTarget;\n"
    "    if (a && !(from && a.contains(from))) show(a);\n"
    "  });\n"
    "  doc.addEventListener(\"mouseout\", function (e) {\n"
    "    if (open && !inside(e.relatedTarget) && doc.activeElement !== open.a) hide();\n"
    "  });\n"
    "  doc.addEventListener(\"keydown\", function (e) {\n"
    "    if (e.key === \"Escape\" && open) hide();\n"
    "  });\n"
    "  function boxes() {\n"
    "    var all = doc.querySelectorAll(\".table-wrap\");\n"
    "    for (var i = 0; i < all.length; i++) {\n"
    "      var b = all[i], cap = b.querySelector(\"caption\");\n"
    "      var wide = b.scrollWidth > b.clientWidth;\n"
    "      b.classList.toggle(\"scrolls\", wide);\n"
    "      if (wide) {\n"
    "        b.setAttribute(\"tabindex\", \"0\");\n"
    "        b.setAttribute(\"role\", \"region\");\n"
    "        if (cap && cap.id) b.setAttribute(\"aria-labelledby\", cap.id);\n"
    "      } else {\n"
    "        b.removeAttribute(\"tabindex\");\n"
    "        b.removeAttribute(\"role\");\n"
    "        b.removeAttribute(\"aria-labelledby\");\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "  boxes();\n"
    /* last: if anything above failed, the style sheet's own tooltips stay */
    "  root.classList.add(\"js\");\n"
    "  addEventListener(\"load\", boxes);\n"
    "  addEventListener(\"resize\", function () {\n"
    "    boxes();\n"
    "    if (open) place(open.a, open.t);\n"
    "  });\n"
    "})();\n";
