// End-to-end test of the dossier web app in a real headless Chromium.
//
// Ingests examples/corpus into a temporary database, starts
// `target/debug/dossier serve` on a free loopback port, and drives Debian's
// /usr/bin/chromium with playwright-core (no browser download): load the app,
// open a story, click a citation and check the cited span is highlighted,
// upload an article and see it appear. Prints one line per test and a closing
// `N passed, M failed`; exits non-zero on any failure.
//
// Usage (from the repository root, after `cargo build -p dossier-cli` and
// `scripts/install-test-deps.sh`):  node tests/e2e/run.mjs
// Environment: DOSSIER_BIN (default target/debug/dossier), CHROMIUM (default /usr/bin/chromium).

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const bin = process.env.DOSSIER_BIN || join(root, 'target', 'debug', 'dossier');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const chromeArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function fail(msg) {
  console.error(`e2e: ${msg}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (!existsSync(bin)) fail(`no dossier binary at ${bin}; run \`cargo build -p dossier-cli\` first`);
if (!existsSync(browserPath)) fail(`no Chromium at ${browserPath}; run scripts/install-test-deps.sh`);

const tmp = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
const db = join(tmp, 'e2e.db');
execFileSync(bin, ['ingest', '--db', db, join(root, 'examples', 'corpus')], { stdio: ['ignore', 'ignore', 'inherit'] });

/** Start the server and resolve with its base URL once it prints its address. */
function startServer() {
  const child = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, ko) => {
    let buf = '';
    const timer = setTimeout(() => ko(new Error('server did not start in 20 s')), 20000);
    child.on('exit', (code) => ko(new Error(`server exited with ${code}`)));
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok({ child, base: m[1] });
      }
    });
  });
}

