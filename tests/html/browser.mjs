// Opens every page of a built site in Debian's Chromium (headless) and:
//  - runs axe-core at 390 and 1280 px: the WCAG 2.0, 2.1 and 2.2 A and AA
//    rules (JIS X 8341-3 asks for AA) and axe's best practices; at 390 px
//    also with script off (the pages work without site.js);
//  - checks that nothing scrolls sideways at 390 px except inside the
//    table boxes made to scroll;
//  - checks that every label of the indicator charts lies inside its SVG's
//    box (a wide tick label, 「180,000」, was cut at the edge);
//  - saves screenshots at 390 and 1280 px wide into SHOTS (when given).
// Usage: node browser.mjs SITE_DIR [SHOTS_DIR]. Exit 1 on any violation.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [site, shots] = process.argv.slice(2);
const pages = fs.readdirSync(site).filter((f) => f.endsWith(".html")).sort();
if (shots) fs.mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"],
});
let problems = 0;
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
for (const [width, script] of [[390, true], [1280, true], [390, false]]) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  // The site must need nothing from outside itself. Without script: the
  // site's own script is not loaded (axe itself still runs).
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (!url.startsWith("file://")) {
      problems++;
      console.log(`request to ${url}`);
      return route.abort();
    }
    return !script && url.endsWith("/site.js") ? route.abort() : route.continue();
  });
  for (const name of pages) {
    await page.goto("file://" + path.resolve(site, name));
    if (shots && script) await page.screenshot({ path: path.join(shots, `${path.basename(name, ".html")}-${width}.png`), fullPage: width === 390 });
    if ((await page.evaluate(() => document.documentElement.classList.contains("js"))) !== script) {
      problems++;
      console.log(`${name}: site.js ${script ? "did not run" : "ran with script off"}`);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > width) {
      problems++;
      console.log(`${name} @${width}px: page scrolls sideways (${wide}px)`);
    }
    const cut = await page.evaluate(() => {
      const out = [];
      for (const t of document.querySelectorAll(".chart svg text")) {
        const bb = t.getBBox(), box = t.ownerSVGElement.viewBox.baseVal;
        if (bb.x < 0 || bb.x + bb.width > box.width || bb.y < 0 || bb.y + bb.height > box.height)
          out.push(t.textContent);
      }
      return out;
    });
    for (const t of cut) {
      problems++;
      console.log(`${name} @${width}px: chart label 「${t}」 outside its box`);
    }
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate((values) => axe.run(document, { runOnly: { type: "tag", values } }), TAGS);
    for (const v of result.violations) {
      problems++;
      console.log(`${name} @${width}px${script ? "" : " without script"}: ${v.id} (${v.impact}) ${v.help}: ` +
                  `${v.nodes.length} element(s), e.g. ${v.nodes[0].html.slice(0, 120)}`);
    }
  }
  await context.close();
}
await browser.close();
console.log(`${pages.length} pages checked in Chromium, ${problems} problems`);
process.exit(problems ? 1 : 0);
