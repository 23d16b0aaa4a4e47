// The page loads, shows the sample scoresheet with its totals and ranks,
// and logs no console error.
import { test, expect } from '@playwright/test';

function watchConsole(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

test('sample scoresheet shows totals and ranks without console errors', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Chấm điểm thi đua' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Phiếu chấm' });
  await expect(table).toBeVisible();
  // Six units as columns, criteria as rows.
  await expect(table.locator('thead th.c-unit')).toHaveCount(6);
  await expect(table.getByRole('cell', { name: 'Tốc độ tăng trưởng kinh tế (GRDP) đạt và vượt kế hoạch' })).toBeVisible();
  // Totals read with a decimal comma and ranks are words.
  const totals = table.locator('tr.r-total td.c-unit');
  await expect(totals).toHaveCount(6);
  const texts = await totals.allInnerTexts();
  for (const t of texts) expect(t).toMatch(/^\d+(,\d+)?$/);
  const ranks = await table.locator('tr.r-rank td.c-unit').allInnerTexts();
  expect(ranks).toContain('Nhất');
  expect(ranks).toContain('Nhì');
  // The rank agrees with the totals: the unit ranked Nhất has the highest total.
  const values = texts.map((t) => Number(t.replace(',', '.')));
  const best = Math.max(...values);
  expect(values[ranks.indexOf('Nhất')]).toBe(best);
  expect(errors).toEqual([]);
});

test('stages switch and the summary ranks units', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Khối chấm' }).click();
  const table = page.getByRole('table', { name: 'Phiếu chấm' });
  const ranks = await table.locator('tr.r-rank td.c-unit').allInnerTexts();
  // The sample has khối chấm for four of six units.
  expect(ranks.filter((r) => r === 'chưa xếp')).toHaveLength(2);
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const summary = page.getByRole('table', { name: 'Tổng hợp' });
  await expect(summary.locator('tbody tr')).toHaveCount(6);
  const first = summary.locator('tbody tr').first();
  await expect(first.locator('td.c-rank')).toHaveText('Nhất');
  const finals = await summary.locator('tbody td.total').allInnerTexts();
  const nums = finals.map((t) => Number(t.replace(',', '.')));
  const sorted = [...nums].sort((a, b) => b - a);
  expect(nums).toEqual(sorted);
  expect(errors).toEqual([]);
});