/** The text of a UTF-8 byte range, as the server's spans count. */
function byteSlice(text, start, end) {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

const results = [];
async function test(name, fn) {
  try {
    await fn();
    results.push([name, null]);
    console.log(`ok   - ${name}`);
  } catch (e) {
    results.push([name, e]);
    console.log(`FAIL - ${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
  }
}

function expect(cond, what) {
  if (!cond) throw new Error(what);
}

let server;
let browser;
try {
  server = await startServer();
  const { base } = server;
  browser = await chromium.launch({ executablePath: browserPath, args: chromeArgs, headless: true });
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  // The pages load nothing the CSP refuses and run no script: any console
  // error (a CSP violation reports as one) is a failure.
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  let storyHeadline = '';
  await test('loads the app: story list', async () => {
    const res = await page.goto(`${base}/`);
    expect(res.status() === 200, `status ${res.status()}`);
    expect((await page.title()).includes('Stories'), `title ${await page.title()}`);
    const stories = page.locator('ul.stories li a.story');
    const n = await stories.count();
    expect(n >= 2, `only ${n} stories listed`);
    storyHeadline = (await stories.first().textContent()).trim();
    const csp = res.headers()['content-security-policy'] || '';
    expect(csp.includes("default-src 'none'"), `CSP: ${csp}`);
  });

  await test('opens a story: summary with citations, facts, timeline, entities', async () => {
    await page.locator('ul.stories li a.story').first().click();
    await page.waitForURL(/\/story\/s\d+$/);
    const h1 = (await page.locator('h1').textContent()).trim();
    expect(h1 === storyHeadline, `headline ${JSON.stringify(h1)} != ${JSON.stringify(storyHeadline)}`);
    const cites = await page.locator('.summary a.cite').count();
    expect(cites > 0, 'no citation in the summary');
    for (const section of ['Summary', 'Facts', 'Timeline', 'Entities', 'Sources']) {
      expect(await page.locator('h2', { hasText: section }).count() === 1, `no ${section} section`);
    }
    expect(await page.locator('svg.chart circle').count() > 0, 'no timeline chart');
  });

  await test('clicking a citation opens the source with the cited span highlighted', async () => {
    const cite = page.locator('.summary a.cite').first();
    const href = await cite.getAttribute('href');
    const m = href.match(/^\/article\/(a\d+)\?start=(\d+)&end=(\d+)#hl$/);
    expect(m, `unexpected citation link ${href}`);
    const [, id, start, end] = m;
    const api = await (await fetch(`${base}/api/articles/${id}`)).json();
    const expected = byteSlice(api.text, Number(start), Number(end));
    expect(expected.length > 0, 'empty cited span');
    await cite.click();
    await page.waitForURL(new RegExp(`/article/${id}\\?start=${start}&end=${end}#hl$`));
    const mark = page.locator('mark#hl');
    expect(await mark.count() === 1, 'no highlighted span');
    const got = await mark.textContent();
    expect(got === expected, `highlighted ${JSON.stringify(got.slice(0, 60))} != cited ${JSON.stringify(expected.slice(0, 60))}`);
    const look = await mark.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return { bg: cs.backgroundColor, top: r.top, bottom: r.bottom, h: window.innerHeight, target: location.hash };
    });
    expect(look.target === '#hl', `hash ${look.target}`);
    expect(look.bg !== 'rgba(0, 0, 0, 0)' && look.bg !== 'transparent', `not highlighted: background ${look.bg}`);
    expect(look.bottom > 0 && look.top < look.h, `highlight not scrolled into view (top ${look.top}, viewport ${look.h})`);
  });

  await test('the story report (sources side by side, charts) loads under its policy', async () => {
    await page.goto(`${base}/`);
    await page.locator('ul.stories li a.story').first().click();
    await page.waitForURL(/\/story\/s\d+$/);
    const before = consoleErrors.length;
    await page.locator('a', { hasText: 'full report' }).click();
    await page.waitForURL(/\/story\/s\d+\/report$/);
    expect(await page.locator('svg').count() > 0, 'no chart in the report');
    expect(consoleErrors.length === before, `report errors: ${consoleErrors.slice(before).join(' | ')}`);
  });

  await test('uploading an article shows it and it appears in the app', async () => {
    await page.goto(`${base}/upload`);
    const body = 'Glassworks fire closes Wenlow canal towpath\n\n' +
      'Published: 2031-09-14\n\n' +
      'A fire at the old Wenlow glassworks closed the canal towpath on Sunday, the fire service said. ' +
      'Nobody was hurt, and crews from Wenlow and Pardale had the blaze under control by the evening. ' +
      'The towpath between the two locks will stay closed while engineers check the glassworks chimney.';
    await page.locator('input[type=file][name=file]').setInputFiles({
      name: 'wenlow-fire.txt', mimeType: 'text/plain', buffer: Buffer.from(body, 'utf8'),
    });
    await page.locator('form.upload button[type=submit]').click();
    await page.waitForURL(/\/upload$/);
    const notice = (await page.locator('.notice').textContent()) || '';
    expect(notice.includes('1 new article stored'), `notice: ${notice}`);
    const link = page.locator('ul.uploaded a.story', { hasText: 'Glassworks fire closes Wenlow canal towpath' });
    expect(await link.count() === 1, 'uploaded article not listed');
    await link.click();
    await page.waitForURL(/\/article\/a\d+$/);
    expect((await page.locator('.article-text').textContent()).includes('Pardale'), 'article text not shown');
    // It is searchable and belongs to a story in the list.
    await page.goto(`${base}/`);
    await page.locator('header input[name=q]').fill('Wenlow glassworks');
    await page.locator('header input[name=q]').press('Enter');
    await page.waitForURL(/\?q=/);
    expect(await page.locator('ul.hits li', { hasText: 'Glassworks fire' }).count() === 1, 'not found by search');
    expect(await page.locator('ul.stories li a.story').count() >= 1, 'no story matches the upload');
  });

  if (consoleErrors.length) {
    results.push(['no console errors', new Error(consoleErrors.join(' | '))]);
    console.log(`FAIL - no console errors: ${consoleErrors.join(' | ')}`);
  }
} catch (e) {
  results.push(['setup', e]);
  console.log(`FAIL - setup: ${e && e.message ? e.message : e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) server.child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
}

const failed = results.filter(([, e]) => e).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
