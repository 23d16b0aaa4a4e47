// Gathering the units' returned workbooks (several files at once) into the
// open scoresheet: preview, unknown units, one undoable step; then the
// thẩm định comparison. Then (#18) a line per file, reassigned or skipped;
// the receipts panel; adjustments without a reason.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
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

test('values a unit typed that the bloc cannot count are named in the dialog, at 1366×768', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openTemplate(page);
  await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('ha-tinh-tru-am.xlsx'));
  await page.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
  await expect(dialog).toBeVisible();
  // The deduction typed with its sign, and a score above its maximum: where, what, why.
  const refused = dialog.locator('.merge-refused');
  await expect(refused).toContainText('V.2 Tự chấm «-2»: điểm trừ ghi số dương (2), không ghi dấu trừ');
  await expect(refused).toContainText('I.3 Tự chấm «12»: vượt điểm chuẩn (10)');
  await expect(refused).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('merge-refused.png') });
  await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
  await expect(dialog).toBeHidden();
  // Merged as typed, shown as invalid in the grid (wide, to have the column drawn).
  await page.setViewportSize({ width: 2600, height: 1100 });
  const ha = 'UBND thành phố Hà Tĩnh';
  await expect(cell(page, ha, 'V.2', 'Tự chấm')).toHaveText('-2');
  await expect(cell(page, ha, 'V.2', 'Tự chấm')).toHaveAttribute('title', /không được âm/);
  // The line saying what the merge did goes at the next edit: Ctrl+Z then
  // undoes the value typed, not the whole merge as it said.
  const done = page.locator('.status.ok');
  await expect(done).toContainText('Đã gộp');
  await cell(page, ha, 'I.1', 'Khối chấm').click();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(cell(page, ha, 'I.1', 'Khối chấm')).toHaveText('20');
  await expect(done).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a file whose name fits two units asks which, and is never offered as a new unit', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openTemplate(page);
  await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('Ky Anh - tu cham.xlsx'));
  await page.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
  await expect(dialog).toContainText('UBND thị xã Kỳ Anh');
  await expect(dialog).toContainText('UBND huyện Kỳ Anh');
  // No "add these units" for it: ticking it made a unit named after the file.
  await expect(dialog).not.toContainText('Đơn vị không có trong bảng');
  await expect(dialog.getByRole('checkbox', { name: 'Thêm các đơn vị này vào bảng' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

// #18: a line per file, reassigned or skipped; receipts; reasons.
const fixture = (name) => path.join(here, '..', 'fixtures', name);
const KA_H = 'UBND huyện Kỳ Anh';
const HT = 'UBND thành phố Hà Tĩnh';

async function openTemplate(page) {
  await page.goto('./');
  await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('khoi-mau.xlsx'));
  await page.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('');
}

test('each file has its line; a file sent to another unit or skipped is planned again', async ({ page }) => {
  const errors = watchConsole(page);
  // A file that is not a workbook, among the returned ones (Playwright
  // takes paths or buffers, not both).
  const broken = path.join(mkdtempSync(path.join(tmpdir(), 'chamdiem-')), 'hong.xlsx');
  writeFileSync(broken, Buffer.from('PK\u0003\u0004 không phải bảng tính'));
  await page.setViewportSize({ width: 2600, height: 1100 });
  await openTemplate(page);
  await page.getByLabel('Nhập tệp Excel').setInputFiles([
    merge('cam-xuyen.xlsx'), merge('ky-anh.xlsx'), merge('vu-quang.xlsx'),
    merge('duc-tho-bo-sung.xlsx'), merge('ha-tinh-sua-mau.xlsx'),
    fixture('07-moi-don-vi-mot-sheet.xlsx'),
    broken,
  ]);
  const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
  await expect(dialog).toBeVisible();
  const files = dialog.getByRole('list', { name: 'Các tệp' });
  const fileLine = (name) => files.getByRole('listitem').filter({ hasText: name }).first();
  await expect(fileLine('cam-xuyen.xlsx')).toContainText(
    `cam-xuyen.xlsx → ${CX}: 11 ô mới, 0 ô khác, 0 ô không hợp lệ, 2 ghi chú`);
  await expect(fileLine('cam-xuyen.xlsx')).toContainText('1 tiêu chí không có trong bảng (III.3)');
  await expect(fileLine('ky-anh.xlsx')).toContainText(`ky-anh.xlsx → ${KA}: 5 ô mới, 0 ô khác, 0 ô không hợp lệ, 1 ghi chú`);
  // Its own khối chấm column goes into the bloc's: said on its line.
  await expect(fileLine('ky-anh.xlsx')).toContainText('Tệp có cả điểm khối chấm ở 1 tiêu chí: được gộp vào đúng cột đó');
  await expect(fileLine('cam-xuyen.xlsx')).not.toContainText('Tệp có cả điểm');
  await expect(fileLine('vu-quang.xlsx')).toContainText(
    'vu-quang.xlsx → đơn vị mới “UBND huyện Vũ Quang” (chưa có trong bảng): 2 ô mới');
  await expect(fileLine('duc-tho-bo-sung.xlsx')).toContainText(`duc-tho-bo-sung.xlsx → ${DT}: 3 ô mới`);
  // The form Hà Tĩnh edited: flagged, and its 18 above the bloc's 15 counted.
  const ht = fileLine('ha-tinh-sua-mau.xlsx');
  await expect(ht).toContainText(`ha-tinh-sua-mau.xlsx → ${HT}: 3 ô mới, 0 ô khác, 1 ô không hợp lệ`);
  await expect(ht).toContainText('điểm chuẩn I.2 khác: 15 → 20');
  await expect(ht).toContainText('1 tiêu chí không có trong bảng (II.4)');
  await expect(ht).toContainText('1 tiêu chí của bảng không có trong tệp (V.2)');
  // Another bloc's template; an unreadable file, listed with its reason.
  await expect(fileLine('07-moi-don-vi-mot-sheet.xlsx')).toContainText('Mẫu khác: chỉ 1/10 tiêu chí của tệp khớp với bảng đang mở');
  await expect(fileLine('hong.xlsx')).toContainText('hong.xlsx: không đọc được —');

  // The other bloc's file (four units, one of them unknown here) and the
  // second Đức Thọ file are skipped; Vũ Quang's file was the huyện Kỳ
  // Anh's. The lines follow at once.
  const other = dialog.getByRole('combobox', { name: /^Đơn vị cho tệp 07-moi-don-vi-mot-sheet\.xlsx \(/ });
  await expect(other).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await other.nth(i).selectOption('skip');
    await expect(other.nth(i)).toHaveValue('skip');
  }
  await dialog.getByLabel('Đơn vị cho tệp duc-tho-bo-sung.xlsx').selectOption('skip');
  await expect(fileLine('duc-tho-bo-sung.xlsx')).toContainText('duc-tho-bo-sung.xlsx → bỏ qua');
  await expect(dialog).toContainText('Đơn vị không có trong bảng');
  await dialog.getByLabel('Đơn vị cho tệp vu-quang.xlsx').selectOption({ label: KA_H });
  await expect(fileLine('vu-quang.xlsx')).toContainText(`vu-quang.xlsx → ${KA_H}: 2 ô mới`);
  await expect(dialog).not.toContainText('Đơn vị không có trong bảng');
  await expect(dialog.getByLabel('Đơn vị cho tệp vu-quang.xlsx')).toHaveValue(/^\d+$/);
  // Nothing is written before confirming.
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('');
  await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('20');
  await expect(cell(page, KA_H, 'I.1', 'Tự chấm')).toHaveText('15');
  await expect(cell(page, DT, 'I.1', 'Tự chấm')).toHaveText('');
  await expect(cell(page, HT, 'I.2', 'Tự chấm')).toHaveText('18');
  await expect(cell(page, HT, 'I.2', 'Tự chấm')).toHaveClass(/invalid/);
  await expect(page.getByRole('columnheader', { name: 'UBND huyện Vũ Quang · Tự chấm' })).toHaveCount(0);
  // One step undoes it all.
  await page.getByRole('button', { name: '↶ Hoàn tác' }).click();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('');
  await expect(cell(page, KA_H, 'I.1', 'Tự chấm')).toHaveText('');
  expect(errors).toEqual([]);
});

test.describe('receipts', () => {
  test.use({ timezoneId: 'Asia/Ho_Chi_Minh' });

  test('“Tình hình nộp” lists who sent which file when, and who has not; kept and exported', async ({ page }) => {
    const errors = watchConsole(page);
    await page.setViewportSize({ width: 2600, height: 1100 });
    await page.clock.setFixedTime(new Date('2024-12-20T08:00:00+07:00'));
    await openTemplate(page);
    await page.getByLabel('Nhập tệp Excel').setInputFiles([merge('cam-xuyen.xlsx'), merge('ky-anh.xlsx')]);
    const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
    await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
    await expect(dialog).toBeHidden();

    const panel = page.getByRole('dialog', { name: 'Tình hình nộp tệp của các đơn vị' });
    const row = (unit) => panel.getByRole('row').filter({ hasText: unit });
    const open = () => page.getByRole('button', { name: 'Tình hình nộp' }).click();
    await open();
    await expect(row(CX)).toContainText('cam-xuyen.xlsx');
    await expect(row(CX)).toContainText('20/12/2024 08:00');
    await expect(row(CX)).toContainText('Tự chấm 11/13');
    await expect(row(KA)).toContainText('Tự chấm 4/13 · Khối chấm 1/13');
    await expect(row(DT)).toContainText('chưa gửi');
    await expect(panel.getByRole('status')).toHaveText(`Chưa gửi (3): ${DT}, ${KA_H}, ${HT}.`);
    await panel.getByRole('button', { name: 'Đóng' }).click();

    // The next day, Đức Thọ's file, on its own.
    await page.clock.setFixedTime(new Date('2024-12-21T09:30:00+07:00'));
    await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('duc-tho-bo-sung.xlsx'));
    await page.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' }).click();
    await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
    await expect(dialog).toBeHidden();
    await open();
    await expect(row(DT)).toContainText('duc-tho-bo-sung.xlsx');
    await expect(row(DT)).toContainText('21/12/2024 09:30');
    await expect(panel.getByRole('status')).toHaveText(`Chưa gửi (2): ${KA_H}, ${HT}.`);
    await panel.getByRole('button', { name: 'Đóng' }).click();
    // Undoing the merge undoes its receipt.
    await page.getByRole('button', { name: '↶ Hoàn tác' }).click();
    await open();
    await expect(row(DT)).toContainText('chưa gửi');
    await panel.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('button', { name: '↷ Làm lại' }).click();
    await expect(cell(page, DT, 'I.1', 'Tự chấm')).toHaveText('19');

    // Saved with the sheet.
    await expect(page.locator('.save-state')).toContainText('Đã lưu lúc');
    await page.reload();
    await open();
    await expect(row(DT)).toContainText('21/12/2024 09:30');
    await expect(row(CX)).toContainText('20/12/2024 08:00');
    await panel.getByRole('button', { name: 'Đóng' }).click();

    // Through the export and back (its extra sheets are not read as units).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất Excel' }).click(),
    ]);
    await page.getByLabel('Nhập tệp Excel').setInputFiles(await download.path());
    const preview = page.getByRole('dialog');
    await expect(preview).toContainText('5 đơn vị');
    await preview.getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
    await open();
    await expect(row(CX)).toContainText('cam-xuyen.xlsx');
    await expect(row(DT)).toContainText('21/12/2024 09:30');
    await expect(panel.getByRole('status')).toHaveText(`Chưa gửi (2): ${KA_H}, ${HT}.`);
    await panel.getByRole('button', { name: 'Đóng' }).click();
    // A second file from Đức Thọ, with two criteria: the panel says what
    // that file brought and, beside it, all the table holds for the unit.
    await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('Duc Tho - tu cham 2024.xlsx'));
    await page.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' }).click();
    await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
    await expect(dialog).toBeHidden();
    await open();
    await expect(row(DT)).toContainText('Duc Tho - tu cham 2024.xlsx');
    await expect(row(DT).getByRole('cell').nth(3)).toHaveText('Tự chấm 2/13');
    await expect(row(DT).getByRole('cell').nth(4)).toHaveText('4/13');
    await expect(row(HT).getByRole('cell').nth(2)).toHaveText('—');
    expect(errors).toEqual([]);
  });
});

