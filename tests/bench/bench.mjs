// make bench: speed and size of the release build in headless Debian
// Chromium, against SheetJS (npm "xlsx") in the same page on the same bytes.
// Prints one table. A benchmark, not a test: it reports, it does not judge.
//
//   node tests/bench/bench.mjs URL WORKBOOK.xlsx DIST_DIR
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [url, workbook, dist] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const sheetjs = path.join(here, '..', '..', 'node_modules', 'xlsx', 'dist', 'xlsx.full.min.js');
const REPEAT = Number(process.env.BENCH_REPEAT || 5);
const EDITS = Number(process.env.BENCH_EDITS || 40);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;

/** Sum of a zip's declared uncompressed sizes (its XML), from the central directory. */
function inflatedSize(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    total += buf.readUInt32LE(at + 24);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return total;
}

const rows = [];
const row = (what, value, note = '') => rows.push([what, value, note]);

// 1. What the first screen downloads (the file worker loads on the first
// import or export, not before).
const isWorker = (f) => f.startsWith('chamdiem-worker');
const sizes = (list) => {
  let raw = 0, gz = 0, br = 0;
  for (const f of list) {
    const b = readFileSync(path.join(dist, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
    br += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return `${kb(raw)} / ${kb(gz)} / ${kb(br)}`;
};
const all = readdirSync(dist).filter((f) => f !== 'sw.js');
const first = all.filter((f) => !isWorker(f));
row('First screen transfer (raw / gzip / brotli)', sizes(first), `${first.length} files; target ≤ 200 KB brotli`);
for (const f of first.filter((f) => f.endsWith('.wasm'))) {
  const b = readFileSync(path.join(dist, f));
  row(`  of which ${f.replace(/-[0-9a-f]{16}/, '')}`, kb(brotliCompressSync(b).length) + ' brotli');
}
row('File worker, on first import/export', sizes(all.filter(isWorker)), 'calamine + rust_xlsxwriter');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// 2. Time to first screen (fresh context each time: no cache, no worker).
const firsts = [];
for (let i = 0; i < REPEAT; i++) {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[role=grid] .g-row')) { window.__firstScreen = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstScreen);
  firsts.push(await page.evaluate(() => window.__firstScreen));
  await ctx.close();
}
row('Time to first screen (median)', ms(median(firsts)), `${REPEAT} cold loads on localhost`);

// 3–6 in one page, with SheetJS loaded beside the app.
const bytes = readFileSync(workbook);
const ctx = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
const page = await ctx.newPage();
await page.goto(url);
await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_import);
await page.addScriptTag({ content: readFileSync(sheetjs, 'utf8') });
await page.evaluate((b64) => { window.__book = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)); }, bytes.toString('base64'));

const imp = await page.evaluate(async (n) => {
  const ours = [], theirs = [];
  let criteria = 0;
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    criteria = await window.wasmBindings.bench_import(window.__book);
    ours.push(performance.now() - t);
    t = performance.now();
    window.__wb = XLSX.read(window.__book, { type: 'array' });
    theirs.push(performance.now() - t);
  }
  return { ours, theirs, criteria };
}, REPEAT);
const impRatios = imp.ours.map((o, i) => imp.theirs[i] / o);
row('Import large workbook: chamdiem (median)', ms(median(imp.ours)), `${imp.criteria} criteria understood; in the worker, bytes in, scoresheet back`);
row('Import large workbook: SheetJS XLSX.read (median)', ms(median(imp.theirs)), 'parses cells only');
row('  ratio SheetJS / chamdiem (median)', `${median(impRatios).toFixed(2)}×`, 'target ≥ 2×');

