// The dossier for the Ban Thi đua (#20): "Chốt kết quả" checks what is
// missing before sending, then freezes the results with a code that every
// printed page carries; "Xem bản in" prints the whole summary, every
// unit's phiếu and the Thẩm định list on A4.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchConsole, cell, editor } from './helpers.mjs';

const CODE = /Mã kết quả ([0-9A-F]{4}-[0-9A-F]{4})/;

async function lock(page) {
  await page.getByRole('button', { name: 'Chốt kết quả…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chốt kết quả trước khi gửi' });
  await dialog.getByRole('button', { name: /chốt kết quả/i }).click();
  await expect(dialog).toHaveCount(0);
  const banner = page.locator('.lock-banner');
  await expect(banner).toContainText(/Kết quả khối chấm đã chốt lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/);
  return (await banner.innerText()).match(CODE)[1];
}

test('the check lists what is missing; locked results take no edit until unlocked with a reason', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Chốt kết quả…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chốt kết quả trước khi gửi' });
  // The sample: khối chấm is the latest stage scored; two units wait for it.
  await expect(dialog.getByRole('combobox')).toHaveValue('1');
  const findings = dialog.locator('.lock-findings li');
  // One line a unit: what it lacks, its criteria without a reason together.
  await expect(findings.filter({ hasText: 'UBND huyện Đức Thọ: chưa chấm' })).toHaveCount(1);
  await expect(findings.filter({ hasText: /^UBND thành phố Hà Tĩnh: .*điểm khối chấm khác tự chấm, chưa ghi lý do ở \d+ tiêu chí: I\.1, / })).toHaveCount(1);
  await expect(findings).toHaveCount(6);
  await expect(dialog.locator('.status.warn')).toContainText('Có 6 đơn vị cần xem lại');
  // Tự chấm is complete everywhere in the sample: fewer to look at.
  await dialog.getByRole('combobox').selectOption('0');
  await expect(findings.filter({ hasText: /chưa chấm|chưa có điểm/ })).toHaveCount(0);
  await dialog.getByRole('combobox').selectOption('1');
  await dialog.getByRole('button', { name: 'Đóng' }).click();

  const code = await lock(page);
  // Typing on a locked cell: refused beside it at the first key, no editor
  // opens, the value unchanged; a click on another cell moves there.
  const c = cell(page, 'UBND thành phố Hà Tĩnh', 'I.1', 'Khối chấm');
  const before = await c.innerText();
  await c.click();
  await page.keyboard.type('5');
  await expect(page.locator('.g-refusal')).toContainText('Kết quả đã chốt nên không sửa được');
  // Nothing typed is kept there, so it does not say so.
  await expect(page.locator('.g-refusal')).not.toContainText('vẫn được giữ');
  await expect(editor(page)).toHaveValue('');
  const other = cell(page, 'UBND thành phố Hà Tĩnh', 'I.2', 'Khối chấm');
  const otherBefore = await other.innerText();
  await other.click();
  await page.keyboard.type('4');
  await expect(other).toHaveText(otherBefore);
  // Enter moves on, and the refusal (about the cell left) goes.
  await page.keyboard.press('Enter');
  await expect(page.locator('.g-refusal')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(c).toHaveText(before);
  // Delete is refused too; an edit from elsewhere is said on the banner.
  await c.click();
  await page.keyboard.press('Delete');
  await expect(c).toHaveText(before);
  // What would change the results elsewhere is greyed, saying why.
  for (const name of ['Thêm tiêu chí', 'Xóa tiêu chí', 'Đơn vị…']) {
    await expect(page.getByRole('button', { name })).toBeDisabled();
    await expect(page.getByRole('button', { name })).toHaveAttribute('title', /Kết quả đã chốt/);
  }
  // Undo cannot take the lock back.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.lock-banner')).toContainText(code);

  // Saved locked: a reload opens it locked, with the same code.
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.locator('.lock-banner')).toContainText(code);

  // Unlocking needs a reason, and is logged.
  await page.getByRole('button', { name: 'Mở khóa…' }).click();
  const unlock = page.getByRole('dialog', { name: 'Mở khóa kết quả đã chốt' });
  const button = unlock.getByRole('button', { name: 'Mở khóa', exact: true });
  await expect(button).toBeDisabled();
  await unlock.getByLabel('Lý do mở khóa').fill('Ban Thi đua yêu cầu sửa điểm tiêu chí I.1');
  await button.click();
  await expect(page.locator('.lock-banner')).toHaveCount(0);
  await c.click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(c).toHaveText('5');
  await page.getByRole('button', { name: 'Chốt kết quả…' }).click();
  const log = page.locator('.lock-log li');
  await expect(log).toHaveCount(2);
  await expect(log.nth(0)).toContainText(`chốt kết quả, mã ${code}`);
  await expect(log.nth(1)).toContainText('mở khóa');
  await expect(log.nth(1)).toContainText('Lý do: Ban Thi đua yêu cầu sửa điểm tiêu chí I.1');
  expect(errors).toEqual([]);
});

