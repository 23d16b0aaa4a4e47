// Local storage: autosave and restore, several scoresheets, corrupt data,
// quota, storage unavailable, two tabs, migration from version 1.
import { test, expect } from '@playwright/test';
import { watchConsole, cell, total, editor } from './helpers.mjs';

const HT = 'UBND thành phố Hà Tĩnh';
const SELF = 'Tự chấm';

async function typeInto(page, c, text) {
  await c.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

const savedAt = (page) => expect(page.locator('.save-state')).toContainText('Đã lưu lúc');

test('every edit is saved and a reload restores the sheet, the view and the stage toggles', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '6,25');
  await typeInto(page, cell(page, HT, 'I.3', SELF), 'sáu');
  await page.getByRole('checkbox', { name: 'Thẩm định' }).uncheck();
  await savedAt(page);
  // Its text, "87,75 · chưa đủ 21/22" (drawn on two lines, as innerText says).
  const before = await total(page, HT, SELF).textContent();
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Tổng hợp' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Phiếu chấm' }).click();
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('6,25');
  await expect(cell(page, HT, 'I.3', SELF)).toHaveText('sáu');
  await expect(total(page, HT, SELF)).toHaveText(before);
  await expect(page.getByRole('checkbox', { name: 'Thẩm định' })).not.toBeChecked();
  await expect(cell(page, HT, 'I.2', 'Thẩm định')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a hidden page saves at once, without waiting for the debounce', async ({ page }) => {
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '5,5');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const stored = await page.evaluate(() => {
    const idx = JSON.parse(localStorage.getItem('chamdiem.index'));
    const e = idx.sheets.find((s) => s.id === idx.open);
    return localStorage.getItem(`chamdiem.sheet.${e.id}.${e.gen}`);
  });
  expect(stored).toContain('5,5');
});

test('several scoresheets: new, rename, duplicate, switch, delete', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '1');
  await savedAt(page);
  page.on('dialog', async (d) => {
    if (d.type() === 'prompt') await d.accept('Khối huyện 2023');
    else await d.accept();
  });
  await page.getByRole('button', { name: 'Đổi tên' }).click();
  await expect(page.locator('.sheet-title')).toHaveText('Khối huyện 2023');
  await page.getByRole('button', { name: 'Nhân bản' }).click();
  await expect(page.locator('.sheet-title')).toHaveText('Khối huyện 2023 (bản sao)');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '2');
  await page.getByRole('button', { name: 'Mới từ mẫu' }).click();
  const picker = page.getByLabel('Bảng điểm:');
  await expect(picker.locator('option')).toHaveCount(3);
  await picker.selectOption({ label: 'Khối huyện 2023' });
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('1');
  await picker.selectOption({ label: 'Khối huyện 2023 (bản sao)' });
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('2');
  await page.getByRole('button', { name: 'Xóa bảng' }).click();
  await expect(picker.locator('option')).toHaveCount(2);
  await page.reload();
  await expect(page.getByLabel('Bảng điểm:').locator('option')).toHaveCount(2);
  expect(errors).toEqual([]);
});

/** Fills local storage with other data, down to chunks of `smallest` characters. */
const fill = (page, smallest) => page.evaluate((smallest) => {
  const chunk = 'x'.repeat(256 * 1024);
  for (let i = 0; i < 200; i++) {
    try { localStorage.setItem(`filler.${i}`, chunk); } catch { break; }
  }
  for (let n = 1024; n >= smallest; n = Math.floor(n / 2)) {
    for (let i = 0; ; i++) {
      try { localStorage.setItem(`filler.s${n}.${i}`, 'x'.repeat(n)); } catch { break; }
    }
  }
}, smallest);

const openSheetText = (page) => page.evaluate(() => {
  const idx = JSON.parse(localStorage.getItem('chamdiem.index'));
  const e = idx.sheets.find((s) => s.id === idx.open);
  return localStorage.getItem(`chamdiem.sheet.${e.id}.${e.gen}`);
});