const exp = await page.evaluate(async (n) => {
  const ours = [], theirs = [], zipped = [];
  for (let i = 0; i < n; i++) {
    ours.push(await window.wasmBindings.bench_export(window.__book));
    let t = performance.now();
    XLSX.write(window.__wb, { type: 'array', bookType: 'xlsx' });
    theirs.push(performance.now() - t);
    t = performance.now();
    XLSX.write(window.__wb, { type: 'array', bookType: 'xlsx', compression: true });
    zipped.push(performance.now() - t);
  }
  return { ours, theirs, zipped };
}, REPEAT);
const expRatios = exp.ours.map((o, i) => exp.theirs[i] / o);
row('Export: chamdiem (median)', ms(median(exp.ours)), 'formulas, styles, print setup, deflated; in the worker, bytes back');
row('Export: SheetJS XLSX.write of the same book (median)', ms(median(exp.theirs)), 'its default: entries stored, not deflated');
row('  ratio SheetJS / chamdiem (median)', `${median(expRatios).toFixed(2)}×`, 'target ≥ 2×');
row('  for reference: SheetJS with compression: true', ms(median(exp.zipped)), 'deflated like ours');

// 4. Edit → totals and rank repainted, on the large scoresheet in the grid.
await page.getByLabel('Nhập tệp Excel').setInputFiles(workbook);
await page.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
await page.getByRole('gridcell', { name: 'Đơn vị số 01 · I.1.2 · Tự chấm', exact: true }).click();
// Timed from the key to the moment the new total is in the DOM and laid
// out (effects run, then a forced layout); a frame's paint comes after.
const edits = [];
const totalCell = 'Đơn vị số 01 · TỔNG ĐIỂM · Tự chấm';
for (let i = 0; i < EDITS; i++) {
  edits.push(await page.evaluate(async ([v, name]) => {
    const el = document.querySelector('input.g-editor');
    const total = document.querySelector(`[aria-label="${name}"]`);
    const before = total ? total.textContent : '';
    const t0 = performance.now();
    el.value = v;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    // Resolved by the mutation that shows the new total (effects run in
    // microtasks right after the key), not by a timer whose latency would
    // be measured instead.
    await new Promise((resolve) => {
      if (!total || total.textContent !== before) return resolve();
      const mo = new MutationObserver(() => {
        if (total.textContent !== before) { mo.disconnect(); resolve(); }
      });
      mo.observe(total, { characterData: true, childList: true, subtree: true });
      setTimeout(() => { mo.disconnect(); resolve(); }, 1000);
    });
    document.body.getBoundingClientRect();
    const t = performance.now() - t0;
    return total && total.textContent !== before ? t : -1;
  }, [['1', '2', '1,5', '2,25'][i % 4], totalCell]));
  await page.keyboard.press('ArrowUp');
}
const seen = edits.filter((t) => t >= 0);
if (seen.length < edits.length / 2) throw new Error(`only ${seen.length} of ${edits.length} edits changed the total`);
row('Edit → totals and rank repainted (p50 / p95)', `${ms(pct(seen, 0.5))} / ${ms(pct(seen, 0.95))}`, `${seen.length} edits that changed the total, 60 × 400, to the new total in the DOM and laid out; target p95 ≤ 4 ms`);

// Linear memory never shrinks: what each module holds now is its peak.
const mem = await page.evaluate(() => window.wasmBindings.bench_memory_bytes());
const pageMem = await page.evaluate(() => window.wasmBindings.bench_page_memory_bytes());
const xml = inflatedSize(bytes);
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
row('Peak wasm memory (page + worker)', mb(mem), `${(mem / xml).toFixed(2)}× the workbook's ${mb(xml)} of XML; target ≤ 3×`);
row('  of which the page / the file worker', `${mb(pageMem)} / ${mb(mem - pageMem)}`, 'the worker peaks in the export (rust_xlsxwriter holds every cell until it saves)');
const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chamdiem.sheet.')).reduce((a, k) => a + localStorage.getItem(k).length, 0));
row('Stored form of the large scoresheet', kb(stored), 'localStorage, UTF-16 code units');

await browser.close();

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\nchamdiem bench — ${new Date().toISOString()} — ${path.basename(workbook)} (${kb(bytes.length)})\n`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