/** The text of each page of a PDF, by pdftotext (poppler-utils). */
function pdfPages(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'chamdiem-print-'));
  const file = join(dir, 'print.pdf');
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file]).toString();
  const n = Number(info.match(/Pages:\s+(\d+)/)[1]);
  const pages = [];
  for (let i = 1; i <= n; i++) {
    pages.push(execFileSync('pdftotext', ['-layout', '-f', String(i), '-l', String(i), file, '-']).toString());
  }
  return pages;
}

test('Xem bản in: the whole summary, every phiếu and Thẩm định on A4, the code on every page', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  const code = await lock(page);
  // Ctrl+P opens the print view, then the browser's print dialog (counted
  // here: headless Chromium's own would hold the page as printing).
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  await page.keyboard.press('Control+p');
  const view = page.getByRole('dialog', { name: /^Bản in/ });
  await expect(view).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.printed)).toBe(1);
  const sheets = view.locator('.print-page');
  // Tổng hợp, the six units' phiếu, Thẩm định.
  await expect(sheets).toHaveCount(8);
  const summary = sheets.first();
  await expect(summary.locator('tbody tr')).toHaveCount(6);
  await expect(summary.locator('tbody tr').first().locator('td.rank')).toHaveText('Nhất');
  await expect(summary.getByRole('columnheader', { name: /^I\. Thực hiện nhiệm vụ chính trị.*\(40\)$/ })).toBeVisible();
  await expect(summary).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await expect(summary).toContainText('TRƯỞNG KHỐI');

  await page.emulateMedia({ media: 'print' });
  // Only the print view prints: the grid is not on paper.
  await expect(page.locator('main')).toBeHidden();
  const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  expect(pages.length).toBeGreaterThanOrEqual(8);
  pages.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain(`Mã kết quả ${code}`);
    expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}/${pages.length}`);
  });
  const whole = pages.join('\n');
  expect(whole).toContain('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA');
  expect(whole).toContain('BẢNG ĐỐI CHIẾU ĐIỂM TỰ CHẤM, KHỐI CHẤM VÀ THẨM ĐỊNH');
  // Every unit's phiếu, whole: its last column and its last row are on paper.
  for (const unit of ['UBND thành phố Hà Tĩnh', 'UBND huyện Hương Sơn']) {
    const form = pages.filter((p) => p.includes(`Đơn vị: ${unit}`));
    expect(form.length, unit).toBeGreaterThan(0);
    const text = form.join('\n');
    expect(text).toContain('Ghi chú');
    expect(text).toContain('TỔNG ĐIỂM');
  }
  await page.emulateMedia({ media: 'screen' });
  await view.getByRole('button', { name: 'Đóng' }).click();
  await expect(view).toHaveCount(0);
  await expect(page.locator('main')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Hồ sơ gửi Ban: the meeting typed once, kept, and the dossier downloaded as a zip of the workbook and two documents', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await lock(page);
  // The meeting is a record: it may be typed on locked results.
  await page.getByRole('button', { name: 'Hồ sơ gửi Ban…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hồ sơ gửi Ban Thi đua - Khen thưởng' });
  await dialog.getByLabel('Số biên bản').fill('01/BB-KTĐ');
  await dialog.getByLabel('Thời gian họp').fill('14 giờ 00, ngày 05/12/2026');
  await dialog.getByLabel('Địa điểm').fill('Hội trường UBND thành phố Hà Tĩnh');
  await dialog.getByLabel('Chủ trì').fill('Ông Nguyễn Văn An');
  await dialog.getByLabel('Thư ký').fill('Bà Trần Thị Bình');
  await dialog.getByLabel(/^Thành viên dự họp/).fill('Ông A\nBà B\nÔng C\nBà D\nÔng E\nBà F\nÔng G');
  await dialog.getByRole('button', { name: 'Thêm đề nghị' }).click();
  // The first proposal is the unit ranked first, all members present voting.
  await expect(dialog.getByLabel('Đơn vị được đề nghị 1')).toHaveValue(/\d+/);
  await expect(dialog.getByLabel('Số thành viên bỏ phiếu 1')).toHaveValue('7');
  // A count over the voters is refused, said in the dialog, which stays
  // open with everything typed.
  await dialog.getByLabel('Số phiếu đồng ý 1').fill('8');
  await dialog.getByRole('button', { name: 'Đóng' }).click();
  await expect(dialog.getByRole('alert')).toContainText('số phiếu đồng ý lớn hơn số thành viên bỏ phiếu');
  await expect(dialog.getByLabel('Chủ trì')).toHaveValue('Ông Nguyễn Văn An');
  await dialog.getByLabel('Số phiếu đồng ý 1').fill('6');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Tải gói hồ sơ (.zip)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ho-so-thi-dua-khoi-cac-huyen-thi-xa-thanh-pho-nam-2024.zip');
  const listing = execFileSync('python3', ['-c',
    'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', await file.path()]).toString();
  expect(listing.trim().split('\n')).toEqual([
    'khoi-cac-huyen-thi-xa-thanh-pho-nam-2024.xlsx',
    'bien-ban-hop-khoi-khoi-cac-huyen-thi-xa-thanh-pho-nam-2024.docx',
    'bao-cao-ket-qua-khoi-cac-huyen-thi-xa-thanh-pho-nam-2024.docx',
  ]);
  // The biên bản inside holds what was typed and the votes.
  const minutes = execFileSync('python3', ['-c',
    'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); d = zipfile.ZipFile(__import__("io").BytesIO(z.read(z.namelist()[1]))); print(d.read("word/document.xml").decode())',
    await file.path()]).toString();
  expect(minutes).toContain('Số: 01/BB-KTĐ');
  expect(minutes).toContain('Ông Nguyễn Văn An');
  expect(minutes).toContain('6/7 phiếu đồng ý (85,7%)');
  // Dated by the meeting typed above.
  expect(minutes).toContain('ngày 05 tháng 12 năm 2026');
  await file.saveAs(test.info().outputPath('ho-so.zip'));
  await dialog.getByRole('button', { name: 'Đóng' }).click();
  // Kept with the scoresheet: there after a reload, the lock too.
  await page.waitForTimeout(1000);
  await page.reload();
  await page.getByRole('button', { name: 'Hồ sơ gửi Ban…' }).click();
  await expect(page.getByLabel('Chủ trì')).toHaveValue('Ông Nguyễn Văn An');
  await expect(page.getByLabel('Số phiếu đồng ý 1')).toHaveValue('6');
  await expect(page.locator('.lock-banner')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Hồ sơ gửi Ban: what is typed is kept without closing the dialog, through a reload', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Hồ sơ gửi Ban…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hồ sơ gửi Ban Thi đua - Khen thưởng' });
  await dialog.getByLabel('Thời gian họp').fill('14 giờ 00, ngày 05/12/2026');
  await dialog.getByLabel('Chủ trì').fill('Ông Nguyễn Văn An');
  await dialog.getByRole('button', { name: 'Thêm đề nghị' }).click();
  await dialog.getByLabel('Số phiếu đồng ý 1').fill('5');
  // A count that cannot be kept: said, and the rest is kept all the same.
  await dialog.getByLabel('Số thành viên bỏ phiếu 1').fill('4');
  await expect(dialog.getByRole('alert')).toContainText('số phiếu đồng ý lớn hơn số thành viên bỏ phiếu');
  await dialog.getByLabel('Thư ký').fill('Bà Trần Thị Bình');
  // The tab closed (or reloaded) with the dialog open, soon after the last key.
  await page.waitForTimeout(700);
  await page.reload();
  await page.getByRole('button', { name: 'Hồ sơ gửi Ban…' }).click();
  await expect(dialog.getByLabel('Thời gian họp')).toHaveValue('14 giờ 00, ngày 05/12/2026');
  await expect(dialog.getByLabel('Chủ trì')).toHaveValue('Ông Nguyễn Văn An');
  await expect(dialog.getByLabel('Thư ký')).toHaveValue('Bà Trần Thị Bình');
  // Within the half second: kept as the page goes away.
  await dialog.getByLabel('Chủ trì').fill('Bà Lê Thị Hoa');
  await page.reload();
  await page.getByRole('button', { name: 'Hồ sơ gửi Ban…' }).click();
  await expect(dialog.getByLabel('Chủ trì')).toHaveValue('Bà Lê Thị Hoa');
  expect(errors).toEqual([]);
});
