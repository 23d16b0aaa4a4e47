// The import preview: the table as read, corrected row by row before
// confirming, and the corrections remembered for the same template.
// Table 09 (tests/fixtures/real) keeps its bonus and deduction items' kinds
// in columns the import does not read: the secretary sets them here.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { watchConsole } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const real = (name) => path.join(here, '..', 'fixtures', 'real', name);
const T09 = real('09-thpt-chu-van-an-thuong-tru.ods');

async function open(page, file) {
  await page.getByLabel('Nhập tệp Excel', { exact: true }).setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: 'Kiểm tra trước khi nhập' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Waits until the preview has read the file again. */
async function settled(dialog) {
  await expect(dialog).toHaveAttribute('aria-busy', 'false');
}

test('a row corrected in the preview changes the reading at once, and the correction is remembered', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  let dialog = await open(page, T09);
  const rows = dialog.locator('.preview-rows');
  // Sheet row 13 is I.5, a bonus item read as content with no maximum.
  await expect(rows.locator('tr', { hasText: 'Tích cực tham gia hoạt động' }).locator('td.code')).toHaveText('I.5');
  await expect(dialog).toContainText('điểm thưởng tối đa 0');
  await dialog.getByLabel('Loại 13', { exact: true }).selectOption('Thưởng');
  await settled(dialog);
  await dialog.getByLabel('Tối đa 13', { exact: true }).fill('10');
  await dialog.getByLabel('Tối đa 13', { exact: true }).press('Enter');
  await settled(dialog);
  await expect(dialog).toContainText('điểm thưởng tối đa 10');
  await expect(dialog.getByLabel('Loại 13', { exact: true })).toHaveValue('Thưởng');
  await expect(dialog.getByLabel('Tối đa 13', { exact: true })).toHaveValue('10');
  // Scored now (as a bonus): four content criteria and I.5. A criterion
  // that is really a line of explanation: out of the count.
  await expect(dialog).toContainText('5 tiêu chí, 1 mục');
  await dialog.getByLabel('Là 10', { exact: true }).selectOption('Dòng hướng dẫn');
  await settled(dialog);
  await expect(dialog).toContainText('4 tiêu chí, 1 mục');
  // A maximum that is not a number is refused next to the cell; nothing changes.
  await dialog.getByLabel('Tối đa 9', { exact: true }).fill('hai mươi');
  await dialog.getByLabel('Tối đa 9', { exact: true }).press('Enter');
  await expect(rows.getByRole('alert')).toContainText('Điểm tối đa phải là số');
  await expect(dialog).toContainText('4 tiêu chí, 1 mục');
  // Nothing replaced before confirming.
  await expect(page.locator('.sheet-title')).toContainText('Khối các huyện');
  await dialog.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.sheet-title')).toContainText('TIÊU CHÍ CHẤM ĐIỂM THI ĐUA');

  // The same template again: corrected as before, and said so.
  dialog = await open(page, T09);
  await expect(dialog).toContainText('Đã áp dụng các chỉnh sửa lần trước');
  await expect(dialog.getByLabel('Loại 13', { exact: true })).toHaveValue('Thưởng');
  await expect(dialog).toContainText('4 tiêu chí, 1 mục');
  // Undone: back to the file as detected.
  await dialog.getByRole('button', { name: 'Bỏ mọi chỉnh sửa' }).click();
  await settled(dialog);
  await expect(dialog.getByLabel('Loại 13', { exact: true })).toHaveValue('Nội dung');
  await expect(dialog).toContainText('4 tiêu chí, 1 mục');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  expect(errors).toEqual([]);
});

test('a wrong header row is explained in the preview, not refused, and can be chosen back', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  const dialog = await open(page, T09);
  const confirm = dialog.getByRole('button', { name: 'Dùng bảng chấm điểm này' });
  await dialog.locator('details.columns summary').click();
  const header = dialog.getByLabel('Hàng tiêu đề');
  const right = await header.inputValue();
  // The title line instead of the header.
  const first = await header.locator('option').first().getAttribute('value');
  await header.selectOption(first);
  await settled(dialog);
  await expect(dialog.getByRole('alert').first()).toContainText('Chưa biết cột nào ghi nội dung');
  await expect(confirm).toBeDisabled();
  await header.selectOption(right);
  await settled(dialog);
  await expect(confirm).toBeEnabled();
  await expect(dialog).toContainText('4 tiêu chí, 1 mục');
  expect(errors).toEqual([]);
});
