// Import through the button and by drag-and-drop: preview, confirm, errors.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { watchConsole, num, addUnit } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => path.join(here, '..', 'fixtures', name);



test('importing a workbook with a sheet per unit shows a preview, then its totals', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.getByLabel('Nhập tệp Excel').setInputFiles(fixture('07-moi-don-vi-mot-sheet.xlsx'));
  const dialog = page.getByRole('dialog', { name: 'Kiểm tra trước khi nhập' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('10 tiêu chí, 3 mục');
  await expect(dialog).toContainText('4 đơn vị, 4 đơn vị đã có điểm');
  // Nothing replaced yet: the sample is still open behind the dialog.
  await expect(page.locator('.sheet-title')).toContainText('Khối các huyện');
  await dialog.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.sheet-title')).toHaveText('PHIẾU CHẤM ĐIỂM THI ĐUA NĂM 2022');

  // Totals equal the sum of the bloc's scores in the fixture's expectation.
  const expectJson = JSON.parse(readFileSync(fixture('07-moi-don-vi-mot-sheet.expect.json'), 'utf8'));
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const rows = page.getByRole('table', { name: 'Tổng hợp' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  for (const [unit, cells] of Object.entries(expectJson.scores)) {
    const want = Object.values(cells).reduce((a, c) => a + (c.bloc ?? 0), 0);
    const row = rows.filter({ has: page.getByRole('rowheader', { name: unit, exact: true }) });
    const got = num(await row.locator('td.total').innerText());
    expect(Math.abs(got - want)).toBeLessThan(0.001);
  }
  expect(errors).toEqual([]);
});

test('an empty template says it has no units and adds one from there', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  // The sample has units: no hint.
  await expect(page.getByRole('note').filter({ hasText: 'chưa có đơn vị' })).toHaveCount(0);
  await page.getByLabel('Nhập tệp Excel').setInputFiles(fixture('02-xlsxwriter-tieu-de-4-cap.xlsx'));
  const dialog = page.getByRole('dialog', { name: 'Kiểm tra trước khi nhập' });
  await dialog.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  const hint = page.getByRole('note').filter({ hasText: 'chưa có đơn vị' });
  await expect(hint).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /· Tự chấm$/ })).toHaveCount(0);
  await hint.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const units = await addUnit(page, 1, 'UBND huyện Vũ Quang');
  await units.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('columnheader', { name: 'UBND huyện Vũ Quang · Tự chấm' })).toBeVisible();
  await expect(hint).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a dropped file is imported like a picked one', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
  const b64 = readFileSync(fixture('05-ods-phan-abc.ods')).toString('base64');
  const dt = await page.evaluateHandle(({ b64 }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'phan-abc.ods'));
    return dt;
  }, { b64 });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('8 tiêu chí, 2 mục · 1000 điểm nội dung');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();
  // Cancelled: the sample is untouched.
  await expect(page.locator('.sheet-title')).toContainText('Khối các huyện');
  expect(errors).toEqual([]);
});

test('a bad file gets its own message and changes nothing', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  const before = await page.getByRole('grid', { name: 'Phiếu chấm' }).innerText();
  for (const [file, words] of [
    ['bad/anh-doi-ten.xlsx', 'không phải tệp bảng tính'],
    ['bad/co-mat-khau.xlsx', 'đặt mật khẩu'],
    ['bad/cat-doi.xlsx', 'không đầy đủ'],
    ['bad/khong-co-bang-diem.xlsx', 'Không tìm thấy bảng chấm điểm'],
  ]) {
    await page.getByLabel('Nhập tệp Excel').setInputFiles(fixture(file));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(words);
    await alert.getByRole('button', { name: 'Đóng' }).click();
  }
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await page.getByRole('grid', { name: 'Phiếu chấm' }).innerText()).toBe(before);
  expect(errors).toEqual([]);
});
