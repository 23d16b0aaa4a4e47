// "Xuất Excel" downloads the scoresheet as .xlsx named in ASCII; importing
// that file gives back the same scores, totals and ranks.
import { test, expect } from '@playwright/test';
import { watchConsole, cell } from './helpers.mjs';

test('export downloads an ASCII-named workbook that imports back unchanged', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2400, height: 1000 });
  await page.goto('./');
  const c = cell(page, 'UBND huyện Cẩm Xuyên', 'II.3', 'Thẩm định');
  await c.click();
  await page.keyboard.type('6,25');
  await page.keyboard.press('Enter');
  await cell(page, 'UBND huyện Đức Thọ', 'I.2', 'Khối chấm').click();
  await page.keyboard.type('mười');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const summary = page.getByRole('table', { name: 'Tổng hợp' });
  const before = await summary.innerText();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('khoi-cac-huyen-thi-xa-thanh-pho-nam-2024.xlsx');
  const file = await download.path();

  await page.getByLabel('Nhập tệp Excel').setInputFiles(file);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('6 đơn vị, 6 đơn vị đã có điểm');
  await dialog.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await expect(page.locator('.sheet-title')).toHaveText('Khối các huyện, thị xã, thành phố — năm 2024');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  await expect(summary.locator('tbody tr')).toHaveCount(6);
  expect(await summary.innerText()).toBe(before);
  await page.getByRole('tab', { name: 'Phiếu chấm' }).click();
  await expect(cell(page, 'UBND huyện Cẩm Xuyên', 'II.3', 'Thẩm định')).toHaveText('6,25');
  await expect(cell(page, 'UBND huyện Đức Thọ', 'I.2', 'Khối chấm')).toHaveText('mười');
  expect(errors).toEqual([]);
});