/** Saves two scoresheets ("Khối A" with 1, then "Khối B" with 2, open). */
async function twoSheets(page) {
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '1');
  await savedAt(page);
  page.once('dialog', (d) => d.accept('Khối A'));
  await page.getByRole('button', { name: 'Đổi tên' }).click();
  await savedAt(page);
  await page.getByRole('button', { name: 'Mới từ mẫu' }).click();
  await typeInto(page, cell(page, HT, 'I.2', SELF), '2');
  page.once('dialog', (d) => d.accept('Khối B'));
  await page.getByRole('button', { name: 'Đổi tên' }).click();
  await expect(page.locator('.sheet-title')).toHaveText('Khối B');
  await savedAt(page);
}

const storedSheets = (page) => page.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((k) => k.startsWith('chamdiem.sheet.')).map((k) => [k, localStorage.getItem(k)])));

test('a corrupt scoresheet is listed, never deleted, and its data can be downloaded', async ({ page }) => {
  await twoSheets(page);
  // Break "Khối B" (the open one) as a crash or another program might.
  const key = await page.evaluate(() => {
    const idx = JSON.parse(localStorage.getItem('chamdiem.index'));
    const e = idx.sheets.find((s) => s.title === 'Khối B');
    const k = `chamdiem.sheet.${e.id}.${e.gen}`;
    localStorage.setItem(k, '{"v":2,"title":"Khối B","nodes":[[1,');
    return k;
  });
  const before = await storedSheets(page);
  await page.reload();
  // The other scoresheet opens; the broken one is named, kept and offered.
  await expect(page.locator('.sheet-title')).toHaveText('Khối A');
  const alert = page.getByRole('alert').filter({ hasText: 'Khối B' });
  await expect(alert).toContainText('bị hỏng');
  await expect(alert).toContainText('không bị xóa');
  await expect(page.getByLabel('Bảng điểm:').locator('option', { hasText: 'Khối B (không mở được)' })).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Tải dữ liệu gốc' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^chamdiem-du-lieu-goc-.*\.json$/);
  expect(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8')).toBe('{"v":2,"title":"Khối B","nodes":[[1,');
  // Editing and saving the other one leaves it as it was.
  await typeInto(page, cell(page, HT, 'I.3', SELF), '3');
  await savedAt(page);
  await page.reload();
  const after = await storedSheets(page);
  expect(after[key]).toBe(before[key]);
  await expect(page.getByLabel('Bảng điểm:').locator('option')).toHaveCount(2);
});

for (const [what, index] of [
  ['truncated', (i) => i.slice(0, i.length - 9)],
  ['wrongly typed', () => '{"v":1,"sheets":5}'],
  ['foreign', () => '{"theme":"dark"}'],
]) {
  test(`a ${what} index loses no scoresheet: kept aside, the list rebuilt`, async ({ page }) => {
    await twoSheets(page);
    const original = await page.evaluate(() => localStorage.getItem('chamdiem.index'));
    const bad = index(original);
    await page.evaluate((b) => localStorage.setItem('chamdiem.index', b), bad);
    const sheets = await storedSheets(page);
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'Danh mục' });
    await expect(alert).toContainText('đã tìm lại 2 bảng điểm');
    await expect(alert).toContainText('chamdiem.backup.');
    expect(await storedSheets(page)).toEqual(sheets);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chamdiem.backup.')).map((k) => localStorage.getItem(k)));
    expect(kept).toEqual([bad]);
    const picker = page.getByLabel('Bảng điểm:');
    await expect(picker.locator('option')).toHaveCount(2);
    await picker.selectOption({ label: 'Khối A' });
    await expect(cell(page, HT, 'I.2', SELF)).toHaveText('1');
    await picker.selectOption({ label: 'Khối B' });
    await expect(cell(page, HT, 'I.2', SELF)).toHaveText('2');
  });
}

test('data of a newer version is never written over nor deleted by this page', async ({ page }) => {
  await twoSheets(page);
  // A newer version wrote the index (an old cached page opened after an update).
  await page.evaluate(() => {
    const idx = JSON.parse(localStorage.getItem('chamdiem.index'));
    localStorage.setItem('chamdiem.index', JSON.stringify({ ...idx, v: 2, extra: 'new' }));
    localStorage.setItem('chamdiem.sheet.zz.9', '{"v":4}');
  });
  const before = await page.evaluate(() => ({ ...localStorage }));
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'phiên bản mới hơn' })).toContainText('không ghi gì');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '9');
  await expect(page.locator('.save-state')).toHaveText('Không lưu (chỉ trong bộ nhớ)');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(before);

  // A scoresheet of a newer version beside readable ones: left untouched.
  await page.evaluate(() => {
    const idx = JSON.parse(localStorage.getItem('chamdiem.index'));
    idx.v = 1;
    delete idx.extra;
    localStorage.setItem('chamdiem.index', JSON.stringify(idx));
    const e = idx.sheets.find((s) => s.title === 'Khối B');
    localStorage.setItem(`chamdiem.sheet.${e.id}.${e.gen}`, '{"v":4,"title":"Khối B","layout":"mới"}');
  });
  page.on('dialog', (d) => d.accept());
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Khối B' })).toContainText('phiên bản mới hơn');
  await expect(page.locator('.sheet-title')).toHaveText('Khối A');
  await typeInto(page, cell(page, HT, 'I.3', SELF), '3');
  await savedAt(page);
  const newer = await page.evaluate(() => Object.values({ ...localStorage }).filter((v) => v.includes('"layout":"mới"')).length);
  expect(newer).toBe(1);
});

