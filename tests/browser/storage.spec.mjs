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
  const before = await total(page, HT, SELF).innerText();
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

test('a corrupt blob is kept aside, the app starts and says so', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => {
    localStorage.setItem('chamdiem.index', JSON.stringify({ v: 1, sheets: [{ id: 'a', title: 'Hỏng', gen: 3, updated: 0 }], open: 'a' }));
    localStorage.setItem('chamdiem.sheet.a.3', '{"v":2,"title":"Hỏng","nodes":[[1,');
  });
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'bị hỏng' })).toContainText('chamdiem.backup.');
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chamdiem.backup.')).map((k) => localStorage.getItem(k)));
  expect(kept).toEqual(['{"v":2,"title":"Hỏng","nodes":[[1,']);
  // A foreign index is treated the same way.
  await page.evaluate(() => localStorage.setItem('chamdiem.index', '{"theme":"dark"}'));
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'bị hỏng' })).toBeVisible();
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

test('quota exhausted: a visible warning, the last good save kept', async ({ page }) => {
  await page.goto('./');
  await typeInto(page, cell(page, HT, 'I.2', SELF), '4');
  await savedAt(page);
  // Fill the storage.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 200; i++) {
      try { localStorage.setItem(`filler.${i}`, chunk); } catch { break; }
    }
    let small = 'x'.repeat(1024);
    for (let i = 0; i < 2000; i++) {
      try { localStorage.setItem(`filler.s${i}`, small); } catch { break; }
    }
  });
  await typeInto(page, cell(page, HT, 'I.2', SELF), '4,5');
  await expect(page.getByRole('alert').filter({ hasText: 'đã đầy' })).toBeVisible();
  await expect(page.locator('.save-state')).toHaveText('Chưa lưu được');
  const good = await page.evaluate(() => {
    const idx = JSON.parse(localStorage.getItem('chamdiem.index'));
    const e = idx.sheets.find((s) => s.id === idx.open);
    return localStorage.getItem(`chamdiem.sheet.${e.id}.${e.gen}`);
  });
  expect(JSON.parse(good).units[0].s[0].split('\t')[3]).toBe('4');
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  // Once there is room, the edit that could not be saved is saved when the
  // page goes away: nothing typed is lost.
  await page.reload();
  await expect(cell(page, HT, 'I.2', SELF)).toHaveText('4,5');
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
