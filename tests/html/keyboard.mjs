// The site with a keyboard and a pointer in headless Chromium, on every
// page of a built site:
//  - Tab from the top of the page to the first glossary term: its tooltip
//    shows right under the term (no gap, inside the window, not over the
//    term); Esc closes it and the focus stays; Tab on to the next term
//    shows that one's (WCAG 1.4.13, 2.1.1);
//  - the pointer on a term shows the tooltip, moving down onto the
//    tooltip keeps it at every step, Esc closes it, leaving and coming
//    back shows it again;
//  - every focusable element has a focus ring at least 2 px wide with at
//    least 3:1 against the page behind it (WCAG 1.4.11);
//  - a table box is a Tab stop, a named region and shows the sideways
//    hint exactly when its table is wider than the box (at 390 and 1280 px);
//  - without script, focusing or pointing at a term still shows its
//    tooltip under it, the pointer can move onto it, and every table box
//    is a Tab stop (the pages work without site.js).
// Usage: node keyboard.mjs SITE_DIR... Exit 1 on any problem.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const sites = process.argv.slice(2);
if (!sites.length) {
  console.log("usage: node keyboard.mjs SITE_DIR...");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"],
});
const problems = [];
const seen = { terms: 0, hovers: 0, rings: 0, boxes: 0, scrolling: 0 };
const problem = (where, what) => problems.push(`${where}: ${what}`);

// In the page: the state of the focused term's tooltip.
function tipState() {
  const a = document.activeElement;
  if (!a || !a.matches("a.term")) return { term: false };
  const t = document.getElementById(a.getAttribute("aria-describedby"));
  const rs = [...a.getClientRects()];
  const tr = t.getBoundingClientRect();
  const shown = getComputedStyle(t).display !== "none" && tr.width > 0;
  const first = rs[0], last = rs[rs.length - 1];
  const overTerm = rs.some((r) => r.left < tr.right && tr.left < r.right && r.top < tr.bottom - 0.5 && tr.top + 0.5 < r.bottom);
  return {
    term: true, id: t.id, shown, text: a.textContent,
    below: Math.abs(tr.top - last.bottom), above: Math.abs(tr.bottom - first.top),
    left: tr.left, right: tr.right, width: innerWidth, lastLeft: last.left, overTerm,
  };
}

async function tabToTerm(page, limit) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const s = await page.evaluate(tipState);
    if (s.term) return s;
  }
  return null;
}

function checkPlacement(where, s) {
  if (!s.shown) return problem(where, `tooltip ${s.id} not shown for the focused term ${s.text}`);
  if (Math.min(s.below, s.above) > 1) problem(where, `tooltip ${s.id} not right under the term (gap ${s.below.toFixed(1)} px)`);
  if (s.left < 0 || s.right > s.width) problem(where, `tooltip ${s.id} leaves the window (${s.left.toFixed(0)}–${s.right.toFixed(0)})`);
  if (s.overTerm) problem(where, `tooltip ${s.id} covers its term`);
}

async function keyboardTooltips(page, where) {
  if (!(await page.evaluate(() => !!document.querySelector("a.term")))) return;
  const nfocusable = await page.evaluate(() => document.querySelectorAll("a[href], [tabindex]").length);
  const s = await tabToTerm(page, nfocusable + 5);
  if (!s) return problem(where, "Tab never reached a term");
  seen.terms++;
  checkPlacement(where, s);
  await page.keyboard.press("Escape");
  const after = await page.evaluate(tipState);
  if (!after.term) problem(where, "Esc moved the focus off the term");
  else if (after.shown) problem(where, `Esc did not close tooltip ${after.id}`);
  const next = await tabToTerm(page, nfocusable + 5);
  if (next) {
    seen.terms++;
    checkPlacement(where, next);
  }
}

async function pointerTooltips(page, where, script = true) {
  const box = await page.evaluate(() => {
    const a = [...document.querySelectorAll("a.term")].find((e) => !e.closest(".table-wrap"));
    if (!a) return null;
    a.scrollIntoView({ block: "center" });
    const rs = a.getClientRects(), r = rs[rs.length - 1]; // the term may wrap: its last line
    return { id: a.getAttribute("aria-describedby"), x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2 };
  });
  if (!box) return;
  seen.hovers++;
  const visible = () => page.evaluate((id) => {
    const t = document.getElementById(id);
    return getComputedStyle(t).display !== "none" && t.getBoundingClientRect().width > 0;
  }, box.id);
  await page.mouse.move(5, 5);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  if (!(await visible())) return problem(where, `hovering the term did not show ${box.id}`);
  const tip = await page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, x: r.left + 12 };
  }, box.id);
  // straight down from the term into the tooltip, 2 px at a time
  for (let y = box.y; y <= tip.top + 10; y += 2) {
    await page.mouse.move(Math.max(box.x, tip.x), y);
    if (!(await visible())) return problem(where, `${box.id} closed on the way to it (y=${y.toFixed(0)}, its top ${tip.top.toFixed(0)})`);
  }
  if (script) {
    await page.keyboard.press("Escape");
    if (await visible()) problem(where, `Esc did not close ${box.id} under the pointer`);
  }
  await page.mouse.move(5, 5, { steps: 2 });
  await page.mouse.move(box.x, box.y, { steps: 4 });
  if (!(await visible())) problem(where, `${box.id} did not show again when the pointer came back`);
  await page.mouse.move(5, 5, { steps: 2 });
  if (await visible()) problem(where, `${box.id} stayed after the pointer left`);
}

