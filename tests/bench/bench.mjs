// make bench: speed and size of the release build in headless Debian
// Chromium, against SheetJS (npm "xlsx") for the import and ExcelJS (npm
// "exceljs", the same styled workbook as ours) for the export, in the same
// page on the same bytes; the first screen also on a slow link and a slow
// CPU. Prints one table. A benchmark, not a test: it reports, it does not
// judge.
//
//   node tests/bench/bench.mjs URL WORKBOOK.xlsx DIST_DIR OUR_EXPORT.xlsx
//
// OUR_EXPORT.xlsx is what `chamdiem export WORKBOOK` writes (the worker's
// code, run natively): ExcelJS rebuilds that workbook (styled-peer.mjs).
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBook, writeWithExcelJS, structure } from './styled-peer.mjs';

const [url, workbook, dist, ourExport] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, '..', '..', 'node_modules');
const sheetjs = path.join(modules, 'xlsx', 'dist', 'xlsx.full.min.js');
const exceljs = path.join(modules, 'exceljs', 'dist', 'exceljs.min.js');
const version = (pkg) => JSON.parse(readFileSync(path.join(modules, pkg, 'package.json'), 'utf8')).version;
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
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // performance.memory to the byte, and gc(), for ExcelJS's peak heap.
    '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

const chromiumVersion = browser.version();

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

// 2b. The first screen as a user on a slow link and an old PC gets it:
// slow 4G (1.6 Mbps down, 150 ms RTT) and the CPU slowed 4×, through the
// DevTools protocol. Served compressed, as any static host serves it
// (python's http.server above sends everything raw): brotli when the
// browser asks for it, else gzip. Cold: a fresh profile, nothing cached.
// Warm: the same profile reopened once the service worker is active, so
// the page and its files come from its cache.
// "Interactive": the grid's first row is in the DOM (Leptos attaches its
// handlers as it builds) and the next frame has run.
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const packed = new Map();
for (const f of readdirSync(dist)) {
  const b = readFileSync(path.join(dist, f));
  packed.set(f, { raw: b, br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), gz: gzipSync(b, { level: 9 }) });
}
const served = { bytes: 0, encodings: new Set() };
const server = createServer((req, res) => {
  let f = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  const p = packed.get(f);
  if (!p) { res.writeHead(404); res.end(); return; }
  const accept = req.headers['accept-encoding'] || '';
  const enc = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  const body = enc === 'br' ? p.br : enc === 'gzip' ? p.gz : p.raw;
  served.bytes += body.length;
  served.encodings.add(enc || 'identity');
  if (process.env.BENCH_DEBUG) console.error(`${(performance.now() | 0)} ms ${f} ${req.headers['sec-fetch-dest']} ${body.length} B`);
  res.writeHead(200, {
    'Content-Type': types[path.extname(f)] || 'application/octet-stream',
    'Cache-Control': 'no-cache',
    ...(enc ? { 'Content-Encoding': enc } : {}),
    'Content-Length': body.length,
  });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const slowUrl = `http://127.0.0.1:${server.address().port}/`;
const slowLink = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
const colds = [], warms = [], coldBytes = [];
for (let i = 0; i < REPEAT; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', slowLink);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[role=grid] .g-row')) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => { window.__interactive = performance.now(); }, 0));
      }
    }).observe(document, { childList: true, subtree: true });
  });
  served.bytes = 0;
  await page.goto(slowUrl);
  await page.waitForFunction(() => window.__interactive, null, { timeout: 60000 });
  colds.push(await page.evaluate(() => window.__interactive));
  coldBytes.push(served.bytes);
  // The service worker installs (its own fetches: the first visit also
  // downloads the file worker) and becomes active; the next load is warm.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => window.__interactive, null, { timeout: 60000 });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) throw new Error('warm load not served by the service worker');
  warms.push(await page.evaluate(() => window.__interactive));
  await ctx.close();
}
server.close();
row('First screen, slow 4G + CPU 4× (cold, median)', ms(median(colds)), `to the grid interactive; ${REPEAT} fresh profiles, served ${[...served.encodings].join('/')}; target ≤ 2.5 s`);
row('First screen, same, warm via service worker', ms(median(warms)), `page and files from its cache; target ≤ 0.5 s`);

// 3–6 in one page, with SheetJS loaded beside the app.
const bytes = readFileSync(workbook);
const ctx = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
const page = await ctx.newPage();
if (process.env.BENCH_DEBUG) {
  page.on('console', (m) => console.error('page:', m.text()));
  page.on('worker', (w) => w.on('console', (m) => console.error('worker:', m.text())));
}
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
row(`Import large workbook: SheetJS ${version('xlsx')} XLSX.read (median)`, ms(median(imp.theirs)), 'parses cells only');
row('  ratio SheetJS / chamdiem (median)', `${median(impRatios).toFixed(2)}×`, 'target ≥ 2×');

// Our worker's linear memory after the imports above, before any export.
const workerAfterImports = (await page.evaluate(() => window.wasmBindings.bench_memory_bytes()))
  - (await page.evaluate(() => window.wasmBindings.bench_page_memory_bytes()));

