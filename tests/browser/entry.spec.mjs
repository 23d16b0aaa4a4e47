// Data entry habits beyond the grid's moves: notes with Shift+F2, leaving
// the grid with Esc then Tab, the help panel, the units dialog as a list
// typed or pasted, and a blank scoresheet.
import { test, expect } from '@playwright/test';
import { watchConsole, cell } from './helpers.mjs';

const KA = 'UBND thị xã Kỳ Anh';

test('a note typed with Shift+F2 shows on the cell, survives a reload and the export', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2400, height: 1000 });
  await page.goto('./');
  const c = cell(page, KA, 'I.2', 'Khối chấm');
  await c.click();
  page.once('dialog', (d) => d.accept('Trừ 0,5 điểm: báo cáo nộp chậm 3 ngày'));
  await page.keyboard.press('Shift+F2');
  await expect(c).toHaveAttribute('title', 'Trừ 0,5 điểm: báo cáo nộp chậm 3 ngày');
  await expect(c).toHaveClass(/has-note/);
  // Undoable like any edit.
  await page.keyboard.press('Control+z');
  await expect(c).not.toHaveClass(/has-note/);
  await page.keyboard.press('Control+y');
  await expect(c).toHaveClass(/has-note/);
  await expect(page.locator('.save-state')).toContainText('Đã lưu lúc');
  await page.reload();
  await expect(cell(page, KA, 'I.2', 'Khối chấm')).toHaveAttribute('title', 'Trừ 0,5 điểm: báo cáo nộp chậm 3 ngày');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất Excel' }).click(),
  ]);
  await page.getByLabel('Nhập tệp Excel').setInputFiles(await download.path());
  await page.getByRole('dialog').getByRole('button', { name: 'Dùng bảng chấm điểm này' }).click();
  await expect(cell(page, KA, 'I.2', 'Khối chấm')).toHaveAttribute('title', 'Trừ 0,5 điểm: báo cáo nộp chậm 3 ngày');
  expect(errors).toEqual([]);
});

test('Esc then Tab leaves the grid; F1 opens the help', async ({ page }) => {
  await page.goto('./');
  await cell(page, KA, 'I.2', 'Tự chấm').click();
  await page.keyboard.press('Tab');
  await expect(page.locator('input.g-editor')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(page.locator('input.g-editor')).not.toBeFocused();
  await cell(page, KA, 'I.2', 'Tự chấm').click();
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Phím tắt và cách dùng' });
  await expect(help).toContainText('Shift+F2');
  await expect(help).toContainText('Enter');
  await help.getByRole('button', { name: 'Đóng' }).click();
  await expect(help).toHaveCount(0);
  await page.getByRole('button', { name: 'Phím tắt và cách dùng' }).click();
  await expect(help).toBeVisible();
});

test('a unit added and named after a pause replaces its placeholder name', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Bảng trống' }).click();
  await page.getByRole('button', { name: 'Đơn vị…' }).click();
  const units = page.getByRole('dialog', { name: 'Các đơn vị được chấm' });
  await units.getByRole('button', { name: 'Thêm đơn vị' }).click();
  // She looks at the screen before typing (the name went after
  // "Đơn vị mới 1" when the caret ended up behind it).
  await page.waitForTimeout(400);
  await page.keyboard.type('UBND huyện Cẩm Xuyên');
  await expect(units.getByLabel('Tên đơn vị 1')).toHaveValue('UBND huyện Cẩm Xuyên');
});

test('units are typed as a list with Enter, or pasted from a column', async ({ page }) => {
  await page.setViewportSize({ width: 2600, height: 900 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Bảng trống' }).click();
  await expect(page.locator('.sheet-title')).toHaveText('Bảng chấm điểm mới');
  await page.getByRole('button', { name: 'Đơn vị…' }).click();
  const units = page.getByRole('dialog', { name: 'Các đơn vị được chấm' });
  await units.getByRole('button', { name: 'Thêm đơn vị' }).click();
  // The new row's name is focused and selected: typing replaces it.
  await page.keyboard.type('UBND huyện Hương Sơn');
  await page.keyboard.press('Enter');
  await page.keyboard.type('UBND huyện Đức Thọ');
  await page.keyboard.press('Enter');
  await expect(units.getByLabel('Tên đơn vị 3')).toBeFocused();
  // A column pasted from Excel: one unit a line, one undo step.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'UBND huyện Vũ Quang\r\nUBND huyện Hương Khê\r\nUBND huyện Can Lộc\r\n');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(units.getByLabel('Tên đơn vị 5')).toHaveValue('UBND huyện Can Lộc');
  await expect(units.getByLabel('Tên đơn vị 3')).toHaveValue('UBND huyện Vũ Quang');
  await expect(units.locator('li')).toHaveCount(5);
  await units.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('columnheader', { name: 'UBND huyện Can Lộc · Tự chấm' })).toBeVisible();
  await page.getByRole('gridcell', { name: 'UBND huyện Hương Sơn · I.1 · Tự chấm' }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('columnheader', { name: 'UBND huyện Can Lộc · Tự chấm' })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'UBND huyện Đức Thọ · Tự chấm' })).toHaveCount(1);
});

test('in the one-unit view a Ghi chú column beside each stage takes notes like cells', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByLabel('Đơn vị:').selectOption({ label: KA });
  const note = page.getByRole('gridcell', { name: `${KA} · I.2 · Ghi chú Khối chấm`, exact: true });
  await expect(page.getByRole('columnheader', { name: `${KA} · Ghi chú · Khối chấm` })).toBeVisible();
  await note.click();
  await page.keyboard.type('Nộp báo cáo chậm');
  await page.keyboard.press('Enter');
  await expect(note).toHaveText('Nộp báo cáo chậm');
  // The score cell carries it too, and Enter went on to the next criterion's note.
  await expect(cell(page, KA, 'I.2', 'Khối chấm')).toHaveAttribute('title', 'Nộp báo cáo chậm');
  await expect(page.getByRole('status', { name: 'Ô đang chọn' })).toContainText('I.3');
  await page.keyboard.press('Control+z');
  await expect(note).toHaveText('');
});