test('a khối chấm value differing from tự chấm without a note is marked until a reason is written', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2600, height: 1100 });
  await openTemplate(page);
  await page.getByLabel('Nhập tệp Excel').setInputFiles(merge('cam-xuyen.xlsx'));
  await page.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
  await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, CX, 'I.2', 'Tự chấm')).toHaveText('12,5');
  const c = cell(page, CX, 'I.2', 'Khối chấm');
  await c.click();
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(c).toHaveClass(/no-reason/);
  // Equal to tự chấm: nothing to explain.
  const same = cell(page, CX, 'I.1', 'Khối chấm');
  await same.click();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(same).not.toHaveClass(/no-reason/);
  await page.getByRole('tab', { name: 'Thẩm định' }).click();
  const missing = page.getByRole('table', { name: 'Điều chỉnh chưa ghi lý do' });
  await expect(missing.locator('tbody tr')).toHaveCount(1);
  await expect(missing.locator('tbody tr')).toContainText(CX);
  await expect(missing.locator('tbody tr')).toContainText('I.2');
  await expect(missing.locator('tbody tr')).toContainText('12,5');
  await page.getByRole('tab', { name: 'Phiếu chấm' }).click();
  await cell(page, CX, 'I.2', 'Khối chấm').click();
  page.once('dialog', (d) => d.accept('Thiếu minh chứng bằng khen'));
  await page.keyboard.press('Shift+F2');
  await expect(cell(page, CX, 'I.2', 'Khối chấm')).toHaveClass(/has-note/);
  await expect(cell(page, CX, 'I.2', 'Khối chấm')).not.toHaveClass(/no-reason/);
  await page.getByRole('tab', { name: 'Thẩm định' }).click();
  await expect(page.getByRole('table', { name: 'Điều chỉnh chưa ghi lý do' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

// #18 item 5: unit packs out, filled, back one at a time, by the unit's id.
test('packs for each unit go out as a zip and come back to their units one at a time', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2600, height: 1100 });
  await openTemplate(page);
  // What the units have scored so far goes out with their packs.
  for (const [unit, code, v] of [[CX, 'I.1', '20'], [DT, 'I.2', '14']]) {
    await cell(page, unit, code, 'Tự chấm').click();
    await page.keyboard.type(v);
    await page.keyboard.press('Enter');
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất phiếu cho từng đơn vị' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('bang-cham-diem-thi-dua-nam-2024-phieu-don-vi.zip');
  const dir = mkdtempSync(path.join(tmpdir(), 'chamdiem-packs-'));
  execFileSync('unzip', ['-q', await download.path(), '-d', dir]);
  expect(readdirSync(dir).sort()).toEqual(
    ['01-cam-xuyen.xlsx', '02-duc-tho.xlsx', '03-tx-ky-anh.xlsx', '04-ky-anh.xlsx', '05-tp-ha-tinh.xlsx']);
  // Cleared again, so that merging brings them back.
  await page.getByRole('button', { name: '↶ Hoàn tác' }).click();
  await page.getByRole('button', { name: '↶ Hoàn tác' }).click();
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('');
  await expect(cell(page, DT, 'I.2', 'Tự chấm')).toHaveText('');

  // A pack nobody filled: nothing to merge, and the preview says why.
  await page.getByLabel('Nhập tệp Excel').setInputFiles(path.join(dir, '03-tx-ky-anh.xlsx'));
  const preview = page.getByRole('dialog');
  await expect(preview).toContainText('Tệp này chưa có điểm nào nên không gộp được; mở nó như một bảng mới.');
  await expect(preview.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' })).toHaveCount(0);
  await preview.getByRole('button', { name: 'Hủy' }).click();

  const dialog = page.getByRole('dialog', { name: 'Gộp điểm từ các tệp đơn vị gửi về' });
  for (const [file, unit, code, want] of [
    [path.join(dir, '01-cam-xuyen.xlsx'), CX, 'I.1', '20'],
    [path.join(dir, '02-duc-tho.xlsx'), DT, 'I.2', '14'],
    // Filled in by openpyxl, its name line saying Cẩm Xuyên: Đức Thọ's by its id.
    [path.join(here, '..', 'fixtures', 'packs', 'duc-tho-da-dien.xlsx'), DT, 'II.1', '9'],
  ]) {
    await page.getByLabel('Nhập tệp Excel').setInputFiles(file);
    await expect(page.getByRole('dialog')).not.toContainText('chưa có điểm nào');
    await page.getByRole('button', { name: 'Gộp điểm vào bảng đang mở' }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${unit} (phiếu xuất cho đơn vị này)`);
    await expect(dialog).not.toContainText('mẫu khác');
    await dialog.getByRole('button', { name: 'Gộp vào bảng' }).click();
    await expect(dialog).toBeHidden();
    await expect(cell(page, unit, code, 'Tự chấm')).toHaveText(want);
  }
  await expect(cell(page, CX, 'I.1', 'Tự chấm')).toHaveText('20');
  await expect(cell(page, CX, 'II.1', 'Tự chấm')).toHaveText('');
  expect(errors).toEqual([]);
});