test('text typed in a cell but not committed survives a reload', async ({ page }) => {
  await page.goto('./');
  await cell(page, HT, 'I.2', SELF).click();
  await page.keyboard.type('7,25');
  await page.reload();
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('7,25');
});

test('storage full at start opens the saved scoresheets and says so', async ({ page }) => {
  await twoSheets(page);
  await fill(page, 1);
  await page.reload();
  await expect(page.locator('.sheet-title')).toHaveText('Khối B');
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('2');
  await expect(page.getByRole('alert').filter({ hasText: 'đã đầy' })).toBeVisible();
  await expect(page.getByLabel('Bảng điểm:').locator('option')).toHaveCount(2);
  await expect(page.getByRole('alert').filter({ hasText: 'không cho lưu' })).toHaveCount(0);
});

test('a panic in the page is shown as a message with a reload, not a half-dead page', async ({ page }) => {
  await page.goto('./#kiem-tra-loi');
  const crash = page.getByRole('alertdialog', { name: 'Ứng dụng gặp lỗi và phải tải lại' });
  await expect(crash).toBeVisible();
  await expect(crash).toContainText('vẫn an toàn');
  // The page underneath cannot be used any more.
  await expect(cell(page, HT, 'I.2', SELF).click({ timeout: 1000 })).rejects.toThrow();
  await page.evaluate(() => { location.hash = ''; });
  await crash.getByRole('button', { name: 'Tải lại trang' }).click();
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
  await expect(crash).toHaveCount(0);
});

test('version 1 data is migrated', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => {
    const v1 = {
      schema_version: 1, title: 'Khối huyện 2022 (v1)',
      nodes: [
        { id: 1, code: 'I', label: 'I', text: 'Nhiệm vụ', max: 100000 },
        { id: 2, parent: 1, code: 'I.1', label: '1', text: 'Kinh tế', max: 60000 },
        { id: 3, parent: 1, code: 'I.2', label: '2', text: 'Xã hội', max: 40000 },
      ],
      units: [{ id: 1, name: 'UBND huyện Cẩm Xuyên', marks: [{ 2: { raw: '5,5' }, 3: { raw: '4' } }, {}, {}] }],
    };
    localStorage.clear();
    localStorage.setItem('chamdiem.index', JSON.stringify({ v: 1, sheets: [{ id: 'old', title: 'x', gen: 1, updated: 0 }], open: 'old' }));
    localStorage.setItem('chamdiem.sheet.old.1', JSON.stringify(v1));
  });
  await page.reload();
  await expect(page.locator('.sheet-title')).toHaveText('Khối huyện 2022 (v1)');
  await expect(total(page, 'UBND huyện Cẩm Xuyên', SELF)).toHaveText('9,5');
  // The next save writes the current version.
  await typeInto(page, cell(page, 'UBND huyện Cẩm Xuyên', 'I.2', SELF), '3');
  await savedAt(page);
  const stored = await page.evaluate(() => localStorage.getItem('chamdiem.sheet.old.2'));
  expect(JSON.parse(stored).v).toBe(2);
});

