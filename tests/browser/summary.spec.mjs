// Results a Council can defend (#17): the final result takes thẩm định
// per criterion and khối chấm where it is blank, never self scores; every
// row says where its number comes from; the rule, the classification
// bands (checked before saving) and the Thẩm định tab's listing.
import { test, expect } from '@playwright/test';
import { watchConsole, num, cell } from './helpers.mjs';

const NOT_BLOC = ['UBND huyện Đức Thọ', 'UBND huyện Hương Sơn'];

async function summary(page) {
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  return page.getByRole('table', { name: 'Tổng hợp' });
}

const row = (page, table, unit) =>
  table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: unit, exact: true }) });

test('units the bloc has not scored wait, with their self total, unranked', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  const table = await summary(page);
  await expect(table.locator('tbody tr')).toHaveCount(6);
  // The sample: 22 criteria, the bloc scored four units completely.
  await expect(table.locator('tbody tr.pending')).toHaveCount(2);
  for (const u of NOT_BLOC) {
    const r = row(page, table, u);
    await expect(r.locator('td.total')).toContainText('chờ khối chấm');
    await expect(r.locator('td.total .own')).toContainText('tự chấm');
    await expect(r.locator('td.c-rank')).toHaveText('chưa xếp');
  }
  // Ranked rows first, by total, each saying where its number comes from.
  const ranked = table.locator('tbody tr:not(.pending)');
  await expect(ranked).toHaveCount(4);
  const finals = (await ranked.locator('td.total').allInnerTexts()).map(num);
  expect(finals).toEqual([...finals].sort((a, b) => b - a));
  await expect(ranked.first().locator('td.c-basis')).toContainText(/^Khối chấm \d+\/\d+/);
  // The headers show the maxima a unit can reach.
  await expect(table.getByRole('columnheader', { name: 'Tổng điểm (100)' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a verifier types only what she changes: the rest stays khối chấm', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2400, height: 1000 });
  await page.goto('./');
  let table = await summary(page);
  const leader = await table.locator('tbody tr').first().getByRole('rowheader').innerText();
  const before = num(await table.locator('tbody tr').first().locator('td.total').innerText());
  // I.1 (max 8): the bloc gave something; thẩm định lowers it to 1.
  await page.getByRole('tab', { name: 'Phiếu chấm' }).click();
  const bloc = num(await cell(page, leader, 'I.1', 'Khối chấm').innerText());
  await cell(page, leader, 'I.1', 'Thẩm định').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  table = await summary(page);
  const r = row(page, table, leader);
  const after = num(await r.locator('td.total').innerText());
  expect(Math.abs(after - (before - bloc + 1))).toBeLessThan(0.001);
  await expect(r.locator('td.c-basis')).toContainText(/Thẩm định 1\/\d+ · Khối chấm \d+\/\d+/);
  // The latest complete stage instead: thẩm định is not complete, so khối chấm.
  await page.getByLabel('Kết quả cuối lấy theo:').selectOption('latest');
  await expect(r.locator('td.total')).toHaveText(String(before).replace('.', ','));
  await expect(r.locator('td.c-basis')).toContainText(/^Khối chấm \d+\/\d+/);
  await page.getByLabel('Kết quả cuối lấy theo:').selectOption('merge');
  expect(errors).toEqual([]);
});

test('classification bands: overlapping ones are refused, nothing changes', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  const table = await summary(page);
  await expect(table.getByRole('columnheader', { name: 'Xếp loại' })).toBeVisible();
  await page.getByRole('button', { name: 'Xếp loại…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Các mức xếp loại' });
  // The sample's three bands, highest first.
  await expect(dialog.getByLabel('Tên mức 1')).toHaveValue('Xuất sắc');
  await expect(dialog.getByLabel('Từ (điểm) 3')).toHaveValue('70');
  // "Tốt" up to 96 overlaps "Xuất sắc" from 95.
  await dialog.getByLabel('Đến (điểm) 2').fill('96');
  await dialog.getByRole('button', { name: 'Lưu các mức' }).click();
  await expect(dialog.getByRole('alert')).toContainText('chồng lên nhau');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await page.getByRole('button', { name: 'Xếp loại…' }).click();
  await expect(dialog.getByLabel('Đến (điểm) 2')).toHaveValue('');
  // Remove every band: no classification column.
  for (let i = 0; i < 3; i++) {
    await dialog.getByRole('button', { name: 'Xóa 1' }).click();
  }
  await dialog.getByRole('button', { name: 'Lưu các mức' }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('columnheader', { name: 'Xếp loại' })).toHaveCount(0);
  // One step undoes it.
  await page.getByRole('tab', { name: 'Phiếu chấm' }).click();
  await page.getByRole('button', { name: '↶ Hoàn tác' }).click();
  await summary(page);
  await expect(table.getByRole('columnheader', { name: 'Xếp loại' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the Thẩm định tab names the units the bloc never scored', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.getByRole('tab', { name: 'Thẩm định' }).click();
  await expect(page.locator('.never-bloc')).toHaveText('Khối chưa chấm: Đức Thọ, Hương Sơn.');
  // The bloc's first is listed, with its rank in khối chấm.
  await expect(page.locator('.cmp-unit').first()).toContainText('Khối chấm xếp Nhất');
  expect(errors).toEqual([]);
});
