// The page loads, shows the sample scoresheet with its totals and ranks,
// and logs no console error; the summary ranks, sorts and charts.
import { test, expect } from '@playwright/test';
import { watchConsole, num, total, rank, ranksOf, rankWord } from './helpers.mjs';

const UNITS = ['UBND thành phố Hà Tĩnh', 'UBND thị xã Hồng Lĩnh', 'UBND thị xã Kỳ Anh',
  'UBND huyện Cẩm Xuyên', 'UBND huyện Đức Thọ', 'UBND huyện Hương Sơn'];

test('sample scoresheet shows totals and ranks without console errors', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 2400, height: 1000 });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Chấm điểm thi đua' })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Phiếu chấm' });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: 'Tốc độ tăng trưởng kinh tế (GRDP) đạt và vượt kế hoạch' })).toBeVisible();
  const totals = [];
  for (const u of UNITS) {
    const t = await total(page, u, 'Tự chấm').innerText();
    expect(t).toMatch(/^\d+(,\d+)?$/);
    totals.push(num(t));
  }
  const ranks = ranksOf(totals);
  for (const [i, u] of UNITS.entries()) {
    await expect(rank(page, u, 'Tự chấm')).toHaveText(rankWord(ranks[i]));
  }
  expect(errors).toEqual([]);
});

test('the summary ranks by final result, sorts by Vietnamese name, and charts totals', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const summary = page.getByRole('table', { name: 'Tổng hợp' });
  await expect(summary.locator('tbody tr')).toHaveCount(6);
  await expect(summary.locator('tbody tr').first().locator('td.c-rank')).toHaveText('Nhất');
  // Ranked finals first, by total; the two units the bloc has not scored wait.
  const finals = (await summary.locator('tbody tr:not(.pending) td.total').allInnerTexts()).map(num);
  expect(finals).toHaveLength(4);
  expect(finals).toEqual([...finals].sort((a, b) => b - a));
  await expect(summary.locator('tbody tr.pending td.total')).toHaveCount(2);
  // Khối chấm: two of six units were not scored by the bloc.
  await page.getByRole('button', { name: 'Khối chấm' }).click();
  await expect(summary.locator('td.c-rank', { hasText: 'chưa xếp' })).toHaveCount(2);
  // By name, in Vietnamese order (Đ after D, Ư after U…).
  await page.getByLabel('Sắp xếp:').selectOption('name');
  const names = await summary.locator('tbody th').allInnerTexts();
  expect(names).toEqual([...UNITS].sort(new Intl.Collator('vi').compare));
  await expect(page.getByRole('img', { name: 'Biểu đồ tổng điểm' }).locator('rect')).toHaveCount(6);
  expect(errors).toEqual([]);
});
