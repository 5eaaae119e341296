// `plancc serve` in a real browser: an open page follows the author's
// saves by itself. Starts the server on a copy of a plan, opens a chapter
// in headless Chromium, scrolls down, edits the chapter file, and waits
// for the page to show the new text at the same scroll position; then
// saves an error and waits for the overlay with FILE:LINE:COL, runs
// axe-core over the page with it, reloads the page and checks that the
// first Tab reaches the overlay's close button and that Enter closes it
// for good (until the messages change); saves another error, closes that
// overlay with Esc; then fixes it and checks that no overlay is left.
//   node tests/html/serve.mjs PLANCC PLAN_DIR CHAPTER_FILE PAGE
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const [plancc, planDir, chapter, page] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'plancc-serve-check-'));
const plan = join(work, 'plan');
cpSync(planDir, plan, { recursive: true });
const file = join(plan, chapter);
const original = readFileSync(file, 'utf8');

const server = spawn(plancc, ['serve', plan, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) resolve(m[0]);
  });
  server.on('exit', () => reject(new Error('serve exited')));
});

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await tab.goto(url + 'html/' + page);
  // the page knows the current build once it has polled the status
  await tab.waitForResponse((r) => r.url().endsWith('/_plancc/status'), { timeout: 15000 });
  await tab.evaluate(() => window.scrollTo(0, 600));
  const marker = 'ブラウザが自動で更新した段落です。';
  writeFileSync(file, original + '\n' + marker + '\n');
  const t0 = Date.now();
  await tab.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 15000 })
    .catch(() => problems.push('the page did not update after a save'));
  const secs = (Date.now() - t0) / 1000;
  await tab.waitForTimeout(200);
  const y = await tab.evaluate(() => window.scrollY);
  if (Math.abs(y - 600) > 2) problems.push(`scroll position not kept: ${y}`);
  console.log(`updated in ${secs.toFixed(2)} s, scroll ${y}`);

  writeFileSync(file, original + '\n[壊れた参照](ref:no-such-id)\n');
  await tab.waitForSelector('[id="plancc.overlay"]', { timeout: 15000 })
    .catch(() => problems.push('no overlay after an error'));
  const text = await tab.evaluate(() => document.getElementById('plancc.overlay')?.innerText || '');
  if (!new RegExp(chapter.replace('.', '\\.') + ':\\d+:\\d+: error:').test(text))
    problems.push(`overlay without FILE:LINE:COL: ${text.slice(0, 200)}`);
  if (!(await tab.evaluate((m) => document.body.innerText.includes(m), marker)))
    problems.push('the last good page was not kept');
  await tab.screenshot({ path: join(process.env.SHOTS || work, 'serve-overlay.png') });

  await tab.addScriptTag({ path: axePath });
  const axe = await tab.evaluate(() => axe.run(document, { runOnly: { type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }));
  for (const v of axe.violations) problems.push(`with the overlay: ${v.id} ${v.help} (${v.nodes[0].html.slice(0, 100)})`);

  // the keyboard: a fresh page with the overlay, the first Tab is its close button
  await tab.reload();
  await tab.waitForSelector('[id="plancc.overlay"]', { timeout: 15000 })
    .catch(() => problems.push('no overlay after a reload'));
  await tab.keyboard.press('Tab');
  const focused = await tab.evaluate(() => {
    const e = document.activeElement;
    return e && e.tagName === 'BUTTON' && !!e.closest('[id="plancc.overlay"]') ? e.textContent : null;
  });
  if (!focused) problems.push('the first Tab does not reach the overlay\'s close button');
  await tab.keyboard.press('Enter');
  await tab.waitForTimeout(1000); // two polls with the same messages
  if (await tab.evaluate(() => !!document.getElementById('plancc.overlay')))
    problems.push('the overlay did not close with its button, or came back');
  // a new error opens it again; Esc inside it closes it
  writeFileSync(file, original + '\n[別の壊れた参照](ref:no-such-id-2)\n');
  await tab.waitForSelector('[id="plancc.overlay"]', { timeout: 15000 })
    .catch(() => problems.push('no overlay after a new error'));
  await tab.focus('[id="plancc.overlay"] button', { timeout: 2000 })
    .catch(() => problems.push('the overlay has no close button'));
  await tab.keyboard.press('Escape');
  if (await tab.evaluate(() => !!document.getElementById('plancc.overlay')))
    problems.push('Esc in the overlay did not close it');

  writeFileSync(file, original);
  await tab.waitForFunction(() => !document.getElementById('plancc.overlay'), null, { timeout: 15000 })
    .catch(() => problems.push('the overlay stayed after the fix'));
} finally {
  await browser.close();
  server.kill('SIGINT');
  await new Promise((r) => server.on('exit', r));
  rmSync(work, { recursive: true, force: true });
}
for (const p of problems) console.log('problem: ' + p);
console.log(`serve in Chromium: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