// The export against ExcelJS writing the same styled workbook (see
// styled-peer.mjs), and SheetJS's unstyled write of the imported cells as a
// reference. ExcelJS's peak: its JS heap above what was live before it
// started (after a full GC), sampled after each sheet is built and every
// millisecond the writer yields while zipping.
const desc = await describeBook(ourExport);
await page.addScriptTag({ content: readFileSync(exceljs, 'utf8') });
await page.evaluate(`window.__writeWithExcelJS = ${writeWithExcelJS.toString()}`);
await page.evaluate((d) => { window.__desc = d; }, desc);
const exp = await page.evaluate(async (n) => {
  const ours = [], peer = [], peerHeap = [], theirs = [], zipped = [];
  let peerBytes = null;
  for (let i = 0; i < n; i++) {
    ours.push(await window.wasmBindings.bench_export(window.__book));
    gc(); await new Promise((r) => setTimeout(r, 0)); gc();
    const base = performance.memory.usedJSHeapSize;
    let peak = base;
    const probe = () => { peak = Math.max(peak, performance.memory.usedJSHeapSize); };
    const timer = setInterval(probe, 1);
    let t = performance.now();
    const out = await window.__writeWithExcelJS(window.__desc, probe);
    peer.push(performance.now() - t);
    probe();
    clearInterval(timer);
    peerHeap.push(peak - base);
    peerBytes = out;
    t = performance.now();
    XLSX.write(window.__wb, { type: 'array', bookType: 'xlsx' });
    theirs.push(performance.now() - t);
    t = performance.now();
    XLSX.write(window.__wb, { type: 'array', bookType: 'xlsx', compression: true });
    zipped.push(performance.now() - t);
  }
  let bin = '';
  for (let i = 0; i < peerBytes.length; i += 0x8000) bin += String.fromCharCode(...peerBytes.subarray(i, i + 0x8000));
  return { ours, peer, peerHeap, theirs, zipped, peerB64: btoa(bin) };
}, REPEAT);
const workerAfterExports = (await page.evaluate(() => window.wasmBindings.bench_memory_bytes()))
  - (await page.evaluate(() => window.wasmBindings.bench_page_memory_bytes()));
if (exp.ours.some((t) => t < 0)) throw new Error(`our export failed in ${exp.ours.filter((t) => t < 0).length} of ${REPEAT} runs (BENCH_DEBUG=1 shows the page's and the worker's console)`);
const peerRatios = exp.ours.map((o, i) => exp.peer[i] / o);
const mib = (n) => `${(n / 1048576).toFixed(1)} MB`;
const sOurs = structure(readFileSync(ourExport));
const sPeer = structure(Buffer.from(exp.peerB64, 'base64'));
const same = ['sheets', 'cells', 'formulas', 'cached', 'merges', 'xfs', 'printTitles', 'customRows'].filter((k) => sOurs[k] !== sPeer[k]);
row('Export: chamdiem (median)', ms(median(exp.ours)), 'formulas, styles, print setup, deflated; in the worker, bytes back');
row(`Export: ExcelJS ${version('exceljs')}, same workbook (median)`, ms(median(exp.peer)),
  `${sOurs.sheets} sheets, ${sOurs.cells} cells, ${sOurs.formulas} formulas (${sOurs.cached} cached values shown), ${sOurs.merges} merges, ${sOurs.xfs} styles, print setup${same.length ? `; DIFFERS in ${same.join(', ')}` : '; same counts in its file'}`);
row('  ratio ExcelJS / chamdiem (median of per-run ratios)', `${median(peerRatios).toFixed(2)}×`, 'target ≥ 3×');
// Imports and exports each have their own worker (src/ui/files.rs): the
// growth since the imports is the export worker's linear memory, its peak.
const ourExportMem = workerAfterExports - workerAfterImports;
row('  peak memory: chamdiem export worker / ExcelJS heap', `${mib(ourExportMem)} / ${mib(median(exp.peerHeap))}`,
  `ratio ${(ourExportMem / median(exp.peerHeap)).toFixed(2)}, target < 1; ours: the export worker's linear memory (its high-water mark), ExcelJS's: the median JS heap growth`);
row(`  for reference: SheetJS ${version('xlsx')} XLSX.write (median)`, ms(median(exp.theirs)), 'cells only: no styles, formulas or print setup; entries stored, not deflated');
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
const mb = mib;
row('Peak wasm memory (page + worker)', mb(mem), `${(mem / xml).toFixed(2)}× the workbook's ${mb(xml)} of XML; target ≤ 3×`);
row('  of which the page / the file worker', `${mb(pageMem)} / ${mb(mem - pageMem)}`, 'the worker peaks in the export (rust_xlsxwriter holds every cell until it saves)');
const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chamdiem.sheet.')).reduce((a, k) => a + localStorage.getItem(k).length, 0));
row('Stored form of the large scoresheet', kb(stored), 'localStorage, UTF-16 code units');

await browser.close();

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\nchamdiem bench — ${new Date().toISOString()} — ${path.basename(workbook)} (${kb(bytes.length)}) — Chromium ${chromiumVersion}\n`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
