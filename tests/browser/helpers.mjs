// Shared helpers for the browser tests.
export function watchConsole(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** "12,5" → 12.5; "⚠ 88" → 88; "87,25 · chưa đủ 21/22" → 87.25 (as text);
 *  "87,25\nchưa đủ 21/22" → 87.25 (as the footer draws it); "—" → NaN */
export const num = (t) => Number(String(t).replace('⚠', '').split(/·|\n/)[0].trim().replace(/\./g, '').replace(',', '.'));

export const cell = (page, unit, code, stage) =>
  page.getByRole('gridcell', { name: `${unit} · ${code} · ${stage}`, exact: true });

export const total = (page, unit, stage) => cell(page, unit, 'TỔNG ĐIỂM', stage);
export const rank = (page, unit, stage) => cell(page, unit, 'Xếp hạng', stage);

export const editor = (page) => page.locator('input.g-editor');

/** Competition ranks (1, 1, 3) of totals, highest first. */
export function ranksOf(totals) {
  return totals.map((t) => 1 + totals.filter((o) => o > t).length);
}

export const RANK_WORDS = { 1: 'Nhất', 2: 'Nhì', 3: 'Ba', 4: 'Tư' };
export const rankWord = (n) => RANK_WORDS[n] ?? `Thứ ${n}`;

/** The units dialog (open), after adding unit `n` named `name` through it. */
export async function addUnit(page, n, name) {
  const units = page.getByRole('dialog', { name: 'Các đơn vị được chấm' });
  await units.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await units.getByLabel(`Tên đơn vị ${n}`).fill(name);
  await units.getByLabel(`Tên đơn vị ${n}`).press('Tab');
  return units;
}