// In the page: every focusable element's focus ring against what is
// behind it (the ring is drawn outside the element, offset from it).
function rings() {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const opaque = (c) => {
    const m = c.match(/[\d.]+/g);
    return m && (m.length < 4 || +m[3] > 0.5);
  };
  const behind = (e) => {
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (opaque(c)) return c;
    }
    return "rgb(255, 255, 255)";
  };
  const bad = [];
  let n = 0;
  for (const e of document.querySelectorAll("a[href], [tabindex]:not([tabindex='-1']), button")) {
    if (!e.getClientRects().length) continue;
    e.focus();
    if (document.activeElement !== e) continue;
    n++;
    const s = getComputedStyle(e);
    const w = parseFloat(s.outlineWidth);
    const l1 = lum(s.outlineColor), l2 = lum(behind(e.parentElement));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (s.outlineStyle === "none" || w < 2 || ratio < 3)
      bad.push(`${e.outerHTML.slice(0, 80)}: ring ${s.outlineStyle} ${w}px ${s.outlineColor}, ${ratio.toFixed(2)}:1`);
    e.blur();
  }
  return { n, bad };
}

// In the page: table boxes are Tab stops, regions and hinted exactly when
// they scroll sideways.
function boxes() {
  const bad = [];
  let n = 0, scrolling = 0;
  for (const b of document.querySelectorAll(".table-wrap")) {
    n++;
    const wide = b.scrollWidth > b.clientWidth; // as axe and the browser count it
    scrolling += wide;
    const tab = b.hasAttribute("tabindex") && b.tabIndex >= 0;
    const label = document.getElementById(b.getAttribute("aria-labelledby") || "");
    const hint = getComputedStyle(b, "::before").content;
    const cap = b.querySelector("caption");
    if (!cap || !cap.textContent.trim()) bad.push(`a table without a caption`);
    if (wide && !(tab && b.getAttribute("role") === "region" && label && label.textContent.trim()))
      bad.push(`「${cap?.textContent}」 scrolls but is not a named region in the Tab order`);
    if (wide && (hint === "none" || hint === "normal")) bad.push(`「${cap?.textContent}」 scrolls without a hint`);
    if (!wide && (tab || b.hasAttribute("role"))) bad.push(`「${cap?.textContent}」 does not scroll but is a Tab stop or region`);
    if (!wide && hint !== "none" && hint !== "normal") bad.push(`「${cap?.textContent}」 does not scroll but shows the hint`);
  }
  return { n, scrolling, bad };
}

// Without script: a focused term shows its tooltip below the term's line,
// and every table box stays a Tab stop.
async function withoutScript(page, where) {
  const s = await page.evaluate(() => {
    const a = document.querySelector("a.term");
    const boxes = [...document.querySelectorAll(".table-wrap")];
    const stops = boxes.every((b) => b.getAttribute("tabindex") === "0");
    if (!a) return { stops };
    a.focus();
    const t = document.getElementById(a.getAttribute("aria-describedby"));
    const rs = [...a.getClientRects()], tr = t.getBoundingClientRect();
    const shown = getComputedStyle(t).display !== "none";
    a.blur();
    return { stops, term: true, shown,
             below: tr.top >= rs[rs.length - 1].bottom - 1 };
  });
  if (!s.stops) problem(where, "without script, a table box is not a Tab stop");
  if (s.term && !(s.shown && s.below)) problem(where, "without script, a focused term's tooltip is not shown under it");
}

for (const site of sites) {
  const pages = fs.readdirSync(site).filter((f) => f.endsWith(".html")).sort();
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.route("**/*", (r) => (r.request().url().startsWith("file://") ? r.continue() : r.abort()));
    for (const name of pages) {
      const where = `${path.basename(site)}/${name} @${width}`;
      const url = "file://" + path.resolve(site, name);
      await page.goto(url);
      const b = await page.evaluate(boxes);
      seen.boxes += b.n;
      seen.scrolling += b.scrolling;
      b.bad.forEach((m) => problem(where, m));
      if (width !== 1280) continue;
      const r = await page.evaluate(rings);
      seen.rings += r.n;
      r.bad.slice(0, 5).forEach((m) => problem(where, m));
      await page.goto(url);
      await keyboardTooltips(page, where);
      await page.goto(url);
      await pointerTooltips(page, where);
    }
    await page.close();
  }
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const page = await ctx.newPage();
  for (const name of pages) {
    await page.goto("file://" + path.resolve(site, name));
    const where = `${path.basename(site)}/${name} without script`;
    await withoutScript(page, where);
    await pointerTooltips(page, where, false);
  }
  await ctx.close();
}
await browser.close();
for (const p of problems) console.log("problem: " + p);
console.log(`keyboard: ${seen.terms} terms by Tab, ${seen.hovers} by pointer, ${seen.rings} focus rings, ` +
            `${seen.boxes} table boxes (${seen.scrolling} scrolling); ${problems.length} problems`);
if (!seen.terms || !seen.rings) problems.push("nothing to test");
process.exit(problems.length ? 1 : 0);
