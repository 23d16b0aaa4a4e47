// Hardening: strict CSP honoured, no request leaves the page's origin,
// markup in names stays text, offline after the first visit, clean updates.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchConsole, cell, addUnit } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const fixture = (name) => path.join(here, '..', 'fixtures', name);

test('the page carries a strict CSP and has no inline script', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  expect(inline).toBe(0);
  expect(errors).toEqual([]);
});

test('no request leaves the origin through import, edit and export', async ({ page, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const foreign = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) foreign.push(r.url());
  });
  await page.goto('./');
  await page.getByLabel('Nhập tệp Excel').setInputFiles(fixture('07-moi-don-vi-mot-sheet.xlsx'));
  await page.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await cell(page, 'UBND thị xã Kỳ Anh', 'I.2', 'Thẩm định').click();
  await page.keyboard.type('19,5');
  await page.keyboard.press('Enter');
  const exportButton = page.getByRole('button', { name: 'Xuất Excel' });
  if (await exportButton.count()) {
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  }
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  await page.waitForTimeout(300);
  expect(foreign).toEqual([]);
});

test('markup and formula-like text in names stays text in every view', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  const errors = watchConsole(page);
  await page.goto('./');
  const scripts = await page.evaluate(() => document.scripts.length);
  await page.getByLabel('Nhập tệp Excel').setInputFiles(fixture('08-van-ban-nguy-hiem.xlsx'));
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  const xss = "<script>alert('xss')</script> Cải cách hành chính";
  await expect(page.getByRole('rowheader', { name: xss, exact: true })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: '=HYPERLINK("http://example.invalid","bấm vào đây")' })).toBeVisible();
  // A unit named with markup, in the grid header and the summary.
  await page.getByRole('button', { name: 'Đơn vị…' }).click();
  const units = await addUnit(page, 1, '<img src=x onerror=alert(1)><b>Đậm</b>');
  await units.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('columnheader', { name: '<img src=x onerror=alert(1)><b>Đậm</b> · Tự chấm' })).toBeVisible();
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  await expect(page.getByRole('rowheader', { name: '<img src=x onerror=alert(1)><b>Đậm</b>' })).toBeVisible();
  expect(await page.evaluate(() => document.querySelectorAll('main img, main b').length)).toBe(0);
  expect(await page.evaluate(() => document.scripts.length)).toBe(scripts);
  expect(dialogs).toBe(0);
  expect(errors).toEqual([]);
});

test('offline after the first visit: the page opens and works', async ({ page, context }) => {
  await page.goto('./');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // The worker controls the page after a reload; then cut the network.
  await page.reload();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
  const c = cell(page, 'UBND thành phố Hà Tĩnh', 'I.2', 'Tự chấm');
  await c.click();
  await page.keyboard.type('3,5');
  await page.keyboard.press('Enter');
  await expect(c).toHaveText('3,5');
  await context.setOffline(false);
});

test('a visit to a missing address is never cached as the app', async ({ page, context }) => {
  await page.goto('./');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  const missing = await page.goto('./khong-co/trang-nay.html');
  expect(missing.status()).toBe(404);
  await context.setOffline(true);
  await page.goto('./');
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
  await context.setOffline(false);
});

test('a new version replaces the old one cleanly', async ({ page: first }) => {
  let page = first;
  // A private copy of the build, served on its own port, changed in place.
  const dir = mkdtempSync(path.join(tmpdir(), 'chamdiem-sw-'));
  cpSync(path.join(root, 'dist'), dir, { recursive: true });
  const port = await new Promise((res) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => { const p = probe.address().port; probe.close(() => res(p)); });
  });
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 50; i++) {
      try { await fetch(url); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    await page.goto(url);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const before = await page.evaluate(() => caches.keys());
    expect(before).toHaveLength(1);
    // "Deploy" a new version: new stylesheet content, new worker version.
    const css = readdirSync(dir).find((f) => f.endsWith('.css'));
    writeFileSync(path.join(dir, css), readFileSync(path.join(dir, css), 'utf8') + '\n/* v2 */\n');
    const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8').replace(/chamdiem-[0-9a-f]+/, 'chamdiem-feedfacecafe0002');
    writeFileSync(path.join(dir, 'sw.js'), sw);
    // A later modification time, as a real deployment has: the copy and the
    // change can fall in the same second, and the server answers
    // If-Modified-Since by the second.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'sw.js'), later, later);
    utimesSync(path.join(dir, css), later, later);
    // The page's next start fetches the new service worker; it installs and
    // waits while a page of the old version is open (so no page ever meets
    // files of another build).
    await page.reload();
    await expect.poll(() => page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update().catch(() => {});
      return Boolean(reg?.waiting || reg?.installing);
    }), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate(() => caches.keys())).toContain(before[0]);
    // Every page of the old version closed: the new one takes over alone.
    const context = page.context();
    await page.close();
    await expect.poll(async () => {
      page = await context.newPage();
      await page.goto(url);
      const keys = await page.evaluate(() => caches.keys());
      if (keys.length > 1) await page.close();
      return keys;
    }, { timeout: 15_000 }).toEqual(['chamdiem-feedfacecafe0002']);
    await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
    const cached = await page.evaluate(async () => {
      const c = await caches.open('chamdiem-feedfacecafe0002');
      const css = (await c.keys()).find((r) => r.url.endsWith('.css'));
      return (await (await c.match(css)).text()).includes('/* v2 */');
    });
    expect(cached).toBe(true);
  } finally {
    server.kill();
  }
});