test('quota exhausted: saved in place while it fits, then a visible warning, the last good save kept', async ({ page }) => {
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '4');
  await savedAt(page);
  // No room for a second copy of the sheet, but for the change: saved in place.
  await fill(page, 1024);
  await typeInto(page, cell(page, HT, 'I.2', SELF), '4,5');
  await savedAt(page);
  expect(JSON.parse(await openSheetText(page)).units[0].s[0].split('\t')[3]).toBe('4,5');
  // No room even for the change.
  await fill(page, 1);
  const long = '4,5 — sửa lại theo biên bản họp khối ngày 30/11, chờ xác minh';
  await typeInto(page, cell(page, HT, 'I.2', SELF), long);
  await expect(page.getByRole('alert').filter({ hasText: 'đã đầy' })).toBeVisible();
  await expect(page.locator('.save-state')).toHaveText('Chưa lưu được');
  expect(JSON.parse(await openSheetText(page)).units[0].s[0].split('\t')[3]).toBe('4,5');
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  // Once there is room, the edit that could not be saved is saved when the
  // page goes away: nothing typed is lost.
  await page.reload();
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText(long);
});

test('storage unavailable: works in memory with a banner', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const errors = watchConsole(page);
  await page.goto('./');
  await expect(page.getByRole('alert').filter({ hasText: 'không cho lưu' })).toBeVisible();
  await typeInto(page, cell(page, HT, 'I.2', SELF), '3');
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('3');
  await expect(page.locator('.save-state')).toHaveText('Không lưu (chỉ trong bộ nhớ)');
  expect(errors).toEqual([]);
});

test('two tabs on one scoresheet never overwrite each other silently', async ({ page, context }) => {
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '1');
  await savedAt(page);
  const other = await context.newPage();
  await other.goto('./');
  await expect(cell(other, HT, 'I.2', SELF)).toHaveText('1');
  // The other tab saves; this one, clean, follows.
  await typeInto(other, cell(other, HT, 'I.2', SELF), '2');
  await savedAt(other);
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('2');
  await expect(page.getByRole('alert').filter({ hasText: 'thẻ (tab) khác' })).toBeVisible();
  // Both edit: the later save meets a conflict and asks.
  await typeInto(page, cell(page, HT, 'I.3', SELF), '3');
  await typeInto(other, cell(other, HT, 'I.4', SELF), '4');
  const conflict = (p) => p.getByRole('alert').filter({ hasText: 'Chọn bản muốn giữ' });
  await expect.poll(async () => (await conflict(page).count()) + (await conflict(other).count())).toBe(1);
  const loser = (await conflict(page).count()) > 0 ? page : other;
  const winner = loser === page ? other : page;
  await loser.getByRole('button', { name: 'Giữ bản của thẻ này' }).click();
  await savedAt(loser);
  // The winner's tab learns of it too (it has no unsaved edits now).
  const want = loser === page ? ['3', await cell(page, HT, 'I.4', SELF).innerText()] : [await cell(other, HT, 'I.3', SELF).innerText(), '4'];
  await expect(cell(winner, HT, 'I.3', SELF)).toHaveText(want[0]);
  await expect(cell(winner, HT, 'I.4', SELF)).toHaveText(want[1]);
});

test('backup downloads the workspace and restores it', async ({ page }) => {
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '7');
  await savedAt(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải bản sao lưu' }).click(),
  ]);
  const path = await download.path();
  expect(download.suggestedFilename()).toMatch(/^chamdiem-sao-luu-.*\.json$/);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(cell(page, HT, 'I.2', SELF)).not.toHaveText('7');
  await page.getByLabel('Khôi phục từ bản sao lưu').setInputFiles(path);
  await expect(page.getByRole('alert').filter({ hasText: 'Đã khôi phục 1 bảng điểm' })).toBeVisible();
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('7');
});
