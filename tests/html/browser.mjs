// Opens every page of a built site in Debian's Chromium (headless) and:
//  - runs axe-core (WCAG 2.0/2.1 A and AA rules: JIS X 8341-3 asks for AA);
//  - checks that nothing scrolls sideways at 390 px except inside the
//    table boxes made to scroll;
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
for (const width of [390, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  // The site must need nothing from outside itself.
  await page.route("**/*", (route) =>
    route.request().url().startsWith("file://") ? route.continue() : (problems++, console.log(`request to ${route.request().url()}`), route.abort()));
  for (const name of pages) {
    await page.goto("file://" + path.resolve(site, name));
    if (shots) await page.screenshot({ path: path.join(shots, `${path.basename(name, ".html")}-${width}.png`), fullPage: width === 390 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > width) {
      problems++;
      console.log(`${name} @${width}px: page scrolls sideways (${wide}px)`);
    }
    if (width !== 1280) continue;
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() =>
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      problems++;
      console.log(`${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.length} element(s), e.g. ${v.nodes[0].html.slice(0, 120)}`);
    }
  }
  await page.close();
}
await browser.close();
console.log(`${pages.length} pages checked in Chromium, ${problems} problems`);
process.exit(problems ? 1 : 0);
