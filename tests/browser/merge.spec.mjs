// Gathering the units' returned workbooks (several files at once) into the
// open scoresheet: preview, unknown units, one undoable step; then the
// thẩm định comparison.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchConsole, cell } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const merge = (name) => path.join(here, '..', 'fixtures', 'merge', name);
const CX = 'UBND huyện Cẩm Xuyên';
const KA = 'UBND thị xã Kỳ Anh';
const DT = 'UBND huyện Đức Thọ';

test('several returned workbooks merge cell by cell in one undoable step', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2600, height: 1100 });
  await page.goto('./');
  await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('khoi-mau.xlsx'));
  await page.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('');

  await page.getByLabel('Nhập tệp Excel').setInputFiles(
    ['cam-xuyen.xlsx', 'ky-anh.xlsx', 'duc-tho-bo-sung.xlsx', 'vu-quang.xlsx'].map(merge));
  const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Đơn vị không có trong bảng');
  await expect(dialog).toContainText('UBND huyện Vũ Quang');
  // Nothing is written before confirming.
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('');
  await dialog.getByRole('checkbox', { name: 'Thêm các đơn vị này vào bảng' }).check();
  await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
  await expect(dialog).toBeHidden();

  // Cell by cell, as the files hold them ("Huyện Cẩm Xuyên", "Thị xã Kỳ Anh" and
  // "huyen duc tho" matched to the bloc's names; text "13,5" kept as typed).
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('20');
  await expect(cell(page, CX, 'I.2', 'Tự chấm')).toHaveText('12,5');
  await expect(cell(page, KA, 'I.1', 'Tự chấm')).toHaveText('22');
  await expect(cell(page, KA, 'I.1', 'Khối chấm')).toHaveText('21');
  await expect(cell(page, KA, 'I.1', 'Khối chấm')).toHaveAttribute('title', 'Trừ 1 điểm do báo cáo chậm');
  await expect(cell(page, KA, 'I.2', 'Tự chấm')).toHaveText('13,5');
  await expect(cell(page, DT, 'I.1', 'Tự chấm')).toHaveText('19');
  await expect(cell(page, 'UBND huyện Vũ Quang', 'I.1', 'Tự chấm')).toHaveText('15');
  // The other Kỳ Anh (a district, not the town) got nothing.
  await expect(cell(page, 'UBND huyện Kỳ Anh', 'I.1', 'Tự chấm')).toHaveText('');

  // The comparison shows where the bloc differs from self-scoring.
  await page.getByRole('tab', { name: 'Thẩm định' }).click();
  const ka = page.getByRole('table', { name: `Thẩm định ${KA}` });
  await expect(ka.locator('tbody tr').first()).toContainText('-1');
  await expect(ka).toContainText('Trừ 1 điểm do báo cáo chậm');

  // One step undoes the whole merge, unit added included.
  await page.getByRole('tab', { name: 'Phiếu chấm' }).click();
  await page.getByRole('button', { name: '↶ Hoàn tác' }).click();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('');
  await expect(cell(page, KA, 'I.1', 'Khối chấm')).toHaveText('');
  await expect(page.getByRole('columnheader', { name: 'UBND huyện Vũ Quang · Tự chấm' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a conflicting value is kept unless the user takes the file’s', async ({ page }) => {
  await page.setViewportSize({ width: 2600, height: 1100 });
  await page.goto('./');
  await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('khoi-mau.xlsx'));
  await page.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await cell(page, CX, 'I.1', 'Tự chấm').click();
  await page.keyboard.type('18');
  await page.keyboard.press('Enter');
  await page.getByLabel('Nhập tệp Excel').setInputFiles([merge('cam-xuyen.xlsx'), merge('ky-anh.xlsx')]);
  const dialog = page.getByRole('dialog');
  const take = dialog.getByRole('checkbox', { name: `Lấy giá trị trong tệp ${CX} · I.1 · Tự chấm` });
  await expect(take).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('18');
  await expect(cell(page, CX, 'I.2', 'Tự chấm')).toHaveText('12,5');
  // Again, taking the file's value this time.
  await page.keyboard.press('Control+z');
  await page.getByLabel('Nhập tệp Excel').setInputFiles([merge('cam-xuyen.xlsx'), merge('ky-anh.xlsx')]);
  await dialog.getByRole('checkbox', { name: `Lấy giá trị trong tệp ${CX} · I.1 · Tự chấm` }).check();
  await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('20');
});

test('returned workbooks merged one at a time, as they arrive', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2600, height: 1100 });
  await page.goto('./');
  await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('khoi-mau.xlsx'));
  await page.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
  for (const [file, unit, code, want] of [
    ['cam-xuyen.xlsx', CX, 'I.1', '20'],
    ['ky-anh.xlsx', KA, 'I.2', '13,5'],
    ['duc-tho-bo-sung.xlsx', DT, 'I.1', '19'],
  ]) {
    await page.getByLabel('Nhập tệp Excel').setInputFiles(merge(file));
    await page.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
    await expect(dialog).toBeHidden();
    await expect(cell(page, unit, code, 'Tự chấm')).toHaveText(want);
  }
  // The earlier merges stay.
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('20');
  await expect(cell(page, KA, 'I.1', 'Khối chấm')).toHaveText('21');
  expect(errors).toEqual([]);
});
