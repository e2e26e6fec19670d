// Run Lighthouse over several URLs, one after the other, in one Node process:
// loading Lighthouse once instead of for every URL saves seconds a page. Each
// URL gets a fresh Chromium, as with the CLI (a browser that already asked
// for /favicon.ico would hide that 404 from the pages after the first).
//
//   node tests/browser/lighthouse_runner.mjs OUT_DIR URL...
//
// Writes OUT_DIR/<n>-<path>.json (the full Lighthouse report of the n-th URL) and
// prints one JSON line to stdout: [{url, file, scores: {category: score}}].
// The browser is $CHROME_PATH; its flags are $LIGHTHOUSE_CHROME_FLAGS
// (space-separated). Default (mobile) config and scoring, simulated
// throttling; only the waits for a quiet network and CPU after load are cut
// from 1 s to 250 ms, which a static page on loopback does not need (the
// simulated metrics are computed from the trace, not from these waits).
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const resolveFrom = name => require.resolve(name, {paths: [root]});
const {default: lighthouse} = await import(resolveFrom('lighthouse'));
const chromeLauncher = await import(resolveFrom('chrome-launcher'));

const [outDir, ...urls] = process.argv.slice(2);
if (!outDir || urls.length === 0) {
  console.error('usage: lighthouse_runner.mjs OUT_DIR URL...');
  process.exit(2);
}
fs.mkdirSync(outDir, {recursive: true});

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const chromeFlags = (process.env.LIGHTHOUSE_CHROME_FLAGS || '--headless=new').split(/\s+/).filter(Boolean);
const results = [];
for (const [i, url] of urls.entries()) {
  const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags});
  try {
    const runner = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: categories,
      disableFullPageScreenshot: true,
    }, {
      extends: 'lighthouse:default',
      settings: {pauseAfterFcpMs: 250, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250},
    });
    const slug = new URL(url).pathname.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'root';
    const file = path.join(outDir, `${i}-${slug}.json`);
    fs.writeFileSync(file, runner.report);
    const lhr = runner.lhr;
    const scores = Object.fromEntries(categories.map(c => [c, lhr.categories[c]?.score ?? null]));
    const failing = {};
    for (const c of categories) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          (failing[c] ??= []).push({id: audit.id, title: audit.title, score: audit.score,
                                    displayValue: audit.displayValue ?? ''});
        }
      }
    }
    results.push({url, file, scores, failing, runtimeError: lhr.runtimeError?.message ?? null,
                  warnings: lhr.runWarnings});
  } finally {
    await chrome.kill();
  }
}
process.stdout.write(JSON.stringify(results) + '\n');
